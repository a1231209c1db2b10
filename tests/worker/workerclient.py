"""workerclient - runs smsgated against smsgate-modem-sim for its tests.

Worker writes an smsgate.conf in a fresh temporary directory, with one
[modem.NAME] section per simulator (over TCP, or over the simulator's pty
as a serial device), starts smsgated with its log in the directory, and
on leaving stops it and removes the directory. submit() speaks smsgated's
socket protocol directly, as smsgate-transport does, so that tests choose
the idempotency key. Every wait is for something to happen, with a deadline.
"""

import ctypes
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback

# Appended, not prepended: the simulator's own cases_*.py must not shadow ours.
sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sim"))
sys.dont_write_bytecode = True

from simclient import SEED_NUMBER, SEED_SUBMIT, Failure, Sim, check, wait_until  # noqa: E402,F401

CASES = {}

# The programs under test, from the environment CTest sets (CMakeLists.txt).
BINARY_VARIABLES = {"smsgated": "SMSGATED", "smsgatectl": "SMSGATECTL", "sim": "SMSGATE_MODEM_SIM"}


def case(function):
    CASES[function.__name__.replace("_", "-")] = function
    return function


def _stop_on_sigterm(number, frame):
    # CTest's timeout sends SIGTERM: unwind, so that every "with" stops its
    # programs and removes its directory.
    raise KeyboardInterrupt("SIGTERM")


def run_cases(argv, usage, binaries_from_environment, refuse=None):
    """The main() of a test driver: "CASE", "all" or "--list". refuse()
    gives a reason not to run (the exit status is then 77, CTest's skip)."""
    program = os.path.basename(argv[0])
    if len(argv) != 2:
        sys.stderr.write(usage)
        return 64
    name = argv[1]
    if name == "--list":
        print("\n".join(sorted(CASES)))
        return 0
    names = sorted(CASES) if name == "all" else [name]
    for n in names:
        if n not in CASES:
            sys.stderr.write("%s: no case %r\n" % (program, n))
            return 64
    reason = refuse() if refuse else None
    if reason:
        sys.stderr.write("%s: %s\n" % (program, reason))
        return 77
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    binaries = binaries_from_environment()
    failed = 0
    for n in names:
        started = time.monotonic()
        try:
            CASES[n](binaries)
            print("ok %s (%.1f s)" % (n, time.monotonic() - started))
        except Exception:
            failed += 1
            print("FAIL %s (%.1f s)" % (n, time.monotonic() - started))
            traceback.print_exc()
        sys.stdout.flush()
    return 1 if failed else 0


def binaries_from_environment():
    missing = [v for v in BINARY_VARIABLES.values() if not os.environ.get(v)]
    if missing:
        raise Failure("set " + ", ".join(missing))
    return {name: os.environ[v] for name, v in BINARY_VARIABLES.items()}


# Looked up here, not in the child: between fork and exec of a process with
# threads (the kill-stream clients), the child should do as little as it can.
_prctl = ctypes.CDLL(None, use_errno=True).prctl
PR_SET_PDEATHSIG = 1


def die_with_parent():
    """In the child before exec: SIGKILL when the test dies, so that a test
    killed by CTest's timeout leaves no worker behind."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def encode(attrs):
    out = "smsgate=1\n"
    for name, value in attrs:
        value = str(value).replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0")
        out += "%s=%s\n" % (name, value)
    return (out + "\n").encode()


def decode(data):
    attrs = {}
    for line in data.decode(errors="replace").split("\n"):
        if "=" in line:
            name, value = line.split("=", 1)
            value = re.sub(r"\\(.)", lambda m: {"n": "\n", "r": "\r", "0": "\0"}.get(m.group(1), m.group(1)), value)
            attrs.setdefault(name, value)
    return attrs


class Worker:
    def __init__(self, binaries, sims, worker_options=None, modem_options=None, serial=False, sections=None):
        """sections: further sections of smsgate.conf, {"sms": {"domains": ...}}."""
        self.binaries = binaries
        self.sims = sims  # name -> Sim (started)
        self.dir = tempfile.mkdtemp(prefix="smsgate-worker.")
        self.socket = os.path.join(self.dir, "smsgated.sock")
        self.log_path = os.path.join(self.dir, "smsgated.log")
        self.config = os.path.join(self.dir, "smsgate.conf")
        self.process = None
        self.serial = serial
        # The tests run as root: smsgated refuses root without a [worker]
        # user, and user = root keeps it (cases_daemon.py shows both).
        # worker_options add keys or replace these.
        worker = {"socket": self.socket, "database": os.path.join(self.dir, "smsgate.db"), "log": self.log_path,
                  "log_text": "yes", "smsc": "+32475161616", "poll_seconds": "2", "retry_seconds": "1",
                  "user": "root"}
        worker.update(worker_options or {})
        lines = ["[worker]"] + ["%s = %s" % kv for kv in worker.items()]
        for name, sim in sims.items():
            lines.append("[modem.%s]" % name)
            if serial:
                # The simulator's symlink itself, not what it points to:
                # after a drop the simulator links a new pty at the same path.
                lines.append("device = " + os.path.abspath(sim.pty))
            else:
                lines.append("device = tcp:127.0.0.1:%d" % sim.port)
            lines += ["%s = %s" % kv for kv in (modem_options or {}).get(name, {}).items()]
        # No Postfix here: nothing to nudge with postqueue -i (the Postfix
        # cases pass the instance's own).
        sections = dict(sections or {})
        sections["mail"] = dict({"postqueue": ""}, **sections.get("mail", {}))
        for name, keys in sections.items():
            lines.append("[%s]" % name)
            lines += ["%s = %s" % kv for kv in keys.items()]
        with open(self.config, "w") as f:
            f.write("\n".join(lines) + "\n")

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def __exit__(self, kind, value, traceback):
        try:
            if self.process and self.process.poll() is None:
                self.stop()
        finally:
            if self.process and self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            # SMSGATE_TEST_VERBOSE=1 shows the log of a case that passed too.
            if (kind is not None or os.environ.get("SMSGATE_TEST_VERBOSE")) and os.path.exists(self.log_path):
                sys.stderr.write("--- smsgated.log\n" + open(self.log_path).read())
            shutil.rmtree(self.dir, ignore_errors=True)

    def start(self, wait_registered=True):
        """Starts smsgated (again, after stop() or kill(): same database and
        log) and waits until it answers, and every modem is registered."""
        env = dict(os.environ)
        # The shipped program, as shipped: nothing preloaded, a pty too.
        env.pop("LD_PRELOAD", None)
        self.process = subprocess.Popen([self.binaries["smsgated"], "-c", self.config], env=env,
                                        preexec_fn=die_with_parent)
        # A socket left by a killed worker exists but refuses: wait for an answer.
        wait_until(lambda: self.process.poll() is None and self.ping(), 10, "the worker's socket")
        if wait_registered:
            wait_until(lambda: self.registered() == len(self.sims), 20, "every modem registered")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=30)
        check(code == 0, "smsgated exited %d after SIGTERM" % code)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def request(self, attrs, timeout=60):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect(self.socket)
            s.sendall(encode(attrs))
            data = b""
            while not data.endswith(b"\n\n"):
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        return decode(data)

    def submit(self, number, text, queue_id, message_id="<m@test>", timeout=60):
        return self.request([("request", "submit"), ("queue_id", queue_id), ("recipient", number + "@sms.test"),
                             ("message_id", message_id), ("number", number), ("sender", "ps@example.com"),
                             ("text", text)], timeout)

    def submit_in_background(self, number, text, queue_id, message_id="<m@test>", timeout=60):
        """The submit in a thread of its own; .result() waits for its answer."""
        return Background(lambda: self.submit(number, text, queue_id, message_id, timeout))

    def status(self):
        return self.request([("request", "status")], 10)

    def ping(self):
        try:
            return self.request([("request", "ping")], 2).get("status") == "ok"
        except OSError:
            return False

    def registered(self):
        try:
            s = self.status()
        except OSError:
            return 0
        n = int(s.get("modems", "0"))
        return sum(1 for i in range(n) if s.get("modem%d.link" % i) == "up"
                   and s.get("modem%d.registration" % i, "").startswith("registered"))

    def log(self):
        return open(self.log_path).read() if os.path.exists(self.log_path) else ""

    def wait_log(self, pattern, timeout=20, count=1):
        regex = re.compile(pattern)
        wait_until(lambda: len(regex.findall(self.log())) >= count, timeout, "log line /%s/" % pattern)
        return regex.findall(self.log())

    def log_count(self, pattern):
        return len(re.findall(pattern, self.log()))

    def ctl(self, *args):
        return subprocess.run([self.binaries["smsgatectl"]] + list(args) + ["--socket", self.socket],
                              capture_output=True, text=True, timeout=120)


def sent(sim):
    """The SMS-SUBMITs the simulator accepted."""
    return sim.records("sent")


def commands(sim, prefix=""):
    """The AT command lines the simulator received that begin with prefix."""
    return [c["line"] for c in sim.records("commands") if c["line"].upper().startswith(prefix.upper())]


def decode_pdu(binaries, pdu_hex):
    """smsgatectl pdu decode --json: the PDU as a dict."""
    out = subprocess.run([binaries["smsgatectl"], "pdu", "decode", "--json", pdu_hex], capture_output=True,
                         text=True, timeout=30)
    check(out.returncode == 0, "smsgatectl pdu decode %s: %s" % (pdu_hex, out.stderr))
    return json.loads(out.stdout)


class Background:
    """A call in a thread; result() gives its value or raises its exception."""

    def __init__(self, function):
        self.value = None
        self.error = None
        self.thread = threading.Thread(target=self._run, args=(function,), daemon=True)
        self.thread.start()

    def _run(self, function):
        try:
            self.value = function()
        except BaseException as e:  # handed to result()
            self.error = e

    def result(self, timeout=90):
        self.thread.join(timeout)
        check(not self.thread.is_alive(), "no answer within %d s" % timeout)
        if self.error is not None:
            raise self.error
        return self.value
