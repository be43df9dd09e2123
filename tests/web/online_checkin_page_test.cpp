// The live page of a number taken online (issue 21): while the office asks online numbers to check
// in at the kiosk ([web] online_checkin_minutes) and it is not checked in, the page says so, with the
// code and its QR for the kiosk's scanner; once checked in the page's event drops it.
#include <catch2/catch.hpp>

#include "web_fixture.h"

using namespace motcua;
using namespace motcua::testing;

namespace {

std::string checkInOffice(int minutes) {
    return kTestOfficeToml + "\n[web]\nonline_checkin_minutes = " + std::to_string(minutes) + "\n";
}

// A number taken on /lay-so (the issue event says so) and its link.
queue::TicketLink takeOnline(WebFixture& f, const std::string& service) {
    queue::Actor online;
    online.channel = "online";
    auto r = f.desk.take(service, std::nullopt, online);
    if (!r.ok()) throw std::runtime_error("take failed: " + r.message);
    return f.links.linkFor(r.value->ticket, f.q.clock.now());
}

}  // namespace

TEST_CASE("An online number's page asks for the kiosk check-in until it is done",
          "[web][http][online_checkin]") {
    WebFixture f(checkInOffice(10));
    const auto walkIn = f.take("HT").second;
    const auto link = takeOnline(f, "HT");
    const std::string printed = queue::TicketLinks::printedShortCode(link.shortCode);

    auto page = httpGet(f.port, "/t/" + link.token);
    REQUIRE(page.status == 200);
    CHECK(page.body.find("Khi đến nơi, mời xác nhận có mặt tại ki-ốt") != std::string::npos);
    CHECK(page.body.find("Chạm \"Tôi có mã trên điện thoại\" trên ki-ốt") != std::string::npos);
    CHECK(page.body.find("bị bỏ qua 10 phút sau khi được gọi") != std::string::npos);
    CHECK(page.body.find("<p class=\"code\">" + printed + "</p>") != std::string::npos);
    CHECK(page.body.find("<svg") != std::string::npos);
    const auto english = httpGet(f.port, "/t/" + link.token + "?lang=en");
    CHECK(english.body.find("When you arrive, check in at the kiosk") != std::string::npos);

    // A number taken at the kiosk: nothing to check in.
    const auto kioskPage = httpGet(f.port, "/t/" + walkIn.token);
    CHECK(kioskPage.body.find("id=\"checkin\"") == std::string::npos);

    EventStreamReader stream(f.port, "/t/" + link.token + "/events");
    auto e = nlohmann::json::parse(stream.next());
    CHECK(e["checkin"] == true);

    // Checked in at the kiosk: the page's next event says it is no longer needed.
    REQUIRE(f.desk.checkInCode(link.shortCode).result.ok());
    e = nlohmann::json::parse(stream.next());
    CHECK(e["checkin"] == false);
    page = httpGet(f.port, "/t/" + link.token);
    CHECK(page.body.find("id=\"checkin\"") == std::string::npos);
}

TEST_CASE("Without a check-in time the online number's page asks nothing", "[web][http][online_checkin]") {
    WebFixture f(checkInOffice(0));
    const auto link = takeOnline(f, "HT");
    const auto page = httpGet(f.port, "/t/" + link.token);
    REQUIRE(page.status == 200);
    CHECK(page.body.find("id=\"checkin\"") == std::string::npos);
    EventStreamReader stream(f.port, "/t/" + link.token + "/events");
    CHECK(nlohmann::json::parse(stream.next())["checkin"] == false);
}
