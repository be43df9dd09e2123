// What a counter's officer sees, read through QueueService: the waiting list in call order with the
// reason for the first (the same reason callNext then gives), the tickets held at the counter, and a
// ticket's times for its current leg.
#include <catch2/catch.hpp>

#include "queue/staff_service.h"
#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

TEST_CASE("queueFor gives the call order and, for the first, the reason callNext will give",
          "[queue][counter-view]") {
    QueueFixture f;  // interleave 2
    f.take("HT");
    f.clock.advanceMinutes(1);
    f.take("HT");
    f.clock.advanceMinutes(1);
    f.take("HT", "cao_tuoi");  // A003
    f.clock.advanceMinutes(1);
    f.take("HT");

    for (int round = 0; round < 4; ++round) {
        CAPTURE(round);
        const auto view = f.queue->queueFor(1);
        REQUIRE_FALSE(view.waiting.empty());
        REQUIRE(view.next);
        CHECK_FALSE(view.nextReasonVi.empty());
        CHECK_FALSE(view.nextReasonEn.empty());
        auto called = f.queue->callNext(1);
        REQUIRE(called.ok());
        CHECK(called.value->ticket.number == view.waiting.front().number);
        CHECK(called.value->reason == view.next->reason);
        CHECK(called.value->reasonVi == view.nextReasonVi);
        REQUIRE(f.queue->start(1).ok());
        REQUIRE(f.queue->finish(1).ok());
    }
    const auto empty = f.queue->queueFor(1);
    CHECK(empty.waiting.empty());
    CHECK_FALSE(empty.next);
    CHECK(empty.nextReasonVi.empty());
    // An unknown counter has nothing, and says so by being empty (not an error).
    CHECK(f.queue->queueFor(99).waiting.empty());
    CHECK(f.queue->waitingFor(99).empty());
}

TEST_CASE("heldAt lists today's tickets held at that counter only, longest held first",
          "[queue][counter-view]") {
    QueueFixture f;
    f.take("HT");  // A001
    f.take("HT");  // A002
    f.take("HT");  // A003
    REQUIRE(f.callNext(1) == "A001");
    REQUIRE(f.queue->hold(1).ok());
    f.clock.advanceMinutes(1);
    REQUIRE(f.callNext(2) == "A002");
    REQUIRE(f.queue->hold(2).ok());
    f.clock.advanceMinutes(1);
    REQUIRE(f.callNext(1) == "A003");
    REQUIRE(f.queue->hold(1).ok());

    auto numbers = [](const std::vector<Ticket>& tickets) {
        std::vector<std::string> out;
        for (const auto& t : tickets) out.push_back(t.number);
        return out;
    };
    CHECK(numbers(f.queue->heldAt(1)) == std::vector<std::string>{"A001", "A003"});
    CHECK(numbers(f.queue->heldAt(2)) == std::vector<std::string>{"A002"});
    auto heldCounts = [&] {
        std::vector<int> out;
        for (const auto& c : f.queue->status().counters) out.push_back(c.held);
        return out;
    };
    CHECK(heldCounts() == std::vector<int>{2, 1, 0});  // what status() says for counters 1, 2, 3
    CHECK(f.queue->heldAt(3).empty());
    CHECK(f.queue->heldAt(42).empty());
    // Called back from hold, it is no longer held.
    REQUIRE(f.queue->callNumber(1, "A001").ok());
    CHECK(numbers(f.queue->heldAt(1)) == std::vector<std::string>{"A003"});
    // The next business day starts with nothing held.
    f.clock.advance(kDay);
    CHECK(f.queue->heldAt(1).empty());
    CHECK(heldCounts() == std::vector<int>{0, 0, 0});
}

TEST_CASE("timesOf: issued, and the current leg's queued, called and started times",
          "[queue][counter-view]") {
    QueueFixture f;
    const TimeMs issued = f.clock.now();
    f.take("HT");
    f.clock.advanceMinutes(4);
    REQUIRE(f.callNext(1) == "A001");
    f.clock.advanceMinutes(1);
    REQUIRE(f.queue->start(1).ok());
    auto times = f.queue->timesOf(*f.queue->findToday("A001"));
    CHECK(times.issued == issued);
    CHECK(times.queued == issued);
    CHECK(times.called == issued + 4 * kMinute);
    CHECK(times.started == issued + 5 * kMinute);

    // Transferred: a new leg begins, not yet called.
    f.clock.advanceMinutes(2);
    REQUIRE(f.queue->transfer(1, "CT").ok());
    times = f.queue->timesOf(*f.queue->findToday("A001"));
    CHECK(times.issued == issued);
    CHECK(times.queued == issued + 7 * kMinute);
    CHECK_FALSE(times.called);
    CHECK_FALSE(times.started);

    // Called on the new leg.
    f.clock.advanceMinutes(1);
    REQUIRE(f.callNext(2) == "A001");
    times = f.queue->timesOf(*f.queue->findToday("A001"));
    CHECK(times.called == issued + 8 * kMinute);
    CHECK_FALSE(times.started);
}

TEST_CASE("A ticket left called at closing time is not at the counter the next morning",
          "[queue][counter-view][day]") {
    QueueFixture f;
    motcua::queue::StaffService staff(f.db, f.clock, StaffPolicy{5, 15});
    f.db.exec("INSERT INTO staff(login, name, role) VALUES('lan', 'Nguyễn Thị Lan', 'officer')");
    REQUIRE(staff.setPin("lan", "246813").ok());
    f.take("HT");
    REQUIRE(f.callNext(1) == "A001");
    // The next morning, before anyone has taken a number (no write has expired it yet).
    f.clock.advance(kDay);
    auto counterOne = [&] {
        for (const auto& c : f.queue->status().counters)
            if (c.number == 1) return c;
        FAIL("no counter 1");
        return CounterStatus{};
    };
    CHECK_FALSE(counterOne().current);  // neither the console nor the lobby display shows yesterday's call
    auto login = staff.login("lan", "246813", 1);
    REQUIRE(login.outcome == LoginOutcome::Ok);
    // A break can start; yesterday's ticket is expired, not finished.
    auto onBreak = staff.startBreak(login.staff->id, 1, "Họp giao ban");
    INFO(onBreak.message);
    CHECK(onBreak.ok());
    const auto t = f.db.queryInt("SELECT COUNT(*) FROM tickets WHERE number = 'A001' AND state = 'expired'");
    CHECK(t == 1);
    // Moves on the counter's ticket find none.
    CHECK(f.queue->finish(1).outcome == Outcome::NotAllowed);
}

TEST_CASE("Calling with nothing waiting is answered by a read: it waits for no writer and writes nothing",
          "[queue][call][sqlite-only]") {
    QueueFixture f;
    f.take("CT");  // B001: waiting for counters 2 and 3, not for counter 1
    const auto events = f.eventCount();
    // Another process is in the middle of a write (a kiosk issuing a number, say).
    auto other = openStore(f.path, OpenPurpose::Use);
    other.exec("BEGIN IMMEDIATE");
    // This console's connection would wait at most 100 ms for the write lock, then fail as busy.
    auto mine = openStore(f.path, OpenPurpose::Use, StoreOptions{std::chrono::milliseconds(100)});
    QueueService q(mine, f.clock);
    auto r = q.callNext(1);
    CHECK(r.outcome == Outcome::NothingWaiting);
    CHECK(r.message == "no ticket waiting for counter 1");
    other.exec("COMMIT");
    CHECK(f.eventCount() == events);
    CHECK(q.callNext(9).outcome == Outcome::NotFound);  // unknown counters still say so
    // Something waiting: the full path, and the call is made.
    REQUIRE(q.callNext(2).ok());
}
