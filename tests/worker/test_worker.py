#!/usr/bin/env python3
"""test_worker - runs one end-to-end or fault case of smsgated against
smsgate-modem-sim.

usage: test_worker.py CASE       (CASE "all" runs every case)
       test_worker.py --list

The programs come from the environment (CTest sets it): SMSGATED,
SMSGATECTL, SMSGATE_MODEM_SIM and SMSGATE_PTY_INTERPOSER. Each case starts
its own simulators and worker in fresh temporary directories, and stops them
and removes the directories at the end, whatever the outcome.
"""

import signal
import sys
import time
import traceback

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import cases_crash  # noqa: E402,F401  (the modules register their cases)
import cases_errors  # noqa: E402,F401
import cases_modem  # noqa: E402,F401
import cases_protocol  # noqa: E402,F401
import cases_sending  # noqa: E402,F401
from workerclient import CASES, binaries_from_environment  # noqa: E402


def stop_on_sigterm(number, frame):
    # CTest's timeout sends SIGTERM: unwind, so that every "with" stops its
    # simulator and worker and removes its directory.
    raise KeyboardInterrupt("SIGTERM")


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 64
    name = argv[1]
    if name == "--list":
        print("\n".join(sorted(CASES)))
        return 0
    names = sorted(CASES) if name == "all" else [name]
    for n in names:
        if n not in CASES:
            sys.stderr.write("test_worker: no case %r\n" % n)
            return 64
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    binaries = binaries_from_environment()
    failed = 0
    for n in names:
        started = time.monotonic()
        try:
            CASES[n](binaries)
            print("ok %s (%.1f s)" % (n, time.monotonic() - started))
        except Exception:
            failed += 1
            print("FAIL %s (%.1f s)" % (n, time.monotonic() - started))
            traceback.print_exc()
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
