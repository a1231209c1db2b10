// digest.hpp - a fingerprint of a mail's bytes, for the idempotency key of
// a delivery whose mail has no Message-ID: a retry of the same delivery has
// the same bytes, another mail does not.
#pragma once

#include <string>
#include <string_view>

namespace smsgate::mail {

// "sha256:" and 64 hex digits.
std::string content_digest(std::string_view raw_mail);

} // namespace smsgate::mail
