#include <catch2/catch.hpp>

#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

TEST_CASE("Numbers run per service and business day, with prefix and zero padding", "[queue][numbering]") {
    QueueFixture f;
    CHECK(f.take("HT") == "A001");
    CHECK(f.take("HT") == "A002");
    CHECK(f.take("CT") == "B001");
    CHECK(f.take("HT", "cao_tuoi") == "A003");

    SECTION("the next business day starts again at 001 and nothing is deleted") {
        f.clock.advance(kDay);
        CHECK(f.take("HT") == "A001");
        CHECK(f.db.queryInt("SELECT COUNT(*) FROM tickets") == 5);
    }
    SECTION("the day rolls at local midnight, not UTC midnight") {
        // 23:59 local on the same day (16:59 UTC) is still Monday; 00:00 local is Tuesday.
        f.clock.set(kMonday0800 + 15 * 60 * kMinute + 59 * kMinute);
        CHECK(f.take("HT") == "A004");
        f.clock.advance(kMinute);
        CHECK(f.take("HT") == "A001");
    }
    SECTION("numbers beyond 999 keep counting") {
        f.db.exec("UPDATE tickets SET seq = 999, number = 'A999' WHERE number = 'A003'");
        CHECK(f.take("HT") == "A1000");
    }
    SECTION("a ticket of the day from before tickets carried their prefix still counts for its letters") {
        // Found through their own index (migration 0009), not with the prefix's numbers.
        f.db.exec("UPDATE tickets SET prefix = '', seq = 7, number = 'A007' WHERE number = 'A003'");
        CHECK(f.take("HT") == "A008");
        CHECK(f.take("CT") == "B002");
    }
    SECTION("a new number goes after the day's last queue position, whatever state that ticket is in") {
        // The position is read through the (day, position) index (migration 0009): a finished ticket's
        // position counts as a waiting one's does.
        f.db.exec("UPDATE tickets SET queue_key = queue_key + 3600000, state = 'done' WHERE number = 'B001'");
        const auto last = f.db.queryInt("SELECT queue_key FROM tickets WHERE number = 'B001'");
        f.take("HT");
        CHECK(f.db.queryInt("SELECT queue_key FROM tickets WHERE number = 'A004'") == last + 1);
    }
}

TEST_CASE("A ticket goes through call, start and finish, each move one event", "[queue][lifecycle]") {
    QueueFixture f;
    f.take("HT");
    const auto before = f.eventCount();
    auto called = f.queue->callNext(1);
    REQUIRE(called.ok());
    CHECK(called.value->ticket.state == TicketState::Called);
    CHECK(called.value->ticket.counter == 1);
    REQUIRE(f.queue->start(1).ok());
    CHECK(f.state("A001") == TicketState::Serving);
    auto finished = f.queue->finish(1);
    REQUIRE(finished.ok());
    CHECK(finished.value->state == TicketState::Done);
    CHECK_FALSE(finished.value->counter);
    CHECK(f.eventCount() == before + 3);
}

TEST_CASE("Moves that are not allowed are refused with a reason and change nothing", "[queue][lifecycle]") {
    QueueFixture f;
    f.take("HT");
    f.take("HT");
    auto snapshot = [&] {
        return std::make_pair(
            f.eventCount(),
            f.db.queryInt("SELECT COALESCE(SUM(id * 7 + length(state) * 13 + COALESCE(counter_id, 0) * 101 + "
                          "recalls * 3 + queue_key % 1000), 0) FROM tickets"));
    };

    SECTION("finish before start") {
        f.callNext(1);
        const auto s = snapshot();
        auto r = f.queue->finish(1);
        CHECK(r.outcome == Outcome::NotAllowed);
        CHECK_THAT(r.message, Catch::Contains("A001") && Catch::Contains("called"));
        CHECK(snapshot() == s);
    }
    SECTION("calling while the counter still holds a ticket") {
        f.callNext(1);
        const auto s = snapshot();
        auto r = f.queue->callNext(1);
        CHECK(r.outcome == Outcome::NotAllowed);
        CHECK_THAT(r.message, Catch::Contains("still has A001"));
        CHECK(snapshot() == s);
    }
    SECTION("moves on an idle counter") {
        const auto s = snapshot();
        CHECK(f.queue->start(1).outcome == Outcome::NotAllowed);
        CHECK(f.queue->recall(1).outcome == Outcome::NotAllowed);
        CHECK(f.queue->noShow(1).outcome == Outcome::NotAllowed);
        CHECK(f.queue->hold(1).outcome == Outcome::NotAllowed);
        CHECK(f.queue->returnToQueue(1, false).outcome == Outcome::NotAllowed);
        CHECK(f.queue->transfer(1, "CT").outcome == Outcome::NotAllowed);
        CHECK(snapshot() == s);
    }
    SECTION("unknown counter, service, category, number") {
        const auto s = snapshot();
        CHECK(f.queue->callNext(99).outcome == Outcome::NotFound);
        CHECK(f.queue->take("ZZ").outcome == Outcome::NotFound);
        CHECK(f.queue->take("HT", std::string("vip")).outcome == Outcome::NotFound);
        CHECK(f.queue->take("'; DROP TABLE tickets; --").outcome == Outcome::NotFound);
        CHECK(f.queue->cancel("A777").outcome == Outcome::NotFound);
        CHECK(f.queue->cancel("12A").outcome == Outcome::Invalid);
        CHECK(f.queue->cancel("").outcome == Outcome::Invalid);
        CHECK(f.queue->callNumber(1, "A0000001").outcome == Outcome::Invalid);
        CHECK(snapshot() == s);
    }
    SECTION("a counter cannot call a number of a service it does not serve") {
        f.take("XH");
        const auto s = snapshot();
        auto r = f.queue->callNumber(1, "C001");
        CHECK(r.outcome == Outcome::NotAllowed);
        CHECK(snapshot() == s);
    }
    SECTION("no-show of a ticket being served, reactivate of a waiting one") {
        f.callNext(1);
        f.queue->start(1);
        const auto s = snapshot();
        CHECK(f.queue->noShow(1).outcome == Outcome::NotAllowed);
        CHECK(f.queue->reactivate("A002").outcome == Outcome::NotAllowed);
        CHECK(f.queue->recall(1).outcome == Outcome::NotAllowed);
        CHECK(snapshot() == s);
    }
    SECTION("nothing waiting") {
        f.callNext(1);
        f.queue->start(1);
        f.queue->finish(1);
        f.callNext(1);
        f.queue->start(1);
        f.queue->finish(1);
        const auto s = snapshot();
        CHECK(f.queue->callNext(1).outcome == Outcome::NothingWaiting);
        CHECK(snapshot() == s);
    }
}

TEST_CASE("The schema lets a counter hold at most one called or serving ticket", "[queue][schema]") {
    QueueFixture f;
    f.take("HT");
    f.take("HT");
    f.callNext(1);
    CHECK_THROWS_AS(
        f.db.exec(
            "UPDATE tickets SET state = 'called', counter_id = (SELECT id FROM counters WHERE number = 1) "
            "WHERE number = 'A002'"),
        DatabaseError);
    CHECK_THROWS_AS(
        f.db.exec(
            "INSERT INTO tickets(service_id, business_day, seq, number, cur_service_id, state, queue_key, "
            "issued_at, updated_at) SELECT service_id, business_day, 2, 'A002', cur_service_id, "
            "'waiting', 0, 0, 0 FROM tickets WHERE number = 'A001'"),
        DatabaseError);
}

TEST_CASE("Recall counts, and past the limit the ticket becomes a no-show", "[queue][recall]") {
    QueueFixture f;  // recall_limit = 2
    f.take("HT");
    f.callNext(1);
    auto r1 = f.queue->recall(1);
    REQUIRE(r1.ok());
    CHECK(r1.value->ticket.recalls == 1);
    CHECK_FALSE(r1.value->becameNoShow);
    CHECK(f.queue->recall(1).value->ticket.recalls == 2);
    auto r3 = f.queue->recall(1);
    REQUIRE(r3.ok());
    CHECK(r3.value->becameNoShow);
    CHECK(f.state("A001") == TicketState::NoShow);
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'recall'") == 2);
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'noshow'") == 1);

    SECTION("a no-show can be reactivated and goes to the back of the queue") {
        f.clock.advanceMinutes(1);
        f.take("HT");  // A002
        f.clock.advanceMinutes(1);
        auto r = f.queue->reactivate("a1");
        REQUIRE(r.ok());
        CHECK(r.value->state == TicketState::Waiting);
        CHECK(r.value->recalls == 0);
        CHECK(f.callNext(1) == "A002");
    }
}

TEST_CASE("Return to queue puts the ticket at the back, or at the front", "[queue][return]") {
    QueueFixture f;
    f.take("HT");
    f.clock.advanceMinutes(1);
    f.take("HT");
    f.clock.advanceMinutes(1);
    f.take("HT");
    f.clock.advanceMinutes(1);
    CHECK(f.callNext(1) == "A001");

    SECTION("back") {
        REQUIRE(f.queue->returnToQueue(1, false).ok());
        CHECK(f.callNext(1) == "A002");
        f.queue->noShow(1);
        CHECK(f.callNext(1) == "A003");
        f.queue->noShow(1);
        CHECK(f.callNext(1) == "A001");
    }
    SECTION("front") {
        REQUIRE(f.queue->returnToQueue(1, true).ok());
        CHECK(f.callNext(1) == "A001");
    }
}

TEST_CASE("Hold parks a ticket and frees the counter; the officer calls it back by number", "[queue][hold]") {
    QueueFixture f;
    f.take("HT");
    f.take("HT");
    f.callNext(1);
    f.queue->start(1);
    REQUIRE(f.queue->hold(1).ok());
    CHECK(f.state("A001") == TicketState::Held);
    CHECK(f.callNext(1) == "A002");  // the counter is free for the next citizen
    f.queue->start(1);
    f.queue->finish(1);
    auto back = f.queue->callNumber(1, "A001");
    REQUIRE(back.ok());
    CHECK(back.value->reason == CallReason::FromHold);
    CHECK(back.value->ticket.state == TicketState::Called);
    CHECK(f.queue->callNext(1).outcome == Outcome::NotAllowed);
}

TEST_CASE("Transfer keeps the number and opens a new leg in the other service", "[queue][transfer]") {
    QueueFixture f;
    f.take("HT");
    f.clock.advanceMinutes(2);
    f.take("CT");
    f.callNext(1);
    f.queue->start(1);
    auto t = f.queue->transfer(1, "CT");
    REQUIRE(t.ok());
    CHECK(t.value->number == "A001");
    CHECK(t.value->currentServiceCode == "CT");
    CHECK(t.value->serviceCode == "HT");
    CHECK(t.value->leg == 2);
    CHECK(t.value->state == TicketState::Waiting);
    // Keeps its place by issue time: A001 came before B001.
    CHECK(f.callNext(3) == "A001");
    CHECK(f.queue->transfer(3, "CT").outcome == Outcome::NotAllowed);
    CHECK(f.queue->transfer(3, "NOPE").outcome == Outcome::NotFound);
}

TEST_CASE("Cancel and reactivate today's tickets", "[queue][cancel]") {
    QueueFixture f;
    f.take("HT");
    REQUIRE(f.queue->cancel("A001").ok());
    CHECK(f.queue->callNext(1).outcome == Outcome::NothingWaiting);
    CHECK(f.queue->cancel("A001").outcome == Outcome::NotAllowed);
    REQUIRE(f.queue->reactivate("A001").ok());
    CHECK(f.callNext(1) == "A001");
}

TEST_CASE("A daily cap stops issuing for the rest of the day", "[queue][cap]") {
    QueueFixture f;  // CT cap 5
    for (int i = 0; i < 5; ++i) f.take("CT");
    auto r = f.queue->take("CT");
    CHECK(r.outcome == Outcome::CapReached);
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM tickets WHERE number LIKE 'B%'") == 5);
    f.clock.advance(kDay);
    CHECK(f.take("CT") == "B001");
}

TEST_CASE("Tickets left open at the end of a day are closed as expired the next day", "[queue][rollover]") {
    QueueFixture f;
    f.take("HT");
    f.take("HT");
    f.take("HT");
    f.callNext(1);      // A001 called at counter 1
    f.callNext(2);      // A002 called at counter 2
    f.queue->start(2);  // serving
    f.clock.advance(kDay);

    SECTION("implicitly, by the first write of the new day") {
        CHECK(f.take("HT") == "A001");
    }
    SECTION("explicitly") {
        CHECK(f.queue->closeEarlierDays() == 3);
        CHECK(f.queue->closeEarlierDays() == 0);
    }
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM tickets WHERE state = 'expired'") == 3);
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'expire' AND "
                        "CAST(detail AS TEXT) LIKE '%business day ended%'") == 3);
    // The counters are free again.
    CHECK(f.queue->callNext(1).outcome != Outcome::NotAllowed);
}

TEST_CASE("Ticket numbers are read leniently", "[queue][numbering]") {
    auto n = GENERATE(std::make_pair("A12", "A012"), std::make_pair("a012", "A012"),
                      std::make_pair("AB7", "AB007"), std::make_pair("A1000", "A1000"),
                      std::make_pair("A0", ""), std::make_pair("12", ""), std::make_pair("A-1", ""),
                      std::make_pair("ABCD1", ""), std::make_pair("A 1", ""));
    CAPTURE(n.first);
    auto got = QueueService::canonicalNumber(n.first);
    CHECK(got.value_or("") == n.second);
}

TEST_CASE("The officer records the check of a priority ticket's papers; the ticket does not move",
          "[queue][priority]") {
    TestOffice office = queueTestOffice();
    office.staff.push_back({"lan", "Nguyễn Thị Lan"});
    QueueFixture f(office.toml());
    const std::string priority = f.take("HT", "cao_tuoi");
    const std::string normal = f.take("HT");
    CHECK(f.callNext(1) == priority);

    SECTION("a confirmed check, then a second look that finds otherwise: the latest one counts") {
        const std::int64_t officer = f.db.queryInt("SELECT MIN(id) FROM staff");
        auto checked = f.queue->checkPriority(1, true, Actor{officer});
        REQUIRE(checked.ok());
        CHECK(checked.value->state == TicketState::Called);
        CHECK(f.state(priority) == TicketState::Called);
        auto times = f.queue->timesOf(f.queue->findToday(priority).value());
        REQUIRE(times.priorityChecked);
        CHECK(times.priorityConfirmed);
        CHECK(times.called);  // the check is no new call or start
        CHECK_FALSE(times.started);
        const auto events = f.queue->events(0);
        REQUIRE(events.back().kind == "priority_checked");
        CHECK(events.back().number == priority);
        CHECK(events.back().counter == 1);
        CHECK(events.back().staffId == officer);
        CHECK(events.back().detail["priority"] == "cao_tuoi");
        CHECK(events.back().detail["confirmed"] == true);

        REQUIRE(f.queue->start(1).ok());
        REQUIRE(f.queue->checkPriority(1, false).ok());
        times = f.queue->timesOf(f.queue->findToday(priority).value());
        CHECK_FALSE(times.priorityConfirmed);
        CHECK(f.state(priority) == TicketState::Serving);
        REQUIRE(f.queue->finish(1).ok());
    }
    SECTION("a ticket without priority, or no ticket at the counter: refused, nothing written") {
        REQUIRE(f.queue->finish(1).outcome == Outcome::NotAllowed);  // called, not serving yet
        REQUIRE(f.queue->noShow(1).ok());
        const auto before = f.eventCount();
        CHECK(f.queue->checkPriority(1, true).outcome == Outcome::NotAllowed);  // nothing at the counter
        CHECK(f.callNext(1) == normal);
        const auto refused = f.queue->checkPriority(1, true);
        CHECK(refused.outcome == Outcome::NotAllowed);
        CHECK_THAT(refused.message, Catch::Contains("no priority"));
        CHECK(f.eventCount() == before + 1);  // the call only
    }
}

TEST_CASE("A take's move key tells afterwards what it issued, and a retry with it issues nothing more",
          "[queue][idempotency]") {
    QueueFixture f;
    f.take("HT");  // A001: someone else's
    Actor actor;
    actor.moveKey = newMoveKey();
    CHECK(actor.moveKey.size() == 32);
    CHECK(actor.moveKey != newMoveKey());
    CHECK_FALSE(f.queue->takenBefore(actor.moveKey));  // nothing with this key yet
    CHECK_FALSE(f.queue->takenBefore(""));

    const auto taken = f.queue->take("HT", {}, actor);
    REQUIRE(taken.ok());
    REQUIRE(taken.value->ticket.number == "A002");
    const auto before = f.queue->takenBefore(actor.moveKey);
    REQUIRE(before);
    CHECK(before->ticket.number == "A002");
    CHECK(before->ahead == taken.value->ahead);
    CHECK(before->estimatedWaitSeconds == taken.value->estimatedWaitSeconds);

    // The kiosk retrying with the same key (its answer was lost) gets the same number, not a new one.
    const auto events = f.eventCount();
    const auto again = f.queue->take("HT", {}, actor);
    REQUIRE(again.ok());
    CHECK(again.value->ticket.number == "A002");
    CHECK(f.eventCount() == events);
    CHECK(f.take("HT") == "A003");
    CHECK_FALSE(f.queue->takenBefore(newMoveKey()));
}
