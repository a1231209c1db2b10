-- A message with an empty subject and an empty body (one blank line) has
-- no text for an SMS: 550 5.6.0 at the end of the message.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "jan@example.com", "EMPTY1")
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "From", "jan@example.com" }, { "Subject", "" } }, "\r\n", SMFIR_REPLYCODE)
    if mt.eom_check(conn, MT_HDRADD, "X-SMS-Parts") then
        t.fail("X-SMS-Parts added to a refused message")
    end
    t.expect_log("EMPTY1: reject: end of message from=<jan@example.com>, sms_recipients=1, ",
                 ": 550 5.6.0 no text for an SMS in the message: ")
    mt.disconnect(conn)
end)
