// postfix_facts.cpp - reading the facts of a Postfix configuration.
#include "postfix_facts.hpp"

namespace smsgate::ctl {

std::string PostfixFacts::param(const std::string& name) const
{
    auto found = params.find(name);
    return found == params.end() ? std::string() : found->second;
}

const PostfixService* PostfixFacts::service(const std::string& name, const std::string& type) const
{
    for (const auto& s : services)
        if (s.name == name && s.type == type)
            return &s;
    return nullptr;
}

bool PostfixFacts::chrooted(const PostfixService& service) const
{
    if (service.chroot != "-")
        return service.chroot == "y";
    auto version = param("mail_version");
    return version.size() > 1 && version.front() >= '0' && version.front() < '3' && version[1] == '.';
}

} // namespace smsgate::ctl
