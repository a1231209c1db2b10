-- A sender that no entry of the senders table matches (not an address of
-- it, not a login, not a listed client network) falls to the default entry,
-- a reject with a text: its SMS recipients get 550 5.7.1 with that text.
-- The same sender's mail to other domains still passes.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    t.start()
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "jan@elsewhere.example", "UNKN1")
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_REPLYCODE)
    t.expect_rcpt_log("UNKN1", "+32477324847" .. t.SMS, "550 5.7.1 only example.com may send SMS")
    t.expect_log("UNKN1: reject: RCPT from=<jan@elsewhere.example>, ", "client=203.0.113.5, policy=",
                 "senders:9: 550 5.7.1 only example.com may send SMS")
    t.rcpt(conn, "jan@example.org", SMFIR_CONTINUE)
    t.data(conn, SMFIR_ACCEPT)
    mt.disconnect(conn)
end)
