"""+CMS ERROR from the network: a permanent one fails the message at once
while the next one still goes; a temporary one is retried with backoff, and
after max_attempts the delivery goes back to Postfix, whose retry finds the
job."""

import re

from workerclient import Sim, Worker, case, check, commands, sent

BAD = "+32470000021"
GOOD = "+32477324847"
BUSY = "+32470000038"


@case
def permanent_cms_error(b):
    # +CMS ERROR: 21, short message transfer rejected: permanent (5.7.1). The
    # delay keeps the bad message in flight while the good one is submitted.
    with Sim(b["sim"], "--cms-error", BAD + "=21", "--cmgs-delay-ms", "300") as sim, \
            Worker(b, {"gsm0": sim}) as w:
        bad = w.submit_in_background(BAD, "never arrives", "B0000001")
        w.wait_log(r"B0000001: to=<.*>, number=\+32470000021, job=\d+, queued")
        good = w.submit_in_background(GOOD, "still goes", "B0000002")
        r = bad.result()
        check(r.get("status") == "permanent" and r.get("dsn", "").startswith("5."), "bad number: %r" % r)
        check("+CMS ERROR: 21" in r.get("text", ""), "the reason names the error: %r" % r)
        g = good.result()
        check(g.get("status") == "sent" and g.get("dsn") == "2.0.0", "the next message: %r" % g)
        check([s["to"] for s in sent(sim)] == [GOOD], "only the good one sent: %r" % sent(sim))
        check(len(commands(sim, "AT+CMGS=")) == 2, "one AT+CMGS each, no retry: %r" % commands(sim, "AT+CMGS="))
        w.wait_log(r"B0000001: to=<.*>, relay=smsgate\[gsm0\], status=bounced \(5\.7\.1 .*\+CMS ERROR: 21")
        check(w.log_count(r"B0000001: .*temporary") == 0, "never taken for temporary")
        history = w.ctl("history")
        check(re.search(r"B0000001 \+32470000021 failed gsm0 5\.7\.1", history.stdout), "history:\n" + history.stdout)


@case
def temporary_cms_error(b):
    # +CMS ERROR: 38, network out of order: temporary (4.4.1). retry_seconds
    # is 1 in the harness: the retry comes a second later.
    with Sim(b["sim"], "--cms-error", BUSY + "=38") as sim, Worker(b, {"gsm0": sim}) as w:
        pending = w.submit_in_background(BUSY, "after a retry", "C0000001")
        w.wait_log(r"C0000001: gsm0: \+CMS ERROR: 38 \(.*\), temporary; retry in 1 s")
        sim.ok("set cms-error %s none" % BUSY)
        r = pending.result()
        check(r.get("status") == "sent" and r.get("dsn") == "2.0.0", "sent on the retry: %r" % r)
        check(len(commands(sim, "AT+CMGS=")) == 2, "two attempts: %r" % commands(sim, "AT+CMGS="))
        check([s["to"] for s in sent(sim)] == [BUSY], "sent once: %r" % sent(sim))
        check(w.log_count(r"C0000001: gsm0: \+CMS ERROR: 38") == 1, "one failure logged")

    with Sim(b["sim"], "--cms-error", BUSY + "=38") as sim, \
            Worker(b, {"gsm0": sim}, {"max_attempts": 2}) as w:
        r = w.submit(BUSY, "deferred to Postfix", "C0000002")
        check(r.get("status") == "temporary" and r.get("dsn", "").startswith("4."), "given back: %r" % r)
        check("+CMS ERROR: 38" in r.get("text", ""), "the reason names the error: %r" % r)
        check(len(commands(sim, "AT+CMGS=")) == 2, "max_attempts 2: %r" % commands(sim, "AT+CMGS="))
        w.wait_log(r"C0000002: to=<.*>, relay=smsgate\[gsm0\], status=deferred \(4\.4\.1 ")
        check(sent(sim) == [], "nothing sent")
        sim.ok("set cms-error %s none" % BUSY)
        # Postfix's retry: the same queue id, recipient and Message-ID.
        again = w.submit(BUSY, "deferred to Postfix", "C0000002")
        check(again.get("status") == "sent" and again.get("dsn") == "2.0.0", "the retry sends: %r" % again)
        check(again.get("job") == r.get("job"), "the same job: %r %r" % (again, r))
        check([s["to"] for s in sent(sim)] == [BUSY], "sent once: %r" % sent(sim))
        check(len(commands(sim, "AT+CMGS=")) == 3, "one more attempt: %r" % commands(sim, "AT+CMGS="))
