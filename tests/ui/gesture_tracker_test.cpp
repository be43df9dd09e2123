#include "kiosk/ui/gesture_tracker.h"

#include <catch2/catch.hpp>

using namespace motcua::ui;

namespace {
std::vector<InputType> types(const std::vector<InputEvent>& events) {
    std::vector<InputType> out;
    for (const auto& e : events) out.push_back(e.type);
    return out;
}
}  // namespace

TEST_CASE("Down and up within the slop is a tap", "[ui][input]") {
    GestureTracker g;
    CHECK(types(g.feed({PointerAction::Down, {100, 100}, -1}, 0)) == std::vector{InputType::PointerDown});
    CHECK(g.feed({PointerAction::Move, {105, 108}, -1}, 20).empty());
    const auto up = g.feed({PointerAction::Up, {106, 110}, -1}, 80);
    REQUIRE(types(up) == std::vector{InputType::PointerUp, InputType::Tap});
    CHECK(up[1].position == Point{106, 110});
    CHECK(up[1].start == Point{100, 100});
    CHECK_FALSE(g.pointerDown());
}

TEST_CASE("Moving beyond the slop is a drag with deltas and a release velocity, not a tap", "[ui][input]") {
    GestureTracker g(16);
    g.feed({PointerAction::Down, {500, 1000}, 7}, 0);
    const auto first = g.feed({PointerAction::Move, {500, 970}, 7}, 16);
    REQUIRE(types(first) == std::vector{InputType::PointerDrag});
    CHECK(first[0].delta == Point{0, -30});
    CHECK(first[0].start == Point{500, 1000});
    for (int i = 2; i <= 10; ++i) g.feed({PointerAction::Move, {500, 1000 - 30 * i}, 7}, 16 * i);
    const auto up = g.feed({PointerAction::Up, {500, 700}, 7}, 160);
    REQUIRE(types(up) == std::vector{InputType::PointerUp});
    // 30 px per 16 ms upwards.
    CHECK(up[0].velocityY == Approx(-1875).epsilon(0.05));
    CHECK(up[0].velocityX == 0);
}

TEST_CASE("A finger that stops before lifting does not fling", "[ui][input]") {
    GestureTracker g;
    g.feed({PointerAction::Down, {0, 500}, 1}, 0);
    g.feed({PointerAction::Move, {0, 300}, 1}, 50);
    g.feed({PointerAction::Move, {0, 298}, 1}, 600);
    const auto up = g.feed({PointerAction::Up, {0, 298}, 1}, 700);
    REQUIRE(up.size() == 1);
    CHECK(std::abs(up[0].velocityY) < 50);
}

TEST_CASE("A second finger is ignored while the first is down", "[ui][input]") {
    GestureTracker g;
    g.feed({PointerAction::Down, {10, 10}, 1}, 0);
    CHECK(g.feed({PointerAction::Down, {300, 300}, 2}, 5).empty());
    CHECK(g.feed({PointerAction::Move, {600, 600}, 2}, 10).empty());
    CHECK(g.feed({PointerAction::Up, {300, 300}, 2}, 15).empty());
    CHECK(types(g.feed({PointerAction::Up, {10, 10}, 1}, 20)) ==
          std::vector{InputType::PointerUp, InputType::Tap});
}

TEST_CASE("Key names round-trip", "[ui][input]") {
    const auto name = GENERATE(as<std::string>{}, "Return", "Escape", "Backspace", "Tab", "Up", "Down",
                               "Left", "Right", "F1", "F9", "F12", "a", "z", "0", "9", "PageDown");
    CAPTURE(name);
    const auto key = keyFromName(name);
    REQUIRE(key);
    CHECK(keyName(*key) == name);
    CHECK_FALSE(keyFromName("F0"));
    CHECK_FALSE(keyFromName(""));
    CHECK(keyFromName("RETURN") == Key::Return);
    CHECK(keyFromName("A") == Key::A);
}
