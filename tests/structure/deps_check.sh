#!/bin/sh
# deps_check.sh - the tree keeps the rules of rules.txt (scripts/deps
# --check), and the check does catch each kind of breach: on a copy of the
# tree, an include of the worker from the modem driver, an include of a
# program from common/, an include of the milter from smsgatectl, a
# function of 61 lines and a decision on a DSN's characters each make it
# fail; mending a known breach makes it fail too, until the list is updated.
set -eu
top=${SOURCE_DIR:?}
deps="$top/scripts/deps"
fail() { echo "FAIL: $*"; exit 1; }

"$deps" --check || fail "the tree breaks its structure rules"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
copy() {
    rm -rf "$tmp/tree"
    mkdir -p "$tmp/tree/tests"
    cp -r "$top/common" "$top/transport" "$top/milter" "$top/ctl" "$tmp/tree/"
    cp -r "$top/tests/structure" "$tmp/tree/tests/"
}
expect_breach() { # what, pattern of the line
    if out=$(DEPS_TOP="$tmp/tree" "$deps" --check); then
        fail "$1 passed the check"
    fi
    echo "$out" | grep -q "$2" || fail "$1: no line /$2/ in: $out"
    echo "ok: $1"
}

copy
printf '#include "worker/outbox.hpp"\n' >> "$tmp/tree/transport/modem/channel.cpp"
expect_breach "the modem driver including the worker" \
    "^breach: include transport/modem/channel.cpp -> transport/worker/outbox.hpp"

copy
printf '#include "modem/modem.hpp"\n' >> "$tmp/tree/common/sms/hex.cpp"
expect_breach "common/ including a program" "^breach: include common/sms/hex.cpp -> transport/modem/modem.hpp"

copy
printf '#include "milter/snapshot.hpp"\n' >> "$tmp/tree/ctl/check_command.cpp"
expect_breach "smsgatectl including the milter" "^breach: include ctl/check_command.cpp -> milter/snapshot.hpp"

copy
{
    printf 'int probe_long()\n{\n'
    i=0
    while [ $i -lt 61 ]; do printf '    (void)0;\n'; i=$((i + 1)); done
    printf '}\n'
} >> "$tmp/tree/common/sms/hex.cpp"
expect_breach "a function of 61 lines" "^breach: function common/sms/hex.cpp probe_long"

copy
printf 'bool probe(const std::string& dsn) { return dsn.rfind("5.5.", 0) == 0; }\n' >> "$tmp/tree/common/sms/hex.cpp"
expect_breach "a decision on a DSN's characters" "^breach: text common/sms/hex.cpp"

copy
echo 'include common/sms/hex.cpp -> transport/worker/gone.hpp' >> "$tmp/tree/tests/structure/known-breaches.txt"
expect_breach "a listed breach that is gone" "^mended: include common/sms/hex.cpp -> transport/worker/gone.hpp"
echo "deps_check: ok"
