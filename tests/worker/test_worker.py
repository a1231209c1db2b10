#!/usr/bin/env python3
"""test_worker - runs one end-to-end or fault case of smsgated against
smsgate-modem-sim.

usage: test_worker.py CASE       (CASE "all" runs every case)
       test_worker.py --list

The programs come from the environment (CTest sets it): SMSGATED,
SMSGATECTL and SMSGATE_MODEM_SIM. Each case starts
its own simulators and worker in fresh temporary directories, and stops them
and removes the directories at the end, whatever the outcome.
"""

import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import cases_crash  # noqa: E402,F401  (the modules register their cases)
import cases_daemon  # noqa: E402,F401
import cases_deliver  # noqa: E402,F401
import cases_doubt  # noqa: E402,F401
import cases_errors  # noqa: E402,F401
import cases_limits  # noqa: E402,F401
import cases_modem  # noqa: E402,F401
import cases_protocol  # noqa: E402,F401
import cases_reports  # noqa: E402,F401
import cases_sending  # noqa: E402,F401
import cases_socket  # noqa: E402,F401
from workerclient import binaries_from_environment, run_cases  # noqa: E402

if __name__ == "__main__":
    sys.exit(run_cases(sys.argv, __doc__, binaries_from_environment))
