"""Sending and receiving as it should go: the seed's round trip over TCP and
over the pty as a serial device, idempotent resubmission, long and UCS-2
messages, status reports routed past the storage, and what smsgatectl status
shows afterwards."""

import json
import re

from workerclient import SEED_NUMBER, SEED_SUBMIT, Sim, Worker, case, check, commands, decode_pdu, sent, wait_until

# The seed's settings (SMS Comfort): validity one day, status reports on.
SEED_WORKER = {"validity_minutes": 1440, "status_reports": "yes"}
# The seed's modem kept status reports in storage, where SMS Comfort's sweep
# read and deleted them: stored with +CDSI, as cnmi auto chooses for a modem
# that offers no routed reports.
SEED_MODEM = {"gsm0": {"cnmi": "2,1,0,2,0"}}


def seed_exchange(sim, w):
    """The seed's send, status report and incoming SMS; the storage ends empty."""
    r = w.submit(SEED_NUMBER, "PS test", "4F1A2B3C")
    check(r.get("status") == "sent" and r.get("dsn") == "2.0.0", "submit answered %r" % r)
    check(re.search(r"\bmr 18\b", r.get("text", "")), "the answer names mr 18: %r" % r)
    w.wait_log(r"4F1A2B3C: to=<\+32477324847@sms\.test>, relay=smsgate\[gsm0\], status=sent \(2\.0\.0 .*mr 18\)")
    out = sent(sim)
    check(len(out) == 1, "one SMS-SUBMIT: %r" % out)
    check(out[0]["pdu"] == SEED_SUBMIT, "the seed's PDU: %s" % out[0]["pdu"])
    check(out[0]["length"] == 21 and out[0]["mr"] == 18, "AT+CMGS=21, +CMGS: 18: %r" % out[0])
    check(commands(sim, "AT+CMGS=") == ["AT+CMGS=21"], "one AT+CMGS: %r" % commands(sim, "AT+CMGS="))
    w.wait_log(r"status report: modem=gsm0, to=<\+32477324847>, mr=18, st=0 \(delivered[^)]*\), job=%s, part=1\b"
               % re.escape(r["job"]))
    check(sim.ok("inject %s Ok test" % SEED_NUMBER) == "1", "one part injected")
    w.wait_log(r'received: modem=gsm0, from=<\+32477324847>, scts=[^,]+, parts=1, text="Ok test"')
    wait_until(lambda: sim.records("storage") == [], 10, "the modem's storage emptied by the worker")
    check(len(commands(sim, "AT+CMGD=")) >= 2, "the report and the SMS deleted: %r" % commands(sim, "AT+CMGD="))
    check(w.log_count(r"undecodable|unmatched") == 0, "every PDU decoded and matched")


@case
def seed_round_trip(b):
    # Status reports padded like the seed's SIM records (+CMGL length 167).
    with Sim(b["sim"], "--pad-status-reports") as sim, Worker(b, {"gsm0": sim}, SEED_WORKER, SEED_MODEM) as w:
        seed_exchange(sim, w)


@case
def seed_over_serial(b):
    with Sim(b["sim"], "--pty", "{dir}/modem", "--pad-status-reports") as sim, \
            Worker(b, {"gsm0": sim}, SEED_WORKER, SEED_MODEM, serial=True) as w:
        seed_exchange(sim, w)
        check(all(s["link"] == "pty" for s in sent(sim)), "sent over the pty")
        check(all(c["link"] == "pty" for c in sim.records("commands")), "every command over the pty")
        w.wait_log(r"gsm0: link /\S+/modem 115200 8n1\S* open")


@case
def same_key_twice(b):
    with Sim(b["sim"]) as sim, Worker(b, {"gsm0": sim}) as w:
        first = w.submit(SEED_NUMBER, "PS test", "7A1B2C3D", "<once@example.com>")
        check(first.get("status") == "sent" and first.get("dsn") == "2.0.0", "first: %r" % first)
        again = w.submit(SEED_NUMBER, "PS test", "7A1B2C3D", "<once@example.com>")
        check(again.get("status") == "already_sent" and again.get("dsn") == "2.0.0", "again: %r" % again)
        check(again.get("job") == first.get("job"), "the same job")
        check(len(sent(sim)) == 1, "one SMS: %r" % sent(sim))
        other = w.submit(SEED_NUMBER, "PS test", "7A1B2C3E", "<once@example.com>")
        check(other.get("status") == "sent" and other.get("job") != first.get("job"), "new queue id: %r" % other)
        check([s["mr"] for s in sent(sim)] == [18, 19], "sent again: %r" % sent(sim))


@case
def long_and_emoji(b):
    # 400 septets of the default alphabet: 3 parts of 153 at most.
    text = "".join("Part of a long message %03d. " % i for i in range(15))[:400]
    check(len(text) == 400, "400 characters")
    with Sim(b["sim"]) as sim, Worker(b, {"gsm0": sim}) as w:
        r = w.submit(SEED_NUMBER, text, "5C0FFEE1")
        check(r.get("status") == "sent" and "3 parts" in r.get("text", ""), "long: %r" % r)
        out = sent(sim)
        check(len(out) == 3, "three parts sent: %d" % len(out))
        mrs = [s["mr"] for s in out]
        check(mrs == [mrs[0], mrs[0] + 1, mrs[0] + 2], "consecutive MRs: %r" % mrs)
        check("mr %d,%d,%d" % tuple(mrs) in r["text"], "the answer lists the MRs: %r" % r["text"])
        parts = [decode_pdu(b, s["pdu"]) for s in out]
        for seq, p in enumerate(parts, 1):
            check(p["type"] == "SMS-SUBMIT" and p["alphabet"] == "gsm7", "part %d: %r" % (seq, p))
            check(p["concat"] and p["concat"]["total"] == 3 and p["concat"]["seq"] == seq,
                  "part %d concatenation: %r" % (seq, p["concat"]))
            check(p["number"] == SEED_NUMBER and p["srr"], "part %d to the number, report asked" % seq)
        refs = {p["concat"]["ref"] for p in parts}
        check(len(refs) == 1, "one concatenation reference: %r" % refs)
        check("".join(p["text"] for p in parts) == text, "reassembled text equal")

        emoji = "Smile \U0001F600 please"
        r = w.submit(SEED_NUMBER, emoji, "5C0FFEE2")
        check(r.get("status") == "sent", "emoji: %r" % r)
        last = sent(sim)[-1]
        check(len(sent(sim)) == 4 and last["alphabet"] == "ucs2", "one UCS-2 part: %r" % last)
        p = decode_pdu(b, last["pdu"])
        check(p["alphabet"] == "ucs2" and p["text"] == emoji and p["concat"] is None, "decoded: %r" % p)


def modem_row(table, name):
    for line in table.splitlines():
        if line.split(" ", 1)[0] == name:
            return line
    raise AssertionError("no row for %s in:\n%s" % (name, table))


@case
def status_shows_modems(b):
    # rssi 20: -113 + 2 * 20 = -73 dBm (TS 27.007 8.5).
    with Sim(b["sim"], "--operator", "Proximus", "--rssi", "20") as sim, Worker(b, {"gsm0": sim}) as w:
        r = w.submit(SEED_NUMBER, "PS test", "3E5A7B9C")
        check(r.get("status") == "sent", "sent: %r" % r)
        sim.ok("inject %s Ok test" % SEED_NUMBER)
        w.wait_log(r'received: .*text="Ok test"')
        wait_until(lambda: sim.records("storage") == [], 10, "the storage emptied")
        out = w.ctl("status")
        check(out.returncode == 0, "smsgatectl status: %d %s" % (out.returncode, out.stderr))
        header = out.stdout.splitlines()[0].split()
        check(header == ["MODEM", "LINK", "REGISTRATION", "OPERATOR", "SIGNAL", "QUEUE", "SENT", "FAILED",
                         "RECEIVED"], "header: %r" % header)
        row = modem_row(out.stdout, "gsm0")
        check(re.fullmatch(r"gsm0\s+up\s+registered, home network\s+Proximus\s+-73dBm\s+0\s+1\s+0\s+1\s*", row),
              "link, registration, operator, signal, queue 0, sent 1, failed 0, received 1:\n" + out.stdout)
        check("jobs waiting: 0" in out.stdout, "nothing waiting:\n" + out.stdout)
        check("in doubt" not in out.stdout, "no line for parts in doubt when there are none:\n" + out.stdout)
        check(re.search(r"^mails waiting for sendmail: \d+$", out.stdout, re.M), "the outbox:\n" + out.stdout)

        out = w.ctl("status", "--json")
        check(out.returncode == 0, "smsgatectl status --json: %d %s" % (out.returncode, out.stderr))
        lines = out.stdout.splitlines()
        check(len(lines) == 1, "one line: %r" % out.stdout)
        j = json.loads(lines[0])
        expected = {"modems": "1", "modem0.name": "gsm0", "modem0.link": "up", "modem0.operator": "Proximus",
                    "modem0.signal_dbm": "-73", "modem0.queue": "0", "modem0.sent": "1", "modem0.failed": "0",
                    "modem0.received": "1", "queued": "0"}
        for key, value in expected.items():
            check(j.get(key) == value, "%s: %r, not %r" % (key, j.get(key), value))
        check(j.get("modem0.registration", "").startswith("registered"), "registered: %r" % j)

        # One message's story, from queued to its status report.
        w.wait_log(r"status report: .*job=%s, part=1" % r["job"])
        out = w.ctl("history", "--job", r["job"])
        check(out.returncode == 0, "smsgatectl history --job: %d %s" % (out.returncode, out.stderr))
        story = out.stdout
        check(story.startswith("job %s: 3E5A7B9C from <" % r["job"]), "the job line:\n" + story)
        for event in ("claimed modem=gsm0", "sent part 1 mr=18 modem=gsm0", "report part 1 st=0x00"):
            check(event in story, "%r in the events:\n%s" % (event, story))
        # The same story, and the list, as JSON for scripts.
        out = w.ctl("history", "--job", r["job"], "--json")
        check(out.returncode == 0 and len(out.stdout.splitlines()) == 1, "history --job --json: %r" % out.stdout)
        j = json.loads(out.stdout)
        check(j.get("job.id") == r["job"] and j.get("job.queue_id") == "3E5A7B9C", "the job: %r" % j)
        whats = [j[k] for k in sorted(j) if k.startswith("event") and k.endswith(".what")]
        check(any(w_.startswith("sent part 1 mr=18") for w_ in whats), "the events: %r" % whats)
        out = w.ctl("history", "--json")
        j = json.loads(out.stdout)
        check(out.returncode == 0 and j.get("jobs") == "1" and j.get("job0.queue_id") == "3E5A7B9C",
              "history --json: %r" % out.stdout)
        missing = w.ctl("history", "--job", "999")
        check(missing.returncode == 1 and "no job 999" in missing.stderr, "unknown job: %r" % missing.stderr)


@case
def reports_routed(b):
    # cnmi auto with a modem that offers routed reports (ds=1) and accepted
    # AT+CSMS=1: each status report comes as +CDS, is committed and then
    # acknowledged with AT+CNMA. Three times more SMS than the storage has
    # slots: no report is stored, so none is read or deleted, and the storage
    # never fills.
    count = 12
    with Sim(b["sim"], "--storage-size", "4", "--report-delay-ms", "50") as sim, \
            Worker(b, {"gsm0": sim}, SEED_WORKER) as w:
        check(set(commands(sim, "AT+CNMI=2")) == {"AT+CNMI=2,1,0,1,0"}, "routed reports: %r" % commands(sim, "AT+CNMI="))
        jobs = []
        for i in range(count):
            r = w.submit(SEED_NUMBER, "routed report %02d" % i, "5EED%04X" % i)
            check(r.get("status") == "sent", "submit %d answered %r" % (i, r))
            jobs.append(r["job"])
        for job in jobs:
            w.wait_log(r"status report: modem=gsm0, to=<\+32477324847>, mr=\d+, st=0 \(delivered[^)]*\), "
                       r"job=%s, part=1\b" % re.escape(job))
        wait_until(lambda: len(commands(sim, "AT+CNMA")) == count, 10, "every report acknowledged")
        check(commands(sim, "AT+CMGR") == [] and commands(sim, "AT+CMGD") == [],
              "no report read or deleted from storage: %r" % commands(sim, "AT+CMG"))
        check(sim.records("storage") == [], "the storage empty: %r" % sim.records("storage"))
        check(w.log_count(r"storage \S+ was full|unmatched") == 0, "the storage never filled, every report matched")


@case
def routing_set_again(b):
    # A routed report not acknowledged in time: the modem refuses it to the
    # network and turns its routing off (TS 27.005 3.4.1). The worker sets
    # the routing again at its next poll, and the next report is routed.
    with Sim(b["sim"], "--report-delay-ms", "50", "--ack-timeout-ms", "0") as sim, \
            Worker(b, {"gsm0": sim}, SEED_WORKER) as w:
        r = w.submit(SEED_NUMBER, "acknowledged too late", "5EED0100")
        check(r.get("status") == "sent", "sent: %r" % r)
        # Stored instead, with no indication: the poll's sweep finds it.
        w.wait_log(r"status report: modem=gsm0, .*job=%s, part=1\b" % re.escape(r["job"]), timeout=30)
        sim.ok("set ack-timeout-ms 10000")
        before = len(commands(sim, "AT+CNMI=2,1,0,1,0"))
        wait_until(lambda: len(commands(sim, "AT+CNMI=2,1,0,1,0")) > before, 10, "the routing set again")
        acked = len(commands(sim, "AT+CNMA"))
        r = w.submit(SEED_NUMBER, "routed again", "5EED0101")
        check(r.get("status") == "sent", "sent: %r" % r)
        w.wait_log(r"status report: modem=gsm0, .*job=%s, part=1\b" % re.escape(r["job"]), timeout=30)
        wait_until(lambda: len(commands(sim, "AT+CNMA")) > acked, 10, "the second report routed and acknowledged")


def cmgs_before(sim, prefix):
    """For each AT+CMGS=, whether a command beginning with prefix came after
    the AT+CMGS before it (or from the start, for the first)."""
    seen, result = False, []
    for line in commands(sim):
        if line.upper().startswith(prefix):
            seen = True
        elif line.upper().startswith("AT+CMGS="):
            result.append(seen)
            seen = False
    return result


@case
def burst_cmms(b):
    # A long message, then (with a fresh modem) a backlog: while the first
    # job's send takes its second, four more jobs come. The driver says
    # AT+CMMS=1 before the parts and before the backlog's sends, and the
    # simulator answers a send within the burst sooner (--cmgs-burst-delay-ms).
    text = "".join("Part of a long message %03d. " % i for i in range(15))[:400]
    slow = ("--cmgs-delay-ms", "1000", "--cmgs-burst-delay-ms", "0")
    with Sim(b["sim"], *slow) as sim, Worker(b, {"gsm0": sim}) as w:
        r = w.submit(SEED_NUMBER, text, "B0057000")
        check(r.get("status") == "sent" and "3 parts" in r.get("text", ""), "long: %r" % r)
        check(cmgs_before(sim, "AT+CMMS=1") == [True, False, False], "AT+CMMS=1 before the parts: %r" % commands(sim))
        check([s["delay_ms"] for s in sent(sim)] == [1000, 0, 0], "later parts sooner: %r" % sent(sim))

    with Sim(b["sim"], *slow) as sim, Worker(b, {"gsm0": sim}) as w:
        first = w.submit_in_background(SEED_NUMBER, "burst 0", "B0057100")
        wait_until(lambda: len(commands(sim, "AT+CMGS=")) == 1, 10, "the first job's AT+CMGS")
        rest = [w.submit_in_background(SEED_NUMBER, "burst %d" % i, "B005710%d" % i) for i in range(1, 5)]
        for job in [first] + rest:
            check(job.result().get("status") == "sent", "every job sent")
        delays = [s["delay_ms"] for s in sent(sim)]
        check(delays == [1000, 0, 0, 0, 0], "the burst's later sends sooner: %r" % delays)
        check(cmgs_before(sim, "AT+CMMS=1")[:2] == [False, True], "AT+CMMS=1 before the backlog: %r" % commands(sim))


@case
def burst_cmms_refused(b):
    # A modem without AT+CMMS: asked once, every part and job still sent
    # with the modem's own delay, and asked again only after the modem was
    # initialised again.
    text = "".join("Part of a long message %03d. " % i for i in range(15))[:400]
    with Sim(b["sim"], "--no-cmms", "--cmgs-delay-ms", "100", "--cmgs-burst-delay-ms", "0") as sim, \
            Worker(b, {"gsm0": sim}) as w:
        for i in range(2):
            r = w.submit(SEED_NUMBER, text, "B0058%03d" % i)
            check(r.get("status") == "sent" and "3 parts" in r.get("text", ""), "long %d: %r" % (i, r))
        check(len(sent(sim)) == 6, "every part sent: %r" % sent(sim))
        check(all(s["delay_ms"] == 100 for s in sent(sim)), "no burst: %r" % sent(sim))
        check(commands(sim, "AT+CMMS") == ["AT+CMMS=1"], "asked once: %r" % commands(sim, "AT+CMMS"))
        w.wait_log(r"gsm0: AT\+CMMS=1 refused \(\+CMS ERROR: 303\b")
        check(w.log_count(r"B00580\d\d: .*(failed|temporary|in doubt)") == 0, "no job failed or deferred")
        # The link drops: the modem is initialised again, and asked again.
        sim.ok("drop")
        w.wait_log(r"gsm0: link tcp:\S+ open", count=2)
        wait_until(lambda: w.registered() == 1, 20, "the modem registered again")
        r = w.submit(SEED_NUMBER, text, "B0058100")
        check(r.get("status") == "sent", "long after the drop: %r" % r)
        check(commands(sim, "AT+CMMS") == ["AT+CMMS=1"] * 2, "asked again: %r" % commands(sim, "AT+CMMS"))
