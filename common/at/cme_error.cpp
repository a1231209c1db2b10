// cme_error.cpp - the +CME ERROR table of 3GPP TS 27.007 9.2: codes the
// worker may meet on a phone or data modem (SIM, PIN, storage, network and
// GPRS attach errors), with the standard's wording.
#include "at/cme_error.hpp"

#include "at/fields.hpp"

#include <algorithm>
#include <iterator>

namespace smsgate::at {

namespace {

struct CmeError {
    int code;
    std::string_view text;
};

// Sorted by code, checked below.
constexpr CmeError cme_errors[] = {
    // TS 27.007 9.2.1: general errors.
    {0, "phone failure"},
    {1, "no connection to phone"},
    {2, "phone-adaptor link reserved"},
    {3, "operation not allowed"},
    {4, "operation not supported"},
    {5, "PH-SIM PIN required"},
    {6, "PH-FSIM PIN required"},
    {7, "PH-FSIM PUK required"},
    {10, "SIM not inserted"},
    {11, "SIM PIN required"},
    {12, "SIM PUK required"},
    {13, "SIM failure"},
    {14, "SIM busy"},
    {15, "SIM wrong"},
    {16, "incorrect password"},
    {17, "SIM PIN2 required"},
    {18, "SIM PUK2 required"},
    {20, "memory full"},
    {21, "invalid index"},
    {22, "not found"},
    {23, "memory failure"},
    {24, "text string too long"},
    {25, "invalid characters in text string"},
    {26, "dial string too long"},
    {27, "invalid characters in dial string"},
    {30, "no network service"},
    {31, "network timeout"},
    {32, "network not allowed - emergency calls only"},
    {40, "network personalization PIN required"},
    {41, "network personalization PUK required"},
    {42, "network subset personalization PIN required"},
    {43, "network subset personalization PUK required"},
    {44, "service provider personalization PIN required"},
    {45, "service provider personalization PUK required"},
    {46, "corporate personalization PIN required"},
    {47, "corporate personalization PUK required"},
    {48, "hidden key required"},
    {49, "EAP method not supported"},
    {50, "incorrect parameters"},
    {100, "unknown"},
    // TS 27.007 9.2.2: errors of GPRS attach and PDP context activation.
    {103, "illegal MS"},
    {106, "illegal ME"},
    {107, "GPRS services not allowed"},
    {111, "PLMN not allowed"},
    {112, "location area not allowed"},
    {113, "roaming not allowed in this location area"},
    {132, "service option not supported"},
    {133, "requested service option not subscribed"},
    {134, "service option temporarily out of order"},
    {148, "unspecified GPRS error"},
    {149, "PDP authentication failure"},
    {150, "invalid mobile class"},
};

constexpr bool sorted_by_code()
{
    return std::ranges::adjacent_find(cme_errors, [](const CmeError& a, const CmeError& b) {
               return a.code >= b.code;
           }) == std::end(cme_errors);
}

static_assert(sorted_by_code(), "cme_errors must be sorted by code, without duplicates");

} // namespace

std::string_view cme_error_text(int code)
{
    auto found = std::ranges::lower_bound(cme_errors, code, {}, &CmeError::code);
    if (found != std::end(cme_errors) && found->code == code)
        return found->text;
    return {};
}

int cme_error_code(std::string_view text)
{
    auto folded = fold_text(text);
    for (const auto& e : cme_errors)
        if (fold_text(e.text) == folded)
            return e.code;
    return -1;
}

} // namespace smsgate::at
