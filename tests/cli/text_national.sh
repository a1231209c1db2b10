#!/bin/sh
# smsgatectl text with [sms] national_tables (3GPP TS 23.038 Annex A): a
# Turkish text goes as GSM 7-bit with the Turkish locking shift table and
# the output names the table, when that needs fewer parts than UCS-2 (a
# short one fits one UCS-2 SMS and goes so); without the key it goes as
# UCS-2 as before;
# the parts are counted with the 3 octets the table's element takes from
# every part; smsgatectl pdu encodes and names them too; an unknown
# language in the key is a configuration error.
set -eu
ctl=${SMSGATECTL:?}
fail() { echo "FAIL: $*" >&2; exit 1; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/text_national.XXXXXX")
trap 'rm -rf "$dir"' EXIT

mail() {
    printf 'From: ps@example.com\nTo: +905321234567@sms.example.com\nSubject: \nMIME-Version: 1.0\n'
    printf 'Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n%s\n' "$1"
}
repeat() { i=0; s=; while [ $i -lt "$2" ]; do s="$s$1"; i=$((i + 1)); done; printf '%s' "$s"; }

printf '[sms]\nnational_tables = tr, es\n' >"$dir/tr.conf"
printf '[sms]\n' >"$dir/none.conf"
printf '[sms]\nnational_tables = tr, xx\n' >"$dir/bad.conf"

mail 'ığşüö' >"$dir/short.eml"
out=$("$ctl" text --json -c "$dir/tr.conf" <"$dir/short.eml")
[ "$out" = '{"text":"ığşüö","encoding":"ucs2","parts":1}' ] || fail "short: $out"

tr=$(repeat 'ığşüö' 20)
mail "$tr" >"$dir/tr.eml"
out=$("$ctl" text --json -c "$dir/tr.conf" <"$dir/tr.eml")
[ "$out" = "{\"text\":\"$tr\",\"encoding\":\"gsm7\",\"parts\":1,\"locking_shift\":\"tr\"}" ] || fail "json: $out"
out=$("$ctl" text -c "$dir/tr.conf" <"$dir/tr.eml")
[ "$out" = "encoding: gsm7
locking shift: tr
parts: 1
length: 100 septets

$tr" ] || fail "text: $out"
out=$("$ctl" text --json -c "$dir/none.conf" <"$dir/tr.eml")
[ "$out" = "{\"text\":\"$tr\",\"encoding\":\"ucs2\",\"parts\":2}" ] || fail "without the key: $out"

# 155 septets fit one SMS beside the 3-octet element, 156 need two parts
# (UCS-2 would need three).
mail "$(repeat ı 155)" >"$dir/155.eml"
mail "$(repeat ı 156)" >"$dir/156.eml"
out=$("$ctl" text --json -c "$dir/tr.conf" <"$dir/155.eml")
case "$out" in *'"encoding":"gsm7","parts":1,"locking_shift":"tr"}') ;; *) fail "155: $out" ;; esac
out=$("$ctl" text --json -c "$dir/tr.conf" <"$dir/156.eml")
case "$out" in *'"encoding":"gsm7","parts":2,"locking_shift":"tr"}') ;; *) fail "156: $out" ;; esac
out=$("$ctl" text --json -c "$dir/none.conf" <"$dir/156.eml")
case "$out" in *'"encoding":"ucs2","parts":3}') ;; *) fail "156 as UCS-2: $out" ;; esac

# Spanish has a single shift table only: 2 septets for an ó. A short text
# fits one SMS as UCS-2 too, and at equal parts it goes as UCS-2.
mail 'Canción' >"$dir/es.eml"
out=$("$ctl" text --json -c "$dir/tr.conf" <"$dir/es.eml")
[ "$out" = '{"text":"Canción","encoding":"ucs2","parts":1}' ] || fail "es short: $out"
mail "$(repeat 'Canción, ' 9)Canción" >"$dir/es.eml"
out=$("$ctl" text -c "$dir/tr.conf" <"$dir/es.eml")
case "$out" in 'encoding: gsm7
single shift: es
parts: 1
length: 98 septets
'*) ;; *) fail "es: $out" ;; esac

# smsgatectl pdu: the same tables with --national, and a received PDU (from
# smslib's test data, a handset's Turkish single shift SMS) named and read.
out=$("$ctl" pdu encode --to +905321234567 --national tr "$tr")
case "$out" in "105 0041000C91093512325476000069032501013830"*) ;; *) fail "pdu encode: $out" ;; esac
out=$("$ctl" pdu decode 0791093592100000640C910905566361400000012091327233804B03240101A0A2D373507A0E0A83DAE5F93C7C2E83E8E8301D347EBBE9E1B47B0EAAD3CD38D0181D96CF5DC8B2BC0C0ACBCB203ABA0C1AA3C3F2B96E93DE9C37733F1F)
case "$out" in *"single shift:     Turkish (tr)"*"text:             This is a message that contains utf8 chars.Here are the chars:ığşüö"*) ;;
    *) fail "pdu decode: $out" ;; esac
set +e
"$ctl" pdu encode --to +905321234567 --national xx a >/dev/null 2>&1
rc=$?
set -e
[ $rc -eq 2 ] || fail "pdu encode --national xx: exit $rc"

set +e
err=$("$ctl" text -c "$dir/bad.conf" <"$dir/tr.eml" 2>&1 >/dev/null)
rc=$?
set -e
[ $rc -eq 2 ] || fail "unknown language: exit $rc"
case "$err" in *"national_tables: 'xx' is not a language"*) ;; *) fail "unknown language: $err" ;; esac
echo "text_national: ok"
