// Telling a keyboard-wedge scanner's burst from a person typing, by the input events' timestamps.
#include "kiosk/ui/scan_detector.h"

#include <catch2/catch.hpp>

using namespace motcua::ui;

namespace {

const std::string kLine = "001166012345|012345678|Nguyễn Thị Thử|12031966|Nữ|Số 1 phố Hàng Thử|15042021";

// Feeds the line one code point at a time, gapMs apart from start, then Enter after enterGapMs.
std::optional<std::string> typeLine(ScanDetector& d, const std::string& line, std::int64_t start, int gapMs,
                                    int enterGapMs) {
    std::int64_t t = start;
    for (std::size_t i = 0; i < line.size();) {
        std::size_t n = 1;
        while (i + n < line.size() && (static_cast<unsigned char>(line[i + n]) & 0xC0) == 0x80) ++n;
        auto e = InputEvent::textInput(line.substr(i, n));
        e.timestampMs = t;
        CHECK_FALSE(d.feed(e));
        i += n;
        t += gapMs;
    }
    auto enter = InputEvent::keyPress(Key::Return);
    enter.timestampMs = t - gapMs + enterGapMs;
    return d.feed(enter);
}

}  // namespace

TEST_CASE("A line typed within milliseconds and ended by Enter is a scan", "[ui][scan]") {
    ScanDetector d;
    const int gap = GENERATE(0, 1, 8, 30);
    CAPTURE(gap);
    CHECK(typeLine(d, kLine, 1000, gap, gap) == kLine);
    // And the next one too: nothing is left over.
    CHECK(typeLine(d, kLine, 5000, gap, gap) == kLine);
}

TEST_CASE("A person typing, however long the line, is no scan", "[ui][scan]") {
    ScanDetector d;
    const int gap = GENERATE(31, 80, 150, 400);
    CAPTURE(gap);
    CHECK_FALSE(typeLine(d, kLine, 1000, gap, gap));
}

TEST_CASE("Short bursts, a slow Enter, or a key in between are no scan", "[ui][scan]") {
    ScanDetector d;
    SECTION("fewer characters than the minimum") {
        CHECK_FALSE(typeLine(d, kLine.substr(0, 39), 0, 2, 2));
    }
    SECTION("Enter long after the burst") {
        CHECK_FALSE(typeLine(d, kLine, 0, 2, 500));
    }
    SECTION("a person's keys before the burst are not part of the line") {
        for (int i = 0; i < 5; ++i) {
            auto e = InputEvent::textInput("x");
            e.timestampMs = i * 200;
            d.feed(e);
        }
        CHECK(typeLine(d, kLine, 2000, 3, 3) == kLine);
    }
    SECTION("Backspace in the middle: a person editing") {
        for (int i = 0; i < 45; ++i) {
            auto e = InputEvent::textInput("1");
            e.timestampMs = i;
            d.feed(e);
        }
        auto back = InputEvent::keyPress(Key::Backspace);
        back.timestampMs = 46;
        d.feed(back);
        auto enter = InputEvent::keyPress(Key::Return);
        enter.timestampMs = 47;
        CHECK_FALSE(d.feed(enter));
    }
}

TEST_CASE("The thresholds come from the settings", "[ui][scan]") {
    ScanDetector slowScanner({60, 20});
    CHECK(typeLine(slowScanner, kLine, 0, 50, 50) == kLine);
    CHECK_FALSE(typeLine(slowScanner, kLine.substr(0, 19), 10000, 5, 5));
}
