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

# Every case of the end-to-end drivers is registered with CTest, and every
# registered name is a case: a case left out would never run.
for suite in worker postfix; do
    dir="$SOURCE_DIR/tests/$suite"
    registered=$(awk '/set\(SMSGATE_[A-Z]+_CASES/ { on = 1; next } on && /\)/ { sub(/\).*/, ""); if (NF) print $1; on = 0 }
                      on && NF { print $1 }' "$dir/CMakeLists.txt" | sort)
    listed=$(python3 "$dir/test_$suite.py" --list | sort)
    if [ "$registered" != "$listed" ]; then
        echo "FAIL: tests/$suite: CMakeLists.txt and test_$suite.py --list differ:" >&2
        printf 'registered:\n%s\nlisted:\n%s\n' "$registered" "$listed" >&2
        exit 1
    fi
done
echo "test_names: cases registered ok"
