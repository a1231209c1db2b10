// indic_tables.hpp - the tables of the Indian languages of 3GPP TS 23.038
// Annex A (internal to common/sms; national_tables.hpp is the interface).
#pragma once

#include "sms/national_tables.hpp"

namespace smsgate::sms::indic {

extern const SeptetTable bengali_locking;
extern const SeptetTable bengali_single;
extern const SeptetTable gujarati_locking;
extern const SeptetTable gujarati_single;
extern const SeptetTable hindi_locking;
extern const SeptetTable hindi_single;
extern const SeptetTable kannada_locking;
extern const SeptetTable kannada_single;
extern const SeptetTable malayalam_locking;
extern const SeptetTable malayalam_single;
extern const SeptetTable oriya_locking;
extern const SeptetTable oriya_single;
extern const SeptetTable punjabi_locking;
extern const SeptetTable punjabi_single;
extern const SeptetTable tamil_locking;
extern const SeptetTable tamil_single;
extern const SeptetTable telugu_locking;
extern const SeptetTable telugu_single;
extern const SeptetTable urdu_locking;
extern const SeptetTable urdu_single;

} // namespace smsgate::sms::indic
