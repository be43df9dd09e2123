// A supervisor lifts a citizen's per-citizen limits from the console (issue 19): the kiosk's
// reference (mã hỗ trợ) and a reason, which the event log keeps. Officers cannot.
#include <catch2/catch.hpp>

#include "console_fixture.h"
#include "queue/queue_service.h"

using namespace motcua;
using namespace motcua::testing;

namespace {

// A citizen (by keyed id) took an HT number and was refused a second: the refusal's reference.
std::int64_t refusedCitizen(queue::Database& db, const queue::Clock& clock) {
    queue::QueueService q(db, clock);
    const std::string citizen(64, 'c');
    REQUIRE(q.take("HT", {}, {}, citizen).ok());
    REQUIRE(q.take("HT", {}, {}, citizen).outcome == queue::Outcome::CitizenLimit);
    const auto refusal = q.citizenLimit(citizen, "HT");
    REQUIRE(refusal);
    return refusal->reference;
}

}  // namespace

TEST_CASE("A supervisor lifts a citizen's limit with the kiosk's reference and a reason",
          "[console][script][citizen]") {
    ConsoleOffice office{{"truong", "135792"}};
    HeadlessConsole c(office, 2);
    const auto reference = refusedCitizen(c.db, c.ui.clock);
    requireOk(c.run(R"S(
tap "Lê Thị Trưởng"
type "135792"
key Return
expect "Quầy 2 · Lê Thị Trưởng"
key F10
tap "Gỡ giới hạn lấy số của công dân"
expect "Gỡ giới hạn lấy số của công dân"
type "99999"
key Return
type "Nộp hồ sơ cho mẹ"
key Return
expect "Không có mã hỗ trợ 99999 trong hôm nay."
screenshot 01-unknown-reference.png
)S",
                    "lift-limit"),
              "lift-limit");
    // The right reference: typed into the reference field after a tap on it.
    auto script =
        "tap \"99999\"\nkey Backspace\nkey Backspace\nkey Backspace\nkey Backspace\nkey Backspace\n"
        "type \"" +
        std::to_string(reference) +
        "\"\nscreenshot 02-reference.png\nkey Return\nkey Return\nscreenshot 03-lifted.png\n";
    requireOk(c.run(script, "lift-limit"), script);
    CHECK(c.sees("Đã gỡ giới hạn lấy số hôm nay cho công dân có mã hỗ trợ"));
    CHECK(c.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'limit_lifted'") == 1);
    queue::Statement st(c.db, "SELECT detail FROM events WHERE kind = 'limit_lifted'");
    REQUIRE(st.step());
    CHECK(nlohmann::json::parse(st.getText(0))["reason"] == "Nộp hồ sơ cho mẹ");
}

TEST_CASE("An officer is not offered the lift, and the session refuses it", "[console][citizen]") {
    ConsoleOffice office{{"lan", "246813"}};
    HeadlessConsole c(office, 1);
    const auto reference = refusedCitizen(c.db, c.ui.clock);
    requireOk(c.run("tap \"Nguyễn Thị Lan\"\ntype \"246813\"\nkey Return\nkey F10\nexpect \"Số cụ thể\"\n",
                    "lift-officer"),
              "lift-officer");
    CHECK_FALSE(c.sees("Gỡ giới hạn lấy số của công dân"));
    const auto r = c.console.session().liftCitizenLimit(std::to_string(reference), "lý do");
    CHECK_FALSE(r.ok);
    CHECK(r.messageVi == "Chỉ trưởng bộ phận được gỡ giới hạn lấy số của công dân.");
    CHECK(c.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'limit_lifted'") == 0);
}
