-- [sms] national_tables = tr: ps@example.com (parts=2) sends 200 Turkish
-- dotless i. As UCS-2, "PS " and the text would need 4 parts and be
-- refused; with the Turkish locking shift table they are 203 septets, 2
-- parts of 149, and X-SMS-Parts names the table.
local t = dofile(os.getenv("CASES") .. "/lib.lua")
t.run(function()
    local conf = io.open(t.DIR .. "/smsgate.conf", "a")
    conf:write("\n[sms]\nnational_tables = tr\n")
    conf:close()
    t.start()
    local conn = t.connect("203.0.113.5")
    t.mail(conn, "ps@example.com", "NATION1")
    t.rcpt(conn, "+32477324847" .. t.SMS, SMFIR_CONTINUE)
    t.data(conn, SMFIR_CONTINUE)
    t.content(conn, { { "Subject", "" }, { "MIME-Version", "1.0" },
                      { "Content-Type", "text/plain; charset=UTF-8" },
                      { "Content-Transfer-Encoding", "8bit" } },
              string.rep("\196\177", 200) .. "\r\n", SMFIR_CONTINUE)
    t.expect_parts_header(conn, "2; encoding=GSM-7; locking-shift=tr")
    t.expect_log("NATION1: accept: from=<ps@example.com>, sms_recipients=1, policy=",
                 "senders:1, parts=2; encoding=GSM-7; locking-shift=tr")
    mt.disconnect(conn)
end)
