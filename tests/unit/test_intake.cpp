// The worker's intake of a delivery from the transport (request=deliver):
// the milter's checks, the senders table read again when its file changes,
// and the sender's quota claimed in a real quota book file.
#include "store_fixture.hpp"
#include "transport_fixture.hpp"
#include "worker/intake.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace smsgate;
using namespace transport_test;

namespace {

proto::DeliverRequest request(std::string queue_id, std::string sender, const std::string& mail = seed_mail)
{
    auto d = delivery(std::move(sender));
    d.queue_id = std::move(queue_id);
    return {d, mail, static_cast<long long>(mail.size())};
}

void write(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::trunc);
    out << text;
}

const Verdict* refusal(const std::variant<Verdict, proto::SubmitRequest>& taken)
{
    return std::get_if<Verdict>(&taken);
}

} // namespace

TEST_CASE("intake: the seed mail becomes the seed's submission, a refusal is the milter's verdict")
{
    store_test::TempDir dir;
    auto sms = sms_config();
    sms.senders = dir.file("senders");
    write(sms.senders, seed_senders);
    worker::Intake intake(sms, dir.file("quota.db"));
    auto taken = intake.take(request("4F1A2B3C", "ps@example.com"), 1700000000);
    REQUIRE_FALSE(refusal(taken));
    const auto& r = std::get<proto::SubmitRequest>(taken);
    CHECK(r.text == "PS test");
    CHECK(r.number == "+32477324847");
    CHECK(r.queue_id == "4F1A2B3C");

    auto stranger = intake.take(request("4F1A2B3D", "eve@elsewhere.example"), 1700000000);
    REQUIRE(refusal(stranger));
    CHECK(refusal(stranger)->code == "5.7.1");
    CHECK(refusal(stranger)->text == "only example.com may send SMS");
}

TEST_CASE("intake: an edit of the senders table counts from the next delivery, a table that cannot be read defers")
{
    store_test::TempDir dir;
    auto sms = sms_config();
    sms.senders = dir.file("senders");
    write(sms.senders, "default reject no SMS here\n");
    worker::Intake intake(sms, dir.file("quota.db"));
    REQUIRE(refusal(intake.take(request("Q1", "a@example.com"), 1700000000)));
    // Another size: seen even within the same tick of the clock.
    write(sms.senders, "default allow\n");
    CHECK_FALSE(refusal(intake.take(request("Q2", "a@example.com"), 1700000000)));
    write(sms.senders, "default allow partz=2\n");
    auto broken = intake.take(request("Q3", "a@example.com"), 1700000000);
    REQUIRE(refusal(broken));
    CHECK(refusal(broken)->code == "4.3.5");
    CHECK(refusal(broken)->text.rfind("senders table ", 0) == 0);
}

TEST_CASE("intake: the quota is claimed in the book once per queue id and number")
{
    store_test::TempDir dir;
    auto sms = sms_config();
    sms.senders = dir.file("senders");
    write(sms.senders, "default allow quota=1/hour\n");
    worker::Intake intake(sms, dir.file("quota.db"));
    const std::int64_t now = 1700000000;
    CHECK_FALSE(refusal(intake.take(request("Q1", "a@example.com"), now)));
    // The same delivery tried again is not counted twice.
    CHECK_FALSE(refusal(intake.take(request("Q1", "a@example.com"), now)));
    auto over = intake.take(request("Q2", "a@example.com"), now);
    REQUIRE(refusal(over));
    CHECK(refusal(over)->code == "4.7.1");
    // Another sender has a quota of its own.
    CHECK_FALSE(refusal(intake.take(request("Q3", "b@example.com"), now)));

    // A book that cannot be opened defers.
    worker::Intake nowhere(sms, dir.file("no/such/dir/quota.db"));
    auto unavailable = nowhere.take(request("Q4", "a@example.com"), now);
    REQUIRE(refusal(unavailable));
    CHECK(refusal(unavailable)->code == "4.3.0");
    CHECK(refusal(unavailable)->text.rfind("the SMS quota cannot be checked now: ", 0) == 0);
}
