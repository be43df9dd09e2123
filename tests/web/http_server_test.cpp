// motcua-web on 127.0.0.1 with a private port, on the suite's store, asked over real HTTP.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "web_fixture.h"

using namespace motcua;
using namespace motcua::testing;

namespace {
nlohmann::json event(EventStreamReader& reader) {
    return nlohmann::json::parse(reader.next());
}
}  // namespace

TEST_CASE("Every page carries the security headers and no inline script", "[web][http]") {
    WebFixture f;
    const auto [issued, link] = f.take("HT");
    for (const auto& target :
         std::vector<std::string>{"/", "/t/" + link.token, "/no-such-page", "/static/live.js"}) {
        CAPTURE(target);
        const auto r = httpGet(f.port, target);
        const auto csp = r.header("content-security-policy");
        REQUIRE(csp.find("default-src 'none'") != std::string::npos);
        REQUIRE(csp.find("script-src 'self'") != std::string::npos);
        REQUIRE(csp.find("unsafe-inline") == std::string::npos);
        REQUIRE(r.header("x-content-type-options") == "nosniff");
        REQUIRE(r.header("referrer-policy") == "no-referrer");
        REQUIRE(r.header("strict-transport-security").empty());
        REQUIRE(r.body.find("<script>") == std::string::npos);
        REQUIRE(r.body.find(" onclick=") == std::string::npos);
    }
}

TEST_CASE("Behind TLS the pages ask browsers to keep to HTTPS", "[web][http]") {
    WebFixture f(kTestOfficeToml, {.hsts = true, .secret = {}});
    REQUIRE(httpGet(f.port, "/").header("strict-transport-security") == "max-age=31536000");
}

TEST_CASE("The live page shows the ticket's number, service, people ahead and expected wait", "[web][http]") {
    WebFixture f;
    f.take("HT");
    f.take("HT");
    const auto [issued, link] = f.take("HT");
    const auto r = httpGet(f.port, "/t/" + link.token);
    REQUIRE(r.status == 200);
    REQUIRE(r.header("content-type") == "text/html; charset=utf-8");
    REQUIRE(r.header("cache-control") == "no-store");
    REQUIRE(r.body.find("<html lang=\"vi\">") != std::string::npos);
    REQUIRE(r.body.find(">A003<") != std::string::npos);
    REQUIRE(r.body.find(">Hộ tịch<") != std::string::npos);
    REQUIRE(r.body.find("Còn 2 số nữa là đến lượt ông/bà") != std::string::npos);
    REQUIRE(r.body.find("role=\"status\"") != std::string::npos);
    REQUIRE(r.body.find("<script src=\"/static/live.js\" defer></script>") != std::string::npos);
    SECTION("in English") {
        const auto en = httpGet(f.port, "/t/" + link.token + "?lang=en");
        REQUIRE(en.body.find("<html lang=\"en\">") != std::string::npos);
        REQUIRE(en.body.find("2 more before your turn") != std::string::npos);
        REQUIRE(en.header("set-cookie").starts_with("lang=en;"));
        // The cookie keeps the language on the next page.
        REQUIRE(httpGet(f.port, "/", {{"Cookie", "lang=en"}}).body.find("Follow your number") !=
                std::string::npos);
    }
    SECTION("with many ahead, the wait is the queue's estimate") {
        for (int i = 0; i < 4; ++i) f.take("HT");
        const auto [later, laterLink] = f.take("HT");
        const auto page = httpGet(f.port, "/t/" + laterLink.token);
        REQUIRE(page.body.find("Có 7 người chờ trước ông/bà") != std::string::npos);
        // 7 ahead × 5 minutes (no history) / 2 counters serve HT = 17.5 min: "Khoảng 18 phút".
        REQUIRE(later.estimatedWaitSeconds == 1050);
        REQUIRE(page.body.find("Thời gian chờ dự kiến: Khoảng 18 phút") != std::string::npos);
    }
}

TEST_CASE("An unknown, malformed or other day's token finds no ticket and says so", "[web][http]") {
    WebFixture f;
    const auto target = GENERATE(as<std::string>{}, "/t/AAAAAAAAAAAAAAAAAAAAAA", "/t/short", "/t/",
                                 "/t/AAAAAAAAAAAAAAAAAAAAAA/events", "/t/%00%00", "/t/../../etc/passwd",
                                 "/t/AAAAAAAAAAAAAAAAAAAAAA?lang=%ZZ");
    CAPTURE(target);
    const auto r = httpGet(f.port, target);
    REQUIRE(r.status == 404);
    REQUIRE(r.body.find("Không tìm thấy số này") != std::string::npos);
}

TEST_CASE("The live page follows its ticket by server-sent events until it is called", "[web][http][live]") {
    WebFixture f;
    f.take("HT");
    const auto [issued, link] = f.take("HT");
    EventStreamReader stream(f.port, "/t/" + link.token + "/events");
    REQUIRE(stream.head.starts_with("HTTP/1.1 200"));
    REQUIRE(lower(stream.head).find("content-type: text/event-stream") != std::string::npos);
    auto e = event(stream);
    REQUIRE(e["state"] == "waiting");
    REQUIRE(e["ahead"] == 1);
    REQUIRE(e["alert"] == "soon");
    REQUIRE(e["headline"] == "Còn 1 số nữa là đến lượt ông/bà");

    REQUIRE(f.desk.callNext(1).value->ticket.number == "A001");
    e = event(stream);
    REQUIRE(e["ahead"] == 0);
    REQUIRE(e["headline"] == "Ông/bà là người tiếp theo");

    REQUIRE(f.desk.callNext(2).value->ticket.number == "A002");
    e = event(stream);
    REQUIRE(e["state"] == "called");
    REQUIRE(e["counter"] == 2);
    REQUIRE(e["alert"] == "called");
    REQUIRE(e["headline"] == "Mời ông/bà đến Quầy 2");

    f.desk.start(2);
    e = event(stream);
    REQUIRE(e["state"] == "serving");
    REQUIRE(e["alert"] == "");
}

TEST_CASE("Every page open on a ticket gets its event, in its own language", "[web][http][live]") {
    WebFixture f;
    const auto [issued, link] = f.take("CT");
    EventStreamReader vi1(f.port, "/t/" + link.token + "/events");
    EventStreamReader vi2(f.port, "/t/" + link.token + "/events?lang=vi");
    EventStreamReader en(f.port, "/t/" + link.token + "/events?lang=en");
    for (auto* s : {&vi1, &vi2, &en}) REQUIRE(event(*s)["state"] == "waiting");
    f.desk.callNext(3);
    REQUIRE(event(vi1)["headline"] == "Mời ông/bà đến Quầy 3");
    REQUIRE(event(vi2)["headline"] == "Mời ông/bà đến Quầy 3");
    REQUIRE(event(en)["headline"] == "Please go to counter 3");
}

TEST_CASE("The short code under the QR leads to the ticket's page", "[web][http]") {
    WebFixture f;
    const auto [issued, link] = f.take("HT");
    const auto code = queue::TicketLinks::printedShortCode(link.shortCode);
    auto r = httpRequest(f.port, "POST", "/theo-doi", "code=" + code);
    REQUIRE(r.status == 303);
    REQUIRE(r.header("location") == "/t/" + link.token);
    SECTION("typed in lower case with spaces") {
        std::string typed = code;
        for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        typed[5] = '+';  // a space in a form
        REQUIRE(httpRequest(f.port, "POST", "/theo-doi", "code=" + typed).status == 303);
    }
    SECTION("a wrong code is refused, and guessing is limited per address") {
        r = httpRequest(f.port, "POST", "/theo-doi", "code=ZZZZZ-ZZZZZ");
        REQUIRE(r.status == 404);
        REQUIRE(r.body.find("Không tìm thấy số với mã này") != std::string::npos);
        for (int i = 0; i < 18; ++i) httpRequest(f.port, "POST", "/theo-doi", "code=ZZZZZ-ZZZZZ");
        r = httpRequest(f.port, "POST", "/theo-doi", "code=" + code);
        REQUIRE(r.status == 429);
        REQUIRE(r.header("retry-after") == "600");
    }
}

TEST_CASE("Requests too large or of unknown methods are refused without harm", "[web][http]") {
    WebFixture f;
    REQUIRE(httpRequest(f.port, "POST", "/theo-doi", std::string(8000, 'a')).status == 413);
    REQUIRE(httpGet(f.port, "/", {{"X-Long", std::string(9000, 'x')}}).status == 413);
    const auto del = httpRequest(f.port, "DELETE", "/");
    REQUIRE(del.status == 405);
    REQUIRE(del.header("allow") == "GET, HEAD, POST");
    REQUIRE(httpGet(f.port, "/healthz").body == "ok\n");
}
