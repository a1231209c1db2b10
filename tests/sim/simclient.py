"""simclient - drives smsgate-modem-sim for its tests.

Sim starts the simulator in a fresh temporary directory (TCP on a free port
of 127.0.0.1, the control socket in the directory), waits for its "ready"
line, and on leaving stops it with SIGTERM, checks that it exited cleanly
and removed its socket and symlink, and removes the directory. AtClient
talks AT the way a driver does: a command line, then lines up to the final
result or the "> " prompt. Nothing here sleeps for a fixed time: every wait
is for something to arrive, with a deadline.
"""

import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import time

SEED_SUBMIT = "07912374151616F631000B912374374248F70000A707D029885E9ED301"
SEED_DELIVER = "07912374151616F6040B912374374248F700007011916105334007CF35885E9ED301"
SEED_REPORT = "07912374151616F606120B912374374248F7701191610500407011916105004000"
SEED_NUMBER = "+32477324847"

FINAL = re.compile(r"^(OK|ERROR|\+CME ERROR: .*|\+CMS ERROR: .*)$")
CTRL_Z = b"\x1a"
ESC = b"\x1b"

CASES = {}


def case(function):
    """Registers a test case under its name with dashes: seed_exchange -> seed-exchange."""
    CASES[function.__name__.replace("_", "-")] = function
    return function


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def wait_until(predicate, timeout=5.0, what="condition"):
    """Polls predicate (cheap checks only) until true; fails after timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.01)
    raise Failure("timed out waiting for " + what)


def swapped(digits):
    """Semi-octets in swapped order, padded with F (TS 23.040 9.1.2.3)."""
    if len(digits) % 2:
        digits += "F"
    return "".join(digits[i + 1] + digits[i] for i in range(0, len(digits), 2))


def pack_septets(text):
    """GSM 7-bit packing of text whose characters have their ASCII codes in
    the default alphabet (letters, digits, space, most punctuation)."""
    bits, nbits, out = 0, 0, bytearray()
    for ch in text:
        bits |= (ord(ch) & 0x7F) << nbits
        nbits += 7
        while nbits >= 8:
            out.append(bits & 0xFF)
            bits >>= 8
            nbits -= 8
    if nbits:
        out.append(bits & 0xFF)
    return out.hex().upper()


def submit_pdu(number, text, srr=False, smsc="+32475161616"):
    """An SMS-SUBMIT in hex and its TPDU length, for AT+CMGS."""
    digits = number.lstrip("+")
    head = "00"
    if smsc:
        sc = swapped(smsc.lstrip("+"))
        head = "%02X91%s" % (len(sc) // 2 + 1, sc)
    first = 0x01 | (0x20 if srr else 0)
    tpdu = "%02X00%02X91%s0000%02X%s" % (first, len(digits), swapped(digits), len(text), pack_septets(text))
    return head + tpdu, len(tpdu) // 2


class AtClient:
    """A driver's view of the modem over a descriptor (socket or pty)."""

    def __init__(self, fd, owner=None):
        self.fd = fd
        self.owner = owner  # keeps a socket object alive
        self.buffer = b""
        self.eof = False

    def close(self):
        if self.owner is not None:
            self.owner.close()
        else:
            os.close(self.fd)

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        os.write(self.fd, data)

    def _fill(self, deadline):
        """Reads what is there, waiting until deadline; False on timeout."""
        remaining = deadline - time.monotonic()
        if remaining <= 0 or self.eof:
            return False
        ready, _, _ = select.select([self.fd], [], [], remaining)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 4096)
        except OSError:  # EIO: the pty was hung up
            data = b""
        if not data:
            self.eof = True
            return False
        self.buffer += data
        return True

    def _take_line(self):
        if b"\r\n" not in self.buffer:
            return None
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line.decode(errors="replace").strip("\r")

    def lines_until(self, stop, timeout=3.0):
        """Non-empty lines up to the one stop() accepts, or up to a "> " prompt."""
        deadline = time.monotonic() + timeout
        lines = []
        while True:
            line = self._take_line()
            if line is not None:
                if line:
                    lines.append(line)
                    if stop(line):
                        return lines
                continue
            if self.buffer == b"> ":
                self.buffer = b""
                lines.append(">")
                return lines
            if not self._fill(deadline):
                raise Failure("no answer after %r (buffer %r)" % (lines, self.buffer))

    def command(self, line, timeout=3.0):
        """Sends a command line; gives the lines up to the final result or prompt."""
        self.send(line + "\r")
        return self.lines_until(FINAL.match, timeout)

    def expect(self, pattern, timeout=3.0):
        """Waits for a line matching pattern (an unsolicited result); gives the
        lines read up to it."""
        return self.lines_until(lambda l: re.match(pattern, l) is not None, timeout)

    def quiet_for(self, seconds):
        """Checks that nothing arrives for a while (silence is the point)."""
        deadline = time.monotonic() + seconds
        while self._fill(deadline):
            pass
        check(self.buffer == b"", "expected silence, got %r" % self.buffer)

    def wait_eof(self, timeout=3.0):
        deadline = time.monotonic() + timeout
        while not self.eof:
            if not self._fill(deadline) and not self.eof:
                raise Failure("the link was not closed")


class Sim:
    """The simulator in a temporary directory; "{dir}" in args names it."""

    def __init__(self, binary, *args, directory=None):
        self.binary = binary
        self.args = list(args)
        self.own_directory = directory is None
        self.dir = directory or tempfile.mkdtemp(prefix="smsgate-sim.")
        self.control_path = os.path.join(self.dir, "control")
        self.process = None
        self.port = None
        self.pty = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, kind, value, traceback):
        try:
            if self.process and self.process.poll() is None:
                self.stop(check_clean=kind is None)
        finally:
            if self.process and self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            if self.own_directory:
                shutil.rmtree(self.dir, ignore_errors=True)

    def start(self):
        args = [a.replace("{dir}", self.dir) for a in self.args]
        command = [self.binary, "--tcp", "127.0.0.1:0", "--control", self.control_path] + args
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            line = self.process.stdout.readline().strip()
            if line == "ready":
                return
            if not line and self.process.poll() is not None:
                break
            if line.startswith("tcp="):
                self.port = int(line.rsplit(":", 1)[1])
            if line.startswith("pty="):
                self.pty = line[4:]
        raise Failure("the simulator did not start: %r" % command)

    def stop(self, check_clean=True):
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=5)
        if check_clean:
            check(code == 0, "exit status %d after SIGTERM" % code)
            check(not os.path.exists(self.control_path), "control socket left behind")
            check(self.pty is None or not os.path.lexists(self.pty), "pty symlink left behind")

    def control(self, request):
        """Sends one request; gives its reply lines, the last "ok ..." or "error ..."."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(self.control_path)
            s.sendall((request + "\n").encode())
            data = b""
            s.settimeout(5)
            while not re.search(rb"(^|\n)(ok|error)[^\n]*\n$", data):
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        return data.decode().splitlines()

    def ok(self, request):
        """A request that must succeed; gives what follows "ok"."""
        reply = self.control(request)
        check(reply and reply[-1].startswith("ok"), "%r answered %r" % (request, reply))
        return reply[-1][3:]

    def records(self, request):
        """The JSON lines of "sent", "storage" or "commands", as dicts."""
        reply = self.control(request)
        check(reply and reply[-1] == "ok %d" % (len(reply) - 1), "%r answered %r" % (request, reply))
        return [json.loads(line) for line in reply[:-1]]

    def at(self, echo_off=True):
        s = socket.create_connection(("127.0.0.1", self.port))
        client = AtClient(s.fileno(), s)
        if echo_off:
            check(client.command("ATE0")[-1] == "OK", "ATE0 refused")
        return client

    def send_pdu(self, client, pdu, length, timeout=3.0):
        """AT+CMGS the way a driver does: wait for the prompt, then the PDU."""
        check(client.command("AT+CMGS=%d" % length, timeout)[-1] == ">", "no prompt")
        client.send(pdu.encode() + CTRL_Z)
        return client.lines_until(FINAL.match, timeout)
