// test_mail_key.cpp - a job's key apart from its Message-ID. Before schema
// 6 one column held both: the Message-ID, or "sha256:" and the digest of a
// mail without one. A database written then opens with every job keeping
// its key, threads under its Message-ID and under no digest, and a delivery
// of the same mail tried again finds its job instead of sending again.
#include "mail/digest.hpp"
#include "store/schema.hpp"
#include "store_fixture.hpp"
#include "transport_fixture.hpp"
#include "config/worker_section.hpp"
#include "worker/mail_writer.hpp"
#include "worker/router.hpp"
#include "worker/submission.hpp"

using namespace store_test;
using namespace transport_test;

namespace {

// The mail without a Message-ID that the tests deliver.
const std::string no_id_mail = mail_with("Subject: lunch\r\n", "lunch at one\r\n");

// A database as smsgated left it at schema 5, with two sent jobs keyed as
// the transport of then keyed them: job 1 by the seed mail's Message-ID,
// job 2 (queue id 5B2C3D4E) by the digest of a mail without one.
// Returns the database's path, in `dir`.
std::string write_version_5(const TempDir& dir)
{
    std::string path = dir.file("state.db");
    OldDatabase db(path, 5);
    const std::string columns = "INSERT INTO jobs (id, queue_id, recipient, message_id, number, sender, from_name, "
                                "to_name, notify, text, state, modem, dsn, reason, concat_ref, created, updated) ";
    db.exec(columns + "VALUES (1, '4F1A2B3C', '+32477324847@sms.example.com', '4F1A2B3C@mail.example.com', "
                           "'+32477324847', 'ps@example.com', 'P. Sommers', 'SMS PS', 'all', 'PS test', 'sent', "
                           "'gsm0', '2.0.0', 'sent', 7, 1000, 1010)");
    db.exec(columns + "VALUES (2, '5B2C3D4E', '+32477324847@sms.example.com', '" +
                     smsgate::mail::content_digest(no_id_mail) +
                     "', '+32477324847', 'a@example.com', '', '', 'failure', 'lunch at one', 'sent', 'gsm0', "
                     "'2.0.0', 'sent', 8, 1100, 1110)");
    for (int job : {1, 2})
        db.exec("INSERT INTO parts (job, seq, pdu_hex, tpdu_length, state, mr, modem, sent_at) VALUES (" +
                         std::to_string(job) + ", 1, '" + seed_submit + "', 21, 'sent', " +
                         std::to_string(17 + job) + ", 'gsm0', 1005)");
    return path;
}

// Modem gsm0 up and registered: the worker takes submissions.
void bring_up(smsgate::worker::Router& router)
{
    router.update("gsm0", [](smsgate::worker::ModemStatus& s) {
        s.link = "up";
        s.registered = true;
    });
}

} // namespace

TEST_CASE("store: jobs keyed before schema 6 keep their key, and thread under their Message-ID only")
{
    TempDir dir;
    auto store = open_store(write_version_5(dir));

    Job seed = reload(*store, 1);
    CHECK(seed.key.mail_key == "4F1A2B3C@mail.example.com");
    CHECK(seed.message_id == "4F1A2B3C@mail.example.com");
    CHECK(smsgate::worker::thread_id(seed) == "4F1A2B3C@mail.example.com");

    Job lunch = reload(*store, 2);
    CHECK(lunch.key.mail_key == smsgate::mail::content_digest(no_id_mail));
    CHECK(lunch.message_id.empty());
    CHECK(smsgate::worker::thread_id(lunch).empty());

    // By their keys, as before.
    CHECK(store->job_by_key(seed.key)->value().id == 1);
    CHECK(store->job_by_key(lunch.key)->value().id == 2);
}

TEST_CASE("worker submit: the same mail delivered again after the migration finds its job")
{
    TempDir dir;
    auto store = open_store(write_version_5(dir));
    smsgate::worker::Router router(std::vector<smsgate::worker::Router::Modem>{{"gsm0", {}}});
    bring_up(router);
    smsgate::config::WorkerConfig config;
    auto senders = table(seed_senders);

    struct Row {
        const char* queue_id;
        std::string mail;
        std::string sender;
        Id job;
    };
    for (const auto& row : {Row{"4F1A2B3C", seed_mail, "ps@example.com", 1},
                            Row{"5B2C3D4E", no_id_mail, "a@example.com", 2}}) {
        auto d = delivery(row.sender);
        d.queue_id = row.queue_id;
        auto p = smsgate::worker::prepare(d, row.mail, sms_config(), senders);
        REQUIRE_FALSE(p.refusal);
        auto decision = smsgate::worker::submit_job(*store, router, config, p.request, 2000);
        CHECK(decision.job == row.job);
        REQUIRE(decision.answer);
        CHECK(decision.answer->already_sent);
    }
    CHECK(store->recent_jobs(10)->size() == 2); // nothing new
}
