#include <catch2/catch.hpp>

#include "printer/escpos_decoder.h"
#include "printer/escpos_encoder.h"
#include "printer/png_writer.h"
#include "printer/sample_ticket.h"
#include "printer/ticket_renderer.h"
#include "support/test_support.h"

using namespace motcua::printer;

namespace {
// Rows [top, bottom) holding the tallest run of non-blank rows: the big number on a ticket.
std::pair<int, int> tallestInkRun(const Bitmap& b) {
    std::pair<int, int> best{0, 0};
    int y = 0;
    while (y < b.height()) {
        if (b.rowBlank(y)) {
            ++y;
            continue;
        }
        int end = y;
        while (end < b.height() && !b.rowBlank(end)) ++end;
        if (end - y > best.second - best.first) best = {y, end};
        y = end;
    }
    return best;
}
}  // namespace

TEST_CASE("a ticket renders at every configured width", "[render]") {
    const int width = GENERATE(576, 384, 512, 640);
    CAPTURE(width);
    PrinterSettings s;
    s.widthDots = width;
    const Bitmap b = renderTicket(sampleTicket(), s);
    CHECK(b.width() == width);
    CHECK(b.height() > width);  // a ticket is taller than wide
    CHECK(b.height() < 3 * width);
    CHECK(b.countBlack() > 0);
    CHECK(b.rowBlank(0));
    CHECK(b.rowBlank(b.height() - 1));
}

TEST_CASE("the number is very large: the tallest block, about 30% of the width", "[render]") {
    PrinterSettings s;
    TicketContent t = sampleTicket();
    t.qrPayload.clear();  // the QR would be taller
    const Bitmap b = renderTicket(t, s);
    const auto [top, bottom] = tallestInkRun(b);
    CHECK(bottom - top > 140);
    CHECK(bottom - top < 200);
}

TEST_CASE("NFD input renders exactly like NFC input", "[render]") {
    PrinterSettings s;
    TicketContent nfc;
    nfc.number = "B007";
    nfc.service = "Đăng ký khai sinh";
    TicketContent nfd = nfc;
    nfd.service = "\xC4\x90" "a\xCC\x86ng ky\xCC\x81 khai sinh";
    TicketRenderer renderer(s);
    CHECK(renderer.render(nfc) == renderer.render(nfd));
}

TEST_CASE("every field shows: leaving one out changes the picture", "[render]") {
    PrinterSettings s;
    TicketRenderer renderer(s);
    const TicketContent full = sampleTicket();
    const Bitmap reference = renderer.render(full);
    auto without = [&](auto clear) {
        TicketContent t = full;
        clear(t);
        return renderer.render(t);
    };
    CHECK(without([](TicketContent& t) { t.priority.clear(); }) != reference);
    CHECK(without([](TicketContent& t) { t.note.clear(); }) != reference);
    CHECK(without([](TicketContent& t) { t.peopleAhead.reset(); }) != reference);
    CHECK(without([](TicketContent& t) { t.qrPayload.clear(); }).height() < reference.height() - 100);
    CHECK(renderer.render(full) == reference);  // rendering is repeatable with cached fonts
}

TEST_CASE("long Vietnamese lines wrap instead of running off the paper", "[render]") {
    PrinterSettings s;
    s.widthDots = 384;
    TicketRenderer renderer(s);
    TicketContent t;
    t.number = "C100";
    t.service = "Thủ tục";
    const int shortHeight = renderer.render(t).height();
    t.service = "Cấp bản sao trích lục hộ tịch, đăng ký lại khai sinh, kết hôn, khai tử có yếu tố nước ngoài";
    const int longHeight = renderer.render(t).height();
    CHECK(longHeight > shortHeight + 40);  // at least two more lines
    t.service = std::string(200, 'W');  // one word wider than the paper: broken between characters
    const Bitmap b = renderer.render(t);
    CHECK(b.height() > longHeight);
}

TEST_CASE("native QR mode leaves the QR out of the picture", "[render][qr]") {
    PrinterSettings s;
    TicketContent t = sampleTicket();
    const int raster = renderTicket(t, s).height();
    s.qrMode = QrMode::Native;
    CHECK(renderTicket(t, s).height() < raster - 150);
}

TEST_CASE("unusable settings and payloads are refused with a message", "[render]") {
    PrinterSettings s;
    s.widthDots = 500;
    CHECK_THROWS_WITH(TicketRenderer(s), Catch::Contains("multiple of 8"));
    s.widthDots = 576;
    s.regularFont = "/nonexistent/font.ttf";
    CHECK_THROWS_AS(TicketRenderer(s), motcua::fonts::TtfError);
    s.regularFont.clear();
    TicketContent t;
    t.number = "A1";
    t.qrPayload = std::string(8000, 'x');
    CHECK_THROWS_WITH(renderTicket(t, s), Catch::Contains("too long"));
}

TEST_CASE("the sample ticket can be looked at as a PNG", "[render][png]") {
    // Leaves the pictures in the temp dir for a person to inspect when MOTCUA_KEEP_PNG is set.
    motcua::testing::TempDir dir;
    PrinterSettings s;
    const Bitmap b = renderTicket(sampleTicket(), s);
    writePng(b, dir / "ticket.png");
    CHECK(std::filesystem::file_size(dir / "ticket.png") > 1000);
}

TEST_CASE("The sample ticket's office line is the caller's (the programs pass the configured name and unit)", "[render]") {
    const TicketContent t = sampleTicket("UBND phường Ngô Quyền – Điểm Phục vụ hành chính công");
    CHECK(t.officeName == "UBND phường Ngô Quyền – Điểm Phục vụ hành chính công");
    CHECK(t.labels.number == "SỐ THỨ TỰ CỦA ÔNG/BÀ");
    CHECK(sampleTicket("").officeName.empty());
    // Nothing else changes with the office line.
    TicketContent other = sampleTicket("X");
    other.officeName = t.officeName;
    CHECK(other.service == t.service);
    CHECK(other.note == t.note);
}
