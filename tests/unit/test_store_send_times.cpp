// What a modem's send limits count: the times its parts went out, as the
// store records them, after a reopening too.
#include "store_fixture.hpp"

using namespace store_test;

TEST_CASE("store: sent_times gives the parts a modem sent after a time, oldest first, each part once")
{
    TempDir dir;
    auto path = dir.file("state.db");
    {
        auto store = open_store(path);
        Job three = submit(*store, "S1", three_parts, 1000);
        REQUIRE(*store->claim_job(three.id, "gsm0", 1001));
        REQUIRE(store->mark_part_sent(three.parts[0].id, 1, "gsm0", 1010).ok());
        REQUIRE(store->mark_part_sent(three.parts[1].id, 2, "gsm0", 1020).ok());
        // The third part is still being sent: not counted.
        REQUIRE(store->mark_part_sending(three.parts[2].id, "gsm0", 1030).ok());
        Job other = submit(*store, "S2", one_part, 1000);
        REQUIRE(*store->claim_job(other.id, "gsm1", 1001));
        REQUIRE(store->mark_part_sent(other.parts[0].id, 3, "gsm1", 1015).ok());
    }
    auto store = open_store(path); // what a restart reads
    CHECK(*store->sent_times("gsm0", 0) == std::vector<Seconds>{1010, 1020});
    CHECK(*store->sent_times("gsm0", 1010) == std::vector<Seconds>{1020});
    CHECK(*store->sent_times("gsm1", 0) == std::vector<Seconds>{1015});
    CHECK(store->sent_times("gsm2", 0)->empty());
}
