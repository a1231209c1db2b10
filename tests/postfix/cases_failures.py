"""What Postfix does when an SMS cannot go: a permanent network refusal
bounces to the sender's mailbox with the DSN code, a stopped worker defers
and the flush sends once, a retry after the time budget or of a delivery
already made never sends twice, and refusals by the transport itself."""

import re
import subprocess

from cases_delivery import mail, sent_line
from postfixclient import SEED_NUMBER, SMS_DOMAIN, Gateway, case, check, sent, wait_until

BAD = "+32470000021"


def bounce_for(g, user, recipient):
    """The non-delivery report in user's Maildir about recipient."""
    def find():
        for m in g.postfix.mailbox(user):
            if "Undelivered" in str(m["Subject"]) and recipient in m.as_string():
                return m
        return None
    wait_until(find, 60, "a bounce in %s's mailbox" % user)
    return find()


@case
def permanent_error_bounces(b):
    # +CMS ERROR: 21 (short message transfer rejected) is permanent: 5.7.1.
    recipient = BAD + "@" + SMS_DOMAIN
    with Gateway(b, sim_args=["--cms-error", BAD + "=21"]) as g:
        qid = g.postfix.swaks("alice@example.com", recipient, data=mail("alice@example.com", recipient, "nope"))
        # pipe(8) takes the code from the output into dsn= and logs the rest.
        g.postfix.wait_log(r"%s: to=<%s>, relay=smsgate, .*dsn=5\.7\.1, status=bounced \(.*\+CMS ERROR: 21" %
                           (qid, re.escape(recipient)))
        report = bounce_for(g, "alice", recipient)
        text = report.as_string()
        check(re.search(r"Status: 5\.7\.1", text), "the DSN says 5.7.1:\n" + text)
        check("CMS ERROR: 21" in text, "the bounce gives the reason:\n" + text)
        check(sent(g.sim) == [], "nothing sent: %r" % sent(g.sim))
        # Postfix's bounce is the one word the sender gets: no report of the gateway's too.
        g.worker.wait_log(r"%s: failed \(dsn=5\.7\.1\): recorded without a mail: Postfix bounces it" % qid)
        mails = g.postfix.mailbox("alice")
        check(len(mails) == 1, "only the bounce: %r" % [str(m["Subject"]) for m in mails])


@case
def worker_stopped_defers(b):
    recipient = SEED_NUMBER + "@" + SMS_DOMAIN
    with Gateway(b) as g:
        g.worker.stop()
        qid = g.postfix.swaks("alice@example.com", recipient, data=mail("alice@example.com", recipient, "later"))
        g.postfix.wait_log(r"%s: to=<%s>, relay=smsgate, .*dsn=4\.3\.2, status=deferred \(.*smsgated is not "
                           r"running" % (qid, re.escape(recipient)))
        queue = g.postfix.mailq()
        check(re.search(r"^%s\s" % qid, queue, re.M) and "smsgated is not running" in queue,
              "postqueue -p shows the deferred mail:\n" + queue)
        g.worker.start()
        g.postfix.flush()
        g.postfix.wait_log(sent_line(qid, recipient))
        check(len(sent(g.sim)) == 1, "sent once: %r" % sent(g.sim))
        wait_until(lambda: qid not in g.postfix.mailq(), 20, "the queue emptied")


@case
def failed_after_time_budget(b):
    # The modem takes 8 s to refuse the SMS for good, the transport waits 5:
    # Postfix defers the mail (4.4.7). When the refusal comes, the worker has
    # Postfix deliver the mail again at once (postqueue -i), so the sender
    # gets Postfix's bounce now and not at its next retry minutes later, and
    # no report of the gateway's besides.
    recipient = BAD + "@" + SMS_DOMAIN
    with Gateway(b, sim_args=["--cmgs-delay-ms", "8000", "--cms-error", BAD + "=21"],
                 transport_options={"time_budget": 5}) as g:
        # Postfix's own retry is ten minutes away: only the worker can make it sooner.
        g.postfix.set_main(minimal_backoff_time="600s", maximal_backoff_time="1200s")
        qid = g.postfix.swaks("alice@example.com", recipient, data=mail("alice@example.com", recipient, "refused"))
        g.postfix.wait_log(r"%s: to=<%s>, relay=smsgate, .*dsn=4\.4\.7, status=deferred" %
                           (qid, re.escape(recipient)))
        g.worker.wait_log(r"%s: failed \(dsn=5\.7\.1\): recorded without a mail: Postfix bounces it at its next try"
                          % qid, timeout=30)
        g.worker.wait_log(r"%s: Postfix asked to deliver it now \(postqueue -i\)" % qid)
        # No flush here.
        g.postfix.wait_log(r"%s: to=<%s>, relay=smsgate, .*dsn=5\.7\.1, status=bounced \(.*\+CMS ERROR: 21" %
                           (qid, re.escape(recipient)), timeout=30)
        report = bounce_for(g, "alice", recipient)
        check("CMS ERROR: 21" in report.as_string(), "the bounce gives the reason")
        check(len(g.postfix.mailbox("alice")) == 1, "only the bounce")
        check(sent(g.sim) == [], "nothing sent: %r" % sent(g.sim))


@case
def retry_after_time_budget(b):
    # The modem takes 8 s to answer AT+CMGS, the transport waits 5: the
    # delivery is deferred (4.4.7) while the worker sends; the flush is
    # answered "already sent", and the SMS went out once.
    recipient = SEED_NUMBER + "@" + SMS_DOMAIN
    with Gateway(b, sim_args=["--cmgs-delay-ms", "8000"], transport_options={"time_budget": 5}) as g:
        qid = g.postfix.swaks("alice@example.com", recipient, data=mail("alice@example.com", recipient, "slow"))
        g.postfix.wait_log(r"%s: to=<%s>, relay=smsgate, .*dsn=4\.4\.7, status=deferred" %
                           (qid, re.escape(recipient)))
        g.worker.wait_log(r"%s: to=<.*>, relay=smsgate\[gsm0\], status=sent" % qid, timeout=30)
        g.postfix.flush()
        g.postfix.wait_log(r"%s: to=<%s>, relay=smsgate, .*status=sent \(.*2\.0\.0 already sent" %
                           (qid, re.escape(recipient)))
        check(len(sent(g.sim)) == 1, "one SMS: %r" % sent(g.sim))


@case
def same_delivery_twice(b):
    # pipe(8) runs the same delivery again when Postfix did not record the
    # first outcome (a crash between the exit and the queue update): the
    # same queue id, recipient and mail. One SMS, two 2.0.0 answers.
    recipient = SEED_NUMBER + "@" + SMS_DOMAIN
    raw = mail("alice@example.com", recipient, "only once", message_id="twice@client.example.com")
    with Gateway(b) as g:
        first = g.transport("3B2A1C0D9E", "alice@example.com", recipient, raw)
        check(first[0] == 0 and first[1].startswith("2.0.0 sent to +32477324847"), "first: %r" % (first,))
        again = g.transport("3B2A1C0D9E", "alice@example.com", recipient, raw)
        check(again[0] == 0 and again[1].startswith("2.0.0 already sent to +32477324847"), "again: %r" % (again,))
        check(len(sent(g.sim)) == 1, "one SMS: %r" % sent(g.sim))


@case
def transport_refusals(b):
    # Checks that do not need the modem: each bounces with its own code.
    with Gateway(b) as g:
        cases = [
            ("alice@example.com", "+3212@" + SMS_DOMAIN, "hello", r"5\.1\.3", 69),
            ("alice@example.com", "call-me@" + SMS_DOMAIN, "hello", r"5\.1\.3", 69),
            ("alice@example.com", "+3290012345@" + SMS_DOMAIN, "hello", r"5\.7\.1", 69),
            ("mallory@other.example", SEED_NUMBER + "@" + SMS_DOMAIN, "hello", r"5\.7\.1", 69),
            ("alice@example.com", SEED_NUMBER + "@" + SMS_DOMAIN, "", r"5\.6\.0", 65),
        ]
        for n, (sender, recipient, body, dsn, status) in enumerate(cases):
            code, out = g.transport("5EF00%d" % n, sender, recipient, mail(sender, recipient, body))
            check(code == status and re.match(dsn + " ", out), "%s -> %s: %d %r" % (sender, recipient, code, out))
        # The same through Postfix: the bounce reaches the sender's mailbox.
        recipient = "+3212@" + SMS_DOMAIN
        qid = g.postfix.swaks("bob@example.com", recipient, data=mail("bob@example.com", recipient, "hi"))
        g.postfix.wait_log(r"%s: to=<%s>, relay=smsgate, .*dsn=5\.1\.3, status=bounced" % (qid, re.escape(recipient)))
        bounce_for(g, "bob", recipient)
        # Run as root (a master.cf without user=): refused, the mail stays
        # queued (75) with the configuration error's code.
        out = subprocess.run([b["transport"], "-c", g.worker.config, "--", "5EF0099", "alice@example.com",
                              SEED_NUMBER + "@" + SMS_DOMAIN], input=mail("alice@example.com", "x", "hi"),
                             capture_output=True, text=True, timeout=60)
        check(out.returncode == 75 and out.stdout.startswith("4.3.5 smsgate-transport refuses to run as root"),
              "as root: %d %r" % (out.returncode, out.stdout))
        # A mail larger than [sms] max_message_size: 5.3.4, read to its end.
        large = mail("alice@example.com", "x", "y" * (11 * 1024 * 1024))
        code, out = g.transport("5EF0098", "alice@example.com", SEED_NUMBER + "@" + SMS_DOMAIN, large)
        check(code == 69 and re.match(r"5\.3\.4 the message has %d bytes; an SMS message may have 10485760" %
                                      len(large.encode()), out),
              "too large: %d %r" % (code, out))
        check(sent(g.sim) == [], "nothing sent: %r" % sent(g.sim))
