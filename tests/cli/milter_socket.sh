#!/bin/sh
# milter_socket.sh - who may connect to smsgate-milter's unix socket: by
# default the group postfix (Postfix's smtpd and cleanup) with mode 0660,
# the owner the milter's [milter] user; socket_group and socket_mode change
# that; a socket_group or user that does not exist stops the start with a
# line on stderr that names it, and no socket is made. Started as its own
# user (as its systemd unit starts it), the milter gives the socket the
# group postfix through a set-group-ID directory, and says so when it cannot.
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
chmod 644 "$dir/senders"
sock=$dir/milter.sock
conf() {  # conf EXTRA-LINES: the configuration, with EXTRA-LINES in [milter]
    cat >"$dir/smsgate.conf" <<CONF
[milter]
socket = unix:$sock
quota_database = $dir/quota.db
log = $dir/milter.log
$1

[sms]
domains = sms.example.com
default_region = BE
senders = $dir/senders
CONF
    chmod 644 "$dir/smsgate.conf"
}

user=smsgate
id -u "$user" >/dev/null 2>&1 ||
    useradd --system --no-create-home --shell /usr/sbin/nologin --user-group "$user"
# The binary as the user can run it: a copy when the build lies under a
# directory closed to it.
milter=$SMSGATE_MILTER
if ! runuser -u "$user" -- "$milter" --version >/dev/null 2>&1; then
    cp "$milter" "$dir/smsgate-milter"
    chmod 755 "$dir/smsgate-milter"
    milter=$dir/smsgate-milter
fi

# started EXPECTED [COMMAND...]: start the milter (COMMAND in front, e.g.
# runuser), check that its socket is EXPECTED ("user:group mode"), stop it.
started() {
    want=$1
    shift
    : >"$dir/milter.log"
    chmod 666 "$dir/milter.log"
    "$@" "$milter" -f -c "$dir/smsgate.conf" 2>"$dir/milter.err" &
    pid=$!
    for _ in $(seq 150); do
        grep -q "started:" "$dir/milter.log" 2>/dev/null && break
        kill -0 "$pid" 2>/dev/null || fail "the milter exited at start"
        sleep 0.2
    done
    grep -q "started:" "$dir/milter.log" || fail "the milter did not start"
    got=$(stat -c '%U:%G %a' "$sock")
    kill "$pid"
    wait "$pid" || true
    pid=
    [ "$got" = "$want" ] || fail "socket is $got, not $want"
}

# refused SAID WHERE [COMMAND...]: the milter exits at start with SAID in
# WHERE (milter.err: stderr, before the log is open; milter.log: its log),
# and leaves no socket.
refused() {
    said=$1
    where=$2
    shift 2
    rm -f "$sock"
    : >"$dir/milter.log"
    chmod 666 "$dir/milter.log"
    if "$@" timeout 30 "$milter" -f -c "$dir/smsgate.conf" 2>"$dir/milter.err"; then
        fail "the milter started, although: $said"
    fi
    grep -qF "$said" "$dir/$where" || fail "no word in $where of: $said"
    [ ! -e "$sock" ] || fail "a socket was left although the start was refused"
}

# -- The default: Postfix's group, 0660.
conf ""
started "root:postfix 660"
echo "milter_socket: default group postfix, mode 0660 ok"

# -- The milter's user owns it; another group and mode.
conf "user = $user
socket_group = $(id -gn "$user")
socket_mode = 0600"
started "$user:$(id -gn "$user") 600"
echo "milter_socket: user, socket_group and socket_mode ok"

# -- A group or a user that does not exist.
conf "socket_group = no-such-group-smsgate"
refused "[milter] socket_group: no group 'no-such-group-smsgate'" milter.err
conf "user = no-such-user-smsgate"
refused "[milter] user: no user 'no-such-user-smsgate'" milter.err
echo "milter_socket: unknown group and user refused ok"

# -- Started as the user itself, as its systemd unit starts it, with the
# socket in a directory of its own, group postfix: the set-group-ID bit on
# the directory gives the socket the group postfix. Without it the start
# stops and says what to do.
mkdir -p "$dir/spool/smsgate"
chown "$user:postfix" "$dir/spool/smsgate"
chmod 2750 "$dir/spool/smsgate"
sock=$dir/spool/smsgate/milter.sock
conf ""
started "$user:postfix 660" runuser -u "$user" --
chmod g-s "$dir/spool/smsgate"
refused "make the socket's directory group postfix and mode 2750" milter.log runuser -u "$user" --
echo "milter_socket: as $user, in a set-group-ID directory of group postfix ok"
