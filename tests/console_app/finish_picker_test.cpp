// The finish screen's procedure picker copes with a large catalogue: before anything is typed it
// offers the procedures of the fields the ticket's service handles, and search reaches the
// procedures added in 2025 (issue 18).
#include <catch2/catch.hpp>

#include "console_fixture.h"
#include "kiosk/console_app/finish_screen.h"
#include "queue/queue_service.h"

using namespace motcua;
using namespace motcua::testing;

TEST_CASE(
    "The finish screen offers the service's procedures before any typing and finds the new ones by search",
    "[console][script][finish]") {
    ConsoleOffice office{{"lan", "246813"}};
    HeadlessConsole c(office, 1);
    {
        queue::QueueService q(c.db, c.ui.clock);
        REQUIRE(q.take("HT", {}).ok());
    }
    const auto outcome = c.run(R"S(
tap "Nguyễn Thị Lan"
type "246813"
key Return
key F1
key F3
key F4
expect "Hoàn thành số A001"
expect "Đăng ký khai sinh"
screenshot 01-offered.png
type "ghi chu ly hon nuoc ngoai"
expect "Ghi vào Sổ hộ tịch việc ly hôn, hủy việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài"
screenshot 02-found.png
)S",
                               "finish-picker");
    requireOk(outcome, "finish picker");
    auto* screen = dynamic_cast<console::FinishScreen*>(c.ui.screens.top());
    REQUIRE(screen);
}
