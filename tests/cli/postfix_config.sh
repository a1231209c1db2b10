#!/bin/sh
# smsgatectl check --postfix on every case of tests/postfix-config: a copy
# of base/ with the case's postconf edits gives exactly the finding lines
# the case expects (and exit 1), the right configuration none (and "ok").
# Postfix is not started: postconf and postmap only read the files.
set -eu
ctl=${SMSGATECTL:?}
data="${SOURCE_DIR:?}/tests/postfix-config"
postconf=$(command -v postconf || echo /usr/sbin/postconf)
[ -x "$postconf" ] || { echo "SKIP: no postconf (Postfix is not installed)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 0755 "$tmp"
failed=0
cases=0
for case in "$data"/cases/*/; do
    name=$(basename "$case")
    dir="$tmp/$name"
    mkdir "$dir"
    for file in main.cf master.cf smsgate.conf; do
        sed "s|@DIR@|$dir|g" "$data/base/$file" >"$dir/$file"
    done
    if [ -f "$case/conf.sed" ]; then
        sed "s|@DIR@|$dir|g" "$case/conf.sed" >"$dir/conf.sed"
        sed -i -f "$dir/conf.sed" "$dir/smsgate.conf"
    fi
    if [ -f "$case/edits" ]; then
        sed "s|@DIR@|$dir|g" "$case/edits" >"$dir/edits"
        while read -r option argument; do
            case $option in '' | '#'*) continue ;; esac
            "$postconf" -c "$dir" "$option" "$argument" ||
                { echo "FAIL: $name: postconf $option '$argument'"; failed=1; }
        done <"$dir/edits"
    fi
    [ ! -f "$case/files.sh" ] || DIR="$dir" sh "$case/files.sh"
    status=0
    "$ctl" check -c "$dir/smsgate.conf" --postfix "$dir" >"$dir/out" 2>&1 || status=$?
    grep '^smsgatectl: error: postfix' "$dir/out" >"$dir/found" || true
    sed "s|@DIR@|$dir|g" "$case/expected" >"$dir/want"
    if ! diff -u "$dir/want" "$dir/found"; then
        echo "FAIL: $name: the findings differ (- expected, + found); the whole output:"
        cat "$dir/out"
        failed=1
    elif [ -s "$dir/want" ] && [ $status -ne 1 ]; then
        echo "FAIL: $name: exit $status with findings, not 1"
        failed=1
    elif [ ! -s "$dir/want" ] && ! grep -qx "$dir: postfix: ok" "$dir/out"; then
        echo "FAIL: $name: no \"$dir: postfix: ok\" line:"
        cat "$dir/out"
        failed=1
    fi
    cases=$((cases + 1))
done
[ $cases -gt 0 ] || { echo "FAIL: no cases in $data/cases"; exit 1; }
[ $failed -eq 0 ] || exit 1
echo "postfix_config: ok ($cases cases)"
