// /dat-lich against the real server: field → day → slot → confirm, the code and QR on "my
// appointments", the CSRF tag, per-phone limits and refusals with nothing written, nothing personal
// or secret in a URL; then the code checked in as the kiosk does.
#include <catch2/catch.hpp>
#include <regex>

#include "queue/appointments.h"
#include "web_fixture.h"

using namespace motcua;
using namespace motcua::testing;

namespace {

std::string bookingOffice(bool enabled = true) {
    TestOffice office = queueTestOffice();
    office.openingHours = {{{1, 2, 3, 4, 5}, "08:00", "11:00"}, {{1, 2, 3, 4, 5}, "13:30", "17:00"}};
    return office.toml() + "\n[appointments]\nenabled = " + (enabled ? "true" : "false") +
           "\ndays_ahead = 2\nslot_minutes = 30\ncapacity = 1\ngrace_minutes = 15\n"
           "per_phone_daily = 2\nper_phone_per_service = 1\n";
}

// The confirmation form's body. Appended in two steps: GCC 12 at -O3 reports a false -Wrestrict on
// `"csrf=" + std::string&&`.
std::string csrfBody(const std::string& page) {
    std::string body = "csrf=";
    body += hiddenCsrf(page);
    return body;
}

struct Phone {
    unsigned short port;
    std::string holder = {};  // the "holder" cookie's value
    std::vector<std::string> targets = {};

    std::vector<std::pair<std::string, std::string>> headers() const {
        if (holder.empty()) return {};
        return {{"Cookie", "holder=" + holder}};
    }
    void keep(const HttpReply& r) {
        const auto c = setCookieLine(r, "holder");
        if (!c.empty()) holder = c.substr(7, c.find(';') - 7);
    }
    HttpReply get(const std::string& target) {
        targets.push_back(target);
        auto r = httpGet(port, target, headers());
        keep(r);
        return r;
    }
    HttpReply post(const std::string& target, const std::string& body) {
        targets.push_back(target);
        auto r = httpRequest(port, "POST", target, body, headers());
        keep(r);
        return r;
    }
    // Opens the confirmation page of the slot and confirms it.
    HttpReply book(const std::string& slotPath) {
        const auto form = get(slotPath);
        if (form.status != 200) return form;
        return post(slotPath, csrfBody(form.body));
    }
};

std::int64_t appointments(queue::Database& db) {
    return db.queryInt("SELECT COUNT(*) FROM appointments");
}

}  // namespace

TEST_CASE("A citizen books a slot on the phone in four steps and gets a code and a QR",
          "[web][appointments]") {
    WebFixture f(bookingOffice());
    Phone phone{f.port};

    const auto home = phone.get("/");
    CHECK(home.body.find("href=\"/dat-lich\"") != std::string::npos);
    CHECK(home.body.find("Đặt lịch hẹn") != std::string::npos);

    const auto fields = phone.get("/dat-lich");
    REQUIRE(fields.status == 200);
    CHECK(fields.body.find("1. Chọn lĩnh vực") != std::string::npos);
    CHECK(fields.body.find("href=\"/dat-lich/HT\">Hộ tịch</a>") != std::string::npos);

    const auto days = phone.get("/dat-lich/HT");
    REQUIRE(days.status == 200);
    CHECK(days.body.find("href=\"/dat-lich/HT/2026-12-01\">thứ Ba, 01/12/2026") != std::string::npos);
    CHECK(days.body.find("còn 13 khung giờ") != std::string::npos);  // Tuesday: every slot free
    CHECK(days.body.find("2026-12-03") == std::string::npos);        // beyond days_ahead

    const auto slots = phone.get("/dat-lich/HT/2026-11-30");
    REQUIRE(slots.status == 200);
    CHECK(slots.body.find("08:00–08:30") == std::string::npos);  // gone: not listed, a line says so
    CHECK(slots.body.find("Chỉ hiện các khung giờ từ bây giờ.") != std::string::npos);
    CHECK(slots.body.find("href=\"/dat-lich/HT/2026-11-30/0930\">09:30–10:00</a>") != std::string::npos);

    const auto confirm = phone.get("/dat-lich/HT/2026-11-30/0930");
    REQUIRE(confirm.status == 200);
    CHECK(confirm.body.find("Xác nhận đặt lịch") != std::string::npos);
    CHECK(confirm.body.find("thứ Hai, 30/11/2026") != std::string::npos);
    const auto cookie = setCookieLine(confirm, "holder");
    CHECK(cookie.find("Path=/dat-lich; Max-Age=2592000; SameSite=Lax; HttpOnly") != std::string::npos);
    REQUIRE_FALSE(phone.holder.empty());

    const auto booked = phone.post("/dat-lich/HT/2026-11-30/0930", csrfBody(confirm.body));
    REQUIRE(booked.status == 303);
    CHECK(booked.header("location") == "/dat-lich/cua-toi");
    REQUIRE(appointments(f.deskDb) == 1);
    std::string code;
    {
        queue::Statement st(f.deskDb, "SELECT code FROM appointments");
        REQUIRE(st.step());
        code = st.getText(0);
    }
    const std::string printed = queue::TicketLinks::printedShortCode(code);

    const auto mine = phone.get("/dat-lich/cua-toi");
    REQUIRE(mine.status == 200);
    CHECK(mine.body.find("<p class=\"code\">" + printed + "</p>") != std::string::npos);
    CHECK(mine.body.find("<svg class=\"qr\"") != std::string::npos);
    CHECK(mine.body.find("Mời đến trước 09:30; sau 10:15 lịch hẹn hết hiệu lực.") != std::string::npos);

    // In English too.
    const auto en = phone.get("/dat-lich/cua-toi?lang=en");
    CHECK(en.body.find("Appointment code") != std::string::npos);
    CHECK(en.body.find("Monday, 30/11/2026") != std::string::npos);

    // The code and the phone's id never appear in a URL.
    for (const auto& target : phone.targets) {
        CHECK(target.find(code) == std::string::npos);
        CHECK(target.find(printed) == std::string::npos);
    }

    // Another phone does not see it.
    Phone other{f.port};
    CHECK(other.get("/dat-lich/cua-toi").body.find(printed) == std::string::npos);

    SECTION("checked in at the kiosk, the page shows the number") {
        f.q.clock.advanceMinutes(20);
        const auto in = f.desk.checkIn(printed);
        REQUIRE(in.result.ok());
        const auto after = phone.get("/dat-lich/cua-toi");
        CHECK(after.body.find("Đã lấy số " + in.result.value->ticket.number) != std::string::npos);
        const auto events = f.desk.events(0);
        REQUIRE_FALSE(events.empty());
        CHECK(events.back().kind == "issue");
        CHECK(events.back().detail.value("channel", "") == "appointment");
    }
}

TEST_CASE("Booking refuses a forged form, a full slot and a phone over its limits, writing nothing",
          "[web][appointments]") {
    WebFixture f(bookingOffice());
    Phone phone{f.port};
    const std::string slot = "/dat-lich/HT/2026-12-01/0900";

    SECTION("no CSRF tag, or another phone's") {
        phone.get(slot);
        const auto forged = phone.post(slot, "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        CHECK(forged.status == 403);
        CHECK(forged.body.find("Trang đã cũ") != std::string::npos);
        const auto none = httpRequest(f.port, "POST", slot, "");
        CHECK(none.status == 403);
        CHECK(appointments(f.deskDb) == 0);
    }
    SECTION("a full slot (capacity 1)") {
        // The second phone opened the form while the place was free, the first one booked it.
        Phone second{f.port};
        const auto form = second.get(slot);
        REQUIRE(phone.book(slot).status == 303);
        const auto late = second.post(slot, csrfBody(form.body));
        CHECK(late.status == 409);
        CHECK(late.body.find("Khung giờ này đã đủ người đặt.") != std::string::npos);
        // Now the pages show it full, and the confirmation page has no form.
        const auto page = second.get("/dat-lich/HT/2026-12-01");
        CHECK(page.body.find("09:00–09:30 <span class=\"note\">(đã đủ)</span>") != std::string::npos);
        const auto full = second.get(slot);
        CHECK(full.status == 200);
        CHECK(full.body.find("Khung giờ này đã đủ người đặt.") != std::string::npos);
        CHECK(hiddenCsrf(full.body).empty());
        CHECK(appointments(f.deskDb) == 1);
    }
    SECTION("per phone: one of a field a day, two a day") {
        REQUIRE(phone.book(slot).status == 303);
        const auto again = phone.book("/dat-lich/HT/2026-12-01/1000");
        CHECK(again.status == 429);
        CHECK(again.body.find("tối đa 1 lịch hẹn cho một lĩnh vực") != std::string::npos);
        REQUIRE(phone.book("/dat-lich/CT/2026-12-01/1000").status == 303);
        const auto third = phone.book("/dat-lich/XH/2026-12-01/1000");
        CHECK(third.status == 429);
        CHECK(third.body.find("tối đa 2 lịch hẹn trong một ngày") != std::string::npos);
        CHECK(appointments(f.deskDb) == 2);
    }
    SECTION("pages that are not there") {
        CHECK(phone.get("/dat-lich/QQ").status == 404);
        CHECK(phone.get("/dat-lich/HT/2026-12-05").status == 404);  // Saturday
        CHECK(phone.get("/dat-lich/HT/2026-12-01/0905").status == 404);
        CHECK(phone.get("/dat-lich/HT/2026-12-01/9999").status == 404);
        CHECK(phone.get("/dat-lich/HT/2026-12-01/0900/x").status == 404);
        CHECK(appointments(f.deskDb) == 0);
    }
}

TEST_CASE("With booking off, /dat-lich says so and the home page has no link", "[web][appointments]") {
    WebFixture f(bookingOffice(false));
    const auto page = httpGet(f.port, "/dat-lich/HT/2026-12-01/0900");
    CHECK(page.status == 200);
    CHECK(page.body.find("chưa nhận đặt lịch hẹn trực tuyến") != std::string::npos);
    CHECK(httpRequest(f.port, "POST", "/dat-lich/HT/2026-12-01/0900", "csrf=x")
              .body.find("chưa nhận đặt lịch") != std::string::npos);
    CHECK(httpGet(f.port, "/").body.find("/dat-lich") == std::string::npos);
    CHECK(appointments(f.deskDb) == 0);
}

TEST_CASE("A phone cancels its own booking after a confirmation page, and the slot is free again",
          "[web][appointments][cancel]") {
    WebFixture f(bookingOffice());
    Phone phone{f.port};
    const std::string slot = "/dat-lich/HT/2026-12-01/0900";
    REQUIRE(phone.book(slot).status == 303);
    const auto mine = phone.get("/dat-lich/cua-toi");
    REQUIRE(mine.body.find("action=\"/dat-lich/huy\"") != std::string::npos);
    CHECK(mine.body.find("Hủy lịch hẹn này") != std::string::npos);
    std::smatch m;
    REQUIRE(std::regex_search(mine.body, m, std::regex("name=\"id\" value=\"([0-9]+)\"")));
    const std::string id = m[1];
    const auto form = [&](const std::string& page, bool confirm) {
        std::string body = csrfBody(page);
        body += "&id=";
        body += id;
        if (confirm) body += "&confirm=1";
        return body;
    };
    const auto state = [&] {
        queue::Statement st(f.deskDb, "SELECT state FROM appointments");
        REQUIRE(st.step());
        return st.getText(0);
    };

    SECTION("asked first, then cancelled; the slot can be booked again") {
        const auto ask = phone.post("/dat-lich/huy", form(mine.body, false));
        CHECK(ask.status == 200);
        CHECK(ask.body.find("Ông/bà có chắc muốn hủy lịch hẹn này không?") != std::string::npos);
        CHECK(ask.body.find("09:00–09:30") != std::string::npos);
        CHECK(state() == "booked");  // the first press cancels nothing
        const auto done = phone.post("/dat-lich/huy", form(ask.body, true));
        CHECK(done.status == 200);
        CHECK(done.body.find("Đã hủy lịch hẹn 09:00–09:30") != std::string::npos);
        CHECK(state() == "cancelled");
        CHECK(phone.get("/dat-lich/cua-toi").body.find("Hủy lịch hẹn này") == std::string::npos);
        // Capacity 1: the place is free again, for another phone.
        Phone other{f.port};
        CHECK(other.book(slot).status == 303);
        // Pressed again (a reload): nothing more happens.
        const auto again = phone.post("/dat-lich/huy", form(ask.body, true));
        CHECK(again.status == 404);
    }
    SECTION("another phone, a forged form and a bad id cancel nothing") {
        Phone other{f.port};
        other.get("/dat-lich");  // gets a holder cookie of its own
        const auto page = other.get("/dat-lich/cua-toi");
        CHECK(other.post("/dat-lich/huy", "csrf=" + hiddenCsrf(mine.body) + "&id=" + id + "&confirm=1")
                  .status == 403);
        CHECK(phone
                  .post("/dat-lich/huy",
                        "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&id=" + id + "&confirm=1")
                  .status == 403);
        std::string bad = csrfBody(mine.body);
        bad += "&id=12x&confirm=1";
        CHECK(phone.post("/dat-lich/huy", bad).status == 404);
        bad = csrfBody(mine.body);
        bad += "&confirm=1";
        CHECK(phone.post("/dat-lich/huy", bad).status == 404);
        CHECK(httpRequest(f.port, "POST", "/dat-lich/huy", "id=" + id + "&confirm=1").status == 403);
        CHECK(state() == "booked");
        (void)page;
    }
    SECTION("in English") {
        const auto ask = phone.post("/dat-lich/huy?lang=en", form(mine.body, false));
        CHECK(ask.status == 200);
        const auto done = phone.post("/dat-lich/huy?lang=en", form(ask.body, true));
        CHECK(done.body.find("is cancelled. Its time is free for others to book.") != std::string::npos);
        CHECK(state() == "cancelled");
    }
}

TEST_CASE("A live page counts an appointment whose slot begins before the ticket's call, as time passes",
          "[web][appointments][live]") {
    WebFixture f(bookingOffice());  // 5 minutes a citizen, HT at counters 1 and 2: a call each 2.5 min
    queue::AppointmentBook book(f.desk, f.q.clock);
    const auto booked = book.book("HT", "2026-11-30", 9 * 60, "phoneAAAAAAAAAAAAAAAAA");
    REQUIRE(booked.ok());
    std::vector<queue::TicketLink> links;
    for (int i = 0; i < 4; ++i) links.push_back(f.take("HT").second);  // A001…A004 at 08:00
    f.q.clock.set(queue::TimeMs{kMonday0800 + 50 * kMinute});
    REQUIRE(f.desk.checkIn(booked.appointment->code).result.ok());  // A005 at 08:50, due 09:00

    // A003 expects its call at 08:55, before the slot.
    const std::string page = "/t/" + links[2].token;
    const auto before = httpGet(f.port, page);
    REQUIRE(before.status == 200);
    CHECK(before.body.find("Còn 2 số nữa là đến lượt ông/bà") != std::string::npos);

    // 08:56, nothing written: its call would come at 09:01, after the slot begins. The page says so
    // within a minute's re-read (the server polls every 20 ms; allow 10 s for a loaded machine).
    f.q.clock.set(queue::TimeMs{kMonday0800 + 56 * kMinute + 61'000});
    HttpReply after;
    for (int i = 0; i < 500; ++i) {
        after = httpGet(f.port, page);
        if (after.body.find("Còn 3 số nữa") != std::string::npos) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(after.body.find("Còn 3 số nữa là đến lượt ông/bà") != std::string::npos);
}
