// pdu_command.cpp - smsgatectl pdu decode and pdu encode.
#include "commands.hpp"
#include "options.hpp"
#include "pdu_report.hpp"

#include "config/ini.hpp"
#include "sms/national_tables.hpp"
#include "sms/submit.hpp"
#include "util/json.hpp"

#include <istream>
#include <ostream>

namespace po = boost::program_options;

namespace smsgate::ctl {

namespace {

std::string trim(const std::string& s)
{
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

// The <length> of a +CMGL, +CMGR, +CMT or +CDS header line of a modem log:
// the last field (TS 27.005 3.4.2, 3.4.3, 3.4.1). Nothing for other lines.
std::optional<std::size_t> header_length(const std::string& line)
{
    static constexpr std::string_view headers[] = {"+CMGL:", "+CMGR:", "+CMT:", "+CDS:"};
    bool header = false;
    for (auto h : headers)
        header = header || line.rfind(h, 0) == 0;
    if (!header)
        return std::nullopt;
    auto field = trim(line.substr(line.find_last_of(",:") + 1));
    if (field.empty() || field.find_first_not_of("0123456789") != std::string::npos || field.size() > 6)
        return std::nullopt;
    return std::stoul(field);
}

struct DecodeRun {
    bool json = false;
    sms::DecodeOptions options;
    int status = exit_ok;
    int count = 0;

    void one(const std::string& hex, std::optional<std::size_t> length, const std::string& where, Streams io)
    {
        auto options_here = options;
        if (length)
            options_here.tpdu_length = length;
        auto pdu = sms::decode_pdu_hex(hex, options_here);
        if (!pdu) {
            io.err << "smsgatectl: " << where << pdu.error().what() << "\n";
            status = exit_bad_input;
            return;
        }
        if (json)
            io.out << pdu_json(*pdu) << "\n";
        else
            io.out << (count > 0 ? "\n" : "") << describe_pdu(*pdu);
        ++count;
    }
};

} // namespace

int run_pdu_decode(const Args& args, Streams io)
{
    constexpr std::string_view synopsis = "smsgatectl pdu decode [--json] [--no-smsc] [--length N] [HEX...]";
    po::options_description options("options");
    std::size_t length = 0;
    options.add_options()
        ("json", "one JSON object per PDU")
        ("no-smsc", "the PDUs begin with the TPDU, without an SMSC address")
        ("length", po::value(&length), "TPDU length from the +CMGL/+CMGR header: octets past it are ignored")
        ("hex", po::value<std::vector<std::string>>(), "PDU in hex");
    po::positional_options_description positional;
    positional.add("hex", -1);
    po::variables_map vm;
    if (auto stop = parse_options(args, synopsis, options, positional, vm, io))
        return *stop;

    DecodeRun run;
    run.json = vm.count("json") > 0;
    run.options.has_smsc = vm.count("no-smsc") == 0;
    if (vm.count("length"))
        run.options.tpdu_length = length;

    if (vm.count("hex")) {
        for (const auto& hex : vm["hex"].as<std::vector<std::string>>())
            run.one(hex, std::nullopt, "", io);
        return run.status;
    }
    // Standard input: one PDU a line; a +CMGL/+CMGR/+CMT/+CDS header line
    // gives the length of the PDU on the next line, as in a modem log.
    std::string line;
    std::optional<std::size_t> next_length;
    for (int number = 1; std::getline(io.in, line); ++number) {
        line = trim(line);
        if (line.empty())
            continue;
        if (auto h = header_length(line)) {
            next_length = h;
            continue;
        }
        run.one(line, next_length, "line " + std::to_string(number) + ": ", io);
        next_length.reset();
    }
    return run.status;
}

namespace {

int encode_one(const std::string& to, const std::string& text, const sms::SubmitOptions& options,
               std::uint8_t reference, bool json, const std::string& where, Streams io)
{
    auto parts = sms::encode_submit(to, text, options, reference);
    if (!parts) {
        io.err << "smsgatectl: " << where << parts.error().what() << "\n";
        return exit_bad_input;
    }
    auto plan = sms::plan_text(text, options.text);
    for (std::size_t i = 0; i < parts->size(); ++i) {
        const auto& part = (*parts)[i];
        if (json)
            io.out << JsonObject()
                          .add("part", i + 1)
                          .add("parts", parts->size())
                          .add("encoding", sms::alphabet_name(plan.alphabet))
                          .add("length", part.tpdu_length)
                          .add("pdu", part.hex())
                          .str()
                   << "\n";
        else
            io.out << part.tpdu_length << ' ' << part.hex() << "\n";
    }
    return exit_ok;
}

// --national "tr, es": the identifiers of the languages, or false when one
// is not a language of the standard.
bool national_tables(const std::string& list, std::vector<std::uint8_t>& ids, Streams io)
{
    for (const auto& code : config::split_list(list)) {
        const auto* language = sms::national_language(code);
        if (!language) {
            io.err << "smsgatectl: --national: '" << code << "' is not a language of TS 23.038 Annex A\n";
            return false;
        }
        ids.push_back(language->id);
    }
    return true;
}

} // namespace

int run_pdu_encode(const Args& args, Streams io)
{
    constexpr std::string_view synopsis =
        "smsgatectl pdu encode [--json] --to NUMBER [--smsc NUMBER] [--srr] [--vp MINUTES] "
        "[--class N] [--ucs2] [--no-transliterate] [--national LIST] [--reference N] [TEXT]";
    po::options_description options("options");
    std::string national;
    std::string to;
    sms::SubmitOptions submit;
    long vp = 0;
    int message_class = 0;
    unsigned reference = 0;
    options.add_options()
        ("json", "one JSON object per part")
        ("to", po::value(&to)->required(), "destination: +E164, national digits, or alphanumeric text")
        ("smsc", po::value(&submit.smsc), "SMSC number; without it the modem's own is used (00)")
        ("srr", "request a status report (TP-SRR)")
        ("vp", po::value(&vp), "validity period in minutes (TP-VP, relative format, rounded up)")
        ("class", po::value(&message_class), "message class 0-3 (0: flash SMS)")
        ("ucs2", "UCS-2 even when GSM 7-bit would do")
        ("no-transliterate", "keep typographic characters (curly quotes, dashes, ...) as they are")
        ("national", po::value(&national), "national language tables allowed, as [sms] national_tables (tr, es, ...)")
        ("reference", po::value(&reference), "concatenation reference 0-255 for a text of several parts")
        ("text", po::value<std::vector<std::string>>(), "the text; words are joined with spaces");
    po::positional_options_description positional;
    positional.add("text", -1);
    po::variables_map vm;
    if (auto stop = parse_options(args, synopsis, options, positional, vm, io))
        return *stop;
    if (reference > 255) {
        io.err << "smsgatectl: --reference must be 0-255\n";
        return exit_usage;
    }
    submit.status_report = vm.count("srr") > 0;
    if (vm.count("vp"))
        submit.validity_minutes = vp;
    if (vm.count("class"))
        submit.message_class = message_class;
    submit.text.force_ucs2 = vm.count("ucs2") > 0;
    submit.text.transliterate = vm.count("no-transliterate") == 0;
    if (!national_tables(national, submit.text.national_tables, io))
        return exit_usage;
    bool json = vm.count("json") > 0;
    auto ref = static_cast<std::uint8_t>(reference);

    if (vm.count("text")) {
        std::string text;
        for (const auto& word : vm["text"].as<std::vector<std::string>>())
            text += (text.empty() ? "" : " ") + word;
        return encode_one(to, text, submit, ref, json, "", io);
    }
    int status = exit_ok;
    std::string line;
    for (int number = 1; std::getline(io.in, line); ++number) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (encode_one(to, line, submit, ref, json, "line " + std::to_string(number) + ": ", io) != exit_ok)
            status = exit_bad_input;
    }
    return status;
}

} // namespace smsgate::ctl
