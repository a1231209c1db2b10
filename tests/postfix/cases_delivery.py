"""Mail through a real Postfix to the simulated modem: the seed's SMS, long
and UCS-2 text, and what Postfix's log and queue say about each delivery."""

import itertools
import re

from postfixclient import (SEED_NUMBER, SEED_SENDER, SEED_SUBMIT, SMS_DOMAIN, Gateway, case, check, decode_pdu,
                           sent)


_message_ids = itertools.count(1)


def mail(sender, recipient, body, subject="", headers=(), message_id=None, content_type=None):
    """An RFC 5322 mail as a client writes it (CRLF line ends)."""
    lines = ["From: %s" % sender, "To: %s" % recipient, "Subject: %s" % subject,
             "Date: Mon, 19 Nov 2007 16:49:55 +0100",
             "Message-ID: <%s>" % (message_id or "%d.%s@client.example.com" % (next(_message_ids),
                                                                               re.sub(r"\W", "", recipient))),
             "MIME-Version: 1.0"]
    lines += [content_type or "Content-Type: text/plain; charset=us-ascii"]
    lines += list(headers)
    return "\r\n".join(lines) + "\r\n\r\n" + body.replace("\n", "\r\n") + "\r\n"


def sent_line(queue_id, recipient):
    return (r"%s: to=<%s>, relay=smsgate, .*dsn=2\.0\.0, status=sent \(.*2\.0\.0 sent to " %
            (queue_id, re.escape(recipient)))


@case
def seed_through_postfix(b):
    # The seed's mail: account "PS", empty Subject, body "test": the SMS is
    # "PS test", SMSC +32475161616, report asked, one day valid: the PDU on
    # the seed's wire, AT+CMGS=21, +CMGS: 18.
    recipient = SEED_NUMBER + "@" + SMS_DOMAIN
    with Gateway(b) as g:
        qid = g.postfix.swaks(SEED_SENDER, recipient, data=mail("\"P. Sommers\" <%s>" % SEED_SENDER,
                                                                "\"SMS PS\" <%s>" % recipient, "test"))
        g.postfix.wait_log(sent_line(qid, recipient) + r"\+32477324847 via gsm0 \(1 part, mr 18\)\)")
        out = sent(g.sim)
        check(len(out) == 1 and out[0]["pdu"] == SEED_SUBMIT, "the seed's PDU: %r" % out)
        check(out[0]["length"] == 21 and out[0]["mr"] == 18, "AT+CMGS=21, +CMGS: 18: %r" % out[0])
        # The worker logs the same story under the same queue id.
        g.worker.wait_log(r"%s: to=<%s>, relay=smsgate\[gsm0\], status=sent \(2\.0\.0 sent to" %
                          (qid, re.escape(recipient)))
        # Done with: qmgr removes the queue file, the queue shows nothing.
        g.postfix.wait_log(r"%s: removed" % qid)
        check(qid not in g.postfix.mailq(), "the queue is empty:\n" + g.postfix.mailq())


@case
def long_and_emoji_through_postfix(b):
    # 400 characters of the default alphabet (no trailing blank, which the
    # clean-up would drop): 3 parts of at most 153.
    text = "".join("Part of a long message %03d. " % i for i in range(15))[:399] + "!"
    recipient = SEED_NUMBER + "@" + SMS_DOMAIN
    with Gateway(b) as g:
        qid = g.postfix.swaks("alice@example.com", recipient, data=mail("alice@example.com", recipient, text))
        g.postfix.wait_log(sent_line(qid, recipient) + r".*3 parts, mr \d+,\d+,\d+")
        parts = [decode_pdu(b, s["pdu"]) for s in sent(g.sim)]
        check(len(parts) == 3, "three parts: %r" % parts)
        check([p["concat"]["seq"] for p in parts] == [1, 2, 3] and
              len({p["concat"]["ref"] for p in parts}) == 1 and all(p["concat"]["total"] == 3 for p in parts),
              "one concatenated message: %r" % [p["concat"] for p in parts])
        check("".join(p["text"] for p in parts) == text, "reassembled: %r" % "".join(p["text"] for p in parts))

        # An emoji cannot go in GSM 7-bit: UCS-2. Base64 UTF-8 as phones send it.
        emoji = "Smile \U0001F600 please"
        import base64
        body = base64.b64encode(emoji.encode()).decode()
        qid = g.postfix.swaks("alice@example.com", recipient,
                              data=mail("alice@example.com", recipient, body,
                                        content_type="Content-Type: text/plain; charset=utf-8\r\n"
                                                     "Content-Transfer-Encoding: base64"))
        g.postfix.wait_log(sent_line(qid, recipient))
        last = decode_pdu(b, sent(g.sim)[-1]["pdu"])
        check(len(sent(g.sim)) == 4 and last["alphabet"] == "ucs2" and last["text"] == emoji, "UCS-2: %r" % last)
