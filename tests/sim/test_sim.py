#!/usr/bin/env python3
"""test_sim - runs one test case of smsgate-modem-sim.

usage: test_sim.py SIMULATOR CASE       (CASE "all" runs every case)
       test_sim.py SIMULATOR --list

Each case starts its own simulator in a fresh temporary directory and
stops it and removes the directory at the end, whatever the outcome.
"""

import sys
import traceback

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import cases_faults  # noqa: E402,F401  (the modules register their cases)
import cases_links  # noqa: E402,F401
import cases_receive  # noqa: E402,F401
import cases_send  # noqa: E402,F401
from simclient import CASES


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 64
    binary, name = argv[1], argv[2]
    if name == "--list":
        print("\n".join(sorted(CASES)))
        return 0
    names = sorted(CASES) if name == "all" else [name]
    failed = 0
    for n in names:
        if n not in CASES:
            sys.stderr.write("test_sim: no case %r\n" % n)
            return 64
        try:
            CASES[n](binary)
            print("ok %s" % n)
        except Exception:
            failed += 1
            print("FAIL %s" % n)
            traceback.print_exc()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
