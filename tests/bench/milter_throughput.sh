#!/bin/bash
# milter_throughput.sh - what smsgate-milter costs Postfix's SMTP throughput.
#
#   tests/bench/milter_throughput.sh [BUILD_DIR]      (as root)
#
# Sends mail with Postfix's smtp-source to private Postfix instances
# (scripts/postfix-instance) in three configurations, in one run:
#   none       no milter
#   null       a milter that answers "continue" to everything (null_milter.c)
#   smsgate    smsgate-milter from BUILD_DIR (default: build)
# and two kinds of mail:
#   normal     to bob@example.com (a virtual mailbox)
#   sms        to +32477324847@sms.example.com
# Both kinds are routed to discard(8) by a transport map, so delivery costs
# next to nothing and the SMTP dialogue (with the milter) is what is
# measured. smsgate-milter still checks every SMS recipient and reads the
# body of every SMS mail.
#
# Each configuration has its own instance, all three up for the whole run
# (identical but for smtpd_milters), and both milters run from start to end.
# The timed runs go in rounds: none null smsgate, then smsgate null none,
# and so on, each round a few seconds long, so that changes in the machine's
# load spread over all configurations. Every message must be accepted and
# discarded; anything else (a rejection, a deferral, a milter that Postfix
# could not reach) fails the run.
#
# Environment (defaults in brackets):
#   MESSAGES   messages per configuration and kind, over all rounds [2000]
#   ROUNDS     rounds; MESSAGES/ROUNDS messages per timed run [5]
#   SESSIONS   parallel SMTP sessions of smtp-source [10]
#   LENGTH     body bytes per message (smtp-source -l) [1024]
#   WARMUP     untimed messages before each timed run of the first round
#              [SESSIONS * 2]
#   PORT       first of the three smtpd ports [the first free ones from 26100]
#   QUOTA      a quota for the senders entry, e.g. 1000000/hour: makes the
#              milter count every SMS in its SQLite quota book [none]
#   SMTP_SOURCE_OPTS  more smtp-source options, e.g. -d (several messages
#              per connection) [none]
#   KEEP=1     keep the temporary directory (logs, configuration)
#
# Prints one line per timed run on stderr, then the table on stdout.
set -euo pipefail

prog=${0##*/}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)

die() { echo "$prog: $*" >&2; exit 1; }
say() { echo "$prog: $*" >&2; }

case $#:${1:-} in
    [01]:-h|[01]:--help|[2-9]:*|[1-9][0-9]*:*)
        sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0" >&2
        exit 2;;
esac
[ "$(id -u)" -eq 0 ] || die "must run as root (Postfix instances)"

build=$(realpath -m -- "${1:-$src/build}")
milter_bin=$build/milter/smsgate-milter
transport_bin=$build/transport/smsgate-transport
instance=$src/scripts/postfix-instance
smtp_source=/usr/sbin/smtp-source

MESSAGES=${MESSAGES:-2000}
ROUNDS=${ROUNDS:-5}
SESSIONS=${SESSIONS:-10}
LENGTH=${LENGTH:-1024}
WARMUP=${WARMUP:-$((SESSIONS * 2))}
QUOTA=${QUOTA:-}
SMTP_SOURCE_OPTS=${SMTP_SOURCE_OPTS:-}
for v in MESSAGES ROUNDS SESSIONS LENGTH WARMUP; do
    case ${!v} in ''|*[!0-9]*) die "$v must be a number: ${!v}";; esac
done
if [ "$ROUNDS" -lt 1 ] || [ "$SESSIONS" -lt 1 ]; then die "ROUNDS and SESSIONS must be at least 1"; fi
per_run=$((MESSAGES / ROUNDS))
[ "$per_run" -ge 1 ] || die "MESSAGES must be at least ROUNDS"

[ -x "$milter_bin" ] || die "$milter_bin: not built (cmake --build $build --target smsgate-milter)"
[ -x "$smtp_source" ] || die "$smtp_source: missing (Debian package postfix)"
for c in postfix postconf postmap cc; do
    command -v "$c" >/dev/null || die "$c: not installed"
done
[ -x "$transport_bin" ] || transport_bin=/bin/false # never run: SMS mail is discarded

sender=sender@example.com
declare -A rcpt=([normal]=bob@example.com [sms]=+32477324847@sms.example.com)
declare -A reason=([normal]=mail-benchmark [sms]=sms-benchmark)
configs=(none null smsgate)
kinds=(normal sms)

# ------------------------------------------------------------ clean-up

umask 022
tmp=$(mktemp -d /tmp/smsgate-bench.XXXXXX)
chmod 0755 "$tmp" # Postfix's users reach the instances in it
declare -A pf port
for c in "${configs[@]}"; do pf[$c]=$tmp/postfix-$c; done
# smtpd and cleanup run chrooted in an instance's queue directory, as on
# Debian: each milter's socket lies in its instance's, where main.cf names
# it unix:smsgate/milter.sock.
null_sock=${pf[null]}/queue/smsgate/milter.sock
smsgate_sock=${pf[smsgate]}/queue/smsgate/milter.sock
instances_up=()
null_pid=
smsgate_pid=

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
    local rc=$? c f
    trap - EXIT INT TERM
    # All at once: libmilter takes a few seconds to notice a SIGTERM.
    for c in "${instances_up[@]}"; do "$instance" down "${pf[$c]}" >/dev/null 2>&1 & done
    # shellcheck disable=SC2086 # the pids, if any
    stop_pids $null_pid $smsgate_pid
    wait
    if [ "$rc" -ne 0 ]; then
        for f in "$tmp"/postfix-*/maillog "$tmp/smsgate-milter.log" "$tmp/null-milter.log" "$tmp/smtp-source.out"; do
            [ -s "$f" ] && { echo "--- last lines of ${f#"$tmp"/}" >&2; tail -n 10 "$f" >&2; }
        done
    fi
    if [ -n "${KEEP:-}" ]; then
        say "kept $tmp"
    else
        rm -rf "$tmp"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------ helpers

wait_until() {  # SECONDS WHAT COMMAND...: poll every 0.1 s
    local seconds=$1 what=$2
    shift 2
    for _ in $(seq $((seconds * 10))); do
        "$@" && return 0
        sleep 0.1
    done
    die "timed out after ${seconds}s waiting for $what"
}

banner_ok() {  # PORT: a 220 greeting there
    local line
    # (exec with 2>/dev/null of its own would silence the script for good)
    { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
    IFS= read -r -t 5 line <&3 || { exec 3<&-; return 1; }
    printf 'QUIT\r\n' >&3 2>/dev/null || true
    exec 3<&-
    [ "${line#220 }" != "$line" ]
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

size_of() { stat -c %s "$1" 2>/dev/null || echo 0; }

since() { tail -c +$(($2 + 1)) "$1" 2>/dev/null || true; }  # FILE OFFSET: what was written after OFFSET

count() { { grep -c -F -e "$1" || true; } | tr -d ' \n'; }  # lines of stdin with the fixed string

cpu_ticks() {  # user+system clock ticks of a process, 0 when there is none
    if [ -z "$1" ] || [ ! -r "/proc/$1/stat" ]; then echo 0; return; fi
    # Fields after the ")" that ends the command name: utime is the 12th, stime the 13th.
    sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
}

milter_pid_of() {
    case $1 in null) echo "$null_pid";; smsgate) echo "$smsgate_pid";; *) echo "";; esac
}

queue_empty() {  # DIR
    [ -z "$(find "$1/queue/incoming" "$1/queue/active" "$1/queue/maildrop" \
        "$1/queue/deferred" "$1/queue/hold" -type f 2>/dev/null | head -1)" ]
}

# ------------------------------------------------------------ milters

say "building the null milter"
cc -O2 -o "$tmp/null-milter" "$here/null_milter.c" -lmilter -pthread ||
    die "cannot build null_milter.c (libmilter-dev installed?)"

cat >"$tmp/senders" <<EOF
# The benchmark's sender may send every SMS it sends; parts=255 because the
# body of smtp-source is LENGTH bytes of text (1024 bytes: 7 parts).
@example.com allow parts=255 recipients=50${QUOTA:+ quota=$QUOTA}
EOF
cat >"$tmp/smsgate.conf" <<EOF
[sms]
domains = sms.example.com
default_region = BE
senders = $tmp/senders

[milter]
socket = unix:$smsgate_sock
quota_database = $tmp/quota.db
log = $tmp/smsgate-milter.log
EOF

mkdir -p "${null_sock%/*}" "${smsgate_sock%/*}"
"$tmp/null-milter" "unix:$null_sock" </dev/null >>"$tmp/null-milter.log" 2>&1 &
null_pid=$!
"$milter_bin" -f -c "$tmp/smsgate.conf" </dev/null >>"$tmp/smsgate-milter.out" 2>&1 &
smsgate_pid=$!
milter_up() {  # PID SOCKET LOG
    kill -0 "$1" 2>/dev/null || die "the milter with socket $2 exited: $(tail -n 3 "$3" "$tmp/smsgate-milter.out" 2>/dev/null)"
    [ -S "$2" ] && grep -q 'started:' "$3" 2>/dev/null
}
wait_until 30 "the null milter" milter_up "$null_pid" "$null_sock" "$tmp/null-milter.log"
wait_until 30 "smsgate-milter" milter_up "$smsgate_pid" "$smsgate_sock" "$tmp/smsgate-milter.log"
declare -A milter_socket=([none]="" [null]="unix:smsgate/milter.sock" [smsgate]="unix:smsgate/milter.sock")

# ------------------------------------------------------------ Postfix

p=${PORT:-26100}
for c in "${configs[@]}"; do
    if [ -n "${PORT:-}" ]; then
        port_free "$p" || die "127.0.0.1:$p is in use (PORT=$PORT needs three free ports)"
    else
        while ! port_free "$p"; do
            p=$((p + 1))
            [ "$p" -lt 26200 ] || die "no three free ports in 26100-26199; set PORT"
        done
    fi
    port[$c]=$p
    p=$((p + 1))
done

# Both kinds go to discard(8); the next hop is the text of its status=sent,
# which tells the kinds apart in the log. in_flow_delay = 0: smtpd must not
# slow down to the speed of the queue manager, or every configuration would
# measure that instead.
printf 'sms.example.com\tdiscard:%s\nexample.com\tdiscard:%s\n' "${reason[sms]}" "${reason[normal]}" >"$tmp/transport"

for c in "${configs[@]}"; do
    d=${pf[$c]}
    say "starting Postfix for '$c' on 127.0.0.1:${port[$c]}"
    "$instance" up "$d" "${port[$c]}" --users bob --transport "$transport_bin" \
        ${milter_socket[$c]:+--milter "${milter_socket[$c]}"} >/dev/null
    instances_up+=("$c")
    [ -f "$tmp/transport.db" ] || postmap -c "$d" "hash:$tmp/transport"
    postconf -c "$d" -e "transport_maps = hash:$tmp/transport" "in_flow_delay = 0" "non_smtpd_milters ="
    [ "$(postconf -c "$d" -h smtpd_milters)" = "${milter_socket[$c]}" ] || die "$d: smtpd_milters is not what it should be"
    # Reload, and wait until the master has logged it and every process of
    # the old configuration (smtpd, qmgr, ...) is gone.
    old=$(pgrep -P "$(tr -dc 0-9 <"$d/queue/pid/master.pid")" | tr '\n' ' ' || true)
    off=$(size_of "$d/maillog")
    postfix -c "$d" reload >/dev/null 2>&1 || die "postfix -c $d reload failed"
    reloaded() {
        since "$d/maillog" "$off" | grep -q 'postfix/master.*reload -- version' || return 1
        local pid
        for pid in $old; do kill -0 "$pid" 2>/dev/null && return 1; done
        return 0
    }
    wait_until 120 "the reload of $d" reloaded
    wait_until 60 "smtpd of $d after the reload" banner_ok "${port[$c]}"
done

# ------------------------------------------------------------ one run

# send CONFIG KIND N: sets elapsed (seconds) and accepted, or fails
send() {
    local config=$1 kind=$2 n=$3 d=${pf[$1]} off moff out rc t0 t1 sent bad
    off=$(size_of "$d/maillog")
    moff=$(size_of "$tmp/smsgate-milter.log")
    t0=$(date +%s.%N)
    rc=0
    # shellcheck disable=SC2086 # SMTP_SOURCE_OPTS is a list of options
    "$smtp_source" -s "$SESSIONS" -m "$n" -l "$LENGTH" -M bench.example.com \
        -f "$sender" -t "${rcpt[$kind]}" $SMTP_SOURCE_OPTS "127.0.0.1:${port[$config]}" \
        >"$tmp/smtp-source.out" 2>&1 || rc=$?
    t1=$(date +%s.%N)
    [ "$rc" -eq 0 ] || die "$config/$kind: smtp-source exited with $rc: $(tail -n 3 "$tmp/smtp-source.out")"
    elapsed=$(awk "BEGIN{printf \"%.3f\", $t1 - $t0}")

    # Every message accepted and discarded, nothing else: wait for the queue.
    delivered() {
        queue_empty "$d" && [ "$(since "$d/maillog" "$off" | count "status=sent (${reason[$kind]})")" -ge "$n" ]
    }
    wait_until 300 "the delivery of $n $kind messages ($config)" delivered
    out=$(since "$d/maillog" "$off")
    sent=$(count "status=sent (${reason[$kind]})" <<<"$out")
    [ "$sent" -eq "$n" ] || die "$config/$kind: $sent of $n messages discarded"
    bad=$(grep -E 'reject|status=(deferred|bounced|expired)|milter|warning|fatal|panic|error' <<<"$out" || true)
    [ -z "$bad" ] || die "$config/$kind: the mail log has:
$(head -n 5 <<<"$bad")"
    if [ "$config" = smsgate ]; then
        out=$(since "$tmp/smsgate-milter.log" "$moff")
        if [ "$kind" = sms ]; then
            [ "$(count ': accept: ' <<<"$out")" -eq "$n" ] ||
                die "$config/$kind: smsgate-milter accepted $(count ': accept: ' <<<"$out") of $n messages"
        fi
        [ "$(count 'reject' <<<"$out")" -eq 0 ] ||
            die "$config/$kind: smsgate-milter rejected: $(grep reject <<<"$out" | head -n 3)"
    fi
    accepted=$sent
}

# ------------------------------------------------------------ the rounds

declare -A seconds messages cpu rate
for c in "${configs[@]}"; do
    for k in "${kinds[@]}"; do seconds[$c.$k]=0 messages[$c.$k]=0 cpu[$c.$k]=0; done
done
null_expected=0
hz=$(getconf CLK_TCK)

say "$ROUNDS rounds of $per_run messages per configuration and kind; $SESSIONS sessions," \
    "$LENGTH-byte bodies${SMTP_SOURCE_OPTS:+, smtp-source $SMTP_SOURCE_OPTS}; load average $(cut -d' ' -f1-3 /proc/loadavg)"
t_start=$(date +%s)
for r in $(seq "$ROUNDS"); do
    order=(none null smsgate) korder=(normal sms)
    [ $((r % 2)) -eq 1 ] || order=(smsgate null none) korder=(sms normal)
    for k in "${korder[@]}"; do
        for c in "${order[@]}"; do
            # Warm up in the first round: smtpd processes started, tables
            # open. Later rounds find them (max_idle is 100 s).
            if [ "$r" -eq 1 ] && [ "$WARMUP" -gt 0 ]; then
                send "$c" "$k" "$WARMUP"
                [ "$c" = null ] && null_expected=$((null_expected + WARMUP))
            fi
            mpid=$(milter_pid_of "$c")
            cpu0=$(cpu_ticks "$mpid")
            send "$c" "$k" "$per_run"
            cpu1=$(cpu_ticks "$mpid")
            [ "$c" = null ] && null_expected=$((null_expected + per_run))
            seconds[$c.$k]=$(awk "BEGIN{print ${seconds[$c.$k]} + $elapsed}")
            messages[$c.$k]=$((messages[$c.$k] + accepted))
            cpu[$c.$k]=$((cpu[$c.$k] + cpu1 - cpu0))
            rate[$c.$k.$r]=$(awk "BEGIN{print $accepted / $elapsed}")
            say "round $r: $(printf '%-8s %-7s %6d messages %7.2f s %7.1f/s' "$c" "$k" "$accepted" "$elapsed" \
                "${rate[$c.$k.$r]}")"
        done
    done
done
t_end=$(date +%s)

# The null milter counts the messages it saw: proof that Postfix used it.
stop_pids "$null_pid"
null_pid=
null_seen=$(sed -n 's/.*stopped: \([0-9]*\) messages.*/\1/p' "$tmp/null-milter.log" | tail -n 1)
[ "${null_seen:-x}" = "$null_expected" ] ||
    die "the null milter saw ${null_seen:-no} messages, $null_expected were sent through it"

# ------------------------------------------------------------ the table

say "done in $((t_end - t_start)) s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-13s %-6s %8s %8s %10s %6s %13s %17s\n' configuration kind messages seconds messages/s ratio \
    "round_ratios" "milter_cpu_us/msg"
for k in "${kinds[@]}"; do
    base=$(awk "BEGIN{print ${messages[none.$k]} / ${seconds[none.$k]}}")
    for c in "${configs[@]}"; do
        # The ratio of each round (to none of the same round): their spread
        # shows how much of a difference is noise.
        per_round=
        for r in $(seq "$ROUNDS"); do per_round="$per_round ${rate[$c.$k.$r]}/${rate[none.$k.$r]}"; done
        awk -v c="$c" -v k="$k" -v m="${messages[$c.$k]}" -v s="${seconds[$c.$k]}" -v b="$base" \
            -v ticks="${cpu[$c.$k]}" -v hz="$hz" -v rounds="$per_round" 'BEGIN {
                rate = m / s
                n = split(rounds, rr, " ")
                lo = 1e9; hi = 0
                for (i = 1; i <= n; i++) {
                    split(rr[i], ab, "/"); x = ab[1] / ab[2]
                    if (x < lo) lo = x
                    if (x > hi) hi = x
                }
                range = (c == "none") ? "-" : sprintf("%.2f-%.2f", lo, hi)
                us = (c == "none") ? "-" : sprintf("%.0f", ticks / hz * 1e6 / m)
                printf "%-13s %-6s %8d %8.2f %10.1f %6.3f %13s %17s\n", c, k, m, s, rate, rate / b, range, us
            }'
    done
done
