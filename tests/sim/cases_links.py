"""Links and life cycle: the pty, dropped and replaced connections, the log
across restarts, clean exit, and the man page against --help."""

import datetime
import json
import os
import re
import shutil
import subprocess
import tempfile
import time

from simclient import CTRL_Z, SEED_SUBMIT, AtClient, Sim, case, check, wait_until


def open_pty(path):
    return AtClient(os.open(path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK))


@case
def pty_link(binary):
    with Sim(binary, "--pty", "{dir}/modem", "--reopen-delay-ms", "100") as sim:
        check(os.path.islink(sim.pty), "the symlink is there")
        at = open_pty(sim.pty)
        # Raw mode: no echo or CR translation by the line discipline, only the modem's echo.
        check(at.command("AT") == ["AT", "OK"], "AT over the pty")
        check(at.command("ATE0") == ["ATE0", "OK"], "ATE0")
        check(sim.send_pdu(at, SEED_SUBMIT, 21) == ["+CMGS: 18", "OK"], "send over the pty")
        check(sim.records("sent")[0]["link"] == "pty", "recorded as pty")
        at.close()
        at = open_pty(sim.pty)  # a second client after the first closed
        check(at.command("AT") == ["OK"], "a new client is heard")
        sim.ok("drop")
        check(not os.path.lexists(sim.pty), "hung up: the device is gone")
        at.wait_eof()
        at.close()
        wait_until(lambda: os.path.exists(sim.pty), what="the pty to come back")
        at = open_pty(sim.pty)
        check(at.command("AT") == ["OK"], "the modem kept its settings (echo off)")
        at.close()


@case
def drop_tcp(binary):
    with Sim(binary) as sim:
        at = sim.at()
        check(at.command("AT+CNMI=2,1,0,0,0") == ["OK"], "AT+CNMI")
        sim.ok("drop")
        at.wait_eof()
        at = sim.at(echo_off=False)
        check(at.command("AT+CNMI?") == ["+CNMI: 2,1,0,0,0", "OK"], "a cable pulled: state kept")
        newer = sim.at()
        at.wait_eof()  # a new client replaces the old one
        sim.ok("drop reset")
        newer.wait_eof()
        at = sim.at(echo_off=False)
        check(at.command("AT+CNMI?") == ["AT+CNMI?", "+CNMI: 0,0,0,0,0", "OK"], "power cycle: defaults")
        check(at.command("ATE0") == ["ATE0", "OK"], "ATE0")
        # A drop while the network has the message: it is sent, the answer is lost.
        sim.ok("set cmgs-delay-ms 300")
        check(at.command("AT+CMGS=21")[-1] == ">", "prompt")
        at.send(SEED_SUBMIT.encode() + CTRL_Z)
        sim.ok("drop")
        at.wait_eof()
        wait_until(lambda: len(sim.records("sent")) == 1, what="the message to be sent")
        # A power cycle while sending: the message is lost with the modem's memory.
        at = sim.at()
        check(at.command("AT+CMGS=21")[-1] == ">", "prompt")
        at.send(SEED_SUBMIT.encode() + CTRL_Z)
        sim.ok("drop reset")
        at.wait_eof()
        at = sim.at()
        check(sim.send_pdu(at, SEED_SUBMIT, 21) == ["+CMGS: 19", "OK"], "works after; MR 19 was next")
        check(len(sim.records("sent")) == 2, "the interrupted one was not sent")


@case
def log_across_restarts(binary):
    directory = tempfile.mkdtemp(prefix="smsgate-sim.")
    log = os.path.join(directory, "sent.jsonl")
    try:
        for n in (1, 2):
            with Sim(binary, "--log", log, "--pty", "{dir}/modem", directory=directory) as sim:
                at = sim.at()
                check(sim.send_pdu(at, SEED_SUBMIT, 21) == ["+CMGS: 18", "OK"], "send")
                lines = open(log).read().splitlines()
                check(len(lines) == n, "in the log at once: %r" % lines)
                check('"n":%d,"mr":18,"length":21,' % n in lines[-1], "numbered over the log: " + lines[-1])
                check(sim.records("sent")[0]["n"] == n, "sent agrees with the log")
            # Leaving the block stopped it with SIGTERM and checked that it
            # exited 0 and removed its socket and symlink.
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@case
def man_page(binary):
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "smsgate-modem-sim.1")
    man = open(os.environ.get("SMSGATE_SIM_MAN", default)).read().replace("\\-", "-")
    usage = subprocess.run([binary, "--help"], capture_output=True, text=True, check=True).stdout
    options = set(re.findall(r"--([a-z0-9][a-z0-9-]*)", usage))
    check(len(options) > 20, "options found in --help")
    for option in sorted(options):
        check("--" + option in man, "--%s is not in the man page" % option)
    with Sim(binary) as sim:
        keys = sim.control("set")[-1].split("keys:")[1].split()
        requests = sim.ok("help").split()[1:]
    for key in keys:
        check(re.search(r"^\.B(R)? %s\b" % re.escape(key), man, re.M), "set %s is not in the man page" % key)
    for request in requests:
        check(re.search(r"^\.B(R)? %s\b" % re.escape(request), man, re.M), "%s is not in the man page" % request)


@case
def command_log(binary):
    directory = tempfile.mkdtemp(prefix="smsgate-sim.")
    log = os.path.join(directory, "commands.jsonl")
    try:
        with Sim(binary, "--command-log", log, "--cmgs-delay-ms", "300", directory=directory) as sim:
            at = sim.at()
            before = time.time()
            check(sim.send_pdu(at, SEED_SUBMIT, 21) == ["+CMGS: 18", "OK"], "send")
            lines = [json.loads(line) for line in open(log).read().splitlines()]
            check([(r["n"], r["link"], r["line"], r["ignored"]) for r in lines] ==
                  [(1, "tcp", "ATE0", False), (2, "tcp", "AT+CMGS=21", False)], "the lines: %r" % lines)
            check(lines == [dict(r, time=lines[i]["time"]) for i, r in enumerate(sim.records("commands"))],
                  "the objects of commands, with their time")
            # Timed when the line came, not when +CMGS was answered 300 ms later.
            sent = datetime.datetime.strptime(lines[1]["time"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(
                tzinfo=datetime.timezone.utc).timestamp()
            check(before - 1 < sent < before + 0.25, "AT+CMGS=21 at %s, sent at %.3f" % (lines[1]["time"], before))
    finally:
        shutil.rmtree(directory, ignore_errors=True)
