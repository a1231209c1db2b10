"""smsgated and smsgate-milter as daemons: started as root, the worker
refuses to run without [worker] user, and with it gives root up once its
socket, modems and database are open (what it makes afterwards belongs to
the user); user = root keeps root with a warning; the pid files of both
programs; and the modes of the files they create."""

import os
import pwd
import shutil
import signal
import stat
import subprocess
import tempfile

from workerclient import SEED_NUMBER, Failure, Sim, Worker, case, check, die_with_parent, wait_until

GATEWAY_USER = "smsgate"


def gateway_user():
    """The system user smsgate, made here if this machine has none."""
    try:
        return pwd.getpwnam(GATEWAY_USER)
    except KeyError:
        pass
    made = subprocess.run(["useradd", "--system", "--user-group", "--home-dir", "/nonexistent", "--shell",
                           "/usr/sbin/nologin", GATEWAY_USER], capture_output=True, text=True, timeout=60)
    check(made.returncode == 0, "useradd %s: %s" % (GATEWAY_USER, made.stderr))
    return pwd.getpwnam(GATEWAY_USER)


def proc_ids(pid):
    """The Uid, Gid and Groups lines of /proc/PID/status, as lists of ints."""
    ids = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            name, _, value = line.partition(":")
            if name in ("Uid", "Gid", "Groups"):
                ids[name] = [int(v) for v in value.split()]
    return ids


def mode_of(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def at_most_0640(path):
    """No permission beyond 0640, whatever the umask took away."""
    return mode_of(path) & ~0o640 == 0


@case
def runs_as_user(b):
    pw = gateway_user()
    # Over the simulator's pty as a serial device: a device only root
    # may open (the simulator keeps its pty in a directory of root's), as
    # a serial port often is.
    with Sim(b["sim"], "--pty", "{dir}/modem", "--reopen-delay-ms", "100") as sim:
        # A directory the user may write, for what the worker makes after
        # it became the user: the metrics file, the pid file's removal.
        own = tempfile.mkdtemp(prefix="smsgate-user.")
        os.chown(own, pw.pw_uid, pw.pw_gid)
        options = {"user": GATEWAY_USER, "metrics_file": os.path.join(own, "smsgate.prom"),
                   "pid_file": os.path.join(own, "smsgated.pid")}
        try:
            with Worker(b, {"gsm0": sim}, options, serial=True) as w:
                pid = w.process.pid
                ids = proc_ids(pid)
                # Real, effective, saved and file-system ids: none is root,
                # so root cannot be taken back.
                check(ids["Uid"] == [pw.pw_uid] * 4, "uids of smsgated: %r" % ids)
                check(ids["Gid"] == [pw.pw_gid] * 4, "gids of smsgated: %r" % ids)
                want = set(os.getgrouplist(GATEWAY_USER, pw.pw_gid))
                check(set(ids["Groups"]) == want, "supplementary groups %r, the user's are %r" % (ids, want))
                w.wait_log(r"running as user smsgate \(uid %d\)" % pw.pw_uid)
                # The device was opened before the change, the database too.
                check(w.submit(SEED_NUMBER, "as smsgate", "U1").get("status") == "sent", "sent as the user")
                metrics = options["metrics_file"]
                wait_until(lambda: os.path.exists(metrics), 20, "the metrics file")
                check(os.stat(metrics).st_uid == pw.pw_uid, "the metrics file belongs to the user")
                # The pid file was written as root, before the change.
                check(open(options["pid_file"]).read() == "%d\n" % pid, "the pid file names smsgated")
                check(os.stat(options["pid_file"]).st_uid == 0, "the pid file was written before the change")
                check(w.log_count("running as root") == 0, "no warning about root")
                # The database, made as root, is the user's: the next start
                # as the user (the unit's User=) opens it.
                for suffix in ("", "-wal", "-shm"):
                    path = os.path.join(w.dir, "smsgate.db" + suffix)
                    if os.path.exists(path):
                        st = os.stat(path)
                        check((st.st_uid, st.st_gid) == (pw.pw_uid, pw.pw_gid),
                              "%s belongs to the user: %d:%d" % (path, st.st_uid, st.st_gid))
                # A link that drops is opened again as the user, who may not
                # open root's pty (a real server's user is in dialout).
                sim.ok("drop")
                w.wait_log(r"gsm0: .*[Pp]ermission denied")
            check(not os.path.exists(options["pid_file"]), "the pid file removed by the user at the stop")
        finally:
            shutil.rmtree(own, ignore_errors=True)


@case
def root_refused(b):
    w = Worker(b, {}, {"user": ""})
    try:
        out = subprocess.run([b["smsgated"], "-c", w.config], capture_output=True, text=True, timeout=30)
        check(out.returncode == 1, "exit status %d, not 1: %r" % (out.returncode, out))
        lines = out.stderr.splitlines()
        check(len(lines) == 1 and lines[0].startswith("smsgated: started as root with no [worker] user"),
              "one line on stderr: %r" % out.stderr)
        left = sorted(os.listdir(w.dir))
        check(left == ["smsgate.conf"], "nothing made as root before the refusal: %r" % left)
    finally:
        shutil.rmtree(w.dir, ignore_errors=True)


@case
def worker_pid_file(b):
    with Sim(b["sim"]) as sim, Worker(b, {"gsm0": sim}) as w:
        # The tests' user = root is said once.
        check(w.log_count(r"warning: running as root \(\[worker\] user = root\)") == 1, "one warning about root")
        pid_file = os.path.join(w.dir, "smsgated.pid")
        check(not os.path.exists(pid_file), "no pid file by default")
        w.stop()
        # A stale file (its process has ended) is replaced; --pid-file
        # stands for the key.
        with open(pid_file, "w") as f:
            f.write("%d\n" % dead_pid())
        w.process = subprocess.Popen([b["smsgated"], "-c", w.config, "--pid-file", pid_file],
                                     preexec_fn=die_with_parent)
        wait_until(lambda: w.process.poll() is None and w.ping(), 10, "the worker's socket")
        check(open(pid_file).read() == "%d\n" % w.process.pid, "the pid file names smsgated")
        check(mode_of(pid_file) == 0o644, "pid file mode %o" % mode_of(pid_file))
        # A second worker with the same pid file refuses, and leaves the
        # first one's socket alone.
        second = subprocess.run([b["smsgated"], "-c", w.config, "--pid-file", pid_file, "--log", "stderr"],
                                capture_output=True, text=True, timeout=30)
        check(second.returncode == 1 and "process %d holds it" % w.process.pid in second.stderr,
              "a second worker: %r" % (second,))
        check(w.ping(), "the first worker still answers")
        w.stop()
        check(not os.path.exists(pid_file), "removed at a clean stop")


def dead_pid():
    """The pid of a process that has ended."""
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def milter_config(directory):
    path = os.path.join(directory, "smsgate.conf")
    with open(os.path.join(directory, "senders"), "w") as f:
        f.write("default allow\n")
    with open(path, "w") as f:
        f.write("[milter]\nsocket = unix:%s/milter.sock\nquota_database = %s/quota.db\nlog = %s/milter.log\n"
                "pid_file = %s/milter.pid\n[sms]\ndomains = sms.test\ndefault_region = BE\nsenders = %s/senders\n"
                % ((directory,) * 5))
    return path


@case
def milter_pid_file_and_modes(b):
    milter = os.environ.get("SMSGATE_MILTER")
    if not milter:
        raise Failure("set SMSGATE_MILTER")
    directory = tempfile.mkdtemp(prefix="smsgate-milter.")
    pid_file = os.path.join(directory, "milter.pid")
    pid = None
    try:
        config = milter_config(directory)
        # In the background: the pid file names the process that stays.
        started = subprocess.run([milter, "-c", config], capture_output=True, text=True, timeout=30)
        check(started.returncode == 0, "smsgate-milter: %r" % (started,))
        wait_until(lambda: os.path.exists(pid_file), 10, "the milter's pid file")
        pid = int(open(pid_file).read())
        check(open("/proc/%d/comm" % pid).read().strip() == "smsgate-milter", "the pid is the milter's")
        check(mode_of(pid_file) == 0o644, "pid file mode %o" % mode_of(pid_file))
        second = subprocess.run([milter, "-f", "-c", config], capture_output=True, text=True, timeout=30)
        check(second.returncode == 78 and "process %d holds it" % pid in second.stderr, "a second milter: %r" % (second,))
        check(stat.S_ISSOCK(os.stat(os.path.join(directory, "milter.sock")).st_mode), "the first one's socket stays")
        # Files it made: no more than 0640.
        for name in ("quota.db", "milter.log"):
            path = os.path.join(directory, name)
            check(at_most_0640(path), "%s mode %o" % (name, mode_of(path)))
        os.kill(pid, signal.SIGTERM)
        wait_until(lambda: not os.path.exists(pid_file), 10, "the pid file removed at the stop")
        pid = None
    finally:
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        shutil.rmtree(directory, ignore_errors=True)


@case
def milter_background_start_fails(b):
    """Started in the background, the milter's exit status says whether it
    started: a pid file it cannot write is 71, not 0, and no socket is left."""
    milter = os.environ.get("SMSGATE_MILTER")
    if not milter:
        raise Failure("set SMSGATE_MILTER")
    directory = tempfile.mkdtemp(prefix="smsgate-milter.")
    try:
        config = milter_config(directory)
        with open(config) as f:
            text = f.read().replace("pid_file = %s/milter.pid" % directory,
                                    "pid_file = %s/no-such-directory/milter.pid" % directory)
        with open(config, "w") as f:
            f.write(text)
        started = subprocess.run([milter, "-c", config], capture_output=True, text=True, timeout=30)
        check(started.returncode == 71, "exit status %d, not 71: %r" % (started.returncode, started))
        check(not os.path.exists(os.path.join(directory, "milter.sock")), "a socket left that nobody serves")
        log = open(os.path.join(directory, "milter.log")).read()
        check("no-such-directory/milter.pid" in log, "the reason in the log: %r" % log)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@case
def worker_file_modes(b):
    with Sim(b["sim"]) as sim, Worker(b, {"gsm0": sim}) as w:
        check(w.submit(SEED_NUMBER, "modes", "F1").get("status") == "sent", "sent")
        check(at_most_0640(w.log_path), "log file mode %o" % mode_of(w.log_path))
        db = os.path.join(w.dir, "smsgate.db")
        modes = {s: mode_of(db + s) for s in ("", "-wal", "-shm")}
        check(modes == {"": 0o600, "-wal": 0o600, "-shm": 0o600}, "database modes %r" % modes)

