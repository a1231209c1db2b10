// test_store_report_records.cpp - the reports decided about each job: each
// kind once, with its mail queued in the same transaction or not at all;
// and the sent jobs still waiting for a handset or failed report.
#include "store_fixture.hpp"

using namespace store_test;

namespace {

OutMail report_mail(const std::string& key, Id job, Seconds created)
{
    OutMail m;
    m.key = key;
    m.job = job;
    m.recipient = "ps@example.com";
    m.message = "Subject: " + key + "\r\n\r\nreport\r\n";
    m.created = created;
    return m;
}

std::vector<std::string> report_texts(Store& store, Id job)
{
    auto records = store.job_reports(job);
    REQUIRE_MESSAGE(records.ok(), records.error().what());
    std::vector<std::string> texts;
    for (const ReportRecord& r : *records)
        texts.push_back(std::string(smsgate::checks::report_word(r.kind)) + " " + r.detail + " @" + std::to_string(r.time));
    return texts;
}

std::vector<Id> awaiting(Store& store, Seconds sent_before, int limit = 100)
{
    auto jobs = store.jobs_awaiting_reports(sent_before, 0, limit);
    REQUIRE_MESSAGE(jobs.ok(), jobs.error().what());
    std::vector<Id> ids;
    for (const Job& j : *jobs)
        ids.push_back(j.id);
    return ids;
}

} // namespace

TEST_CASE("store: a report is recorded once, and its mail queued once")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job job = submit(*store, "Q1", one_part, 1000);
    send_all(*store, job, "gsm0", 5, 1000);
    std::string key = "job:" + std::to_string(job.id) + ":network";

    auto first = store->record_report(job.id, smsgate::checks::Report::network, "mr 5", report_mail(key, job.id, 1001), 1001);
    REQUIRE_MESSAGE(first.ok(), first.error().what());
    CHECK(*first);
    CHECK(*store->mail_known(key));
    CHECK(*store->outbox_depth() == 1);

    // Decided again (a restart, a second report): nothing recorded or queued.
    CHECK_FALSE(*store->record_report(job.id, smsgate::checks::Report::network, "mr 5", report_mail(key, job.id, 1002), 1002));
    CHECK_FALSE(*store->record_report(job.id, smsgate::checks::Report::network, "again", report_mail(key + "-2", job.id, 1002), 1002));
    CHECK_FALSE(*store->mail_known(key + "-2"));
    CHECK_FALSE(*store->record_report(job.id, smsgate::checks::Report::network, "again", std::nullopt, 1002));
    CHECK(*store->outbox_depth() == 1);
    CHECK(report_texts(*store, job.id) == std::vector<std::string>{"network mr 5 @1001"});
    auto due = store->due_mails(1001, 10);
    REQUIRE(due->size() == 1);
    CHECK(due->front().job == job.id);

    // Without a mail (the sender's level asked for none): recorded all the same.
    CHECK(*store->record_report(job.id, smsgate::checks::Report::trying, "part 1 st=48", std::nullopt, 1003));
    CHECK(*store->outbox_depth() == 1);
    CHECK(*store->record_report(job.id, smsgate::checks::Report::handset, "st=0",
                                report_mail("job:" + std::to_string(job.id) + ":handset", job.id, 1004), 1004));
    CHECK(*store->outbox_depth() == 2);
    // In the order recorded, not by kind.
    CHECK(report_texts(*store, job.id) ==
          std::vector<std::string>{"network mr 5 @1001", "trying part 1 st=48 @1003", "handset st=0 @1004"});
    CHECK(*store->record_report(job.id, smsgate::checks::Report::failed, "expired", std::nullopt, 1005));
    CHECK(report_texts(*store, job.id).size() == 4);
}

TEST_CASE("store: a report whose mail key is known is not recorded")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job job = submit(*store, "Q1", one_part, 1000);
    send_all(*store, job, "gsm0", 5, 1000);
    REQUIRE(*store->queue_mail(report_mail("taken", job.id, 1000)));

    auto refused = store->record_report(job.id, smsgate::checks::Report::handset, "st=0", report_mail("taken", job.id, 1001), 1001);
    REQUIRE(refused.ok());
    CHECK_FALSE(*refused);
    CHECK(report_texts(*store, job.id).empty());
    CHECK(*store->outbox_depth() == 1);
    CHECK(awaiting(*store, 2000) == std::vector<Id>{job.id}); // handset not recorded

    // The same key, sent and so still known, refuses as well.
    REQUIRE(store->mail_sent(store->due_mails(1000, 1)->front().id, 1002).ok());
    CHECK_FALSE(*store->record_report(job.id, smsgate::checks::Report::handset, "st=0", report_mail("taken", job.id, 1003), 1003));
    CHECK(report_texts(*store, job.id).empty());
    CHECK(*store->record_report(job.id, smsgate::checks::Report::handset, "st=0", report_mail("fresh", job.id, 1004), 1004));
    CHECK(report_texts(*store, job.id) == std::vector<std::string>{"handset st=0 @1004"});
}

TEST_CASE("store: record_report refuses an unknown job or mail")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job job = submit(*store, "Q1", one_part, 1000);
    auto no_job = store->record_report(4242, smsgate::checks::Report::network, "", report_mail("job:4242:network", 4242, 1001), 1001);
    REQUIRE_FALSE(no_job.ok());
    CHECK(no_job.error().field == "record_report");
    CHECK_FALSE(*store->mail_known("job:4242:network")); // rolled back with the report

    auto no_key = store->record_report(job.id, smsgate::checks::Report::network, "", report_mail("", job.id, 1001), 1001);
    REQUIRE_FALSE(no_key.ok());
    CHECK(no_key.error().field == "record_report");
    CHECK(report_texts(*store, job.id).empty());
    CHECK(*store->outbox_depth() == 0);
}

TEST_CASE("store: sent jobs await reports until a handset or failed report is recorded")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    Job a = submit(*store, "A", one_part, 1000);
    send_all(*store, a, "gsm0", 1, 1000);
    Job queued = submit(*store, "QUEUED", one_part, 900); // never sent
    Job b = submit(*store, "B", one_part, 1100);
    send_all(*store, b, "gsm0", 2, 2000);
    // C: part 1 long ago, part 2 only at 3000; the last part counts.
    Job c = submit(*store, "C", {{"00AA", 5}, {"00BB", 5}}, 1200);
    REQUIRE(*store->claim_job(c.id, "gsm0", 1200));
    REQUIRE(store->mark_part_sent(c.parts[0].id, 3, "gsm0", 1200).ok());
    REQUIRE(store->mark_part_sent(c.parts[1].id, 4, "gsm0", 3000).ok());
    REQUIRE(store->finish_job(c.id, JobState::sent, "2.0.0", "sent", 3000).ok());
    // A failed job is decided already; a sending one is not sent yet.
    Job failed = submit(*store, "F", one_part, 800);
    REQUIRE(*store->claim_job(failed.id, "gsm0", 800));
    REQUIRE(store->mark_part_sent(failed.parts[0].id, 9, "gsm0", 800).ok());
    REQUIRE(store->finish_job(failed.id, JobState::failed, "5.0.0", "no", 800).ok());
    Job sending = submit(*store, "S", {{"00AA", 5}, {"00BB", 5}}, 700);
    REQUIRE(*store->claim_job(sending.id, "gsm0", 700));
    REQUIRE(store->mark_part_sent(sending.parts[0].id, 10, "gsm0", 700).ok());

    CHECK(awaiting(*store, 1000).empty()); // A's part was sent at 1000, not before
    CHECK(awaiting(*store, 1001) == std::vector<Id>{a.id});
    CHECK(awaiting(*store, 2001) == std::vector<Id>{a.id, b.id});
    CHECK(awaiting(*store, 3001) == std::vector<Id>{a.id, b.id, c.id}); // oldest first
    CHECK(awaiting(*store, 3001, 2) == std::vector<Id>{a.id, b.id});
    // Jobs that have not changed since a time are left out.
    auto active = store->jobs_awaiting_reports(3001, 2000, 10);
    REQUIRE(active.ok());
    REQUIRE(active->size() == 2);
    CHECK((*active)[0].id == b.id);
    CHECK((*active)[1].id == c.id);

    auto with_parts = store->jobs_awaiting_reports(3001, 0, 10);
    REQUIRE(with_parts.ok());
    REQUIRE(with_parts->size() == 3);
    REQUIRE((*with_parts)[2].parts.size() == 2);
    CHECK((*with_parts)[2].parts[1].sent_at == 3000);
    CHECK((*with_parts)[2].parts[1].mr == 4);
    CHECK((*with_parts)[0].state == JobState::sent);

    // network and trying leave a job waiting; handset and failed end it.
    REQUIRE(*store->record_report(a.id, smsgate::checks::Report::network, "mr 1", std::nullopt, 3100));
    REQUIRE(*store->record_report(a.id, smsgate::checks::Report::trying, "st=48", std::nullopt, 3100));
    CHECK(awaiting(*store, 3001) == std::vector<Id>{a.id, b.id, c.id});
    REQUIRE(*store->record_report(a.id, smsgate::checks::Report::handset, "st=0", std::nullopt, 3200));
    CHECK(awaiting(*store, 3001) == std::vector<Id>{b.id, c.id});
    REQUIRE(*store->record_report(c.id, smsgate::checks::Report::failed, "expired", std::nullopt, 3200));
    CHECK(awaiting(*store, 3001) == std::vector<Id>{b.id});
    CHECK(awaiting(*store, 100000, 1) == std::vector<Id>{b.id}); // the limit counts waiting jobs only
}
