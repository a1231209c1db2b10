-- SIGTERM stops the milter at once, also while an SMTP client keeps its
-- connection open and idle (Postfix holds one per SMTP session): the
-- process is gone well within 5 s, having logged that it stopped.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
local SIGTERM = 15

-- The milter's process id, from its "started" log line.
local function milter_pid()
    t.expect_log("]: started: socket ")
    local pid = string.match(t.read_log(), "smsgate%-milter%[(%d+)%]: started:")
    if not pid then
        error("no process id in the log:\n" .. t.read_log(), 2)
    end
    return pid
end

local function alive(pid)
    -- kill -0 fails once the process is gone; a zombie is gone for this
    -- purpose, since miltertest reaps it only when the script ends.
    local status = io.open("/proc/" .. pid .. "/stat", "r")
    if not status then
        return false
    end
    local stat = status:read("a")
    status:close()
    return not string.match(stat, "^%d+ %b() Z")
end

t.run(function()
    t.start()
    local pid = milter_pid()
    local idle = t.connect("203.0.113.5")
    t.mail(idle, "ps@example.com", "STOP1")
    t.rcpt(idle, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    mt.signal(SIGTERM)
    t.expect_log("stopping on signal 15")
    for _ = 1, 50 do
        if not alive(pid) then
            break
        end
        mt.sleep(0.1)
    end
    if alive(pid) then
        error("smsgate-milter still runs 5 s after SIGTERM\n--- log:\n" .. t.read_log())
    end
    t.expect_log("stopped")
end)
