// Every program reads its share of smsgate.conf(5) the same way
// (config/program_share.hpp): [sms] checked alike, the other programs'
// sections skipped, unknown sections and unreadable files refused alike.
#include "config/milter_section.hpp"
#include "config/transport_section.hpp"
#include "config/worker_section.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using namespace smsgate::config;

namespace {

// The error each program's reading gives for text, or "" when it reads it.
struct Errors {
    std::string worker, transport, milter;
};

template <class Config>
std::string error_of(const std::string& text)
{
    std::istringstream in(text);
    auto c = parse_config<Config>(in, "test.conf");
    return c ? "" : c.error().message;
}

Errors errors_of(const std::string& text)
{
    return {error_of<WorkerConfig>(text), error_of<TransportConfig>(text), error_of<MilterConfig>(text)};
}

} // namespace

TEST_CASE("program share: a bad [sms] value is the same error for every program")
{
    auto e = errors_of("[sms]\ndefault_region = BEL\n");
    CHECK(e.worker == "test.conf: [sms] default_region 'BEL' is not a two-letter country code such as BE");
    CHECK(e.transport == e.worker);
    CHECK(e.milter == e.worker);
}

TEST_CASE("program share: default_region is checked against the number metadata by the programs that read numbers")
{
    // The worker and the milter read numbers; the transport hands the mail
    // to the worker and loads no number metadata.
    auto e = errors_of("[sms]\ndefault_region = UK\n");
    CHECK(e.worker == "test.conf: [sms] default_region 'UK' is not a two-letter country code such as BE");
    CHECK(e.milter == e.worker);
    CHECK(e.transport.empty());
}

TEST_CASE("program share: each program checks its own sections and skips the others'")
{
    auto typo = errors_of("[transport]\ntime_budgt = 60\n");
    CHECK(typo.worker.empty());
    CHECK(typo.transport == "test.conf: unknown key transport.time_budgt");
    CHECK(typo.milter.empty());

    auto bad = errors_of("[milter]\ntimeout = 5\n[transport]\ntime_budget = 1\n");
    CHECK(bad.worker.empty());
    CHECK(bad.transport == "test.conf: [transport] time_budget must be at least 5 seconds");
    CHECK(bad.milter == "test.conf: [milter] timeout must be at least 10 seconds");

    auto stranger = errors_of("[bogus]\nx = 1\n");
    CHECK(stranger.worker == "test.conf: unknown key bogus.x");
    CHECK(stranger.transport == stranger.worker);
    CHECK(stranger.milter == stranger.worker);
}

TEST_CASE("program share: a file that cannot be opened is the same error for every program")
{
    const std::string path = "/nonexistent/smsgate.conf";
    auto worker = load_worker_config(path);
    auto transport = load_config<TransportConfig>(path);
    auto milter = load_config<MilterConfig>(path);
    REQUIRE_FALSE(worker.ok());
    REQUIRE_FALSE(transport.ok());
    REQUIRE_FALSE(milter.ok());
    CHECK(worker.error().message == path + ": cannot open");
    CHECK(transport.error().message == worker.error().message);
    CHECK(milter.error().message == worker.error().message);
    // smsgated alone reads no file at all as the defaults.
    CHECK(load_worker_config("").ok());
}
