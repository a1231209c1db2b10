#!/usr/bin/env python3
"""test_postfix - runs one end-to-end case of the gateway through a private
Postfix instance.

usage: test_postfix.py CASE       (CASE "all" runs every case)
       test_postfix.py --list

The programs come from the environment (CTest sets it): SMSGATED,
SMSGATECTL, SMSGATE_MODEM_SIM and SMSGATE_TRANSPORT.
Must run as root (Postfix, the pipe service's user). Each case starts its
own simulator, worker and Postfix in fresh temporary directories and stops
and removes them at the end, whatever the outcome.
"""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import cases_delivery  # noqa: E402,F401  (the modules register their cases)
import cases_failures  # noqa: E402,F401
import cases_hostile  # noqa: E402,F401
import cases_milter  # noqa: E402,F401
import cases_reports  # noqa: E402,F401
from postfixclient import binaries_from_environment  # noqa: E402
from workerclient import run_cases  # noqa: E402


def refuse():
    if os.geteuid() != 0:
        return "must run as root (a Postfix instance and its pipe user)"
    return None


if __name__ == "__main__":
    sys.exit(run_cases(sys.argv, __doc__, binaries_from_environment, refuse))
