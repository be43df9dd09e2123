// "Tôi đã đặt lịch" at the kiosk: the code typed on the keypad or by the scanner checks the
// appointment in; the number prints with the appointment's time and is the one a counter calls
// first once the slot has begun.
#include <catch2/catch.hpp>

#include "kiosk_fixture.h"
#include "queue/appointment_store.h"
#include "queue/queue_service.h"

using namespace motcua;
using motcua::testing::KioskFixture;

TEST_CASE("An appointment's code at the kiosk gives its number, called first from its slot",
          "[kiosk][appointments]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "appointment", false);
    const queue::TimeMs now = queue::SystemClock().now();
    f.reconfigure([](queue::OfficeConfig& config) { config.appointments.enabled = true; });
    {
        auto db = f.openDb();
        // Booked on the phone (the rules of booking are tests/queue/appointment_test.cpp's): HT, a slot
        // of today that began 5 minutes ago.
        queue::SystemClock clock;
        queue::QueueService q(db, clock);
        const auto serviceId = db.queryInt("SELECT id FROM services WHERE code = 'HT'");
        const auto day = q.businessDay();
        const int minute = q.calendar().minuteOfDay(now - 5 * 60'000);
        queue::AppointmentStore store(db);
        REQUIRE(store.insert({"WXYZ23456Q", serviceId, day, minute, minute + 30, now - 5 * 60'000,
                              now + 25 * 60'000, "phoneAAAAAAAAAAAAAAAAA", now}));
    }
    f.start();
    const auto outcome = f.run("appointment.txt");
    INFO(ui::formatOutcome(outcome, "appointment.txt"));
    REQUIRE(outcome.ok);

    auto db = f.openDb();
    CHECK(db.queryInt("SELECT COUNT(*) FROM appointments WHERE state = 'checked_in'") == 1);
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets WHERE due_at IS NOT NULL") == 1);
    // A walk-in taken after it, then the counter calls: the appointment first, with its reason.
    queue::SystemClock clock;
    queue::QueueService desk(db, clock);
    REQUIRE(desk.take("HT").ok());
    const auto called = desk.callNext(1);
    REQUIRE(called.ok());
    CHECK(called.value->ticket.number == "A001");
    CHECK(called.value->reason == queue::CallReason::Appointment);
    CHECK(called.value->reasonVi.starts_with("Lịch hẹn "));
}
