"""The worker's socket against local users it does not trust: who may
submit, send, and read status and history (by the peer's credentials);
connections held idle to lock the transport out; a client that shuts down
its side after its request; text that is not UTF-8; and the modes of the
database's files."""

import grp
import json
import os
import pwd
import shutil
import socket
import stat
import subprocess
import sys

from workerclient import SEED_NUMBER, Failure, Sim, Worker, case, check, decode, encode, sent

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, "socket_peer.py")


def python_for_others():
    """A Python other users may run (the test's own may live under /root)."""
    for candidate in (sys.executable, "/usr/bin/python3"):
        if os.access(candidate, os.X_OK) and all(os.stat(d).st_mode & stat.S_IXOTH for d in parents(candidate)):
            return candidate
    raise Failure("no Python that the user nobody may run (tried %s and /usr/bin/python3)" % sys.executable)


def parents(path):
    path = os.path.realpath(path)
    while path != "/":
        path = os.path.dirname(path)
        yield path


def as_user(user, extra_groups=()):
    """Popen arguments that run a program as user (its own group only, plus
    extra_groups)."""
    pw = pwd.getpwnam(user)
    return {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": list(extra_groups)}


def submit_attrs(text, queue_id, request="submit", number=SEED_NUMBER):
    return [("request", request), ("queue_id", queue_id), ("recipient", number + "@sms.test"),
            ("message_id", "<%s@test>" % queue_id), ("number", number), ("sender", "ps@example.com"),
            ("text", text)]


def request_as(w, who, attrs):
    """One request over the worker's socket, made by a process of that user."""
    out = subprocess.run([python_for_others(), PEER, "request", w.socket, json.dumps(attrs)], capture_output=True,
                         text=True, timeout=120, **who)
    check(out.returncode == 0, "socket_peer request: %s" % out.stderr)
    return json.loads(out.stdout)


def open_worker(b, sim, options):
    """A worker whose socket every local user can reach (directory 0755,
    socket 0666): only the credentials decide."""
    w = Worker(b, {"gsm0": sim}, dict({"socket_mode": "0666"}, **options))
    os.chmod(w.dir, 0o755)
    return w


@case
def socket_access(b):
    options = {"submit_users": "daemon", "status_users": "bin", "send_groups": "sys"}
    with Sim(b["sim"]) as sim, open_worker(b, sim, options) as w:
        nobody = as_user("nobody")
        for what, attrs, dsn in [("status", [("request", "status")], "5.7.1"),
                                 ("history", [("request", "history")], "5.7.1"),
                                 ("history of a job", [("request", "history"), ("job", "1")], "5.7.1"),
                                 ("send", submit_attrs("from nobody", "N1", "send"), "5.7.1"),
                                 ("submit", submit_attrs("from nobody", "N2"), "4.3.5")]:
            r = request_as(w, nobody, attrs)
            check(r.get("dsn") == dsn and "permission denied" in r.get("text", ""), "nobody's %s: %r" % (what, r))
        check(request_as(w, nobody, [("request", "ping")]).get("status") == "ok", "anyone may ping")
        w.wait_log(r"socket: refused status and history from uid=65534 \(nobody\) pid=\d+: not root and not in "
                   r"\[worker\] status_users, status_groups, admin_users or admin_group")
        # smsgatectl says so and fails.
        ctl = subprocess.run([b["smsgatectl"], "status", "--socket", w.socket], capture_output=True, text=True,
                             timeout=60, **nobody)
        check(ctl.returncode != 0 and "5.7.1 permission denied" in ctl.stderr, "smsgatectl status: %r" % (ctl,))
        ctl = subprocess.run([b["smsgatectl"], "send", "--socket", w.socket, SEED_NUMBER, "hi"], capture_output=True,
                             text=True, timeout=60, **nobody)
        check(ctl.returncode == 69 and "5.7.1 permission denied" in ctl.stdout, "smsgatectl send: %r" % (ctl,))

        # The submit user submits, but reads nothing.
        daemon = as_user("daemon")
        r = request_as(w, daemon, submit_attrs("from the transport", "D1"))
        check(r.get("status") == "sent", "daemon's submit: %r" % r)
        check(request_as(w, daemon, [("request", "status")]).get("dsn") == "5.7.1", "daemon may not ask status")
        # A status user reads, but may not send.
        binary = as_user("bin")
        check(request_as(w, binary, [("request", "status")]).get("status") == "ok", "bin's status")
        check(request_as(w, binary, [("request", "history")]).get("status") == "ok", "bin's history")
        check(request_as(w, binary, submit_attrs("from bin", "B1", "send")).get("dsn") == "5.7.1", "bin's send")
        # A member of a send group (a supplementary group) sends.
        sender = as_user("nobody", extra_groups=[3])
        r = request_as(w, sender, submit_attrs("test send", "S1", "send"))
        check(r.get("status") == "sent", "send by a member of sys: %r" % r)
        w.wait_log(r"S1: .*queued, sent by uid=65534 \(nobody\)")
        texts = [m["text"] for m in sent(sim)]
        check(sorted(texts) == ["from the transport", "test send"], "sent only what was allowed: %r" % texts)


@case
def socket_admin_roles(b):
    adm = grp.getgrnam("adm").gr_gid
    options = {"submit_users": "daemon", "admin_group": "adm", "admin_users": "bin"}
    with Sim(b["sim"]) as sim, open_worker(b, sim, options) as w:
        # A member of admin_group (a supplementary group) reads status and
        # history, but may neither send nor submit. (Refusals are logged
        # once in 10 s: the first one, the send, is.)
        member = as_user("nobody", extra_groups=[adm])
        r = request_as(w, member, [("request", "status")])
        check(r.get("status") == "ok" and r.get("modems") == "1", "status for a member of adm: %r" % r)
        check(request_as(w, member, [("request", "history")]).get("status") == "ok", "history for adm")
        ctl = subprocess.run([b["smsgatectl"], "status", "--socket", w.socket], capture_output=True, text=True,
                             timeout=60, **member)
        check(ctl.returncode == 0 and "gsm0" in ctl.stdout, "smsgatectl status for adm: %r" % (ctl,))
        r = request_as(w, member, submit_attrs("from adm", "A1", "send"))
        check(r.get("dsn") == "5.7.1" and r.get("text", "").startswith("permission denied: send") and
              "\n" not in r.get("text", ""), "send by a member of adm, refused in one line: %r" % r)
        w.wait_log(r"socket: refused send from uid=65534 \(nobody\) pid=\d+: not root and not in \[worker\] "
                   r"send_users, send_groups or admin_users")
        r = request_as(w, member, submit_attrs("from adm", "A2"))
        check(r.get("dsn") == "4.3.5", "submit by a user outside submit_users: %r" % r)
        # An admin user sends and reads.
        admin = as_user("bin")
        r = request_as(w, admin, submit_attrs("from an admin", "A3", "send"))
        check(r.get("status") == "sent", "send by an admin user: %r" % r)
        check(request_as(w, admin, [("request", "history")]).get("status") == "ok", "history for an admin user")
        texts = [m["text"] for m in sent(sim)]
        check(texts == ["from an admin"], "sent only the admin's: %r" % texts)


@case
def socket_idle_connections(b):
    count = 600  # more than the worker held before it refused anyone
    with Sim(b["sim"]) as sim, open_worker(b, sim, {"submit_users": "daemon", "client_timeout": 10}) as w:
        holder = subprocess.Popen([python_for_others(), PEER, "hold", w.socket, str(count)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, **as_user("nobody"))
        try:
            opened = json.loads(holder.stdout.readline())["opened"]
            # While nobody holds what it may, the transport's user and root
            # are served.
            r = request_as(w, as_user("daemon"), submit_attrs("past the idle ones", "I1"))
            check(r.get("status") == "sent", "the transport's submit: %r" % r)
            check(w.status().get("status") == "ok", "root's status")
            holder.stdin.write("go\n")
            holder.stdin.flush()
            ended = json.loads(holder.stdout.readline())
        finally:
            if holder.poll() is None:
                holder.kill()
            holder.wait()
        check(opened == count, "every connect was taken (and the surplus refused): %d" % opened)
        # 16 held (max_connections_per_uid), the rest refused at once; the
        # held ones closed after client_timeout, the one with half a request
        # told so.
        check(ended == {"still_open": 0, "refused": count - 16, "timed_out": 1, "closed_silently": 15},
              "how the connections ended: %r" % ended)
        w.wait_log(r"socket: refused a connection from uid=65534 \(nobody\) pid=\d+: this uid holds "
                   r"max_connections_per_uid = 16 connections")
        w.wait_log(r"socket: closed the connection of uid=65534 \(nobody\) pid=\d+: no (complete )?request within 10 s")
        check(w.submit(SEED_NUMBER, "still here", "I2").get("status") == "sent", "sent afterwards")


@case
def socket_reserved_connections(b):
    # No per-uid limit to speak of: the reserve alone keeps the transport's way open.
    options = {"submit_users": "daemon", "client_timeout": 10, "max_connections": 64,
               "max_connections_per_uid": 1000, "reserved_connections": 16}
    with Sim(b["sim"]) as sim, open_worker(b, sim, options) as w:
        holder = subprocess.Popen([python_for_others(), PEER, "hold", w.socket, "100"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, **as_user("nobody"))
        try:
            opened = json.loads(holder.stdout.readline())["opened"]
            r = request_as(w, as_user("daemon"), submit_attrs("through the reserve", "R1"))
            check(r.get("status") == "sent", "the transport's submit: %r" % r)
            holder.stdin.write("go\n")
            holder.stdin.flush()
            ended = json.loads(holder.stdout.readline())
        finally:
            if holder.poll() is None:
                holder.kill()
            holder.wait()
        check(opened == 100, "every connect was taken: %d" % opened)
        check(ended["refused"] == 100 - 48 and ended["still_open"] == 0, "48 held, the rest refused: %r" % ended)


def exchange(path, data, half_close=True):
    """Sends data, shuts down the sending side, reads the answer (and then,
    after a shutdown, that the worker closed)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(60)
        s.connect(path)
        s.sendall(data)
        if half_close:
            s.shutdown(socket.SHUT_WR)
        reply = b""
        while not reply.endswith(b"\n\n"):
            chunk = s.recv(65536)
            if not chunk:
                break
            reply += chunk
        if half_close:
            check(s.recv(1) == b"", "closed after the answer")
    return decode(reply)


@case
def socket_half_close(b):
    with Sim(b["sim"]) as sim, Worker(b, {"gsm0": sim}) as w:
        r = exchange(w.socket, encode(submit_attrs("half closed", "H1")))
        check(r.get("status") == "sent", "a submit, then shutdown(SHUT_WR): %r" % r)
        check(len(sent(sim)) == 1, "sent once")
        r = exchange(w.socket, encode([("request", "status")]))
        check(r.get("status") == "ok" and r.get("modems") == "1", "a status, then shutdown(SHUT_WR): %r" % r)
        r = exchange(w.socket, b"smsgate=1\nrequest=stat")
        check(r.get("dsn") == "5.5.2", "half a request, then shutdown(SHUT_WR): %r" % r)
        # Every other kind of request answers a half-closed connection too.
        r = exchange(w.socket, encode(submit_attrs("half closed send", "H2", request="send")))
        check(r.get("status") == "sent", "a send, then shutdown(SHUT_WR): %r" % r)
        check(len(sent(sim)) == 2, "the send went out")
        r = exchange(w.socket, encode([("request", "history"), ("limit", "10")]))
        check(r.get("status") == "ok" and r.get("jobs") == "2", "a history, then shutdown(SHUT_WR): %r" % r)
        r = exchange(w.socket, encode([("request", "history"), ("job", r.get("job0.id"))]))
        check(r.get("status") == "ok" and r.get("job.state") == "sent" and int(r.get("events", "0")) > 0,
              "the events of a job, then shutdown(SHUT_WR): %r" % r)
        r = exchange(w.socket, encode([("request", "ping")]))
        check(r.get("status") == "ok", "a ping, then shutdown(SHUT_WR): %r" % r)


def invalid_texts():
    """tests/worker/invalid_utf8.txt: hex of a text, then what is wrong with it."""
    texts = []
    with open(os.path.join(HERE, "invalid_utf8.txt")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                hex_text, what = line.split(None, 1)
                texts.append((bytes.fromhex(hex_text), what.strip()))
    return texts


@case
def socket_invalid_utf8(b):
    with Sim(b["sim"]) as sim, Worker(b, {"gsm0": sim}) as w:
        for i, (text, what) in enumerate(invalid_texts()):
            request = encode(submit_attrs("", "U%d" % i)).replace(b"\ntext=\n", b"\ntext=" + text + b"\n")
            r = exchange(w.socket, request, half_close=False)
            check(r.get("status") == "permanent" and r.get("dsn") == "5.6.0" and "UTF-8" in r.get("text", ""),
                  "%s: %r" % (what, r))
        check(sent(sim) == [], "nothing sent: %r" % sent(sim))
        check(w.submit(SEED_NUMBER, "caf\u00e9 \U0001F600", "U-ok").get("status") == "sent", "valid UTF-8 is sent")


@case
def database_modes(b):
    with Sim(b["sim"]) as sim:
        w = Worker(b, {"gsm0": sim})
        db = os.path.join(w.dir, "smsgate.db")
        # Left by an older worker with SQLite's default modes.
        for suffix in ("", "-wal"):
            open(db + suffix, "w").close()
            os.chmod(db + suffix, 0o644)
        with w:
            check(w.submit(SEED_NUMBER, "modes", "M1").get("status") == "sent", "sent")
            modes = {s: stat.S_IMODE(os.stat(db + s).st_mode) for s in ("", "-wal", "-shm")}
            check(modes == {"": 0o600, "-wal": 0o600, "-shm": 0o600}, "narrowed to 0600: %r" % modes)
        w = Worker(b, {"gsm0": sim}, {"database_mode": "0640"})
        db = os.path.join(w.dir, "smsgate.db")
        with w:
            check(w.submit(SEED_NUMBER, "modes", "M2").get("status") == "sent", "sent")
            modes = {s: stat.S_IMODE(os.stat(db + s).st_mode) for s in ("", "-wal", "-shm")}
            check(modes == {"": 0o640, "-wal": 0o640, "-shm": 0o640}, "created 0640: %r" % modes)
    # A mode that gives others the database is refused at start.
    bad = Worker(b, {}, {"database_mode": "0644"})
    try:
        out = subprocess.run([b["smsgated"], "-c", bad.config, "--log", "stderr"], capture_output=True, text=True,
                             timeout=30)
    finally:
        shutil.rmtree(bad.dir, ignore_errors=True)
    check(out.returncode != 0 and "database_mode 0644" in out.stderr, "database_mode 0644: %r" % (out,))
