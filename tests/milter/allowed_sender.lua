-- The seed case: ps@example.com sends "test" to a Belgian mobile number.
-- Every step continues, and at the end of the message the milter adds
-- X-SMS-Parts "1; encoding=GSM-7" ("PS test" fits one GSM 7-bit part).
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("198.51.100.20")
    t.mail(conn, "ps@example.com", "ALLOW1")
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "From", "ps@example.com" }, { "Subject", "" } }, "test\r\n", SMFIR_CONTINUE)
    t.expect_parts_header(conn, "1; encoding=GSM-7")
    t.expect_log("ALLOW1: accept: from=<ps@example.com>, sms_recipients=1, policy=",
                 "senders:1, parts=1; encoding=GSM-7")
    t.expect_no_log("ALLOW1: reject")
    mt.disconnect(conn)
end)
