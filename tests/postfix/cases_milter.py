"""smsgate-milter in a real Postfix: the exact reply of every row of the
milter table as swaks sees it, a mixed message where only the SMS recipient
is refused, the X-SMS-Parts header on an accepted message, and a reload
(of the senders table, and of a quota database that could not be opened)."""

import os
import re
import shutil
import tempfile

from cases_delivery import mail
from postfixclient import (MILTER_SOCKET, SEED_NUMBER, SMS_DOMAIN, Gateway, case, check, clear_of_hour_end, run,
                           sent, shared_quota_book, wait_until)
from smtpdialog import Dialogue

# Who may do what, one entry per row of the table.
MILTER_SENDERS = """\
ps@example.com        allow prefix=PS parts=2 notify=all
@example.com          allow recipients=2
@nl.example.com       allow destinations=NL
@auth.example.com     allow auth=yes
quota@example.com     allow quota=1/hour
@broken.example.com   allow quota=5/day
default               reject only example.com may send SMS
"""


def sms(number):
    return number + "@" + SMS_DOMAIN


def rcpt_reply(transcript, recipient):
    """The server's reply to RCPT TO:<recipient> in a swaks transcript."""
    m = re.search(r"-> RCPT TO:<%s>\s*\n<\*?\*?-? *(\d{3}[ -][^\n]*)" % re.escape(recipient), transcript)
    check(m, "no reply to RCPT TO:<%s> in:\n%s" % (recipient, transcript))
    return m.group(1)


def data_reply(transcript):
    """The server's reply to the end of the data."""
    m = re.search(r"-> \.\s*\n<\*?\*?-? *(\d{3}[ -][^\n]*)", transcript)
    check(m, "no reply to the end of data in:\n" + transcript)
    return m.group(1)


@case
def milter_replies(b):
    with Gateway(b, milter=True, senders=MILTER_SENDERS,
                 milter_options={"quota_database": "/nonexistent/dir/quota.db"}) as g:
        rows = [
            ("alice@example.com", sms("call-me"), r"553 5\.1\.3 'call-me' is not a phone number"),
            ("alice@example.com", sms("+3212"), r"553 5\.1\.3 \+3212 is not a valid number for Belgium"),
            ("alice@example.com", sms("+3290012345"), r"550 5\.7\.1 \+3290012345 is a premium-rate number"),
            ("jan@nl.example.com", sms(SEED_NUMBER),
             r"550 5\.7\.1 SMS to \+32477324847 are not allowed for this sender \(allowed: NL\)"),
            ("mallory@other.example", sms(SEED_NUMBER), r"550 5\.7\.1 only example\.com may send SMS"),
            ("carol@auth.example.com", sms(SEED_NUMBER),
             r"530 5\.7\.0 sender carol@auth\.example\.com must authenticate \(SMTP AUTH\) to send SMS"),
            # The quota book cannot be opened: a sender with a quota waits.
            ("eve@broken.example.com", sms(SEED_NUMBER), r"451 4\.3\.0 "),
        ]
        for sender, recipient, want in rows:
            code, transcript = g.postfix.transcript(sender, recipient, mail(sender, recipient, "hello"))
            reply = rcpt_reply(transcript, recipient)
            check(re.match(want, reply), "%s -> %s: %r, want /%s/" % (sender, recipient, reply, want))
            check(code != 0, "swaks noticed the refusal")

        # Too many SMS recipients: the third of @example.com waits (452 4.5.3).
        rcpts = [sms("+32477324847"), sms("+32477324848"), sms("+32477324849")]
        code, transcript = g.postfix.transcript("alice@example.com", ",".join(rcpts),
                                                mail("alice@example.com", rcpts[0], "three"))
        check([rcpt_reply(transcript, r)[:3] for r in rcpts] == ["250", "250", "452"], transcript)
        check(re.match(r"452 4\.5\.3 too many SMS recipients: at most 2", rcpt_reply(transcript, rcpts[2])),
              transcript)

        # No text, and too many parts: refused at the end of the data.
        code, transcript = g.postfix.transcript("alice@example.com", sms(SEED_NUMBER),
                                                mail("alice@example.com", sms(SEED_NUMBER), ""))
        check(re.match(r"550 5\.6\.0 no text for an SMS in the message", data_reply(transcript)), transcript)
        code, transcript = g.postfix.transcript("ps@example.com", sms(SEED_NUMBER),
                                                mail("ps@example.com", sms(SEED_NUMBER), "x" * 400))
        check(re.match(r"552 5\.3\.4 the message needs 3 SMS parts \(GSM 7-bit\), at most 2 are allowed",
                       data_reply(transcript)), transcript)
        # Only the two recipients accepted went out.
        wait_until(lambda: len(sent(g.sim)) >= 2, 30, "the two accepted SMS")
        check(sorted((s["to"], s["text"]) for s in sent(g.sim)) ==
              [("+32477324847", "three"), ("+32477324848", "three")], "nothing refused was sent: %r" % sent(g.sim))
        # Postfix logs the milter's verdicts under its own queue ids.
        g.postfix.wait_log(r"milter-reject: RCPT from [^:]+: 553 5\.1\.3 'call-me' is not a phone number")


@case
def milter_quota(b):
    with Gateway(b, milter=True, senders=MILTER_SENDERS) as g:
        clear_of_hour_end(60)
        first = g.postfix.swaks("quota@example.com", sms(SEED_NUMBER),
                                mail("quota@example.com", sms(SEED_NUMBER), "one"))
        g.postfix.wait_log(r"%s: to=<.*>, relay=smsgate, .*status=sent" % first)
        code, transcript = g.postfix.transcript("quota@example.com", sms(SEED_NUMBER),
                                                mail("quota@example.com", sms(SEED_NUMBER), "two"))
        check(re.match(r"450 4\.7\.1 .*quota of 1 SMS per hour", rcpt_reply(transcript, sms(SEED_NUMBER))),
              transcript)
        check(len(sent(g.sim)) == 1, "one SMS: %r" % sent(g.sim))


@case
def milter_mixed_message(b):
    # One normal and one SMS recipient: only the SMS recipient is refused;
    # the mail reaches the normal one.
    with Gateway(b, milter=True, senders=MILTER_SENDERS) as g:
        bad = sms("+3290012345")
        code, transcript = g.postfix.transcript("alice@example.com", "bob@example.com," + bad,
                                                mail("alice@example.com", "bob@example.com", "for bob"))
        check(rcpt_reply(transcript, "bob@example.com").startswith("250"), transcript)
        check(rcpt_reply(transcript, bad).startswith("550 5.7.1"), transcript)
        check(data_reply(transcript).startswith("250 2.0.0 Ok: queued"), transcript)
        wait_until(lambda: g.postfix.mailbox("bob"), 30, "the mail in bob's mailbox")
        got = g.postfix.mailbox("bob")[0]
        check("for bob" in got.get_content(), "bob's mail: %r" % got.as_string())
        check(got["X-SMS-Parts"] is None, "no SMS header on a mail without SMS recipients")


@case
def milter_accepts_seed(b):
    # The seed's mail through milter, Postfix, transport and worker: the
    # header names the parts, the PDU is the seed's.
    with Gateway(b, milter=True, senders=MILTER_SENDERS) as g:
        rcpt = sms(SEED_NUMBER)
        raw = mail("ps@example.com", rcpt, "test", headers=["X-SMS-Parts: 9; encoding=forged"])
        qid = g.postfix.swaks("ps@example.com", rcpt, raw)
        g.postfix.wait_log(r"%s: to=<%s>, relay=smsgate, .*status=sent \(.*2\.0\.0 sent to" % (qid, re.escape(rcpt)))
        g.milter.wait_log(r"%s: accept: from=<ps@example\.com>, sms_recipients=1, policy=\S+:1, "
                          r"parts=1; encoding=GSM-7" % qid)
        check(sent(g.sim)[0]["pdu"] == "07912374151616F631000B912374374248F70000A707D029885E9ED301",
              "the seed's PDU: %r" % sent(g.sim))


@case
def milter_reload(b):
    with Gateway(b, milter=True, senders=MILTER_SENDERS) as g:
        table = os.path.join(g.table_dir, "senders")
        rcpt = sms(SEED_NUMBER)
        # A broken table: the line is named, the old policy stays.
        with open(table, "w") as f:
            f.write("@example.com allow\n@other.example allow partz=3\n")
        g.milter.process.send_signal(1)
        g.milter.wait_log(r"SIGHUP: \S*senders:2: unknown attribute 'partz'.*the policy in force stays")
        code, transcript = g.postfix.transcript("mallory@other.example", rcpt, mail("mallory@other.example", rcpt, "x"))
        check(rcpt_reply(transcript, rcpt).startswith("550 5.7.1 only example.com may send SMS"),
              "old policy: " + transcript)
        # A good one: the next connection is judged by it.
        with open(table, "w") as f:
            f.write("@example.com allow\n@other.example allow\n")
        g.milter.process.send_signal(1)
        g.milter.wait_log(r"SIGHUP: policy reloaded from .*: 2 senders entries")
        code, transcript = g.postfix.transcript("mallory@other.example", rcpt, mail("mallory@other.example", rcpt, "x"))
        check(rcpt_reply(transcript, rcpt).startswith("250"), "new policy: " + transcript)
        check(g.milter.process.poll() is None, "the milter still runs after two SIGHUPs")


@case
def milter_quota_reopened(b):
    # The quota database's directory is missing at start: a sender with a
    # quota waits (451 4.3.0), the others pass. The administrator makes the
    # directory and sends SIGHUP: the file is opened, quotas count again.
    base = tempfile.mkdtemp(prefix="smsgate-quota.")
    os.chmod(base, 0o755)  # the transport's user passes through it
    path = os.path.join(base, "later", "quota.db")
    try:
        with Gateway(b, milter=True, senders=MILTER_SENDERS, milter_options={"quota_database": path}) as g:
            rcpt = sms(SEED_NUMBER)
            g.milter.wait_log(r"%s: .*; senders with a quota get 451 4\.3\.0 until a reload" % re.escape(path))
            code, transcript = g.postfix.transcript("quota@example.com", rcpt, mail("quota@example.com", rcpt, "x"))
            check(rcpt_reply(transcript, rcpt).startswith("451 4.3.0"), "no quota book: " + transcript)

            # Made writable for the transport too: it counts mail that
            # never met the milter in the same book.
            shared_quota_book(os.path.dirname(path))
            g.milter.process.send_signal(1)
            g.milter.wait_log(r"SIGHUP: quota database %s opened" % re.escape(path))
            g.milter.wait_log(r"SIGHUP: policy reloaded from ")
            clear_of_hour_end(60)
            first = g.postfix.swaks("quota@example.com", rcpt, mail("quota@example.com", rcpt, "one"))
            g.postfix.wait_log(r"%s: to=<%s>, relay=smsgate, .*status=sent" % (first, re.escape(rcpt)))
            check(os.path.exists(path), "the quota database was created")
            # It counts: the second SMS of the hour is over quota=1/hour.
            code, transcript = g.postfix.transcript("quota@example.com", rcpt, mail("quota@example.com", rcpt, "two"))
            check(re.match(r"450 4\.7\.1 .*quota of 1 SMS per hour", rcpt_reply(transcript, rcpt)),
                  "counted: " + transcript)
            # A further SIGHUP keeps the book that is open, and what it counted.
            g.milter.process.send_signal(1)
            wait_until(lambda: g.milter.log().count("SIGHUP: policy reloaded from ") == 2, 20, "the second reload")
            check(g.milter.log().count("SIGHUP: quota database") == 1, "opened once")
            code, transcript = g.postfix.transcript("quota@example.com", rcpt, mail("quota@example.com", rcpt, "3"))
            check(rcpt_reply(transcript, rcpt).startswith("450 4.7.1"), "still counted: " + transcript)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def dialogue_rcpts(port, sender, recipients, body=None):
    """One transaction written byte for byte (smtpdialog): the replies."""
    with Dialogue(port) as d:
        d.command("EHLO client.example.com")
        lines = ["Subject:", "", body] if body is not None else []
        return d.mail(sender, recipients, lines)


@case
def milter_rewritten_addresses(b):
    # Every form Postfix routes to the SMS domain meets the milter: a
    # trailing dot, case, quotes, a source route, a bang path and the
    # percent hack. Unknown sender, recipient limit and quota all hold.
    with Gateway(b, milter=True, senders=MILTER_SENDERS) as g:
        port = g.postfix.port
        forms = ["+32477324847@sms.example.com.", "+32477324847@SMS.EXAMPLE.COM", "\"+32477324847\"@sms.example.com",
                 "@relay.example:+32477324847@sms.example.com", "sms.example.com!+32477324847",
                 "+32477324847%sms.example.com@[127.0.0.1]"]
        for form in forms:
            r = dialogue_rcpts(port, "mallory@other.example", [form])
            check(r["rcpt"][0].startswith("550 5.7.1 only example.com may send SMS"), "%s: %r" % (form, r))
        # @example.com may send to 2 SMS recipients per message.
        r = dialogue_rcpts(port, "alice@example.com", forms[:3], "three")
        check([x[:9] for x in r["rcpt"]] == ["250 2.1.5", "250 2.1.5", "452 4.5.3"], "limit: %r" % r)
        check(r["end"].startswith("250 2.0.0"), "the first two accepted: %r" % r)
        # quota@example.com: 1 SMS per hour, whatever the form.
        clear_of_hour_end(30)
        r = dialogue_rcpts(port, "quota@example.com", [forms[0]], "one")
        check(r["end"].startswith("250 2.0.0"), "the first of the hour: %r" % r)
        for form in forms:
            r = dialogue_rcpts(port, "quota@example.com", [form])
            check(r["rcpt"][0].startswith("450 4.7.1 quota of 1 SMS per hour used up"), "%s: %r" % (form, r))
        g.milter.wait_log(r"reject: RCPT from=<mallory@other\.example>, to=<\+32477324847@sms\.example\.com\.>, "
                          r"routed=<\+32477324847@sms\.example\.com>")
        wait_until(lambda: len(sent(g.sim)) >= 3, 30, "three SMS")
        check(sorted(s["to"] for s in sent(g.sim)) == ["+32477324847"] * 3, "sent: %r" % sent(g.sim))


def sendmail(g, sender, recipient, body):
    out = run(["sendmail", "-C", g.postfix.dir, "-i", "-f", sender, "--", recipient],
              input=mail(sender, recipient, body))
    check(out.returncode == 0, "sendmail: %s%s" % (out.stdout, out.stderr))


@case
def transport_quota(b):
    # Mail that never meets the milter (local sendmail with no
    # non_smtpd_milters) meets the quota at the transport, in the milter's
    # book, and what the milter counted is not counted again.
    base = tempfile.mkdtemp(prefix="smsgate-quota.")
    try:
        senders = MILTER_SENDERS.replace("quota@example.com     allow quota=1/hour",
                                         "quota@example.com     allow quota=2/hour")
        book = shared_quota_book(base)
        with Gateway(b, milter=True, senders=senders, milter_options={"quota_database": book}) as g:
            g.postfix.set_main(non_smtpd_milters="")
            rcpt = sms(SEED_NUMBER)
            clear_of_hour_end(60)
            first = g.postfix.swaks("quota@example.com", rcpt, mail("quota@example.com", rcpt, "one"))
            g.postfix.wait_log(r"%s: to=<.*>, relay=smsgate, .*status=sent" % first)
            sendmail(g, "quota@example.com", rcpt, "two")
            wait_until(lambda: len(sent(g.sim)) >= 2, 60, "the second SMS, counted once by the transport")
            sendmail(g, "quota@example.com", rcpt, "three")
            g.postfix.wait_log(r"to=<%s>, relay=smsgate, .*dsn=4\.7\.1, status=deferred \(.*quota of 2 SMS per hour "
                               r"used up" % re.escape(rcpt))
            # An unknown sender is refused by the transport as by the milter.
            sendmail(g, "mallory@other.example", rcpt, "four")
            g.postfix.wait_log(r"to=<%s>, relay=smsgate, .*dsn=5\.7\.1, status=bounced \(.*only example\.com may "
                               r"send SMS" % re.escape(rcpt))
            check([s["text"] for s in sent(g.sim)] == ["one", "two"], "sent: %r" % sent(g.sim))
    finally:
        shutil.rmtree(base, ignore_errors=True)


@case
def milter_socket_chroot(b):
    # smtpd and cleanup run chrooted in the queue directory, as on Debian.
    # The milter on a socket in there (main.cf: unix:smsgate/milter.sock)
    # checks the mail; the same milter on a socket outside, named by its
    # path on the host, cannot be reached from the chroot although it runs
    # and the socket exists: every mail gets 451 4.7.1 at MAIL FROM.
    with Gateway(b, milter=True, senders=MILTER_SENDERS) as g:
        rcpt = sms(SEED_NUMBER)
        inside = g.milter.socket_path
        first = g.postfix.swaks("ps@example.com", rcpt, mail("ps@example.com", rcpt, "test"))
        g.milter.wait_log(r"%s: accept: from=<ps@example\.com>" % first)

        outside = os.path.join(g.worker.dir, "milter.sock")
        g.milter.stop()
        g.milter.start(outside)
        check(os.path.exists(outside), "the milter listens on " + outside)
        g.postfix.set_main(smtpd_milters="unix:" + outside)

        def refused():
            replies = dialogue_rcpts(g.postfix.port, "ps@example.com", [rcpt], "test")
            return replies["mail"].startswith("451 4.7.1 ") and replies["mail"]
        # A connection may still meet an smtpd of the configuration before
        # the reload: the new ones must refuse.
        wait_until(refused, 30, "451 4.7.1 at MAIL FROM")
        g.postfix.wait_log(r"warning: connect to Milter service unix:%s: No such file or directory" %
                           re.escape(outside))

        g.milter.stop()
        g.milter.start(inside)
        g.postfix.set_main(smtpd_milters=MILTER_SOCKET)
        wait_until(lambda: dialogue_rcpts(g.postfix.port, "ps@example.com", [])["mail"].startswith("250"), 30,
                   "250 at MAIL FROM")
        second = g.postfix.swaks("ps@example.com", rcpt, mail("ps@example.com", rcpt, "again"))
        g.milter.wait_log(r"%s: accept: from=<ps@example\.com>" % second)
        wait_until(lambda: len(sent(g.sim)) >= 2, 60, "two SMS")
        check(g.milter.log().count("accept: ") == 2, "the milter saw two mails:\n" + g.milter.log())
