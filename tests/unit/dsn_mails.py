#!/usr/bin/env python3
"""dsn_mails - reads the golden report mails (data/dsn/NAME.eml, which the
unit test "dsn: one report of each kind" checks smsgated writes) with
Python's email package, as a mail client or a bounce processor would, and
checks what data/dsn/expected.txt says of each: a multipart/report of
report-type delivery-status with the words, the delivery status of one
recipient and the SMS text; threaded under the original.

usage: dsn_mails.py DIR
"""

import email
import email.policy
import email.utils
import os
import re
import sys

sys.dont_write_bytecode = True


def fail(name, message):
    raise SystemExit("%s: %s" % (name, message))


def dates(name, block, *fields):
    for field in fields:
        if email.utils.parsedate_to_datetime(block[field]) is None:
            fail(name, "%s is not a date: %r" % (field, block[field]))


def check_mail(name, raw, action, status, diagnostic):
    m = email.message_from_bytes(raw, policy=email.policy.default)
    if m.get_content_type() != "multipart/report" or m.get_param("report-type") != "delivery-status":
        fail(name, "not a delivery status notification: %s" % m["Content-Type"])
    if m["In-Reply-To"] != "<5F02E2331C@srv1.sonal.local>" or m["References"] != m["In-Reply-To"]:
        fail(name, "not threaded: %r %r" % (m["In-Reply-To"], m["References"]))
    if not re.fullmatch(r"<smsgate\.\d+\.job\.7\.\w+\.u1@sms\.example\.com>", m["Message-ID"]):
        fail(name, "Message-ID: %r" % m["Message-ID"])
    parts = list(m.iter_parts())
    types = [p.get_content_type() for p in parts]
    if types != ["text/plain", "message/delivery-status", "text/plain"]:
        fail(name, "parts: %r" % types)
    words = parts[0].get_content()
    if "0477324847" not in m["Subject"] or "0477324847" not in words or "PS test" not in words:
        fail(name, "the words name neither the number nor the text: %r" % words)
    if parts[2].get_content().replace("\r\n", "\n") != "PS test\n":
        fail(name, "the SMS text: %r" % parts[2].get_content())
    blocks = parts[1].get_payload()
    if len(blocks) != 2:
        fail(name, "%d blocks of fields, not 2" % len(blocks))
    per_message, recipient = blocks
    if per_message["Reporting-MTA"] != "dns; sms.example.com":
        fail(name, "Reporting-MTA: %r" % per_message["Reporting-MTA"])
    dates(name, per_message, "Arrival-Date")
    dates(name, recipient, "Last-Attempt-Date")
    # RFC 3464 2.3.2: the envelope recipient as accepted; no ORCPT, so no
    # Original-Recipient.
    want = {"Original-Recipient": None,
            "Final-Recipient": "rfc822; 0477324847@sms.example.com",
            "Action": action, "Status": status, "Diagnostic-Code": diagnostic}
    got = {field: recipient[field] for field in want}
    if got != want:
        fail(name, "per-recipient fields:\n  got  %r\n  want %r" % (got, want))
    for line in raw.split(b"\r\n"):
        if len(line) > 78:
            fail(name, "a line of %d octets: %r" % (len(line), line))


def main(argv):
    if len(argv) != 2:
        raise SystemExit(__doc__)
    directory = argv[1]
    count = 0
    with open(os.path.join(directory, "expected.txt"), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            name, action, status, diagnostic = line.split(None, 3)
            with open(os.path.join(directory, name + ".eml"), "rb") as mail:
                check_mail(name, mail.read(), action, status, diagnostic.strip())
            count += 1
    print("%d report mails read as delivery status notifications" % count)


if __name__ == "__main__":
    main(sys.argv)
