// A running console takes the settings `motcua init` edited (issue 19): the call order and the
// recall limit of the office file apply at the next poll, without restarting the console, as on the
// kiosk and the lobby display. (With the limit it started with, 2, the third recall would make the
// number a no-show.)
#include <catch2/catch.hpp>

#include "console_fixture.h"
#include "queue/queue_service.h"

using namespace motcua;
using namespace motcua::testing;

TEST_CASE("A running console applies edited call-order settings without a restart", "[console][settings]") {
    ConsoleOffice office{{"lan", "246813"}};
    HeadlessConsole c(office, 1);
    const auto outcome = c.run(R"S(
tap "Nguyễn Thị Lan"
type "246813"
key Return
wait 100
)S",
                               "settings");
    requireOk(outcome, "settings");
    auto& queue = c.console.session().queue();
    REQUIRE(queue.callOrder().recallLimit == 2);  // consoleOfficeToml's
    REQUIRE(queue.callOrder().priorityInterleave == 2);

    // The office head edits office.toml and runs motcua init (here: the same, in-process).
    {
        TestOffice o = consoleOffice();
        o.callOrder = {{"priority_interleave", 0}, {"recall_limit", 4}, {"wait_target_minutes", 15}};
        auto db = office.open();
        queue::applyOfficeConfig(db, queue::parseOfficeConfig(o.toml(), "console.toml"));
    }
    for (int i = 0; i < 10; ++i) {
        c.ui.clock.advance(100);
        c.ui.app.frame();
    }
    CHECK(queue.callOrder().recallLimit == 4);
    CHECK(queue.callOrder().priorityInterleave == 0);

    // And the console's moves follow them: with the recall limit 4 (it was 2), a number recalled
    // three times is still called, not a no-show. The number is taken by another process (the kiosk).
    {
        auto kiosk = office.open();
        queue::QueueService desk(kiosk, c.ui.clock);
        REQUIRE(desk.take("HT").ok());
    }
    const auto called = c.run(
        "wait 1000\nkey F1\nwait 100\nkey F2\nwait 100\nkey F2\nwait 100\nkey F2\nwait 100\n", "settings");
    requireOk(called, "settings");
    auto other = office.open();
    queue::QueueService desk(other, c.ui.clock);
    const auto a001 = desk.findToday("A001");
    REQUIRE(a001);
    CHECK(a001->state == queue::TicketState::Called);
    CHECK(a001->recalls == 3);
}
