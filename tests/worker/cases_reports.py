"""The reports the worker decides about a job, seen in its SQLite file:
decided from what the store kept when the decision could not be recorded
at the time (the worker stopped, the database failed), recorded without a
mail where none is due, and never doubled. sendmail fails here
(/bin/false), so that every mail stays in the outbox to be counted."""

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
