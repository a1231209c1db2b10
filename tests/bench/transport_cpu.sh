#!/bin/sh
# transport_cpu.sh - the CPU time (user + system) smsgate-transport takes per
# delivery: against a running smsgated whose modem is the simulator with
# AT+CMGS answered at once, and with the worker stopped (the transport
# must then defer with 4.3.2). Each transport's own CPU is read from
# wait4(2), so the driver's time is not counted. Prints the figures; asserts
# nothing about them (a benchmark, not a test).
#
#   tests/bench/transport_cpu.sh              # binaries of ./build, 200 runs each
#   RUNS=1000 BUILD=/path/to/build tests/bench/transport_cpu.sh
#   SMSGATE_TRANSPORT=/other/smsgate-transport tests/bench/transport_cpu.sh
#
# As root the transport runs as the user smsgate (it refuses root), which
# must exist; as another user, as that user.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD:-$here/../../build}
export SMSGATE_TRANSPORT="${SMSGATE_TRANSPORT:-$build/transport/smsgate-transport}"
export SMSGATED="${SMSGATED:-$build/transport/smsgated}"
export SMSGATE_MODEM_SIM="${SMSGATE_MODEM_SIM:-$build/tests/sim/smsgate-modem-sim}"
export RUNS="${RUNS:-200}"
exec /usr/bin/python3 - <<'PY'
import json, os, pwd, shutil, signal, socket, statistics, subprocess, sys, tempfile, time

transport, worker_bin, sim_bin = (os.environ[v] for v in ("SMSGATE_TRANSPORT", "SMSGATED", "SMSGATE_MODEM_SIM"))
runs = int(os.environ["RUNS"])
user = pwd.getpwnam("smsgate") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
work = tempfile.mkdtemp(prefix="smsgate-bench.")
os.chmod(work, 0o755)
procs = []

def wait_for(what, predicate, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    sys.exit("transport_cpu: %s did not happen; see %s" % (what, work))

def start_sim():
    p = subprocess.Popen([sim_bin, "--tcp", "127.0.0.1:0", "--cmgs-delay-ms", "0"], stdout=subprocess.PIPE, text=True)
    procs.append(p)
    port = None
    for line in p.stdout:
        line = line.strip()
        if line.startswith("tcp="):
            port = int(line.rsplit(":", 1)[1])
        if line == "ready":
            return port
    sys.exit("transport_cpu: the simulator did not start")

def write_config(port):
    path = os.path.join(work, "smsgate.conf")
    with open(path, "w") as f:
        f.write("[worker]\nsocket = %s/smsgated.sock\nsocket_mode = 0666\ndatabase = %s/smsgate.db\n"
                "log = %s/smsgated.log\nsmsc = +32475161616\nstatus_reports = no\nsubmit_users = %s\n"
                "%s[modem.gsm0]\ndevice = tcp:127.0.0.1:%d\n[sms]\ndomains = sms.test\n[mail]\npostqueue =\n"
                % (work, work, work, user.pw_name, "user = root\n" if os.geteuid() == 0 else "", port))
    os.chmod(path, 0o644)
    return path

def registered(sock):
    try:
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(2)
            s.connect(sock)
            s.sendall(b"smsgate=1\nrequest=status\n\n")
            data = b""
            while not data.endswith(b"\n\n"):
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        return b"modem0.registered=yes" in data
    except OSError:
        return False

def as_user():
    if os.geteuid() == 0:
        os.setgroups([])
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)

MAIL = b"From: a@example.com\r\nTo: +32477324847@sms.test\r\nSubject: bench\r\nMessage-ID: <%d@bench>\r\n\r\nhello\r\n"

def one(argv, mail):
    """One process started as the transport is (posix_spawn, so that no
    copy-on-write of this driver is charged to it); its exit status, first
    line of output and CPU seconds (user + system, from wait4)."""
    r, w = os.pipe()
    out_r, out_w = os.pipe()
    pid = os.posix_spawn(argv[0], argv, {"PATH": "/usr/bin:/bin"},
                         file_actions=[(os.POSIX_SPAWN_DUP2, r, 0), (os.POSIX_SPAWN_DUP2, out_w, 1)])
    os.close(r)
    os.close(out_w)
    try:
        os.write(w, mail)
    except BrokenPipeError:
        pass  # /bin/true reads nothing
    os.close(w)
    out = b""
    while chunk := os.read(out_r, 4096):
        out += chunk
    os.close(out_r)
    _, status, usage = os.wait4(pid, 0)
    return os.waitstatus_to_exitcode(status), out.decode(errors="replace").split("\n")[0], usage.ru_utime + usage.ru_stime

def runs_as_user(argv_of, want):
    """runs processes as the transport's user, in a child that dropped to it."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(r)
            as_user()
            results = []
            for n in range(runs):
                code, line, seconds = one(argv_of(n), MAIL % n)
                results.append((code, line, seconds))
                if want is not None and code != want:
                    break
            os.write(w, json.dumps(results).encode())
        finally:
            os._exit(0)
    os.close(w)
    data = b""
    while chunk := os.read(r, 65536):
        data += chunk
    os.close(r)
    os.waitpid(pid, 0)
    return json.loads(data)

def measure(label, argv_of, want=None):
    results = runs_as_user(argv_of, want)
    for code, line, _ in results:
        if want is not None and code != want:
            sys.exit("transport_cpu: %s: exit %d, want %d: %s" % (label, code, want, line))
    cpu = sorted(seconds * 1000 for _, _, seconds in results)
    print("%-26s runs=%d  CPU per process: median %.2f ms, mean %.2f ms, p90 %.2f ms  %s"
          % (label, len(cpu), statistics.median(cpu), statistics.mean(cpu), cpu[int(len(cpu) * 0.9)],
             "(%s)" % results[-1][1] if want is not None else ""))

def transport_argv(config):
    return lambda n: [transport, "-c", config, "B%06d" % n, "a@example.com", "+32477324847@sms.test"]

try:
    config = write_config(start_sim())
    worker = subprocess.Popen([worker_bin, "-c", config])
    procs.append(worker)
    wait_for("the modem's registration", lambda: registered(os.path.join(work, "smsgated.sock")))
    print("transport: %s" % transport)
    print("shared libraries: %d" % len(subprocess.run(["ldd", transport], capture_output=True, text=True).stdout.splitlines()))
    # The floor: what any process costs to start here.
    measure("/bin/true (the floor)", lambda n: ["/bin/true"])
    measure("worker running", transport_argv(config), 0)
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=30)
    measure("worker down", transport_argv(config), 75)
finally:
    for p in procs:
        if p.poll() is None:
            p.terminate()
            p.wait()
    shutil.rmtree(work, ignore_errors=True)
PY
