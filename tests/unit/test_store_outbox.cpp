// test_store_outbox.cpp - mails for sendmail(1) in the store: queued once
// per key, due by next_try, retried after a failure, sent (the key kept,
// the message dropped), pruned, and counted.
#include "store_fixture.hpp"

using namespace store_test;

namespace {

// A mail with every field that queue_mail sets itself filled with junk.
OutMail mail(const std::string& key, Seconds created, std::optional<Id> job = std::nullopt)
{
    OutMail m;
    m.id = 99;
    m.key = key;
    m.job = job;
    m.envelope_sender = "";
    m.recipient = "ps@example.com";
    m.message = "From: SMS gateway <sms@example.com>\r\nSubject: " + key + "\r\n\r\nbody\r\n";
    m.state = MailState::sent;
    m.created = created;
    m.attempts = 5;
    m.next_try = 1;
    m.last_error = "old";
    m.sent_at = 7;
    return m;
}

std::vector<std::string> due_keys(Store& store, Seconds now, int limit = 100)
{
    auto due = store.due_mails(now, limit);
    REQUIRE_MESSAGE(due.ok(), due.error().what());
    std::vector<std::string> keys;
    for (const OutMail& m : *due)
        keys.push_back(m.key);
    return keys;
}

OutMail due_mail(Store& store, Seconds now, const std::string& key)
{
    auto due = store.due_mails(now, 100);
    REQUIRE(due.ok());
    for (const OutMail& m : *due)
        if (m.key == key)
            return m;
    FAIL("mail " << key << " is not due at " << now);
    return {};
}

} // namespace

TEST_CASE("store: the outbox queues a mail once per key, due by next_try")
{
    TempDir dir;
    std::string path = dir.file("state.db");
    auto store = open_store(path);
    Job job = submit(*store, "Q1", one_part, 900);

    CHECK(*store->queue_mail(mail("job:1:network", 1000)));
    CHECK_FALSE(*store->queue_mail(mail("job:1:network", 1001))); // the key is known
    CHECK(*store->queue_mail(mail("incoming:7", 1010, job.id)));
    CHECK(*store->queue_mail(mail("incoming:6", 1005)));
    CHECK(*store->mail_known("job:1:network"));
    CHECK_FALSE(*store->mail_known("job:1:handset"));
    CHECK(*store->outbox_depth() == 3);

    CHECK(due_keys(*store, 999).empty());
    CHECK(due_keys(*store, 1005) == std::vector<std::string>{"job:1:network", "incoming:6"});
    CHECK(due_keys(*store, 2000, 2) == std::vector<std::string>{"job:1:network", "incoming:6"});

    // What queue_mail set itself, and what it kept.
    OutMail first = due_mail(*store, 1000, "job:1:network");
    CHECK(first.id > 0);
    CHECK(first.id != 99);
    CHECK(first.state == MailState::queued);
    CHECK(first.created == 1000);
    CHECK(first.next_try == 1000);
    CHECK(first.attempts == 0);
    CHECK(first.last_error.empty());
    CHECK(first.sent_at == 0);
    CHECK_FALSE(first.job.has_value());
    CHECK(first.envelope_sender.empty());
    CHECK(first.recipient == "ps@example.com");
    CHECK(first.message == mail("job:1:network", 1000).message);
    CHECK(due_mail(*store, 1010, "incoming:7").job == job.id);
}

TEST_CASE("store: a failed mail waits for its next try, a sent one keeps its key until pruned")
{
    TempDir dir;
    std::string path = dir.file("state.db");
    auto store = open_store(path);
    REQUIRE(*store->queue_mail(mail("a", 1000)));
    REQUIRE(*store->queue_mail(mail("b", 1010)));
    REQUIRE(*store->queue_mail(mail("c", 1005)));
    Id a = due_mail(*store, 1000, "a").id;
    Id c = due_mail(*store, 1005, "c").id;

    // sendmail failed: not due again before 1100.
    REQUIRE(store->mail_failed(a, 1100, "sendmail: exit status 75").ok());
    CHECK(due_keys(*store, 1099) == std::vector<std::string>{"c", "b"});
    CHECK(due_keys(*store, 1100) == std::vector<std::string>{"c", "b", "a"});
    OutMail retried = due_mail(*store, 1100, "a");
    CHECK(retried.attempts == 1);
    CHECK(retried.next_try == 1100);
    CHECK(retried.last_error == "sendmail: exit status 75");
    REQUIRE(store->mail_failed(a, 1300, "sendmail: killed by signal 9").ok());
    CHECK(due_keys(*store, 1299) == std::vector<std::string>{"c", "b"});
    CHECK(due_mail(*store, 1300, "a").attempts == 2);
    CHECK(*store->outbox_depth() == 3);

    // sendmail took it: no longer due or counted, the message gone, the key known.
    REQUIRE(store->mail_sent(a, 1300).ok());
    CHECK(*store->outbox_depth() == 2);
    CHECK(due_keys(*store, 5000) == std::vector<std::string>{"c", "b"});
    CHECK(*store->mail_known("a"));
    CHECK_FALSE(*store->queue_mail(mail("a", 1400)));
    CHECK(*store->outbox_depth() == 2);
    CHECK(pragma_text(path, "SELECT state || ' ' || sent_at || ' [' || message || ']' FROM outbox WHERE key = 'a'") ==
          "sent 1300 []");

    // A sent mail cannot be sent or fail again; an unknown one is an error.
    auto twice = store->mail_sent(a, 1301);
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().field == "mail_sent");
    CHECK(twice.error().message == "mail " + std::to_string(a) + " is already sent");
    CHECK_FALSE(store->mail_failed(a, 1500, "late").ok());
    auto unknown = store->mail_failed(4242, 1500, "x");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().field == "mail_failed");
    CHECK(unknown.error().message == "mail 4242 is not in the outbox");
    CHECK_FALSE(store->mail_sent(4242, 1500).ok());
    CHECK(pragma_text(path, "SELECT sent_at FROM outbox WHERE key = 'a'") == "1300"); // unchanged

    // Pruning forgets sent mails sent before the cutoff, never queued ones.
    REQUIRE(store->mail_sent(c, 1400).ok());
    CHECK(*store->prune_mails(1300) == 0); // a was sent at 1300, not before
    CHECK(*store->prune_mails(1301) == 1);
    CHECK_FALSE(*store->mail_known("a"));
    CHECK(*store->mail_known("c"));
    CHECK(*store->prune_mails(100000) == 1);
    CHECK(*store->mail_known("b")); // still queued
    CHECK(*store->outbox_depth() == 1);
    CHECK(*store->queue_mail(mail("a", 2000))); // forgotten: a new mail
    CHECK(*store->outbox_depth() == 2);
}

TEST_CASE("store: the outbox survives a restart")
{
    TempDir dir;
    std::string path = dir.file("state.db");
    {
        auto store = open_store(path);
        REQUIRE(*store->queue_mail(mail("a", 1000)));
        REQUIRE(*store->queue_mail(mail("b", 1000)));
        REQUIRE(store->mail_failed(due_mail(*store, 1000, "a").id, 1060, "exit 75").ok());
        REQUIRE(store->mail_sent(due_mail(*store, 1000, "b").id, 1001).ok());
    }
    auto store = open_store(path);
    CHECK(*store->outbox_depth() == 1);
    CHECK(due_keys(*store, 1059).empty());
    CHECK(due_mail(*store, 1060, "a").attempts == 1);
    CHECK_FALSE(*store->queue_mail(mail("b", 2000)));
}

TEST_CASE("store: a mail without a key or a recipient is refused")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    auto no_key = store->queue_mail(mail("", 1000));
    REQUIRE_FALSE(no_key.ok());
    CHECK(no_key.error().field == "queue_mail");
    OutMail nobody = mail("x", 1000);
    nobody.recipient.clear();
    auto no_recipient = store->queue_mail(nobody);
    REQUIRE_FALSE(no_recipient.ok());
    CHECK(no_recipient.error().message == "mail x has no recipient");
    CHECK(*store->outbox_depth() == 0);
    CHECK_FALSE(*store->mail_known("x"));
}

TEST_CASE("store: mails about no job (incoming SMS) are due before the reports queued ahead of them")
{
    TempDir dir;
    auto store = open_store(dir.file("state.db"));
    REQUIRE(*store->queue_mail(mail("job:1:network", 1000, 1)));
    REQUIRE(*store->queue_mail(mail("job:2:network", 1001, 2)));
    REQUIRE(*store->queue_mail(mail("incoming:9", 1005)));
    REQUIRE(*store->queue_mail(mail("job:1:handset", 1002, 1)));
    REQUIRE(*store->queue_mail(mail("undecodable:3", 1003)));
    CHECK(due_keys(*store, 2000) ==
          std::vector<std::string>{"undecodable:3", "incoming:9", "job:1:network", "job:2:network", "job:1:handset"});
    CHECK(due_keys(*store, 2000, 1) == std::vector<std::string>{"undecodable:3"});
    // Only what is due: an incoming SMS waiting for its next try does not come first.
    REQUIRE(store->mail_failed(due_mail(*store, 2000, "undecodable:3").id, 3000, "exit 75").ok());
    CHECK(due_keys(*store, 2000, 2) == std::vector<std::string>{"incoming:9", "job:1:network"});
}
