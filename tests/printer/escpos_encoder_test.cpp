#include "printer/escpos_encoder.h"

#include <catch2/catch.hpp>

using namespace motcua::printer;

namespace {
std::string hex(const std::string& bytes) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : bytes) {
        if (!out.empty()) out += ' ';
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}
}  // namespace

TEST_CASE("each simple command has its exact bytes", "[escpos][golden]") {
    CHECK(hex(EscPosEncoder().initialize().bytes()) == "1B 40");
    CHECK(hex(EscPosEncoder().cancelKanji().bytes()) == "1C 2E");
    CHECK(hex(EscPosEncoder().align(Align::Left).bytes()) == "1B 61 00");
    CHECK(hex(EscPosEncoder().align(Align::Centre).bytes()) == "1B 61 01");
    CHECK(hex(EscPosEncoder().align(Align::Right).bytes()) == "1B 61 02");
    CHECK(hex(EscPosEncoder().codePage(52).bytes()) == "1B 74 34");
    CHECK(hex(EscPosEncoder().bold(true).bold(false).bytes()) == "1B 45 01 1B 45 00");
    CHECK(hex(EscPosEncoder().characterSize(1, 1).bytes()) == "1D 21 00");
    CHECK(hex(EscPosEncoder().characterSize(2, 2).bytes()) == "1D 21 11");
    CHECK(hex(EscPosEncoder().characterSize(4, 3).bytes()) == "1D 21 32");
    CHECK_THROWS_AS(EscPosEncoder().characterSize(9, 1), std::invalid_argument);
    CHECK(hex(EscPosEncoder().lineFeed().bytes()) == "0A");
}

TEST_CASE("feedDots splits feeds longer than 255 dots", "[escpos][golden]") {
    CHECK(hex(EscPosEncoder().feedDots(24).bytes()) == "1B 4A 18");
    CHECK(hex(EscPosEncoder().feedDots(300).bytes()) == "1B 4A FF 1B 4A 2D");
    CHECK(EscPosEncoder().feedDots(0).bytes().empty());
}

TEST_CASE("each cut command has its exact bytes", "[escpos][golden]") {
    using K = CutCommand::Kind;
    CHECK(hex(EscPosEncoder().cut(CutCommand{}).bytes()) == "1D 56 42 00");  // the default: GS V 66 0
    CHECK(hex(EscPosEncoder().cut({K::FeedPartial, 3}).bytes()) == "1D 56 42 03");
    CHECK(hex(EscPosEncoder().cut({K::FeedFull, 3}).bytes()) == "1D 56 41 03");
    CHECK(hex(EscPosEncoder().cut({K::Full, 0}).bytes()) == "1D 56 00");
    CHECK(hex(EscPosEncoder().cut({K::Partial, 0}).bytes()) == "1D 56 01");
    CHECK(EscPosEncoder().cut({K::None, 0}).bytes().empty());
}

TEST_CASE("GS v 0 carries x in bytes and y in rows, little endian", "[escpos][golden]") {
    Bitmap band(576, 64);
    band.set(0, 0);
    band.set(575, 63);
    const std::string bytes = EscPosEncoder().rasterBand(band).bytes();
    REQUIRE(bytes.size() == 8 + 72 * 64);
    CHECK(hex(bytes.substr(0, 8)) == "1D 76 30 00 48 00 40 00");  // the header in the reference notes
    CHECK(static_cast<unsigned char>(bytes[8]) == 0x80);
    CHECK(static_cast<unsigned char>(bytes.back()) == 0x01);
    CHECK(hex(EscPosEncoder().rasterBand(Bitmap(8, 300), RasterScale::Quadruple).bytes().substr(0, 8)) ==
          "1D 76 30 03 01 00 2C 01");
    CHECK_THROWS_AS(EscPosEncoder().rasterBand(Bitmap(8, 0)), std::invalid_argument);
}

TEST_CASE("raster() sends the first row full width, blank runs narrow, content cropped evenly",
          "[escpos][golden]") {
    Bitmap picture(64, 5);  // 8 bytes wide
    // Row 3: dots in bytes 2 and 4 -> crop 2 bytes each side (3 blank on the right, 2 on the left).
    picture.set(16, 3);
    picture.set(39, 3);
    const std::string bytes = EscPosEncoder().raster(picture, false).bytes();
    const std::string expected =
        "1D 76 30 00 08 00 01 00 00 00 00 00 00 00 00 00 "  // row 0, full width
        "1D 76 30 00 01 00 02 00 00 00 "                    // rows 1-2 blank
        "1D 76 30 00 04 00 01 00 80 00 01 00 "              // row 3, bytes 2..5
        "1D 76 30 00 01 00 01 00 00";                       // row 4 blank
    CHECK(hex(bytes) == expected);
}

TEST_CASE("raster() sends 2x2-block runs at half size with m=3 only when allowed", "[escpos][golden]") {
    Bitmap picture(32, 5);
    picture.fillRect(8, 1, 4, 2);  // a 2x2-block run at rows 1-2, bytes 1..2 after cropping 1 each side
    picture.fillRect(14, 1, 2, 2);
    SECTION("scaled") {
        const std::string bytes = EscPosEncoder().raster(picture, true).bytes();
        CHECK(hex(bytes) ==
              "1D 76 30 00 04 00 01 00 00 00 00 00 "  // row 0
              "1D 76 30 03 01 00 01 00 D0 "           // rows 1-2: F3 00 halved to 1101 0000
              "1D 76 30 02 01 00 01 00 00");          // rows 3-4 blank, double height
    }
    SECTION("not scaled") {
        const std::string bytes = EscPosEncoder().raster(picture, false).bytes();
        CHECK(hex(bytes) ==
              "1D 76 30 00 04 00 01 00 00 00 00 00 "
              "1D 76 30 00 02 00 02 00 F3 00 F3 00 "
              "1D 76 30 00 01 00 02 00 00 00");
    }
}

TEST_CASE("bands never exceed 256 rows of paper", "[escpos]") {
    Bitmap picture(16, 600);
    picture.fillRect(0, 0, 16, 600);
    const std::string bytes = EscPosEncoder().raster(picture, false).bytes();
    // 1 full-width row, then 599 rows as 256 + 256 + 87.
    CHECK(bytes.size() == (8 + 2) + (8 + 2 * 256) * 2 + (8 + 2 * 87));
    const std::string scaled = EscPosEncoder().raster(picture, true).bytes();
    // 599 is odd: no halving; the same bands.
    CHECK(scaled == bytes);
}

TEST_CASE("native QR is model 2, module size, level, store and print", "[escpos][golden][qr]") {
    const std::string bytes = EscPosEncoder().nativeQr("AB", 6).bytes();
    CHECK(hex(bytes) ==
          "1D 28 6B 04 00 31 41 32 00 "
          "1D 28 6B 03 00 31 43 06 "
          "1D 28 6B 03 00 31 45 31 "
          "1D 28 6B 05 00 31 50 30 41 42 "
          "1D 28 6B 03 00 31 51 30");
    CHECK(hex(EscPosEncoder().nativeQr("A", 40, QrErrorCorrection::High).bytes().substr(9, 16)) ==
          "1D 28 6B 03 00 31 43 10 1D 28 6B 03 00 31 45 33");
    const std::string big(300, 'x');
    CHECK(hex(EscPosEncoder().nativeQr(big, 4).bytes().substr(25, 5)) == "1D 28 6B 2F 01");  // 303 = 0x12F
    CHECK_THROWS_AS(EscPosEncoder().nativeQr("", 4), std::invalid_argument);
}

TEST_CASE("a raster ticket starts with ESC @, FS ., centre and ends with feed and cut", "[escpos][golden]") {
    PrinterSettings s;
    Bitmap picture(576, 4);
    picture.set(10, 2);
    const std::string bytes = encodeRasterTicket(picture, "", s);
    CHECK(hex(bytes.substr(0, 7)) == "1B 40 1C 2E 1B 61 01");
    CHECK(hex(bytes.substr(bytes.size() - 7)) == "1B 4A 18 1D 56 42 00");
    s.cut = {CutCommand::Kind::FeedFull, 5};
    s.feedBeforeCutDots = 0;
    const std::string other = encodeRasterTicket(picture, "", s);
    CHECK(hex(other.substr(other.size() - 4)) == "1D 56 41 05");
}
