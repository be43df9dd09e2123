// A results number at the counter (issue 19, point 4): the officer sees the dossier code it was taken
// with under the ticket, and the finish screen has it filled in, linking the visit to the dossier.
#include <catch2/catch.hpp>

#include "console_fixture.h"
#include "kiosk/console_app/finish_screen.h"
#include "queue/queue_service.h"

using namespace motcua;
using namespace motcua::testing;

TEST_CASE("The console shows a results number's dossier code and fills it in on the finish screen",
          "[console][script][finish][dossier]") {
    ConsoleOffice office{{"lan", "246813"}};
    {
        // Counter 1 also hands out results (KQ, kind "results").
        TestOffice o = consoleOffice();
        o.services.push_back({"KQ", "Trả kết quả", "K", "Results", {}, {}, "results"});
        o.counter(1).services.push_back("KQ");
        auto db = office.open();
        queue::applyOfficeConfig(db, queue::parseOfficeConfig(o.toml(), "console.toml"));
    }
    HeadlessConsole c(office, 1);
    {
        queue::QueueService q(c.db, c.ui.clock);
        queue::Actor actor;
        actor.dossierCode = "000.00.06.G04.250701.0501";
        REQUIRE(q.take("KQ", {}, actor).ok());
    }
    const auto outcome = c.run(R"S(
tap "Nguyễn Thị Lan"
type "246813"
key Return
key F1
expect "K001"
expect "Mã hồ sơ: 000.00.06.G04.250701.0501"
screenshot 01-called.png
key F3
key F4
expect "Hoàn thành số K001"
expect "000.00.06.G04.250701.0501"
screenshot 02-finish.png
)S",
                               "dossier");
    requireOk(outcome, "dossier");
    REQUIRE(dynamic_cast<console::FinishScreen*>(c.ui.screens.top()));
}
