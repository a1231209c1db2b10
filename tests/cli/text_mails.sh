#!/bin/sh
# smsgatectl text on mails from tests/mails: the seed's Exchange mail with the
# sender's prefix (the SMS Comfort log sent "PS test"), an emoji mail that
# must go as UCS-2, a reply whose quote goes unless --no-clean, and a mail
# with no text at all or a body of binary junk (an error and exit 1, not an
# empty SMS or an SMS of junk).
set -eu
ctl=${SMSGATECTL:?}
mails="${SOURCE_DIR:?}/tests/mails"
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$("$ctl" text --json --prefix PS <"$mails/exchange_seed.eml")
[ "$out" = '{"text":"PS test","encoding":"gsm7","parts":1}' ] || fail "seed json: $out"

out=$("$ctl" text --prefix PS <"$mails/exchange_seed.eml")
[ "$out" = 'encoding: gsm7
parts: 1
length: 7 septets

PS test' ] || fail "seed text: $out"

out=$("$ctl" text --json <"$mails/base64_utf8_emoji.eml")
case "$out" in *'"encoding":"ucs2","parts":1}') ;; *) fail "emoji: $out" ;; esac

out=$("$ctl" text --json <"$mails/gmail_reply_quoted.eml")
[ "$out" = '{"text":"Server room\nBreaker was off, it is back on. Temperature is 24 degrees now.","encoding":"gsm7","parts":1}' ] ||
    fail "reply: $out"
# An answer to a mail the gateway wrote: the new words alone.
out=$("$ctl" text --prefix PS <"$mails/answer_outlook.eml")
[ "$out" = 'encoding: gsm7
parts: 1
length: 9 septets

PS Thanks' ] || fail "answer to the gateway: $out"
out=$("$ctl" text --no-clean <"$mails/gmail_reply_quoted.eml")
case "$out" in *"> Thanks,"*) ;; *) fail "--no-clean lost the quote: $out" ;; esac

set +e
err=$("$ctl" text --json <"$mails/only_attachment.eml" 2>&1 >/dev/null)
rc=$?
set -e
[ $rc -eq 1 ] || fail "no text: exit $rc"
case "$err" in "smsgatectl: text: no usable text"*) ;; *) fail "no text: $err" ;; esac

# A body that is not text is an error too, with the reason (the milter and
# the transport refuse it: tests/cli/mail_refusals.sh).
set +e
err=$("$ctl" text <"$mails/junk_random_octets.eml" 2>&1 >/dev/null)
rc=$?
set -e
[ $rc -eq 1 ] || fail "junk: exit $rc"
case "$err" in "smsgatectl: body: it holds the control character"*) ;; *) fail "junk: $err" ;; esac

set +e
"$ctl" text --bogus </dev/null >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown option"
set -e
"$ctl" --help | grep -q "text \[--json\]" || fail "--help"
echo "text_mails: ok"
