-- Another process holds the write lock of the quota database (a SQLite
-- connection in BEGIN EXCLUSIVE, as a transport's claim() or a stuck peer
-- would). quota@example.com (quota=2/hour) sends a message of one SMS
-- recipient: RCPT TO and the end of message are answered while the lock is
-- still held (the holder lets go only after it saw the answers: no
-- callback waits on SQLite), and the count, with the queue id's mark that
-- smsgate-transport reads, reaches the database once the lock is free.
local t = dofile(os.getenv("CASES") .. "/lib.lua")

local DB = t.DIR .. "/quota.db"
local HELPER = "python3 '" .. os.getenv("CASES") .. "/quota_db.py'"

local function exists(path)
    local f = io.open(path, "r")
    if f then
        f:close()
        return true
    end
    return false
end

-- Waits (at most about 30 s) for a file, or fails naming it.
local function wait_for(path, what)
    for _ = 1, 300 do
        if exists(path) then
            return
        end
        mt.sleep(0.1)
    end
    error(what .. ": " .. path .. " never appeared", 2)
end

local function counted(qid)
    local p = assert(io.popen(HELPER .. " count '" .. DB .. "' quota@example.com " .. qid))
    local out = p:read("a")
    p:close()
    return out:match("^(%d+) (%d+)")
end

t.run(function()
    t.clear_of_hour_end(40)
    t.start()
    local conn = t.connect("203.0.113.5")
    os.execute(HELPER .. " hold '" .. DB .. "' '" .. t.DIR .. "' >'" .. t.DIR .. "/holder.log' 2>&1 &")
    wait_for(t.DIR .. "/locked", "the lock holder")

    t.mail(conn, "quota@example.com", "LOCKED1")
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "Subject", "while the book is locked" } }, "\r\n", SMFIR_CONTINUE)
    t.expect_parts_header(conn, "1; encoding=GSM-7")
    if exists(t.DIR .. "/released") then
        error("the lock was given up before the milter answered: nothing was shown")
    end
    local f = assert(io.open(t.DIR .. "/answered", "w"))
    f:close()
    wait_for(t.DIR .. "/released", "the lock holder")
    t.expect_log("LOCKED1: accept: from=<quota@example.com>, sms_recipients=1, policy=", "senders:6, ")
    mt.disconnect(conn)

    -- The count reaches the book once the lock is free (the writer tries again).
    local sent, marks
    for _ = 1, 300 do
        sent, marks = counted("LOCKED1")
        if sent == "1" and marks == "1" then
            break
        end
        mt.sleep(0.1)
    end
    if sent ~= "1" or marks ~= "1" then
        error("quota database: expected 1 SMS and 1 mark for LOCKED1, got " .. tostring(sent) .. " and " ..
              tostring(marks) .. "\n--- log:\n" .. t.read_log())
    end
end)
