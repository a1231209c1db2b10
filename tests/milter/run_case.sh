#!/bin/sh
# run_case.sh CASE: one miltertest case against smsgate-milter.
#
# Makes a private directory with a configuration and a senders table, starts
# miltertest on CASE.lua (which starts the milter itself, in the foreground,
# with that configuration), shows the milter's log when the case fails, and
# removes the directory. The exit status is miltertest's; 77 (skipped) when
# miltertest is not installed.
#
# Environment: MILTER, the smsgate-milter binary (required); SOURCE_DIR, the
# source tree (optional).
# The Lua cases see DIR (the private directory), MILTER, and CASES (the
# directory of the cases, for lib.lua).
set -u
case_name=${1:?usage: run_case.sh CASE}
MILTER=${MILTER:?MILTER must name the smsgate-milter binary}
# The cases: SOURCE_DIR/tests/milter when SOURCE_DIR is set, else beside this script.
if [ -n "${SOURCE_DIR:-}" ]; then
    CASES="$SOURCE_DIR/tests/milter"
else
    CASES=$(cd "$(dirname "$0")" && pwd)
fi
script="$CASES/$case_name.lua"
[ -f "$script" ] || { echo "run_case.sh: no case $case_name ($script)" >&2; exit 2; }
command -v miltertest >/dev/null 2>&1 || { echo "run_case.sh: miltertest not found; skipped" >&2; exit 77; }

# A unix socket path must fit in sun_path (108 bytes): a short base.
DIR=$(mktemp -d "${TMPDIR:-/tmp}/smsgate-milter.XXXXXX") || exit 1
export DIR MILTER CASES

stop_leftover() {
    # miltertest stops the milter it started when the script ends; if it
    # was killed itself (timeout), the milter named in the log is stopped
    # here, only when that process is still this binary.
    pid=$(sed -n 's/.*smsgate-milter\[\([0-9][0-9]*\)\]: started:.*/\1/p' "$DIR/milter.log" 2>/dev/null | tail -n 1)
    [ -n "$pid" ] || return 0
    [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$(readlink -f "$MILTER")" ] || return 0
    kill "$pid" 2>/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 1
    done
    kill -9 "$pid" 2>/dev/null
}
trap 'stop_leftover; rm -rf "$DIR"' EXIT
trap 'exit 143' INT TERM HUP

cat >"$DIR/smsgate.conf" <<CONF
[milter]
socket = unix:$DIR/milter.sock
# miltertest connects as the user running the test, who may not be root.
socket_group = $(id -gn)
quota_database = $DIR/quota.db
log = $DIR/milter.log

[sms]
domains = sms.example.com
default_region = BE
senders = $DIR/senders
CONF

# The cases name entries by their key; the line numbers below are the
# ones the log shows as "policy=.../senders:N".
cat >"$DIR/senders" <<'SENDERS'
ps@example.com          allow prefix=PS parts=2 notify=all
@example.com            allow recipients=3
sasl:boss               allow types=mobile,fixed_line_or_mobile,premium_rate,short_code
@auth.example.com       allow auth=yes
@nl.example.com         allow destinations=NL
quota@example.com       allow quota=2/hour
192.0.2.0/24            allow parts=1
2001:db8::/32           allow
default                 reject only example.com may send SMS
SENDERS

# miltertest's own read timeout is 10 s per reply; the whole case gets 50 s
# (CTest allows 60).
timeout -k 5 50 miltertest -s "$script"
status=$?
if [ $status -ne 0 ]; then
    [ $status -eq 124 ] && echo "run_case.sh: $case_name timed out" >&2
    echo "--- $DIR/milter.log" >&2
    cat "$DIR/milter.log" >&2 2>/dev/null || echo "(no log)" >&2
    echo "--- end of log" >&2
fi
exit $status
