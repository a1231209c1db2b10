"""The worker's socket under bad clients, and long incoming SMS whose parts
come out of order or never complete."""

import socket

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
