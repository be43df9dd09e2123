#include <catch2/catch.hpp>

#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

TEST_CASE("A clock set back or forward during the day changes no number, order or business day",
          "[queue][clock]") {
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
    SECTION("set back across midnight: nothing is issued or called until the clock is right") {
        f.clock.advance(-kDay);
        const auto events = f.eventCount();
        const auto refused = f.queue->take("HT");
        CHECK(refused.outcome == Outcome::ClockWrong);
        CHECK_THAT(refused.message, Catch::Contains("2026-11-29") && Catch::Contains("close-day"));
        CHECK(f.queue->callNext(1).outcome == Outcome::ClockWrong);
        CHECK(f.eventCount() == events);
        CHECK(f.db.queryInt("SELECT COUNT(DISTINCT business_day) FROM tickets") == 1);
        CHECK(f.db.queryInt("SELECT COUNT(*) FROM tickets WHERE state = 'expired'") == 0);
        f.clock.advance(kDay);  // set right again
        CHECK(f.take("HT") == "A003");
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
    CHECK(f.db.queryInt(
              "SELECT COUNT(*) FROM (SELECT number FROM tickets GROUP BY service_id, business_day, number "
              "HAVING COUNT(*) > 1) AS repeated") == 0);
}

TEST_CASE("A clock that was a year ahead does not pin the business day in the future", "[queue][clock]") {
    QueueFixture f;
    CHECK(f.take("HT") == "A001");
    // A bad NTP answer: a year ahead. The guard refuses first (the jump is far beyond a closure)...
    f.clock.advance(365 * kDay);
    CHECK(f.queue->take("HT").outcome == Outcome::ClockWrong);
    // ...until someone confirms the wrong date: tickets are then filed under the future day.
    CHECK(f.queue->closeDay().clockConfirmed);
    CHECK(f.take("HT") == "A001");
    CHECK(f.take("HT") == "A002");
    CHECK(f.take("CT") == "B001");
    f.callNext(2);  // one of them is called at counter 2
    const std::string futureDay = f.queue->status().businessDay;
    CHECK(futureDay == "2027-11-30");

    // The clock is corrected: the business day comes from the clock again, but nothing is issued
    // while the last recorded activity is a year ahead of it.
    f.clock.advance(-365 * kDay + 10 * kMinute);
    CHECK(f.queue->status().businessDay == "2026-11-30");
    const auto refused = f.queue->take("HT");
    CHECK(refused.outcome == Outcome::ClockWrong);
    CHECK_THAT(refused.message, Catch::Contains("2027-11-30"));
    REQUIRE(f.queue->clockCheck());
    CHECK_THAT(*f.queue->clockCheck(), Catch::Contains("dated after today") && Catch::Contains("2027-11-30"));

    // close-day repairs: the open future tickets expire (with the reason in their event), the date is
    // confirmed, and numbering goes on from today's own numbers.
    const auto repair = f.queue->closeDay();
    CHECK(repair.futureTickets == 3);
    CHECK(repair.expiredFuture == 3);
    CHECK(repair.futureDay == futureDay);
    CHECK(repair.clockConfirmed);
    CHECK_FALSE(f.queue->clockCheck());
    CHECK(f.take("HT") == "A002");
    CHECK(f.queue->status().businessDay == "2026-11-30");
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'expire' AND CAST(detail AS TEXT) LIKE "
                        "'%clock was ahead%'") == 3);
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'clock_confirmed'") == 2);
    // A day later numbers restart as usual.
    f.clock.advance(kDay);
    CHECK(f.take("HT") == "A001");
}

TEST_CASE("A clock that jumps weeks ahead of the last activity issues nothing until the date is confirmed",
          "[queue][clock]") {
    QueueFixture f;
    f.take("HT");
    SECTION("nine days of Tết: no question asked") {
        f.clock.advance(9 * kDay);
        CHECK(f.take("HT") == "A001");
    }
    SECTION("forty days: refused, then confirmed by close-day") {
        f.clock.advance(40 * kDay);
        const auto refused = f.queue->take("HT");
        CHECK(refused.outcome == Outcome::ClockWrong);
        CHECK_THAT(refused.message, Catch::Contains("40 days"));
        REQUIRE(f.queue->clockCheck());
        const auto repair = f.queue->closeDay();
        CHECK(repair.clockConfirmed);
        CHECK(repair.expiredEarlier == 1);
        CHECK(f.take("HT") == "A001");
    }
}
