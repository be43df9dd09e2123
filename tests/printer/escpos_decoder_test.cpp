#include "printer/escpos_decoder.h"

#include <catch2/catch.hpp>

#include "printer/escpos_encoder.h"
#include "printer/qr_code.h"
#include "printer/sample_ticket.h"
#include "printer/ticket_renderer.h"

using namespace motcua::printer;

TEST_CASE("the emitted stream decodes back to exactly the rendered picture", "[decode][escpos]") {
    const int width = GENERATE(576, 384, 512, 640);
    const bool scaled = GENERATE(true, false);
    CAPTURE(width, scaled);
    PrinterSettings s;
    s.widthDots = width;
    s.scaledRaster = scaled;
    const Bitmap rendered = renderTicket(sampleTicket(), s);
    const std::string stream = encodeRasterTicket(rendered, "", s);
    CHECK(stream.size() < static_cast<std::size_t>(rendered.stride() * rendered.height()));

    auto decoded = decodeEscPos(stream);
    REQUIRE(decoded.ok());
    CHECK(decoded->cuts == 1);
    const Bitmap& picture = decoded->picture;
    REQUIRE(picture.width() == width);
    REQUIRE(picture.height() == rendered.height() + s.feedBeforeCutDots);
    CHECK(picture.rows(0, rendered.height()) == rendered);
    CHECK(picture.rows(rendered.height(), picture.height()).countBlack() == 0);
}

TEST_CASE("a native QR decodes as the QR the payload makes, below the picture", "[decode][qr]") {
    PrinterSettings s;
    s.qrMode = QrMode::Native;
    const TicketContent t = sampleTicket();
    const Bitmap rendered = renderTicket(t, s);
    auto decoded = decodeEscPos(encodeRasterTicket(rendered, t.qrPayload, s));
    REQUIRE(decoded.ok());
    const auto qr = encodeQr(t.qrPayload);
    REQUIRE(qr);
    const int module = qrModuleDots(qr->size(), s.widthDots);
    const Bitmap below = decoded->picture.rows(rendered.height(), decoded->picture.height());
    CHECK(below.height() == qr->size() * module + s.feedBeforeCutDots);
    long dark = 0;
    for (int y = 0; y < qr->size(); ++y) {
        for (int x = 0; x < qr->size(); ++x) dark += qr->dark(x, y) ? 1 : 0;
    }
    CHECK(below.countBlack() == dark * module * module);
    CHECK(decoded->picture.rows(0, rendered.height()) == rendered);
}

TEST_CASE("streams the decoder cannot show are refused with the offset", "[decode]") {
    struct Case {
        std::string bytes;
        std::size_t offset;
        std::string words;
    };
    const std::string header("\x1b@\x1c.\x1b\x61\x01", 7);
    const auto c = GENERATE_COPY(values<Case>({
        {"", 0, "empty"},
        {header + "\x1b\x72\x01", 7, "unknown"},
        {header + std::string("\x1dv0\x00\x02\x00\x02\x00\xff", 9), 7, "truncated"},
        {header + std::string("\x1dv0\x00\x02\x00", 7), 7, "truncated"},
        {header + "Hello", 7, "text mode"},
        {header + std::string("\x1dv0\x07\x01\x00\x01\x00\x00", 9), 7, "invalid mode"},
        {header + std::string("\x1d\x28k\x03\x00\x31", 6), 7, "truncated"},
        {std::string("\x1b@", 2), 2, "without printing"},
        {std::string("\x1dv0\x00\x01\x00\x01\x00\x00\x1dv0\x00\x02\x00\x01\x00\x00\x00", 19), 9,
         "wider than"},
        {std::string("\x07", 1), 0, "unknown"},
    }));
    auto result = decodeEscPos(c.bytes);
    REQUIRE_FALSE(result.ok());
    CAPTURE(result.error().message);
    CHECK(result.error().offset == c.offset);
    CHECK_THAT(result.error().message, Catch::Contains(c.words));
    if (c.offset > 0 || !c.bytes.empty()) {
        CHECK_THAT(result.error().message, Catch::Contains("offset " + std::to_string(c.offset)));
    }
}

TEST_CASE("a given paper width centres narrower bands", "[decode]") {
    Bitmap band(16, 1);
    band.fillRect(0, 0, 16, 1);
    EscPosEncoder e;
    e.align(Align::Centre).rasterBand(band);
    DecodeOptions options;
    options.paperWidthDots = 64;
    auto decoded = decodeEscPos(e.bytes(), options);
    REQUIRE(decoded.ok());
    CHECK(decoded->picture.width() == 64);
    CHECK_FALSE(decoded->picture.get(23, 0));
    CHECK(decoded->picture.get(24, 0));
    CHECK(decoded->picture.get(39, 0));
    CHECK_FALSE(decoded->picture.get(40, 0));
}
