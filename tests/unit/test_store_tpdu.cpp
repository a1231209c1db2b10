// test_store_tpdu.cpp - parts kept as their TPDU. Before schema 7 a part
// was kept with the worker's SMSC (or 00) in front; a database written
// then opens with each part's TPDU alone, and a queued part goes out as
// the same bytes as before when the worker's SMSC is the same.
#include "sms/cmgs_pdu.hpp"
#include "store/schema.hpp"
#include "store_fixture.hpp"

using namespace store_test;

namespace {

// Schema 6: job 1 queued with two parts kept with the seed's SMSC in front
// (a worker with smsc = +32475161616), job 2 queued with one part kept with
// 00 in front (a worker without an SMSC).
// Returns the database's path, in `dir`.
std::string write_version_6(const TempDir& dir)
{
    std::string path = dir.file("state.db");
    OldDatabase db(path, 6);
    for (int job : {1, 2})
        db.exec("INSERT INTO jobs (id, queue_id, recipient, mail_key, number, sender, from_name, to_name, "
                     "notify, text, state, concat_ref, created, updated) VALUES (" +
                         std::to_string(job) + ", 'Q" + std::to_string(job) +
                         "', '+32477324847@sms.example.com', '', '+32477324847', 'ps@example.com', '', '', 'all', "
                         "'PS test', 'queued', 7, 1000, 1000)");
    db.exec("INSERT INTO parts (job, seq, pdu_hex, tpdu_length, state) VALUES (1, 1, '" + seed_submit +
                     "', 21, 'pending'), (1, 2, '07912374151616F6" + seed_tpdu + "', 21, 'pending'), "
                     "(2, 1, '00" + seed_tpdu + "', 21, 'pending')");
    return path;
}

} // namespace

TEST_CASE("store: parts kept with an SMSC before schema 7 keep their TPDU, and go out as before")
{
    TempDir dir;
    std::string path = write_version_6(dir);
    auto store = open_store(path);

    Job with_smsc = reload(*store, 1);
    REQUIRE(with_smsc.parts.size() == 2);
    for (const Part& part : with_smsc.parts) {
        CHECK(part.tpdu_hex == seed_tpdu);
        CHECK(part.tpdu_length == 21);
        // A modem without an SMSC of its own, the worker's as it was.
        CHECK(smsgate::sms::cmgs_pdu_hex({"", seed_smsc}, part.tpdu_hex) == seed_submit);
    }
    Job sim_smsc = reload(*store, 2);
    REQUIRE(sim_smsc.parts.size() == 1);
    CHECK(sim_smsc.parts[0].tpdu_hex == seed_tpdu);
    CHECK(smsgate::sms::cmgs_pdu_hex({"", ""}, sim_smsc.parts[0].tpdu_hex) == "00" + seed_tpdu);

    // Opened again, nothing is cut twice.
    store.reset();
    store = open_store(path);
    CHECK(reload(*store, 1).parts[0].tpdu_hex == seed_tpdu);
}
