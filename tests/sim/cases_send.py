"""Sending: AT+CMGS as the seed's modem did it, and everything a modem refuses."""

from simclient import (CTRL_Z, ESC, FINAL, SEED_NUMBER, SEED_SUBMIT, Sim, case, check, submit_pdu,
                       wait_until)


@case
def seed_exchange(binary):
    with Sim(binary) as sim:
        at = sim.at()
        check(at.command("AT+CMGF=0") == ["OK"], "AT+CMGF=0")
        check(sim.send_pdu(at, SEED_SUBMIT, 21) == ["+CMGS: 18", "OK"], "seed send")
        sent = sim.records("sent")
        check(len(sent) == 1, "one message sent")
        record = sent[0]
        expected = {"n": 1, "mr": 18, "length": 21, "pdu": SEED_SUBMIT, "to": SEED_NUMBER,
                    "text": "PS test", "srr": True, "link": "tcp", "alphabet": "gsm7"}
        for key, value in expected.items():
            check(record[key] == value, "sent %s: %r, not %r" % (key, record[key], value))
        check(record["time"].endswith("Z"), "time in UTC")
        check(sim.send_pdu(at, SEED_SUBMIT, 21) == ["+CMGS: 19", "OK"], "MR increases")
    with Sim(binary, "--initial-mr", "255") as sim:
        at = sim.at()
        check(sim.send_pdu(at, SEED_SUBMIT, 21) == ["+CMGS: 255", "OK"], "MR 255")
        check(sim.send_pdu(at, SEED_SUBMIT, 21) == ["+CMGS: 0", "OK"], "MR wraps to 0")


@case
def wrong_length(binary):
    with Sim(binary) as sim:
        at = sim.at()
        for length in (20, 22):
            check(sim.send_pdu(at, SEED_SUBMIT, length) == ["+CMS ERROR: 304"], "length %d" % length)
        check(at.command("AT+CMGS=0") == ["+CMS ERROR: 304"], "a length no TPDU has")
        check(at.command("AT+CMGS") == ["ERROR"], "no length")
        # Without an SMSC address (00) the length is the same.
        check(sim.send_pdu(at, "00" + SEED_SUBMIT[16:], 21) == ["+CMGS: 18", "OK"], "SMSC from AT+CSCA")
        check(len(sim.records("sent")) == 1, "only the good one sent")


@case
def not_a_submit(binary):
    with Sim(binary) as sim:
        at = sim.at()
        deliver = "07912374151616F6040B912374374248F700007011916105334007CF35885E9ED301"
        bad = [
            (deliver, 26, "an SMS-DELIVER"),
            (SEED_SUBMIT[:-2] + "ZZ", 21, "not hex"),
            (SEED_SUBMIT + "00", 22, "an octet after the user data"),
            (SEED_SUBMIT[:-2], 20, "user data cut short"),
        ]
        for pdu, length, what in bad:
            check(sim.send_pdu(at, pdu, length) == ["+CMS ERROR: 304"], what)
        check(at.command("AT+CSCA=\"\"") == ["OK"], "clear the SMSC")
        check(sim.send_pdu(at, "00" + SEED_SUBMIT[16:], 21) == ["+CMS ERROR: 330"], "no SMSC anywhere")
        check(sim.records("sent") == [], "nothing sent")


@case
def escape_cancels(binary):
    with Sim(binary) as sim:
        at = sim.at()
        check(at.command("AT+CMGS=21")[-1] == ">", "prompt")
        at.send(SEED_SUBMIT.encode() + ESC)
        check(at.lines_until(FINAL.match) == ["OK"], "ESC answers OK")
        check(at.command("AT") == ["OK"], "back in command mode")
        check(sim.records("sent") == [], "nothing sent")


@case
def cms_error(binary):
    other, other_length = submit_pdu("+32470000001", "hello")
    with Sim(binary, "--cms-error", SEED_NUMBER + "=21", "--cmgs-delay-ms", "50") as sim:
        at = sim.at()
        check(sim.send_pdu(at, SEED_SUBMIT, 21) == ["+CMS ERROR: 21"], "configured error")
        check(sim.send_pdu(at, other, other_length) == ["+CMGS: 19", "OK"],
              "another number goes; the refused one used MR 18")
        sim.ok("set cms-error +32470000001 500")
        check(sim.send_pdu(at, other, other_length) == ["+CMS ERROR: 500"], "set at run time")
        sim.ok("set cms-error " + SEED_NUMBER + " none")
        check(sim.send_pdu(at, SEED_SUBMIT, 21) == ["+CMGS: 21", "OK"], "error removed")
        check([r["to"] for r in sim.records("sent")] == ["+32470000001", SEED_NUMBER], "what was sent")


@case
def status_report(binary):
    with Sim(binary, "--report-delay-ms", "20", "--report-status-for", "+32470000002=0x46") as sim:
        at = sim.at()
        check(at.command("AT+CNMI=2,1,0,1,0") == ["OK"], "+CDS routing")
        check(sim.send_pdu(at, SEED_SUBMIT, 21) == ["+CMGS: 18", "OK"], "seed send")
        lines = at.expect(r"^\+CDS: 25$")
        pdu = at.lines_until(lambda l: True)[0]
        check(pdu.startswith("07912374151616F606120B912374374248F7"), "report for MR 18: " + pdu)
        check(pdu.endswith("00") and len(pdu) == 2 * 33, "TP-ST 0 delivered: " + pdu)
        failing, length = submit_pdu("+32470000002", "x", srr=True)
        check(sim.send_pdu(at, failing, length) == ["+CMGS: 19", "OK"], "second send")
        at.expect(r"^\+CDS: 25$")
        check(at.lines_until(lambda l: True)[0].endswith("46"), "TP-ST from --report-status-for")
        no_report, length = submit_pdu("+32470000003", "x", srr=False)
        check(sim.send_pdu(at, no_report, length) == ["+CMGS: 20", "OK"], "third send")
        sim.ok("report 18 0x45")
        at.expect(r"^\+CDS: 25$")
        again = at.lines_until(lambda l: True)[0]
        check(again.startswith(pdu[:36]) and again.endswith("45"), "report on request")
        check(at.command("AT+CMGL=4") == ["OK"], "routed reports are not stored")
    with Sim(binary, "--report-delay-ms", "0", "--pad-status-reports") as sim:
        at = sim.at()
        check(sim.send_pdu(at, SEED_SUBMIT, 21) == ["+CMGS: 18", "OK"], "seed send")
        wait_until(lambda: len(sim.records("storage")) == 1, what="the report to be stored")
        lines = at.command("AT+CMGL=4")
        check(lines[0] == "+CMGL: 1,0,,167", "seed-like SIM record: " + lines[0])
        check(len(lines[1]) == 350 and lines[1].endswith("FF" * 142), "padded to 175 octets")


@case
def urc_in_response(binary):
    with Sim(binary, "--urc-in-response", "--cmgs-delay-ms", "300") as sim:
        at = sim.at()
        check(at.command("AT+CNMI=2,1,0,0,0") == ["OK"], "+CMTI")
        check(at.command("AT+CMGS=21")[-1] == ">", "prompt")
        at.send(SEED_SUBMIT.encode() + CTRL_Z)
        sim.ok("inject %s Ok test" % SEED_NUMBER)  # arrives while the modem sends
        lines = at.lines_until(FINAL.match)
        check(lines == ["^RSSI:24", "+CMGS: 18", '+CMTI: "SM",1', "OK"], "lines inside: %r" % lines)
        sim.ok("inject %s second" % SEED_NUMBER)
        at.expect(r'^\+CMTI: "SM",2$')
        lines = at.command("AT+CMGL=4")
        check(len(lines) == 6 and lines[2] == "^RSSI:24", "noise inside +CMGL: %r" % lines)


@case
def prompt_delay(binary):
    import time
    with Sim(binary, "--prompt-delay-ms", "300") as sim:
        at = sim.at()
        started = time.monotonic()
        check(at.command("AT+CMGS=21")[-1] == ">", "prompt")
        check(time.monotonic() - started >= 0.28, "the prompt came too early")
        at.send(SEED_SUBMIT.encode() + CTRL_Z)
        check(at.lines_until(FINAL.match) == ["+CMGS: 18", "OK"], "sent after the prompt")
        # A driver that does not wait for the prompt loses its PDU.
        at.send(b"AT+CMGS=21\r" + SEED_SUBMIT.encode() + CTRL_Z)
        check(at.lines_until(FINAL.match) == [">"], "prompt")
        at.send(ESC)
        check(at.lines_until(FINAL.match) == ["OK"], "ESC")
        check(len(sim.records("sent")) == 1, "the early PDU was not sent")


@case
def cmms_burst(binary):
    # AT+CMMS (TS 27.005 3.5.6): a send right after another, with the mode
    # on, is answered after the burst delay; mode 1 lapses by itself, 2 not.
    with Sim(binary, "--cmgs-delay-ms", "200", "--cmgs-burst-delay-ms", "0", "--cmms-idle-ms", "1500") as sim:
        at = sim.at()
        check(at.command("AT+CMMS=?") == ["+CMMS: (0-2)", "OK"], "AT+CMMS=?")
        check(at.command("AT+CMMS?") == ["+CMMS: 0", "OK"], "off at first")
        check(at.command("AT+CMMS=3") == ["ERROR"], "no mode 3")
        for _ in range(2):
            check(sim.send_pdu(at, SEED_SUBMIT, 21)[-1] == "OK", "sent without AT+CMMS")
        check(at.command("AT+CMMS=1") == ["OK"], "AT+CMMS=1")
        for _ in range(2):
            check(sim.send_pdu(at, SEED_SUBMIT, 21)[-1] == "OK", "sent in a burst")
        wait_until(lambda: at.command("AT+CMMS?") == ["+CMMS: 0", "OK"], 10, "mode 1 lapsed")
        check(sim.send_pdu(at, SEED_SUBMIT, 21)[-1] == "OK", "sent after the lapse")
        check(at.command("AT+CMMS=2") == ["OK"], "AT+CMMS=2")
        check(sim.send_pdu(at, SEED_SUBMIT, 21)[-1] == "OK", "sent with mode 2")
        check(at.command("AT+CMMS?") == ["+CMMS: 2", "OK"], "mode 2 stays")
        delays = [s["delay_ms"] for s in sim.records("sent")]
        check(delays == [200, 200, 0, 0, 200, 0], "burst delays: %r" % delays)
    with Sim(binary, "--no-cmms") as sim:
        at = sim.at()
        check(at.command("AT+CMMS=1") == ["+CMS ERROR: 303"], "not supported")
        check(sim.send_pdu(at, SEED_SUBMIT, 21)[-1] == "OK", "sends as before")
