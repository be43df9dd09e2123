// /lay-so: a number from the phone, in the kiosk's queue, within the office's limits.
#include <catch2/catch.hpp>
#include <regex>

#include "web_fixture.h"

using namespace motcua;
using namespace motcua::testing;

namespace {

// "name=value" of a Set-Cookie header in the reply ("" when not set).
std::string cookieSet(const HttpReply& r, const std::string& name) {
    const std::string line = setCookieLine(r, name);
    return line.substr(0, line.find(';'));
}

// A phone: keeps its cookies between requests, as a browser does.
struct Phone {
    unsigned short port;
    std::map<std::string, std::string> cookies = {};
    std::string cookieHeader() const {
        std::string h;
        for (const auto& [k, v] : cookies) h += (h.empty() ? "" : "; ") + k + "=" + v;
        return h;
    }
    void keep(const HttpReply& r) {
        for (const std::string name : {"csrf", "phone", "lang"}) {
            const auto c = cookieSet(r, name);
            if (!c.empty()) cookies[name] = c.substr(name.size() + 1);
        }
    }
    HttpReply get(const std::string& target) {
        auto r = httpGet(port, target, {{"Cookie", cookieHeader()}});
        keep(r);
        return r;
    }
    // Opens the form and takes a number of service.
    HttpReply take(const std::string& service) {
        const auto form = get("/lay-so");
        auto r = httpRequest(port, "POST", "/lay-so", "service=" + service + "&csrf=" + hiddenCsrf(form.body),
                             {{"Cookie", cookieHeader()}});
        keep(r);
        return r;
    }
};

std::int64_t issueEvents(queue::Database& db) {
    return db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'issue'");
}

}  // namespace

TEST_CASE("A number taken on the phone joins the kiosk's queue, marked online", "[web][take]") {
    WebFixture f;
    f.take("HT");
    Phone phone{f.port};
    const auto form = phone.get("/lay-so");
    REQUIRE(form.status == 200);
    REQUIRE(form.body.find("Hộ tịch") != std::string::npos);
    REQUIRE(form.body.find("1 người đang chờ") != std::string::npos);
    REQUIRE(form.body.find("<legend>Chọn lĩnh vực</legend>") != std::string::npos);
    REQUIRE(cookieSet(form, "csrf").size() == 5 + 22);
    REQUIRE(form.header("set-cookie").find("SameSite=Strict; HttpOnly") != std::string::npos);

    const auto r = phone.take("HT");
    REQUIRE(r.status == 303);
    const auto location = r.header("location");
    REQUIRE(location.starts_with("/t/"));
    REQUIRE(queue::TicketLinks::isToken(location.substr(3)));
    REQUIRE_FALSE(phone.cookies["phone"].empty());

    const auto events = f.desk.events(0);
    REQUIRE(events.back().kind == "issue");
    REQUIRE(events.back().number == "A002");
    REQUIRE(events.back().detail["channel"] == "online");
    REQUIRE_FALSE(events.front().detail.contains("channel"));  // the kiosk's

    const auto page = httpGet(f.port, location);
    REQUIRE(page.body.find(">A002<") != std::string::npos);
    REQUIRE(page.body.find("Còn 1 số nữa") != std::string::npos);
    // First come, first served: the kiosk's next number comes after it.
    REQUIRE(f.take("HT").first.ticket.number == "A003");
    REQUIRE(f.desk.callNext(1).value->ticket.number == "A001");
    REQUIRE(f.desk.callNext(2).value->ticket.number == "A002");
}

TEST_CASE("A form without the server's token for this phone takes nothing", "[web][take]") {
    WebFixture f;
    Phone phone{f.port};
    phone.get("/lay-so");
    const auto before = issueEvents(f.deskDb);
    const auto body = GENERATE(as<std::string>{}, "service=HT", "service=HT&csrf=", "service=HT&csrf=AAAA",
                               "service=HT&csrf=%ZZ");
    CAPTURE(body);
    SECTION("with the phone's cookie") {
        const auto r = httpRequest(f.port, "POST", "/lay-so", body, {{"Cookie", phone.cookieHeader()}});
        REQUIRE(r.status == 403);
        REQUIRE(r.body.find("Trang đã cũ") != std::string::npos);
    }
    SECTION("another site's form: no cookie") {
        REQUIRE(httpRequest(f.port, "POST", "/lay-so", body).status == 403);
    }
    SECTION("a token made for another phone's cookie") {
        Phone other{f.port};
        const auto csrf = hiddenCsrf(other.get("/lay-so").body);
        const auto r = httpRequest(f.port, "POST", "/lay-so", "service=HT&csrf=" + csrf,
                                   {{"Cookie", phone.cookieHeader()}});
        REQUIRE(r.status == 403);
    }
    REQUIRE(issueEvents(f.deskDb) == before);
}

TEST_CASE("Unknown or missing fields are refused and take nothing", "[web][take]") {
    WebFixture f;
    Phone phone{f.port};
    const auto csrf = hiddenCsrf(phone.get("/lay-so").body);
    const auto service = GENERATE(as<std::string>{}, "", "QQ", "HT%00", "HT'--", std::string(300, 'H'));
    CAPTURE(service);
    const auto r = httpRequest(f.port, "POST", "/lay-so", "service=" + service + "&csrf=" + csrf,
                               {{"Cookie", phone.cookieHeader()}});
    REQUIRE(r.status == 400);
    REQUIRE(r.body.find("Mời ông/bà chọn một lĩnh vực.") != std::string::npos);
    REQUIRE(issueEvents(f.deskDb) == 0);
}

TEST_CASE("A phone takes at most its numbers a day, one per field", "[web][take][limits]") {
    WebFixture f;
    Phone phone{f.port};
    REQUIRE(phone.take("HT").status == 303);
    auto r = phone.take("HT");
    REQUIRE(r.status == 429);
    REQUIRE(r.body.find("Điện thoại này đã lấy số cho lĩnh vực này hôm nay.") != std::string::npos);
    REQUIRE(phone.take("CT").status == 303);
    r = phone.take("XH");
    REQUIRE(r.status == 429);
    REQUIRE(r.body.find("Điện thoại này đã lấy đủ 2 số hôm nay.") != std::string::npos);
    REQUIRE(issueEvents(f.deskDb) == 2);
    SECTION("a forged or altered cookie counts as none, and a new phone may take") {
        Phone forged{f.port};
        forged.cookies["phone"] = phone.cookies["phone"];
        forged.cookies["phone"][3] = forged.cookies["phone"][3] == 'A' ? 'B' : 'A';
        REQUIRE(forged.take("XH").status == 303);
    }
}

TEST_CASE("One network address takes at most its numbers an hour", "[web][take][limits]") {
    WebFixture f(kTestOfficeToml + "\n[web]\nper_address_per_hour = 2\nper_phone_daily = 1\n");
    for (int i = 0; i < 2; ++i) REQUIRE(Phone{f.port}.take("HT").status == 303);
    const auto r = Phone{f.port}.take("HT");
    REQUIRE(r.status == 429);
    REQUIRE(r.body.find("Có quá nhiều số được lấy từ mạng này") != std::string::npos);
    REQUIRE(issueEvents(f.deskDb) == 2);
}

TEST_CASE("The office can turn the page off", "[web][take]") {
    WebFixture f(kTestOfficeToml + "\n[web]\ntake_online = false\n");
    Phone phone{f.port};
    const auto page = phone.get("/lay-so");
    REQUIRE(page.body.find("tạm ngừng cấp số trên điện thoại") != std::string::npos);
    REQUIRE(page.body.find("<form") == std::string::npos);
    REQUIRE(httpGet(f.port, "/").body.find("href=\"/lay-so\"") == std::string::npos);
    REQUIRE(httpRequest(f.port, "POST", "/lay-so", "service=HT").status == 200);
    REQUIRE(issueEvents(f.deskDb) == 0);
}

TEST_CASE("Outside the office's hours the page says when numbers are issued again", "[web][take]") {
    auto office = queueTestOffice();
    office.openingHours = {{{1, 2, 3, 4, 5}, "13:30", "17:00"}};  // Monday 08:00 is before the window
    WebFixture f(office.toml());
    Phone phone{f.port};
    const auto page = phone.get("/lay-so");
    REQUIRE(page.body.find("13:30") != std::string::npos);
    REQUIRE(page.body.find("<form") == std::string::npos);
    REQUIRE(issueEvents(f.deskDb) == 0);
}

TEST_CASE("A field that has issued its numbers for the day cannot be chosen", "[web][take]") {
    WebFixture f;
    for (int i = 0; i < 5; ++i) f.take("CT");  // CT's cap is 5
    Phone phone{f.port};
    const auto page = phone.get("/lay-so");
    REQUIRE(page.body.find("value=\"CT\" required disabled") != std::string::npos);
    REQUIRE(page.body.find("đã hết số hôm nay") != std::string::npos);
    const auto r = phone.take("CT");
    REQUIRE(r.status == 409);
    REQUIRE(r.body.find("Lĩnh vực này đã hết số hôm nay.") != std::string::npos);
}
