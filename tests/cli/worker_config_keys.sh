#!/bin/sh
# Every configuration key of smsgated's option tables is documented in
# smsgated.conf(5).
set -eu
smsgated=${SMSGATED:?}
man="${SOURCE_DIR:?}/transport/smsgated.conf.5"
missing=0
keys=$("$smsgated" --help | grep -oE -- '--(worker\.)?[a-z_]+' | sed 's/^--//; s/^worker\.//' |
    grep -vxE 'config|log|help' || true)
[ -n "$keys" ] || { echo "FAIL: no keys in smsgated --help" >&2; exit 1; }
for key in $keys; do
    if ! grep -qE "^\.B $key\$" "$man"; then
        echo "FAIL: key $key is not documented in smsgated.conf.5" >&2
        missing=1
    fi
done
# worker.log is a key too (the command-line --log overrides it)
grep -qE '^\.B log$' "$man" || { echo "FAIL: key log" >&2; missing=1; }
[ $missing -eq 0 ]
echo "worker_config_keys: ok ($(echo "$keys" | wc -l) keys)"
