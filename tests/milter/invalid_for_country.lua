-- +3212 has the Belgian country code but is no valid Belgian number:
-- 553 5.1.3 naming the country.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "jan@example.com", "INV1")
    t.rcpt(conn, "+3212" .. t.SMS, SMFIR_REPLYCODE)
    t.expect_rcpt_log("INV1", "+3212" .. t.SMS, "553 5.1.3 +3212 is not a valid number for Belgium (BE)")
    mt.disconnect(conn)
end)
