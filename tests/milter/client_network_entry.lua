-- A sender without an entry of its own is decided by the client network:
-- from 192.0.2.7 (192.0.2.0/24 allow parts=1) it may send; from
-- 198.51.100.1 (no entry) it gets the default reject, 550 5.7.1.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("192.0.2.7")
    t.mail(conn, "printer@elsewhere.example", "NET1")
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "Subject", "toner low" } }, "\r\n", SMFIR_CONTINUE)
    t.expect_parts_header(conn, "1; encoding=GSM-7")
    t.expect_log("NET1: accept: from=<printer@elsewhere.example>, sms_recipients=1, policy=", "senders:7, ")
    mt.disconnect(conn)

    conn = t.connect("198.51.100.1")
    t.mail(conn, "printer@elsewhere.example", "NET2")
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_REPLYCODE)
    t.expect_rcpt_log("NET2", "+32477324847" .. t.SMS, "550 5.7.1 only example.com may send SMS")
    t.expect_log("NET2: reject: RCPT ", "client=198.51.100.1, ", "senders:9: ")
    mt.disconnect(conn)
end)
