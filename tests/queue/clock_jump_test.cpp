#include <catch2/catch.hpp>

#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

TEST_CASE("A clock set back or forward during the day changes no number, order or business day", "[queue][clock]") {
    QueueFixture f;
    f.clock.set(kMonday0800 + 150 * kMinute);  // 10:30 by a clock running 30 minutes fast
    CHECK(f.take("HT") == "A001");
    f.clock.advanceMinutes(5);
    CHECK(f.take("HT") == "A002");

    SECTION("set back 35 minutes (corrected at 10:00)") {
        f.clock.advanceMinutes(-35);
        CHECK(f.take("HT") == "A003");
        CHECK(f.take("HT") == "A004");
        // First come, first served still holds: A001, A002 were there before A003.
        CHECK(f.callNext(1) == "A001");
        f.queue->noShow(1);
        CHECK(f.callNext(1) == "A002");
        f.queue->noShow(1);
        CHECK(f.callNext(1) == "A003");
    }
    SECTION("set back across midnight: the day does not go back") {
        f.clock.advance(-kDay);
        CHECK(f.take("HT") == "A003");
        CHECK(f.queue->status().businessDay == "2026-11-30");
        CHECK(f.db.queryInt("SELECT COUNT(DISTINCT business_day) FROM tickets") == 1);
        CHECK(f.db.queryInt("SELECT COUNT(*) FROM tickets WHERE state = 'expired'") == 0);
    }
    SECTION("set forward within the day") {
        f.clock.advanceMinutes(90);
        CHECK(f.take("HT") == "A003");
        CHECK(f.queue->status().businessDay == "2026-11-30");
    }
    SECTION("a ticket put back at the end stays behind everyone even with the clock set back") {
        f.callNext(1);
        f.clock.advanceMinutes(-60);
        REQUIRE(f.queue->returnToQueue(1, false).ok());
        CHECK(f.callNext(1) == "A002");
    }
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM (SELECT number FROM tickets GROUP BY service_id, business_day, number "
                        "HAVING COUNT(*) > 1)") == 0);
}
