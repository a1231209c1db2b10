-- @auth.example.com requires SMTP AUTH (auth=yes): without a login its SMS
-- recipient gets 530 5.7.0; the same sender after authenticating (any
-- login: "jan" has no entry of its own, the address entry decides) passes.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "jan@auth.example.com", "AUTH1")
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_REPLYCODE)
    t.expect_rcpt_log("AUTH1", "+32477324847" .. t.SMS,
                      "530 5.7.0 sender jan@auth.example.com must authenticate (SMTP AUTH) to send SMS")
    t.expect_log("AUTH1: reject: RCPT ", "policy=", "senders:4: 530 5.7.0")
    t.abort(conn)
    mt.disconnect(conn)

    conn = t.connect("203.0.113.5")
    t.mail(conn, "jan@auth.example.com", "AUTH2", "jan")
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "Subject", "hello" } }, "\r\n", SMFIR_CONTINUE)
    t.expect_parts_header(conn, "1; encoding=GSM-7")
    t.expect_log("AUTH2: accept: from=<jan@auth.example.com>, sms_recipients=1, policy=", "senders:4, ")
    t.expect_no_log("AUTH2: reject")
    mt.disconnect(conn)
end)
