// `motcua appointments [--day D]` and `motcua appointments cancel CODE`: the day's bookings for the
// office head and scripts, and a booking cancelled by staff for a citizen who phones in.
#include <catch2/catch.hpp>

#include "queue/appointments.h"
#include "queue/office_config.h"
#include "queue/queue_service.h"
#include "queue/store.h"
#include "queue/ticket_links.h"
#include "support/cli_run.h"
#include "support/test_office.h"
#include "support/test_support.h"

using namespace motcua;
using namespace motcua::testing;

TEST_CASE("motcua appointments lists a day's bookings and cancels one by its code", "[cli][appointments]") {
    TempDir dir;
    const std::string db = (dir / "motcua.db").string();
    queue::ManualClock clock(kMonday0800);
    std::string code;
    {
        auto store = queue::openStore(db, queue::OpenPurpose::Initialise);
        TestOffice office = wardOffice();
        office.openingHours = {{{1, 2, 3, 4, 5}, "08:00", "11:00"}};
        queue::applyOfficeConfig(
            store,
            queue::parseOfficeConfig(office.toml() + "\n[appointments]\nenabled = true\ndays_ahead = 2\n"
                                                     "slot_minutes = 30\ncapacity = 2\n",
                                     "test.toml"));
        queue::QueueService q(store, clock);
        queue::AppointmentBook book(q, clock);
        const auto b = book.book("HT", "2026-12-01", 9 * 60, "phoneAAAAAAAAAAAAAAAAA");
        REQUIRE(b.ok());
        code = queue::TicketLinks::printedShortCode(b.appointment->code);
        REQUIRE(book.book("CT", "2026-12-01", 10 * 60, "phoneBBBBBBBBBBBBBBBBBB").ok());
    }
    const auto run = [&](const std::vector<std::string>& args) {
        std::vector<std::string> all = {"--db", db};
        all.insert(all.end(), args.begin(), args.end());
        return runCli(all, &clock);
    };

    const auto listed = run({"--json", "appointments", "--day", "2026-12-01"});
    INFO(listed.out << listed.err);
    REQUIRE(listed.status == 0);
    const auto j = listed.json();
    REQUIRE(j["appointments"].size() == 2);
    CHECK(j["appointments"][0]["code"] == code);
    CHECK(j["appointments"][0]["slot"] == "09:00–09:30");
    CHECK(j["appointments"][0]["state"] == "booked");
    CHECK(j["appointments"][1]["service"] == "CT");
    const auto text = run({"appointments", "--day", "2026-12-01"});
    CHECK_THAT(text.out, Catch::Contains("09:00–09:30  " + code + "  HT  booked"));
    CHECK_THAT(run({"appointments"}).out, Catch::Contains("no appointment on 2026-11-30"));

    const auto cancelled = run({"appointments", "cancel", code});
    INFO(cancelled.err);
    REQUIRE(cancelled.status == 0);
    CHECK_THAT(cancelled.out, Catch::Contains("cancelled: 2026-12-01 09:00–09:30 " + code + " HT"));
    CHECK_THAT(run({"appointments", "--day", "2026-12-01"}).out, Catch::Contains(code + "  HT  cancelled"));

    // Refused with one line, changing nothing.
    const auto again = run({"appointments", "cancel", code});
    CHECK(again.status == 4);
    CHECK_THAT(again.err, Catch::Contains("is cancelled: only a booked one can be cancelled"));
    const auto unknown = run({"appointments", "cancel", "ABCDE-FGHJK"});
    CHECK(unknown.status == 2);
    CHECK_THAT(unknown.err, Catch::Contains("no appointment has the code ABCDE-FGHJK"));
    const auto badDay = run({"appointments", "--day", "2026-13-01"});
    CHECK(badDay.status == 2);
    CHECK_THAT(badDay.err, Catch::Contains("not a date"));
}
