#include "text/normalize.h"

#include <catch2/catch.hpp>

using namespace motcua::text;

TEST_CASE("Text is composed to NFC whatever the keyboard sent", "[text][nfc]") {
    const std::string decomposed = "Vie\xCC\x82\xCC\xA3t";  // e + combining circumflex + dot below
    CHECK_FALSE(isNfc(decomposed));
    CHECK(toNfc(decomposed) == "Việt");
    CHECK(isNfc(toNfc(decomposed)));
    CHECK(toNfc("Việt") == "Việt");
    CHECK(toNfc("") == "");
    CHECK(isNfc("ASCII only"));
}
