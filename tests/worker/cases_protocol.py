"""The worker's socket under bad clients, and long incoming SMS whose parts
come out of order, never complete, or were left behind by a crash."""

import os
import re
import socket
import sqlite3
import time

from workerclient import SEED_NUMBER, Sim, Worker, case, check, wait_until


def raw_exchange(path, data, timeout=10):
    """Sends bytes as they are; gives what comes back until the worker closes."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(path)
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the worker stopped reading at the bound: what it said still counts
        reply = b""
        while True:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            reply += chunk
    return reply.decode(errors="replace")


@case
def bad_requests(b):
    with Sim(b["sim"]) as sim, Worker(b, {"gsm0": sim}) as w:
        cases = {
            "no version": b"request=status\n\n",
            "newer version": b"smsgate=2\nrequest=status\n\n",
            "no equals sign": b"smsgate=1\ngarbage\n\n",
            "unknown escape": b"smsgate=1\nrequest=sub\\qmit\n\n",
            "binary": bytes(range(256)) + b"\n\n",
        }
        for what, data in cases.items():
            reply = raw_exchange(w.socket, data)
            check("status=permanent" in reply and "dsn=5.5.2" in reply, "%s: %r" % (what, reply))
        # Larger than the bound: refused, and nothing kept growing.
        reply = raw_exchange(w.socket, b"smsgate=1\ntext=" + b"a" * (200 * 1024))
        check("larger than" in reply, "oversized: %r" % reply[:200])
        # A well-formed but unknown request is answered; the connection stays usable.
        unknown = w.request([("request", "frobnicate")], 5)
        check(unknown.get("dsn") == "5.5.1", "unknown request: %r" % unknown)
        missing = w.request([("request", "submit"), ("queue_id", "X1")])
        check(missing.get("status") == "permanent" and missing.get("dsn") == "5.5.2", "missing fields: %r" % missing)
        bad_number = w.submit("not-a-number", "hello", "X2")
        check(bad_number.get("status") == "permanent" and bad_number.get("dsn") == "5.1.3", "%r" % bad_number)
        # A client that goes away while its job is sent does not disturb anything.
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(w.socket)
            s.sendall(b"smsgate=1\nrequest=submit\nqueue_id=X3\nrecipient=r\nnumber=" + SEED_NUMBER.encode() +
                      b"\ntext=left behind\n\n")
        w.wait_log(r"X3: .*status=sent")
        # After all of that the worker still answers and sends.
        r = w.submit(SEED_NUMBER, "still here", "X4")
        check(r.get("status") == "sent", "sent after bad clients: %r" % r)
        check(w.process.poll() is None, "the worker is alive")


@case
def long_sms_out_of_order(b):
    text = "This answer is long enough to need three parts of an SMS. " * 6
    text = text.strip()
    with Sim(b["sim"]) as sim, Worker(b, {"gsm0": sim}) as w:
        parts = int(sim.ok("inject-parts --ref16 +32477000222 3,1,2 " + text))
        check(parts == 3, "three parts injected: %r" % parts)
        lines = w.wait_log(r'received: modem=gsm0, from=<\+32477000222>, .*parts=3, text="([^"]*)"')
        check(len(lines) == 1, "one message, not three: %r" % lines)
        # The log shortens long texts; the start shows the order is right.
        check(text.startswith(lines[0].rstrip(".")), "reassembled in order: %r" % lines[0])


@case
def long_sms_part_missing(b):
    text = "Part one is here, part two never comes, part three is here too. " * 5
    with Sim(b["sim"]) as sim, Worker(b, {"gsm0": sim}, worker_options={"incoming_part_timeout": "3"}) as w:
        parts = int(sim.ok("inject-parts +32477000333 1,3 " + text.strip()))
        check(parts == 3, "parts 1 and 3 of three injected: %r" % parts)
        w.wait_log(r"long SMS from \+32477000333 incomplete after 3 s", timeout=30)
        lines = w.wait_log(r'received: modem=gsm0, from=<\+32477000333>, .*missing=2, text="([^"]*)"')
        check(len(lines) == 1, "delivered once, marked: %r" % lines)
        wait_until(lambda: sim.records("storage") == [], 20, "the parts deleted from the modem")
        check(w.log_count(r"long SMS from \+32477000333 incomplete") == 1, "delivered once")


@case
def long_sms_reference_reused(b):
    """One sender uses reference 7 for two long SMS at once: part 1 of the
    first waits for its part 2 while the whole second one comes. Both are
    delivered, whole, once each; nothing is dropped."""
    first = ("X-ray is the first message, sent with reference seven. " * 4).strip()
    second = ("Yankee is the second message, with the same reference. " * 4).strip()
    with Sim(b["sim"]) as sim, Worker(b, {"gsm0": sim}) as w:
        check(sim.ok("inject-parts --ref=7 +32477000666 1 " + first) == "2", "two parts, the first injected")
        wait_until(lambda: sim.records("storage") == [], 20, "part 1 of the first read and deleted")
        check(sim.ok("inject-parts --ref=7 +32477000666 1,2 " + second) == "2", "the second injected")
        w.wait_log(r'received: modem=gsm0, from=<\+32477000666>, .*parts=2, text="Yankee is the second', 30)
        w.wait_log(r"long SMS from \+32477000666: reference 7 is used by 2 messages at once")
        check(w.log_count(r"received: .*X-ray") == 0, "the first still waits for its part 2")
        check(sim.ok("inject-parts --ref=7 +32477000666 2 " + first) == "2", "part 2 of the first injected")
        w.wait_log(r'received: modem=gsm0, from=<\+32477000666>, .*parts=2, text="X-ray is the first', 30)
        received = re.findall(r"received: modem=gsm0, from=<\+32477000666>.*", w.log())
        check(len(received) == 2, "two messages: %r" % received)
        check(not [r for r in received if "missing" in r], "both whole: %r" % received)


@case
def long_sms_left_behind(b):
    """Parts that wait in the database with nothing left to complete them:
    a whole set that was never mailed (as a crash of the version before
    schema 3 could leave it: no rows, no alphanumeric flag) goes out once,
    whole, from a name; a set completed by a row whose hand-over failed
    waits for that row to be handed on again, and goes out without it once
    the row has had its time (the message is no longer on the modem)."""
    timeout = 3
    with Sim(b["sim"]) as sim, \
            Worker(b, {"gsm0": sim}, worker_options={"incoming_part_timeout": str(timeout)},
                   sections={"mail": {"sendmail": "/bin/false"}}) as w:
        w.stop()
        now = int(time.time())
        db = sqlite3.connect(os.path.join(w.dir, "smsgate.db"))
        with db:
            for seq in (1, 2):
                db.execute("INSERT INTO incoming_parts (modem, originator, ref, ref_bits, total, seq, text, scts, "
                           "received) VALUES ('gsm0', 'Bank', 9, 8, 2, ?, ?, 0, ?)",
                           (seq, "Left behind part %d " % seq, now - 100))
            # Part 1 of 2 handed on; part 2 stored, but its row (slot 7,
            # empty on the modem) failed to be handed on and is still fresh.
            db.execute("INSERT INTO incoming (id, modem, storage, slot, pdu_hex, mti, state, received) "
                       "VALUES (600, 'gsm0', 'SM', 6, '00', 0, 'deleted', ?)", (now - 100,))
            db.execute("INSERT INTO incoming (id, modem, storage, slot, pdu_hex, mti, state, received) "
                       "VALUES (601, 'gsm0', 'SM', 7, '00', 0, 'fresh', ?)", (now,))
            for seq, text, row in ((1, "first half ", 600), (2, "second half", 601)):
                db.execute("INSERT INTO incoming_parts (modem, originator, ref, ref_bits, total, seq, text, scts, "
                           "received, incoming_row) VALUES ('gsm0', '+32477000555', 7, 8, 2, ?, ?, 0, ?, ?)",
                           (seq, text, now - 100, row))
        db.close()

        started = time.monotonic()
        w.start()
        w.wait_log(r"gsm0: long SMS from Bank complete but never delivered; delivering it now", timeout=30)
        lines = w.wait_log(r'received: modem=gsm0, from=<Bank>, .*parts=2, text="([^"]*)"')
        check(lines == ["Left behind part 1 Left behind part 2 "], "whole, in order: %r" % lines)
        check(w.log_count(r"from=<\+32477000555>") == 0, "the other set waits for its fresh row")

        w.wait_log(r"gsm0: long SMS from \+32477000555: a part's message was never handed on again", timeout=30)
        waited = time.monotonic() - started
        lines = w.wait_log(r'received: modem=gsm0, from=<\+32477000555>, .*parts=2, text="([^"]*)"')
        check(lines == ["first half second half"], "delivered whole: %r" % lines)
        check(waited >= timeout, "it waited for the fresh row (%.1f s)" % waited)

        db = sqlite3.connect(os.path.join(w.dir, "smsgate.db"))
        try:
            wait_until(lambda: db.execute("SELECT count(*) FROM incoming_parts").fetchone()[0] == 0, 10,
                       "no parts left")
            mails = dict(db.execute("SELECT key, message FROM outbox").fetchall())
        finally:
            db.close()
        check(sorted(k.rsplit(":", 1)[0] for k in mails) == ["parts:gsm0:+32477000555:7:8:2", "parts:gsm0:Bank:9:8:2"],
              "one mail each: %r" % sorted(mails))
        bank = [m for k, m in mails.items() if ":Bank:" in k][0]
        check("<Bank@invalid>" in bank and "missing" not in bank, "from a name, nothing missing:\n" + bank)


@case
def undecodable_pdu_mailed(b):
    """A PDU the decoder cannot read (its user data length says 32 septets,
    7 octets follow) is kept in the database, deleted from the modem, and
    mailed once to the default mailbox with the PDU, so that the
    administrator sees it."""
    pdu = "07912374151616F6040B912374374248F7000070119161053340" + "20" + "CF35885E9ED301"
    with Sim(b["sim"]) as sim, \
            Worker(b, {"gsm0": sim}, sections={"mail": {"sendmail": "/bin/false",
                                                        "default_mailbox": "sms-desk@example.com"}}) as w:
        check(sim.ok("inject-pdu --raw " + pdu) == "raw", "injected")
        lines = w.wait_log(r"gsm0: undecodable PDU kept in the database \(incoming row (\d+)\): (.+), pdu=" + pdu)
        row = int(lines[0][0])
        w.wait_log(r"gsm0: undecodable PDU to <sms-desk@example\.com>, queued as undecodable:%d" % row)
        wait_until(lambda: sim.records("storage") == [], 20, "deleted from the modem")
        db = sqlite3.connect(os.path.join(w.dir, "smsgate.db"))
        try:
            mails = db.execute("SELECT key, recipient, message FROM outbox").fetchall()
            kept = db.execute("SELECT pdu_hex FROM incoming WHERE id = ?", (row,)).fetchall()
        finally:
            db.close()
        check(len(mails) == 1 and mails[0][:2] == ("undecodable:%d" % row, "sms-desk@example.com"),
              "one mail to the default mailbox: %r" % [m[:2] for m in mails])
        body = mails[0][2]
        check("Subject: SMS on modem gsm0 that smsgate could not read" in body and
              "Content-Transfer-Encoding: 7bit" in body and pdu in body.replace("\r\n", ""),
              "subject and PDU: %r" % body)
        check(kept == [(pdu,)], "the PDU kept: %r" % kept)
        # Handed on again after a restart (as after a crash): no second mail.
        w.stop()
        db = sqlite3.connect(os.path.join(w.dir, "smsgate.db"))
        with db:
            db.execute("UPDATE incoming SET state = 'fresh', slot = -1 WHERE id = ?", (row,))
        db.close()
        w.start()
        w.wait_log(r"undecodable PDU kept in the database \(incoming row %d\)" % row, count=2)
        db = sqlite3.connect(os.path.join(w.dir, "smsgate.db"))
        try:
            count = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
        finally:
            db.close()
        check(count == 1, "still one mail: %d" % count)
