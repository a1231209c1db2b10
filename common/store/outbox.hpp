// outbox.hpp - the outbox inside the caller's transaction, for the calls
// that queue a mail together with something else (record_report).
#pragma once

#include "store/statement.hpp"
#include "store/store.hpp"

#include <string>

namespace smsgate::store::detail {

// A mail needs a key and a recipient; the error names op.
Status check_mail(const char* op, const OutMail& mail);

// Whether a mail with this key was queued (and maybe sent) before.
Result<bool> mail_key_known(sqlite3* db, const char* op, const std::string& key);

// Inserts the mail as queued, attempts 0, next_try = created; false, and
// nothing inserted, when its key is known.
Result<bool> insert_mail(sqlite3* db, const char* op, const OutMail& mail);

} // namespace smsgate::store::detail
