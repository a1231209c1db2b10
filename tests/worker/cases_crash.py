"""The worker killed with SIGKILL at random moments during a stream of jobs
and incoming SMS, and restarted each time, as Postfix and an init system
would: nothing is lost, nothing is sent twice (a message caught between
AT+CMGS and the commit of its MR is in doubt, and the status report of that
send settles it), and every incoming SMS, long ones included, is queued as a
mail exactly once.

The mail in the outbox is what shows that an SMS was handed on, not the
"received" log line: that line is written once the mail is committed, and a
kill between the two leaves the mail without its line (the SMS, still on the
modem, is found mailed at the restart and only deleted then)."""

import json
import os
import queue
import random
import re
import shutil
import sqlite3
import tempfile
import threading
import time

from workerclient import Sim, Worker, case, check, wait_until

JOBS = 200
INCOMING = 30
LONG_INCOMING = 8
KILLS = 8
CLIENTS = 6
# Another seed: SMSGATE_KILL_SEED=N. The seed is printed, so that a failure
# can be run again with the same kill points.
DEFAULT_SEED = 20071119


def job_text(i):
    return "kill-stream job %03d" % i


def incoming_text(i):
    return "kill-stream incoming %02d" % i


def long_text(i):
    # Three parts of GSM 7-bit text: 153 septets each at most.
    return ("kill-stream long %02d: " % i) + " ".join("word%03d" % n for n in range(50))


class Stream:
    """Client threads that submit jobs as smsgate-transport under Postfix
    does: a delivery that gets no final answer (the worker died, refused, or
    said "temporary") is tried again later with the same key."""

    def __init__(self, worker):
        self.worker = worker
        self.todo = queue.Queue()
        for i in range(JOBS):
            self.todo.put(i)
        self.answers = {}
        self.retries = 0
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.client, daemon=True) for _ in range(CLIENTS)]

    def start(self):
        for t in self.threads:
            t.start()

    def answered(self):
        with self.lock:
            return len(self.answers)

    def client(self):
        while not self.stop.is_set():
            try:
                i = self.todo.get_nowait()
            except queue.Empty:
                return
            while not self.stop.is_set():
                try:
                    r = self.worker.submit("+3247%07d" % i, job_text(i), "K%04d" % i, "<k%d@test>" % i, 60)
                except OSError:  # refused while the worker is down, or cut by the kill
                    r = {}
                if r.get("status") in ("sent", "already_sent", "permanent"):
                    with self.lock:
                        self.answers[i] = r
                    break
                with self.lock:
                    self.retries += 1
                self.stop.wait(0.05)

    def join(self, timeout):
        deadline = time.monotonic() + timeout
        for t in self.threads:
            t.join(max(0, deadline - time.monotonic()))
        self.stop.set()
        for t in self.threads:
            t.join(5)


def injector(sim, rng, done, errors):
    try:
        for i in range(INCOMING):
            time.sleep(rng.uniform(0.02, 0.25))
            sim.ok("inject +32477000222 " + incoming_text(i))
            if i % (INCOMING // LONG_INCOMING) == 0 and i // (INCOMING // LONG_INCOMING) < LONG_INCOMING:
                n = i // (INCOMING // LONG_INCOMING)
                order = rng.choice(["1,2,3", "3,1,2", "2,3,1"])
                sim.ok("inject-parts --ref=%d +32477000444 %s %s" % (100 + n, order, long_text(n)))
    except Exception as e:  # reported by the main thread
        errors.append(e)
    finally:
        done.set()


def incoming_mails(w):
    """The mails of incoming SMS in the worker's outbox (sendmail fails, so
    none leaves it)."""
    db = sqlite3.connect(os.path.join(w.dir, "smsgate.db"), timeout=10)
    try:
        return [row[0] for row in db.execute("SELECT message FROM outbox WHERE job IS NULL")]
    finally:
        db.close()


def mailed(mails, subject):
    return sum(1 for m in mails if "Subject: " + subject in m)


def all_mailed(w):
    mails = incoming_mails(w)
    time.sleep(0.1)  # the worker is busy with its own database
    return all(mailed(mails, incoming_text(i)) for i in range(INCOMING)) and \
        all(mailed(mails, "kill-stream long %02d:" % i) for i in range(LONG_INCOMING))


def count_doubles(counts, what):
    missing = [t for t, n in counts.items() if n == 0]
    doubled = {t: n for t, n in counts.items() if n > 1}
    check(not missing, "%d %s missing: %r" % (len(missing), what, missing[:10]))
    return sum(n - 1 for n in doubled.values()), doubled


@case
def kill_stream(b):
    seed = int(os.environ.get("SMSGATE_KILL_SEED", DEFAULT_SEED))
    rng = random.Random(seed)
    print("kill-stream: seed %d" % seed)
    # Kill points: after a random number of answers, then a random instant
    # (the AT+CMGS exchange takes about 10 ms, a job about as long again).
    thresholds = sorted(rng.sample(range(5, JOBS - 10), KILLS))
    # sendmail fails: every mail stays in the outbox, where it is counted.
    # A status report routed to a worker that was killed before it could
    # acknowledge it holds the network's next ones back until the modem
    # gives up waiting (4 s in the simulator; tens of seconds on a real
    # network), and then the backlog comes: doubt_seconds is longer than
    # that, as the default of 120 is.
    with Sim(b["sim"], "--log", "{dir}/sent.jsonl", "--cmgs-delay-ms", "10", "--report-delay-ms", "100") as sim, \
            Worker(b, {"gsm0": sim}, {"doubt_seconds": "15"}, sections={"mail": {"sendmail": "/bin/false"}}) as w:
        stream = Stream(w)
        injected, errors = threading.Event(), []
        inject_thread = threading.Thread(target=injector, args=(sim, random.Random(seed + 1), injected, errors),
                                         daemon=True)
        started = time.monotonic()
        stream.start()
        inject_thread.start()
        try:
            at_kill = []
            for threshold in thresholds:
                wait_until(lambda: stream.answered() >= threshold, 60, "%d jobs answered" % threshold)
                time.sleep(rng.uniform(0, 0.05))
                at_kill.append(stream.answered())
                w.kill()
                time.sleep(rng.uniform(0, 0.2))  # meanwhile clients are refused
                w.start()
            stream.join(120)
            inject_thread.join(30)
        finally:
            stream.stop.set()
        elapsed = time.monotonic() - started
        check(not errors, "injecting: %r" % errors)
        check(injected.is_set(), "every SMS injected")
        check(at_kill[-1] < JOBS, "the last kill fell inside the stream: answers at each kill %r" % at_kill)

        answers = stream.answers
        check(len(answers) == JOBS, "%d of %d jobs answered" % (len(answers), JOBS))
        bad = {i: r for i, r in answers.items() if r.get("status") not in ("sent", "already_sent")}
        check(not bad, "answers other than sent: %r" % list(bad.items())[:5])

        # Every incoming SMS handed on, as a mail; then the storage empties
        # (status reports and SMS deleted after they were handed on).
        wait_until(lambda: all_mailed(w), 30, "a mail for every incoming SMS")
        wait_until(lambda: sim.records("storage") == [], 30, "the modem's storage emptied")

        # Every incoming SMS is one mail, however often it was handed on.
        mails = incoming_mails(w)
        db = sqlite3.connect(os.path.join(w.dir, "smsgate.db"), timeout=10)
        try:
            left_parts = db.execute("SELECT count(*) FROM incoming_parts").fetchone()[0]
        finally:
            db.close()
        for i in range(INCOMING):
            n = mailed(mails, incoming_text(i))
            check(n == 1, "incoming %d queued as %d mails" % (i, n))
        for i in range(LONG_INCOMING):
            n = mailed(mails, "kill-stream long %02d:" % i)
            check(n == 1, "long SMS %d queued as %d mails" % (i, n))
        check(not [m for m in mails if "missing" in m], "no long SMS went out incomplete")
        check(len(mails) == INCOMING + LONG_INCOMING, "%d incoming mails for %d SMS" %
              (len(mails), INCOMING + LONG_INCOMING))
        check(left_parts == 0, "%d parts of long SMS left behind" % left_parts)

        with open(os.path.join(sim.dir, "sent.jsonl")) as f:
            texts = [json.loads(line)["text"] for line in f if line.strip()]
        counts = {job_text(i): 0 for i in range(JOBS)}
        for t in texts:
            check(t in counts, "an SMS nobody submitted: %r" % t)
            counts[t] += 1
        doubled, which = count_doubles(counts, "jobs never sent")

        log = w.log()
        received = {incoming_text(i): len(re.findall(r'received: .*text="%s"' % incoming_text(i), log))
                    for i in range(INCOMING)}
        # Mailed (checked above) but without its line: the kill fell between
        # the mail's commit and the line, at most once per kill.
        unlogged = sorted(t for t, n in received.items() if n == 0)
        doubled_in = sum(n - 1 for n in received.values() if n > 1)
        which_in = [t for t, n in received.items() if n > 1]
        in_doubt = sum(int(n) for n in re.findall(r"recovery: (\d+) parts were being sent", log))

        print("kill-stream: %d kills (after %r answers), %d jobs in %.1f s, %d client retries" %
              (KILLS, at_kill, JOBS, elapsed, stream.retries))
        print("kill-stream: %d jobs sent twice %r; %d parts in doubt at restarts" %
              (doubled, sorted(which), in_doubt))
        print("kill-stream: %d of %d incoming SMS handed on twice %r" %
              (doubled_in, INCOMING, sorted(which_in)))
        print("kill-stream: %d incoming SMS mailed without a received line %r" % (len(unlogged), unlogged))
        # A part caught by a kill between its AT+CMGS and the commit of its
        # MR is in doubt; its status report says it went out.
        resent = len(re.findall(r"in doubt: .*sending it again", log))
        print("kill-stream: %d parts in doubt sent again (no status report came in time)" % resent)
        check(doubled == 0, "%d jobs sent twice with status reports on" % doubled)
        check(doubled_in <= KILLS, "%d incoming doubles for %d kills" % (doubled_in, KILLS))
        check(len(unlogged) <= KILLS, "%d received lines missing for %d kills" % (len(unlogged), KILLS))


SLOW_SENDMAIL = """#!/bin/sh
# Takes the mail, then needs a while before it says it has it: long enough
# for the worker to be killed meanwhile. A copy it was not killed in is
# counted in taken.
cat > /dev/null
echo started >> "{dir}/calls"
sleep 3
echo taken >> "{dir}/calls"
"""


@case
def sendmail_dies_with_worker(b):
    """A worker killed while sendmail runs takes that sendmail with it: the
    restarted worker hands the mail over again, and it is taken once, not
    twice (once by the orphaned sendmail, once by the restarted worker)."""
    with Sim(b["sim"]) as sim:
        script_dir = tempfile.mkdtemp(prefix="smsgate-sendmail.")
        try:
            script = os.path.join(script_dir, "sendmail")
            with open(script, "w") as f:
                f.write(SLOW_SENDMAIL.format(dir=script_dir))
            os.chmod(script, 0o755)
            calls = os.path.join(script_dir, "calls")

            def lines():
                return open(calls).read().split() if os.path.exists(calls) else []

            with Worker(b, {"gsm0": sim}, sections={"mail": {"sendmail": script}}) as w:
                sim.ok("inject +32477000222 dies with the worker")
                wait_until(lambda: lines() == ["started"], 30, "sendmail started")
                w.kill()
                time.sleep(4)  # an orphaned sendmail would have said "taken" by now
                check(lines() == ["started"], "sendmail went on after the worker died: %r" % lines())
                w.start()
                wait_until(lambda: "taken" in lines(), 30, "the mail taken after the restart")
                w.wait_log(r"outbox: incoming:\d+ to <[^>]+>: sent to sendmail", 10)
                check(lines() == ["started", "started", "taken"], "calls: %r" % lines())
        finally:
            shutil.rmtree(script_dir, ignore_errors=True)
