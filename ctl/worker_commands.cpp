// worker_commands.cpp - smsgatectl status, send and history: questions to
// the running smsgated over its socket.
#include "commands.hpp"
#include "health.hpp"
#include "options.hpp"

#include "client/client.hpp"
#include "proto/requests.hpp"
#include "util/json.hpp"
#include "config/worker_section.hpp"

#include <chrono>
#include <ctime>
#include <iomanip>
#include <ostream>
#include <unistd.h>

namespace po = boost::program_options;

namespace smsgate::ctl {

namespace {

using namespace std::chrono_literals;

// A status question is answered at once by a running worker.
constexpr auto status_timeout = 10s;
// A test send waits for the modem: AT+CMGS may take a minute per part.
constexpr auto send_timeout = 300s;

struct Target {
    std::string socket = config::WorkerConfig{}.socket;
    std::string config;
};

void add_target_options(po::options_description& d, Target& t)
{
    d.add_options()("socket", po::value(&t.socket), "smsgated's socket (default: from the configuration)")(
        "config,c", po::value(&t.config), "smsgate.conf(5) to read the socket from");
}

std::optional<int> resolve(Target& t, const po::variables_map& vm, Streams io)
{
    if (vm.count("socket") || t.config.empty())
        return std::nullopt;
    auto config = config::load_worker_config(t.config);
    if (!config) {
        io.err << "smsgatectl: " << config.error().what() << "\n";
        return exit_usage;
    }
    t.socket = config->socket;
    return std::nullopt;
}

std::optional<proto::Message> ask(const Target& t, const proto::Message& m, std::chrono::milliseconds timeout,
                                  Streams io)
{
    auto reply = client::request(t.socket, m, timeout);
    if (!reply.message) {
        io.err << "smsgatectl: " << reply.error
               << (reply.failure == client::Failure::unreachable ? " (is smsgated running?)" : "") << "\n";
        return std::nullopt;
    }
    return reply.message;
}

// A question (status, history): the answer, or nothing when the worker
// refused it (this user may not ask, too many connections), said on stderr.
std::optional<proto::Message> ask_question(const Target& t, const proto::Message& m, Streams io)
{
    auto reply = ask(t, m, status_timeout, io);
    if (reply && reply->value_or("status", "") != "ok") {
        io.err << "smsgatectl: " << reply->value_or("dsn", "") << " " << reply->value_or("text", "no answer") << "\n";
        return std::nullopt;
    }
    return reply;
}

std::string clock_time(long long seconds)
{
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[8];
    std::strftime(buf, sizeof buf, "%H:%M", &tm);
    return buf;
}

// A modem's send limits, when it has any: what it sent against them, and
// until when they hold it.
void print_limits(const proto::Message& m, const std::string& k, Streams io)
{
    auto per_hour = m.number(k + "max_per_hour").value_or(0);
    auto per_day = m.number(k + "max_per_day").value_or(0);
    auto quiet = m.value_or(k + "quiet_hours", "");
    if (per_hour <= 0 && per_day <= 0 && quiet.empty())
        return;
    auto limit = [](long long n) { return n > 0 ? "limit " + std::to_string(n) : std::string("no limit"); };
    io.out << "          sent this hour: " << m.value_or(k + "sent_hour", "?") << " (" << limit(per_hour)
           << "), today: " << m.value_or(k + "sent_day", "?") << " (" << limit(per_day) << ")";
    if (!quiet.empty())
        io.out << "; quiet hours " << quiet;
    auto held = m.value_or(k + "held", "");
    if (!held.empty()) {
        auto until = clock_time(m.number(k + "held_until").value_or(0));
        io.out << (held == "quiet hours" ? "; quiet until " : "; at " + held + " until ") << until;
        if (auto pinned = m.number(k + "queue").value_or(0); pinned > 0)
            io.out << "; " << pinned << (pinned == 1 ? " job" : " jobs") << " pinned here wait";
    }
    io.out << "\n";
}

void print_modems(const proto::Message& m, Streams io)
{
    auto count = m.number("modems").value_or(0);
    io.out << std::left << std::setw(10) << "MODEM" << std::setw(8) << "LINK" << std::setw(26) << "REGISTRATION"
           << std::setw(16) << "OPERATOR" << std::setw(8) << "SIGNAL" << std::setw(7) << "QUEUE" << std::setw(7)
           << "SENT" << std::setw(7) << "FAILED" << "RECEIVED\n";
    for (long long i = 0; i < count; ++i) {
        auto k = "modem" + std::to_string(i) + ".";
        auto dbm = m.value_or(k + "signal_dbm", "");
        io.out << std::setw(10) << m.value_or(k + "name", "?") << std::setw(8) << m.value_or(k + "link", "?")
               << std::setw(26) << m.value_or(k + "registration", "-") << std::setw(16)
               << m.value_or(k + "operator", "-") << std::setw(8) << (dbm.empty() ? "-" : dbm + "dBm")
               << std::setw(7) << m.value_or(k + "queue", "-") << std::setw(7) << m.value_or(k + "sent", "-")
               << std::setw(7) << m.value_or(k + "failed", "-") << m.value_or(k + "received", "-") << "\n";
        auto in_doubt = m.number(k + "in_doubt").value_or(0);
        auto resends = m.number(k + "doubt_resends").value_or(0);
        if (in_doubt > 0 || resends > 0)
            io.out << "          in doubt: " << in_doubt << (in_doubt == 1 ? " part" : " parts")
                   << "; sent again after a doubt: " << resends << "\n";
        print_limits(m, k, io);
        auto error = m.value_or(k + "last_error", "");
        if (!error.empty())
            io.out << "          last error: " << error << "\n";
    }
    io.out << "jobs waiting: " << m.value_or("queued", "?") << "\n";
    io.out << "mails waiting for sendmail: " << m.value_or("mails", "?") << "\n";
}

// The worker's answer as one JSON object of its attributes, on one line.
void print_json(const proto::Message& m, Streams io)
{
    JsonObject j;
    for (const auto& [name, value] : m.attributes())
        j.add(name, value);
    io.out << j.str() << "\n";
}

std::string local_time(long long seconds)
{
    std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

int print_events(const Target& t, long long job, bool json, Streams io)
{
    auto reply = ask_question(t, proto::Message().set("request", "history").set("job", job), io);
    if (!reply)
        return exit_bad_input;
    if (json) {
        print_json(*reply, io);
        return exit_ok;
    }
    io.out << "job " << reply->value_or("job.id", "?") << ": " << reply->value_or("job.queue_id", "?") << " from <"
           << reply->value_or("job.sender", "") << "> to " << reply->value_or("job.number", "?") << ", "
           << reply->value_or("job.state", "?") << " " << reply->value_or("job.dsn", "") << " "
           << reply->value_or("job.reason", "") << "\n";
    auto count = reply->number("events").value_or(0);
    for (long long i = 0; i < count; ++i) {
        auto k = "event" + std::to_string(i) + ".";
        io.out << "  " << local_time(reply->number(k + "time").value_or(0)) << "  " << reply->value_or(k + "what", "")
               << "\n";
    }
    auto reports = reply->number("reports").value_or(0);
    if (reports > 0)
        io.out << "reports:\n";
    for (long long i = 0; i < reports; ++i) {
        auto k = "report" + std::to_string(i) + ".";
        io.out << "  " << local_time(reply->number(k + "time").value_or(0)) << "  " << reply->value_or(k + "kind", "?")
               << " (" << reply->value_or(k + "detail", "") << "): ";
        auto recipient = reply->value_or(k + "mail.recipient", "");
        if (recipient.empty()) {
            io.out << "no mail on record\n";
        } else if (reply->value_or(k + "mail.state", "") == "sent") {
            io.out << "mail to <" << recipient << ">, taken by sendmail "
                   << local_time(reply->number(k + "mail.sent_at").value_or(0)) << "\n";
        } else {
            auto attempts = reply->number(k + "mail.attempts").value_or(0);
            io.out << "mail to <" << recipient << ">, waiting for sendmail";
            if (attempts > 0)
                io.out << " after " << attempts << (attempts == 1 ? " failure: " : " failures: ")
                       << reply->value_or(k + "mail.last_error", "");
            io.out << "\n";
        }
    }
    return exit_ok;
}

} // namespace

int run_status(const Args& args, Streams io)
{
    constexpr std::string_view synopsis =
        "smsgatectl status [--json | --check [--weak-signal DBM] [--mail-age SECONDS]] [--socket PATH | -c CONFIG]";
    po::options_description options("options");
    Target t;
    HealthLimits limits;
    add_target_options(options, t);
    options.add_options()("json", "the worker's answer as one JSON object")(
        "check", "one line and exit 0, 1 or 2 (ok, warning, critical), for monitoring")(
        "weak-signal", po::value(&limits.weak_signal_dbm)->default_value(limits.weak_signal_dbm),
        "with --check: a signal at or below this many dBm warns")(
        "mail-age", po::value(&limits.mail_age)->default_value(limits.mail_age),
        "with --check: a mail waiting longer for sendmail warns (seconds)");
    po::variables_map vm;
    if (auto stop = parse_options(args, synopsis, options, {}, vm, io))
        return *stop;
    if (auto stop = resolve(t, vm, io))
        return *stop;
    auto reply = ask_question(t, proto::Message().set("request", "status"), io);
    if (vm.count("check")) {
        auto health = reply ? judge(*reply, limits) : Health{2, "SMSGATE CRITICAL - no answer from smsgated"};
        io.out << health.line << "\n";
        return health.code;
    }
    if (!reply)
        return exit_bad_input;
    if (vm.count("json"))
        print_json(*reply, io);
    else
        print_modems(*reply, io);
    return exit_ok;
}

int run_send(const Args& args, Streams io)
{
    constexpr std::string_view synopsis = "smsgatectl send [--socket PATH | -c CONFIG] NUMBER TEXT...";
    po::options_description options("options");
    Target t;
    add_target_options(options, t);
    options.add_options()("words", po::value<std::vector<std::string>>(), "number, then the text");
    po::positional_options_description positional;
    positional.add("words", -1);
    po::variables_map vm;
    if (auto stop = parse_options(args, synopsis, options, positional, vm, io))
        return *stop;
    if (auto stop = resolve(t, vm, io))
        return *stop;
    auto words = vm.count("words") ? vm["words"].as<std::vector<std::string>>() : std::vector<std::string>{};
    if (words.size() < 2) {
        io.err << "smsgatectl: send wants a number and a text\nusage: " << synopsis << "\n";
        return exit_usage;
    }
    proto::SubmitRequest r;
    // A key of its own: smsgatectl sends are never taken for a retry.
    r.queue_id = "ctl" + std::to_string(std::time(nullptr)) + "." + std::to_string(getpid());
    r.recipient = words[0];
    r.number = words[0];
    r.sender = "";
    r.notify = policy::NotifyLevel::none;
    for (std::size_t i = 1; i < words.size(); ++i)
        r.text += (i > 1 ? " " : "") + words[i];
    auto reply = ask(t, proto::to_message(r, "send"), send_timeout, io);
    if (!reply)
        return exit_temporary;
    auto outcome = proto::outcome_from(*reply);
    if (!outcome) {
        io.err << "smsgatectl: " << outcome.error().what() << "\n";
        return exit_temporary;
    }
    io.out << outcome->verdict.code.str() << " " << outcome->verdict.text << "\n";
    switch (outcome->verdict.verdict_class()) {
    case VerdictClass::ok:
        return exit_ok;
    case VerdictClass::temporary:
        return exit_temporary;
    case VerdictClass::permanent:
        break;
    }
    return exit_permanent;
}

int run_history(const Args& args, Streams io)
{
    constexpr std::string_view synopsis =
        "smsgatectl history [--limit N | --job ID] [--json] [--socket PATH | -c CONFIG]";
    po::options_description options("options");
    Target t;
    int limit = 20;
    long long job = 0;
    add_target_options(options, t);
    options.add_options()("limit", po::value(&limit)->default_value(limit), "how many recent messages")(
        "job", po::value(&job), "one message's events, from queued to its last status report")(
        "json", "the worker's answer as one JSON object");
    po::variables_map vm;
    if (auto stop = parse_options(args, synopsis, options, {}, vm, io))
        return *stop;
    if (auto stop = resolve(t, vm, io))
        return *stop;
    if (vm.count("job"))
        return print_events(t, job, vm.count("json") > 0, io);
    auto reply = ask_question(t, proto::Message().set("request", "history").set("limit", limit), io);
    if (!reply)
        return exit_bad_input;
    if (vm.count("json")) {
        print_json(*reply, io);
        return exit_ok;
    }
    auto count = reply->number("jobs").value_or(0);
    for (long long i = 0; i < count; ++i) {
        auto k = "job" + std::to_string(i) + ".";
        io.out << reply->value_or(k + "id", "?") << " " << reply->value_or(k + "queue_id", "?") << " "
               << reply->value_or(k + "number", "?") << " " << reply->value_or(k + "state", "?") << " "
               << reply->value_or(k + "modem", "-") << " " << reply->value_or(k + "dsn", "") << " "
               << reply->value_or(k + "reason", "") << "\n";
    }
    return exit_ok;
}

} // namespace smsgate::ctl
