"""Mails back through a real Postfix: the seed's round trip with its three
mails and the answer that goes out as an SMS again, failure and expiry
reports, the levels, a handset report for parts reported out of order,
where incoming SMS go, header injection attempts, and reports to senders
whose addresses must be quoted or are UTF-8."""

import os
import re
import smtplib
import time

from cases_delivery import mail
from postfixclient import MAIL_DOMAIN, SEED_NUMBER, SMS_DOMAIN, Gateway, case, check, sent, wait_until

SEED_ID = "5F02E2331C5BED418B4FEEEE88CDA5D1B41BA29@srv1.sonal.local"
# The seed's account reads Dutch, as SMS Comfort wrote to it.
SENDERS = """\
ps@example.com      allow prefix=PS notify=all language=nl
@example.com        allow parts=5
default             reject only example.com may send SMS
"""


def address(n):
    return "%s@%s" % (n, SMS_DOMAIN)


def wait_mails(g, user, count, timeout=60):
    """The user's Maildir once it holds at least count mails."""
    wait_until(lambda: len(g.postfix.mailbox(user)) >= count, timeout, "%d mails for %s" % (count, user))
    return g.postfix.mailbox(user)


def reports(mails, kind):
    return [m for m in mails if m.get("X-SMS-Report") == kind]


def body(m):
    """The words of a mail: of a report, its human-readable part."""
    if m.is_multipart():
        m = next(m.iter_parts())
    return m.get_content().replace("\r\n", "\n")


def delivery_status(m):
    """The per-recipient fields of a report, as a DSN parser reads them:
    the second part of a multipart/report of delivery-status (RFC 3464)."""
    check(m.get_content_type() == "multipart/report" and m.get_param("report-type") == "delivery-status",
          "not a DSN: %r" % m["Content-Type"])
    parts = list(m.iter_parts())
    types = [p.get_content_type() for p in parts]
    check(types == ["text/plain", "message/delivery-status", "text/plain"], "parts: %r" % types)
    blocks = parts[1].get_payload()
    check(len(blocks) == 2, "blocks: %r" % blocks)
    return dict(blocks[1].items())


# What the gateway writes, and what Postfix adds on the way to the Maildir.
WRITTEN_HEADERS = {"from", "to", "subject", "date", "message-id", "in-reply-to", "references", "auto-submitted",
                   "mime-version", "content-type", "content-transfer-encoding"}
ADDED_HEADERS = {"return-path", "delivered-to", "x-original-to", "received"}


def check_clean(m):
    """No header a value could have smuggled in, and none folded oddly: as
    the Maildir file has it, every header line is a field or the
    continuation of one, no CR stands alone, and every field is one the
    gateway writes."""
    for name in ("Bcc", "Cc", "X-Evil", "Reply-To"):
        check(m.get(name) is None, "%s header in:\n%s" % (name, m))
    header = m.raw_bytes.split(b"\n\n", 1)[0]
    check(b"\r" not in header, "a CR in the header:\n%r" % header)
    names = set()
    for line in header.split(b"\n"):
        field = re.match(rb"([!-9;-~]+):", line)
        check(field or line[:1] in (b" ", b"\t"), "not a header line: %r" % line)
        if field:
            names.add(field.group(1).decode().lower())
    unknown = {n for n in names - WRITTEN_HEADERS - ADDED_HEADERS if not n.startswith("x-sms-")}
    check(not unknown, "headers the gateway does not write: %r" % unknown)


@case
def seed_round_trip(b):
    recipient = address(SEED_NUMBER)
    with Gateway(b, senders=SENDERS) as g:
        qid = g.postfix.swaks("ps@" + MAIL_DOMAIN, recipient, data=mail(
            '"Paul Somers" <ps@%s>' % MAIL_DOMAIN, '"SMS PS" <%s>' % recipient, "test", message_id=SEED_ID))
        g.postfix.wait_log(r"%s: to=<%s>, relay=smsgate, .*status=sent" % (qid, re.escape(recipient)))
        # Delivered to the network, then to the handset: two mails, in the
        # seed's words, threaded under the original.
        mails = wait_mails(g, "ps", 2)
        network, handset = reports(mails, "network"), reports(mails, "handset")
        check(len(network) == 1 and len(handset) == 1, "one of each: %r" % [m["Subject"] for m in mails])
        for m, words in ((network[0], "is afgeleverd op het netwerk."), (handset[0], "is afgeleverd op GSM.")):
            check(m["Subject"] == "Bericht aan %s %s" % (SEED_NUMBER, words), "subject: %r" % m["Subject"])
            check(m["In-Reply-To"] == "<%s>" % SEED_ID and m["References"] == "<%s>" % SEED_ID,
                  "threaded: %r %r" % (m["In-Reply-To"], m["References"]))
            check(m["Auto-Submitted"] == "auto-generated", "auto-generated: %r" % m["Auto-Submitted"])
            check(m["From"].addresses[0].addr_spec == "sms-gateway@" + MAIL_DOMAIN, "from: %r" % m["From"])
            check(m["To"].addresses[0].display_name == "Paul Somers", "to: %r" % m["To"])
            check(m["X-SMS-Number"] == SEED_NUMBER and m["X-SMS-Queue-ID"] == qid and m["X-SMS-MR"] == "18",
                  "x headers: %r" % m.items())
            check(body(m) == "Bericht aan %s %s\n--- Oorspronkelijk bericht ---\nPS test\n" % (SEED_NUMBER, words),
                  "body: %r" % body(m))
            check(m["Message-ID"].endswith("@%s>" % SMS_DOMAIN), "message id: %r" % m["Message-ID"])
        check(handset[0]["X-SMS-Status"] == "0", "TP-ST 0: %r" % handset[0]["X-SMS-Status"])
        # And as delivery status notifications, to the number as dialled.
        for m, action, diagnostic in ((network[0], "relayed", "X-SMS; accepted by the SMSC, TP-MR 18"),
                                      (handset[0], "delivered",
                                       "X-SMS; TP-ST 0x00 short message received by the SME")):
            fields = delivery_status(m)
            check(fields["Action"] == action and fields["Status"] == "2.0.0" and
                  fields["Diagnostic-Code"] == diagnostic and
                  fields["Final-Recipient"] == "rfc822; " + recipient, "delivery status: %r" % fields)
        # The administrator sees the same in smsgatectl history.
        def story():
            out = g.worker.ctl("history", "--job", "1")
            check(out.returncode == 0, "smsgatectl history: %s" % out.stderr)
            return out.stdout
        for kind in ("network \\(mr 18\\)", "handset \\(st=0\\)"):
            pattern = r"\n  [-0-9: ]+  %s: mail to <ps@%s>, taken by sendmail [-0-9: ]+\n" % (kind, re.escape(MAIL_DOMAIN))
            wait_until(lambda: re.search(pattern, story()), 10, "/%s/ in:\n%s" % (pattern, story()))

        # The handset answers "Ok test": a mail to Paul, from the name his
        # mail gave the number, in the same thread.
        g.sim.ok("inject %s Ok test" % SEED_NUMBER)
        mails = wait_mails(g, "ps", 3)
        answer = [m for m in mails if m.get("X-SMS-Report") is None]
        check(len(answer) == 1, "one answer: %r" % [m["Subject"] for m in mails])
        a = answer[0]
        check(a["From"].addresses[0].display_name == "SMS PS" and
              a["From"].addresses[0].addr_spec == recipient, "from: %r" % a["From"])
        check(a["Subject"] == "Ok test" and body(a) == "Ok test\n", "subject and body: %r %r" % (a["Subject"], body(a)))
        check(a["In-Reply-To"] == "<%s>" % SEED_ID, "answers the mail: %r" % a["In-Reply-To"])
        check(re.match(r"\w{3}, \d+ \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}$", a["Date"]), "date: %r" % a["Date"])

        # Paul answers the mail with swaks, quoting it as mail clients do:
        # that goes out as an SMS of his new words alone.
        reply = mail('"Paul Somers" <ps@%s>' % MAIL_DOMAIN, a["From"],
                     "Thanks, see you\n\nOn Mon, 19 Nov 2007 16:53, SMS PS wrote:\n> Ok test",
                     subject="Re: Ok test", headers=["In-Reply-To: %s" % a["Message-ID"],
                                                     "References: %s" % a["Message-ID"]])
        qid2 = g.postfix.swaks("ps@" + MAIL_DOMAIN, recipient, data=reply)
        g.postfix.wait_log(r"%s: to=<%s>, relay=smsgate, .*status=sent" % (qid2, re.escape(recipient)))
        texts = [s["text"] for s in sent(g.sim)]
        check(texts == ["PS test", "PS Thanks, see you"], "the SMS sent: %r" % texts)


@case
def failure_reports(b):
    # alice has the default level, failure: a failed TP-ST and an expiry
    # each give one report, and nothing is said of what went well.
    failing, silent, fine = "+32477000111", "+32477000222", "+32477000333"
    with Gateway(b, mail_options={"report_timeout": 10}) as g:
        g.sim.ok("set report-status-for %s 0x41" % failing)
        qid = g.postfix.swaks("alice@" + MAIL_DOMAIN, address(failing), data=mail(
            '"Alice Liddell" <alice@%s>' % MAIL_DOMAIN, address(failing), "Are you there?"))
        mails = wait_mails(g, "alice", 1)
        m = mails[0]
        check(m["X-SMS-Report"] == "failed" and m["X-SMS-Status"] == "65", "failed report: %r" % m.items())
        check(m["Subject"] == "Message to %s was not delivered." % failing, "subject: %r" % m["Subject"])
        check("was not delivered: incompatible destination (TP-ST 0x41)" in body(m) and "Are you there?" in body(m),
              "reason and text: %r" % body(m))
        check(m["X-SMS-Queue-ID"] == qid, "queue id: %r" % m["X-SMS-Queue-ID"])
        fields = delivery_status(m)
        check(fields["Action"] == "failed" and fields["Status"] == "5.4.0" and
              fields["Diagnostic-Code"] == "X-SMS; TP-ST 0x41 incompatible destination", "status: %r" % fields)

        # A fine one: delivered, and alice hears nothing of it.
        qid = g.postfix.swaks("alice@" + MAIL_DOMAIN, address(fine), data=mail(
            "alice@" + MAIL_DOMAIN, address(fine), "All good"))
        g.worker.wait_log(r"%s: handset \(st=0\): no report for level failure" % qid, 30)

        # No status report ever comes: expired after report_timeout.
        g.sim.ok("set report-delay-ms 3600000")
        qid = g.postfix.swaks("alice@" + MAIL_DOMAIN, address(silent), data=mail(
            "alice@" + MAIL_DOMAIN, address(silent), "Hello?"))
        mails = wait_mails(g, "alice", 2, timeout=90)
        expired = [x for x in mails if x["X-SMS-Queue-ID"] == qid]
        check(len(expired) == 1 and expired[0]["X-SMS-Status"] == "expired", "expired: %r" % [x.items() for x in mails])
        check("no status report within 10 seconds (expired)" in body(expired[0]), "reason: %r" % body(expired[0]))
        fields = delivery_status(expired[0])
        check(fields["Action"] == "failed" and fields["Status"] == "5.4.7", "expired: %r" % fields)
        check(len(g.postfix.mailbox("alice")) == 2, "two reports in all")


@case
def report_levels(b):
    # X-SMS-Notify: none silences even a failure; X-SMS-Notify: handset
    # gives one handset report for three parts reported out of order.
    number = "+32477000444"
    text = "".join("Sentence number %02d of a long text. " % i for i in range(12)).strip()
    with Gateway(b) as g:
        g.sim.ok("set report-status-for %s 0x41" % number)
        qid = g.postfix.swaks("bob@" + MAIL_DOMAIN, address(number), data=mail(
            "bob@" + MAIL_DOMAIN, address(number), "Quiet please", headers=["X-SMS-Notify: none"]))
        g.worker.wait_log(r"%s: failed \(part 1 st=65\): no report for level none" % qid, 30)

        g.sim.ok("set report-status-for %s none" % number)
        g.sim.ok("set report-delay-ms 3600000")
        qid = g.postfix.swaks("bob@" + MAIL_DOMAIN, address(number), data=mail(
            "bob@" + MAIL_DOMAIN, address(number), text, headers=["X-SMS-Notify: handset"]))
        g.postfix.wait_log(r"%s: to=<.*status=sent \(.*3 parts" % qid)
        mrs = [s["mr"] for s in sent(g.sim)[-3:]]
        for seq in (3, 1):
            g.sim.ok("report %d 0" % mrs[seq - 1])
            g.worker.wait_log(r"%s: status report: .*mr=%d, st=0 .*part=%d of 3" % (qid, mrs[seq - 1], seq), 30)
        time.sleep(2)  # a report written too early would be in the Maildir by now
        check(g.postfix.mailbox("bob") == [], "no report before every part: %r" % g.postfix.mailbox("bob"))
        g.sim.ok("report %d 0" % mrs[1])
        mails = wait_mails(g, "bob", 1)
        check(len(mails) == 1 and mails[0]["X-SMS-Report"] == "handset" and mails[0]["X-SMS-Parts"] == "3",
              "one handset report: %r" % [m.items() for m in mails])
        check(text in body(mails[0]).replace("\n", " "), "the text quoted: %r" % body(mails[0]))


NUMBER_MAP = """\
# who answers what when nobody wrote first
+32477000555   alice@example.com
ING            alice@example.com
"""


@case
def incoming_routing(b):
    carol = "+32477000666"
    with Gateway(b, mail_options={"reply_window": 6}, number_map=NUMBER_MAP) as g:
        # alice writes to Carol: Carol's answer goes to alice, in the thread.
        g.postfix.swaks("alice@" + MAIL_DOMAIN, address(carol), data=mail(
            '"Alice" <alice@%s>' % MAIL_DOMAIN, '"Carol" <%s>' % address(carol), "Lunch?", message_id="lunch@x"))
        g.worker.wait_log(r"gsm0: sent to %s" % re.escape(carol), 30)
        g.sim.ok("inject %s Yes, at noon" % carol)
        m = wait_mails(g, "alice", 1)[-1]
        check(m["From"].addresses[0].display_name == "Carol" and m["In-Reply-To"] == "<lunch@x>",
              "conversation: %r" % m.items())
        # bob writes to Carol later: the latest sender gets her next answer.
        g.postfix.swaks("bob@" + MAIL_DOMAIN, address(carol), data=mail(
            "bob@" + MAIL_DOMAIN, address(carol), "Dinner?", message_id="dinner@x"))
        g.worker.wait_log(r"gsm0: sent to %s" % re.escape(carol), 30, count=2)
        g.sim.ok("inject %s Sorry Bob, busy" % carol)
        m = wait_mails(g, "bob", 1)[-1]
        check(m["Subject"] == "Sorry Bob, busy" and m["In-Reply-To"] == "<dinner@x>", "latest wins: %r" % m.items())

        # After the window: the number map, else the default mailbox (bob).
        time.sleep(7)
        g.sim.ok("inject %s Still there?" % carol)
        m = wait_mails(g, "bob", 2)[-1]
        check(m["Subject"] == "Still there?" and m["In-Reply-To"] is None, "default after the window: %r" % m.items())
        check(m["From"].addresses[0].display_name == "Carol", "the name is still known: %r" % m["From"])
        g.sim.ok("inject 0477000555 Mapped by number")  # national form, default region BE
        m = wait_mails(g, "alice", 2)[-1]
        check(m["Subject"] == "Mapped by number" and
              m["From"].addresses[0].addr_spec == address("+32477000555"), "number map: %r" % m.items())

        # An alphanumeric sender: mapped, and said to be unanswerable.
        g.sim.ok("inject ING Your code is 123456")
        m = wait_mails(g, "alice", 3)[-1]
        check(m["From"].addresses[0].domain == "invalid" and m["From"].addresses[0].display_name == "ING",
              "not replyable: %r" % m["From"])
        check("it cannot be answered" in body(m) and m["X-SMS-Originator"] == "ING", "said so: %r" % body(m))

        # A long SMS whose parts come out of order, with a 16-bit reference.
        long_text = "".join("Word%03d " % i for i in range(50)).strip()
        g.sim.ok("inject-parts --ref16 --ref=4660 +32477000777 3,1,2 " + long_text)
        m = wait_mails(g, "bob", 3)[-1]
        check(body(m).replace("\n", " ").strip() == long_text and m["X-SMS-Parts"] == "3",
              "reassembled: %r" % body(m))


@case
def header_injection(b):
    number = "+32477000888"
    evil_subject = "=?utf-8?q?Hi=0D=0ABcc=3A_victim=40example=2Ecom?="
    evil_name = "=?utf-8?q?Eve=0D=0AX-Evil=3A_1?= <alice@%s>" % MAIL_DOMAIN
    with Gateway(b, senders=SENDERS.replace("ps@example.com", "alice@example.com")) as g:
        g.postfix.swaks("alice@" + MAIL_DOMAIN, address(number), data=mail(
            evil_name, '"=?utf-8?q?Num=0D=0ABcc=3A_x=40y?=" <%s>' % address(number),
            "Body\r\nReply-To: evil@example.com", subject=evil_subject))
        mails = wait_mails(g, "alice", 2)
        for m in mails:
            check_clean(m)
        g.sim.ok("inject --escaped %s Hello\\nBcc: victim@example.com\\n\\nX-Evil: 1" % number)
        mails = wait_mails(g, "alice", 3)
        answer = [m for m in mails if m.get("X-SMS-Report") is None]
        check(len(answer) == 1, "the answer: %r" % [m.items() for m in mails])
        check_clean(answer[0])
        check("Bcc: victim@example.com" in body(answer[0]), "the text stays in the body: %r" % body(answer[0]))


# Senders whose addresses Postfix accepts but that are not plain: a quoted
# local part with a space, and a UTF-8 one (SMTPUTF8). Virtual aliases (a
# regexp table, for the quoted and the unquoted form) bring their mails to
# alice.
# (MAIL FROM, the local part as Postfix hands it on, the To: of the report)
UNUSUAL_SENDERS = (('"j d"@example.com', "j d", '"j d"@example.com'),
                   ("josé@example.com", "josé", "josé@example.com"))


def smtputf8_mail(port, sender, recipient, data):
    """One mail over SMTP with MAIL FROM ... SMTPUTF8; gives its queue id."""
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as s:
        s.ehlo("client.example.com")
        check(s.has_extn("smtputf8"), "no SMTPUTF8 in EHLO: %r" % s.esmtp_features)
        # As written: smtplib's own quoting would take the quotes off.
        s.command_encoding = "utf-8"
        code, reply = s.docmd("MAIL FROM:<%s> SMTPUTF8 BODY=8BITMIME" % sender)
        check(code == 250, "MAIL FROM:<%s>: %d %r" % (sender, code, reply))
        code, reply = s.docmd("RCPT TO:<%s>" % recipient)
        check(code == 250, "RCPT TO:<%s>: %d %r" % (recipient, code, reply))
        code, reply = s.data(data.encode())
        check(code == 250, "DATA: %d %r" % (code, reply))
        m = re.search(r"queued as (\w+)", reply.decode())
        check(m, "no queue id in %r" % reply)
        return m.group(1)


@case
def unusual_sender_addresses(b):
    senders = "@example.com        allow notify=network\ndefault             reject\n"
    with Gateway(b, senders=senders) as g:
        aliases = os.path.join(g.postfix.dir, "unusual.regexp")
        with open(aliases, "w", encoding="utf-8") as f:
            for _, local, _ in UNUSUAL_SENDERS:
                f.write('/^"?%s"?@example\\.com$/ alice@example.com\n' % local)
        g.postfix.set_main(virtual_alias_maps="hash:%s/valias, regexp:%s" % (g.postfix.dir, aliases),
                           smtputf8_enable="yes")
        for n, (sender, _, written) in enumerate(UNUSUAL_SENDERS):
            number = "+3247700012%d" % n
            qid = smtputf8_mail(g.postfix.port, sender, address(number),
                                mail("Someone <%s>" % sender, address(number), "hello %d" % n))
            g.postfix.wait_log(r"%s: to=<%s>, relay=smsgate, .*status=sent" % (qid, re.escape(address(number))))
            m = wait_mails(g, "alice", n + 1)[-1]
            check(m["X-SMS-Report"] == "network" and m["X-SMS-Queue-ID"] == qid, "the report: %r" % m.items())
            header = m.raw_bytes.split(b"\n\n", 1)[0]
            check(("<%s>" % written).encode() in header, "To: %r" % header)
            check_clean(m)
        check("not an address" not in g.worker.log(), "a report was dropped:\n%s" % g.worker.log())
