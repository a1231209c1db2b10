#!/bin/sh
# Every key of smsgate.conf that smsgated, smsgate-transport or smsgate-milter reads is
# documented in smsgate.conf(5), under its own section; and every option of
# the three programs is in its man page.
set -eu
man="${SOURCE_DIR:?}/common/config/smsgate.conf.5"
missing=0
count=0
# "--section.key" in the option tables of both programs' --help, and the
# keys of smsgated's "[modem.NAME]:" table as "modem.key".
keys=$({ "${SMSGATED:?}" --help; "${SMSGATE_TRANSPORT:?}" --help; "${SMSGATE_MILTER:?}" --help; } |
    awk '/^\[modem\.NAME\]:/ { modem = 1; next } /^[^ ]/ { modem = 0 }
         { while (match($0, /--[a-z_.]+/)) {
               k = substr($0, RSTART + 2, RLENGTH - 2); $0 = substr($0, RSTART + RLENGTH)
               if (modem) print "modem." k; else if (k ~ /^(worker|sms|transport|milter|mail)\./) print k } }' | sort -u)
[ -n "$keys" ] || { echo "FAIL: no keys in --help" >&2; exit 1; }
for key in $keys; do
    section=${key%%.*}
    name=${key#*.}
    count=$((count + 1))
    # The key's .B line must come after the section's heading and before the next one.
    if ! awk -v s="$section" -v k="$name" '
        /^\.SH / { in_section = (index($0, "[" s "]") > 0 || index($0, "[" s ".") > 0) }
        in_section && $0 == ".B " k { found = 1 }
        END { exit !found }' "$man"; then
        echo "FAIL: [$section] $name is not documented in smsgate.conf.5" >&2
        missing=1
    fi
done
for program in smsgated smsgate-transport smsgate-milter; do
    case $program in
    smsgated) binary=$SMSGATED; page="${SOURCE_DIR}/transport/worker/smsgated.8" ;;
    smsgate-milter) binary=$SMSGATE_MILTER; page="${SOURCE_DIR}/milter/smsgate-milter.8" ;;
    *) binary=$SMSGATE_TRANSPORT; page="${SOURCE_DIR}/transport/pipe/smsgate-transport.8" ;;
    esac
    # The command-line options: the first table of --help, up to a blank line.
    for opt in $("$binary" --help | awk 'NR > 1 && (NF == 0 || /^[^ ]/) { exit } { print }' | grep -oE -- '--[a-z-]+' | sort -u); do
        [ "$opt" = "--help" ] && continue
        escaped=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
        if ! grep -q -- "$escaped" "$page"; then
            echo "FAIL: $program $opt is not in $(basename "$page")" >&2
            missing=1
        fi
    done
done
[ $missing -eq 0 ]
echo "config_keys: ok ($count keys)"
