// The printed ticket's QR: the ticket's live page on motcua-web when the office has a public_url,
// with the short code under it; the online portal otherwise.
#include <catch2/catch.hpp>

#include "../queue/queue_fixture.h"
#include "kiosk/frontend/ticket_printing.h"
#include "queue/ticket_links.h"

using namespace motcua;
using namespace motcua::testing;

TEST_CASE("With a public_url the ticket's QR leads to its live page, the code printed under it",
          "[cli][print][web]") {
    QueueFixture f(kTestOfficeToml + "\n[web]\npublic_url = \"https://motcua.example.vn/\"\n");
    auto issued = *f.queue->take("HT").value;
    const auto link = queue::TicketLinks(f.db).linkFor(issued.ticket, f.clock.now());
    SECTION("Vietnamese") {
        const auto c =
            kiosk::ticketContent(issued, f.queue->office(), f.queue->calendar(), kiosk::Language::Vi, link);
        CHECK(c.qrPayload == "https://motcua.example.vn/t/" + link.token);
        CHECK(c.qrCode == queue::TicketLinks::printedShortCode(link.shortCode));
        CHECK(c.labels.qrCaption ==
              "Quét mã hoặc nhập mã dưới đây tại motcua.example.vn để theo dõi số trên điện thoại");
    }
    SECTION("English") {
        const auto c =
            kiosk::ticketContent(issued, f.queue->office(), f.queue->calendar(), kiosk::Language::En, link);
        CHECK(c.labels.qrCaption ==
              "Scan, or type the code below at motcua.example.vn, to follow your number on your phone");
    }
}

TEST_CASE("Without a public_url the QR stays the online portal's and no link is needed",
          "[cli][print][web]") {
    QueueFixture f;
    auto issued = *f.queue->take("HT").value;
    const auto link = queue::TicketLinks(f.db).linkFor(issued.ticket, f.clock.now());
    const auto c =
        kiosk::ticketContent(issued, f.queue->office(), f.queue->calendar(), kiosk::Language::Vi, link);
    CHECK(c.qrPayload == f.queue->office().value("online_portal", std::string()));
    CHECK(c.qrCode.empty());
}

TEST_CASE("A public_url that is not a plain web address is refused with its line", "[cli][web]") {
    const auto url = GENERATE(as<std::string>{}, "motcua.example.vn", "javascript:alert(1)", "https://a b",
                              "https://x/<script>", "ftp://x");
    CAPTURE(url);
    try {
        queue::parseOfficeConfig(kTestOfficeToml + "\n[web]\npublic_url = \"" + url + "\"\n", "office.toml");
        FAIL("accepted");
    } catch (const queue::ConfigError& e) {
        CHECK_THAT(e.what(), Catch::Contains("web.public_url: must be an https://"));
    }
}
