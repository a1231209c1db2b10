-- @example.com may address 3 SMS recipients per message (recipients=3):
-- the first three pass, the fourth is deferred with 452 4.5.3 (Postfix
-- sends it in a later transaction); a normal recipient after it still
-- passes, and the message goes on with three SMS recipients.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "jan@example.com", "RCPTS1")
    t.rcpt(conn, "+32477324841" .. t.SMS, SMFIR_CONTINUE)
    t.rcpt(conn, "+32477324842" .. t.SMS, SMFIR_CONTINUE)
    t.rcpt(conn, "+32477324843" .. t.SMS, SMFIR_CONTINUE)
    t.rcpt(conn, "+32477324844" .. t.SMS, SMFIR_REPLYCODE)
    t.expect_rcpt_log("RCPTS1", "+32477324844" .. t.SMS,
                      "452 4.5.3 too many SMS recipients: at most 3 per message; send the rest in another message")
    t.rcpt(conn, "jan@example.org", SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "Subject", "all hands" } }, "\r\n", SMFIR_CONTINUE)
    t.expect_log("RCPTS1: accept: from=<jan@example.com>, sms_recipients=3, ")
    mt.disconnect(conn)
end)
