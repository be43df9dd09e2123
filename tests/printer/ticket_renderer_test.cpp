#include "printer/ticket_renderer.h"

#include <png.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <optional>
#include <utility>
#include <vector>

#include "printer/escpos_decoder.h"
#include "printer/escpos_encoder.h"
#include "printer/png_writer.h"
#include "printer/sample_ticket.h"
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

struct InkBox {
    int left, top, right, bottom;  // [left, right) × [top, bottom)
};

// The smallest rectangle holding every black dot of rows [y0, y1), if there is one.
std::optional<InkBox> inkBox(const Bitmap& b, int y0, int y1) {
    std::optional<InkBox> box;
    for (int y = y0; y < y1; ++y) {
        for (int x = 0; x < b.width(); ++x) {
            if (!b.get(x, y)) continue;
            if (!box) box = InkBox{x, y, x + 1, y + 1};
            box->left = std::min(box->left, x);
            box->right = std::max(box->right, x + 1);
            box->top = std::min(box->top, y);
            box->bottom = std::max(box->bottom, y + 1);
        }
    }
    return box;
}

// A QR finder pattern of 7×7 modules with its top-left corner at (x, y): a dark ring, a light ring
// and a dark 3×3 centre, read at the centre of each module.
bool isFinderPattern(const Bitmap& b, int x, int y, int module) {
    for (int row = 0; row < 7; ++row) {
        for (int col = 0; col < 7; ++col) {
            const int ring = std::min(std::min(row, col), std::min(6 - row, 6 - col));
            const bool dark = ring != 1;
            if (b.get(x + col * module + module / 2, y + row * module + module / 2) != dark) return false;
        }
    }
    return true;
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
    nfd.service =
        "\xC4\x90"
        "a\xCC\x86ng ky\xCC\x81 khai sinh";
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
    t.service = std::string(200, 'W');     // one word wider than the paper: broken between characters
    const Bitmap b = renderer.render(t);
    CHECK(b.height() > longHeight);
}

TEST_CASE("raster QR mode draws a QR symbol under the caption; native mode draws the same ticket without it",
          "[render][qr]") {
    const int width = GENERATE(576, 384);
    CAPTURE(width);
    PrinterSettings s;
    s.widthDots = width;
    const TicketContent t = sampleTicket();
    const Bitmap raster = renderTicket(t, s);
    s.qrMode = QrMode::Native;
    const Bitmap native = renderTicket(t, s);

    // Native mode's picture is the raster picture up to the QR (the caption is its last ink).
    int inkEnd = native.height();
    while (inkEnd > 0 && native.rowBlank(inkEnd - 1)) --inkEnd;
    REQUIRE(inkEnd > 0);
    REQUIRE(raster.height() > native.height());
    CHECK(raster.rows(0, inkEnd) == native.rows(0, inkEnd));

    // Below that the raster picture holds one square block of ink: a QR symbol of a valid size
    // (21 + 4k modules) at the renderer's module size, with its three finder patterns.
    const auto box = inkBox(raster, inkEnd, raster.height());
    REQUIRE(box.has_value());
    const int side = box->right - box->left;
    CHECK(box->bottom - box->top == side);
    int modules = 0;
    for (int n = 21; n <= 177; n += 4) {
        if (n * qrModuleDots(n, width) == side) modules = n;
    }
    REQUIRE(modules > 0);
    const int module = side / modules;
    CHECK(std::abs((box->left + box->right) / 2 - width / 2) <= 8);  // centred, left edge on a byte
    for (const auto& [col, row] : {std::pair{0, 0}, std::pair{modules - 7, 0}, std::pair{0, modules - 7}}) {
        CAPTURE(col, row);
        CHECK(isFinderPattern(raster, box->left + col * module, box->top + row * module, module));
    }
    CHECK_FALSE(isFinderPattern(raster, box->left + (modules - 7) * module, box->top + (modules - 7) * module,
                                module));
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

TEST_CASE("the sample ticket can be looked at as a PNG: the file holds exactly the ticket's dots",
          "[render][png]") {
    motcua::testing::TempDir dir;
    PrinterSettings s;
    const Bitmap b = renderTicket(sampleTicket(), s);
    writePng(b, dir / "ticket.png");

    // Read back with libpng as any viewer would: 8-bit grey, black where the printer burns a dot.
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    REQUIRE(png_image_begin_read_from_file(&image, (dir / "ticket.png").c_str()) != 0);
    image.format = PNG_FORMAT_GRAY;
    std::vector<png_byte> grey(PNG_IMAGE_SIZE(image));
    REQUIRE(png_image_finish_read(&image, nullptr, grey.data(), 0, nullptr) != 0);
    REQUIRE(static_cast<int>(image.width) == b.width());
    REQUIRE(static_cast<int>(image.height) == b.height());
    long mismatches = 0;
    long black = 0;
    for (int y = 0; y < b.height(); ++y) {
        for (int x = 0; x < b.width(); ++x) {
            const png_byte v = grey[static_cast<std::size_t>(y) * image.width + static_cast<std::size_t>(x)];
            if ((v == 0) != b.get(x, y) || (v != 0 && v != 255)) ++mismatches;
            if (v == 0) ++black;
        }
    }
    CHECK(mismatches == 0);
    CHECK(black == b.countBlack());
    CHECK_FALSE(std::filesystem::exists(dir / "ticket.png.tmp"));
}

TEST_CASE("The sample ticket's office line is the caller's (the programs pass the configured name and unit)",
          "[render]") {
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
