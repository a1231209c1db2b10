// refusal.hpp - why a mail may not become an SMS, as the milter says it in
// the SMTP dialogue (reply code) and the transport in its exit line (the
// enhanced code): one decision, two ways to say it. See DESIGN.md, "Milter
// replies", and smsgate-transport(8), EXIT STATUS.
#pragma once

#include <string>

namespace smsgate::checks {

struct Refusal {
    int smtp = 550;   // RFC 5321 reply code: 553, 550, 530, 552
    std::string dsn;  // RFC 3463: "5.1.3"
    std::string text; // what the sender should know: "+3290012345 is a premium-rate number"

    bool permanent() const { return smtp >= 500; }
};

} // namespace smsgate::checks
