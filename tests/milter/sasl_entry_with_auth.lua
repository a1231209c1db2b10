-- A client that authenticated as "boss" ({auth_authen} at MAIL FROM) is
-- decided by the entry sasl:boss whatever its envelope sender: that entry
-- allows premium-rate numbers, so +3290012345 passes, as does a mobile
-- number. The same sender without the login falls to the default reject.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "boss@elsewhere.example", "SASL1", "boss")
    t.rcpt(conn, "+3290012345" .. t.SMS, SMFIR_CONTINUE)
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "Subject", "Meeting" } }, "at ten\r\n", SMFIR_CONTINUE)
    t.expect_parts_header(conn, "1; encoding=GSM-7")
    t.expect_log("SASL1: accept: from=<boss@elsewhere.example>, sms_recipients=2, policy=", "senders:3, parts=1")
    t.expect_no_log("SASL1: reject")
    mt.disconnect(conn)

    conn = t.connect("203.0.113.5")
    t.mail(conn, "boss@elsewhere.example", "SASL2")
    t.rcpt(conn, "+3290012345" .. t.SMS, SMFIR_REPLYCODE)
    t.expect_rcpt_log("SASL2", "+3290012345" .. t.SMS, "550 5.7.1 only example.com may send SMS")
    mt.disconnect(conn)
end)
