// harness.cpp - running a Modem over a transcript and keeping the outcome.
#include "harness.hpp"

#include "config/ini.hpp"
#include "log/log.hpp"
#include "scripted_link.hpp"
#include "sms/submit.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <thread>

namespace smsgate::transcript {

namespace {

using namespace std::chrono_literals;

// The worker's log lines quoted with a failure.
constexpr int quoted_log_lines = 80;

std::string& log_path()
{
    static std::string path;
    return path;
}

std::uintmax_t log_size()
{
    std::error_code ec;
    auto size = log_path().empty() ? 0 : std::filesystem::file_size(log_path(), ec);
    return ec ? 0 : size;
}

// The last lines the worker logged since `from`.
std::string log_since(std::uintmax_t from)
{
    std::ifstream in(log_path(), std::ios::binary);
    if (!in)
        return {};
    in.seekg(static_cast<std::streamoff>(from));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    std::string out;
    auto first = lines.size() > quoted_log_lines ? lines.size() - quoted_log_lines : 0;
    for (auto i = first; i < lines.size(); ++i)
        out += "\n  " + lines[i];
    return out;
}

store::Seconds now() { return static_cast<store::Seconds>(std::time(nullptr)); }

} // namespace

void use_log_file(const std::string& path)
{
    log::open("transcript_tests", path);
    log_path() = path;
}

Status CapturingSink::sms(const worker::ReceivedSms& sms)
{
    received.push_back(sms);
    return Done{};
}

Status CapturingSink::report(const worker::StatusReport& report)
{
    reports.push_back(report);
    return Done{};
}

Status CapturingSink::undecodable(const worker::UndecodablePdu& pdu)
{
    undecodable_pdus.push_back(pdu.pdu_hex);
    return Done{};
}

Harness::Harness()
{
    std::string pattern = (std::filesystem::temp_directory_path() / "smsgate-transcript-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    dir_ = pattern;
    worker.database = (dir_ / "smsgate.db").string();
    // One registration check and sweep when the session starts, none later
    // unless a transcript's test asks for it.
    worker.poll_seconds = 3600;
    // Parts are kept without an SMSC: the seed's goes in front at AT+CMGS.
    worker.smsc = seed_smsc;
    modem.name = "gsm0";
    modem.link.device = "transcript";
    modem.storage = "SM";
    auto opened = store::Store::open(worker.database);
    REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? "" : opened.error().what()));
    store_ = std::move(opened).value();
}

Harness::~Harness()
{
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

store::Id Harness::submit(const std::string& text, const std::string& number)
{
    sms::SubmitOptions options;
    options.status_report = true;
    options.validity_minutes = 1440;
    auto ref = static_cast<std::uint8_t>(next_queue_id_);
    auto parts = sms::encode_submit(number, text, options, ref);
    REQUIRE_MESSAGE(parts.ok(), (parts.ok() ? "" : parts.error().what()));
    std::vector<std::pair<std::string, int>> rows;
    for (const auto& p : *parts)
        rows.emplace_back(p.tpdu_hex(), static_cast<int>(p.tpdu_length));
    store::NewJob job;
    job.key = {"QID" + std::to_string(next_queue_id_++), number + "@sms.example.com", ""};
    job.number = number;
    job.text = text;
    auto submitted = store_->submit(job, rows, ref, now());
    REQUIRE_MESSAGE(submitted.ok(), (submitted.ok() ? "" : submitted.error().what()));
    return submitted->job.id;
}

std::string Harness::play_text(const std::string& text, const std::string& name, std::chrono::milliseconds limit)
{
    auto transcript = parse_transcript(text, name);
    if (!transcript)
        return transcript.error().what();
    return play_transcript(std::move(transcript).value(), limit);
}

std::string Harness::play_transcript(Transcript transcript, std::chrono::milliseconds limit)
{
    auto playback = std::make_shared<Playback>(std::move(transcript));
    auto log_from = log_size();

    worker::Router router({{modem.name, modem.prefixes}});
    worker::ModemHooks hooks;
    hooks.job_changed = [this](store::Id id) { changed.push_back(id); };
    auto sessions = std::make_shared<int>(0);
    hooks.open_link = [playback, sessions](const link::LinkConfig&) -> Result<std::unique_ptr<link::Link>> {
        if ((*sessions)++ > 0)
            return make_error(playback->name(), "played already; no second session");
        playback->open();
        return std::unique_ptr<link::Link>(std::make_unique<ScriptedLink>(playback));
    };
    auto own = store::Store::open(worker.database);
    if (!own)
        return own.error().what();
    worker::ModemAgent m(modem, worker, router, std::move(own).value(), sink, hooks);

    started = store::clock_now();
    auto start = std::chrono::steady_clock::now();
    std::thread thread([&m] { m.run(); });
    if (!playback->wait_end(start + limit))
        playback->abort(playback->where() + ": still waiting for the worker after " +
                        std::to_string(limit.count()) + " ms");
    router.stop();
    thread.join();
    status = router.statuses().front();
    took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    auto failure = playback->failure();
    return failure.empty() ? failure : failure + "\nthe worker's log:" + log_since(log_from);
}

Status Harness::set(const std::string& key, const std::string& value)
{
    namespace po = boost::program_options;
    // Built now, so that the defaults they apply are the values set so far.
    auto modem_table = config::modem_options(modem);
    auto worker_table = config::worker_options(worker);
    bool for_modem = modem_table.find_nothrow(key, false) != nullptr;
    auto name = for_modem ? key : "worker." + key;
    if (!for_modem && !worker_table.find_nothrow(name, false))
        return make_error(key, "neither a key of [modem.NAME] nor of [worker]");
    po::option option(name, {value});
    option.original_tokens = {name, value};
    auto earlier_init = modem.init; // repeatable: each @set init= adds one
    po::parsed_options parsed(for_modem ? &modem_table : &worker_table);
    parsed.options.push_back(option);
    try {
        po::variables_map vm;
        po::store(parsed, vm);
        po::notify(vm);
    } catch (const po::error& e) {
        return make_error(key, e.what());
    }
    if (for_modem && key == "prefixes") // the table leaves the list to its reader
        modem.prefixes = config::split_list(value);
    if (for_modem && key == "init") {
        earlier_init.push_back(value);
        modem.init = std::move(earlier_init);
    }
    return Done{};
}

store::Job Harness::job(store::Id id)
{
    auto found = store_->job(id);
    REQUIRE_MESSAGE(found.ok(), (found.ok() ? "" : found.error().what()));
    REQUIRE(found->has_value());
    return **found;
}

} // namespace smsgate::transcript
