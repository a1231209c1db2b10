-- SIGHUP reloads the senders table. A broken table (line 2) is refused with
-- its line number in the log and the policy in force stays: a new
-- connection still lets ps@example.com send. A good table that rejects
-- ps@example.com applies to the next connection, while a connection
-- already open keeps the policy it started with.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
local SIGHUP = 1

-- ps@example.com sends one SMS on a new connection; `want` is the reply to
-- its recipient.
local function try(qid, want)
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "ps@example.com", qid)
    t.rcpt(conn, "+32477324847" .. t.SMS, want)
    t.abort(conn)
    mt.disconnect(conn)
end

t.run(function()
    t.start()
    try("HUP1", SMFIR_CONTINUE)

    t.write_senders("ps@example.com  allow prefix=PS\n" ..
                    "@example.com    allow partz=3\n" ..
                    "default         reject\n")
    mt.signal(SIGHUP)
    t.expect_log("SIGHUP: " .. t.SENDERS .. ":2: unknown attribute 'partz'; the policy in force stays")
    try("HUP2", SMFIR_CONTINUE)
    t.expect_no_log("HUP2: reject")

    -- A connection open while the policy changes keeps the one it started with.
    local open = t.connect("203.0.113.5")

    t.write_senders("ps@example.com  reject ps may no longer send SMS\n" ..
                    "@example.com    allow\n")
    mt.signal(SIGHUP)
    t.expect_log("SIGHUP: policy reloaded from ", ": 2 senders entries; new connections use it")
    try("HUP3", SMFIR_REPLYCODE)
    t.expect_rcpt_log("HUP3", "+32477324847" .. t.SMS, "550 5.7.1 ps may no longer send SMS")
    t.expect_log("HUP3: reject: RCPT ", "senders:1: 550 5.7.1")

    t.mail(open, "ps@example.com", "HUP4")
    t.rcpt(open, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    t.data(open, SMFIR_CONTINUE)
    t.content(open, { { "Subject", "" } }, "still here\r\n", SMFIR_CONTINUE)
    t.expect_parts_header(open, "1; encoding=GSM-7")
    t.expect_log("HUP4: accept: from=<ps@example.com>, sms_recipients=1, ", "senders:1, parts=1")
    mt.disconnect(open)
end)
