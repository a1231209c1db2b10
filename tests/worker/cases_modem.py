"""Modem and link faults: a modem that stops answering, a link dropped in
the middle of a send, full SIM storage, and one of two modems dying; and
what monitoring sees of them (status --check, the metrics file)."""

import contextlib
import json
import os
import re
import signal
import tempfile

from workerclient import SEED_NUMBER, Sim, Worker, case, check, commands, sent, wait_until


@case
def silent_modem(b):
    with Sim(b["sim"]) as sim, Worker(b, {"gsm0": sim}) as w:
        sim.ok("set silent on")
        pending = w.submit_in_background(SEED_NUMBER, "through a reset", "D0000001", timeout=120)
        w.wait_log(r"D0000001: .*queued")
        # command_timeout_limit (3) consecutive timeouts, then the reset.
        # About 15 s: AT+CMGS's prompt (5 s), then AT+CSQ, AT+CREG? (2 s
        # each) or AT+CMGS again; AT+CMGL's minute must not come first.
        w.wait_log(r"gsm0: modem does not answer; resetting", timeout=30)
        check(sent(sim) == [], "nothing sent while silent")
        sim.ok("set silent off")
        r = pending.result(120)
        check(r.get("status") == "sent" and r.get("dsn") == "2.0.0", "sent after the reset: %r" % r)
        check(len(sent(sim)) == 1, "sent exactly once: %r" % sent(sim))
        check("ATZ" in commands(sim, "ATZ"), "the reset's ATZ: %r" % commands(sim, "AT"))
        w.wait_log(r"gsm0: link tcp:\S+ open", count=2)


@case
def link_drop(b):
    # The prompt comes 1 s after AT+CMGS=<n>: the drop falls before the PDU.
    with Sim(b["sim"], "--prompt-delay-ms", "1000", "--reopen-delay-ms", "100") as sim, \
            Worker(b, {"gsm0": sim}) as w:
        pending = w.submit_in_background(SEED_NUMBER, "PS test", "E0000001")
        wait_until(lambda: commands(sim, "AT+CMGS="), 10, "AT+CMGS on the modem")
        sim.ok("drop")
        r = pending.result()
        check(r.get("status") == "sent" and r.get("dsn") == "2.0.0", "sent after the drop: %r" % r)
        w.wait_log(r"gsm0: link tcp:\S+ open", count=2)
        check(w.log_count(r"E0000001: gsm0: part 1: link failed") == 1, "the interrupted part logged")
        check(len(sent(sim)) == 1, "sent exactly once: %r" % sent(sim))
        check(len(commands(sim, "AT+CMGS=")) == 2, "AT+CMGS again on the new link: %r" % commands(sim, "AT+CMGS="))


@case
def storage_full(b):
    fill_storage_while_away(b, [], {})


@case
def storage_full_one_sweep(b):
    """Without indications (AT+CNMI refused) and with polls far apart, the
    sweep at the start reads the storage again each time it emptied a full
    one, until what waited at the network is in."""
    fill_storage_while_away(b, ["--no-cnmi"], {"poll_seconds": "600"})


def fill_storage_while_away(b, sim_args, options):
    texts = ["Stored while away %d" % i for i in range(1, 9)]
    with Sim(b["sim"], "--storage-size", "3", *sim_args) as sim, Worker(b, {"gsm0": sim}, options) as w:
        w.stop()
        # The worker is stopped: 3 fit, 5 wait in the network's queue.
        for text in texts:
            check(sim.ok("inject +32477000111 " + text) == "1", "injected")
        stored = sim.records("storage")
        check(sum(1 for s in stored if s["memory"] != "queue") == 3, "3 stored: %r" % stored)
        check(sum(1 for s in stored if s["memory"] == "queue") == 5, "5 queued: %r" % stored)
        w.start()
        for text in texts:
            w.wait_log(r'received: modem=gsm0, from=<\+32477000111>, .*text="%s"' % re.escape(text), 30)
        wait_until(lambda: sim.records("storage") == [], 20, "the storage emptied")
        for text in texts:
            n = w.log_count(r'received: .*text="%s"' % re.escape(text))
            check(n == 1, "%r handed on %d times" % (text, n))


def modem_status(w, name):
    s = w.status()
    for i in range(int(s.get("modems", "0"))):
        if s.get("modem%d.name" % i) == name:
            return {k.split(".", 1)[1]: v for k, v in s.items() if k.startswith("modem%d." % i)}
    raise AssertionError("no modem %s in %r" % (name, s))


@case
def two_modems_one_dies(b):
    with Sim(b["sim"]) as a, Sim(b["sim"]) as spare:
        # Modem a prefers the +3247 numbers; b takes them only when a is gone.
        with Worker(b, {"a": a, "b": spare}, modem_options={"a": {"prefixes": "+3247"}}) as w:
            r = w.submit("+32470000001", "via a", "F0000001")
            check(r.get("status") == "sent" and "via a" in r.get("text", ""), "a sends its own: %r" % r)
            check(len(sent(a)) == 1 and sent(spare) == [], "on a")
            # A job on its way through a when a dies: a waits for the prompt.
            a.ok("set prompt-delay-ms 5000")
            caught = w.submit_in_background("+32470000002", "caught on a", "F0000002")
            wait_until(lambda: len(commands(a, "AT+CMGS=")) == 2, 10, "AT+CMGS of the second job on a")
            a.process.send_signal(signal.SIGKILL)
            a.process.wait()
            # Submitted at once, before the worker may have noticed.
            pending = [w.submit_in_background("+3247000000%d" % i, "after a died %d" % i, "F000001%d" % i)
                       for i in range(3)]
            for i, p in enumerate([caught] + pending):
                r = p.result()
                check(r.get("status") == "sent" and "via b" in r.get("text", ""), "job %d: %r" % (i, r))
            check(sorted(s["text"] for s in sent(spare)) == ["after a died %d" % i for i in range(3)] + ["caught on a"],
                  "b sent them: %r" % sent(spare))
            # Down, and why: the reopening (after a second) is refused.
            wait_until(lambda: "refused" in modem_status(w, "a")["last_error"], 10, "a's reopening refused")
            a_status = modem_status(w, "a")
            check(a_status["link"] == "down", "a is down: %r" % a_status)
            check(a_status["registration"] == "", "no registration claimed for a dead modem: %r" % a_status)
            out = w.ctl("status")
            check(out.returncode == 0, "smsgatectl status: %s" % out.stderr)
            rows = {line.split()[0]: line for line in out.stdout.splitlines()[1:]
                    if line.split() and line.split()[0] in ("a", "b")}
            check(set(rows) == {"a", "b"}, "a row per modem:\n" + out.stdout)
            check(re.match(r"a\s+down\s", rows["a"]) and "registered" not in rows["a"], "a down:\n" + out.stdout)
            check(re.match(r"b\s+up\s+registered, home network\s.*\s0\s+4\s+0\s+0\s*$", rows["b"]),
                  "b up, 4 sent:\n" + out.stdout)
            check(re.search(r"^\s+last error: .*connection refused", out.stdout, re.M), "a's error:\n" + out.stdout)
    check(not os.path.exists(a.dir), "a's directory removed")


@case
def four_modems_share_a_backlog(b):
    # 100 jobs at once for 4 equal modems: each modem, when free, takes the
    # next job, so each sends a quarter of them, give or take.
    with contextlib.ExitStack() as stack:
        sims = [stack.enter_context(Sim(b["sim"], "--cmgs-delay-ms", "250")) for _ in range(4)]
        w = stack.enter_context(Worker(b, {"m%d" % i: sim for i, sim in enumerate(sims)}))
        pending = [w.submit_in_background("+3247000%04d" % i, "backlog %d" % i, "B%07d" % i, timeout=120)
                   for i in range(100)]
        for i, p in enumerate(pending):
            r = p.result(150)
            check(r.get("status") == "sent", "job %d: %r" % (i, r))
        shares = [len(sent(sim)) for sim in sims]
        check(sum(shares) == 100, "each job sent once: %r" % shares)
        check(all(20 <= n <= 30 for n in shares), "each modem sent 20 to 30 of the 100: %r" % shares)


@case
def status_of_many_modems(b):
    # A status row per modem: 20 modems are more attributes than a request
    # may have, and smsgatectl still reads the answer.
    with contextlib.ExitStack() as stack:
        sims = [stack.enter_context(Sim(b["sim"])) for _ in range(20)]
        w = stack.enter_context(Worker(b, {"m%02d" % i: sim for i, sim in enumerate(sims)}))
        out = w.ctl("status")
        check(out.returncode == 0, "smsgatectl status: %d %s" % (out.returncode, out.stderr))
        rows = [line for line in out.stdout.splitlines() if re.match(r"m\d\d\s+up\s+registered", line)]
        check(len(rows) == 20, "a row per modem:\n" + out.stdout)
        out = w.ctl("status", "--json")
        check(out.returncode == 0 and json.loads(out.stdout)["modems"] == "20", "json: %s %s" % (out.stdout, out.stderr))


@case
def prompt_left_open(b):
    # A worker killed while the modem waits for a PDU leaves the modem at
    # its "> " prompt. The next session's ESC cancels the send, and the
    # modem answers that ESC with OK: the answer must not be taken for the
    # AT after it, or every answer of the session is one command late.
    with Sim(b["sim"], "--prompt-delay-ms", "1000", "--model", "LATE-OK-1") as sim, \
            Worker(b, {"gsm0": sim}) as w:
        w.submit_in_background(SEED_NUMBER, "left at the prompt", "P0000001", timeout=30)
        wait_until(lambda: commands(sim, "AT+CMGS="), 10, "AT+CMGS on the modem")
        w.kill()
        # Stand in for the worker until the prompt came: the modem is at it.
        at = sim.at(echo_off=False)
        try:
            check(at.lines_until(lambda line: False, 10)[-1] == ">", "the prompt")
        finally:
            at.close()
        w.start()
        check(modem_status(w, "gsm0")["model"] == "LATE-OK-1", "the model read: %r" % modem_status(w, "gsm0"))
        check(w.log_count(r"out of step") == 0, "no command out of step:\n" + w.log())
        r = w.submit(SEED_NUMBER, "after the prompt", "P0000002")
        check(r.get("status") == "sent", "sent: %r" % r)


@case
def retry_on_another_modem(b):
    # +CMS ERROR: 38 (network out of order) is temporary: a retries after a
    # second. Modem a prefers the +3247 numbers, but the retry of a job that
    # failed on a goes to b, which is up.
    number = "+32470000038"
    with Sim(b["sim"], "--cms-error", number + "=38") as a, Sim(b["sim"]) as spare:
        with Worker(b, {"a": a, "b": spare}, modem_options={"a": {"prefixes": "+3247"}}) as w:
            r = w.submit(number, "retried elsewhere", "G0000001")
            check(r.get("status") == "sent" and "via b" in r.get("text", ""), "sent by b: %r" % r)
            check(len(commands(a, "AT+CMGS=")) == 1, "a tried once: %r" % commands(a, "AT+CMGS="))
            check([s["to"] for s in sent(spare)] == [number], "b sent it: %r" % sent(spare))
            # A job that did not fail on a still goes to a.
            r = w.submit("+32470000001", "still via a", "G0000002")
            check(r.get("status") == "sent" and "via a" in r.get("text", ""), "a sends its own: %r" % r)


@case
def link_error_shown(b):
    # A link that fails in use (here the modem's end closes it) says why in
    # last_error, as a link that cannot be opened does; it stays after the
    # link is back, as the last error.
    with Sim(b["sim"]) as sim, Worker(b, {"gsm0": sim}) as w:
        check(modem_status(w, "gsm0")["last_error"] == "", "no error yet: %r" % modem_status(w, "gsm0"))
        sim.ok("drop")
        w.wait_log(r"gsm0: link tcp:\S+ open", count=2)
        wait_until(lambda: modem_status(w, "gsm0")["link"] == "up", 10, "the link back up")
        error = modem_status(w, "gsm0")["last_error"]
        check(re.match(r"(read|write): .*tcp:127\.0\.0\.1:\d+", error), "why the link failed: %r" % error)
        out = w.ctl("status")
        check(re.search(r"^\s+last error: (read|write): ", out.stdout, re.M), "smsgatectl status:\n" + out.stdout)


def read_metrics(path):
    """The metrics file, parsed by the Prometheus client's own parser: {(name, labels): value}."""
    from prometheus_client.parser import text_string_to_metric_families
    with open(path) as f:
        text = f.read()
    samples = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            samples[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return samples


@case
def health_and_metrics(b):
    with Sim(b["sim"], "--rssi", "20") as sim:
        metrics = os.path.join(tempfile.mkdtemp(prefix="smsgate-metrics."), "smsgate.prom")
        with Worker(b, {"gsm0": sim}, worker_options={"metrics_file": metrics}) as w:
            r = w.submit(SEED_NUMBER, "PS test", "3E5A7B9C")
            check(r.get("status") == "sent", "sent: %r" % r)
            sim.ok("inject %s Ok test" % SEED_NUMBER)
            w.wait_log(r"status report: .*job=%s, part=1" % r["job"])
            w.wait_log(r'received: ')
            out = w.ctl("status", "--check")
            check(out.returncode == 0, "status --check with the modem up: %d %r" % (out.returncode, out.stdout))
            check(out.stdout.startswith("SMSGATE OK - 1 of 1 modems can send |"), "the line: %r" % out.stdout)

            # The file is rewritten every poll_seconds (2 s): wait for one
            # written after the report and the SMS came.
            gsm0 = (("modem", "gsm0"),)
            wait_until(lambda: os.path.exists(metrics) and
                       read_metrics(metrics).get(("smsgate_sms_received_total", gsm0)) == 1, 15,
                       "the metrics file with the SMS received")
            m = read_metrics(metrics)
            status = json.loads(w.ctl("status", "--json").stdout)
            for name, key in (("smsgate_sms_parts_sent_total", "modem0.sent"),
                              ("smsgate_sms_jobs_failed_total", "modem0.failed"),
                              ("smsgate_sms_received_total", "modem0.received")):
                check(m.get((name, gsm0)) == float(status[key]), "%s %r, status %s=%r" % (name, m.get((name, gsm0)),
                                                                                       key, status[key]))
            check(m.get(("smsgate_modem_link_up", gsm0)) == 1, "link up: %r" % m)
            check(m.get(("smsgate_modem_registered", gsm0)) == 1, "registered: %r" % m)
            check(m.get(("smsgate_modem_signal_dbm", gsm0)) == -73, "signal: %r" % m)
            check(m.get(("smsgate_status_reports_total", (("class", "delivered"), ("modem", "gsm0")))) == 1,
                  "one delivered report: %r" % m)
            check(m.get(("smsgate_send_latency_seconds_count", ())) == 1, "one send timed: %r" % m)
            check(m.get(("smsgate_send_latency_seconds_bucket", (("le", "+Inf"),))) == 1, "the +Inf bucket: %r" % m)

            # The modem goes away: no modem can send, and the check says so.
            sim.process.send_signal(signal.SIGKILL)
            sim.process.wait()
            wait_until(lambda: w.ctl("status", "--check").returncode == 2, 15, "status --check critical")
            out = w.ctl("status", "--check")
            check(out.stdout.startswith("SMSGATE CRITICAL - 0 of 1 modems can send; gsm0 link"),
                  "the line: %r" % out.stdout)
            wait_until(lambda: read_metrics(metrics).get(("smsgate_modem_link_up", gsm0)) == 0, 15,
                       "the metrics file with the link down")
        # No worker: still critical, and said on stdout.
        out = w.ctl("status", "--check")
        check(out.returncode == 2 and out.stdout.startswith("SMSGATE CRITICAL - no answer from smsgated"),
              "no worker: %d %r" % (out.returncode, out.stdout))
