// A number taken online checked in at the kiosk (issue 21): "Tôi có mã trên điện thoại", the phone's
// code typed or scanned, and the same number printed; a second check-in prints nothing, and the code
// of a ticket taken at the kiosk checks nothing in. The rules are tests/queue/online_checkin_test.cpp's.
#include <catch2/catch.hpp>

#include "kiosk_fixture.h"
#include "queue/queue_service.h"
#include "queue/ticket_links.h"

using namespace motcua;
using motcua::testing::KioskFixture;

TEST_CASE("A number taken on the phone is checked in at the kiosk and printed, once",
          "[kiosk][online_checkin]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "online_checkin", false);
    f.reconfigure([](queue::OfficeConfig& config) { config.web.onlineCheckinMinutes = 10; });
    {
        auto db = f.openDb();
        queue::SystemClock clock;
        queue::QueueService q(db, clock);
        queue::TicketLinks links(db);
        // A001 from the kiosk (its printed code), A002 from the phone; codes known to the scripts.
        const auto walkIn = q.take("HT");
        REQUIRE(walkIn.ok());
        links.linkFor(walkIn.value->ticket, clock.now());
        queue::Actor online;
        online.channel = "online";
        const auto phone = q.take("HT", std::nullopt, online);
        REQUIRE(phone.ok());
        links.linkFor(phone.value->ticket, clock.now());
        db.exec("UPDATE ticket_links SET short_code = 'PQRS23456T' WHERE ticket_id = " +
                std::to_string(walkIn.value->ticket.id));
        db.exec("UPDATE ticket_links SET short_code = 'WXYZ23456Q' WHERE ticket_id = " +
                std::to_string(phone.value->ticket.id));
    }
    f.start();
    auto outcome = f.run("online_checkin.txt");
    INFO(ui::formatOutcome(outcome, "online_checkin.txt"));
    REQUIRE(outcome.ok);
    f.settle();

    auto db = f.openDb();
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets") == 2);  // no new number
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'check_in'") == 1);
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'printed'") == 1);
    CHECK(db.queryInt("SELECT COUNT(*) FROM events e JOIN tickets t ON t.id = e.ticket_id "
                      "WHERE e.kind = 'printed' AND t.number = 'A002'") == 1);

    outcome = f.run("online_checkin_again.txt");
    INFO(ui::formatOutcome(outcome, "online_checkin_again.txt"));
    REQUIRE(outcome.ok);
    f.settle();
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'check_in'") == 1);
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'printed'") == 1);
}

TEST_CASE("An online number checked in after its call is sent to the counter", "[kiosk][online_checkin]") {
    KioskFixture f(ui::Size{1080, 1920}, "online_checkin", false);
    f.reconfigure([](queue::OfficeConfig& config) { config.web.onlineCheckinMinutes = 10; });
    {
        auto db = f.openDb();
        queue::SystemClock clock;
        queue::QueueService q(db, clock);
        queue::Actor online;
        online.channel = "online";
        const auto phone = q.take("HT", std::nullopt, online);
        REQUIRE(phone.ok());
        queue::TicketLinks(db).linkFor(phone.value->ticket, clock.now());
        db.exec("UPDATE ticket_links SET short_code = 'WXYZ23456Q' WHERE ticket_id = " +
                std::to_string(phone.value->ticket.id));
        REQUIRE(q.callNext(1).ok());
    }
    f.start();
    const auto outcome = f.run("online_checkin_called.txt");
    INFO(ui::formatOutcome(outcome, "online_checkin_called.txt"));
    REQUIRE(outcome.ok);
    auto db = f.openDb();
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets WHERE state = 'called'") == 1);
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'check_in'") == 1);
}
