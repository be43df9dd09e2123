#include <catch2/catch.hpp>

#include "printer/font_locator.h"

using namespace motcua::printer;

TEST_CASE("fontconfig finds a Vietnamese font in both weights", "[font]") {
    auto regular = findFont("Noto Sans", FontWeight::Regular);
    auto bold = findFont("Noto Sans", FontWeight::Bold);
    REQUIRE(regular);
    REQUIRE(bold);
    CHECK(std::filesystem::exists(*regular));
    CHECK(*regular != *bold);
}
