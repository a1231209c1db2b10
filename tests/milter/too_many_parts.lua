-- ps@example.com may send 2 parts per message (parts=2): "PS " and a
-- 400-character text need 3 GSM 7-bit parts, refused at the end of the
-- message with 552 5.3.4, and the reply says how many and the limit.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "ps@example.com", "PARTS1")
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "Subject", "" } }, string.rep("abcdefghi ", 40) .. "\r\n", SMFIR_REPLYCODE)
    if mt.eom_check(conn, MT_HDRADD, "X-SMS-Parts") then
        t.fail("X-SMS-Parts added to a refused message")
    end
    t.expect_log("PARTS1: reject: end of message from=<ps@example.com>, sms_recipients=1, policy=",
                 "senders:1: 552 5.3.4 the message needs 3 SMS parts (GSM 7-bit), at most 2 are allowed")
    mt.disconnect(conn)
end)
