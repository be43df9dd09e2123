#include "printer/printer_uri.h"

#include <catch2/catch.hpp>

#include "printer/print_error.h"
#include "support/test_support.h"

using namespace motcua::printer;

TEST_CASE("printer URIs parse into their parts", "[uri]") {
    auto usb = parsePrinterUri("usb:");
    REQUIRE(usb.ok());
    CHECK(usb->kind == PrinterUri::Kind::Usb);
    CHECK_FALSE(usb->hasUsbId);

    auto id = parsePrinterUri("usb:04b8:0E15");
    REQUIRE(id.ok());
    CHECK(id->hasUsbId);
    CHECK(id->vendorId == 0x04b8);
    CHECK(id->productId == 0x0e15);

    auto cups = parsePrinterUri("cups:Kiosk_Printer");
    REQUIRE(cups.ok());
    CHECK(cups->kind == PrinterUri::Kind::Cups);
    CHECK(cups->name == "Kiosk_Printer");

    auto tcp = parsePrinterUri("tcp:192.168.1.50:9100");
    REQUIRE(tcp.ok());
    CHECK(tcp->name == "192.168.1.50");
    CHECK(tcp->port == 9100);

    auto v6 = parsePrinterUri("tcp:[fe80::1]:9100");
    REQUIRE(v6.ok());
    CHECK(v6->name == "fe80::1");

    auto file = parsePrinterUri("file:/tmp/ticket.bin");
    REQUIRE(file.ok());
    CHECK(file->name == "/tmp/ticket.bin");

    auto none = parsePrinterUri("none");
    REQUIRE(none.ok());
    CHECK(none->kind == PrinterUri::Kind::None);
}

TEST_CASE("bad printer URIs are refused with a message showing the accepted forms", "[uri]") {
    const std::string uri =
        GENERATE(as<std::string>{}, "", "usb", "usb:04b8", "usb:xyz:0e15", "usb:12345:1", "cups:", "cups:a/b",
                 "tcp:host", "tcp:host:", "tcp::9100", "tcp:host:70000", "tcp:host:91x", "tcp:[::1]9100",
                 "file:", "lpt:1", "None");
    CAPTURE(uri);
    auto parsed = parsePrinterUri(uri);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().error == PrintError::BadUri);
    CHECK_THAT(parsed.error().detail, Catch::Contains("tcp:HOST:PORT"));
    auto opened = openTransport(uri);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().error == PrintError::BadUri);
}

TEST_CASE("'none' opens nothing: the kiosk shows the number instead", "[uri]") {
    auto t = openTransport("none");
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().error == PrintError::NotConfigured);
}

TEST_CASE("a file printer in a missing directory is not found", "[uri]") {
    motcua::testing::TempDir dir;
    auto bad = openTransport("file:" + (dir / "nope" / "t.bin").string());
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().error == PrintError::NoPrinterFound);
    auto good = openTransport("file:" + (dir / "t.bin").string());
    REQUIRE(good.ok());
    CHECK_FALSE((*good)->canRead());
}

TEST_CASE("every print error has a Vietnamese (NFC) and an English one-line message", "[errors]") {
    for (int i = 0; i <= static_cast<int>(PrintError::JobRejected); ++i) {
        const auto e = static_cast<PrintError>(i);
        const std::string vi(messageVi(e));
        const std::string en(messageEn(e));
        CAPTURE(i, vi, en);
        CHECK(vi.size() > 10);
        CHECK(en.size() > 5);
        CHECK(vi.find('\n') == std::string::npos);
        CHECK(en.find('\n') == std::string::npos);
        // Vietnamese: has letters beyond ASCII; NFC: no combining marks (U+0300..U+036F are CC 80..CD AF).
        CHECK(
            std::any_of(vi.begin(), vi.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
        CHECK(vi.find('\xCC') == std::string::npos);
        CHECK(vi.find('\xCD') == std::string::npos);
        CHECK(errorName(e) != "unknown");
    }
}
