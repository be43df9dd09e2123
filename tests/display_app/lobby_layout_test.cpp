#include <catch2/catch.hpp>

#include "display_fixture.h"
#include "kiosk/display_app/counter_screen.h"
#include "kiosk/display_app/lobby_screen.h"
#include "kiosk/ui/painter.h"

using namespace motcua;
using namespace motcua::display;
using namespace motcua::display::testing;

namespace {

bool inside(const ui::Rect& inner, const ui::Rect& outer) {
    return inner.x >= outer.x && inner.y >= outer.y && inner.right() <= outer.right() && inner.bottom() <= outer.bottom();
}

// Nothing overlaps, every text lies within its cell and the screen, and nothing had to be cut.
void checkScene(const Scene& scene, ui::Size size) {
    const ui::Rect screen{0, 0, size.width, size.height};
    for (std::size_t i = 0; i < scene.texts.size(); ++i) {
        const auto& t = scene.texts[i];
        CAPTURE(t.text, t.bounds.x, t.bounds.y, t.bounds.width, t.bounds.height);
        CHECK(inside(t.bounds, t.cell));
        CHECK(inside(t.bounds, screen));
        // Only the secondary, muted lines (a counter's fields) may be shortened.
        if (!(t.colour == LobbyPalette{}.muted)) CHECK(t.text.find("…") == std::string::npos);
        for (std::size_t j = i + 1; j < scene.texts.size(); ++j) {
            CAPTURE(scene.texts[j].text);
            CHECK_FALSE(t.bounds.intersects(scene.texts[j].bounds));
        }
    }
}

int sizeOf(const Scene& scene, const std::string& text) {
    for (const auto& t : scene.texts) {
        if (t.text == text) return t.style.pixelSize;
    }
    return 0;
}

}  // namespace

TEST_CASE("The lobby layout fits 4, 8 and 12 busy counters at 1920x1080 without overlap", "[display][layout]") {
    const int counters = GENERATE(4, 8, 12);
    CAPTURE(counters);
    DisplayFixture f({1920, 1080}, officeToml(counters));
    f.op("login 2 canbo2");
    f.op("break 2 canbo2 Họp");
    // Every other counter serves someone, one of them a priority citizen; several recent calls.
    for (int i = 0; i < counters + 2; ++i) f.op("take HT");
    f.op("take CT cao_tuoi");
    f.op("call 1");  // the priority ticket (counter 1 serves HT and CT)
    for (int c = 3; c <= counters; ++c) {
        if (c % 6 == 1 || c % 6 == 0) f.op("call " + std::to_string(c));  // counters serving HT
    }
    f.screens.push(std::make_unique<LobbyScreen>(f.feed, f.clock, nullptr));
    f.script("wait 100\nexpect \"Tạm nghỉ\"\nscreenshot lobby_" + std::to_string(counters) + "_counters.png");
    const auto& scene = dynamic_cast<LobbyScreen&>(*f.screens.top()).scene();
    checkScene(scene, {1920, 1080});
    // Read from 6 m: the numbers served are at least 52 px (about 25 mm on a 43" TV), the latest call far bigger.
    const auto status = f.queue.status();
    for (const auto& c : status.counters) {
        if (!c.current) continue;
        CAPTURE(c.number, c.current->number);
        CHECK(sizeOf(scene, c.current->number) >= 52);
    }
    for (const auto& row : f.feed.state().counters()) CHECK(sizeOf(scene, std::to_string(row.number)) >= 40);
    CHECK(sizeOf(scene, "Tạm nghỉ") >= 28);
    int latest = 0;
    for (const auto& t : scene.texts) {
        if (t.text == f.feed.state().recentCalls().front().number) latest = std::max(latest, t.style.pixelSize);
    }
    CHECK(latest >= 110);
}

TEST_CASE("The counter display fits at tablet sizes in every mode", "[display][layout][counter]") {
    const auto size = GENERATE(ui::Size{1280, 800}, ui::Size{800, 1280}, ui::Size{1024, 600});
    const int levels = GENERATE(3, 4);
    CAPTURE(size.width, size.height, levels);
    DisplayFixture f(size, officeToml(4, levels));
    CounterRow row;
    row.number = 3;
    row.name = "Quầy 3 – Lao động – Thương binh – Xã hội";
    row.serving = "C012";
    row.staffName = "Nguyễn Thị Cán Bộ 3";
    for (const auto mode : {CounterMode::Idle, CounterMode::Rating, CounterMode::Thanks}) {
        CounterView view{&row, 3, mode, "C012", queue::ratingScale(levels), "Ông/bà đã chọn: Rất hài lòng"};
        const Scene scene = composeCounter(view, size, f.fonts);
        checkScene(scene, size);
        if (mode == CounterMode::Rating) {
            REQUIRE(scene.buttons.size() == static_cast<std::size_t>(levels));
            for (const auto& b : scene.buttons) CHECK(b.rect.height >= f.app.theme().minTouchPx() * 2);
            for (std::size_t i = 0; i < scene.buttons.size(); ++i) {
                for (std::size_t j = i + 1; j < scene.buttons.size(); ++j) {
                    CHECK_FALSE(scene.buttons[i].rect.intersects(scene.buttons[j].rect));
                }
            }
        }
        if (mode == CounterMode::Idle) CHECK(sizeOf(scene, "C012") >= std::min(size.width, size.height) / 4);
    }
}
