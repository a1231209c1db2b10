// postfix_log.cpp - where Postfix logs, read from postconf(1).
#include "log/postfix_log.hpp"

#include "process/process.hpp"

#include <sstream>
#include <sys/wait.h>

namespace smsgate::log {

namespace {

// postconf answers at once; a hung one must not hold the start forever.
constexpr int postconf_seconds = 30;

} // namespace

bool is_postfix_destination(std::string_view destination, std::string& config_dir)
{
    constexpr std::string_view word = "postfix";
    if (destination == word) {
        config_dir.clear();
        return true;
    }
    if (destination.size() > word.size() + 1 && destination.substr(0, word.size() + 1) == "postfix:") {
        config_dir = std::string(destination.substr(word.size() + 1));
        return true;
    }
    return false;
}

Result<PostfixLog> ask_postfix(std::string_view config_dir)
{
    std::vector<std::string> command{"/usr/sbin/postconf"};
    if (!config_dir.empty())
        command.insert(command.end(), {"-c", std::string(config_dir)});
    command.insert(command.end(), {"-h", "maillog_file", "queue_directory", "postlog_service_name", "myhostname"});
    auto child = process::spawn(command);
    if (!child)
        return child.error();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(postconf_seconds);
    auto pumped = process::pump(child.value(), "", deadline);
    auto reaped = process::reap(child.value(), deadline, pumped.overran);
    if (!reaped)
        return reaped.error();
    if (reaped.value().timed_out || !WIFEXITED(reaped.value().status) || WEXITSTATUS(reaped.value().status) != 0)
        return Error{"postconf", "failed: " + pumped.output};
    // One value a line, in the order asked; warnings of postconf begin
    // with its name and are not values.
    std::vector<std::string> values;
    std::istringstream in(pumped.output);
    for (std::string line; std::getline(in, line);)
        if (line.rfind("postconf: ", 0) != 0)
            values.push_back(line);
    if (values.size() != 4 || values[1].empty() || values[2].empty())
        return Error{"postconf", "unexpected answer: " + pumped.output};
    return PostfixLog{values[0], values[1] + "/public/" + values[2], values[3].substr(0, values[3].find('.'))};
}

} // namespace smsgate::log
