-- A reload (SIGHUP) that names another quota database: the counts of the
-- old file reach the old file, the next connection counts in the new one,
-- and a further reload, once no connection holds the old file's counts,
-- stops its writer (in the main loop, not in a callback) and says so.
local t = dofile(os.getenv("CASES") .. "/lib.lua")

local SIGHUP = 1
local HELPER = "python3 '" .. os.getenv("CASES") .. "/quota_db.py'"

local function counted(db, qid)
    local p = assert(io.popen(HELPER .. " count '" .. db .. "' quota@example.com " .. qid))
    local out = p:read("a")
    p:close()
    return out:match("^(%d+) (%d+)")
end

-- Waits (at most about 30 s) for SENT SMS and MARKS marks of qid in db.
local function expect_counted(db, qid, sent, marks)
    local got_sent, got_marks
    for _ = 1, 300 do
        got_sent, got_marks = counted(db, qid)
        if got_sent == sent and got_marks == marks then
            return
        end
        mt.sleep(0.1)
    end
    error(db .. ": expected " .. sent .. " SMS and " .. marks .. " marks for " .. qid .. ", got " ..
          tostring(got_sent) .. " and " .. tostring(got_marks), 2)
end

local function send(qid)
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "quota@example.com", qid)
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "Subject", qid } }, "\r\n", SMFIR_CONTINUE)
    t.expect_parts_header(conn, "1; encoding=GSM-7")
    mt.disconnect(conn)
end

-- Waits (at most about 5 s) for the log to hold n lines with text.
local function expect_log_lines(text, n)
    local got = 0
    for _ = 1, 50 do
        got = 0
        for line in string.gmatch(t.read_log(), "[^\n]+") do
            if string.find(line, text, 1, true) then
                got = got + 1
            end
        end
        if got >= n then
            return
        end
        mt.sleep(0.1)
    end
    error("expected " .. n .. " log lines with " .. text .. ", got " .. got .. "\n--- log:\n" .. t.read_log(), 2)
end

local function use_database(name)
    local conf = t.DIR .. "/smsgate.conf"
    local f = assert(io.open(conf, "r"))
    local text = f:read("a")
    f:close()
    text = text:gsub("quota_database = [^\n]*", "quota_database = " .. t.DIR .. "/" .. name)
    f = assert(io.open(conf .. ".new", "w"))
    f:write(text)
    f:close()
    assert(os.rename(conf .. ".new", conf))
end

t.run(function()
    t.clear_of_hour_end(40)
    t.start()
    send("FIRST1")
    expect_counted(t.DIR .. "/quota.db", "FIRST1", "1", "1")

    use_database("quota2.db")
    mt.signal(SIGHUP)
    t.expect_log("SIGHUP: quota database " .. t.DIR .. "/quota2.db opened")
    send("SECOND1")
    expect_counted(t.DIR .. "/quota2.db", "SECOND1", "1", "1")
    expect_counted(t.DIR .. "/quota.db", "SECOND1", "1", "0") -- the old file: FIRST1's SMS only

    -- Another reload: the old file's writer, held by no connection, stops.
    mt.signal(SIGHUP)
    expect_log_lines("SIGHUP: policy reloaded from ", 2)
    t.expect_log("SIGHUP: quota database " .. t.DIR .. "/quota.db closed")
    send("THIRD1")
    expect_counted(t.DIR .. "/quota2.db", "THIRD1", "2", "1")
end)
