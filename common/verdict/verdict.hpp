// verdict.hpp - what the gateway decides about a mail or an SMS, in one type
// for everyone who must say it: its class (done, try again later, give up),
// its enhanced status code (RFC 3463) as three numbers, the SMTP reply code
// (RFC 5321) where the decision is given during the SMTP dialogue, and the
// text for the sender.
//
// Every check (common/checks), the +CMS ERROR and TP-Status tables
// (common/sms) and the worker's outcomes produce one; each consumer has one
// mapping from it: the milter's reply (milter/reply), the pipe(8) exit code
// and output line (transport/pipe/exit_status), the socket protocol
// (common/proto) and the store (common/store). Nothing decides by reading the
// characters of a code: a code is numbers, and its class is a type.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace smsgate {

enum class VerdictClass {
    ok,        // 2.x.x: done (sent, delivered, accepted)
    temporary, // 4.x.x: not now; the same attempt may succeed later
    permanent, // 5.x.x: never; give up and tell the sender
};

// "ok", "temporary", "permanent"
std::string_view verdict_class_name(VerdictClass c);

// RFC 3463: class "." subject "." detail; class 2, 4 or 5, subject and
// detail of one to three digits.
struct StatusCode {
    int klass = 4;
    int subject = 3;
    int detail = 0;

    constexpr StatusCode() = default;
    constexpr StatusCode(int c, int s, int d) : klass(c), subject(s), detail(d) {}
    // A code written in the source ("5.1.3"): a malformed one does not
    // compile. Codes read at run time go through parse().
    consteval StatusCode(const char* text) : klass(0), subject(0), detail(0)
    {
        auto parsed = parse_constant(text);
        klass = parsed.klass;
        subject = parsed.subject;
        detail = parsed.detail;
    }

    static std::optional<StatusCode> parse(std::string_view text);
    std::string str() const; // "5.1.3"

    constexpr VerdictClass verdict_class() const
    {
        return klass == 2 ? VerdictClass::ok : klass == 5 ? VerdictClass::permanent : VerdictClass::temporary;
    }
    // The same subject and detail in another class: 5.3.0 said as 4.3.0.
    constexpr StatusCode as(VerdictClass c) const
    {
        return {c == VerdictClass::ok ? 2 : c == VerdictClass::permanent ? 5 : 4, subject, detail};
    }
    constexpr bool operator==(const StatusCode&) const = default;
    // The whole code against its text: code == "5.1.3".
    bool operator==(std::string_view text) const { return str() == text; }
    bool operator==(const char* text) const { return str() == text; }

private:
    static consteval StatusCode parse_constant(const char* p)
    {
        int part[3] = {0, 0, 0};
        for (int i = 0; i < 3; ++i) {
            int digits = 0;
            while (*p >= '0' && *p <= '9') {
                part[i] = part[i] * 10 + (*p++ - '0');
                ++digits;
            }
            if (digits == 0 || digits > 3 || (i == 0 && digits != 1))
                throw "malformed enhanced status code";
            if (i < 2 && *p++ != '.')
                throw "malformed enhanced status code";
        }
        if (*p != '\0' || (part[0] != 2 && part[0] != 4 && part[0] != 5))
            throw "malformed enhanced status code";
        StatusCode c;
        c.klass = part[0];
        c.subject = part[1];
        c.detail = part[2];
        return c;
    }
};

struct Verdict {
    int smtp = 0;     // the SMTP reply code (553, 550, 452), 0 where none is given (the worker's outcomes)
    StatusCode code;  // 5.1.3
    std::string text; // what the sender should know: "+3290012345 is a premium-rate number"

    VerdictClass verdict_class() const { return code.verdict_class(); }
    bool ok() const { return verdict_class() == VerdictClass::ok; }
    bool temporary() const { return verdict_class() == VerdictClass::temporary; }
    bool permanent() const { return verdict_class() == VerdictClass::permanent; }
};

} // namespace smsgate
