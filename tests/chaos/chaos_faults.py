"""chaos_faults - the bad luck of a chaos run: a supervisor that restarts
smsgated after SIGKILL (or after it died by itself), the small file system
the worker's database lives on and fills, a Postfix restart, and the
simulator's dropped link and silence.

Every fault is undone by the same object that made it, in a finally block
or on leaving a "with", so that a failing run leaves no mount, no full
file system and no process behind.
"""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time

from postfixclient import Failure, check, wait_until
from workerclient import Worker

# The worker's database directory: big enough for a run at scale 4 (a few
# MB of SQLite), small enough to fill in an instant.
STATE_SIZE = "64m"


def run(command, timeout=120):
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def mount_refusal():
    """Why a tmpfs cannot be mounted here (no root, no mount(8), a
    container without the right), or None."""
    if os.geteuid() != 0:
        return "must run as root (a Postfix instance, its pipe user, and a tmpfs mount)"
    probe = tempfile.mkdtemp(prefix="smsgate-chaos-probe.")
    try:
        out = run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe], timeout=30)
        if out.returncode != 0:
            return "cannot mount a tmpfs for the database: %s" % (out.stderr.strip() or out.stdout.strip())
        run(["umount", probe], timeout=30)
        return None
    except OSError as e:
        return "cannot mount a tmpfs for the database: %s" % e
    finally:
        os.rmdir(probe)


class StateDisk:
    """A tmpfs of STATE_SIZE for the worker's database; fill() takes every
    free block with one file, unfill() removes it."""

    def __init__(self, parent):
        self.path = os.path.join(parent, "state")
        self.filler = os.path.join(self.path, "filler")
        self.mounted = False

    def __enter__(self):
        os.makedirs(self.path)
        out = run(["mount", "-t", "tmpfs", "-o", "size=%s,mode=0755" % STATE_SIZE, "tmpfs", self.path])
        check(out.returncode == 0, "mount tmpfs on %s: %s" % (self.path, out.stderr))
        self.mounted = True
        return self

    def __exit__(self, kind, value, traceback):
        if not self.mounted:
            return
        self.unfill()
        # Lazily, should a killed worker's files still be open somewhere.
        out = run(["umount", self.path])
        if out.returncode != 0:
            out = run(["umount", "-l", self.path])
        if out.returncode != 0:
            sys.stderr.write("umount %s: %s\n" % (self.path, out.stderr))
        else:
            self.mounted = False

    def fill(self):
        """Writes zeros until ENOSPC; gives the bytes written."""
        written = 0
        block = b"\0" * 65536
        with open(self.filler, "wb", buffering=0) as f:
            while True:
                try:
                    n = f.write(block)
                except OSError:  # ENOSPC: full
                    break
                if not n:
                    break
                written += n
        # What is left is smaller than a block: take it byte by byte.
        with open(self.filler, "ab", buffering=0) as f:
            try:
                while f.write(b"\0"):
                    written += 1
            except OSError:
                pass
        return written

    def unfill(self):
        if os.path.exists(self.filler):
            os.unlink(self.filler)

    def free(self):
        s = os.statvfs(self.path)
        return s.f_bavail * s.f_frsize


class StateOnDisk(Worker):
    """The Worker of the tests with its database on a StateDisk: the log,
    socket and configuration stay in its own directory."""

    state_dir = None  # set before the Gateway makes its Worker

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with open(self.config) as f:
            text = f.read()
        database = os.path.join(self.state_dir, "smsgate.db")
        text, n = re.subn(r"(?m)^database = .*$", "database = " + database, text, count=1)
        check(n == 1, "no database line in the worker's configuration")
        with open(self.config, "w") as f:
            f.write(text)
        self.database = database


class Supervisor:
    """Restarts smsgated as an init system would: at once after a SIGKILL
    the test sends, and after any death of its own (counted). Only the
    main thread may start the worker: the tests' programs die with the
    thread that started them (PR_SET_PDEATHSIG), so check() is called from
    the main thread's waits rather than from a thread of its own."""

    def __init__(self, worker):
        self.worker = worker
        self.kills = 0
        self.deaths = []  # exit statuses of deaths the test did not cause
        self.errors = []

    def _start(self):
        """Starts the worker and waits until its socket answers; a modem
        that is silent or unplugged may keep it unregistered meanwhile."""
        w = self.worker
        try:
            w.start(wait_registered=False)
        except Failure:
            # Slow to open its database on a busy machine: give it longer.
            wait_until(lambda: w.process.poll() is not None or w.ping(), 60, "the worker's socket")
            check(w.process.poll() is None, "smsgated exited %s while starting" % w.process.poll())

    def kill(self):
        self.worker.process.kill()
        self.worker.process.wait(timeout=30)
        self.kills += 1
        self._start()

    def check(self):
        """Restarts a worker that died by itself."""
        code = self.worker.process.poll()
        if code is None:
            return
        self.deaths.append(code)
        try:
            self._start()
        except Failure as e:  # tried again on the next check
            self.errors.append("restart after exit %s: %s" % (code, e))

    def wait(self, seconds):
        """Sleeps, checking on the worker twice a second."""
        deadline = time.monotonic() + seconds
        while True:
            self.check()
            left = deadline - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(0.5, left))


def banner(port, timeout=5):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            return s.recv(512).decode(errors="replace")
    except OSError:
        return ""


def restart_postfix(postfix, pause):
    """postfix stop, a pause with Postfix down, postfix start, and the wait
    for its banner: what an operator does to apply a change."""
    out = run(["postfix", "-c", postfix.dir, "stop"])
    check(out.returncode == 0, "postfix stop: %s%s" % (out.stdout, out.stderr))
    # "postfix stop" returns when the master has gone.
    time.sleep(pause)
    # The instance's ownership walk would warn of the Maildirs: skip it, as
    # postfix-instance up does.
    open(os.path.join(postfix.dir, "queue", "quick-start"), "w").close()
    out = run(["postfix", "-c", postfix.dir, "start"])
    check(out.returncode == 0, "postfix start: %s%s" % (out.stdout, out.stderr))
    wait_until(lambda: banner(postfix.port).startswith("220"), 60, "Postfix's banner after the restart")


def silence(sim, supervisor, hold, patience):
    """The modem stops answering for hold seconds at least, and until the
    worker noticed and began a reset (or patience seconds more passed)."""
    worker = supervisor.worker
    resets = worker.log_count(r"modem does not answer; resetting")
    sim.ok("set silent on")
    try:
        supervisor.wait(hold)
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline and worker.log_count(r"modem does not answer; resetting") == resets:
            supervisor.wait(0.5)
    finally:
        sim.ok("set silent off")


def disk_full(disk, supervisor, hold):
    """The database's file system full for hold seconds; gives the bytes taken."""
    try:
        taken = disk.fill()
        supervisor.wait(hold)
        return taken
    finally:
        disk.unfill()
