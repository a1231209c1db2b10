#!/bin/sh
# Every option that smsgatectl's commands accept is documented in its man page.
set -eu
ctl=${SMSGATECTL:?}
man="${SOURCE_DIR:?}/ctl/smsgatectl.8"
missing=0
for cmd in "pdu decode" "pdu encode" "text" "check" "status" "send" "history"; do
    # shellcheck disable=SC2086
    help=$("$ctl" $cmd --help) || { echo "FAIL: smsgatectl $cmd --help" >&2; exit 1; }
    for opt in $(printf '%s\n' "$help" | grep -oE -- '--[a-z0-9-]+' | sort -u); do
        [ "$opt" = "--help" ] && continue
        # positional arguments appear in the table as options too
        case "$opt" in --hex | --text | --words) continue ;; esac
        escaped=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
        if ! grep -q -- "$escaped" "$man"; then
            echo "FAIL: smsgatectl $cmd $opt is not in smsgatectl.8" >&2
            missing=1
        fi
    done
done
[ $missing -eq 0 ]
echo "man_options: ok"
