-- mail_refusals.lua: each mail of MAILS (blank-separated paths) through
-- smsgate-milter with miltertest, as Postfix would pass it (headers one by
-- one, the body with CRLF line ends, binary octets and all); each must be
-- refused at end of message. mail_refusals.sh then compares the milter's
-- log lines with the transport's answers.
-- Environment: DIR (configuration, socket, log), MILTER (the binary), MAILS.
local dir = assert(os.getenv("DIR"))
local milter = assert(os.getenv("MILTER"))
local mails = assert(os.getenv("MAILS"))

local function check(result, what)
    if result ~= nil then
        error(what .. " failed: " .. tostring(result), 2)
    end
end

local function expect(conn, want, what)
    local got = mt.getreply(conn)
    if got ~= want then
        error(what .. ": expected reply " .. tostring(want) .. ", got " .. tostring(got), 2)
    end
end

-- Header fields (name, value with its folds) and the body of a mail file.
local function split(raw)
    local cut = raw:find("\n\n", 1, true)
    local head = cut and raw:sub(1, cut) or raw
    local body = cut and raw:sub(cut + 2) or ""
    local headers = {}
    for line in head:gmatch("[^\n]+") do
        if line:match("^[ \t]") and #headers > 0 then
            headers[#headers][2] = headers[#headers][2] .. "\n" .. line
        else
            local name, value = line:match("^([^:]+):[ \t]?(.*)$")
            if name then
                headers[#headers + 1] = { name, value }
            end
        end
    end
    return headers, body
end

local ok, err = xpcall(function()
    mt.startfilter(milter, "-f", "-c", dir .. "/smsgate.conf")
    local n = 0
    for path in mails:gmatch("%S+") do
        n = n + 1
        local f = assert(io.open(path, "rb"))
        local headers, body = split(f:read("a"))
        f:close()
        local bodyfile = dir .. "/body"
        local out = assert(io.open(bodyfile, "wb"))
        out:write((body:gsub("\r?\n", "\r\n")))
        out:close()

        local conn = mt.connect("unix:" .. dir .. "/milter.sock", 40, 0.25)
        if conn == nil then
            error("cannot connect to the milter")
        end
        check(mt.conninfo(conn, "client.example.net", "203.0.113.5"), "conninfo")
        expect(conn, SMFIR_CONTINUE, "connect")
        mt.macro(conn, SMFIC_MAIL, "i", string.format("REFUSE%d", n))
        check(mt.mailfrom(conn, "<jan@example.com>"), "MAIL FROM")
        expect(conn, SMFIR_CONTINUE, "MAIL FROM")
        check(mt.rcptto(conn, "<+32477324847@sms.example.com>"), "RCPT TO")
        expect(conn, SMFIR_CONTINUE, "RCPT TO")
        check(mt.data(conn), "DATA")
        expect(conn, SMFIR_CONTINUE, "DATA")
        for _, h in ipairs(headers) do
            check(mt.header(conn, h[1], h[2]), "header " .. h[1])
            expect(conn, SMFIR_CONTINUE, "header " .. h[1])
        end
        check(mt.eoh(conn), "end of headers")
        expect(conn, SMFIR_CONTINUE, "end of headers")
        check(mt.bodyfile(conn, bodyfile), "body")
        expect(conn, SMFIR_CONTINUE, "body")
        check(mt.eom(conn), "end of message")
        expect(conn, SMFIR_REPLYCODE, path .. ": end of message")
        mt.disconnect(conn)
    end
end, function(e) return debug.traceback(tostring(e), 2) end)
if not ok then
    io.stderr:write("FAIL: " .. tostring(err) .. "\n")
    error(err, 0)
end
