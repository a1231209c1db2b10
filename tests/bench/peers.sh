#!/bin/bash
# peers.sh - smsgated beside Debian's smstools (smsd) and gammu-smsd, each on
# the same simulated modem on a pty, with the same workload.
#
#   tests/bench/peers.sh [BUILD_DIR]      (as root)
#
# For each gateway in turn: a fresh smsgate-modem-sim on a pty whose AT+CMGS
# takes CMGS_SECONDS (L), the gateway on it (status reports off), one SMS to
# warm up, then
#   idle latency   SAMPLES single submissions, each SPACING seconds after the
#                  previous SMS was sent: from the submission to the first
#                  AT+CMGS line at the simulator (its --command-log, UTC ms)
#   throughput     COUNT single-part SMS submitted at once: SMS per minute
#                  from the first submission to the last SMS the simulator
#                  accepted, and its ratio to the limit 60/L per minute
# A submission is, for smsgated, a request on its socket (submit.py, one
# client, as smsgate-transport sends it); for smsd, a file renamed into its
# outgoing spool; for gammu-smsd, gammu-smsd-inject. The peers are tuned to
# 1 s polls (smsd: delaytime = 1, delaytime_mainprocess = 1; gammu-smsd:
# CommTimeout = 1, LoopSleep = 1, no battery and signal checks). Missing
# packages (smstools, gammu-smsd, gammu) are installed with apt-get.
#
# Environment (defaults in brackets):
#   COUNT         SMS of the throughput run [100]
#   CMGS_SECONDS  L, seconds from Ctrl-Z to +CMGS in the simulator [1]
#   SAMPLES       idle latency samples per gateway [20]
#   SPACING       idle seconds before each latency sample [3]
#   PEERS         the gateways, in this order [smsgated smsd gammu]
#                 from the start (otherwise only when it cannot open it)
#   KEEP=1        keep the temporary directory
#
# Prints progress on stderr and the table on stdout.
set -euo pipefail

case ${1:-} in -h|--help) sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2;; esac
[ $# -le 1 ] || { sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2; }
# shellcheck source=benchlib.sh
. "$(dirname "$0")/benchlib.sh"

COUNT=${COUNT:-100}
CMGS_SECONDS=${CMGS_SECONDS:-1}
SAMPLES=${SAMPLES:-20}
SPACING=${SPACING:-3}
PEERS=${PEERS:-smsgated smsd gammu}
need_number COUNT
need_number SAMPLES
need_decimal CMGS_SECONDS
need_decimal SPACING
for g in $PEERS; do case $g in smsgated|smsd|gammu) ;; *) die "PEERS: unknown gateway '$g'";; esac; done
cmgs_ms=$(awk "BEGIN{printf \"%d\", $CMGS_SECONDS * 1000}")
number=+32477324847

bench_start "${1:-}"
case " $PEERS " in *" smsd "*) ensure_packages smstools;; esac
case " $PEERS " in *" gammu "*) ensure_packages gammu-smsd gammu;; esac

# ------------------------------------------------------------ the gateways
# GATEWAY_start DIR and GATEWAY_submit DIR N (prints the UTC seconds of the
# submission; runs in a subshell) for each gateway; cleanup() stops what
# they start.

smsgated_start() {
    write_worker_config "$1" "$1/sim"
    start_worker "$1" 1
    link_of[smsgated]=$worker_link
}
smsgated_submit() {
    python3 "$here/submit.py" "$1/smsgated.sock" "$2" --tag "$(printf '%X' "$(date +%s%N)")" |
        python3 -c 'import json, sys; print("%.6f" % json.load(sys.stdin)["first"])'
}

smsd_start() {
    local d=$1
    mkdir -p "$d/outgoing" "$d/checked" "$d/failed" "$d/incoming" "$d/sent" "$d/staging"
    cat >"$d/smsd.conf" <<EOF
devices = GSM1
outgoing = $d/outgoing
checked = $d/checked
failed = $d/failed
incoming = $d/incoming
sent = $d/sent
logfile = $d/smsd.log
loglevel = 5
infofile = $d/smsd.working
pidfile = $d/smsd.pid
delaytime = 1
delaytime_mainprocess = 1
receive_before_send = no
autosplit = 3

[GSM1]
device = $d/sim/modem
incoming = no
baudrate = 115200
report = no
EOF
    smsd -t -c"$d/smsd.conf" </dev/null >"$d/smsd.out" 2>&1 &
    track $!
    link_of[smsd]=pty
}
smsd_submit() {  # files made beforehand, renamed into the spool at once
    local d=$1 n=$2 i t
    for i in $(seq "$n"); do
        printf 'To: %s\n\nbench %d %d\n' "${number#+}" "$BASHPID" "$i" >"$d/staging/bench.$BASHPID.$i"
    done
    t=$(date +%s.%N)
    mv "$d"/staging/bench.* "$d/outgoing/"
    echo "$t"
}

gammu_start() {
    local d=$1
    mkdir -p "$d/inbox" "$d/outbox" "$d/sent" "$d/error"
    cat >"$d/gammu-smsdrc" <<EOF
[gammu]
device = $d/sim/modem
connection = at115200

[smsd]
service = files
logfile = $d/gammu-smsd.log
debuglevel = 0
inboxpath = $d/inbox/
outboxpath = $d/outbox/
sentsmspath = $d/sent/
errorsmspath = $d/error/
CommTimeout = 1
LoopSleep = 1
StatusFrequency = 0
CheckBattery = 0
CheckSignal = 0
DeliveryReport = no
EOF
    gammu-smsd -c "$d/gammu-smsdrc" -p "$d/gammu-smsd.pid" </dev/null >"$d/gammu-smsd.out" 2>&1 &
    track $!
    link_of[gammu]=pty
}
gammu_submit() {  # gammu-smsd-inject once per SMS, one after the other
    local d=$1 n=$2 i t
    t=$(date +%s.%N)
    for i in $(seq "$n"); do
        gammu-smsd-inject -c "$d/gammu-smsdrc" TEXT "$number" -text "bench $BASHPID $i" >>"$d/inject.out" 2>&1 ||
            die "gammu-smsd-inject failed: $(tail -n 3 "$d/inject.out")"
    done
    echo "$t"
}

# ------------------------------------------------------------ one gateway

declare -A link_of result

measure() {  # GATEWAY: sets result[GATEWAY]
    local g=$1 d=$tmp/$1 sent t0 i lat thr
    start_sim "$d/sim" --cmgs-delay-ms "$cmgs_ms"
    "${g}_start" "$d"
    sent_is() { [ "$(sent_count "$d/sim/sent.jsonl")" -ge "$1" ]; }
    say "$g: warming up"
    "${g}_submit" "$d" 1 >/dev/null
    wait_until 120 "$g to send its first SMS" sent_is 1

    say "$g: $SAMPLES idle latency samples, $SPACING s apart"
    : >"$d/submits"
    for i in $(seq "$SAMPLES"); do
        sleep "$SPACING"
        sent=$(sent_count "$d/sim/sent.jsonl")
        "${g}_submit" "$d" 1 >>"$d/submits"
        wait_until 60 "$g to send sample $i" sent_is $((sent + 1))
    done
    lat=$(figures latency "$d/submits" "$d/sim/commands.jsonl")

    say "$g: $COUNT SMS at once"
    sleep "$SPACING"
    sent=$(sent_count "$d/sim/sent.jsonl")
    t0=$("${g}_submit" "$d" "$COUNT")
    wait_until $((COUNT * (cmgs_ms / 1000 + 1) * 4 + 120)) "$g to send $COUNT SMS" sent_is $((sent + COUNT))
    thr=$(figures throughput "$t0" "$CMGS_SECONDS" "$d/sim/sent.jsonl")
    result[$g]="$thr $lat"
    say "$g: sent seconds SMS/min ratio min max = $thr; latency samples median min max p90 = $lat"
    stop_pids "${bench_pids[@]}"
    bench_pids=()
}

say "L = $CMGS_SECONDS s per AT+CMGS; $COUNT SMS; $SAMPLES latency samples; load $(cut -d' ' -f1-3 /proc/loadavg)"
for g in $PEERS; do measure "$g"; done

# ------------------------------------------------------------ the table

machine_line
echo "# L = $CMGS_SECONDS s per AT+CMGS, limit $(awk "BEGIN{printf \"%.1f\", 60 / $CMGS_SECONDS}") SMS/min; $COUNT SMS; idle latency over $SAMPLES samples"
first=${PEERS%% *}
printf '%-9s %-7s %5s %8s %8s %6s %13s %9s %7s %7s %7s %13s  %s\n' gateway version SMS seconds SMS/min N/L \
    "rate/$first" median_ms min_ms max_ms p90_ms "median/$first" link
for g in $PEERS; do
    case $g in
        smsgated) v=$("$worker_bin" --version | awk '{print $2}');;
        smsd) v=$(dpkg-query -W -f='${Version}' smstools | sed 's/-.*//');;
        gammu) v=$(dpkg-query -W -f='${Version}' gammu-smsd | sed 's/-.*//');;
    esac
    # shellcheck disable=SC2086 # the figures are words
    set -- ${result[$g]} ${result[$first]}
    awk -v g="$g" -v v="$v" -v link="${link_of[$g]}" -v n="$1" -v s="$2" -v r="$3" -v q="$4" \
        -v med="$8" -v lo="$9" -v hi="${10}" -v p90="${11}" -v r0="${14}" -v med0="${19}" 'BEGIN {
        printf "%-9s %-7s %5d %8.1f %8.1f %6.3f %13.3f %9d %7d %7d %7d %13.2f  %s\n",
            g, v, n, s, r, q, r / r0, med, lo, hi, p90, (med0 > 0 ? med / med0 : 0), link }'
done
