#!/bin/sh
# log_destinations.sh - where smsgated and smsgate-milter log, with the real
# programs: a destination that cannot be written stops the start (stderr,
# exit status not 0), a SIGHUP reopens a log file that logrotate moved, and
# log = postfix:DIR writes through the postlog service of a private Postfix
# whose maillog_file is set, in the format of Postfix's own lines there, and
# a delivery's line with its queue id beside those of Postfix's pipe(8).
set -eu
if [ "$(id -u)" -ne 0 ]; then
    echo "log_destinations: SKIPPED: needs root (a private Postfix instance)"
    exit 0
fi
: "${SMSGATED:?}" "${SMSGATE_MILTER:?}" "${SMSGATE_TRANSPORT:?}" "${SOURCE_DIR:?}"
instance=$SOURCE_DIR/scripts/postfix-instance
dir=$(mktemp -d /tmp/smsgate-log.XXXXXX)
chmod 755 "$dir" # Postfix's own users reach its instance below
pids=
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null || true; done
    "$instance" down "$dir/pf" >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 143' INT TERM

fail() {
    echo "FAIL: $*" >&2
    for f in "$dir"/*.log "$dir"/*.err "$dir/pf/maillog"; do
        [ -f "$f" ] && { echo "--- $f" >&2; cat "$f" >&2; }
    done
    exit 1
}

wait_for() {  # wait_for FILE PATTERN: until a line of FILE matches (30 s)
    for _ in $(seq 150); do
        grep -Eq -- "$2" "$1" 2>/dev/null && return 0
        sleep 0.2
    done
    fail "no line /$2/ in $1"
}

cat >"$dir/smsgate.conf" <<CONF
[worker]
socket = $dir/smsgated.sock
socket_mode = 0666
user = root
database = $dir/smsgate.db
log = $dir/smsgated.log

[milter]
socket = unix:$dir/milter.sock
quota_database = $dir/quota.db
log = $dir/milter.log

[sms]
domains = sms.example.com
default_region = BE
senders = $dir/senders
CONF
echo "default allow" >"$dir/senders"
chmod 644 "$dir/smsgate.conf" "$dir/senders"

worker() { timeout 30 "$SMSGATED" -c "$dir/smsgate.conf" "$@"; }
milter() { timeout 30 "$SMSGATE_MILTER" -f -c "$dir/smsgate.conf" "$@"; }

refused() {  # refused DESTINATION SAID: both programs exit at start, SAID on stderr
    for prog in worker milter; do
        if $prog --log "$1" 2>"$dir/$prog.err"; then
            fail "$prog started with log = $1, which it cannot write"
        fi
        grep -q "fatal: cannot log to $2" "$dir/$prog.err" || fail "$prog: no word on stderr of $2"
    done
}

# -- A destination that cannot be written: said on stderr, exit status 1.
refused "$dir/no/such/dir/x.log" "$dir/no/such/dir/x.log"
if [ ! -S /dev/log ]; then
    refused syslog "syslog: /dev/log"
fi
echo "log_destinations: unwritable destinations refused ok"

# -- SIGHUP reopens the log file (logrotate's postrotate).
"$SMSGATED" -c "$dir/smsgate.conf" 2>"$dir/worker.err" &
wpid=$!
"$SMSGATE_MILTER" -f -c "$dir/smsgate.conf" 2>"$dir/milter.err" &
mpid=$!
pids="$wpid $mpid"
wait_for "$dir/smsgated.log" "smsgated\[$wpid\]: "
wait_for "$dir/milter.log" "smsgate-milter\[$mpid\]: started:"
mv "$dir/smsgated.log" "$dir/smsgated.log.1"
mv "$dir/milter.log" "$dir/milter.log.1"
kill -HUP "$wpid" "$mpid"
wait_for "$dir/smsgated.log" "smsgated\[$wpid\]: SIGHUP"
wait_for "$dir/milter.log" "smsgate-milter\[$mpid\]: SIGHUP"
kill "$wpid" "$mpid"
wait "$wpid" "$mpid" || true
pids=
grep -q SIGHUP "$dir/smsgated.log.1" && fail "the worker wrote on in the rotated file"
grep -q SIGHUP "$dir/milter.log.1" && fail "the milter wrote on in the rotated file"
echo "log_destinations: log files reopened on SIGHUP ok"

# -- log = postfix:DIR with maillog_file set: through Postfix's postlog
# service, into its maillog file, in the format of its own lines.
port=$((20000 + $$ % 20000))
# The pipe service's user runs the transport: a copy it can reach.
cp "$SMSGATE_TRANSPORT" "$dir/smsgate-transport"
"$instance" up "$dir/pf" "$port" --transport "$dir/smsgate-transport" --config "$dir/smsgate.conf" \
    >"$dir/instance.log" 2>&1 || fail "the private Postfix did not start"
maillog=$(postconf -c "$dir/pf" -h maillog_file)
[ -n "$maillog" ] || fail "the private Postfix has no maillog_file"
host=$(postconf -c "$dir/pf" -h myhostname | cut -d. -f1)
stamp='[A-Z][a-z]{2} [0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}'
grep -Eq "^$stamp $host postfix/[a-z-]+\[[0-9]+\]: " "$maillog" || fail "Postfix's own lines look other than expected"
"$SMSGATED" -c "$dir/smsgate.conf" --log "postfix:$dir/pf" 2>"$dir/worker.err" &
wpid=$!
"$SMSGATE_MILTER" -f -c "$dir/smsgate.conf" --log "postfix:$dir/pf" 2>"$dir/milter.err" &
mpid=$!
pids="$wpid $mpid"
wait_for "$maillog" "^$stamp $host smsgated\[$wpid\]: warning: .*no \[modem\.NAME\] section"
wait_for "$maillog" "^$stamp $host smsgate-milter\[$mpid\]: started:"
# No modem: the worker defers the delivery, and says so with the queue id.
printf 'From: ps@example.com\nTo: +32477324847@sms.example.com\nSubject: seed\n\nPS test\n' |
    sendmail -C "$dir/pf" -f ps@example.com +32477324847@sms.example.com
wait_for "$maillog" "^$stamp $host smsgated\[$wpid\]: [0-9A-Za-z]+: to=<\+32477324847@sms.example.com>, relay=smsgate, status=deferred"
qid=$(sed -n "s/.* smsgated\[$wpid\]: \([0-9A-Za-z]*\): to=.*/\1/p" "$maillog" | head -n 1)
wait_for "$maillog" "^$stamp $host postfix/pipe\[[0-9]+\]: $qid: to=<\+32477324847@sms.example.com>"
grep -q "postfix/qmgr\[[0-9]*\]: $qid: from=<ps@example.com>" "$maillog" || fail "no line of qmgr for $qid"
kill "$wpid" "$mpid"
wait "$wpid" "$mpid" || true
pids=
echo "log_destinations: log = postfix through the postlog service ok; grep $qid:"
grep "$qid" "$maillog"

# -- maillog_file set and no postlog service listening: refused.
"$instance" down "$dir/pf" >/dev/null
refused "postfix:$dir/pf" "postfix: postlog service"
echo "log_destinations: log = postfix without the postlog service refused ok"
