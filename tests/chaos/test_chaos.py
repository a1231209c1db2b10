#!/usr/bin/env python3
"""test_chaos - the gateway under traffic and bad luck at once.

usage: test_chaos.py

1,000 SMS are mailed through a private Postfix (milter, smsgate pipe
transport, smsgated, the modem simulator with status reports) to 300
numbers, over SMTP and with sendmail, one in six long; 300 SMS arrive from
the network, one in three long with its parts in random order. Meanwhile
smsgated is killed with SIGKILL 10 times (and restarted at once, as a
supervisor would), the simulator drops its link 5 times and goes silent
twice, Postfix is restarted once, and the file system of the worker's
database (a tmpfs of its own) fills once. When everything has settled the
counts are printed in one block, and the run fails unless: no SMS lost,
none sent twice, every incoming SMS exactly one mail, every report mail
exactly once, Postfix's queue empty.

Environment:
  CHAOS_SEED=N    the traffic and the points of the run at which the faults
                  strike (default: a random seed, printed first, so that a
                  run can be repeated; what a fault hits is left to timing)
  CHAOS_SCALE=N   N times everything: SMS, numbers, incoming SMS, faults
                  (default 1: the numbers above, 7 minutes on two cores
                  shared with builds; 4 takes about four times as long; 0.1
                  is a quick trial with one fault of each kind, 2 minutes)
  CHAOS_RATE=R    SMS mailed per second (default 8)
  CHAOS_KEEP=1    keep the logs, the simulator's record, the database and the
                  Maildirs in the run's directory, and print its name
and SMSGATED, SMSGATECTL, SMSGATE_MODEM_SIM,
SMSGATE_TRANSPORT, SMSGATE_MILTER (CTest sets them). Needs root and a tmpfs
mount; exits 77 (CTest's skip) without them.
"""

import json
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.append(os.path.join(HERE, "..", "postfix"))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import postfixclient  # noqa: E402
from chaos_faults import (StateDisk, StateOnDisk, Supervisor, disk_full, mount_refusal, restart_postfix,  # noqa: E402
                          silence)
from chaos_load import Mailer, Network  # noqa: E402
from chaos_plan import MAIL_USERS, SENDERS_TABLE, make_plan  # noqa: E402
from chaos_tally import summary, tally_run  # noqa: E402
from postfixclient import Gateway, binaries_from_environment, run  # noqa: E402

SKIP = 77
# How long the modem takes to answer +CMGS (a kill or a drop then often
# falls inside a send), and to report on the handset.
CMGS_DELAY_MS = 20
REPORT_DELAY_MS = 300
# A fault waits for its point of the run, but no longer than this when
# nothing is sent at all (then it strikes anyway, and the run goes on).
FAULT_PATIENCE = 90
SILENCE_HOLD = 6
# The worker takes about 15 s to call a silent modem dead and reset it.
SILENCE_PATIENCE = 30
DISK_FULL_HOLD = 10
POSTFIX_DOWN = 3
# After the traffic: until everything settled (Postfix's queue empty, the
# worker's outbox empty, no new mail for SETTLE_QUIET seconds).
SETTLE_SECONDS = 240
SETTLE_QUIET = 15


def stop_on_sigterm(number, frame):
    # CTest's timeout sends SIGTERM: unwind through every "with" and finally.
    raise KeyboardInterrupt("SIGTERM")


class SentLog:
    """The simulator's --log file, read as it grows: which SMS it sent."""

    def __init__(self, path, plan):
        self.path = path
        self.offset = 0
        self.tags = set()
        self.records = []
        self.total = len(plan.sms)

    def poll(self):
        if not os.path.exists(self.path):
            return
        with open(self.path) as f:
            f.seek(self.offset)
            data = f.read()
        end = data.rfind("\n") + 1  # a line being written waits for the next poll
        self.offset += len(data[:end].encode())
        for line in data[:end].splitlines():
            if line.strip():
                r = json.loads(line)
                self.records.append(r)
                tag = re.search(r"\bc\d{5}", r.get("text", ""))
                if tag:
                    self.tags.add(tag.group(0))

    def progress(self):
        self.poll()
        return len(self.tags) / max(1, self.total)


class Faults:
    """The plan's faults, each at its point of the run, made by the main
    thread (which alone starts the worker again: see Supervisor)."""

    def __init__(self, plan, g, supervisor, disk, mailer, sent_log, rng, abort):
        self.plan, self.g, self.supervisor, self.disk = plan, g, supervisor, disk
        self.mailer, self.sent_log, self.rng, self.abort = mailer, sent_log, rng, abort
        self.done = []
        self.notes = []

    def _wait_for(self, at):
        last, since = -1.0, time.monotonic()
        while not self.abort.is_set():
            p = self.sent_log.progress()
            if p >= at:
                return
            if p != last:
                last, since = p, time.monotonic()
            elif time.monotonic() - since > FAULT_PATIENCE:
                self.notes.append("nothing sent for %d s at %.0f %%: fault struck anyway" % (FAULT_PATIENCE, p * 100))
                return
            self.supervisor.wait(0.2)

    def run(self):
        for fault in self.plan.faults:
            self._wait_for(fault.at)
            self.supervisor.wait(self.rng.uniform(0, 0.3))  # a random instant of a send
            self._strike(fault.kind)
            self.done.append(fault.kind)
            print("chaos: %5.1f %% sent: %s" % (self.sent_log.progress() * 100, fault.kind), flush=True)

    def _strike(self, kind):
        g = self.g
        if kind == "kill":
            self.supervisor.kill()
        elif kind == "drop":
            g.sim.ok("drop")
        elif kind == "silence":
            silence(g.sim, self.supervisor, SILENCE_HOLD, SILENCE_PATIENCE)
        elif kind == "postfix-restart":
            self.mailer.pause()
            try:
                restart_postfix(g.postfix, POSTFIX_DOWN)
            finally:
                self.mailer.resume()
        elif kind == "disk-full":
            taken = disk_full(self.disk, self.supervisor, DISK_FULL_HOLD)
            self.notes.append("disk full: %d kB taken for %d s" % (taken // 1024, DISK_FULL_HOLD))

    def summary(self):
        counts = {k: self.done.count(k) for k in ("kill", "drop", "silence", "postfix-restart", "disk-full")}
        return "%(kill)d kills, %(drop)d drops, %(silence)d silences, %(postfix-restart)d Postfix restarts, " \
               "%(disk-full)d disk full" % counts


def mail_files(postfix):
    n = 0
    for user in MAIL_USERS:
        new = os.path.join(postfix.dir, "mail", postfixclient.MAIL_DOMAIN, user, "new")
        if os.path.isdir(new):
            n += len(os.listdir(new))
    return n


def settle(g, supervisor, sent_log, plan, abort):
    """Waits until the gateway has nothing left to do; gives what did not
    settle (then the counts that follow are not final)."""
    deadline = time.monotonic() + SETTLE_SECONDS * max(1.0, plan.scale)
    last_count, quiet_since, last_flush = -1, time.monotonic(), 0.0
    state = {}
    while time.monotonic() < deadline and not abort.is_set():
        if time.monotonic() - last_flush > 10:
            run(["postqueue", "-c", g.postfix.dir, "-f"])  # no waiting out the backoff
            last_flush = time.monotonic()
        count = mail_files(g.postfix)
        if count != last_count:
            last_count, quiet_since = count, time.monotonic()
        try:
            status = g.worker.status()
        except OSError:
            status = {}
        state = {"queue empty": "Mail queue is empty" in g.postfix.mailq(),
                 "outbox empty": status.get("mails") == "0",
                 "modem storage empty": g.sim.records("storage") == [],
                 "every SMS sent": sent_log.progress() >= 1.0,
                 "no new mail": time.monotonic() - quiet_since >= SETTLE_QUIET}
        if all(state.values()):
            return []
        supervisor.wait(2)
    return ["not settled after %d s: %s" % (SETTLE_SECONDS * max(1.0, plan.scale),
                                            ", ".join(k for k, v in state.items() if not v))]


def wait_threads(supervisor, load, timeout):
    """Waits for a load's threads while the supervisor keeps the worker up."""
    deadline = time.monotonic() + timeout
    while not load.join(0) and time.monotonic() < deadline:
        supervisor.wait(0.5)


def keep(directory, g):
    """Copies what the components leave into directory (they remove their own)."""
    copies = [(os.path.join(g.sim.dir, "sent.jsonl"), "sim-sent.jsonl"),
              (g.worker.log_path, "smsgated.log"), (g.worker.config, "smsgate.conf"),
              (os.path.join(g.worker.dir, "milter.log"), "milter.log"), (g.postfix.log_path, "maillog")]
    for source, name in copies:
        if os.path.exists(source):
            shutil.copy(source, os.path.join(directory, name))
    for name in os.listdir(os.path.dirname(g.worker.database)):
        if name.startswith("smsgate.db"):
            shutil.copy(os.path.join(os.path.dirname(g.worker.database), name), os.path.join(directory, name))
    shutil.copytree(os.path.join(g.postfix.dir, "mail"), os.path.join(directory, "mail"), symlinks=True)


def chaos(binaries, plan, rate, root, keep_files):
    rng = random.Random(plan.seed + 1)
    abort = threading.Event()
    sim_args = ["--log", "{dir}/sent.jsonl", "--cmgs-delay-ms", str(CMGS_DELAY_MS),
                "--report-delay-ms", str(REPORT_DELAY_MS)]
    for number in plan.failing_numbers:
        sim_args += ["--report-status-for", "%s=0x41" % number]
    started = time.monotonic()
    with StateDisk(root) as disk:
        # The Gateway makes its Worker by this name: give it the database on the tmpfs.
        StateOnDisk.state_dir = disk.path
        postfixclient.Worker = StateOnDisk
        with Gateway(binaries, sim_args=sim_args, milter=True, senders=SENDERS_TABLE, time_limit=120) as g:
            sent_log = SentLog(os.path.join(g.sim.dir, "sent.jsonl"), plan)
            mailer = Mailer(g.postfix, plan, rate, abort)
            network = Network(g.sim, plan, len(plan.sms) / rate, abort)
            supervisor = Supervisor(g.worker)
            faults = Faults(plan, g, supervisor, disk, mailer, sent_log, rng, abort)
            try:
                mailer.start()
                network.start()
                faults.run()
                span = len(plan.sms) / rate
                wait_threads(supervisor, mailer, span + 300)
                wait_threads(supervisor, network, 60)
                problems = settle(g, supervisor, sent_log, plan, abort)
                problems += mailer.errors + network.errors + supervisor.errors
                if not mailer.done():
                    problems.append("mailing did not finish: %d of %d accepted" % (mailer.accepted, len(plan.sms)))
                if mailer.refused:
                    problems.append("Postfix refused SMS of the plan: %s" % mailer.refused[:5])
                if len(faults.done) != len(plan.faults):
                    problems.append("only %d of %d faults made" % (len(faults.done), len(plan.faults)))
                sent_log.poll()
                mailboxes = {u: g.postfix.mailbox(u) for u in MAIL_USERS}
                with open(g.worker.log_path, errors="replace") as f:
                    worker_log = f.read()
                tally = tally_run(plan, sent_log.records, g.postfix.log(), mailboxes, g.postfix.mailq(),
                                  worker_log, supervisor.kills)
                fault_line = faults.summary() + "; worker died by itself %d times %s" % (len(supervisor.deaths),
                                                                                       supervisor.deaths)
                notes = faults.notes + ["%d mail retries, %d cut SMTP connections %s" %
                                         (mailer.retries, len(mailer.ambiguous), mailer.ambiguous[:10])]
            finally:
                abort.set()
                if keep_files:
                    try:
                        keep(root, g)
                    except OSError as e:  # the run's outcome matters more
                        sys.stderr.write("chaos: keeping the files: %s\n" % e)
    print(summary(plan, tally, fault_line, time.monotonic() - started))
    for note in notes:
        print("  note: " + note)
    return problems + tally.failures()


def main():
    if len(sys.argv) != 1:
        sys.stderr.write(__doc__)
        return 64
    seed = int(os.environ.get("CHAOS_SEED") or random.SystemRandom().randrange(1, 10 ** 6))
    scale = float(os.environ.get("CHAOS_SCALE") or 1)
    rate = float(os.environ.get("CHAOS_RATE") or 8)
    keep_files = os.environ.get("CHAOS_KEEP") == "1"
    print("chaos: seed %d, scale %g (CHAOS_SEED=%d CHAOS_SCALE=%g to repeat)" % (seed, scale, seed, scale),
          flush=True)
    if not shutil.which("postfix", path=os.environ.get("PATH", "") + ":/usr/sbin"):
        print("chaos: skipped: Postfix is not installed")
        return SKIP
    reason = mount_refusal()
    if reason:
        print("chaos: skipped: " + reason)
        return SKIP
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    binaries = binaries_from_environment()
    plan = make_plan(seed, scale)
    root = tempfile.mkdtemp(prefix="smsgate-chaos.")
    os.chmod(root, 0o755)
    try:
        problems = chaos(binaries, plan, rate, root, keep_files)
    finally:
        if keep_files:
            print("chaos: kept %s" % root)
        else:
            shutil.rmtree(root, ignore_errors=True)
    for p in problems:
        print("FAIL " + p)
    print("chaos: %s (seed %d)" % ("FAIL" if problems else "ok", seed))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
