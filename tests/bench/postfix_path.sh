#!/bin/bash
# postfix_path.sh - mails per minute through the whole gateway: Postfix,
# pipe(8), smsgate-transport, smsgated, the modem.
#
#   tests/bench/postfix_path.sh [BUILD_DIR]      (as root)
#
# A private Postfix instance (scripts/postfix-instance) routes the SMS
# domain to its smsgate pipe(8) service, which runs smsgate-transport as the
# dedicated user (smsgate) with the gateway's smsgate.conf; smsgated sends
# on one smsgate-modem-sim on a pty whose AT+CMGS takes CMGS_SECONDS
# (default 0: what is measured is the software), status reports off. Postfix's
# smtp-source sends MAILS mails of one single-part SMS each ("-S bench", no
# body) in SESSIONS parallel SMTP sessions. Measured: mails per minute end
# to end, from the start of smtp-source to the last SMS the simulator
# accepted (and, apart, how fast Postfix took them over SMTP); smsgated's CPU
# time per SMS; and the CPU time of each smsgate-transport, which a small
# wrapper in the pipe service records with the shell's "times" (the
# wrapper's own start costs a bash process per delivery; TRANSPORT_TIMES=0
# runs the transport bare). Every mail must be logged status=sent by the
# smsgate relay, and nothing bounced or deferred.
#
# Environment (defaults in brackets):
#   MAILS            mails [500]
#   SESSIONS         parallel SMTP sessions of smtp-source [10]
#   CMGS_SECONDS     seconds from Ctrl-Z to +CMGS in the simulator [0]
#   TRANSPORT_TIMES  1: record each transport's CPU time; 0: do not [1]
#   PORT             smtpd port of the instance [the first free from 26300]
#                    from the start (otherwise only when it cannot open it)
#   KEEP=1           keep the temporary directory (mail log, worker log)
#
# Prints progress on stderr and the table on stdout.
set -euo pipefail

case ${1:-} in -h|--help) sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2;; esac
[ $# -le 1 ] || { sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0" >&2; exit 2; }
# shellcheck source=benchlib.sh
. "$(dirname "$0")/benchlib.sh"

MAILS=${MAILS:-500}
SESSIONS=${SESSIONS:-10}
CMGS_SECONDS=${CMGS_SECONDS:-0}
TRANSPORT_TIMES=${TRANSPORT_TIMES:-1}
need_number MAILS
need_number SESSIONS
need_decimal CMGS_SECONDS
[ "$MAILS" -ge 1 ] && [ "$SESSIONS" -ge 1 ] || die "MAILS and SESSIONS must be at least 1"
smtp_source=/usr/sbin/smtp-source
pipe_user=smsgate
sms_domain=sms.example.com
number=+32477324847

bench_start "${1:-}"
ensure_packages postfix
[ -x "$smtp_source" ] || die "$smtp_source: missing (Debian package postfix)"
[ -x "$transport_bin" ] || die "$transport_bin: not built (cmake --build $build --target smsgate-transport)"
id "$pipe_user" >/dev/null 2>&1 ||
    useradd --system --no-create-home --shell /usr/sbin/nologin --user-group "$pipe_user"

port=${PORT:-26300}
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ -z "${PORT:-}" ]; then
    while ! port_free "$port"; do port=$((port + 1)); [ "$port" -lt 26400 ] || die "no free port in 26300-26399"; done
fi

d=$tmp/gateway
pf=$tmp/postfix
mkdir -p "$d"
# The transport as the pipe user can run it: a copy when the build lies
# under a directory that user cannot enter (a checkout under /root).
transport=$transport_bin
if ! runuser -u "$pipe_user" -- "$transport" --version >/dev/null 2>&1; then
    cp "$transport_bin" "$d/smsgate-transport"
    transport=$d/smsgate-transport
fi
if [ "$TRANSPORT_TIMES" = 1 ]; then
    # The second line of the wrapper's "times", its children's, is the
    # transport's CPU time; a file per delivery (a shell builtin's output
    # may take more than one write).
    mkdir -p "$d/transport-times"
    chown "$pipe_user" "$d/transport-times"
    printf '#!/bin/bash\n%q "$@"\nrc=$?\ntimes >%q/$$\nexit $rc\n' "$transport" "$d/transport-times" \
        >"$d/transport-timed"
    chmod 0755 "$d/transport-timed"
    transport=$d/transport-timed
fi

printf '# Everyone of the benchmark domain may send.\n@example.com allow parts=5\n' >"$d/senders"
start_sim "$d/sim" --cmgs-delay-ms "$(awk "BEGIN{printf \"%d\", $CMGS_SECONDS * 1000}")"
worker_extra="socket_mode = 0666"
write_worker_config "$d" "$d/sim"
cat >>"$d/smsgate.conf" <<EOF
[sms]
domains = $sms_domain
senders = $d/senders
default_region = BE
[transport]
time_budget = 60
EOF
start_worker "$d" 1

say "starting Postfix on 127.0.0.1:$port"
bench_instances+=("$pf")
"$src/scripts/postfix-instance" up "$pf" "$port" --transport "$transport" --config "$d/smsgate.conf" \
    --domain "$sms_domain" --pipe-user "$pipe_user" >"$tmp/postfix-instance.out" 2>&1 ||
    die "postfix-instance up failed: $(tail -n 5 "$tmp/postfix-instance.out")"

say "$MAILS mails in $SESSIONS sessions; load $(cut -d' ' -f1-3 /proc/loadavg)"
cpu0=$(cpu_ticks "$worker_pid")
t0=$(date +%s.%N)
"$smtp_source" -s "$SESSIONS" -m "$MAILS" -S bench -M bench.example.com -f bench@example.com \
    -t "$number@$sms_domain" "127.0.0.1:$port" >"$tmp/smtp-source.out" 2>&1 ||
    die "smtp-source failed: $(tail -n 3 "$tmp/smtp-source.out")"
t_smtp=$(date +%s.%N)
delivered() { [ "$(grep -c 'relay=smsgate.*status=sent' "$pf/maillog" 2>/dev/null)" -ge "$MAILS" ]; }
wait_until $((MAILS + 300)) "$MAILS mails delivered by the smsgate relay" delivered
cpu1=$(cpu_ticks "$worker_pid")
bad=$(grep -E 'status=(deferred|bounced|expired)|fatal|panic' "$pf/maillog" || true)
[ -z "$bad" ] || die "the mail log has: $(head -n 3 <<<"$bad")"
thr=$(figures throughput "$t0" 1 "$d/sim/sent.jsonl")
# shellcheck disable=SC2086 # the figures are words
set -- $thr
sms=$1 seconds=$2
[ "$sms" -eq "$MAILS" ] || die "$sms SMS for $MAILS mails"
transport_ms=-
if [ "$TRANSPORT_TIMES" = 1 ]; then
    transport_ms=$(find "$d/transport-times" -type f -exec awk 'FNR == 2 {
            for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); print t[1] * 60 + t[2] } }' {} + |
        awk -v m="$MAILS" '{ cpu += $1 } END { printf "%.1f", cpu * 1000 / m }')
    [ "$(find "$d/transport-times" -type f | wc -l)" -ge "$MAILS" ] ||
        die "the CPU times of only $(find "$d/transport-times" -type f | wc -l) transports for $MAILS mails"
fi
hz=$(getconf CLK_TCK)

machine_line
echo "# smsgated $("$worker_bin" --version | awk '{print $2}') ($worker_link), Postfix $(postconf -d -h mail_version); $SESSIONS SMTP sessions; AT+CMGS $CMGS_SECONDS s"
printf '%6s %8s %10s %9s %10s %13s %17s\n' mails seconds mails/min smtp_s smtp/min worker_cpu_ms transport_cpu_ms
awk -v m="$MAILS" -v s="$seconds" -v t0="$t0" -v ts="$t_smtp" -v c="$((cpu1 - cpu0))" -v hz="$hz" -v tr="$transport_ms" 'BEGIN {
    printf "%6d %8.1f %10.0f %9.1f %10.0f %13.1f %17s\n", m, s, m * 60 / s, ts - t0, m * 60 / (ts - t0),
        c / hz * 1000 / m, tr }'
