#include "printer/code_page_text.h"

#include <catch2/catch.hpp>

#include "printer/escpos_encoder.h"
#include "printer/sample_ticket.h"

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

TEST_CASE("CP1258 sends toned letters as base letter plus combining tone", "[codepage]") {
    CHECK(hex(encodeCp1258("Số").bytes) == "53 F4 EC");  // the reference notes' example
    CHECK(hex(encodeCp1258("á").bytes) == "61 EC");      // even where a precomposed byte exists
    CHECK(hex(encodeCp1258("Đặng").bytes) == "D0 E3 F2 6E 67");
    CHECK(hex(encodeCp1258("ỨNG").bytes) == "DD EC 4E 47");
    CHECK(hex(encodeCp1258("ườ").bytes) == "FD F5 CC");  // ư has no tone, ờ has
    CHECK(hex(encodeCp1258("ỷ").bytes) == "79 D2");
    CHECK(hex(encodeCp1258("ẵ").bytes) == "E3 DE");
}

TEST_CASE("CP1258 gives the same bytes for NFC and NFD input", "[codepage]") {
    const std::string nfc = "Nguyễn Thị Ánh";
    const std::string nfd = "Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 A\xCC\x81nh";
    CHECK(encodeCp1258(nfc).bytes == encodeCp1258(nfd).bytes);
    CHECK(encodeCp1258(nfc).unmappable == 0);
}

TEST_CASE("CP1258 replaces what it cannot encode with '?' and counts it", "[codepage]") {
    const auto out = encodeCp1258("A→B 漢");
    CHECK(out.bytes == "A?B ?");
    CHECK(out.unmappable == 2);
}

TEST_CASE("TCVN-3 switches between the lower and upper case pages", "[codepage]") {
    std::uint8_t page = 0;
    // The reference notes' Epson example, with Đ taken from the pages themselves (A7).
    const auto out = encodeTcvn3("Số ĐẶNG", 30, 31, page);
    CHECK(hex(out.bytes) == "53 1B 74 1E E8 20 A7 1B 74 1F C6 4E 47");
    CHECK(page == 31);
    // Lower-case letters after an upper-case page go back to the lower page.
    const auto next = encodeTcvn3("ạ", 30, 31, page);
    CHECK(hex(next.bytes) == "1B 74 1E B9");
}

TEST_CASE("TCVN-3 codes for each vowel and tone", "[codepage]") {
    std::uint8_t page = 30;
    CHECK(hex(encodeTcvn3("àảãáạ", 30, 31, page).bytes) == "B5 B6 B7 B8 B9");
    CHECK(hex(encodeTcvn3("ăâêôơưđ", 30, 31, page).bytes) == "A8 A9 AA AB AC AD AE");
    CHECK(hex(encodeTcvn3("ĂÂÊÔƠƯĐ", 30, 31, page).bytes) == "A1 A2 A3 A4 A5 A6 A7");
    CHECK(hex(encodeTcvn3("ỳỷỹýỵ", 30, 31, page).bytes) == "FA FB FC FD FE");
    CHECK(hex(encodeTcvn3("ĩ", 30, 31, page).bytes) == "DC");
    const auto bad = encodeTcvn3("€", 30, 31, page);
    CHECK(bad.bytes == "?");
    CHECK(bad.unmappable == 1);
}

TEST_CASE("a text-mode ticket selects the configured page and sends no picture but the QR",
          "[codepage][escpos]") {
    PrinterSettings s;
    s.text.encoding = TextEncoding::Cp1258;
    s.text.codePage = 27;
    TicketContent t = sampleTicket();
    const std::string bytes = encodeTicket(t, s);
    CHECK(hex(bytes.substr(0, 10)) == "1B 40 1C 2E 1B 61 01 1B 74 1B");
    CHECK(bytes.find(encodeCp1258("Giờ lấy số").bytes) != std::string::npos);
    CHECK(bytes.find("\x1d\x21\x33") != std::string::npos);  // the number at 4x4
    SECTION("native QR") {
        s.qrMode = QrMode::Native;
        const std::string native = encodeTicket(t, s);
        CHECK(native.find("\x1dv0") == std::string::npos);
        CHECK(native.find(t.qrPayload) != std::string::npos);
    }
    SECTION("raster QR") {
        CHECK(bytes.find("\x1dv0") != std::string::npos);
    }
}
