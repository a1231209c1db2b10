#!/bin/sh
# smsgatectl pdu on the seed's PDUs (SMS Comfort log): the exact AT+CMGS line,
# the status report in both forms, the incoming SMS, and bad input that is
# reported while the other lines are still processed.
set -eu
ctl=${SMSGATECTL:?}
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$("$ctl" pdu encode --to +32477324847 --smsc +32475161616 --srr --vp 1440 "PS test")
[ "$out" = "21 07912374151616F631000B912374374248F70000A707D029885E9ED301" ] || fail "encode: $out"

report=07912374151616F606120B912374374248F7701191610500407011916105004000
padded=${report}FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF
want='{"type":"SMS-STATUS-REPORT","smsc":"+32475161616","number":"+32477324847","toa":"91","pid":null,"dcs":null,"alphabet":null,"class":null,"scts":"2007-11-19T16:50:00+01:00","discharge":"2007-11-19T16:50:00+01:00","mr":18,"status":0,"status_class":"delivered","srr":false,"vp_minutes":null,"udh":[],"concat":null,"text":null}'
out=$("$ctl" pdu decode --json "$report")
[ "$out" = "$want" ] || fail "status report: $out"
out=$("$ctl" pdu decode --json --length 167 "$padded")
[ "$out" = "$want" ] || fail "padded status report: $out"

deliver=07912374151616F6040B912374374248F700007011916105334007CF35885E9ED301
want_deliver='{"type":"SMS-DELIVER","smsc":"+32475161616","number":"+32477324847","toa":"91","pid":"00","dcs":"00","alphabet":"gsm7","class":null,"scts":"2007-11-19T16:50:33+01:00","discharge":null,"mr":null,"status":null,"status_class":null,"srr":false,"vp_minutes":null,"udh":[],"concat":null,"text":"Ok test"}'
out=$("$ctl" pdu decode --json "$deliver")
[ "$out" = "$want_deliver" ] || fail "incoming SMS: $out"

# A modem log pasted on stdin: +CMGL headers give the lengths; a bad line is
# reported with its number and the exit is 1, the good lines still decoded.
set +e
out=$(printf '+CMGL: 1,0,,167\n%s\n\nnot-a-pdu\n+CMGL: 2,0,,26\n%s\n' "$padded" "$deliver" |
    "$ctl" pdu decode --json 2>"${TMPDIR:-/tmp}/pdu_seed.$$")
rc=$?
set -e
err=$(cat "${TMPDIR:-/tmp}/pdu_seed.$$"); rm -f "${TMPDIR:-/tmp}/pdu_seed.$$"
[ $rc -eq 1 ] || fail "stdin exit code $rc"
[ "$out" = "$want
$want_deliver" ] || fail "stdin output: $out"
case "$err" in *"line 4: hex"*) ;; *) fail "stdin error: $err" ;; esac

# Words for people: every field named.
out=$("$ctl" pdu decode "$report")
for field in "SMS-STATUS-REPORT" "TP-MR:            18" "TP-RA:            +32477324847" \
    "TP-ST:            00 (delivered"; do
    case "$out" in *"$field"*) ;; *) fail "decode text lacks '$field': $out" ;; esac
done

# encode on stdin: one text a line, parts with their lengths.
out=$(printf 'PS test\nOk test\n' | "$ctl" pdu encode --to +32477324847 --smsc +32475161616 --srr --vp 1440)
[ "$(echo "$out" | wc -l)" -eq 2 ] || fail "encode stdin: $out"
out=$("$ctl" pdu encode --json --to +32477324847 "PS test")
[ "$out" = '{"part":1,"parts":1,"encoding":"gsm7","length":20,"pdu":"0001000B912374374248F7000007D029885E9ED301"}' ] ||
    fail "encode json: $out"

# Usage errors exit 2 and say why.
set +e
"$ctl" pdu encode "no destination" >/dev/null 2>&1; [ $? -eq 2 ] || fail "missing --to"
"$ctl" pdu frobnicate >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown command"
"$ctl" pdu encode --to "+32x" "hi" >/dev/null 2>&1; [ $? -eq 1 ] || fail "bad number"
set -e
"$ctl" --help | grep -q "pdu decode" || fail "--help"
"$ctl" pdu decode --help | grep -q -- "--length" || fail "pdu decode --help"
echo "pdu_seed: ok"
