-- quota@example.com may have 2 SMS recipients per hour (quota=2/hour): two
-- messages of one recipient each are accepted through the end of the
-- message (that is when they count), the third message's recipient is
-- deferred with 450 4.7.1.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.clear_of_hour_end(20)
    t.start()
    local conn = t.connect("203.0.113.5")
    for i = 1, 2 do
        local qid = "QUOTA" .. i
        t.mail(conn, "quota@example.com", qid)
        t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
        t.data(conn, SMFIR_CONTINUE)
        t.content(conn, { { "Subject", "message " .. i } }, "\r\n", SMFIR_CONTINUE)
        t.expect_parts_header(conn, "1; encoding=GSM-7")
        t.expect_log(qid .. ": accept: from=<quota@example.com>, sms_recipients=1, policy=", "senders:6, ")
    end
    t.mail(conn, "quota@example.com", "QUOTA3")
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_REPLYCODE)
    t.expect_rcpt_log("QUOTA3", "+32477324847" .. t.SMS,
                      "450 4.7.1 quota of 2 SMS per hour used up (2 sent since ")
    t.expect_log("QUOTA3: reject: RCPT ", "450 4.7.1 quota of 2 SMS per hour used up (2 sent since ",
                 " UTC); try again after ", " UTC")
    mt.disconnect(conn)
end)
