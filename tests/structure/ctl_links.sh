#!/bin/sh
# ctl_links.sh - smsgatectl asks the programs over their socket and reads the
# configuration through common/config: its link line holds none of the
# programs' libraries (smsgate_worker, smsgate_transport, smsgate_milter).
# Reads the link line the Makefile generator writes; with another generator
# the test is skipped.
set -eu
link=${CTL_LINK_LINE:?}
if [ ! -f "$link" ]; then
    echo "SKIP: no link line at $link (not the Makefile generator)"
    exit 77
fi
for lib in smsgate_worker smsgate_transport smsgate_milter; do
    if grep -q "lib$lib\.a" "$link"; then
        echo "FAIL: smsgatectl links $lib: $(cat "$link")"
        exit 1
    fi
done
echo "ctl_links: ok"
