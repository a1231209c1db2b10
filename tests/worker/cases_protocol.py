"""The worker's socket under bad clients, and long incoming SMS whose parts
come out of order, never complete, or were left behind by a crash."""

import os
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
def long_sms_left_behind(b):
    """Parts of long SMS that an older version left in the database after a
    crash: a set whose mail was queued already is dropped without a second
    mail; a complete set with no mail goes out once, whole, and keeps the
    alphanumeric originator it was stored with."""
    with Sim(b["sim"]) as sim, \
            Worker(b, {"gsm0": sim}, worker_options={"incoming_part_timeout": "3"},
                   sections={"mail": {"sendmail": "/bin/false"}}) as w:
        w.stop()
        db = sqlite3.connect(os.path.join(w.dir, "smsgate.db"))
        with db:
            for row in (500, 501):
                db.execute("INSERT INTO incoming (id, modem, storage, slot, pdu_hex, mti, state, received) "
                           "VALUES (?, 'gsm0', 'SM', ?, '00', 0, 'deleted', 1000)", (row, row))
            # Sent recently: sent mails are forgotten after 30 days.
            now = int(time.time())
            db.execute("INSERT INTO outbox (key, envelope_sender, recipient, message, state, created, next_try, "
                       "sent_at) VALUES ('incoming:501', '', 'bob@example.com', '', 'sent', ?, ?, ?)",
                       (now - 60, now - 60, now - 50))
            # Mailed with row 501: both parts still there.
            for seq, row in ((1, 500), (2, 501)):
                db.execute("INSERT INTO incoming_parts (modem, originator, ref, ref_bits, total, seq, text, scts, "
                           "received, incoming_row) VALUES ('gsm0', '+32477000555', 7, 8, 2, ?, ?, 0, 1000, ?)",
                           (seq, "mailed %d " % seq, row))
            # Never mailed, from a name, stored before rows were recorded.
            for seq in (1, 2):
                db.execute("INSERT INTO incoming_parts (modem, originator, ref, ref_bits, total, seq, text, scts, "
                           "received, alphanumeric) VALUES ('gsm0', 'Bank', 9, 8, 2, ?, ?, 0, 1000, 1)",
                           (seq, "Left behind part %d " % seq))
        db.close()

        w.start()
        w.wait_log(r"gsm0: parts of a long SMS from \+32477000555 were mailed already; dropped", timeout=30)
        w.wait_log(r"gsm0: long SMS from Bank complete but never delivered; delivering it now", timeout=30)
        lines = w.wait_log(r'received: modem=gsm0, from=<Bank>, .*parts=2, text="([^"]*)"')
        check(lines == ["Left behind part 1 Left behind part 2 "], "whole, in order: %r" % lines)
        db = sqlite3.connect(os.path.join(w.dir, "smsgate.db"))
        try:
            wait_until(lambda: db.execute("SELECT count(*) FROM incoming_parts").fetchone()[0] == 0, 10,
                       "no parts left")
            mails = db.execute("SELECT key, message FROM outbox WHERE key <> 'incoming:501'").fetchall()
        finally:
            db.close()
        check(len(mails) == 1 and mails[0][0].startswith("parts:gsm0:Bank:9:8:2:"), "one new mail: %r" %
              [k for k, _ in mails])
        check("<Bank@invalid>" in mails[0][1] and "missing" not in mails[0][1],
              "an unanswerable sender, nothing missing:\n" + mails[0][1])
        check(w.log_count(r"mailed %d" % 1) == 0 and w.log_count(r"\+32477000555>.*text=") == 0,
              "the mailed set not handed on again")
