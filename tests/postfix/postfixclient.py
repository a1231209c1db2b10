"""postfixclient - a private Postfix instance with the whole gateway behind
it, for the end-to-end tests.

Gateway starts a modem simulator, smsgated and a Postfix instance
(scripts/postfix-instance) whose smsgate pipe(8) service runs the real
smsgate-transport as the dedicated user, all in fresh temporary
directories, and stops and removes everything on leaving. Mail goes in with
swaks over SMTP, as a mail client sends it; what Postfix did is read from
its own log, its queue (postqueue -p) and the test users' Maildirs.
"""

import email
import email.policy
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "worker"))
sys.dont_write_bytecode = True

from workerclient import (SEED_NUMBER, SEED_SUBMIT, Failure, Sim, Worker, case, check, commands,  # noqa: E402,F401
                          decode_pdu, die_with_parent, sent, wait_until)

SOURCE_DIR = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
INSTANCE = os.path.join(SOURCE_DIR, "scripts", "postfix-instance")
SMS_DOMAIN = "sms.example.com"
MAIL_DOMAIN = "example.com"
PIPE_USER = "smsgate"
# The milter's socket as main.cf names it, relative to the queue directory
# (the chroot of smtpd and cleanup), and the directory it lies in there.
MILTER_SOCKET_DIR = "smsgate"
MILTER_SOCKET = "unix:%s/milter.sock" % MILTER_SOCKET_DIR

BINARY_VARIABLES = {"smsgated": "SMSGATED", "smsgatectl": "SMSGATECTL", "sim": "SMSGATE_MODEM_SIM",
                    "transport": "SMSGATE_TRANSPORT",
                    "milter": "SMSGATE_MILTER"}

# The seed's sender: SMS Comfort's account "PS" puts "PS" in front of the text.
SEED_SENDER = "ps@" + MAIL_DOMAIN
SENDERS_TABLE = """\
# The test senders: the seed's account with its prefix, and everyone of
# the test domain.
ps@example.com      allow prefix=PS notify=all
@example.com        allow parts=5
default             reject only example.com may send SMS
"""


def binaries_from_environment():
    missing = [v for v in BINARY_VARIABLES.values() if not os.environ.get(v)]
    if missing:
        raise Failure("set " + ", ".join(missing))
    return {name: os.environ[v] for name, v in BINARY_VARIABLES.items()}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(command, timeout=60, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, **kwargs)


class Postfix:
    """scripts/postfix-instance up/down around a directory of its own."""

    def __init__(self, transport, config, time_limit=120, milter=None):
        self.milter = milter
        self.dir = tempfile.mkdtemp(prefix="smsgate-postfix.")
        os.chmod(self.dir, 0o755)
        self.port = free_port()
        self.transport = transport
        self.config = config
        self.time_limit = time_limit
        self.log_path = os.path.join(self.dir, "maillog")

    def __enter__(self):
        out = run([INSTANCE, "up", self.dir, str(self.port), "--transport", self.transport, "--config", self.config,
                   "--domain", SMS_DOMAIN, "--mydomain", MAIL_DOMAIN, "--users", "ps alice bob",
                   "--pipe-user", PIPE_USER, "--time-limit", str(self.time_limit)] +
                  (["--milter", self.milter] if self.milter else []), timeout=120)
        if out.returncode != 0:
            self.__exit__(Failure, None, None)
            raise Failure("postfix-instance up: %s%s" % (out.stdout, out.stderr))
        return self

    def __exit__(self, kind, value, traceback):
        try:
            run([INSTANCE, "down", self.dir], timeout=60)
        finally:
            if (kind is not None or os.environ.get("SMSGATE_TEST_VERBOSE")) and os.path.exists(self.log_path):
                sys.stderr.write("--- maillog\n" + self.log())
            shutil.rmtree(self.dir, ignore_errors=True)

    def transcript(self, sender, recipients, data, auth=None):
        """One SMTP session with swaks, whatever the server answers: its
        exit status and transcript. auth: (login, password)."""
        command = ["swaks", "--server", "127.0.0.1:%d" % self.port, "--from", sender, "--to", recipients,
                   "--helo", "client.example.com", "--timeout", "60", "--data", "-"]
        if auth:
            command += ["--auth", "PLAIN", "--auth-user", auth[0], "--auth-password", auth[1]]
        # swaks reads "+32...@" as an option without POSIXLY_CORRECT.
        env = dict(os.environ, POSIXLY_CORRECT="1")
        out = run(command, input=data, env=env, timeout=120)
        return out.returncode, out.stdout + out.stderr

    def swaks(self, sender, recipient, data):
        """One mail over SMTP that must be queued; gives its queue id."""
        code, transcript = self.transcript(sender, recipient, data)
        check(code == 0, "swaks: exit %d\n%s" % (code, transcript))
        m = re.search(r"^<[-~] +250 2\.0\.0 Ok: queued as (\w+)", transcript, re.M)
        check(m, "no queue id in swaks's transcript:\n" + transcript)
        return m.group(1)

    def log(self):
        return open(self.log_path, errors="replace").read() if os.path.exists(self.log_path) else ""

    def wait_log(self, pattern, timeout=60):
        regex = re.compile(pattern)
        wait_until(lambda: regex.search(self.log()), timeout, "maillog line /%s/" % pattern)
        return regex.search(self.log())

    def mailq(self):
        return run(["postqueue", "-c", self.dir, "-p"]).stdout

    def flush(self):
        out = run(["postqueue", "-c", self.dir, "-f"])
        check(out.returncode == 0, "postqueue -f: %s" % out.stderr)

    def set_main(self, **settings):
        """main.cf parameters changed with postconf -e, then postfix reload."""
        out = run(["postconf", "-c", self.dir, "-e"] + ["%s=%s" % kv for kv in settings.items()])
        check(out.returncode == 0, "postconf -e: %s" % out.stderr)
        out = run(["postfix", "-c", self.dir, "reload"])
        check(out.returncode == 0, "postfix reload: %s" % out.stderr)

    def mailbox(self, user):
        """The mails in user's Maildir (new/), oldest first, parsed; each
        keeps the file's bytes as .raw_bytes."""
        new = os.path.join(self.dir, "mail", MAIL_DOMAIN, user, "new")
        if not os.path.isdir(new):
            return []
        mails = []
        for name in sorted(os.listdir(new), key=lambda n: os.stat(os.path.join(new, n)).st_mtime):
            with open(os.path.join(new, name), "rb") as f:
                raw = f.read()
            parsed = email.message_from_bytes(raw, policy=email.policy.default)
            parsed.raw_bytes = raw
            mails.append(parsed)
        return mails


def clear_of_hour_end(seconds):
    """Quotas count per clock hour (UTC): a case that needs `seconds` within
    one hour waits for the next hour when fewer are left."""
    now = time.gmtime()
    left = 3600 - (now.tm_min * 60 + now.tm_sec)
    if left < seconds:
        time.sleep(left + 1)


def shared_quota_book(directory):
    """A quota database in directory (made if missing) that the milter (root
    here) and the transport (the pipe user) may both write, as a shared
    group gives it in a deployment. Its path."""
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, "quota.db")
    try:
        user = pwd.getpwnam(PIPE_USER)
    except KeyError:  # as postfix-instance makes it
        out = run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group",
                   PIPE_USER])
        check(out.returncode == 0, "useradd %s: %s" % (PIPE_USER, out.stderr))
        user = pwd.getpwnam(PIPE_USER)
    os.chown(directory, user.pw_uid, user.pw_gid)
    os.chmod(directory, 0o770)
    if not os.path.exists(path):
        open(path, "w").close()
    os.chown(path, user.pw_uid, user.pw_gid)
    os.chmod(path, 0o660)
    return path


class Milter:
    """smsgate-milter in the foreground, its log in directory; its socket is
    socket_path, as the configuration names it ([milter] socket)."""

    def __init__(self, binary, config, directory, socket_path):
        self.binary = binary
        self.config = config
        self.socket_path = socket_path
        self.log_path = os.path.join(directory, "milter.log")
        self.process = None

    def start(self, socket_path=None):
        """Started; with socket_path, on that socket instead (--socket)."""
        command = [self.binary, "-f", "-c", self.config]
        if socket_path:
            self.socket_path = socket_path
            command += ["--socket", "unix:" + socket_path]
        earlier = self.log().count("started:")
        self.process = subprocess.Popen(command, preexec_fn=die_with_parent)
        wait_until(lambda: self.process.poll() is None and os.path.exists(self.socket_path) and
                   self.log().count("started:") > earlier, 10, "the milter's socket")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log(self):
        return open(self.log_path, errors="replace").read() if os.path.exists(self.log_path) else ""

    def wait_log(self, pattern, timeout=20):
        regex = re.compile(pattern)
        wait_until(lambda: regex.search(self.log()), timeout, "milter log line /%s/" % pattern)


class Gateway:
    """A simulator, smsgated and Postfix wired together as in production;
    with milter=True, smsgate-milter checks the SMTP dialogue too."""

    def __init__(self, binaries, sim_args=(), worker_options=None, transport_options=None, time_limit=120,
                 milter=False, senders=SENDERS_TABLE, milter_options=None, mail_options=None, number_map=None):
        self.binaries = binaries
        self.use_milter = milter
        self.senders_text = senders
        self.milter_options = milter_options or {}
        self.milter = None
        self.sim_args = list(sim_args)
        self.worker_options = dict({"validity_minutes": 1440, "status_reports": "yes", "socket_mode": "0666"},
                                   **(worker_options or {}))
        self.transport_options = dict({"time_budget": 60}, **(transport_options or {}))
        # Mails written back go through the instance's own sendmail; the
        # test users' Maildirs receive them.
        self.mail_options = dict({"from": "sms-gateway@" + MAIL_DOMAIN, "default_mailbox": "bob@" + MAIL_DOMAIN,
                                  "retry_seconds": 2}, **(mail_options or {}))
        self.number_map = number_map
        self.time_limit = time_limit
        self.sim = self.worker = self.postfix = None

    def __enter__(self):
        try:
            self.sim = Sim(self.binaries["sim"], *self.sim_args).__enter__()
            self.table_dir = tempfile.mkdtemp(prefix="smsgate-senders.")
            os.chmod(self.table_dir, 0o755)
            senders = os.path.join(self.table_dir, "senders")
            with open(senders, "w") as f:
                f.write(self.senders_text)
            os.chmod(senders, 0o644)
            # The instance's directory is known before it runs: the worker
            # may start first, its mails wait until sendmail takes them.
            self.postfix = Postfix(None, None, self.time_limit)
            mail_keys = dict({"sendmail": "/usr/sbin/sendmail -C " + self.postfix.dir,
                              "postqueue": "/usr/sbin/postqueue -c " + self.postfix.dir}, **self.mail_options)
            if self.number_map is not None:
                numbers = os.path.join(self.table_dir, "numbers")
                with open(numbers, "w") as f:
                    f.write(self.number_map)
                mail_keys["number_map"] = numbers
            sections = {"sms": {"domains": SMS_DOMAIN, "senders": senders, "default_region": "BE"},
                        "transport": self.transport_options, "mail": mail_keys}
            self.worker = Worker(self.binaries, {"gsm0": self.sim}, self.worker_options, sections=sections)
            os.chmod(self.worker.dir, 0o755)
            if self.use_milter:
                # The same file, with the milter's section. Postfix's smtpd
                # and cleanup run chrooted in the instance's queue directory
                # (as on Debian) and connect as the user postfix: the socket
                # lies in there, group postfix, mode 0660 (the defaults).
                d = self.worker.dir
                socket_dir = os.path.join(self.postfix.dir, "queue", MILTER_SOCKET_DIR)
                os.makedirs(socket_dir, exist_ok=True)
                os.chmod(os.path.dirname(socket_dir), 0o755)
                socket_path = os.path.join(socket_dir, "milter.sock")
                keys = dict({"socket": "unix:" + socket_path,
                             "quota_database": shared_quota_book(os.path.join(d, "quota")),
                             "log": os.path.join(d, "milter.log")}, **self.milter_options)
                with open(self.worker.config, "a") as f:
                    f.write("[milter]\n" + "".join("%s = %s\n" % kv for kv in keys.items()))
                self.milter = Milter(self.binaries["milter"], self.worker.config, d, socket_path)
            os.chmod(self.worker.config, 0o644)
            self.worker.__enter__()
            if self.milter:
                self.milter.start()
            self.transport_binary = self.reachable_transport()
            self.postfix.transport = self.transport_binary
            self.postfix.config = self.worker.config
            self.postfix.milter = MILTER_SOCKET if self.milter else None
            self.postfix.__enter__()
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def __exit__(self, kind, value, traceback):
        if self.milter:
            self.milter.stop()
            if kind is not None or os.environ.get("SMSGATE_TEST_VERBOSE"):
                sys.stderr.write("--- milter.log\n" + self.milter.log())
        for part in (self.postfix, self.worker, self.sim):
            if part is not None:
                try:
                    part.__exit__(kind, value, traceback)
                except Exception as e:  # the others must still stop
                    sys.stderr.write("stopping %s: %s\n" % (type(part).__name__, e))
        if getattr(self, "table_dir", None):
            shutil.rmtree(self.table_dir, ignore_errors=True)

    def reachable_transport(self):
        """The transport as the pipe user can run it: the build's binary,
        or a copy in the worker's directory when the build lies under a
        directory that user cannot enter (a checkout under /root)."""
        binary = self.binaries["transport"]
        if run(["runuser", "-u", PIPE_USER, "--", binary, "--version"]).returncode == 0:
            return binary
        copy = os.path.join(self.worker.dir, "smsgate-transport")
        shutil.copy(binary, copy)
        os.chmod(copy, 0o755)
        return copy

    def transport(self, queue_id, sender, recipient, mail, sasl_username="", client_address=""):
        """smsgate-transport run by hand as pipe(8) runs it: the pipe user,
        the same argv, the mail on stdin. Gives (exit status, output)."""
        command = ["setpriv", "--reuid=" + PIPE_USER, "--regid=" + PIPE_USER, "--init-groups",
                   self.transport_binary, "-c", self.worker.config, "--sasl-username=" + sasl_username,
                   "--client-address=" + client_address, "--", queue_id, sender, recipient]
        out = run(command, input=mail, timeout=120)
        return out.returncode, out.stdout
