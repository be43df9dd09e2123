#include <catch2/catch.hpp>

#include "queue/staff_service.h"
#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {
struct StaffFixture : QueueFixture {
    StaffFixture() : staff(db, clock, StaffPolicy{5, 15}) {
        db.exec(
            "INSERT INTO staff(login, name, role) VALUES('lan', 'Nguyễn Thị Lan', 'officer'), "
            "('hung', 'Trần Văn Hùng', 'officer'), ('truong', 'Lê Văn Trưởng', 'supervisor')");
        REQUIRE(staff.setPin("lan", "246813").ok());
        REQUIRE(staff.setPin("hung", "135792").ok());
        REQUIRE(staff.setPin("truong", "975310").ok());
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
    CHECK(hash.find("246813") == std::string::npos);
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM events WHERE CAST(detail AS TEXT) LIKE '%246813%'") == 0);
    CHECK(verifyPin(hash, "246813"));
    CHECK_FALSE(verifyPin(hash, "2469"));
    CHECK(f.staff.setPin("lan", "12").outcome == Outcome::Invalid);
    CHECK(f.staff.setPin("lan", "12ab").outcome == Outcome::Invalid);
    CHECK(f.staff.setPin("nobody", "580417").outcome == Outcome::NotFound);
    SECTION("an officer cannot set someone else's PIN; a supervisor can") {
        CHECK(f.staff.setPin("hung", "580417", Actor{f.id("lan")}).outcome == Outcome::NotAllowed);
        CHECK(f.staff.setPin("hung", "580417", Actor{f.id("truong")}).ok());
    }
}

TEST_CASE("Login at a counter, with a lockout after 5 wrong PINs", "[staff]") {
    StaffFixture f;
    auto ok = f.staff.login("lan", "246813", 1);
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
    CHECK(f.staff.login("hung", "135792", 2).outcome == LoginOutcome::Locked);
    f.clock.advanceMinutes(14);
    CHECK(f.staff.login("hung", "135792", 2).outcome == LoginOutcome::Locked);
    f.clock.advanceMinutes(2);
    CHECK(f.staff.login("hung", "135792", 2).outcome == LoginOutcome::Ok);
    // Other accounts were never affected.
    CHECK(f.staff.login("truong", "975310", 3).outcome == LoginOutcome::Ok);

    CHECK(f.staff.login("nobody", "1234", 1).outcome == LoginOutcome::UnknownStaff);
    CHECK(f.staff.login("lan", "246813", 42).outcome == LoginOutcome::UnknownCounter);
}

TEST_CASE("A break pauses calling at the counter and shows in the status", "[staff]") {
    StaffFixture f;
    f.take("HT");
    REQUIRE(f.staff.login("lan", "246813", 1).outcome == LoginOutcome::Ok);
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

TEST_CASE("A new PIN is 6 to 8 digits and not one of the first a person guesses", "[staff][pin]") {
    for (const std::string weak :
         {"0000",     "1234",   "2468",   "12345",  "000000", "111111",    "999999", "123456", "234567",
          "654321",   "987654", "890123", "210987", "121212", "123123",    "168168", "101010", "1231231",
          "12341234", "112233", "123321", "147258", "159357", "123456789", "12a456", "",       "24681 3"}) {
        CAPTURE(weak);
        CHECK_FALSE(StaffService::validPin(weak));
    }
    for (const std::string fine : {"246813", "580417", "135792", "975310", "9357102", "93571028", "120794"}) {
        CAPTURE(fine);
        CHECK(StaffService::validPin(fine));
    }
    StaffFixture f;
    const auto r = f.staff.setPin("lan", "000000");
    CHECK(r.outcome == Outcome::Invalid);
    CHECK_THAT(r.message, Catch::Contains("6 to 8 digits"));
    CHECK(f.staff.login("lan", "246813", 1).outcome == LoginOutcome::Ok);  // the old one still holds
}

TEST_CASE("A PIN set under the old 4-digit rule still logs in, and is flagged to be changed",
          "[staff][pin]") {
    StaffFixture f;
    // As an older motcua stored it: a 4-digit PIN's hash, and a pin_set event without a rule.
    Statement old(f.db, "UPDATE staff SET pin_hash = ? WHERE login = 'hung'");
    old.bind(1, hashPin("0000"));
    old.run();
    f.db.exec(std::string("UPDATE events SET detail = ") +
              (f.db.isPostgres() ? "detail - 'rule'" : "json_remove(detail, '$.rule')") +
              " WHERE kind = 'pin_set' AND staff_id = (SELECT id FROM staff WHERE login = 'hung')");
    const auto renew = f.staff.pinsToRenew();
    REQUIRE(renew.size() == 1);
    CHECK(renew[0].login == "hung");

    const auto login = f.staff.login("hung", "0000", 2);
    CHECK(login.outcome == LoginOutcome::Ok);
    CHECK(login.pinNeedsChange);
    CHECK(f.db.queryInt(std::string("SELECT ") +
                        (f.db.isPostgres() ? "CASE WHEN (detail->>'weak_pin')::boolean THEN 1 ELSE 0 END"
                                           : "json_extract(detail, '$.weak_pin')") +
                        " FROM events WHERE kind = 'login' ORDER BY id DESC LIMIT 1") == 1);
    const auto good = f.staff.login("lan", "246813", 1);
    CHECK(good.outcome == LoginOutcome::Ok);
    CHECK_FALSE(good.pinNeedsChange);

    REQUIRE(f.staff.setPin("hung", "580417").ok());
    CHECK(f.staff.pinsToRenew().empty());
}

TEST_CASE("An officer cannot take over another counter's held ticket by calling its number",
          "[staff][queue]") {
    QueueFixture f;
    f.db.exec(
        "INSERT INTO staff(login, name, role) VALUES ('an', 'An', 'officer'), ('binh', 'Bình', 'officer'), "
        "('truong', 'Trưởng', 'supervisor')");
    StaffService staff(f.db, f.clock);
    const auto an = staff.find("an")->id, binh = staff.find("binh")->id, truong = staff.find("truong")->id;
    f.take("HT");
    REQUIRE(f.queue->callNext(1, Actor{an}).ok());
    REQUIRE(f.queue->hold(1, Actor{an}).ok());
    // Counter 2 also serves HT: its officer presses F10 with A001.
    const auto taken = f.queue->callNumber(2, "A001", Actor{binh});
    CHECK(taken.outcome == Outcome::NotAllowed);
    CHECK_THAT(taken.message, Catch::Contains("supervisor"));
    CHECK(f.state("A001") == TicketState::Held);
    // Its own officer calls it back; a supervisor may take it over.
    SECTION("back at its own counter") {
        CHECK(f.queue->callNumber(1, "A001", Actor{an}).ok());
    }
    SECTION("a supervisor at another counter") {
        CHECK(f.queue->callNumber(2, "A001", Actor{truong}).ok());
    }
}
