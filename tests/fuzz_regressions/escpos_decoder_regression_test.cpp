// Inputs that broke the ESC/POS decoder (print-preview, the file printer's PNG). Each was a crash,
// UB or a runaway allocation under the sanitizers; each must now be refused as a value.
#include <catch2/catch.hpp>
#include <string>

#include "printer/escpos_decoder.h"

namespace {

using motcua::printer::decodeEscPos;
using motcua::printer::DecodeOptions;

std::string repeated(const std::string& command, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += command;
    return out;
}

// GS v 0 with one raster row of xBytes bytes, all black.
std::string band(int xBytes) {
    std::string out{'\x1D', 'v', '0', '\0', static_cast<char>(xBytes & 0xFF), static_cast<char>(xBytes >> 8),
                    '\x01', '\0'};
    return out + std::string(static_cast<std::size_t>(xBytes), '\xFF');
}

const std::string kFeedLines{'\x1B', 'd', '\xFF'};  // ESC d 255: 255 lines of 30 dots

}  // namespace

TEST_CASE("Feeds before any raster cannot overflow the row counter", "[fuzz_regression][escpos]") {
    // 290,000 x 7,650 dots overflowed the int row counter (UBSan: signed integer overflow) and then
    // asked for a picture of that many rows.
    const auto bytes = repeated(kFeedLines, 290'000) + band(1);
    const auto decoded = decodeEscPos(bytes);
    REQUIRE_FALSE(decoded);
    CHECK_THAT(decoded.error().message, Catch::Contains("longer than"));
    CHECK(decoded.error().offset < bytes.size());
}

TEST_CASE("A few kilobytes of feeds cannot ask for gigabytes of picture", "[fuzz_regression][escpos]") {
    // 2048-dot paper then 1,270 x ESC d 255 (3.8 kB) asked for a 2.5 GB bitmap; 40 feeds (120 bytes)
    // on 384-dot paper already make a 306,000-row picture.
    DecodeOptions options;
    SECTION("wide paper") {
        options.paperWidthDots = 2048;
        const auto decoded = decodeEscPos(band(256) + repeated(kFeedLines, 1'270), options);
        REQUIRE_FALSE(decoded);
        CHECK_THAT(decoded.error().message, Catch::Contains("longer than"));
    }
    SECTION("narrow paper") {
        const auto decoded = decodeEscPos(band(48) + repeated(kFeedLines, 40), options);
        REQUIRE_FALSE(decoded);
        CHECK_THAT(decoded.error().message, Catch::Contains("longer than"));
    }
}

TEST_CASE("A long but real paper length still decodes", "[fuzz_regression][escpos]") {
    // 12 x 7,650 = 91,800 dots of feed: under the limit, so the picture is made.
    const auto decoded = decodeEscPos(band(48) + repeated(kFeedLines, 12) + band(48));
    REQUIRE(decoded);
    CHECK(decoded->picture.width() == 384);
    CHECK(decoded->picture.height() == 1 + 12 * 255 * 30 + 1);
}
