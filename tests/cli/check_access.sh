#!/bin/sh
# smsgatectl check tries each file as the user that will open it: run as
# root, a senders table only root can read is reported for the worker's
# user (smsgated checks what the transport hands it) with the fix, and so
# is a directory on the way that user cannot search; once mended, the same
# files pass. The transport's user (the pipe(8) user, the first of [worker]
# submit_users) needs the configuration with its primary group alone. A
# user that does not exist is one finding. With
# --postfix, a milter socket Postfix cannot connect to is one too. Run as
# another user, it checks as that user and says so.
set -eu
ctl=${SMSGATECTL:?}
if [ "$(id -u)" -ne 0 ]; then
    echo "SKIP: not root: the check drops to the programs' users only as root"
    exit 77
fi
if ! id smsgate >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /nonexistent --shell /usr/sbin/nologin smsgate ||
        { echo "SKIP: no user smsgate, and it cannot be made"; exit 77; }
fi
group=$(id -gn smsgate)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
chmod 0755 "$dir"
fail() { echo "FAIL: $*" >&2; echo "$out" >&2; exit 1; }

printf '@example.com allow\n' >"$dir/senders"
chmod 0600 "$dir/senders"
cat >"$dir/smsgate.conf" <<EOF2
[worker]
socket = $dir/smsgated.sock
database = $dir/state/smsgate.db
user = smsgate
submit_users = smsgate
[modem.gsm0]
device = tcp:127.0.0.1:7000
[sms]
senders = $dir/senders
[milter]
quota_database = $dir/quota/quota.db
EOF2
chmod 0644 "$dir/smsgate.conf"
install -d -m 0770 -o root -g "$group" "$dir/quota"
install -d -m 0750 -o smsgate -g "$group" "$dir/state"

status=0
out=$("$ctl" check -c "$dir/smsgate.conf" 2>&1) || status=$?
want="smsgatectl: error: $dir/senders ([sms] senders): user smsgate (smsgated) cannot read it (mode 0600 root:root); chgrp $group and chmod 0640"
printf '%s\n' "$out" | grep -qxF -- "$want" || fail "no line: $want"
[ $status -eq 1 ] || fail "exit $status, not 1"

chgrp "$group" "$dir/senders"
chmod 0640 "$dir/senders"
status=0
out=$("$ctl" check -c "$dir/smsgate.conf" 2>&1) || status=$?
[ $status -eq 0 ] || fail "mended senders table: exit $status"
printf '%s\n' "$out" | grep -qxF -- "$dir/senders: read as smsgate (smsgated): ok" ||
    fail "no ok line for the senders table"

# A directory on the way that the user cannot search.
chmod 0700 "$dir/quota"
chown root:root "$dir/quota"
status=0
out=$("$ctl" check -c "$dir/smsgate.conf" 2>&1) || status=$?
want="smsgatectl: error: $dir/quota (the directory of [milter] quota_database): user smsgate (smsgated) cannot create files in it (mode 0700 root:root); chgrp $group and chmod 0730"
printf '%s\n' "$out" | grep -qxF -- "$want" || fail "no line: $want"
want="smsgatectl: error: $dir/quota/quota.db ([milter] quota_database): user smsgate (smsgated) cannot reach it: no search permission on $dir/quota (mode 0700 root:root); chmod 0701"
printf '%s\n' "$out" | grep -qxF -- "$want" || fail "no line: $want"
[ $status -eq 1 ] || fail "exit $status, not 1"
install -d -m 0770 -o root -g "$group" "$dir/quota"

# The configuration readable only through a supplementary group of the
# pipe(8) user: pipe(8) starts the transport with its primary group alone,
# so it cannot read it.
extra=smsgate-probe-$$
if groupadd "$extra" 2>/dev/null; then
    usermod -a -G "$extra" smsgate
    chgrp "$extra" "$dir/smsgate.conf"
    chmod 0640 "$dir/smsgate.conf"
    status=0
    out=$("$ctl" check -c "$dir/smsgate.conf" 2>&1) || status=$?
    gpasswd -d smsgate "$extra" >/dev/null 2>&1 || true
    groupdel "$extra" || true
    chgrp root "$dir/smsgate.conf"
    chmod 0644 "$dir/smsgate.conf"
    want="smsgatectl: error: $dir/smsgate.conf (the configuration): user smsgate (smsgate-transport) cannot read it"
    printf '%s\n' "$out" | grep -qF -- "$want" || fail "a supplementary group counted for the pipe(8) user: no line: $want"
    [ $status -eq 1 ] || fail "exit $status, not 1"
else
    echo "note: no group could be made; the supplementary group case is not tried"
fi

# A user that does not exist: one finding.
sed -i 's/^user = smsgate/user = no-such-user-here/' "$dir/smsgate.conf"
status=0
out=$("$ctl" check -c "$dir/smsgate.conf" 2>&1) || status=$?
[ "$(printf '%s\n' "$out" | grep -c "no user 'no-such-user-here'")" -eq 1 ] || fail "the missing user is not one finding"
[ $status -eq 1 ] || fail "exit $status, not 1"
sed -i 's/^user = no-such-user-here/user = smsgate/' "$dir/smsgate.conf"

# With --postfix: Postfix's mail_owner must be able to connect to the
# milter's socket (a real socket, made here, only root may use).
postconf=$(command -v postconf || echo /usr/sbin/postconf)
if [ -x "$postconf" ] && id postfix >/dev/null 2>&1; then
    mkdir "$dir/postfix"
    cp "${SOURCE_DIR:?}/tests/postfix-config/base/main.cf" "${SOURCE_DIR:?}/tests/postfix-config/base/master.cf" "$dir/postfix/"
    printf '[milter]\nsocket = unix:%s/milter.sock\n' "$dir" >>"$dir/smsgate.conf"
    /usr/bin/python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$dir/milter.sock"
    chmod 0600 "$dir/milter.sock"
    status=0
    out=$("$ctl" check -c "$dir/smsgate.conf" --postfix "$dir/postfix" 2>&1) || status=$?
    want="smsgatectl: error: $dir/milter.sock ([milter] socket): user postfix (smtpd) cannot connect to it (mode 0600 root:root); chgrp $(id -gn postfix) and chmod 0620"
    printf '%s\n' "$out" | grep -qxF -- "$want" || fail "no line: $want"
    [ $status -eq 1 ] || fail "exit $status, not 1"
else
    echo "note: no postconf or no user postfix; the milter socket's rights are not tried"
fi

# As another user: checked as that user, and said so.
if command -v setpriv >/dev/null && setpriv --reuid=smsgate --regid="$group" --clear-groups test -x "$ctl"; then
    out=$(setpriv --reuid=smsgate --regid="$group" --clear-groups "$ctl" check -c "$dir/smsgate.conf" 2>&1) || true
    printf '%s\n' "$out" | grep -qxF "checking files as user smsgate, not as the programs' users: run as root for that" ||
        fail "as smsgate: not said"
else
    echo "note: $ctl cannot be run as smsgate here; the check as another user is not tried"
fi
echo "check_access: ok"
