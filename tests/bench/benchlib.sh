# shellcheck shell=bash
# benchlib.sh - what the benchmark scripts of this directory share: the
# build's programs, a temporary directory removed on exit, processes and
# private Postfix instances stopped on exit (also on failure and Ctrl-C),
# Debian packages installed when missing, modem simulators on ptys, and
# smsgated started on them. Sourced by the scripts, never run.
#
# A script sets nothing before sourcing it; it then calls
#   bench_start BUILD_DIR   (after its own --help and settings)
# and uses the functions below. Everything it starts goes through track()
# or postfix_up() so that cleanup() stops it.

prog=${0##*/}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)

die() { echo "$prog: $*" >&2; exit 1; }
say() { echo "$prog: $*" >&2; }

# The comment block at the top of the script, up to "set -eu...".
bench_usage() {
    sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0" >&2
    exit 2
}

# Settings must be whole numbers, or decimals where the caller allows it.
need_number() { case ${!1} in ''|*[!0-9]*) die "$1 must be a whole number: ${!1}";; esac; }
need_decimal() { [[ ${!1} =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "$1 must be a number: ${!1}"; }

bench_pids=()
bench_instances=()
tmp=

bench_start() {  # BUILD_DIR: checks the programs, makes the temporary directory
    [ "$(id -u)" -eq 0 ] || die "must run as root (packages, private Postfix, peers' spools)"
    build=$(realpath -m -- "${1:-$src/build}")
    sim_bin=$build/tests/sim/smsgate-modem-sim
    worker_bin=$build/transport/smsgated
    ctl_bin=$build/ctl/smsgatectl
    transport_bin=$build/transport/smsgate-transport
    milter_bin=$build/milter/smsgate-milter
    local b
    for b in "$sim_bin" "$worker_bin" "$ctl_bin"; do
        [ -x "$b" ] || die "$b: not built (cmake --build $build --target smsgated smsgatectl smsgate-modem-sim)"
    done
    "$sim_bin" --help | grep -q -- --command-log ||
        die "$sim_bin has no --command-log: rebuild it (cmake --build $build --target smsgate-modem-sim)"
    command -v python3 >/dev/null || die "python3: not installed"
    umask 022
    tmp=$(mktemp -d /tmp/smsgate-bench.XXXXXX)
    chmod 0755 "$tmp"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

track() { bench_pids+=("$1"); }  # PID: stopped by cleanup()

stop_pids() {  # PID...: SIGTERM to all, SIGKILL to those left after 20 s
    local pid alive
    for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
    for _ in $(seq 200); do
        alive=
        for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ -n "$alive" ] || break
        sleep 0.1
    done
    for pid in "$@"; do
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
}

cleanup() {
    local rc=$? d f
    trap - EXIT INT TERM
    for d in "${bench_instances[@]}"; do "$src/scripts/postfix-instance" down "$d" >/dev/null 2>&1 || true; done
    [ ${#bench_pids[@]} -eq 0 ] || stop_pids "${bench_pids[@]}"
    if [ "$rc" -ne 0 ] && [ -n "$tmp" ]; then
        for f in "$tmp"/*/*.log "$tmp"/*/maillog; do
            [ -s "$f" ] && { echo "--- last lines of ${f#"$tmp"/}" >&2; tail -n 8 "$f" >&2; }
        done
    fi
    if [ -n "${KEEP:-}" ]; then
        say "kept $tmp"
    elif [ -n "$tmp" ]; then
        rm -rf "$tmp"
    fi
    exit "$rc"
}

wait_until() {  # SECONDS WHAT COMMAND...: polls every 0.1 s
    local seconds=$1 what=$2
    shift 2
    for _ in $(seq $((seconds * 10))); do
        "$@" && return 0
        sleep 0.1
    done
    die "timed out after ${seconds}s waiting for $what"
}

# Debian packages, installed with apt-get when missing. A service a package
# starts on installation (smstools, gammu-smsd on their default device) is
# stopped again: the benchmark runs its own instances.
ensure_packages() {  # PACKAGE...
    local p missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    say "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >"$tmp/apt.out" 2>&1 ||
        { DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$tmp/apt.out" 2>&1 &&
          DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >>"$tmp/apt.out" 2>&1; } ||
        die "apt-get install ${missing[*]} failed: $(tail -n 3 "$tmp/apt.out")"
    if [ -d /run/systemd/system ]; then
        for p in "${missing[@]}"; do
            case $p in smstools|gammu-smsd) systemctl stop "$p" >/dev/null 2>&1 || true;; esac
        done
    fi
}

# ------------------------------------------------------------ simulators

# start_sim DIR [OPTION...]: a simulator with its pty at DIR/modem, control
# socket DIR/control, sent log DIR/sent.jsonl and command log
# DIR/commands.jsonl. The directory is made.
start_sim() {
    local d=$1 pid
    shift
    mkdir -p "$d"
    "$sim_bin" --pty "$d/modem" --control "$d/control" --log "$d/sent.jsonl" --command-log "$d/commands.jsonl" \
        "$@" </dev/null >"$d/sim.out" 2>"$d/sim.log" &
    pid=$!
    track "$pid"
    sim_ready() {
        kill -0 "$pid" 2>/dev/null || die "the simulator in $d exited: $(cat "$d/sim.log")"
        grep -qx ready "$d/sim.out"
    }
    wait_until 10 "the simulator in $d" sim_ready
}

sim_control() {  # DIR REQUEST...: one control request; fails unless answered ok
    local reply
    reply=$(printf '%s\n' "${*:2}" | python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
s.sendall(sys.stdin.read().encode())
data = b""
while not (data.startswith((b"ok", b"error")) or b"\nok" in data or b"\nerror" in data) or not data.endswith(b"\n"):
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
sys.stdout.write(data.decode())' "$1/control")
    case $reply in ok*|*$'\n'ok*) ;; *) die "simulator $1: ${*:2}: $reply";; esac
}

sent_count() {  # SENT_LOG...: SMS-SUBMITs accepted so far
    cat "$@" 2>/dev/null | wc -l | tr -d ' '
}

# ------------------------------------------------------------ smsgated

# write_worker_config DIR SIM_DIR...: DIR/smsgate.conf with one modem per
# simulator, status reports off, no mails back; worker_extra holds more
# lines for [worker], and sections to append may follow in the file.
write_worker_config() {
    local d=$1 i=0 s
    shift
    {
        echo "[worker]"
        echo "socket = $d/smsgated.sock"
        echo "database = $d/smsgate.db"
        echo "log = $d/smsgated.log"
        echo "user = root"
        echo "smsc = +32475161616"
        echo "status_reports = no"
        echo "validity_minutes = 0"
        [ -z "${worker_extra:-}" ] || printf '%s\n' "$worker_extra"
        for s in "$@"; do
            echo "[modem.gsm$i]"
            echo "device = $s/modem"
            i=$((i + 1))
        done
        echo "[mail]"
        echo "sendmail = /bin/true"
        echo "postqueue ="
    } >"$d/smsgate.conf"
}

registered_modems() {  # DIR: how many modems the worker's log says are initialised
    # From the log: it needs no round trip to the worker while it starts.
    { grep -o ' gsm[0-9]*: initialised' "$1/smsgated.log" 2>/dev/null || true; } | sort -u | wc -l | tr -d ' '
}

# start_worker DIR MODEMS: smsgated with DIR/smsgate.conf, until MODEMS
# modems are registered. Sets worker_pid and worker_link ("pty": smsgated
# opens the simulator's pty as a serial device).
start_worker() {
    local d=$1 modems=$2
    mkdir -p "$d"
    "$worker_bin" -c "$d/smsgate.conf" </dev/null >>"$d/smsgated.out" 2>&1 &
    worker_pid=$!
    track "$worker_pid"
    worker_up() {
        kill -0 "$worker_pid" 2>/dev/null || die "smsgated exited: $(tail -n 3 "$d/smsgated.out" "$d/smsgated.log")"
        [ "$(registered_modems "$d")" -ge "$modems" ]
    }
    wait_until $((60 + modems)) "smsgated with $modems registered modems" worker_up
    worker_link=pty
}

# ------------------------------------------------------------ figures

figures() { python3 "$here/figures.py" "$@"; }

commit_of_build() {  # the commit of the source tree, and whether it had changes
    local c
    c=$(git -C "$src" rev-parse --short HEAD 2>/dev/null) || { echo unknown; return; }
    git -C "$src" diff --quiet HEAD -- 2>/dev/null || c="$c+changes"
    echo "$c"
}

machine_line() {  # date, cores and CPU model, for the header of a table
    echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); load $(cut -d' ' -f1-3 /proc/loadavg); commit $(commit_of_build)"
}

cpu_ticks() {  # PID: its user+system clock ticks so far, 0 when it is gone
    if [ ! -r "/proc/$1/stat" ]; then echo 0; return; fi
    # The fields after the ")" that ends the command name: utime is the 12th, stime the 13th.
    sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
}
