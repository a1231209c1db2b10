-- Every form of an SMS recipient that Postfix routes to the SMS domain is
-- an SMS recipient. Without {rcpt_addr} (an MTA that does not send it) the
-- milter undoes the forms in the RCPT TO argument itself: a trailing dot,
-- upper case, quotes, a source route, a bang path, the percent hack. With
-- {rcpt_addr}, the address Postfix resolved decides.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "jan@elsewhere.example", "FORMS1")
    local forms = {
        "+32477324847@sms.example.com.",
        "+32477324847@SMS.EXAMPLE.COM",
        "\"+32477324847\"@sms.example.com",
        "@relay.example,@other.example:+32477324847@sms.example.com",
        "sms.example.com!+32477324847",
        "+32477324847%sms.example.com@[127.0.0.1]",
    }
    for _, form in ipairs(forms) do
        t.rcpt(conn, form, SMFIR_REPLYCODE)
        t.expect_rcpt_log("FORMS1", form, "550 5.7.1 only example.com may send SMS")
    end
    -- Not the SMS domain: none of the milter's business.
    t.rcpt(conn, "+32477324847@sms.example.com.evil.example", SMFIR_CONTINUE)
    t.rcpt(conn, "+32477324847@[192.0.2.1]", SMFIR_CONTINUE)

    -- The resolved address decides: an odd argument that Postfix routes
    -- to the SMS domain is judged as routed ...
    mt.macro(conn, SMFIC_RCPT, "{rcpt_addr}", "+32477324847@sms.example.com")
    t.rcpt(conn, "whatever", SMFIR_REPLYCODE)
    t.expect_log("FORMS1: reject: RCPT ", "to=<whatever>, routed=<+32477324847@sms.example.com>",
                 "550 5.7.1 only example.com may send SMS")
    -- ... and a percent hack Postfix routed to another host is not an SMS.
    mt.macro(conn, SMFIC_RCPT, "{rcpt_addr}", "+32477324847%sms.example.com@gw.example")
    t.rcpt(conn, "+32477324847%sms.example.com@gw.example", SMFIR_CONTINUE)
    t.data(conn, SMFIR_ACCEPT)
    mt.disconnect(conn)
end)
