"""workerclient - runs smsgated against smsgate-modem-sim for its tests.

Worker writes an smsgated.conf in a fresh temporary directory, with one
[modem.NAME] section per simulator (over TCP, or over the simulator's pty
through libserialport), starts smsgated with its log in the directory, and
on leaving stops it and removes the directory. submit() speaks smsgated's
socket protocol directly, as smsgate-transport does, so that tests choose
the idempotency key. Every wait is for something to happen, with a deadline.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sim"))
sys.dont_write_bytecode = True

from simclient import Failure, Sim, check, wait_until  # noqa: E402,F401

CASES = {}


def case(function):
    CASES[function.__name__.replace("_", "-")] = function
    return function


def encode(attrs):
    out = "smsgate=1\n"
    for name, value in attrs:
        value = str(value).replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0")
        out += "%s=%s\n" % (name, value)
    return (out + "\n").encode()


def decode(data):
    attrs = {}
    for line in data.decode().split("\n"):
        if "=" in line:
            name, value = line.split("=", 1)
            value = re.sub(r"\\(.)", lambda m: {"n": "\n", "r": "\r", "0": "\0"}.get(m.group(1), m.group(1)), value)
            attrs.setdefault(name, value)
    return attrs


class Worker:
    def __init__(self, binaries, sims, worker_options=None, modem_options=None, serial=False):
        self.binaries = binaries
        self.sims = sims  # name -> Sim (started)
        self.dir = tempfile.mkdtemp(prefix="smsgate-worker.")
        self.socket = os.path.join(self.dir, "smsgated.sock")
        self.log_path = os.path.join(self.dir, "smsgated.log")
        self.config = os.path.join(self.dir, "smsgated.conf")
        self.process = None
        self.serial = serial
        lines = ["[worker]", "socket = " + self.socket, "database = " + os.path.join(self.dir, "smsgate.db"),
                 "log = " + self.log_path, "smsc = +32475161616", "poll_seconds = 2", "retry_seconds = 1"]
        lines += ["%s = %s" % kv for kv in (worker_options or {}).items()]
        for name, sim in sims.items():
            lines.append("[modem.%s]" % name)
            if serial:
                # libserialport wants a name under /dev/ that it also finds
                # under /sys/class/tty/: extra ".." at the root stay there.
                lines.append("device = /dev/../../.." + os.path.realpath(sim.pty))
            else:
                lines.append("device = tcp:127.0.0.1:%d" % sim.port)
            lines += ["%s = %s" % kv for kv in (modem_options or {}).get(name, {}).items()]
        with open(self.config, "w") as f:
            f.write("\n".join(lines) + "\n")

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, kind, value, traceback):
        try:
            if self.process and self.process.poll() is None:
                self.stop()
        finally:
            if kind is not None and os.path.exists(self.log_path):
                sys.stderr.write("--- smsgated.log\n" + open(self.log_path).read())
            shutil.rmtree(self.dir, ignore_errors=True)

    def start(self, wait_registered=True):
        env = dict(os.environ)
        if self.serial:
            env["LD_PRELOAD"] = self.binaries["interposer"]
        self.process = subprocess.Popen([self.binaries["smsgated"], "-c", self.config], env=env)
        wait_until(lambda: os.path.exists(self.socket), 10, "the worker's socket")
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

    def status(self):
        return self.request([("request", "status")], 10)

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

    def ctl(self, *args):
        return subprocess.run([self.binaries["smsgatectl"]] + list(args) + ["--socket", self.socket],
                              capture_output=True, text=True, timeout=120)


def sent(sim):
    """The SMS-SUBMITs the simulator accepted."""
    return sim.records("sent")
