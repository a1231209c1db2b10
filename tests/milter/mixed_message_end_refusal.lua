-- A message to a normal recipient and an SMS recipient, with no text for
-- an SMS: the end of the message is not refused (that would refuse the
-- normal recipient's mail too); the log says the transport will refuse
-- the SMS copy with 550 5.6.0. Without the normal recipient, the same
-- message is refused.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "jan@example.com", "MIXEND1")
    t.rcpt(conn, "boss@example.org", SMFIR_CONTINUE)
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "From", "jan@example.com" }, { "Subject", "" } }, "\r\n", SMFIR_CONTINUE)
    if mt.eom_check(conn, MT_HDRADD, "X-SMS-Parts") then
        t.fail("X-SMS-Parts added to a message whose SMS copy has no text")
    end
    t.expect_log("MIXEND1: pass: end of message from=<jan@example.com>, sms_recipients=1, ",
                 "the SMS copy will be refused by the transport (550 5.6.0 no text for an SMS",
                 "the other recipients get the mail")

    t.mail(conn, "jan@example.com", "MIXEND2")
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "From", "jan@example.com" }, { "Subject", "" } }, "\r\n", SMFIR_REPLYCODE)
    t.expect_log("MIXEND2: reject: end of message from=<jan@example.com>, sms_recipients=1, ",
                 ": 550 5.6.0 no text for an SMS in the message: ")
    mt.disconnect(conn)
end)
