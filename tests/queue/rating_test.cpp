#include <catch2/catch.hpp>

#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

TEST_CASE("A finished ticket is rated once, against its counter and officer", "[queue][rating]") {
    QueueFixture f;
    f.db.exec("INSERT INTO staff(login, name, role) VALUES('canbo1', 'Cán bộ 1', 'officer')");
    const Actor officer{f.db.queryInt("SELECT id FROM staff WHERE login = 'canbo1'")};
    f.take("HT");
    f.queue->callNext(2, officer);
    f.queue->start(2, officer);

    CHECK(f.queue->rate("A001", "hai_long", "counter").outcome == Outcome::NotAllowed);  // not finished yet
    REQUIRE(f.queue->finish(2, officer, {{"outcome", "received"}, {"procedures", {"1.001193"}}}).ok());

    auto r = f.queue->rate("A1", "rat_hai_long", "counter");
    REQUIRE(r.ok());
    CHECK(r.value->counter == 2);
    CHECK(f.db.queryInt("SELECT staff_id FROM events WHERE kind = 'rate'") == *officer.staffId);

    SECTION("a second rating is refused, from any device") {
        CHECK(f.queue->rate("A001", "khong_hai_long", "kiosk").outcome == Outcome::NotAllowed);
        CHECK(f.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'rate'") == 1);
    }
}

TEST_CASE("Ratings outside the configured scale, and bad finish details, are refused", "[queue][rating]") {
    QueueFixture f;  // 3-level scale
    f.take("HT");
    f.queue->callNext(1);
    f.queue->start(1);
    CHECK(f.queue->finish(1, {}, {{"outcome", "partied"}}).outcome == Outcome::Invalid);
    CHECK(f.queue->finish(1, {}, {{"procedures", "1.001193"}}).outcome == Outcome::Invalid);
    CHECK(f.state("A001") == TicketState::Serving);
    REQUIRE(f.queue->finish(1).ok());
    CHECK(f.queue->rate("A001", "binh_thuong", "counter").outcome ==
          Outcome::Invalid);  // only in the 4-level scale
    CHECK(f.queue->rate("A001", "hai_long", "phone").outcome == Outcome::Invalid);
    CHECK(f.queue->rate("Z999", "hai_long", "kiosk").outcome == Outcome::NotFound);
    CHECK(ratingScale(4).size() == 4);
    CHECK(ratingScale(3).back().code == std::string("khong_hai_long"));
}
