// smsgated's socket protocol: attribute lists, framing and bounds, and the
// submit request and outcome reply.
#include "proto/attr.hpp"
#include "proto/requests.hpp"

#include <doctest/doctest.h>

using namespace smsgate::proto;
using smsgate::Result;

namespace {

std::vector<Result<Message>> decode_all(Decoder& d)
{
    std::vector<Result<Message>> out;
    while (auto m = d.next())
        out.push_back(std::move(*m));
    return out;
}

} // namespace

TEST_CASE("protocol: a message survives encoding with every escape, fed byte by byte")
{
    static constexpr char raw[] = "line 1\nline 2\r\n\\ end\0x";
    const std::string text(raw, sizeof raw - 1); // the NUL inside counts
    Message m;
    m.set("request", "submit").set("text", text).set("empty", "");
    auto wire = encode(m);
    CHECK(wire.rfind("smsgate=1\n", 0) == 0);
    CHECK(wire.substr(wire.size() - 2) == "\n\n");
    Decoder d;
    std::vector<Result<Message>> got;
    for (char c : wire) {
        d.feed(std::string_view(&c, 1));
        for (auto& r : decode_all(d))
            got.push_back(std::move(r));
    }
    REQUIRE(got.size() == 1);
    REQUIRE(got[0].ok());
    CHECK(got[0]->get("text") == text);
    CHECK(got[0]->get("empty") == "");
    CHECK(got[0]->get("request") == "submit");
    CHECK_FALSE(got[0]->get("missing"));
}

TEST_CASE("protocol: two messages in one read, then a partial third")
{
    Message a, b;
    a.set("n", 1LL);
    b.set("n", 2LL);
    Decoder d;
    d.feed(encode(a) + encode(b) + "smsgate=1\nn=3");
    auto got = decode_all(d);
    REQUIRE(got.size() == 2);
    CHECK(got[0]->number("n") == 1);
    CHECK(got[1]->number("n") == 2);
    d.feed("\n\n");
    auto third = decode_all(d);
    REQUIRE(third.size() == 1);
    CHECK(third[0]->number("n") == 3);
}

TEST_CASE("protocol: malformed messages are errors, and the decoder stops after one")
{
    struct Row {
        const char* wire;
        const char* why;
    };
    const Row rows[] = {
        {"n=1\n\n", "no version first"},
        {"smsgate=2\nn=1\n\n", "unsupported version"},
        {"smsgate=x\n\n", "version not a number"},
        {"smsgate=1\nno equals sign\n\n", "line without '='"},
        {"smsgate=1\nBad-Name=1\n\n", "bad attribute name"},
        {"smsgate=1\nt=a\\qb\n\n", "unknown escape"},
        {"smsgate=1\nt=ends\\\n\n", "lone backslash"},
        {"\n", "empty message"},
    };
    for (const auto& row : rows) {
        CAPTURE(std::string(row.why));
        Decoder d;
        d.feed(row.wire);
        auto m = d.next();
        REQUIRE(m);
        CHECK_FALSE(m->ok());
        d.feed("smsgate=1\n\n");
        CHECK_FALSE(d.next()); // the connection is done for
    }
}

TEST_CASE("protocol: a message larger than the bound is refused without growing memory")
{
    Decoder d;
    std::string chunk(4096, 'a');
    d.feed("smsgate=1\ntext=");
    std::optional<Result<Message>> m;
    for (int i = 0; i < 32 && !m; ++i) {
        d.feed(chunk);
        m = d.next();
    }
    REQUIRE(m);
    CHECK_FALSE(m->ok());
    CHECK(m->error().message.find("larger") != std::string::npos);

    Decoder many;
    std::string wire = "smsgate=1\n";
    for (std::size_t i = 0; i <= max_attributes; ++i)
        wire += "a=1\n";
    many.feed(wire + "\n");
    auto r = many.next();
    REQUIRE(r);
    CHECK_FALSE(r->ok());
}

TEST_CASE("protocol: submit request round trip and missing fields")
{
    SubmitRequest s{"4F1A2B3C", "+32477324847@sms.example.com", "sha256:00ff", "", "+32477324847",
                    "P.Sommers@sonal.be", "Paul Somers", "SMS PS", smsgate::policy::NotifyLevel::all, "PS test", "nl"};
    Decoder d;
    d.feed(encode(to_message(s)));
    auto m = d.next();
    REQUIRE(m);
    REQUIRE(m->ok());
    CHECK((*m)->get("request") == "submit");
    auto back = submit_from(**m);
    REQUIRE(back.ok());
    CHECK(back->queue_id == "4F1A2B3C");
    CHECK(back->text == "PS test");
    CHECK(back->to_name == "SMS PS");
    CHECK(back->language == "nl");
    CHECK(back->mail_key == "sha256:00ff");
    CHECK(back->notify == smsgate::policy::NotifyLevel::all);
    CHECK((*m)->get("notify") == "all"); // the word, as before
    CHECK(back->message_id.empty());

    // language is optional: a client that does not know it (an older
    // transport) leaves it out, and the default applies.
    Message without;
    without.set("request", "submit").set("queue_id", "X").set("recipient", "r").set("number", "+32477324847");
    without.set("text", "hi");
    auto old = submit_from(without);
    REQUIRE(old.ok());
    CHECK(old->language.empty());
    CHECK(old->from_name.empty());
    // Without notify, or with a word that names no level: failure, the
    // default; a typo never hides a failure.
    CHECK(old->notify == smsgate::policy::NotifyLevel::failure);
    Message typo = without;
    typo.set("notify", "everything");
    CHECK(submit_from(typo)->notify == smsgate::policy::NotifyLevel::failure);
    Message quiet = without;
    quiet.set("notify", "none");
    CHECK(submit_from(quiet)->notify == smsgate::policy::NotifyLevel::none);

    // Without mail_key (a transport older than the attribute), message_id
    // was the key: it stays the key, and is the Message-ID as well.
    without.set("message_id", "a@b");
    auto keyed = submit_from(without);
    REQUIRE(keyed.ok());
    CHECK(keyed->mail_key == "a@b");
    CHECK(keyed->message_id == "a@b");
    without.set("mail_key", "sha256:00ff");
    CHECK(submit_from(without)->mail_key == "sha256:00ff");
    CHECK(submit_from(without)->message_id == "a@b");

    Message partial;
    partial.set("request", "submit").set("queue_id", "X").set("recipient", "r");
    CHECK_FALSE(submit_from(partial).ok());
}

TEST_CASE("protocol: an outcome's DSN class must agree with its status")
{
    struct Row {
        const char* status;
        const char* dsn;
        bool ok;
    };
    const Row rows[] = {
        {"sent", "2.0.0", true},       {"already_sent", "2.0.0", true}, {"temporary", "4.4.1", true},
        {"permanent", "5.1.1", true},  {"permanent", "5.6.100", true},  {"sent", "4.0.0", false},
        {"permanent", "4.4.1", false}, {"temporary", "5.1.1", false},   {"temporary", "", false},
        {"temporary", "4", false},     {"temporary", "4.4", false},     {"temporary", "4.4.1.", false},
        {"temporary", "4.x.1", false}, {"temporary", "3.0.0", false},   {"temporary", "44.0.0", false},
        {"temporary", "4.1000.0", false}, {"maybe", "2.0.0", false},
    };
    for (const auto& row : rows) {
        CAPTURE(std::string(row.status));
        CAPTURE(std::string(row.dsn));
        Message m;
        m.set("status", row.status).set("dsn", row.dsn).set("text", "text").set("job", 7);
        auto back = outcome_from(m);
        CHECK(back.ok() == row.ok);
        if (back.ok()) {
            CHECK(outcome_name(*back) == row.status);
            CHECK(back->verdict.code == row.dsn);
            CHECK(back->job == 7);
            // And back to the same words.
            auto again = to_message(*back);
            CHECK(again.value_or("status", "") == row.status);
            CHECK(again.value_or("dsn", "") == row.dsn);
        }
    }
    CHECK(outcome_from(error_reply("5.5.2", "bad request"))->verdict.permanent());
    CHECK(outcome_from(error_reply("4.3.2", "busy"))->verdict.temporary());
}

TEST_CASE("protocol: deliver request carries the envelope and the whole mail, binary bytes too")
{
    DeliverRequest r;
    r.envelope = {"4F1A2B3C", "", "+32477324847@sms.example.com", "boss", "192.0.2.1"};
    r.mail = std::string("Subject: a\r\n\r\nline\n\\ \0 end\r\n", 28);
    r.mail_size = 1000;
    Decoder d;
    d.allow_larger(deliver_head(), max_deliver_bytes(1024));
    d.feed(encode(to_message(r)));
    auto m = d.next();
    REQUIRE(m);
    REQUIRE(m->ok());
    CHECK(m->value().value_or("request", "") == "deliver");
    auto back = deliver_from(m->value());
    REQUIRE(back.ok());
    CHECK(back->envelope.queue_id == "4F1A2B3C");
    CHECK(back->envelope.sender.empty()); // a bounce: empty, never absent
    CHECK(back->envelope.recipient == "+32477324847@sms.example.com");
    CHECK(back->envelope.sasl_username == "boss");
    CHECK(back->envelope.client_address == "192.0.2.1");
    CHECK(back->mail == r.mail);
    CHECK(back->mail_size == 1000);

    // Without a sender, or with a size below the bytes sent: refused.
    Message no_sender;
    no_sender.set("request", "deliver").set("queue_id", "Q").set("recipient", "r@x").set("mail", "m").set("mail_size", 1);
    CHECK_FALSE(deliver_from(no_sender).ok());
    auto small = to_message(r);
    small.set("mail_size", 3); // the first value counts: still 1000
    CHECK(deliver_from(small).ok());
    r.mail_size = 3;
    CHECK_FALSE(deliver_from(to_message(r)).ok());
}

TEST_CASE("protocol: a mail of max_message_size fits the deliver bound even when every byte is escaped")
{
    DeliverRequest r;
    r.envelope = {"4F1A2B3C", "a@example.com", "+32477324847@sms.example.com", "", ""};
    r.mail = std::string(100000, '\n');
    r.mail_size = 100000;
    auto wire = encode(to_message(r));
    CHECK(wire.size() > max_message_bytes);
    Decoder small;
    small.feed(wire);
    auto refused = small.next();
    REQUIRE(refused);
    CHECK_FALSE(refused->ok());
    Decoder big;
    big.allow_larger(deliver_head(), max_deliver_bytes(100000));
    big.feed(wire);
    auto taken = big.next();
    REQUIRE(taken);
    REQUIRE(taken->ok());
    CHECK(deliver_from(taken->value())->mail == r.mail);

    // Another request of that size keeps the bound of every request.
    Message text;
    text.set("request", "submit").set("text", r.mail);
    Decoder other;
    other.allow_larger(deliver_head(), max_deliver_bytes(100000));
    other.feed(encode(text));
    auto bounded = other.next();
    REQUIRE(bounded);
    CHECK_FALSE(bounded->ok());
}

TEST_CASE("proto: a reply may hold more attributes than a request")
{
    Message big;
    for (int i = 0; i < 1000; ++i)
        big.set("modem" + std::to_string(i) + ".name", "m" + std::to_string(i));
    auto wire = encode(big);
    Decoder request;
    request.feed(wire);
    auto refused = request.next();
    REQUIRE(refused);
    CHECK_FALSE(refused->ok());
    Decoder reply(max_reply_bytes, max_reply_attributes);
    reply.feed(wire);
    auto taken = reply.next();
    REQUIRE(taken);
    REQUIRE(taken->ok());
    CHECK((*taken)->attributes().size() == 1001);
}
