#!/bin/sh
# Every program answers --version with its name and the project's version,
# the same for all four, and exits 0 without reading a configuration.
set -eu
version=$(sed -n 's/^project(smsgate VERSION \([0-9.]*\).*/\1/p' "${SOURCE_DIR:?}/CMakeLists.txt")
[ -n "$version" ] || { echo "FAIL: no version in CMakeLists.txt" >&2; exit 1; }
check() { # name, program
    out=$("$2" --version -c /nonexistent/smsgate.conf 2>&1) || { echo "FAIL: $1 --version exits $?: $out" >&2; exit 1; }
    [ "$out" = "$1 $version" ] || { echo "FAIL: $1 --version says '$out', not '$1 $version'" >&2; exit 1; }
    echo "ok: $out"
}
check smsgated "${SMSGATED:?}"
check smsgate-milter "${SMSGATE_MILTER:?}"
check smsgate-transport "${SMSGATE_TRANSPORT:?}"
check smsgatectl "${SMSGATECTL:?}"
echo "versions: ok"
