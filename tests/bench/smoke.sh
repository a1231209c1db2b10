#!/bin/bash
# smoke.sh - the benchmark scripts parse and explain themselves, refuse bad
# settings before they start anything, and figures.py computes what the
# README says from known logs. Runs in a second or two, needs no root and
# starts nothing: the benchmarks themselves are long and never run by CTest.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
scripts="peers.sh scaling.sh idle_latency.sh worker_memory.sh postfix_path.sh run-all"

for s in $scripts benchlib.sh; do
    bash -n "$here/$s" || fail "$s: syntax"
done
for f in submit.py figures.py; do  # parsed, no __pycache__ left in the tree
    python3 -c 'import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])' "$here/$f" || fail "$f: syntax"
done

# --help: the comment block, with its settings, and exit status 2.
for s in $scripts; do
    rc=0
    out=$("$here/$s" --help 2>&1) || rc=$?
    [ "$rc" -eq 2 ] || fail "$s --help: exit $rc"
    grep -q "tests/bench/$s" <<<"$out" || fail "$s --help does not show its command line"
    grep -q "Environment" <<<"$out" || fail "$s --help does not list its settings"
    grep -q "^#" <<<"$out" && fail "$s --help shows comment marks"
    rc=0
    "$here/$s" a b >/dev/null 2>&1 || rc=$?
    [ "$rc" -eq 2 ] || fail "$s with two arguments: exit $rc, not 2"
done

# A bad setting stops a script at once, naming it.
for case in "peers.sh COUNT=x" "peers.sh PEERS=kannel" "scaling.sh MODEMS=0" "scaling.sh CMGS_SECONDS_AT=64:8" \
            "idle_latency.sh VIA=mail" "worker_memory.sh JOBS=1" "postfix_path.sh SESSIONS=-1"; do
    set -- $case
    rc=0
    out=$(env "$2" "$here/$1" /nonexistent 2>&1) || rc=$?
    [ "$rc" -eq 1 ] || fail "$case: exit $rc, not 1 ($out)"
    grep -q "${2%%=*}" <<<"$out" || fail "$case: the message does not name ${2%%=*}: $out"
done
rc=0
out=$(ONLY=nothing "$here/run-all" 2>&1) || rc=$?
[ "$rc" -eq 2 ] && grep -q "no benchmark 'nothing'" <<<"$out" || fail "run-all ONLY=nothing: exit $rc: $out"

# figures.py on logs whose answer is known.
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
t0=$(python3 -c 'import calendar; print(calendar.timegm((2026, 1, 2, 3, 4, 0)))')
for s in 10 20 30 40; do echo "{\"n\":1,\"time\":\"2026-01-02T03:04:$s.000Z\"}"; done >"$d/a.jsonl"
for s in 15 25; do echo "{\"n\":1,\"time\":\"2026-01-02T03:04:$s.000Z\"}"; done >"$d/b.jsonl"
echo '{"n":1,"time":"2026-01-02T03:03:59.000Z"}' >>"$d/b.jsonl" # before T0: not counted
# 6 SMS in 40 s from T0 is 9 per minute; 2 modems at 4 s per SMS could do 30.
out=$(python3 "$here/figures.py" throughput "$t0" 4 "$d/a.jsonl" "$d/b.jsonl")
[ "$out" = "6 40.00 9.0 0.300 2 4" ] || fail "figures.py throughput: $out"
printf '%s\n' "$t0" "$((t0 + 10))" "$((t0 + 20)).5" >"$d/submits"
{
    echo '{"line":"AT","time":"2026-01-02T03:04:00.050Z"}'
    echo '{"line":"AT+CMGS=21","time":"2026-01-02T03:04:00.100Z"}'
    echo '{"line":"AT+CMGS=21","time":"2026-01-02T03:04:10.300Z"}'
    echo '{"line":"AT+CMGS=21","time":"2026-01-02T03:04:12.000Z"}'
    echo '{"line":"at+cmgs=25","time":"2026-01-02T03:04:20.700Z"}'
} >"$d/commands.jsonl"
# 100, 300 and 200 ms: the first AT+CMGS after each submission.
out=$(python3 "$here/figures.py" latency "$d/submits" "$d/commands.jsonl")
[ "$out" = "3 200 100 300 300" ] || fail "figures.py latency: $out"
echo "bench smoke: ok"
