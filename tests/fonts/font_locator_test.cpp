#include "fonts/font_locator.h"

#include <catch2/catch.hpp>

using namespace motcua::fonts;

TEST_CASE("fontconfig finds a Vietnamese font in both weights", "[font]") {
    auto regular = findFont("Noto Sans", FontWeight::Regular);
    auto bold = findFont("Noto Sans", FontWeight::Bold);
    REQUIRE(regular);
    REQUIRE(bold);
    CHECK(std::filesystem::exists(*regular));
    CHECK(*regular != *bold);
}

TEST_CASE("FontSet::locate gives both weights of a family", "[font]") {
    const auto set = FontSet::locate();
    CHECK(set.regular == findFont("Noto Sans", FontWeight::Regular));
    CHECK(set.bold == findFont("Noto Sans", FontWeight::Bold));
}
