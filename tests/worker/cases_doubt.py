"""Parts in doubt: the worker is SIGKILLed, or the link drops, while the
simulator holds AT+CMGS (the message goes out, the +CMGS answer is lost), or
the commit of "sent" fails. With status reports on, the network's report for
that send settles the part: the simulator's log shows one send. Without a
report in doubt_seconds, or without status reports, the part is sent again,
and that resend is logged with the queue id and counted on the part."""

import os
import re
import signal
import sqlite3
import subprocess
import time

from workerclient import SEED_NUMBER, Failure, Sim, Worker, case, check, commands, sent, wait_until

# The simulator holds AT+CMGS this long after the PDU: the kill or the drop
# falls inside it.
HOLD_MS = "1500"
MAIL = {"sendmail": "/bin/false"}


def submit_and_interrupt(w, sim, queue_id, interrupt):
    """Submits, waits until the PDU is on the modem, and interrupts."""
    pending = w.submit_in_background(SEED_NUMBER, "doubt " + queue_id, queue_id, "<%s@test>" % queue_id, 90)
    wait_until(lambda: commands(sim, "AT+CMGS="), 10, "AT+CMGS on the modem")
    # The prompt comes at once and the PDU right after it; the answer is
    # held for HOLD_MS.
    time.sleep(0.3)
    check(sent(sim) == [], "the send is still held")
    interrupt()
    return pending


def submit_again(w, queue_id):
    """The retry of the same delivery, as Postfix makes it."""
    r = w.submit(SEED_NUMBER, "doubt " + queue_id, queue_id, "<%s@test>" % queue_id, 90)
    check(r.get("status") in ("sent", "already_sent") and r.get("dsn") == "2.0.0", "answered %r" % r)
    return r


def part_row(w, queue_id):
    db = sqlite3.connect(os.path.join(w.dir, "smsgate.db"), timeout=10)
    try:
        return db.execute("SELECT p.state, p.mr, p.doubt_resends, p.report_status FROM parts p "
                          "JOIN jobs j ON j.id = p.job WHERE j.queue_id = ?", (queue_id,)).fetchone()
    finally:
        db.close()


def job_state(w, queue_id):
    db = sqlite3.connect(os.path.join(w.dir, "smsgate.db"), timeout=10)
    try:
        return db.execute("SELECT state FROM jobs WHERE queue_id = ?", (queue_id,)).fetchone()[0]
    finally:
        db.close()


def kill_and_restart(w):
    def interrupt():
        w.kill()
        w.start()
    return interrupt


@case
def doubt_after_kill(b):
    with Sim(b["sim"], "--cmgs-delay-ms", HOLD_MS, "--report-delay-ms", "300") as sim, \
            Worker(b, {"gsm0": sim}, {"doubt_seconds": "60"}, sections={"mail": MAIL}) as w:
        pending = submit_and_interrupt(w, sim, "DK000001", kill_and_restart(w))
        try:
            pending.result(10)
        except Exception:  # cut by the kill
            pass
        w.wait_log(r"recovery: 1 parts were being sent")
        submit_again(w, "DK000001")
        check(len(sent(sim)) == 1, "sent exactly once: %r" % sent(sim))
        w.wait_log(r"DK000001: gsm0: part 1 to \+32477324847 in doubt: sent, mr 18 \(its status report came; "
                   r"not sent again\)")
        check(w.log_count(r"; sending it again") == 0, "no resend")
        state, mr, resends, report = part_row(w, "DK000001")
        check((state, mr, resends, report) == ("sent", 18, 0, 0), "the part: %r" % ((state, mr, resends, report),))
        # The sender hears of the delivery once, as of the part's report.
        w.wait_log(r"DK000001: status report: .*mr=18, .*job=\d+, part=1")


@case
def doubt_kill_no_report(b):
    # The report would come long after doubt_seconds.
    with Sim(b["sim"], "--cmgs-delay-ms", HOLD_MS, "--report-delay-ms", "600000") as sim, \
            Worker(b, {"gsm0": sim}, {"doubt_seconds": "3"}, sections={"mail": MAIL}) as w:
        pending = submit_and_interrupt(w, sim, "DN000001", kill_and_restart(w))
        try:
            pending.result(10)
        except Exception:
            pass
        w.wait_log(r"DN000001: gsm0: part 1 to \+32477324847 in doubt: waiting for its status report", 20)
        w.wait_log(r"DN000001: gsm0: part 1 to \+32477324847 in doubt: no status report within 3 s; "
                   r"sending it again \(resend 1 of this part\)", 30)
        submit_again(w, "DN000001")
        check(len(sent(sim)) == 2, "sent again once: %r" % sent(sim))
        state, mr, resends, _ = part_row(w, "DN000001")
        check((state, resends) == ("sent", 1), "the resend counted on the part: %r" % ((state, mr, resends),))
        out = w.ctl("status")
        check(re.search(r"^\s+in doubt: 0 parts; sent again after a doubt: 1$", out.stdout, re.M),
              "smsgatectl status counts the resend:\n" + out.stdout)


@case
def doubt_report_in_storage(b):
    """A modem that routes nothing and indicates nothing (its AT+CNMI
    refused, as when it turned routing off after an acknowledgement that
    never came) stores the report where only a sweep finds it. The polls
    are far apart: the part is not sent again before the storage was read
    once its deadline had passed, and there the report is."""
    with Sim(b["sim"], "--no-cnmi", "--cmgs-delay-ms", HOLD_MS, "--report-delay-ms", "300") as sim, \
            Worker(b, {"gsm0": sim}, {"doubt_seconds": "3", "poll_seconds": "600"}, sections={"mail": MAIL}) as w:
        pending = submit_and_interrupt(w, sim, "DS000001", kill_and_restart(w))
        try:
            pending.result(10)
        except Exception:
            pass
        w.wait_log(r"DS000001: gsm0: part 1 to \+32477324847 in doubt: waiting for its status report", 20)
        # Stored after the restarted worker's first sweep.
        wait_until(lambda: len(sim.records("storage")) == 1, 10, "the report in the modem's storage")
        w.wait_log(r"DS000001: gsm0: part 1 to \+32477324847 in doubt: its status report may wait in the "
                   r"modem's storage; reading it before sending the part again", 20)
        w.wait_log(r"DS000001: gsm0: part 1 to \+32477324847 in doubt: sent, mr 18 \(its status report came; "
                   r"not sent again\)", 20)
        submit_again(w, "DS000001")
        check(len(sent(sim)) == 1, "sent exactly once: %r" % sent(sim))
        check(w.log_count(r"; sending it again") == 0, "no resend")
        check(part_row(w, "DS000001")[:3] == ("sent", 18, 0), "the part: %r" % (part_row(w, "DS000001"),))


@case
def doubt_without_status_reports(b):
    with Sim(b["sim"], "--cmgs-delay-ms", HOLD_MS) as sim, \
            Worker(b, {"gsm0": sim}, {"status_reports": "false", "doubt_seconds": "600"},
                   sections={"mail": MAIL}) as w:
        pending = submit_and_interrupt(w, sim, "DW000001", kill_and_restart(w))
        try:
            pending.result(10)
        except Exception:
            pass
        # No report can settle it: sent again at once, not after doubt_seconds.
        w.wait_log(r"DW000001: gsm0: part 1 to \+32477324847 in doubt: no status report was requested; "
                   r"sending it again \(resend 1 of this part\)", 30)
        submit_again(w, "DW000001")
        check(len(sent(sim)) == 2, "sent again once: %r" % sent(sim))
        check(w.log_count(r"DW000001: .*waiting for its status report") == 0, "no wait")
        check(part_row(w, "DW000001")[2] == 1, "the resend counted on the part")


@case
def doubt_link_drop(b):
    with Sim(b["sim"], "--cmgs-delay-ms", HOLD_MS, "--report-delay-ms", "300", "--reopen-delay-ms", "100") as sim, \
            Worker(b, {"gsm0": sim}, {"doubt_seconds": "60"}, sections={"mail": MAIL}) as w:
        pending = submit_and_interrupt(w, sim, "DL000001", lambda: sim.ok("drop"))
        r = pending.result(60)
        check(r.get("status") == "sent" and r.get("dsn") == "2.0.0", "sent after the drop: %r" % r)
        check(len(sent(sim)) == 1, "sent exactly once: %r" % sent(sim))
        w.wait_log(r"DL000001: gsm0: part 1: link failed.*; in doubt")
        w.wait_log(r"DL000001: gsm0: part 1 to \+32477324847 in doubt: sent, mr 18 \(its status report came")
        check(len(commands(sim, "AT+CMGS=")) == 1, "no second AT+CMGS: %r" % commands(sim, "AT+CMGS="))


@case
def doubt_after_failed_commit(b):
    # The commit of "sent" fails as on a full disk: a trigger in the real
    # database refuses it until the test drops the trigger.
    with Sim(b["sim"], "--report-delay-ms", "300") as sim, \
            Worker(b, {"gsm0": sim}, {"doubt_seconds": "60"}, sections={"mail": MAIL}) as w:
        path = os.path.join(w.dir, "smsgate.db")
        db = sqlite3.connect(path, timeout=10)
        try:
            with db:
                db.execute("CREATE TRIGGER full_disk BEFORE UPDATE OF state ON parts WHEN NEW.state = 'sent' "
                           "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
            pending = w.submit_in_background(SEED_NUMBER, "doubt DC000001", "DC000001", "<DC000001@test>", 90)
            w.wait_log(r"gsm0: database: cannot record part sent, mr 18")
            # Requeued in doubt, and settled again while the disk is full:
            # with the MR kept, or with the report that came meanwhile.
            w.wait_log(r"gsm0: database: cannot record (part sent, mr 18|status report of a part in doubt)", 30,
                       count=2)
            with db:
                db.execute("DROP TRIGGER full_disk")
        finally:
            db.close()
        r = pending.result(60)
        check(r.get("status") == "sent" and r.get("dsn") == "2.0.0", "sent: %r" % r)
        w.wait_log(r"DC000001: gsm0: part 1 to \+32477324847 in doubt: sent, mr 18 \(")
        check(len(sent(sim)) == 1, "sent exactly once: %r" % sent(sim))
        check(part_row(w, "DC000001")[:3] == ("sent", 18, 0), "the part: %r" % (part_row(w, "DC000001"),))


@case
def stop_during_long_send(b):
    # SIGTERM while the modem holds AT+CMGS for a minute: the worker stops
    # at once, not after the minute, and leaves the part in doubt, as a
    # link that fails then does. The modem is then power cycled: the held
    # send never went out, no report comes, and the next start sends the
    # part again after doubt_seconds.
    with Sim(b["sim"], "--cmgs-delay-ms", "60000", "--report-delay-ms", "300") as sim, \
            Worker(b, {"gsm0": sim}, {"doubt_seconds": "3"}, sections={"mail": MAIL}) as w:
        pending = submit_and_interrupt(w, sim, "DS000001", lambda: w.process.send_signal(signal.SIGTERM))
        try:
            code = w.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            raise Failure("smsgated still runs 10 s after SIGTERM during a held AT+CMGS")
        check(code == 0, "smsgated exited %d after SIGTERM" % code)
        try:
            pending.result(10)
        except Exception:  # cut by the stop
            pass
        check(w.log_count(r"DS000001: gsm0: part 1: stopped during AT\+CMGS=\d+; in doubt") == 1,
              "the interrupted part logged")
        check(part_row(w, "DS000001")[0] == "pending", "the part waits: %r" % (part_row(w, "DS000001"),))
        check(job_state(w, "DS000001") == "queued", "the job waits: %r" % job_state(w, "DS000001"))
        sim.ok("drop reset")
        sim.ok("set cmgs-delay-ms 0")
        w.start()
        w.wait_log(r"DS000001: gsm0: part 1 to \+32477324847 in doubt: no status report within 3 s; "
                   r"sending it again \(resend 1 of this part\)", 30)
        submit_again(w, "DS000001")
        check(len(sent(sim)) == 1, "sent once, after the restart: %r" % sent(sim))
