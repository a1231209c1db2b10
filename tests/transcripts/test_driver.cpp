// The modem driver on its own: a scripted link below it and, above it, a
// record of the events it reports (no store, no router, no sink). It says
// what the modem is, hands on every PDU and deletes from the modem only what
// it was told is safe, and reports each AT+CMGS as sent with its MR or
// refused with the class of its +CMS ERROR.
#include "modem/modem.hpp"
#include "scripted_link.hpp"
#include "transcript.hpp"

#include <doctest/doctest.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

using namespace smsgate;
using namespace smsgate::transcript;

namespace {

// The seed's SMS-DELIVER ("Ok test") and its SMS-SUBMIT ("PS test").
constexpr const char* deliver_pdu = "07912374151616F6040B912374374248F700007011916105334007CF35885E9ED301";
constexpr const char* submit_pdu = "07912374151616F631000B912374374248F70000A707D029885E9ED301";

class Recorder : public modem::Events {
public:
    bool stopping() const override
    {
        std::lock_guard lock(mutex_);
        return stop_;
    }
    void pause_until(std::chrono::steady_clock::time_point deadline) override
    {
        std::unique_lock lock(mutex_);
        stopped_.wait_until(lock, deadline, [this] { return stop_; });
    }
    unsigned long long work_generation() const override { return 0; }
    void state(const modem::State& s) override { last_state = s; }
    void polled() override { ++polls; }
    modem::Receipt received(const modem::ReceivedPdu& pdu) override
    {
        received_pdus.push_back(pdu);
        // The one at index 2 could not be committed: it stays on the modem.
        if (pdu.index == 2)
            return {};
        return {true, true, 100 + pdu.index};
    }
    void erased(long long row) override { erased_rows.push_back(row); }
    void swept() override { ++sweeps; }
    bool work(modem::Sender& sender) override
    {
        if (to_send.empty())
            return false;
        auto pdu = to_send.front();
        to_send.pop_front();
        results.push_back(sender.send(pdu, 21));
        return true;
    }
    void stop()
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        stopped_.notify_all();
    }

    modem::State last_state;
    int polls = 0, sweeps = 0;
    std::vector<modem::ReceivedPdu> received_pdus;
    std::vector<long long> erased_rows;
    std::deque<std::string> to_send;
    std::vector<modem::SendResult> results;

private:
    mutable std::mutex mutex_;
    std::condition_variable stopped_;
    bool stop_ = false;
};

// Plays the text against a driver with the recorder above it; the failure
// of the playback, or "".
std::string play(const std::string& text, Recorder& events)
{
    auto transcript = parse_transcript(text, "driver.txt", prologues_in(SMSGATE_TRANSCRIPT_DIR));
    REQUIRE_MESSAGE(transcript.ok(), (transcript.ok() ? "" : transcript.error().what()));
    auto playback = std::make_shared<Playback>(std::move(transcript).value());
    modem::Settings settings;
    settings.name = "gsm0";
    settings.storage = "SM";
    bool opened = false;
    modem::Modem driver(settings, events, [&](const link::LinkConfig&) -> Result<std::unique_ptr<link::Link>> {
        if (opened)
            return make_error("driver.txt", "played already");
        opened = true;
        playback->open();
        return std::unique_ptr<link::Link>(std::make_unique<ScriptedLink>(playback));
    });
    std::thread thread([&] { driver.run(); });
    if (!playback->wait_end(std::chrono::steady_clock::now() + std::chrono::seconds(5)))
        playback->abort(playback->where() + ": still waiting for the driver");
    events.stop();
    thread.join();
    return playback->failure();
}

} // namespace

TEST_CASE("driver: with a scripted link alone, it reports the modem, its PDUs and its sends as events")
{
    Recorder events;
    events.to_send = {submit_pdu, submit_pdu};
    std::string text = std::string("@init default\n"
                                   "< AT+CMGL=4\n"
                                   "> +CMGL: 1,0,,26\n> ") +
                       deliver_pdu +
                       "\n> +CMGL: 2,0,,26\n> " + deliver_pdu +
                       "\n> OK\n"
                       "# Only the one the layer above kept is deleted.\n"
                       "< AT+CMGD=1\n> OK\n"
                       "< AT+CMGS=21\n>\n< " +
                       submit_pdu +
                       "\\x1a\n> +CMGS: 18\n> OK\n"
                       "< AT+CMGS=21\n>\n< " +
                       submit_pdu + "\\x1a\n> +CMS ERROR: 500\n";
    auto failure = play(text, events);
    CHECK_MESSAGE(failure.empty(), failure);

    REQUIRE(events.received_pdus.size() == 2);
    CHECK(events.received_pdus[0].storage == "SM");
    CHECK(events.received_pdus[0].index == 1);
    CHECK(events.received_pdus[0].length == 26);
    CHECK(events.received_pdus[0].pdu_hex == deliver_pdu);
    CHECK(events.received_pdus[1].index == 2);
    CHECK(events.erased_rows == std::vector<long long>{101});
    CHECK(events.sweeps >= 1);
    CHECK(events.polls >= 1);

    REQUIRE(events.results.size() == 2);
    CHECK(events.results[0].kind == modem::SendResult::Kind::sent);
    CHECK(events.results[0].mr == 18);
    CHECK(events.results[1].kind == modem::SendResult::Kind::cms_error);
    REQUIRE(events.results[1].cms);
    CHECK(events.results[1].cms->code == 500);
    CHECK_FALSE(events.results[1].cms->permanent());

    // The playback ended: the link is gone, and the driver said so.
    CHECK(events.last_state.link == "down");
    CHECK_FALSE(events.last_state.registered);
    CHECK(events.last_state.model == "MC35i");
    CHECK(events.last_state.operator_name == "BASE");
    CHECK(events.last_state.signal_dbm == -65);
    // AT+CPMS said 30 slots; the sweep left the one that was not kept.
    CHECK(events.last_state.storage_slots == 30);
    CHECK(events.last_state.storage_used == 1);
}

TEST_CASE("driver: a send cut off after the PDU went to the modem is reported as interrupted, with the PDU written")
{
    Recorder events;
    events.to_send = {submit_pdu};
    // The playback ends after the PDU: no final result ever comes.
    auto failure = play(std::string("@init default\n< AT+CMGL=4\n> OK\n< AT+CMGS=21\n>\n< ") + submit_pdu + "\\x1a\n",
                        events);
    CHECK_MESSAGE(failure.empty(), failure);
    REQUIRE(events.results.size() == 1);
    CHECK(events.results[0].kind == modem::SendResult::Kind::interrupted);
    CHECK(events.results[0].pdu_written);
    CHECK_FALSE(events.results[0].stopped);
    CHECK_FALSE(events.results[0].error.empty());
}
