-- Mail without SMS recipients is let go at DATA (SMFIR_ACCEPT), so Postfix
-- sends the milter no headers and no body: even from a sender that may not
-- send SMS. A message with one normal and one SMS recipient goes on:
-- both recipients pass and DATA continues.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "jan@elsewhere.example", "NORMAL1")
    t.rcpt(conn, "jan@example.org", SMFIR_CONTINUE)
    t.rcpt(conn, "piet@example.com", SMFIR_CONTINUE)
    t.data(conn, SMFIR_ACCEPT)

    -- The next message of the same connection.
    t.mail(conn, "jan@example.com", "NORMAL2")
    t.rcpt(conn, "jan@example.org", SMFIR_CONTINUE)
    t.data(conn, SMFIR_ACCEPT)
    mt.disconnect(conn)

    conn = t.connect("203.0.113.5")
    t.mail(conn, "jan@example.com", "MIXED1")
    t.rcpt(conn, "jan@example.org", SMFIR_CONTINUE)
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "Subject", "both" } }, "hello\r\n", SMFIR_CONTINUE)
    t.expect_parts_header(conn, "1; encoding=GSM-7")
    t.expect_log("MIXED1: accept: from=<jan@example.com>, sms_recipients=1, ")
    mt.disconnect(conn)

    t.expect_no_log("NORMAL1: ")
    t.expect_no_log("NORMAL2: ")
end)
