// text_command.cpp - smsgatectl text: the SMS a mail would become, with the
// same code as the milter and the transport, for an administrator to preview
// and debug.
#include "commands.hpp"
#include "options.hpp"

#include "mail/extract.hpp"
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

} // namespace

int run_text(const Args& args, Streams io)
{
    constexpr std::string_view synopsis = "smsgatectl text [--json] [--prefix P] [--no-clean] < MAIL";
    po::options_description options("options");
    std::string prefix;
    options.add_options()
        ("json", "print {\"text\", \"encoding\", \"parts\"} on one line")
        ("prefix", po::value(&prefix), "the sender's SMS prefix, as the policy gives it (\"PS\")")
        ("no-clean", "keep the signature, quoted text and blank lines");
    po::positional_options_description positional;
    po::variables_map vm;
    if (auto stop = parse_options(args, synopsis, options, positional, vm, io))
        return *stop;

    mail::ExtractOptions extract;
    extract.prefix = prefix;
    if (vm.count("no-clean"))
        extract.clean = mail::CleanOptions::none();
    std::string raw((std::istreambuf_iterator<char>(io.in)), std::istreambuf_iterator<char>());
    auto mail = mail::extract_text(raw, extract);
    if (!mail) {
        io.err << "smsgatectl: " << mail.error().what() << "\n";
        return exit_bad_input;
    }
    sms::TextPlan plan = sms::plan_text(mail->text);
    std::string sent = sms::utf8_encode(plan.text);
    if (vm.count("json")) {
        io.out << JsonObject()
                      .add("text", sent)
                      .add("encoding", sms::alphabet_name(plan.alphabet))
                      .add("parts", plan.parts)
                      .str()
               << "\n";
        return exit_ok;
    }
    io.out << "encoding: " << sms::alphabet_name(plan.alphabet) << "\n"
           << "parts: " << plan.parts << "\n"
           << "length: " << plan.units << " " << units_name(plan.alphabet) << "\n"
           << "\n"
           << sent << "\n";
    return exit_ok;
}

} // namespace smsgate::ctl
