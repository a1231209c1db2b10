-- A short code (8500, valid only within Belgium) is refused with a 5xx
-- reply. For a sender whose types do not include short_code it is a type
-- that is not allowed: 550 5.7.1. Even for one whose entry allows
-- short_code (sasl:boss) the milter refuses it, since the modems send to
-- international numbers only: 550 5.3.3.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "jan@example.com", "SHORT1")
    t.rcpt(conn, "8500" .. t.SMS, SMFIR_REPLYCODE)
    t.expect_rcpt_log("SHORT1", "8500" .. t.SMS, "550 5.7.1 8500 is a short code; SMS to it are not allowed")
    t.abort(conn)

    t.mail(conn, "boss@elsewhere.example", "SHORT2", "boss")
    t.rcpt(conn, "8500" .. t.SMS, SMFIR_REPLYCODE)
    t.expect_rcpt_log("SHORT2", "8500" .. t.SMS,
                      "550 5.3.3 8500 is a short code; this gateway sends SMS to international numbers only")
    t.abort(conn)
    mt.disconnect(conn)
end)
