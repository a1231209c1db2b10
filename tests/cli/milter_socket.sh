#!/bin/sh
# milter_socket.sh - who may connect to smsgate-milter's unix socket: by
# default the group postfix (Postfix's smtpd and cleanup) with mode 0660,
# the owner the milter's [milter] user; socket_group and socket_mode change
# that; a socket_group or user that does not exist stops the start with a
# line on stderr that names it, and no socket is made.
set -eu
if [ "$(id -u)" -ne 0 ]; then
    echo "milter_socket: SKIPPED: needs root (chown of the socket)"
    exit 0
fi
if ! getent group postfix >/dev/null; then
    echo "milter_socket: SKIPPED: no group postfix (Postfix is not installed)"
    exit 0
fi
: "${SMSGATE_MILTER:?}"
dir=$(mktemp -d /tmp/smsgate-msock.XXXXXX)
chmod 755 "$dir"
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 143' INT TERM

fail() {
    echo "FAIL: $*" >&2
    for f in "$dir"/*.log "$dir"/*.err; do
        [ -f "$f" ] && { echo "--- $f" >&2; cat "$f" >&2; }
    done
    exit 1
}

echo "default allow" >"$dir/senders"
conf() {  # conf EXTRA-LINES: the configuration, with EXTRA-LINES in [milter]
    cat >"$dir/smsgate.conf" <<CONF
[milter]
socket = unix:$dir/milter.sock
quota_database = $dir/quota.db
log = $dir/milter.log
$1

[sms]
domains = sms.example.com
default_region = BE
senders = $dir/senders
CONF
}

# started EXPECTED-OWNER: start the milter, check the socket's
# "user:group mode", stop it.
started() {
    rm -f "$dir/milter.log"
    "$SMSGATE_MILTER" -f -c "$dir/smsgate.conf" 2>"$dir/milter.err" &
    pid=$!
    for _ in $(seq 150); do
        grep -q "started:" "$dir/milter.log" 2>/dev/null && break
        kill -0 "$pid" 2>/dev/null || fail "the milter exited at start"
        sleep 0.2
    done
    grep -q "started:" "$dir/milter.log" || fail "the milter did not start"
    got=$(stat -c '%U:%G %a' "$dir/milter.sock")
    kill "$pid"
    wait "$pid" || true
    pid=
    [ "$got" = "$1" ] || fail "socket is $got, not $1"
}

# refused SAID: the milter exits at start with SAID on stderr, no socket.
refused() {
    rm -f "$dir/milter.sock"
    if timeout 30 "$SMSGATE_MILTER" -f -c "$dir/smsgate.conf" 2>"$dir/milter.err"; then
        fail "the milter started with $1"
    fi
    grep -qF "$1" "$dir/milter.err" || fail "no word on stderr of: $1"
    [ ! -e "$dir/milter.sock" ] || fail "a socket was made although the start was refused"
}

# -- The default: Postfix's group, 0660.
conf ""
started "root:postfix 660"
echo "milter_socket: default group postfix, mode 0660 ok"

# -- The milter's user owns it; another group and mode.
user=smsgate
id -u "$user" >/dev/null 2>&1 ||
    useradd --system --no-create-home --shell /usr/sbin/nologin --user-group "$user"
conf "user = $user
socket_group = $(id -gn "$user")
socket_mode = 0600"
started "$user:$(id -gn "$user") 600"
echo "milter_socket: user, socket_group and socket_mode ok"

# -- A group or a user that does not exist.
conf "socket_group = no-such-group-smsgate"
refused "[milter] socket_group: no group 'no-such-group-smsgate'"
conf "user = no-such-user-smsgate"
refused "[milter] user: no user 'no-such-user-smsgate'"
echo "milter_socket: unknown group and user refused ok"
