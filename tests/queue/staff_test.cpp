#include <catch2/catch.hpp>

#include "queue/staff_service.h"
#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {
struct StaffFixture : QueueFixture {
    StaffFixture() : staff(db, clock, StaffPolicy{5, 15}) {
        db.exec("INSERT INTO staff(login, name, role) VALUES('lan', 'Nguyễn Thị Lan', 'officer'), "
                "('hung', 'Trần Văn Hùng', 'officer'), ('truong', 'Lê Văn Trưởng', 'supervisor')");
        REQUIRE(staff.setPin("lan", "2468").ok());
        REQUIRE(staff.setPin("hung", "1357").ok());
        REQUIRE(staff.setPin("truong", "9999").ok());
    }
    std::int64_t id(const std::string& login) { return staff.find(login)->id; }
    StaffService staff;
};
}  // namespace

TEST_CASE("PINs are stored only as Argon2id hashes and never appear in the log", "[staff]") {
    StaffFixture f;
    const std::string hash = [&] {
        Statement st(f.db, "SELECT pin_hash FROM staff WHERE login = 'lan'");
        st.step();
        return st.getText(0);
    }();
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hash.find("2468") == std::string::npos);
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM events WHERE detail LIKE '%2468%'") == 0);
    CHECK(verifyPin(hash, "2468"));
    CHECK_FALSE(verifyPin(hash, "2469"));
    CHECK(f.staff.setPin("lan", "12").outcome == Outcome::Invalid);
    CHECK(f.staff.setPin("lan", "12ab").outcome == Outcome::Invalid);
    CHECK(f.staff.setPin("nobody", "1234").outcome == Outcome::NotFound);
    SECTION("an officer cannot set someone else's PIN; a supervisor can") {
        CHECK(f.staff.setPin("hung", "1111", Actor{f.id("lan")}).outcome == Outcome::NotAllowed);
        CHECK(f.staff.setPin("hung", "1111", Actor{f.id("truong")}).ok());
    }
}

TEST_CASE("Login at a counter, with a lockout after 5 wrong PINs", "[staff]") {
    StaffFixture f;
    auto ok = f.staff.login("lan", "2468", 1);
    REQUIRE(ok.outcome == LoginOutcome::Ok);
    CHECK(f.staff.session(1).staff->login == "lan");
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'login'") == 1);

    for (int i = 1; i <= 4; ++i) {
        auto r = f.staff.login("hung", "0000", 2);
        CHECK(r.outcome == LoginOutcome::WrongPin);
        CHECK(r.attemptsLeft == 5 - i);
    }
    auto fifth = f.staff.login("hung", "0000", 2);
    CHECK(fifth.outcome == LoginOutcome::Locked);
    // Even the right PIN is refused while locked.
    CHECK(f.staff.login("hung", "1357", 2).outcome == LoginOutcome::Locked);
    f.clock.advanceMinutes(14);
    CHECK(f.staff.login("hung", "1357", 2).outcome == LoginOutcome::Locked);
    f.clock.advanceMinutes(2);
    CHECK(f.staff.login("hung", "1357", 2).outcome == LoginOutcome::Ok);
    // Other accounts were never affected.
    CHECK(f.staff.login("truong", "9999", 3).outcome == LoginOutcome::Ok);

    CHECK(f.staff.login("nobody", "1234", 1).outcome == LoginOutcome::UnknownStaff);
    CHECK(f.staff.login("lan", "2468", 42).outcome == LoginOutcome::UnknownCounter);
}

TEST_CASE("A break pauses calling at the counter and shows in the status", "[staff]") {
    StaffFixture f;
    f.take("HT");
    REQUIRE(f.staff.login("lan", "2468", 1).outcome == LoginOutcome::Ok);
    const Actor lan{f.id("lan")};
    REQUIRE(f.staff.startBreak(*lan.staffId, 1, "Họp").ok());
    auto refused = f.queue->callNext(1, lan);
    CHECK(refused.outcome == Outcome::NotAllowed);
    CHECK_THAT(refused.message, Catch::Contains("break"));
    auto status = f.queue->status();
    CHECK(status.counters[0].onBreak);
    CHECK(status.counters[0].breakReason == "Họp");
    CHECK(status.counters[0].staffName == "Nguyễn Thị Lan");
    CHECK(f.staff.startBreak(*lan.staffId, 1, "again").outcome == Outcome::NotAllowed);
    REQUIRE(f.staff.endBreak(*lan.staffId, 1).ok());
    CHECK(f.queue->callNext(1, lan).ok());
    // A break cannot start while a citizen is at the counter.
    CHECK(f.staff.startBreak(*lan.staffId, 1, "Nghỉ giữa giờ").outcome == Outcome::NotAllowed);
    REQUIRE(f.staff.logout(*lan.staffId, 1).ok());
    CHECK_FALSE(f.staff.session(1).staff);
    CHECK(f.staff.logout(*lan.staffId, 1).outcome == Outcome::NotAllowed);
}

TEST_CASE("Every action carries who did it; officers cannot cancel others' tickets", "[staff]") {
    StaffFixture f;
    const Actor lan{f.id("lan")}, hung{f.id("hung")}, truong{f.id("truong")};
    f.take("HT");
    f.take("HT");
    REQUIRE(f.queue->callNext(1, lan).ok());
    CHECK(f.db.queryInt("SELECT staff_id FROM events WHERE kind = 'call'") == *lan.staffId);
    f.queue->noShow(1, lan);
    CHECK(f.queue->reactivate("A001", hung).outcome == Outcome::NotAllowed);
    CHECK(f.queue->reactivate("A001", truong).ok());
    CHECK(f.queue->cancel("A002", hung).ok());  // nobody had handled it yet
}

TEST_CASE("A move made from a stale screen is refused inside the transaction", "[staff][queue]") {
    QueueFixture f;
    f.take("HT");
    f.take("HT");
    f.callNext(1);  // A001 at counter 1
    Actor stale;
    stale.expectedTicket = "A001";
    // Meanwhile another console on counter 1 finishes A001 and calls A002.
    f.queue->start(1);
    f.queue->finish(1);
    f.callNext(1);
    const auto events = f.eventCount();
    auto r = f.queue->noShow(1, stale);
    CHECK(r.outcome == Outcome::NotAllowed);
    CHECK_THAT(r.message, Catch::Contains("now has A002, not A001"));
    CHECK(f.state("A002") == TicketState::Called);
    CHECK(f.eventCount() == events);
    stale.expectedTicket = "A002";
    CHECK(f.queue->noShow(1, stale).ok());
}
