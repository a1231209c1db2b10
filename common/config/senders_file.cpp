// senders_file.cpp - reading the senders table file.
#include "config/senders_file.hpp"

#include "phone/number.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace smsgate::config {

Result<std::shared_ptr<const policy::SendersTable>> load_senders(const std::string& path)
{
    Result<policy::SendersTable> table = policy::SendersTable{};
    if (path.empty()) {
        std::istringstream everyone("default allow\n");
        table = policy::SendersTable::parse(everyone, "(built-in)");
    } else {
        std::ifstream in(path);
        if (!in)
            return make_error("senders", path + ": " + std::strerror(errno));
        // Country codes are checked against the number metadata.
        table = policy::SendersTable::parse(in, path, [](std::string_view r) { return phone::is_region_code(r); });
    }
    if (!table)
        return make_error("senders", table.error().message); // "senders:12: unknown attribute 'partz'"
    return std::shared_ptr<const policy::SendersTable>(std::make_shared<policy::SendersTable>(std::move(table).value()));
}

} // namespace smsgate::config
