#!/bin/sh
# CTest splits test names at ';': a doctest case with one in its name would
# be registered under a broken name and run nothing. None may have one.
set -eu
bad=$(grep -rn 'TEST_CASE("[^"]*;' "${SOURCE_DIR:?}/tests" || true)
if [ -n "$bad" ]; then
    echo "FAIL: test names with ';' (CTest cannot run them):" >&2
    echo "$bad" >&2
    exit 1
fi
echo "test_names: ok"
