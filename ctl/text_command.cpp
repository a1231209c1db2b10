// text_command.cpp - smsgatectl text: the SMS a mail would become, with the
// same code as the milter and the transport, for an administrator to preview
// and debug.
#include "commands.hpp"
#include "options.hpp"

#include "config/senders_file.hpp"
#include "mail/extract.hpp"
#include "checks/sms_text.hpp"
#include "config/transport_section.hpp"
#include "sms/national_tables.hpp"
#include "sms/segment.hpp"
#include "sms/utf8.hpp"
#include "util/json.hpp"

#include <istream>
#include <iterator>
#include <ostream>

namespace po = boost::program_options;

namespace smsgate::ctl {

namespace {

std::string units_name(sms::Alphabet alphabet)
{
    return alphabet == sms::Alphabet::gsm7 ? "septets" : "octets";
}

// What would be sent, as JSON on one line or as lines for a person. The
// national tables are named only when the text goes with one.
void print_text(const sms::TextPlan& plan, bool json, Streams io)
{
    std::string sent = sms::utf8_encode(plan.text);
    std::string_view locking = sms::national_code(plan.shifts.locking);
    std::string_view single = sms::national_code(plan.shifts.single);
    if (json) {
        JsonObject out;
        out.add("text", sent).add("encoding", sms::alphabet_name(plan.alphabet)).add("parts", plan.parts);
        if (!locking.empty())
            out.add("locking_shift", locking);
        if (!single.empty())
            out.add("single_shift", single);
        io.out << out.str() << "\n";
        return;
    }
    io.out << "encoding: " << sms::alphabet_name(plan.alphabet) << "\n";
    if (!locking.empty())
        io.out << "locking shift: " << locking << "\n";
    if (!single.empty())
        io.out << "single shift: " << single << "\n";
    io.out << "parts: " << plan.parts << "\n"
           << "length: " << plan.units << " " << units_name(plan.alphabet) << "\n"
           << "\n"
           << sent << "\n";
}

} // namespace

int run_text(const Args& args, Streams io)
{
    constexpr std::string_view synopsis =
        "smsgatectl text [--json] [-c CONFIG] [--sender ADDRESS] [--prefix P] [--no-clean] < MAIL";
    po::options_description options("options");
    std::string prefix;
    std::string config_path;
    std::string sender;
    options.add_options()
        ("json", "print {\"text\", \"encoding\", \"parts\"} on one line")
        ("config,c", po::value(&config_path), "smsgate.conf(5): the [sms] template, clean-up and senders table")
        ("sender", po::value(&sender), "envelope sender: its prefix from the senders table")
        ("prefix", po::value(&prefix), "the sender's SMS prefix, instead of the senders table's (\"PS\")")
        ("no-clean", "keep the signature, quoted text and blank lines");
    po::positional_options_description positional;
    po::variables_map vm;
    if (auto stop = parse_options(args, synopsis, options, positional, vm, io))
        return *stop;

    // The transport's own settings when a configuration is given: the text
    // shown is then the text that would be sent.
    config::TransportConfig config;
    if (!config_path.empty()) {
        auto c = config::load_config<config::TransportConfig>(config_path);
        if (!c) {
            io.err << "smsgatectl: " << c.error().what() << "\n";
            return exit_usage;
        }
        config = std::move(c).value();
    }
    if (!vm.count("prefix") && vm.count("sender")) {
        auto senders = config::load_senders(config.sms.senders);
        if (!senders) {
            io.err << "smsgatectl: senders table " << senders.error().message << "\n";
            return exit_usage;
        }
        prefix = (*senders)->lookup({sender, "", ""}).prefix;
    }
    if (vm.count("no-clean"))
        config.sms.clean = false;
    std::string raw((std::istreambuf_iterator<char>(io.in)), std::istreambuf_iterator<char>());
    auto mail = checks::sms_text(raw, config.sms, prefix);
    if (!mail) {
        io.err << "smsgatectl: " << mail.error().what() << "\n";
        return exit_bad_input;
    }
    print_text(sms::plan_text(mail->text, config::text_options(config.sms)), vm.count("json") > 0, io);
    return exit_ok;
}

} // namespace smsgate::ctl
