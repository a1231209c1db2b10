-- In one transaction a refused SMS recipient does not stop the others: the
-- normal recipient and a valid SMS recipient pass, the invalid SMS
-- recipient gets 553 5.1.3, and the message goes on with one SMS recipient.
-- From a sender that may not send SMS, the SMS recipient is refused and
-- the normal one passes; with no SMS recipient left the message is let go
-- at DATA.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "jan@example.com", "MIX1")
    t.rcpt(conn, "jan@example.org", SMFIR_CONTINUE)
    t.rcpt(conn, "0477 32 48 47x" .. t.SMS, SMFIR_REPLYCODE)
    t.expect_rcpt_log("MIX1", "0477 32 48 47x" .. t.SMS, "553 5.1.3 ")
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    t.rcpt(conn, "piet@example.net", SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "Subject", "mixed" } }, "\r\n", SMFIR_CONTINUE)
    t.expect_parts_header(conn, "1; encoding=GSM-7")
    t.expect_log("MIX1: accept: from=<jan@example.com>, sms_recipients=1, ")

    t.mail(conn, "jan@elsewhere.example", "MIX2")
    t.rcpt(conn, "jan@example.org", SMFIR_CONTINUE)
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_REPLYCODE)
    t.expect_rcpt_log("MIX2", "+32477324847" .. t.SMS, "550 5.7.1 only example.com may send SMS")
    t.data(conn, SMFIR_ACCEPT)
    mt.disconnect(conn)
end)
