-- @nl.example.com may send to the Netherlands only (destinations=NL): a
-- Belgian number gets 550 5.7.1 naming what is allowed; a Dutch mobile
-- number passes.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "piet@nl.example.com", "NL1")
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_REPLYCODE)
    t.expect_rcpt_log("NL1", "+32477324847" .. t.SMS,
                      "550 5.7.1 SMS to +32477324847 are not allowed for this sender (allowed: NL)")
    t.expect_log("NL1: reject: RCPT ", "senders:5: 550 5.7.1")
    t.rcpt(conn, "+31612345678" .. t.SMS, SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "Subject", "hallo" } }, "\r\n", SMFIR_CONTINUE)
    t.expect_log("NL1: accept: from=<piet@nl.example.com>, sms_recipients=1, ")
    mt.disconnect(conn)
end)
