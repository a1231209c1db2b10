"""The modem's state and faults: silence, registration, SIM PIN, echo,
command syntax."""

from simclient import SEED_SUBMIT, Sim, case, check


@case
def silent(binary):
    with Sim(binary, "--cmgs-delay-ms", "300") as sim:
        at = sim.at()
        sim.ok("set silent on")
        at.send("AT\r")
        at.quiet_for(0.3)
        check(sim.records("commands")[-1] == {"n": 2, "link": "tcp", "line": "AT", "ignored": True},
              "the command arrived and was ignored")
        sim.ok("set silent off")
        check(at.command("AT") == ["OK"], "answers again")
        # Silence that begins while a message is being sent: it is sent, the
        # answer is lost (the driver cannot know; the log knows).
        check(at.command("AT+CMGS=21")[-1] == ">", "prompt")
        at.send(SEED_SUBMIT + "\x1a")
        sim.ok("set silent on")
        at.quiet_for(0.5)
        check(len(sim.records("sent")) == 1, "sent anyway")
    with Sim(binary, "--silent") as sim:
        at = sim.at(echo_off=False)
        at.send("ATE0\r")
        at.quiet_for(0.2)


@case
def registration(binary):
    with Sim(binary, "--no-registration", "--operator", "Proximus") as sim:
        at = sim.at()
        check(at.command("AT+CREG?") == ["+CREG: 0,0", "OK"], "not registered")
        check(at.command("AT+COPS?") == ["+COPS: 0", "OK"], "no operator")
        check(sim.send_pdu(at, SEED_SUBMIT, 21) == ["+CMS ERROR: 331"], "no network service")
        check(at.command("AT+CREG=2;+CEREG=1") == ["OK"], "registration URCs on")
        sim.ok("set registration roaming")
        at.expect(r'^\+CREG: 5,"1A2B","00C0FFEE"$')
        at.expect(r"^\+CEREG: 5$")
        check(at.command("AT+COPS?") == ['+COPS: 0,0,"Proximus",0', "OK"], "operator")
        check(at.command("AT+COPS=3,2;+COPS?") == ['+COPS: 0,2,"20601",0', "OK"], "numeric")
        check(sim.send_pdu(at, SEED_SUBMIT, 21) == ["+CMGS: 18", "OK"], "sends when roaming")
        sim.ok("set registration off")
        at.expect(r"^\+CREG: 0$")
    with Sim(binary, "--register-delay-ms", "300") as sim:
        at = sim.at()
        check(at.command("AT+CREG?") == ["+CREG: 0,2", "OK"], "searching after power-on")
        check(at.command("AT+CREG=1") == ["OK"], "URCs on")
        at.expect(r"^\+CREG: 1$")


@case
def sim_pin(binary):
    with Sim(binary, "--sim-pin", "1234") as sim:
        at = sim.at()
        check(at.command("AT+CPIN?") == ["+CPIN: SIM PIN", "OK"], "PIN asked")
        check(at.command("AT+CMGL=4") == ["+CMS ERROR: 311"], "SMS commands refused")
        check(at.command("AT+CIMI") == ["ERROR"], "+CMEE=0: plain ERROR")
        check(at.command("AT+CMEE=1;+CIMI") == ["+CME ERROR: 11"], "+CMEE=1: numeric")
        check(at.command('AT+CPIN="0000"') == ["+CME ERROR: 16"], "wrong PIN")
        check(at.command("AT+CMEE=2") == ["OK"], "verbose errors")
        check(at.command('AT+CPIN="0000"') == ["+CME ERROR: incorrect password"], "verbose +CME")
        check(at.command('AT+CPIN="1234"') == ["OK"], "right PIN")
        check(at.command("AT+CPIN?;+CREG?") == ["+CPIN: READY", "+CREG: 0,1", "OK"], "ready and registered")
        check(at.command("AT+CIMI") == ["206011234567890", "OK"], "IMSI readable")
        check(at.command('AT+CPIN="1234"') == ["+CME ERROR: operation not allowed"], "no PIN asked now")
        sim.ok("drop reset")
        at.wait_eof()
        at = sim.at()
        check(at.command("AT+CPIN?") == ["+CPIN: SIM PIN", "OK"], "a power cycle asks again")


@case
def echo_and_chaining(binary):
    with Sim(binary) as sim:
        at = sim.at(echo_off=False)
        check(at.command("AT") == ["AT", "OK"], "echo is on after power-on")
        check(at.command("ATE0") == ["ATE0", "OK"], "ATE0 is still echoed")
        check(at.command("AT") == ["OK"], "no echo")
        check(at.command("at+cmgf=0;+CNMI=2,1,0,0,0;+csq") == ["+CSQ: 24,99", "OK"], "chained, any case")
        check(at.command("AT+CMGF?;+CNMI?") == ["+CMGF: 0", "+CNMI: 2,1,0,0,0", "OK"], "read back")
        check(at.command("AT+CMGF=1") == ["ERROR"], "PDU mode only")
        check(at.command("AT+FOO") == ["ERROR"], "unknown command")
        check(at.command("AT+CSQ;+FOO;+CSQ") == ["+CSQ: 24,99", "ERROR"], "stops at the first error")
        check(at.command("ATI") == ["smsgate", "modem-sim", "Revision: 1.0", "OK"], "ATI")
        check(at.command("AT+CGMI;+CGSN") == ["smsgate", "356938035643809", "OK"], "identity")
        at.send("hello\r")
        at.quiet_for(0.2)  # not a command: no answer
        check(at.command("ATZ") == ["OK"], "ATZ")
        check(at.command("AT+CNMI?") == ["AT+CNMI?", "+CNMI: 0,0,0,0,0", "OK"], "profile restored, echo on")
        sim.ok("set echo off")
        check(at.command("AT+CMEE=2;+CMGR=1") == ["+CMS ERROR: invalid memory index"], "verbose +CMS")
        lines = [c["line"] for c in sim.records("commands")]
        check(lines[:3] == ["AT", "ATE0", "AT"] and "hello" in lines, "commands recorded: %r" % lines)
