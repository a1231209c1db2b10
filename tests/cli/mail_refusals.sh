#!/bin/sh
# A mail whose text cannot be sent gets the same refusal from smsgate-milter
# (at end of message, through miltertest) and from smsgate-transport (its
# exit line, run as nobody as pipe(8) would run it, with the checks made by
# smsgated, which needs no modem for them): every tests/mails/
# NAME.eml that has a NAME.refusal ("CODE DSN TEXT", the start of the
# reply) goes through both. The milter's log line must hold the whole
# reply, the transport's line must be the same DSN and text, with exit 65
# (EX_DATAERR). Skipped (77) without miltertest.
set -u
milter=${SMSGATE_MILTER:?}
transport=${SMSGATE_TRANSPORT:?}
mails="${SOURCE_DIR:?}/tests/mails"
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v miltertest >/dev/null 2>&1 || { echo "miltertest not found: skipped"; exit 77; }

DIR=$(mktemp -d "${TMPDIR:-/tmp}/smsgate-refusals.XXXXXX") || exit 1
trap 'rm -rf "$DIR"' EXIT
chmod 755 "$DIR"
cat >"$DIR/smsgate.conf" <<CONF
[milter]
socket = unix:$DIR/milter.sock
# miltertest connects as the user running the test, who may not be root.
socket_group = $(id -gn)
quota_database = $DIR/quota.db
log = $DIR/milter.log

[worker]
socket = $DIR/smsgated.sock
socket_mode = 0666
database = $DIR/smsgate.db
log = $DIR/smsgated.log
$( [ "$(id -u)" -eq 0 ] && printf 'user = root\nsubmit_users = nobody\n' || printf 'submit_users = %s\n' "$(id -un)")

[sms]
domains = sms.example.com
default_region = BE
senders = $DIR/senders
CONF
echo "@example.com allow" >"$DIR/senders"
chmod 644 "$DIR/smsgate.conf" "$DIR/senders"

# The transport refuses to run as root: as root, run it as nobody.
as_delivery_user() {
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
    else
        "$@"
    fi
}

list=""
n=0
for refusal in "$mails"/*.refusal; do
    name=$(basename "$refusal" .refusal)
    list="$list $mails/$name.eml"
    n=$((n + 1))
done
[ "$n" -ge 8 ] || fail "only $n mails with a .refusal"

DIR=$DIR MILTER=$milter MAILS=$list timeout -k 5 100 miltertest -s "$here/mail_refusals.lua" ||
    { cat "$DIR/milter.log" >&2; fail "miltertest"; }

"${SMSGATED:?}" -c "$DIR/smsgate.conf" &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null; rm -rf "$DIR"' EXIT
i=0
until [ -S "$DIR/smsgated.sock" ]; do
    i=$((i + 1))
    [ $i -le 100 ] || { cat "$DIR/smsgated.log" >&2; fail "smsgated did not start"; }
    sleep 0.1
done

n=0
for refusal in "$mails"/*.refusal; do
    n=$((n + 1))
    name=$(basename "$refusal" .refusal)
    expected=$(head -n 1 "$refusal")
    milter_line=$(grep "REFUSE$n: reject: end of message" "$DIR/milter.log")
    [ -n "$milter_line" ] || fail "$name: no refusal in the milter's log"
    milter_reply=${milter_line#*sms_recipients=1, *: }
    case "$milter_reply" in "$expected"*) ;; *) fail "$name: milter said: $milter_reply" ;; esac

    out=$(as_delivery_user "$transport" -c "$DIR/smsgate.conf" "Q$n" jan@example.com +32477324847@sms.example.com \
        <"$mails/$name.eml")
    rc=$?
    [ $rc -eq 65 ] || fail "$name: transport exit $rc ($out)"
    # The same DSN and text; the transport has no SMTP reply code.
    [ "$out" = "${milter_reply#* }" ] || fail "$name: milter: $milter_reply; transport: $out"
    echo "$name: $out"
done
echo "mail_refusals: $n mails, the same refusal from the milter and the transport"
