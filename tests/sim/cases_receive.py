"""Receiving: storage, indications, routing with acknowledgement, and the
queue that keeps what does not fit."""

from simclient import SEED_DELIVER, SEED_NUMBER, SEED_REPORT, Sim, case, check, wait_until

OK_TEST_UD = "07CF35885E9ED301"  # TP-UDL and TP-UD of "Ok test"


@case
def incoming_list_delete(binary):
    with Sim(binary) as sim:
        at = sim.at()
        check(at.command("AT+CNMI=2,1,0,0,0") == ["OK"], "AT+CNMI")
        check(sim.ok("inject-pdu " + SEED_DELIVER) == "SMS-DELIVER", "inject the seed's PDU")
        at.expect(r'^\+CMTI: "SM",1$')
        check(at.command("AT+CMGL=0") == ["+CMGL: 1,0,,26", SEED_DELIVER, "OK"], "listed as in the seed")
        check(at.command("AT+CMGL=0") == ["OK"], "now read: not unread any more")
        check(at.command("AT+CMGL=1") == ["+CMGL: 1,1,,26", SEED_DELIVER, "OK"], "listed as read")
        check(sim.ok("inject %s Ok test" % SEED_NUMBER) == "1", "inject a text")
        at.expect(r'^\+CMTI: "SM",2$')
        lines = at.command("AT+CMGR=2")
        check(lines[0] == "+CMGR: 0,,26" and lines[1].endswith("00" + OK_TEST_UD), "AT+CMGR: %r" % lines)
        check(lines[1].startswith(SEED_DELIVER[:36]), "SMSC, first octet, originator, PID, DCS")
        stored = sim.records("storage")
        check([(s["index"], s["text"]) for s in stored] == [(1, "Ok test"), (2, "Ok test")], "storage")
        check(at.command("AT+CMGD=1") == ["OK"], "delete 1")
        check(at.command("AT+CMGR=1") == ["+CMS ERROR: 321"], "1 is empty")
        check(at.command("AT+CMGD=?") == ["+CMGD: (2),(0-4)", "OK"], "2 is left")
        check(at.command("AT+CMGD=1,1") == ["OK"], "delete all read")
        check(at.command("AT+CMGL=4") == ["OK"], "empty")
        check(sim.records("storage") == [], "nothing stored")
        check(at.command("AT+CMGD=11") == ["+CMS ERROR: 321"], "index past the storage")
        check(at.command('AT+CMGL="ALL"') == ["+CMS ERROR: 304"], "text-mode <stat>")


@case
def sr_storage(binary):
    with Sim(binary, "--sr-storage", "--first-index", "0") as sim:
        at = sim.at()
        check(at.command("AT+CPMS=?") == ['+CPMS: ("SM","ME","SR"),("SM","ME"),("SM","ME")', "OK"], "memories")
        check(at.command("AT+CNMI=2,1,0,2,0") == ["OK"], "+CDSI")
        check(sim.ok("inject-pdu " + SEED_REPORT) == "SMS-STATUS-REPORT", "inject the seed's report")
        at.expect(r'^\+CDSI: "SR",0$')
        check(at.command("AT+CMGL=4") == ["OK"], "not in SM")
        check(at.command('AT+CPMS="SR"') == ["+CPMS: 1,10,0,10,0,10", "OK"], "select SR")
        check(at.command("AT+CMGL=4") == ["+CMGL: 0,0,,25", SEED_REPORT, "OK"], "the report")
        check(at.command("AT+CPMS?") == ['+CPMS: "SR",1,10,"SM",0,10,"SM",0,10', "OK"], "AT+CPMS?")
        check(at.command('AT+CPMS="SM","SR"') == ["+CMS ERROR: 302"], "SR is read-only")
    with Sim(binary) as sim:
        at = sim.at()
        check(at.command('AT+CPMS="SR"') == ["+CMS ERROR: 302"], "no SR without --sr-storage")


@case
def storage_full(binary):
    with Sim(binary, "--storage-size", "2") as sim:
        at = sim.at()
        check(at.command("AT+CNMI=2,1,0,0,0") == ["OK"], "AT+CNMI")
        for i in range(1, 5):
            sim.ok("inject +3247000000%d message %d" % (i, i))
        at.expect(r'^\+CMTI: "SM",1$')
        at.expect(r'^\+CMTI: "SM",2$')
        at.quiet_for(0.2)
        stored = sim.records("storage")
        check([s["memory"] for s in stored] == ["SM", "SM", "queue", "queue"], "two wait: %r" % stored)
        check(at.command("AT+CPMS?")[0] == '+CPMS: "SM",2,2,"SM",2,2,"SM",2,2', "full")
        check(at.command("AT+CMGD=1") == ["OK"], "free a slot")
        at.expect(r'^\+CMTI: "SM",1$')
        check(at.command("AT+CMGD=2") == ["OK"], "free another")
        at.expect(r'^\+CMTI: "SM",2$')
        texts = sorted(s["text"] for s in sim.records("storage"))
        check(texts == ["message 3", "message 4"], "nothing lost: %r" % texts)
        sim.ok("set storage-size 5")
        check(at.command("AT+CPMS?")[0] == '+CPMS: "SM",2,5,"SM",2,5,"SM",2,5', "grown")


@case
def routed_cmt(binary):
    with Sim(binary) as sim:
        at = sim.at()
        check(at.command("AT+CSMS=1") == ["+CSMS: 1,1,1", "OK"], "phase 2+")
        check(at.command("AT+CNMI=2,2,0,1,0") == ["OK"], "route everything")
        sim.ok("inject-pdu " + SEED_DELIVER)
        at.expect(r"^\+CMT: ,26$")
        check(at.lines_until(lambda l: True) == [SEED_DELIVER], "the PDU follows")
        sim.ok("inject %s second" % SEED_NUMBER)
        at.quiet_for(0.2)  # no second +CMT before the first is acknowledged
        check(at.command("AT+CNMA") == ["OK"], "acknowledge")
        at.expect(r"^\+CMT: ,25$")
        at.lines_until(lambda l: True)
        check(at.command("AT+CNMA=0") == ["OK"], "acknowledge again")
        check(at.command("AT+CNMA") == ["+CMS ERROR: 340"], "nothing to acknowledge")
        check(sim.records("storage") == [], "routed messages are not stored")
        sim.ok("inject-pdu " + SEED_REPORT)
        at.expect(r"^\+CDS: 25$")
        check(at.lines_until(lambda l: True) == [SEED_REPORT], "the report follows")
        check(at.command("AT+CNMA=2") == ["OK"], "refuse it")
        check(sim.records("storage")[0]["type"] == "SMS-STATUS-REPORT", "refused: stored instead")


@case
def ack_timeout(binary):
    with Sim(binary, "--ack-timeout-ms", "300") as sim:
        at = sim.at()
        check(at.command("AT+CSMS=1") == ["+CSMS: 1,1,1", "OK"], "phase 2+")
        check(at.command("AT+CNMI=2,2,0,1,0") == ["OK"], "route")
        sim.ok("inject %s Ok test" % SEED_NUMBER)
        at.expect(r"^\+CMT: ,26$")
        at.lines_until(lambda l: True)  # the PDU, never acknowledged
        wait_until(lambda: len(sim.records("storage")) == 1, what="the message to be stored")
        check(sim.records("storage")[0]["memory"] == "SM", "stored, not lost")
        check(at.command("AT+CNMI?") == ["+CNMI: 2,0,0,0,0", "OK"], "TS 27.005: routing switched off")
        check(at.command("AT+CNMA") == ["+CMS ERROR: 340"], "too late")


@case
def multipart_order(binary):
    text = "".join("part%03d " % i for i in range(50))  # 400 characters: 3 parts
    with Sim(binary) as sim:
        at = sim.at()
        check(at.command("AT+CNMI=2,1,0,0,0") == ["OK"], "AT+CNMI")
        check(sim.ok("inject-parts --ref=200 %s 3,1,2 %s" % (SEED_NUMBER, text)) == "3", "three parts")
        for index in (1, 2, 3):
            at.expect(r'^\+CMTI: "SM",%d$' % index)
        stored = sim.records("storage")
        check([s["seq"] for s in stored] == [3, 1, 2], "in the order asked")
        check({(s["ref"], s["total"]) for s in stored} == {(200, 3)}, "one reference")
        joined = "".join(s["text"] for s in sorted(stored, key=lambda s: s["seq"]))
        check(joined == text, "the parts make the text")
        check(at.command("AT+CMGD=0,4") == ["OK"], "delete all")
        check(sim.ok("inject-parts --ref=1000 %s 2,2 %s" % (SEED_NUMBER, text)) == "3", "a part twice")
        stored = sim.records("storage")
        check([(s["seq"], s["ref"]) for s in stored] == [(2, 1000), (2, 1000)], "16-bit ref: %r" % stored)
        check(sim.control("inject-parts %s 4 %s" % (SEED_NUMBER, text))[-1].startswith("error"), "no part 4")
        sim.ok("inject --ucs2 --escaped %s two\\nlines" % SEED_NUMBER)
        check(sim.records("storage")[-1]["text"] == "two\nlines", "UCS-2 with a line break")


@case
def no_cnmi(binary):
    with Sim(binary, "--no-cnmi") as sim:
        at = sim.at()
        check(at.command("AT+CNMI=2,1,0,0,0") == ["+CMS ERROR: 303"], "refused")
        check(at.command("AT+CNMI=?") == ["+CMS ERROR: 303"], "not even listed")
        sim.ok("inject %s Ok test" % SEED_NUMBER)
        at.quiet_for(0.2)
        check(at.command("AT+CMGL=0")[0] == "+CMGL: 1,0,,26", "found by polling")
