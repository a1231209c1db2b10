-- A premium-rate number is not among the default types (mobile,
-- fixed_line_or_mobile): 550 5.7.1 for a sender of @example.com, while its
-- mobile recipient in the same message passes.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "jan@example.com", "PREM1")
    t.rcpt(conn, "+3290012345" .. t.SMS, SMFIR_REPLYCODE)
    t.expect_rcpt_log("PREM1", "+3290012345" .. t.SMS,
                      "550 5.7.1 +3290012345 is a premium-rate number; SMS to it are not allowed")
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "Subject", "hi" } }, "\r\n", SMFIR_CONTINUE)
    t.expect_log("PREM1: accept: from=<jan@example.com>, sms_recipients=1, ")
    mt.disconnect(conn)
end)
