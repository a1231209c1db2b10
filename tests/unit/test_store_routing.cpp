// test_store_routing.cpp - what an SMS that comes back may answer: the
// latest job to the number from a mail sender within the window, the name
// senders gave the number; and the language of a job, kept for its mails.
#include "store_fixture.hpp"

using namespace store_test;

namespace {

Job submit_to(Store& store, const std::string& queue_id, const std::string& to, const std::string& sender,
              const std::string& to_name, Seconds now)
{
    NewJob job = new_job(queue_id, to);
    job.sender = sender;
    job.to_name = to_name;
    auto submitted = store.submit(job, one_part, 1, now);
    REQUIRE_MESSAGE(submitted.ok(), submitted.error().what());
    REQUIRE_FALSE(submitted->existing);
    return submitted->job;
}

std::optional<Id> last_to(Store& store, const std::string& to, Seconds since)
{
    auto job = store.last_job_to(to, since);
    REQUIRE_MESSAGE(job.ok(), job.error().what());
    if (!*job)
        return std::nullopt;
    CHECK((*job)->parts.empty()); // without parts
    return (*job)->id;
}

std::string name_of(Store& store, const std::string& to)
{
    auto name = store.name_for_number(to);
    REQUIRE_MESSAGE(name.ok(), name.error().what());
    return *name;
}

} // namespace

TEST_CASE("store: last_job_to finds the latest job to the number from a sender, within the window")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    const std::string other = "+32470000001";
    CHECK_FALSE(last_to(*store, number, 0).has_value());

    Job j1 = submit_to(*store, "J1", number, "ps@example.com", "Jan", 1000);
    submit_to(*store, "BOUNCE", number, "", "", 2000); // a bounce: nobody to answer
    submit_to(*store, "ELSE", other, "x@example.com", "", 2500);
    CHECK(last_to(*store, number, 0) == j1.id);
    CHECK(last_to(*store, number, 1000) == j1.id); // created at the start of the window
    CHECK_FALSE(last_to(*store, number, 1001).has_value());

    Job j4 = submit_to(*store, "J4", number, "other@example.com", "", 3000);
    CHECK(last_to(*store, number, 0) == j4.id); // the latest wins
    CHECK(last_to(*store, number, 3000) == j4.id);
    CHECK_FALSE(last_to(*store, number, 3001).has_value());
    auto found = store->last_job_to(number, 0);
    CHECK((*found)->sender == "other@example.com");

    // Created in the same second: the later id wins.
    Job j5 = submit_to(*store, "J5", number, "third@example.com", "", 3000);
    CHECK(last_to(*store, number, 0) == j5.id);
    CHECK(last_to(*store, other, 0).has_value());
    CHECK_FALSE(last_to(*store, "+32470000002", 0).has_value());
    CHECK_FALSE(last_to(*store, "0477324847", 0).has_value()); // compared as stored
}

TEST_CASE("store: name_for_number is the latest display name given to the number")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    CHECK(name_of(*store, number).empty());
    submit_to(*store, "J1", number, "ps@example.com", "Jan", 1000);
    submit_to(*store, "J2", number, "", "Jan Peeters", 1500); // a bounce's name counts
    submit_to(*store, "J3", number, "ps@example.com", "", 2000); // no name: keeps the last one
    submit_to(*store, "ELSE", "+32470000001", "ps@example.com", "Piet", 2500);
    CHECK(name_of(*store, number) == "Jan Peeters");
    CHECK(name_of(*store, "+32470000001") == "Piet");
    CHECK(name_of(*store, "+32470000002").empty());
    submit_to(*store, "J4", number, "ps@example.com", "Jan (work)", 3000);
    CHECK(name_of(*store, number) == "Jan (work)");
}

TEST_CASE("store: the language of a job is kept and read back by every reader")
{
    TempDir dir;
    std::string path = dir.file("state.db");
    auto store = open_store(path);
    NewJob dutch = new_job("NL1");
    dutch.language = "nl";
    auto submitted = store->submit(dutch, one_part, 1, 1000);
    REQUIRE(submitted.ok());
    CHECK(submitted->job.language == "nl");
    Job plain = submit(*store, "EN1", one_part, 1000, "+32470000001");
    CHECK(plain.language.empty());
    Id id = submitted->job.id;

    CHECK(reload(*store, id).language == "nl");
    CHECK(store->job_by_key(dutch.key)->value().language == "nl");
    CHECK(store->runnable_jobs("gsm0", 1000, 10)->front().language == "nl");
    CHECK(store->open_jobs()->front().language == "nl");
    CHECK(store->recent_jobs(10)->back().language == "nl");
    CHECK(store->last_job_to(number, 0)->value().language == "nl");
    send_all(*store, reload(*store, id), "gsm0", 1, 1001);
    CHECK(store->jobs_awaiting_reports(2000, 0, 10)->front().language == "nl");

    // A resubmission keeps the job as it was.
    NewJob again = dutch;
    again.language = "fr";
    CHECK(store->submit(again, one_part, 1, 2000)->job.language == "nl");
    store.reset();
    CHECK(reload(*open_store(path), id).language == "nl");
}
