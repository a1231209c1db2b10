#!/bin/bash
# idle_latency.sh - how long an SMS waits on an idle smsgated before the
# modem is asked to send it.
#
#   tests/bench/idle_latency.sh [BUILD_DIR]      (as root)
#
# One smsgate-modem-sim on a pty and smsgated on it (status reports off).
# SAMPLES single submissions, each SPACING plus a random fraction of a second
# after the previous SMS was sent (so that a worker that polls is caught at
# every phase of its poll): from the submission to the first AT+CMGS line
# at the simulator (its --command-log, UTC milliseconds). Median, fewest,
# most and 90th percentile in milliseconds. peers.sh measures the same for
# smsgated, smstools and gammu-smsd side by side, with fewer samples.
#
# Environment (defaults in brackets):
#   SAMPLES       submissions [50]
#   SPACING       idle seconds before each, plus 0-1 s at random [2]
#   VIA           socket: a request on the worker's socket written by
#                 submit.py, as smsgate-transport does; ctl: smsgatectl send
#                 (its own start counts) [socket]
#                 from the start (otherwise only when it cannot open it)
#   KEEP=1        keep the temporary directory
#
# Prints progress on stderr and the table on stdout.
set -euo pipefail

case ${1:-} in -h|--help) sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2;; esac
[ $# -le 1 ] || { sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2; }
# shellcheck source=benchlib.sh
. "$(dirname "$0")/benchlib.sh"

SAMPLES=${SAMPLES:-50}
SPACING=${SPACING:-2}
VIA=${VIA:-socket}
need_number SAMPLES
need_decimal SPACING
[ "$SAMPLES" -ge 1 ] || die "SAMPLES must be at least 1"
case $VIA in socket|ctl) ;; *) die "VIA must be socket or ctl: $VIA";; esac
number=+32477324847

bench_start "${1:-}"
d=$tmp/worker
start_sim "$d/sim"
mkdir -p "$d"
write_worker_config "$d" "$d/sim"
start_worker "$d" 1

submit() {  # prints the UTC seconds of the submission
    local t
    if [ "$VIA" = ctl ]; then
        t=$(date +%s.%N)
        "$ctl_bin" send --socket "$d/smsgated.sock" "$number" "bench $1" >>"$d/ctl.out" 2>&1 ||
            die "smsgatectl send failed: $(tail -n 2 "$d/ctl.out")"
        echo "$t"
    else
        python3 "$here/submit.py" "$d/smsgated.sock" 1 --wait --tag "$(printf 'L%X' "$1")" |
            python3 -c 'import json, sys; r = json.load(sys.stdin); assert r["answers"].get("sent") == 1, r; print("%.6f" % r["first"])'
    fi
}

say "$SAMPLES samples via $VIA, $SPACING s and a fraction apart; load $(cut -d' ' -f1-3 /proc/loadavg)"
submit 0 >/dev/null # the first SMS of a modem session goes first
: >"$d/submits"
for i in $(seq "$SAMPLES"); do
    sleep "$(awk -v s="$SPACING" -v r="$RANDOM" 'BEGIN{printf "%.3f", s + r / 32768}')"
    submit "$i" >>"$d/submits"
done
# shellcheck disable=SC2046 # the figures are words
set -- $(figures latency "$d/submits" "$d/sim/commands.jsonl")

machine_line
echo "# smsgated $("$worker_bin" --version | awk '{print $2}'), one modem on a pty ($worker_link); submitted via $VIA"
printf '%7s %9s %7s %7s %7s\n' samples median_ms min_ms max_ms p90_ms
printf '%7d %9d %7d %7d %7d\n' "$@"
