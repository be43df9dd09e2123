#include "printer/bitmap.h"

#include <catch2/catch.hpp>

#include "printer/png_writer.h"
#include "support/test_support.h"

using namespace motcua::printer;

TEST_CASE("a bitmap stores dots most significant bit first, 1 is black", "[bitmap]") {
    Bitmap b(16, 2);
    b.set(0, 0);
    b.set(9, 1);
    CHECK(b.row(0)[0] == 0x80);
    CHECK(b.row(1)[1] == 0x40);
    CHECK(b.get(0, 0));
    CHECK_FALSE(b.get(1, 0));
    CHECK_FALSE(b.get(-1, 0));
    CHECK_FALSE(b.get(16, 0));
    b.set(100, 100);  // outside: ignored
    CHECK(b.countBlack() == 2);
    CHECK_FALSE(b.rowBlank(0));
    b.set(0, 0, false);
    CHECK(b.rowBlank(0));
}

TEST_CASE("a bitmap refuses widths that are not whole bytes", "[bitmap]") {
    CHECK_THROWS_AS(Bitmap(12, 1), std::invalid_argument);
    CHECK_THROWS_AS(Bitmap(0, 1), std::invalid_argument);
    CHECK_THROWS_AS(Bitmap(8, -1), std::invalid_argument);
}

TEST_CASE("blit ORs dots in at any offset and rows() copies a slice", "[bitmap]") {
    Bitmap small(8, 2);
    small.fillRect(0, 0, 8, 2);
    Bitmap big(32, 6);
    SECTION("byte aligned") {
        big.blit(small, 8, 1);
        CHECK(big.row(1)[1] == 0xFF);
        CHECK(big.row(2)[1] == 0xFF);
        CHECK(big.countBlack() == 16);
    }
    SECTION("unaligned") {
        big.blit(small, 3, 0);
        CHECK(big.row(0)[0] == 0x1F);
        CHECK(big.row(0)[1] == 0xE0);
    }
    big.fillRect(0, 4, 32, 1);
    const Bitmap slice = big.rows(4, 6);
    CHECK(slice.height() == 2);
    CHECK(slice.countBlack() == 32);
}

TEST_CASE("writePng writes a PNG file and refuses an empty picture", "[bitmap][png]") {
    motcua::testing::TempDir dir;
    Bitmap b(16, 4);
    b.fillRect(0, 0, 4, 4);
    writePng(b, dir / "out.png");
    const std::string bytes = motcua::testing::readFile(dir / "out.png");
    REQUIRE(bytes.size() > 8);
    CHECK(bytes.substr(1, 3) == "PNG");
    CHECK_FALSE(std::filesystem::exists(dir / "out.png.tmp"));
    CHECK_THROWS_AS(writePng(Bitmap(8, 0), dir / "empty.png"), PngError);
    CHECK_THROWS_AS(writePng(b, dir / "missing-dir" / "x.png"), PngError);
}
