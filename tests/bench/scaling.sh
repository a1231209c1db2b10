#!/bin/bash
# scaling.sh - does smsgated keep N modems busy? SMS per minute against the
# limit N/L for N = 1, 4, 16, 64 simulated modems.
#
#   tests/bench/scaling.sh [BUILD_DIR]      (as root)
#
# For each N: N smsgate-modem-sim processes, each with its own pty and an
# AT+CMGS that takes L seconds, one smsgated with a modem on each (status
# reports off), and a backlog of PER_MODEM * N single-part SMS submitted at
# once over the worker's socket (submit.py). Measured from the first
# submission to the last SMS a simulator accepted: SMS per minute, its ratio
# to the limit N * 60 / L, the fewest and the most SMS one modem sent, and
# smsgated's CPU time per SMS.
#
# Environment (defaults in brackets):
#   MODEMS        the values of N [1 4 16 64]
#   CMGS_SECONDS  L, seconds from Ctrl-Z to +CMGS in the simulators [1]
#   CMGS_SECONDS_AT  other L for some N, as N=L words, e.g. "64=8" when the
#                 machine's CPU cannot keep up with 64 modems at 1 s [none]
#   PER_MODEM     SMS in the backlog per modem [25]
#                 from the start (otherwise only when it cannot open them)
#   KEEP=1        keep the temporary directory
#
# Prints progress on stderr and the table on stdout.
set -euo pipefail

case ${1:-} in -h|--help) sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2;; esac
[ $# -le 1 ] || { sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2; }
# shellcheck source=benchlib.sh
. "$(dirname "$0")/benchlib.sh"

MODEMS=${MODEMS:-1 4 16 64}
CMGS_SECONDS=${CMGS_SECONDS:-1}
CMGS_SECONDS_AT=${CMGS_SECONDS_AT:-}
PER_MODEM=${PER_MODEM:-25}
need_decimal CMGS_SECONDS
need_number PER_MODEM
for n in $MODEMS; do case $n in ''|*[!0-9]*|0) die "MODEMS: not a count of modems: $n";; esac; done
for w in $CMGS_SECONDS_AT; do [[ $w =~ ^[0-9]+=[0-9]+(\.[0-9]+)?$ ]] || die "CMGS_SECONDS_AT: not N=L: $w"; done

seconds_for() {  # N: L for N modems
    local w
    for w in $CMGS_SECONDS_AT; do [ "${w%%=*}" != "$1" ] || { echo "${w#*=}"; return; }; done
    echo "$CMGS_SECONDS"
}

bench_start "${1:-}"
hz=$(getconf CLK_TCK)
declare -A result

measure() {  # N: sets result[N]
    local n=$1 l d=$tmp/n$1 i sims=() logs=() total t0 cpu0 cpu1 thr window
    l=$(seconds_for "$n")
    total=$((PER_MODEM * n))
    for i in $(seq 0 $((n - 1))); do
        start_sim "$d/sim$i" --cmgs-delay-ms "$(awk "BEGIN{printf \"%d\", $l * 1000}")"
        sims+=("$d/sim$i")
        logs+=("$d/sim$i/sent.jsonl")
    done
    mkdir -p "$d"
    write_worker_config "$d" "${sims[@]}"
    start_worker "$d" "$n"
    say "N=$n: $total SMS at once, L = $l s"
    all_sent() { [ "$(sent_count "${logs[@]}")" -ge "$total" ]; }
    cpu0=$(cpu_ticks "$worker_pid")
    # Every job on a connection of its own, 200 at a time: the worker
    # holds a connection until it has read its client's close, and refuses
    # beyond max_connections (512).
    window=$((total < 200 ? total : 200))
    t0=$(python3 "$here/submit.py" "$d/smsgated.sock" "$total" --window "$window" --tag "$(printf '%X' "$n")" |
        python3 -c 'import json, sys; print("%.6f" % json.load(sys.stdin)["first"])')
    wait_until $((total * (${l%.*} + 1) * 3 / n + 180)) "N=$n: $total SMS sent" all_sent
    cpu1=$(cpu_ticks "$worker_pid")
    thr=$(figures throughput "$t0" "$l" "${logs[@]}")
    result[$n]="$l $thr $(awk "BEGIN{printf \"%.1f\", ($cpu1 - $cpu0) / $hz * 1000 / $total}")"
    say "N=$n: sent seconds SMS/min ratio min max = $thr; link $worker_link"
    stop_pids "${bench_pids[@]}"
    bench_pids=()
}

say "N = $MODEMS; $PER_MODEM SMS per modem; load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $MODEMS; do measure "$n"; done

machine_line
echo "# smsgated $("$worker_bin" --version | awk '{print $2}'), modems on ptys ($worker_link); backlog $PER_MODEM SMS per modem"
printf '%5s %6s %6s %8s %8s %8s %6s %9s %9s %12s\n' N L SMS seconds SMS/min limit N/L min/modem max/modem cpu_ms/SMS
for n in $MODEMS; do
    # shellcheck disable=SC2086 # the figures are words
    set -- ${result[$n]}
    awk -v n="$n" -v l="$1" -v c="$2" -v s="$3" -v r="$4" -v q="$5" -v lo="$6" -v hi="$7" -v cpu="$8" 'BEGIN {
        printf "%5d %6g %6d %8.1f %8.1f %8.1f %6.3f %9d %9d %12.1f\n", n, l, c, s, r, n * 60 / l, q, lo, hi, cpu }'
done
