"""The reports the worker decides about a job, seen in its SQLite file:
decided from what the store kept when the decision could not be recorded
at the time (the worker stopped, the database failed), recorded without a
mail where none is due, and never doubled. sendmail fails here
(/bin/false), so that every mail stays in the outbox to be counted."""

import email
import email.policy
import email.utils
import os
import re
import sqlite3
import time

from workerclient import SEED_NUMBER, Sim, Worker, case, check

MAIL = {"sendmail": "/bin/false", "report_timeout": "10"}
# Long enough for a stop, a change of the database and a start to fit in.
SLOW_MAIL = dict(MAIL, report_timeout="25")


def submit(w, queue_id, notify="all"):
    r = w.request([("request", "submit"), ("queue_id", queue_id), ("recipient", SEED_NUMBER + "@sms.test"),
                   ("message_id", "<%s@test>" % queue_id), ("number", SEED_NUMBER), ("sender", "ps@example.com"),
                   ("notify", notify), ("text", "report case " + queue_id)])
    check(r.get("status") == "sent", "submit answered %r" % r)
    return int(r["job"])


class Db:
    def __init__(self, w):
        self.path = os.path.join(w.dir, "smsgate.db")

    def rows(self, sql, *args):
        db = sqlite3.connect(self.path, timeout=10)
        try:
            return db.execute(sql, args).fetchall()
        finally:
            db.close()

    def change(self, sql, *args):
        db = sqlite3.connect(self.path, timeout=10)
        try:
            with db:
                db.execute(sql, args)
        finally:
            db.close()

    def reports(self, job):
        return sorted(kind for (kind,) in self.rows("SELECT kind FROM reports WHERE job = ?", job))

    def mail_keys(self, job):
        return sorted(key for (key,) in self.rows("SELECT key FROM outbox WHERE job = ?", job))


@case
def reports_caught_up(b):
    """The worker stopped after the +CMGS and the status reports were
    stored, before the decisions were recorded (as the database failing
    then leaves it): at start the network reports are decided, and the
    sweep decides from the parts' saved statuses (delivered, failed)
    instead of calling the SMS expired."""
    with Sim(b["sim"], "--report-delay-ms", "100") as sim, \
            Worker(b, {"gsm0": sim}, sections={"mail": SLOW_MAIL}) as w:
        db = Db(w)
        delivered = submit(w, "RC1")
        w.wait_log(r"RC1: handset report to <ps@example\.com>, queued as job:%d:handset" % delivered)
        sim.ok("set report-status 65")  # TP-ST 0x41: incompatible destination
        failed = submit(w, "RC2")
        w.wait_log(r"RC2: failed report to <ps@example\.com>, queued as job:%d:failed" % failed)
        check(db.reports(delivered) == ["handset", "network"], "decided: %r" % db.reports(delivered))
        check(db.reports(failed) == ["failed", "network"], "decided: %r" % db.reports(failed))
        w.stop()
        for job in (delivered, failed):
            db.change("DELETE FROM reports WHERE job = ?", job)
            db.change("DELETE FROM outbox WHERE job = ?", job)
        status = db.rows("SELECT job, report_status FROM parts ORDER BY job")
        check(status == [(delivered, 0), (failed, 65)], "the parts' status reports are kept: %r" % status)

        w.start()
        for qid, job in (("RC1", delivered), ("RC2", failed)):
            w.wait_log(r"%s: network report to <ps@example\.com>, queued as job:%d:network" % (qid, job))
        w.wait_log(r"RC1: handset report to <ps@example\.com>, queued as job:%d:handset" % delivered, count=2,
                   timeout=60)
        w.wait_log(r"RC2: failed report to <ps@example\.com>, queued as job:%d:failed" % failed, count=2,
                   timeout=60)
        check(db.mail_keys(delivered) == ["job:%d:handset" % delivered, "job:%d:network" % delivered],
              "one mail each: %r" % db.mail_keys(delivered))
        check(db.mail_keys(failed) == ["job:%d:failed" % failed, "job:%d:network" % failed],
              "one mail each: %r" % db.mail_keys(failed))
        details = dict(db.rows("SELECT job, detail FROM reports WHERE kind IN ('handset', 'failed')"))
        check(details == {delivered: "st=0, from the saved reports", failed: "part 1 st=65, from the saved reports"},
              "decided from the saved statuses, not expired: %r" % details)

        # Decided once: further sweeps and another restart add nothing.
        w.stop()
        w.start()
        time.sleep(3)  # the catch-up at start, and a sweep after it (every 6 s here)
        check(w.log_count(r"network report sweep|expiry sweep") == 0, "no sweep failed")
        check(len(db.rows("SELECT key FROM outbox")) == 4, "still one mail each: %r" % db.rows("SELECT key FROM outbox"))


@case
def reports_without_status_reports(b):
    """With status_reports off nothing comes from the handset: after
    report_timeout "handset" is recorded without a mail, not claimed."""
    with Sim(b["sim"]) as sim, \
            Worker(b, {"gsm0": sim}, {"status_reports": "no"}, sections={"mail": MAIL}) as w:
        db = Db(w)
        job = submit(w, "NS1")
        w.wait_log(r"NS1: network report to <ps@example\.com>, queued as job:%d:network" % job)
        w.wait_log(r"NS1: handset \(no status reports requested\): recorded without a mail", timeout=40)
        check(db.reports(job) == ["handset", "network"], "recorded: %r" % db.reports(job))
        check(db.mail_keys(job) == ["job:%d:network" % job], "no handset mail: %r" % db.mail_keys(job))
        check(w.log_count(r"NS1: .*report:.*st=") == 0, "no status report came")

        # smsgatectl history tells the administrator what the sender was told.
        out = w.ctl("history", "--job", str(job))
        check(out.returncode == 0, "smsgatectl history --job: %d %s" % (out.returncode, out.stderr))
        story = out.stdout
        check(re.search(r"\n  [-0-9: ]+  network \(mr 18\): mail to <ps@example\.com>, waiting for sendmail"
                        r"( after \d+ failures?: sendmail: exit status 1)?\n", story), "network line:\n" + story)
        check(re.search(r"\n  [-0-9: ]+  handset \(no status reports requested\): no mail on record\n", story),
              "handset line:\n" + story)


# What RFC 3464 asks of each kind of report: the Action, and the class of
# its Status (network: the SMSC took it, "relayed"; see report_mail.hpp).
DSN_KINDS = {"network": ("relayed", "2"), "handset": ("delivered", "2"), "trying": ("delayed", "4"),
             "failed": ("failed", "5")}


def check_dsn(raw, kind, queue_id, diagnostic):
    """A report as a mail client's parser reads it: a multipart/report of
    delivery-status with the words, the fields of one recipient, and the
    SMS text; threaded under the original."""
    m = email.message_from_string(raw, policy=email.policy.default)
    what = "%s report of %s" % (kind, queue_id)
    check(m.get_content_type() == "multipart/report" and m.get_param("report-type") == "delivery-status",
          "%s: %s" % (what, m["Content-Type"]))
    parts = list(m.iter_parts())
    types = [p.get_content_type() for p in parts]
    check(types == ["text/plain", "message/delivery-status", "text/plain"], "%s: parts %r" % (what, types))
    check(m["In-Reply-To"] == "<%s@test>" % queue_id and m["X-SMS-Report"] == kind, "%s: %r" % (what, m.items()))
    check(parts[2].get_content().strip() == "report case " + queue_id, "%s: %r" % (what, parts[2].get_content()))
    per_message, recipient = parts[1].get_payload()
    check(re.match(r"dns; \S+$", per_message["Reporting-MTA"]), "%s: %r" % (what, per_message.items()))
    check(email.utils.parsedate_to_datetime(per_message["Arrival-Date"]), "%s: %r" % (what, per_message.items()))
    action, klass = DSN_KINDS[kind]
    fields = dict(recipient.items())
    check(fields["Final-Recipient"] == "rfc822; %s@sms.test" % SEED_NUMBER and
          "Original-Recipient" not in fields and fields["Action"] == action and
          re.match(r"%s\.\d+\.\d+$" % klass, fields["Status"]) and
          re.fullmatch("X-SMS; " + diagnostic, fields["Diagnostic-Code"]) and
          email.utils.parsedate_to_datetime(fields["Last-Attempt-Date"]), "%s: %r" % (what, fields))


@case
def reports_as_dsn(b):
    """Every report the worker writes is a delivery status notification
    (RFC 3464) that Python's email package reads: delivered to the network
    and to the handset, still trying, failed; each with its Action, a
    Status of the right class and the TP-ST as Diagnostic-Code."""
    with Sim(b["sim"]) as sim, Worker(b, {"gsm0": sim}, sections={"mail": MAIL}) as w:
        db = Db(w)
        delivered = submit(w, "DS1")
        w.wait_log(r"DS1: handset report to <ps@example\.com>, queued as job:%d:handset" % delivered)
        sim.ok("set report-status 32")  # TP-ST 0x20: congestion, the SMSC keeps trying
        trying = submit(w, "DS2")
        w.wait_log(r"DS2: trying report to <ps@example\.com>, queued as job:%d:trying" % trying)
        sim.ok("set report-status 65")  # TP-ST 0x41: incompatible destination
        failed = submit(w, "DS3")
        w.wait_log(r"DS3: failed report to <ps@example\.com>, queued as job:%d:failed" % failed)
        mails = dict(db.rows("SELECT key, message FROM outbox"))
        for job, kind, qid, diagnostic in (
                (delivered, "network", "DS1", r"accepted by the SMSC, TP-MR \d+"),
                (delivered, "handset", "DS1", r"TP-ST 0x00 short message received by the SME"),
                (trying, "trying", "DS2", r"TP-ST 0x20 congestion"),
                (failed, "failed", "DS3", r"TP-ST 0x41 incompatible destination")):
            check_dsn(mails["job:%d:%s" % (job, kind)], kind, qid, diagnostic)
