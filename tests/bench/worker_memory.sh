#!/bin/bash
# worker_memory.sh - how much memory smsgated holds with a backlog of jobs.
#
#   tests/bench/worker_memory.sh [BUILD_DIR]      (as root)
#
# One smsgate-modem-sim on a pty whose AT+CMGS takes an hour, so that the
# modem is registered and busy with its first SMS while every other job
# waits in the worker's queue; smsgated on it (status reports off). JOBS
# single-part SMS are submitted over the worker's socket (submit.py: each
# connection is closed as soon as its job is committed, as after a
# transport that gave up waiting). Read from /proc/PID/status: VmRSS before
# the backlog, VmRSS and VmHWM (the peak) with it, and the growth per job;
# also how fast the worker took the jobs, and the size of its database.
#
# Environment (defaults in brackets):
#   JOBS          jobs in the backlog [10000]
#                 from the start (otherwise only when it cannot open it)
#   KEEP=1        keep the temporary directory
#
# Prints progress on stderr and the table on stdout.
set -euo pipefail

case ${1:-} in -h|--help) sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2;; esac
[ $# -le 1 ] || { sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2; }
# shellcheck source=benchlib.sh
. "$(dirname "$0")/benchlib.sh"

JOBS=${JOBS:-10000}
need_number JOBS
[ "$JOBS" -ge 2 ] || die "JOBS must be at least 2"

bench_start "${1:-}"

vm_kb() {  # PID FIELD: VmRSS or VmHWM in kB
    awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"
}
queued() {  # SOCKET: the jobs waiting, from smsgatectl status
    "$ctl_bin" status --json --socket "$1" | python3 -c 'import json, sys; print(json.load(sys.stdin).get("queued", 0))'
}

d=$tmp/worker
start_sim "$d/sim" --cmgs-delay-ms 3600000
mkdir -p "$d"
write_worker_config "$d" "$d/sim"
start_worker "$d" 1
sleep 2 # settled after the initialisation
rss0=$(vm_kb "$worker_pid" VmRSS)

say "submitting $JOBS jobs"
out=$(python3 "$here/submit.py" "$d/smsgated.sock" "$JOBS" --window 200 --tag A --timeout 3600)
say "submit.py: $out"
n=$(queued "$d/smsgated.sock")
# One job is with the modem (its AT+CMGS takes an hour), the rest wait.
[ "$n" -ge $((JOBS - 1)) ] || die "only $n of $JOBS jobs are queued"
sleep 2
rss1=$(vm_kb "$worker_pid" VmRSS)
hwm=$(vm_kb "$worker_pid" VmHWM)
db=$(du -ck "$d"/smsgate.db* | tail -n 1 | cut -f1)

machine_line
echo "# smsgated $("$worker_bin" --version | awk '{print $2}'), one modem on a pty ($worker_link), AT+CMGS taking an hour"
printf '%7s %7s %12s %12s %12s %12s %10s %8s\n' jobs queued rss_idle_MB rss_backlog_MB hwm_MB kB/job jobs/s db_MB
python3 - "$JOBS" "$n" "$rss0" "$rss1" "$hwm" "$db" "$out" <<'EOF'
import json, sys
jobs, n, rss0, rss1, hwm, db = (int(x) for x in sys.argv[1:7])
run = json.loads(sys.argv[7])
rate = jobs / (run["last"] - run["first"])
print("%7d %7d %12.1f %12.1f %12.1f %12.2f %10.0f %8.1f" % (jobs, n, rss0 / 1024, rss1 / 1024, hwm / 1024,
                                                          (rss1 - rss0) / jobs, rate, db / 1024))
EOF
