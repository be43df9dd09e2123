#include "kiosk/kiosk_app/kiosk_text.h"

#include <catch2/catch.hpp>

#include "kiosk/kiosk_app/result_card.h"

using namespace motcua::kiosk;

TEST_CASE("Amounts in đồng are grouped by dots", "[kiosk][text]") {
    CHECK(formatDong(0) == "0 đ");
    CHECK(formatDong(2000) == "2.000 đ");
    CHECK(formatDong(12000) == "12.000 đ");
    CHECK(formatDong(200000) == "200.000 đ");
    CHECK(formatDong(1234567) == "1.234.567 đ");
    CHECK(groupThousands(999) == "999");
}

TEST_CASE("Phrases are filled in the chosen language", "[kiosk][text]") {
    CHECK(say(words::kAhead, Language::Vi, 3) == "Số người đang chờ trước ông/bà: 3");
    CHECK(say(words::kAhead, Language::En, 3) == "People ahead of you: 3");
}

TEST_CASE("A result card highlights the words a matched span touches", "[kiosk][search]") {
    const std::string name = "Chứng thực bản sao từ bản chính";
    // "Chứng thực" is bytes [0, 13) in UTF-8; "bản sao" follows.
    const auto begin = name.find("bản sao");
    ResultCard card(name, {{0, name.find(' ', 8)}, {begin, begin + std::string("bản sao").size()}},
                    "Chứng thực", {});
    CHECK(card.highlightedWords() == std::vector<std::string>{"Chứng", "thực", "bản", "sao"});
}
