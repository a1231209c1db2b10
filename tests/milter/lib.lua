-- lib.lua: what the miltertest cases of smsgate-milter share.
-- Loaded by each case with dofile(os.getenv("CASES") .. "/lib.lua"), whose
-- steps then run inside t.run(function() ... end).
-- run_case.sh sets DIR (configuration, senders table, socket, log) and
-- MILTER (the binary).
local t = {}

t.DIR = assert(os.getenv("DIR"), "DIR is not set (run the case with run_case.sh)")
t.MILTER = assert(os.getenv("MILTER"), "MILTER is not set")
t.SENDERS = t.DIR .. "/senders"
t.LOG = t.DIR .. "/milter.log"
t.SMS = "@sms.example.com"

local names = {
    [SMFIR_ACCEPT] = "SMFIR_ACCEPT",
    [SMFIR_CONTINUE] = "SMFIR_CONTINUE",
    [SMFIR_REJECT] = "SMFIR_REJECT",
    [SMFIR_TEMPFAIL] = "SMFIR_TEMPFAIL",
    [SMFIR_REPLYCODE] = "SMFIR_REPLYCODE",
}

local function name(reply)
    return names[reply] or string.format("reply %q", tostring(reply))
end

function t.fail(what)
    error(what, 2)
end

-- The last reply of conn must be `want`.
function t.expect(conn, want, what)
    local got = mt.getreply(conn)
    if got ~= want then
        error(what .. ": expected " .. name(want) .. ", got " .. name(got), 2)
    end
end

-- A protocol step that must go through; its reply is checked separately.
local function step(result, what)
    if result ~= nil then
        error(what .. " failed: " .. tostring(result), 3)
    end
end

-- Runs the case. miltertest ends a script that raised an error with status 1
-- but does not say why: the message is written here first.
function t.run(body)
    local ok, err = xpcall(body, function(e) return debug.traceback(tostring(e), 2) end)
    if not ok then
        io.stderr:write("FAIL: " .. tostring(err) .. "\n")
        error(err, 0)
    end
    io.stdout:write("ok\n")
end

function t.start()
    mt.startfilter(t.MILTER, "-f", "-c", t.DIR .. "/smsgate.conf")
end

-- Quotas count per clock hour (UTC): a case that needs `seconds` within
-- one hour waits for the next when fewer are left.
function t.clear_of_hour_end(seconds)
    local minute, second = os.date("!%M"), tonumber(os.date("!%S"))
    if minute == "59" and second >= 60 - seconds then
        mt.sleep(61 - second)
    end
end

-- A new SMTP connection from `ip`; the milter must let it in.
function t.connect(ip, host)
    local conn = mt.connect("unix:" .. t.DIR .. "/milter.sock", 40, 0.25)
    if conn == nil then
        error("cannot connect to the milter at " .. t.DIR .. "/milter.sock", 2)
    end
    step(mt.conninfo(conn, host or "client.example.net", ip), "conninfo " .. ip)
    t.expect(conn, SMFIR_CONTINUE, "connect from " .. ip)
    return conn
end

-- MAIL FROM with the queue id `qid` (it starts every log line of the
-- message) and, when given, the SASL login.
function t.mail(conn, sender, qid, login)
    if login then
        mt.macro(conn, SMFIC_MAIL, "i", qid, "{auth_authen}", login)
    else
        mt.macro(conn, SMFIC_MAIL, "i", qid)
    end
    step(mt.mailfrom(conn, "<" .. sender .. ">"), "MAIL FROM " .. sender)
    t.expect(conn, SMFIR_CONTINUE, "MAIL FROM:<" .. sender .. ">")
end

-- RCPT TO, whose reply must be `want`.
function t.rcpt(conn, recipient, want)
    step(mt.rcptto(conn, "<" .. recipient .. ">"), "RCPT TO " .. recipient)
    t.expect(conn, want, "RCPT TO:<" .. recipient .. ">")
end

-- DATA, whose reply must be `want`.
function t.data(conn, want)
    step(mt.data(conn), "DATA")
    t.expect(conn, want, "DATA")
end

-- Headers ({{name, value}, ...}), end of headers, the body, end of message;
-- the reply to end of message must be `want`. miltertest sends a body of
-- its own ("Dummy message body.") at end of message when the script sent
-- none: an empty body is written "\r\n", and "" is refused here.
function t.content(conn, headers, body, want)
    for _, h in ipairs(headers) do
        step(mt.header(conn, h[1], h[2]), "header " .. h[1])
        t.expect(conn, SMFIR_CONTINUE, "header " .. h[1])
    end
    step(mt.eoh(conn), "end of headers")
    t.expect(conn, SMFIR_CONTINUE, "end of headers")
    if body == "" then
        error("an empty body is \"\\r\\n\" (miltertest would send one of its own)", 2)
    end
    step(mt.bodystring(conn, body), "body")
    t.expect(conn, SMFIR_CONTINUE, "body")
    step(mt.eom(conn), "end of message")
    t.expect(conn, want, "end of message")
end

-- End of the transaction (RSET), as Postfix tells the milter.
function t.abort(conn)
    step(mt.abort(conn), "abort")
end

-- The milter accepted the message at end of message and added the header
-- X-SMS-Parts with `value`.
function t.expect_parts_header(conn, value)
    if not mt.eom_check(conn, MT_HDRADD, "X-SMS-Parts") then
        error("no X-SMS-Parts header added at end of message", 2)
    end
    local got = mt.getheader(conn, "X-SMS-Parts", 0)
    if got ~= value then
        error("X-SMS-Parts: expected " .. string.format("%q", value) .. ", got " ..
              string.format("%q", tostring(got)), 2)
    end
end

function t.read_log()
    local f = io.open(t.LOG, "r")
    if not f then
        return ""
    end
    local text = f:read("a")
    f:close()
    return text
end

-- Whether the log has a line that contains every string of `parts`
-- (plain text, in that order).
local function has_line(text, parts)
    for line in string.gmatch(text, "[^\n]+") do
        local at = 1
        local ok = true
        for _, p in ipairs(parts) do
            local s, e = string.find(line, p, at, true)
            if not s then
                ok = false
                break
            end
            at = e + 1
        end
        if ok then
            return true
        end
    end
    return false
end

-- Wait (at most about 5 s) for a log line that contains every string of
-- `parts` in order; an error names what is missing.
function t.expect_log(...)
    local parts = { ... }
    for _ = 1, 50 do
        if has_line(t.read_log(), parts) then
            return
        end
        mt.sleep(0.1)
    end
    error("no log line with: " .. table.concat(parts, " ... ") .. "\n--- log:\n" .. t.read_log(), 2)
end

-- The log has no line with all of `parts` (the milter logs a refusal before
-- it replies, so a reply already seen has its line written).
function t.expect_no_log(...)
    local parts = { ... }
    if has_line(t.read_log(), parts) then
        error("unexpected log line with: " .. table.concat(parts, " ... "), 2)
    end
end

-- The refusal of a recipient at RCPT: its log line with the queue id, the
-- recipient, and the reply "CODE DSN TEXT" (TEXT may be the start only).
function t.expect_rcpt_log(qid, recipient, reply)
    t.expect_log(qid .. ": reject: RCPT ", "to=<" .. recipient .. ">", ": " .. reply)
end

-- Write the senders table.
function t.write_senders(text)
    local tmp = t.SENDERS .. ".new"
    local f = assert(io.open(tmp, "w"))
    f:write(text)
    f:close()
    assert(os.rename(tmp, t.SENDERS))
end

return t
