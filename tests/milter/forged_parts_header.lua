-- Only the gateway says how many parts: an X-SMS-Parts header the sender
-- wrote is removed (a header change with no value) and the milter's own
-- is added.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "jan@example.com", "FORGE1")
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "Subject", "hi" }, { "X-SMS-Parts", "0; encoding=UCS-2" } }, "short\r\n", SMFIR_CONTINUE)
    if not mt.eom_check(conn, MT_HDRCHANGE, "X-SMS-Parts") then
        t.fail("the sender's X-SMS-Parts header was not removed")
    end
    if mt.eom_check(conn, MT_HDRCHANGE, "X-SMS-Parts", "0; encoding=UCS-2") then
        t.fail("the sender's X-SMS-Parts header was kept")
    end
    t.expect_parts_header(conn, "1; encoding=GSM-7")
    mt.disconnect(conn)
end)
