// Numbers taken online (motcua-web's /lay-so, issue 21): the check-in at the kiosk by the short code
// the phone page shows (QueueService::checkInCode / checkInOnline), once, and the automatic no-show
// of a called online number not checked in within [web] online_checkin_minutes of its call
// (QueueService::noShowsNotCheckedIn), once even when two consoles run it at the same moment. On
// both stores.
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "queue/ticket_links.h"
#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {

std::string checkInOffice(int minutes = 10) {
    return kTestOfficeToml + "\n[web]\nonline_checkin_minutes = " + std::to_string(minutes) + "\n";
}

struct OnlineFixture : QueueFixture {
    explicit OnlineFixture(int minutes = 10) : QueueFixture(checkInOffice(minutes)) {}

    // A number taken on /lay-so, and the code its phone page shows.
    std::pair<Ticket, std::string> takeOnline(const std::string& service) {
        Actor actor;
        actor.channel = "online";
        auto r = queue->take(service, std::nullopt, actor);
        if (!r.ok()) throw std::runtime_error("take failed: " + r.message);
        const auto link = TicketLinks(db).linkFor(r.value->ticket, clock.now());
        return {r.value->ticket, link.shortCode};
    }
    std::string codeOf(const std::string& number) {
        return TicketLinks(db).linkFor(queue->findToday(number).value(), clock.now()).shortCode;
    }
    std::int64_t eventsOfKind(const std::string& kind) {
        return db.queryInt("SELECT COUNT(*) FROM events WHERE kind = '" + kind + "'");
    }
};

}  // namespace

TEST_CASE("An online number is checked in at the kiosk once, as the same number", "[queue][online_checkin]") {
    OnlineFixture f;
    f.take("HT");  // A001, from the kiosk
    const auto [ticket, code] = f.takeOnline("HT");
    REQUIRE(ticket.number == "A002");
    CHECK_FALSE(f.queue->onlineCheckIn(ticket).checkedIn);
    CHECK(f.queue->onlineCheckIn(ticket).online);

    // Typed as printed on the phone ("ABCDE-FGHJK"), in lower case.
    std::string typed = TicketLinks::printedShortCode(code);
    for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto in = f.queue->checkInCode(typed);
    REQUIRE(in.problem == CheckInProblem::None);
    REQUIRE(in.result.ok());
    CHECK(in.result.value->ticket.number == "A002");  // the same number, not a new one
    CHECK(in.result.value->ahead == 1);               // what the printed ticket says
    REQUIRE(in.ticket);
    CHECK(in.ticket->id == ticket.id);
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM tickets") == 2);
    CHECK(f.state("A002") == TicketState::Waiting);
    const auto events = f.queue->events(0);
    CHECK(events.back().kind == "check_in");
    CHECK(events.back().ticketId == ticket.id);
    CHECK(f.queue->onlineCheckIn(f.queue->findToday("A002").value()).checkedIn);

    // Twice: "already", nothing written (the kiosk prints nothing).
    const auto before = f.eventCount();
    const auto again = f.queue->checkInCode(code);
    CHECK(again.problem == CheckInProblem::AlreadyCheckedIn);
    CHECK_FALSE(again.result.ok());
    REQUIRE(again.ticket);
    CHECK(again.ticket->number == "A002");
    CHECK(f.eventCount() == before);

    // Its place in the queue did not change: A001 is still called first.
    CHECK(f.callNext(1) == "A001");
    CHECK(f.callNext(2) == "A002");
}

TEST_CASE("Codes the online check-in cannot take are refused, changing nothing", "[queue][online_checkin]") {
    OnlineFixture f;
    const auto walkIn = f.take("HT");
    const auto walkInCode = f.codeOf(walkIn);
    const auto [online, code] = f.takeOnline("CT");
    const auto before = f.eventCount();

    SECTION("a number taken at the kiosk needs no check-in") {
        const auto in = f.queue->checkInCode(walkInCode);
        CHECK(in.problem == CheckInProblem::NotOnline);
        REQUIRE(in.ticket);
        CHECK(in.ticket->number == walkIn);
    }
    SECTION("malformed and unknown codes") {
        CHECK(f.queue->checkInOnline("01").problem == CheckInProblem::BadCode);
        CHECK(f.queue->checkInOnline("ABCDE-FGHJK").problem == CheckInProblem::UnknownCode);
        // checkInCode hands a code that names no number to the appointments (none here).
        CHECK(f.queue->checkInCode("ABCDE-FGHJK").problem == CheckInProblem::UnknownCode);
    }
    SECTION("yesterday's number: its code is unknown today") {
        f.clock.advance(kDay);
        CHECK(f.queue->checkInCode(code).problem == CheckInProblem::UnknownCode);
        CHECK(f.queue->checkInOnline(code).problem == CheckInProblem::UnknownCode);
    }
    SECTION("a number no longer in the queue") {
        REQUIRE(f.queue->cancel(online.number).ok());
        const auto cancelledEvents = f.eventCount();
        const auto in = f.queue->checkInCode(code);
        CHECK(in.problem == CheckInProblem::Closed);
        CHECK(f.eventCount() == cancelledEvents);
        return;
    }
    CHECK(f.eventCount() == before);
    CHECK(f.eventsOfKind("check_in") == 0);
}

TEST_CASE("A called online number not checked in in time becomes a no-show, freeing the counter",
          "[queue][online_checkin]") {
    OnlineFixture f;
    const auto [ticket, code] = f.takeOnline("HT");
    f.take("HT");  // A002 waits behind it
    REQUIRE(f.callNext(1) == "A001");
    const auto called = f.queue->findToday("A001").value();
    const auto state = f.queue->onlineCheckIn(called);
    REQUIRE(state.deadline);
    CHECK(*state.deadline == f.clock.now() + 10 * kMinute);

    f.clock.advanceMinutes(9);
    CHECK(f.queue->noShowsNotCheckedIn().empty());
    CHECK(f.state("A001") == TicketState::Called);

    SECTION("past the time: the console's no-show, marked automatic") {
        f.clock.advanceMinutes(1);
        const auto moved = f.queue->noShowsNotCheckedIn();
        REQUIRE(moved.size() == 1);
        CHECK(moved[0].number == "A001");
        CHECK(f.state("A001") == TicketState::NoShow);
        const auto last = f.queue->events(0).back();
        CHECK(last.kind == "noshow");
        CHECK(last.counter == 1);
        CHECK(last.detail["reason"] == "not checked in");
        CHECK(last.detail["automatic"] == true);
        CHECK(f.queue->noShowsNotCheckedIn().empty());  // once
        CHECK(f.eventsOfKind("noshow") == 1);
        // The counter is free: it calls the next number.
        CHECK(f.callNext(1) == "A002");
        // Checked in too late: the number is no longer in the queue.
        CHECK(f.queue->checkInCode(code).problem == CheckInProblem::Closed);
        // Staff may put it back (reactivate), as any no-show.
        CHECK(f.queue->reactivate("A001").ok());
    }
    SECTION("checked in while called: it stays called") {
        REQUIRE(f.queue->checkInCode(code).result.ok());
        CHECK(f.state("A001") == TicketState::Called);
        CHECK_FALSE(f.queue->onlineCheckIn(f.queue->findToday("A001").value()).deadline);
        f.clock.advanceMinutes(30);
        CHECK(f.queue->noShowsNotCheckedIn().empty());
        CHECK(f.state("A001") == TicketState::Called);
    }
    SECTION("being served: the citizen is there") {
        REQUIRE(f.queue->start(1).ok());
        f.clock.advanceMinutes(30);
        CHECK(f.queue->noShowsNotCheckedIn().empty());
        CHECK(f.state("A001") == TicketState::Serving);
    }
}

TEST_CASE("Walk-in numbers, and offices that ask no check-in, never become automatic no-shows",
          "[queue][online_checkin]") {
    SECTION("a walk-in number") {
        OnlineFixture f;
        f.take("HT");
        f.callNext(1);
        CHECK_FALSE(f.queue->onlineCheckIn(f.queue->findToday("A001").value()).deadline);
        f.clock.advanceMinutes(60);
        CHECK(f.queue->noShowsNotCheckedIn().empty());
        CHECK(f.state("A001") == TicketState::Called);
    }
    SECTION("online_checkin_minutes = 0") {
        OnlineFixture f(0);
        CHECK(f.queue->onlineCheckInMinutes() == 0);
        f.takeOnline("HT");
        f.callNext(1);
        CHECK_FALSE(f.queue->onlineCheckIn(f.queue->findToday("A001").value()).deadline);
        f.clock.advanceMinutes(60);
        CHECK(f.queue->noShowsNotCheckedIn().empty());
        CHECK(f.state("A001") == TicketState::Called);
    }
}

TEST_CASE("Two consoles running the automatic no-show at once move each ticket once",
          "[queue][online_checkin]") {
    OnlineFixture f;
    f.takeOnline("HT");  // A001, counter 1
    f.takeOnline("HT");  // A002, counter 2
    f.takeOnline("XH");  // C001, counter 3
    f.callNext(1);
    f.callNext(2);
    f.callNext(3);
    f.clock.advanceMinutes(11);
    const auto noShowsBefore = f.eventsOfKind("noshow");

    // Two consoles: each its own connection and queue service, started together.
    std::atomic<int> ready{0};
    std::vector<std::size_t> moved(2);
    std::vector<std::string> errors(2);
    std::vector<std::thread> consoles;
    for (int i = 0; i < 2; ++i) {
        consoles.emplace_back([&, i] {
            try {
                auto db = openStore(f.path, OpenPurpose::Use);
                QueueService console(db, f.clock);
                ++ready;
                while (ready.load() < 2) std::this_thread::yield();
                moved[static_cast<std::size_t>(i)] = console.noShowsNotCheckedIn().size();
            } catch (const std::exception& e) {
                errors[static_cast<std::size_t>(i)] = e.what();
            }
        });
    }
    for (auto& t : consoles) t.join();
    CHECK(errors[0].empty());
    CHECK(errors[1].empty());
    CHECK(moved[0] + moved[1] == 3);
    CHECK(f.eventsOfKind("noshow") == noShowsBefore + 3);
    for (const auto* n : {"A001", "A002", "C001"}) CHECK(f.state(n) == TicketState::NoShow);

    // And one after the other: the second finds nothing.
    CHECK(f.queue->noShowsNotCheckedIn().empty());
}

TEST_CASE("Two kiosks checking in the same number at once check it in once", "[queue][online_checkin]") {
    OnlineFixture f;
    const auto [ticket, code] = f.takeOnline("HT");
    std::atomic<int> ready{0};
    std::vector<CheckInProblem> problems(2, CheckInProblem::BadCode);
    std::vector<std::string> errors(2);
    std::vector<std::thread> kiosks;
    for (int i = 0; i < 2; ++i) {
        kiosks.emplace_back([&, i] {
            try {
                auto db = openStore(f.path, OpenPurpose::Use);
                QueueService kiosk(db, f.clock);
                ++ready;
                while (ready.load() < 2) std::this_thread::yield();
                problems[static_cast<std::size_t>(i)] = kiosk.checkInCode(code).problem;
            } catch (const std::exception& e) {
                errors[static_cast<std::size_t>(i)] = e.what();
            }
        });
    }
    for (auto& t : kiosks) t.join();
    CHECK(errors[0].empty());
    CHECK(errors[1].empty());
    const int ok = (problems[0] == CheckInProblem::None) + (problems[1] == CheckInProblem::None);
    const int already =
        (problems[0] == CheckInProblem::AlreadyCheckedIn) + (problems[1] == CheckInProblem::AlreadyCheckedIn);
    CHECK(ok == 1);
    CHECK(already == 1);
    CHECK(f.eventsOfKind("check_in") == 1);
}

TEST_CASE("online_checkin_minutes is 0 to 240 minutes, 0 when absent", "[queue][online_checkin][config]") {
    CHECK(parseOfficeConfig(kTestOfficeToml, "office.toml").web.onlineCheckinMinutes == 0);
    CHECK(parseOfficeConfig(checkInOffice(15), "office.toml").web.onlineCheckinMinutes == 15);
    CHECK(parseOfficeConfig(checkInOffice(0), "office.toml").web.onlineCheckinMinutes == 0);
    CHECK_THROWS(parseOfficeConfig(checkInOffice(241), "office.toml"));
    CHECK_THROWS(parseOfficeConfig(checkInOffice(-1), "office.toml"));
    OnlineFixture f(15);
    CHECK(f.queue->onlineCheckInMinutes() == 15);
}
