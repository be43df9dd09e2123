#include "text/word_wrap.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "text/utf8.h"

using namespace motcua::text;

namespace {
// One column per code point, as a printer's built-in font.
int columns(std::string_view s) {
    return static_cast<int>(codePointCount(s));
}
}  // namespace

TEST_CASE("Words wrap at spaces to the width, whatever measures it", "[text][wrap]") {
    using Lines = std::vector<std::string>;
    CHECK(wrapWords("Chứng thực bản sao từ bản chính", 12, columns) ==
          Lines{"Chứng thực", "bản sao từ", "bản chính"});
    CHECK(wrapWords("Hộ tịch", 7, columns) == Lines{"Hộ tịch"});
    SECTION("runs of spaces are one break") {
        CHECK(wrapWords("a   b", 3, columns) == Lines{"a b"});
    }
    SECTION("a word longer than a line is cut between code points, the rest goes on") {
        CHECK(wrapWords("Nghịđịnh118 x", 4, columns) == Lines{"Nghị", "định", "118", "x"});
        CHECK(wrapWords("Nghịđịnh118 x", 5, columns) == Lines{"Nghịđ", "ịnh11", "8 x"});
    }
    SECTION("a line break is kept; an empty paragraph is an empty line unless dropped") {
        CHECK(wrapWords("a\n\nb", 10, columns) == Lines{"a", "", "b"});
        CHECK(wrapWords("a\n\nb", 10, columns, EmptyLines::Drop) == Lines{"a", "b"});
        CHECK(wrapWords("", 10, columns) == Lines{""});
        CHECK(wrapWords("", 10, columns, EmptyLines::Drop).empty());
        CHECK(wrapWords("   ", 10, columns, EmptyLines::Drop).empty());
    }
    SECTION("every line holds at least one code point, even when none fits") {
        CHECK(wrapWords("ấy", 0, columns) == Lines{"ấ", "y"});
    }
}

TEST_CASE("Wrapping by a proportional width measures whole candidate lines", "[text][wrap]") {
    // Wide letters (W) count 3, others 1: the wrap asks for the width of each candidate line.
    std::vector<std::string> asked;
    auto width = [&](std::string_view s) {
        asked.emplace_back(s);
        int w = 0;
        for (char c : s) w += c == 'W' ? 3 : 1;
        return w;
    };
    CHECK(wrapWords("WW ii WW", 9, width) == std::vector<std::string>{"WW ii", "WW"});
    CHECK(std::find(asked.begin(), asked.end(), "WW ii WW") != asked.end());
}

TEST_CASE("A dash never begins a line: the word before it goes down with it", "[text][wrap][dash]") {
    using Lines = std::vector<std::string>;
    // "Mất kết nối máy chủ – đang thử lại" at 19 columns broke before the dash.
    CHECK(wrapWords("Mất kết nối máy chủ – đang thử lại", 19, columns) ==
          Lines{"Mất kết nối máy", "chủ – đang thử lại"});
    CHECK(wrapWords("Quầy 1 — Hộ tịch", 7, columns) == Lines{"Quầy", "1 — Hộ", "tịch"});
    CHECK(wrapWords("Quầy 1 - Hộ tịch", 7, columns) == Lines{"Quầy", "1 - Hộ", "tịch"});
    SECTION("a dash that fits stays at the end of its line") {
        CHECK(wrapWords("Hộ tịch – Chứng thực", 9, columns) == Lines{"Hộ tịch –", "Chứng", "thực"});
    }
    SECTION("a hyphen inside a word, or one word alone before the dash, wraps as before") {
        CHECK(wrapWords("Tp. Hồ-Chí-Minh", 5, columns) == Lines{"Tp.", "Hồ-Ch", "í-Min", "h"});
        CHECK(wrapWords("Hộtịch –", 6, columns) == Lines{"Hộtịch", "–"});
    }
    SECTION("no line of a wrapped text begins with a dash") {
        for (int width = 6; width <= 40; ++width) {
            CAPTURE(width);
            for (const auto& line :
                 wrapWords("Lao động – Thương binh – Xã hội — và Đất đai - Xây dựng", width, columns))
                CHECK_FALSE((line.starts_with("–") || line.starts_with("—") || line.starts_with("- ")));
        }
    }
}
