#!/bin/bash
# install_by_readme.sh - the Debian package on this machine, the way an
# administrator meets it: build it (scripts/package), configure the system's
# Postfix as Debian's "Internet Site" leaves it (smtpd and cleanup chrooted),
# then run the README's "On a real server" steps word for word (taken from
# README.md between its server-steps markers), the daemons started as their
# units' ExecStart= and User= say. The seed's mail goes to port 25 with
# swaks; the test sees its PDU at the simulated modem, the two reports in the
# sender's mailbox and Postfix's and smsgate's lines under the queue id in
# the mail log. Then the README's uninstall steps, and nothing of the
# package may be left but the user Debian keeps.
#
# It never touches a configured mail server: it is skipped (77) unless it
# runs as root on a Postfix installed with "No configuration", port 25 free
# and no smsgate package installed. Everything it changes is put back.
set -euo pipefail

src=${SOURCE_DIR:?}
sim_bin=${SMSGATE_MODEM_SIM:?}
work=${WORK_DIR:?}
pkgbuild=${PACKAGE_BUILD_DIR:?}

skip() { echo "SKIP: $*"; exit 77; }
say() { printf '%s\n' "$*"; }

[ "$(id -u)" -eq 0 ] || skip "needs root (apt-get, the system's Postfix)"
for c in apt-get dpkg-query swaks postconf setpriv socat jq; do
    command -v "$c" >/dev/null || skip "no $c"
done
if dpkg-query -W -f='${Status}' smsgate 2>/dev/null | grep -q ' installed'; then
    skip "a smsgate package is installed on this machine"
fi
[ ! -e /etc/smsgate ] || skip "/etc/smsgate exists"
[ ! -e /etc/postfix/main.cf ] ||
    skip "the system's Postfix is configured (/etc/postfix/main.cf): only a Postfix installed with \"No configuration\" is used"
[ -f /usr/share/postfix/main.cf.debian ] || skip "no /usr/share/postfix/main.cf.debian (not Debian's postfix)"
if (exec 3<>/dev/tcp/127.0.0.1/25) 2>/dev/null; then skip "port 25 is in use"; fi

rm -rf "$work"
mkdir -p "$work"
maillog=/var/log/mail-package-test.log
number=+32477324847
sender=ps@example.com
made_user=""
sim_pid=""
export SHIM_PIDS=$work/units.pids SHIM_LOG_DIR=$work
. "$src/tests/package/systemctl_shim.sh"

fail() {
    say "FAIL: $*" >&2
    for f in "$maillog" "$work"/*.out; do
        [ -s "$f" ] && { say "--- $f" >&2; tail -n 30 "$f" >&2; }
    done
    exit 1
}

cleanup() {
    local rc=$?
    trap - EXIT
    say "--- putting the machine back"
    systemctl stop smsgated smsgate-milter || true
    if postfix status >/dev/null 2>&1; then
        postsuper -d ALL >/dev/null 2>&1 || true
        postfix stop >/dev/null 2>&1 || true
    fi
    if dpkg-query -W -f='${Status}' smsgate 2>/dev/null | grep -q installed; then
        apt-get purge -y smsgate >/dev/null 2>&1 || true
    fi
    if [ -f "$work/postfix-etc.tar" ]; then
        rm -rf /etc/postfix
        tar -C /etc -xf "$work/postfix-etc.tar"
    fi
    [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
    if [ -n "$made_user" ]; then userdel "$made_user" 2>/dev/null || true; fi
    [ -z "$made_user" ] || rm -f "/var/mail/$made_user"
    rm -f "$maillog"
    exit "$rc"
}
trap cleanup EXIT

# wait_for SECONDS WHAT COMMAND...
wait_for() {
    local tries=$(($1 * 5)) what=$2
    shift 2
    until "$@" >/dev/null 2>&1; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || fail "no $what"
        sleep 0.2
    done
}

# README.md's shell blocks between <!-- NAME --> and <!-- /NAME -->.
readme_steps() {
    awk -v begin="<!-- $1 -->" -v end="<!-- /$1 -->" '
        $0 == begin { on = 1; next } $0 == end { on = 0 }
        on && /^```sh$/ { code = 1; next } on && /^```$/ { code = 0; next }
        on && code' "$src/README.md"
}

say "--- the package (scripts/package)"
"$src/scripts/package" "$pkgbuild" >"$work/package.out" 2>&1 || fail "scripts/package failed"
grep -E '^package:|^[EW]: ' "$work/package.out" || true
deb=$(ls "$pkgbuild"/smsgate_*.deb)
say "size: $(stat -c %s "$deb") bytes"
dpkg-deb --contents "$deb" | awk '{ print $1, $6 }'

say "--- a Postfix as Debian's \"Internet Site\" makes it, loopback only"
tar -C /etc -cf "$work/postfix-etc.tar" postfix
cp /usr/share/postfix/main.cf.debian /etc/postfix/main.cf
postconf -e myhostname=mail.example.com mydomain=example.com "mydestination = example.com, localhost" \
    inet_interfaces=loopback-only inet_protocols=ipv4 alias_maps= alias_database= \
    smtpd_tls_security_level=none maillog_file="$maillog"
[ "$(postconf -Fh smtp/inet/chroot)" = y ] && [ "$(postconf -Fh cleanup/unix/chroot)" = y ] ||
    fail "Debian's master.cf should run smtpd and cleanup chrooted"
id -u "${sender%@*}" >/dev/null 2>&1 && skip "a user ${sender%@*} exists: its mailbox would get the test's mails"
useradd --no-create-home --shell /usr/sbin/nologin "${sender%@*}"
made_user=${sender%@*}
rm -f "/var/mail/$made_user"
/usr/lib/postfix/configure-instance.sh - >/dev/null 2>&1 || true
postfix start
wait_for 30 "Postfix on port 25" bash -c 'exec 3<>/dev/tcp/127.0.0.1/25'

say "--- the modem (smsgate-modem-sim on TCP)"
"$sim_bin" --tcp 127.0.0.1:0 --control "$work/sim.sock" --report-delay-ms 1000 >"$work/sim.out" 2>&1 </dev/null &
sim_pid=$!
wait_for 10 "ready from the simulator" grep -q '^ready' "$work/sim.out"
modem_port=$(sed -n 's/^tcp=.*://p' "$work/sim.out")

say "--- README.md, \"On a real server\", as written"
readme_steps server-steps >"$work/server-steps.sh"
[ -s "$work/server-steps.sh" ] || fail "no server-steps in README.md"
cat "$work/server-steps.sh"
printf 'APT::Get::Assume-Yes "true";\n' >"$work/apt.conf"
# run_steps FILE OUT: FILE in a shell of its own that stops at the first
# failing command and shows each line as it runs it.
run_steps() {
    (cd "$pkgbuild" && bash -e -c '. "$1"; set -v; . "$2"' steps "$src/tests/package/systemctl_shim.sh" "$1") \
        >"$2" 2>&1 || { cat "$2"; fail "$1 failed"; }
    cat "$2"
}
export APT_CONFIG=$work/apt.conf SMS_DOMAIN=sms.example.com MODEM=tcp:127.0.0.1:$modem_port COUNTRY=BE SENDER=$sender
run_steps "$work/server-steps.sh" "$work/steps.out"

if command -v systemd-analyze >/dev/null; then
    say "--- systemd-analyze verify"
    systemd-analyze verify /usr/lib/systemd/system/smsgated.service /usr/lib/systemd/system/smsgate-milter.service ||
        fail "systemd-analyze verify"
    say "both units verified"
else
    say "--- systemd-analyze verify: not installed here, not run"
fi

say "--- the seed's mail to port 25"
printf '%s\r\n' 'From: "P. Sommers" <ps@example.com>' "To: \"SMS PS\" <$number@sms.example.com>" "Subject: " \
    "Date: $(date -R)" "Message-ID: <$(date +%s).$$@client.example.com>" "MIME-Version: 1.0" \
    "Content-Type: text/plain; charset=us-ascii" "" "test" >"$work/seed.eml"
POSIXLY_CORRECT=1 swaks --server 127.0.0.1:25 --helo client.example.com --timeout 60 \
    --from "$sender" --to "$number@sms.example.com" --data "@$work/seed.eml" >"$work/swaks.out" 2>&1 ||
    { cat "$work/swaks.out"; fail "swaks"; }
qid=$(sed -n 's/^<- *250 2\.0\.0 Ok: queued as \([0-9A-Za-z]*\).*/\1/p' "$work/swaks.out")
[ -n "$qid" ] || { cat "$work/swaks.out"; fail "no queue id"; }
say "queued as $qid"
wait_for 120 "status=sent for $qid in $maillog" grep -q "$qid: to=<$number@sms.example.com>.*status=sent" "$maillog"

say "--- the PDU at the modem"
expected=$(/usr/sbin/smsgatectl pdu encode --to "$number" --srr --vp 1440 "test")
echo sent | socat - "UNIX-CONNECT:$work/sim.sock" >"$work/sent.out"
got=$(grep '^{' "$work/sent.out" | jq -r '"\(.length) \(.pdu)"')
say "expected: $expected"
say "got:      $got"
[ "$got" = "$expected" ] || fail "the modem did not receive the SMS-SUBMIT of \"test\""

say "--- the two reports in $sender's mailbox"
mbox=/var/mail/${sender%@*}
wait_for 120 "two reports in $mbox" sh -c "[ \$(grep -c '^X-SMS-Report:' $mbox) -ge 2 ]"
grep '^X-SMS-Report:' "$mbox"
grep -q '^X-SMS-Report: network' "$mbox" || fail "no \"delivered to the network\" report"
grep -q '^X-SMS-Report: handset' "$mbox" || fail "no \"delivered to the handset\" report"

say "--- grep $qid $maillog"
grep "$qid" "$maillog"
grep "$qid" "$maillog" | grep -q ' postfix/smtpd\[' || fail "no smtpd line for $qid"
grep "$qid" "$maillog" | grep -q ' postfix/pipe\[' || fail "no pipe line for $qid"
grep "$qid" "$maillog" | grep -q ' smsgated\[' || fail "no smsgated line for $qid"

say "--- smsgatectl status --check"
/usr/sbin/smsgatectl status --check || fail "status --check: $?"

say "--- who may do what on the worker's socket, with the modes as shipped"
sed -i 's/^#admin_group = adm$/admin_group = adm/' /etc/smsgate/smsgate.conf
grep -qx 'admin_group = adm' /etc/smsgate/smsgate.conf || fail "no #admin_group = adm line in the shipped smsgate.conf"
systemctl restart smsgated
wait_for 30 "the worker back" /usr/sbin/smsgatectl status
sock=/run/smsgate/smsgated.sock
as_admin() { setpriv --reuid=nobody --regid=nogroup --groups=adm -- /usr/sbin/smsgatectl "$@" --socket "$sock"; }
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- /usr/sbin/smsgatectl "$@" --socket "$sock"; }
as_admin status >"$work/admin-status.out" 2>&1 || { cat "$work/admin-status.out"; fail "status refused to admin_group"; }
say "a member of adm: smsgatectl status works"
if as_admin send "$number" "from adm" >"$work/admin-send.out" 2>&1; then fail "send allowed to admin_group"; fi
grep -q 'permission denied' "$work/admin-send.out" || { cat "$work/admin-send.out"; fail "no refusal line"; }
say "a member of adm: smsgatectl send: $(cat "$work/admin-send.out")"
if as_nobody status >"$work/nobody-status.out" 2>&1; then fail "status allowed to nobody"; fi
say "nobody: smsgatectl status: $(cat "$work/nobody-status.out")"
grep -q "uid=$(id -u nobody)" "$maillog" || fail "no log line naming nobody's uid"

say "--- README.md, uninstall, as written"
readme_steps uninstall-steps >"$work/uninstall-steps.sh"
[ -s "$work/uninstall-steps.sh" ] || fail "no uninstall-steps in README.md"
dpkg-query -L smsgate >"$work/files.txt"
systemctl stop smsgated smsgate-milter
run_steps "$work/uninstall-steps.sh" "$work/uninstall.out"

say "--- nothing left"
left=0
if dpkg-query -W -f='${Status}' smsgate 2>/dev/null | grep -q 'installed\|config-files'; then
    say "dpkg still knows smsgate"; left=1
fi
while read -r f; do
    if [ -e "$f" ] && [ ! -d "$f" ]; then say "left: $f"; left=1; fi
done <"$work/files.txt"
# What the maintainer scripts made: directories, and the units' links and
# state made by deb-systemd-helper.
for d in /etc/smsgate /var/lib/smsgate /var/log/smsgate /run/smsgate /var/spool/postfix/smsgate /usr/libexec/smsgate \
    /usr/share/doc/smsgate /etc/systemd/system/multi-user.target.wants/smsgated.service \
    /etc/systemd/system/multi-user.target.wants/smsgate-milter.service /etc/systemd/system/smsgated.service \
    /etc/systemd/system/smsgate-milter.service /var/lib/systemd/deb-systemd-helper-enabled/smsgated.service.dsh-also \
    /var/lib/systemd/deb-systemd-helper-enabled/smsgate-milter.service.dsh-also \
    /var/lib/systemd/deb-systemd-helper-masked/smsgated.service \
    /var/lib/systemd/deb-systemd-helper-masked/smsgate-milter.service; do
    if [ -e "$d" ]; then say "left: $d"; left=1; fi
done
if postconf -n | grep -n smsgate; then say "left in main.cf"; left=1; fi
if postconf -h relay_domains | grep -qw "sms.example.com"; then say "left in relay_domains"; left=1; fi
if postconf -M smsgate/unix 2>/dev/null | grep -q .; then say "left in master.cf"; left=1; fi
[ "$left" -eq 0 ] || fail "the package left files or settings behind"
id smsgate >/dev/null && say "kept: the user smsgate (Debian keeps system users)"
say "PASS"
