#!/bin/sh
# smsgatectl check: a good smsgate.conf passes; every kind of mistake is
# named with its file (and line, for the senders table) and makes it fail.
set -eu
ctl=${SMSGATECTL:?}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# Its files are tried as the programs' users: the caller here (the users'
# own rights are tried in check_access.sh).
chmod 0755 "$dir"

cat >"$dir/senders" <<'EOF2'
ps@example.com   allow prefix=PS notify=all
@example.com     allow destinations=+32,NL parts=3
default          reject only example.com may send SMS
EOF2
cat >"$dir/good.conf" <<EOF2
[worker]
socket = $dir/smsgated.sock
database = $dir/smsgate.db
submit_users = $(id -un)
[modem.gsm0]
device = tcp:127.0.0.1:7000
[sms]
domains = sms.example.com
default_region = BE
senders = $dir/senders
[transport]
time_budget = 60
[milter]
socket = unix:$dir/milter.sock
quota_database = $dir/quota.db
EOF2
out=$("$ctl" check -c "$dir/good.conf" 2>&1) || { echo "FAIL: good config refused: $out" >&2; exit 1; }
[ "$(printf '%s\n' "$out" | tail -n 1)" = "$dir/good.conf: ok" ] || { echo "FAIL: good config: $out" >&2; exit 1; }
case $out in *smsgatectl:*) echo "FAIL: good config: $out" >&2; exit 1 ;; esac

printf '@example.com allow\n@example.org allow destinations=+32\nsasl:x allow partz=2\n' >"$dir/bad-senders"
cat >"$dir/bad.conf" <<EOF2
[worker]
socket_group = no-such-group-here
[sms]
default_region = XX
senders = $dir/bad-senders
[transport]
time_budgett = 3
[milter]
user = no-such-user-here
EOF2
status=0
out=$("$ctl" check -c "$dir/bad.conf" 2>&1) || status=$?
[ $status -eq 1 ] || { echo "FAIL: bad config: exit $status" >&2; exit 1; }
for want in "unknown key transport.time_budgett" "default_region 'XX' is not a two-letter country code"; do
    case $out in
    *"$want"*) ;;
    *) echo "FAIL: 'smsgatectl check' does not say: $want" >&2; echo "$out" >&2; exit 1 ;;
    esac
done
# With [sms] readable, the senders table and the number map are read (their
# lines are named), the milter's user and the worker's group are looked up.
printf '+32477324847 alice@example.com\nING not-an-address\n' >"$dir/bad-numbers"
printf '[mail]\nnumber_map = %s\n' "$dir/bad-numbers" >>"$dir/bad.conf"
sed -i '/time_budgett/d; s/= XX/= BE/' "$dir/bad.conf"
status=0
out=$("$ctl" check -c "$dir/bad.conf" 2>&1) || status=$?
for want in "bad-senders:3: unknown attribute 'partz'" "no user 'no-such-user-here'" \
    "no group 'no-such-group-here'" "no [modem.NAME] section" "bad-numbers:2:"; do
    case $out in
    *"$want"*) ;;
    *) echo "FAIL: 'smsgatectl check' does not say: $want" >&2; echo "$out" >&2; exit 1 ;;
    esac
done
[ $status -eq 1 ]
sed -i '/no-such/d' "$dir/bad.conf"
printf '+32477324847 alice@example.com\n' >"$dir/bad-numbers"
# A table that reads but names a country that does not exist.
printf '@example.com allow destinations=ZZ\n' >"$dir/bad-senders"
status=0
out=$("$ctl" check -c "$dir/bad.conf" 2>&1) || status=$?
case $out in
*"bad-senders:1: destination 'ZZ' is not a country code"*) ;;
*) echo "FAIL: ZZ accepted: $out" >&2; exit 1 ;;
esac
[ $status -eq 1 ]
echo "check_config: ok"
