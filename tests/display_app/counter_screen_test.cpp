#include "kiosk/display_app/counter_screen.h"

#include <catch2/catch.hpp>

#include "display_fixture.h"

using namespace motcua;
using namespace motcua::display;
using namespace motcua::display::testing;

namespace {

std::int64_t ratings(DisplayFixture& f) {
    return f.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'rate'");
}

CounterScreen& counterScreen(DisplayFixture& f) {
    return dynamic_cast<CounterScreen&>(*f.screens.top());
}

}  // namespace

TEST_CASE(
    "The counter display shows its number large, asks for a rating when the ticket is finished and stores "
    "the first answer only",
    "[display][counter][rating]") {
    DisplayFixture f({1280, 800});
    f.screens.push(std::make_unique<CounterScreen>(f.feed, 1, f.clock));
    f.op("login 1 canbo1");
    f.script("wait 100\nexpect \"Quầy 1 – Hộ tịch\"\nexpect \"Xin mời công dân chờ gọi số\"");
    f.op("take HT");
    f.op("call 1");
    // Called: the citizen is invited, not yet served.
    f.script(
        "wait 60\nexpect \"Mời công dân có số\"\nexpect \"A001\"\nexpect \"Cán bộ: Nguyễn Thị Cán Bộ 1\"\n"
        "screenshot counter_called.png");
    f.op("start 1");
    f.script("wait 60\nexpect \"Đang phục vụ số\"\nexpect \"A001\"\nscreenshot counter_serving.png");
    f.op("finish 1");
    f.script(
        "wait 60\nexpect \"Ông/bà đánh giá thế nào về sự phục vụ?\"\nexpect \"Rất hài lòng\"\n"
        "expect \"Hài lòng\"\nexpect \"Không hài lòng\"\nscreenshot counter_rating.png");
    CHECK(counterScreen(f).mode() == CounterMode::Rating);
    CHECK(counterScreen(f).scene().buttons.size() == 3);
    const ui::Point other = counterScreen(f).scene().buttons[2].rect.center();

    f.script("tap \"Hài lòng\"\nwait 16\nexpect \"Cảm ơn ông/bà!\"\nscreenshot counter_thanks.png");
    // A second tap, where "Không hài lòng" was, changes nothing.
    f.script("tap " + std::to_string(other.x) + " " + std::to_string(other.y) + "\nwait 16");
    CHECK(counterScreen(f).mode() == CounterMode::Thanks);
    CHECK(counterScreen(f).ratingsStored() == 1);
    REQUIRE(ratings(f) == 1);
    queue::Statement st(f.db,
                        "SELECT json_extract(detail, '$.level'), json_extract(detail, '$.source'), "
                        "(SELECT number FROM tickets WHERE id = ticket_id), counter_id IS NOT NULL, "
                        "staff_id IS NOT NULL FROM events WHERE kind = 'rate'");
    REQUIRE(st.step());
    CHECK(st.getText(0) == "hai_long");
    CHECK(st.getText(1) == "counter");
    CHECK(st.getText(2) == "A001");
    CHECK(st.getInt(3) == 1);
    CHECK(st.getInt(4) == 1);
    // Back to idle after the thanks.
    f.script("wait 7000\nexpect \"Xin mời công dân chờ gọi số\"");
    CHECK(counterScreen(f).mode() == CounterMode::Idle);
}

TEST_CASE("The rating question goes back to idle after the configured time without storing anything",
          "[display][counter][rating]") {
    DisplayFixture f({1280, 800}, officeToml(4, 3, 20));
    f.screens.push(std::make_unique<CounterScreen>(f.feed, 2, f.clock));
    f.op("take CT");
    f.op("call 2");
    f.op("start 2");
    f.op("finish 2");
    f.script("wait 60\nexpect \"Ông/bà đánh giá thế nào về sự phục vụ?\"\nwait 19000");
    CHECK(counterScreen(f).mode() == CounterMode::Rating);
    f.script("wait 1100");
    CHECK(counterScreen(f).mode() == CounterMode::Idle);
    CHECK_FALSE(f.shows(kRatingQuestion));
    CHECK(ratings(f) == 0);
}

TEST_CASE("A finish at another counter does not ask here; a four-level scale shows four buttons",
          "[display][counter][rating]") {
    DisplayFixture f({1280, 800}, officeToml(4, 4));
    f.screens.push(std::make_unique<CounterScreen>(f.feed, 1, f.clock));
    f.op("take CT");
    f.op("take HT");
    f.op("call 2");
    f.op("start 2");
    f.op("finish 2");
    f.script("wait 60");
    CHECK(counterScreen(f).mode() == CounterMode::Idle);
    f.op("call 1");
    f.op("start 1");
    f.op("finish 1");
    f.script("wait 60\nexpect \"Bình thường\"\nscreenshot counter_rating_4_levels.png");
    CHECK(counterScreen(f).scene().buttons.size() == 4);
    f.script("tap \"Không hài lòng\"\nwait 16");
    queue::Statement st(f.db, "SELECT json_extract(detail, '$.level') FROM events WHERE kind = 'rate'");
    REQUIRE(st.step());
    CHECK(st.getText(0) == "khong_hai_long");
}

TEST_CASE("The counter display shows Tạm nghỉ while its officer is on a break", "[display][counter]") {
    DisplayFixture f({1280, 800});
    f.screens.push(std::make_unique<CounterScreen>(f.feed, 3, f.clock));
    f.op("login 3 canbo3");
    f.op("break 3 canbo3 Nghỉ trưa");
    f.script("wait 100\nexpect \"Tạm nghỉ\"\nexpect \"Nghỉ trưa\"\nscreenshot counter_break.png");
}
