// The phone number a citizen may give on their ticket's live page for the "3 ahead" and "called"
// notices (kiosk/web/contact.h): read tolerantly, refused clearly, kept in motcua-web's memory only
// and handed to the office's hook with the ticket's notices, then forgotten.
#include "kiosk/web/contact.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <thread>

#include "web_fixture.h"

using namespace motcua;
using namespace motcua::testing;

namespace {

// The test double of the notifier seam, told on motcua-web's store thread.
class SharedRecorder : public web::Notifier {
  public:
    void send(const web::Notice& notice) override {
        std::lock_guard lock(m_mutex);
        m_notices.push_back(notice);
    }
    // Waits (up to 10 s) until a notice of kind for number arrives; returns it.
    std::optional<web::Notice> waitFor(web::NoticeKind kind, const std::string& number) {
        for (int i = 0; i < 1000; ++i) {
            {
                std::lock_guard lock(m_mutex);
                for (const auto& n : m_notices)
                    if (n.kind == kind && n.number == number) return n;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return std::nullopt;
    }

  private:
    std::mutex m_mutex;
    std::vector<web::Notice> m_notices;
};

web::WebOptions asking(web::Notifier& notifier) {
    web::WebOptions o;
    o.notifier = &notifier;
    o.askContact = true;
    return o;
}

}  // namespace

TEST_CASE("A mobile number is read as people write it, and anything else is refused", "[web][contact]") {
    for (const char* typed : {"0912345678", "0912 345 678", "091.234.5678", "091-234-5678", "(091) 2345678",
                              "+84912345678", "+84 912 345 678", "84912345678", "+84 0912 345 678"}) {
        CAPTURE(typed);
        CHECK(web::readPhoneNumber(typed) == std::optional<std::string>("0912345678"));
    }
    for (const char* typed : {"", "   ", "091234567", "09123456789", "0012345678", "912345678",
                              "+1 2025550123", "+849123456", "0912a45678", "0912345678;rm", "0912_345_678",
                              "++84912345678", "0912345678\n", "091234567890123456789"}) {
        CAPTURE(typed);
        CHECK(web::readPhoneNumber(typed) == std::nullopt);
    }
    CHECK(web::maskedPhoneNumber("0912345678") == "••• ••• •678");
}

TEST_CASE(
    "A citizen gives a phone number on the live page; the hook gets it with the notices, then it is "
    "forgotten",
    "[web][http][contact]") {
    SharedRecorder recorder;
    WebFixture f(kTestOfficeToml, asking(recorder));
    const auto [first, firstLink] = f.take("HT");  // A001: called first
    const std::string page = "/t/" + firstLink.token;

    auto r = httpGet(f.port, page);
    REQUIRE(r.status == 200);
    CHECK(r.body.find("action=\"/t/" + firstLink.token + "/bao-tin?lang=vi\"") != std::string::npos);
    CHECK(r.body.find("Nhận tin nhắn khi sắp đến lượt (không bắt buộc)") != std::string::npos);
    CHECK(r.body.find("không lưu lại") != std::string::npos);

    // Not a phone number: said, nothing kept.
    r = httpRequest(f.port, "POST", page + "/bao-tin?lang=vi", "phone=0912+34");
    CHECK(r.status == 400);
    CHECK(r.body.find("Số điện thoại chưa đúng.") != std::string::npos);
    CHECK(r.body.find("bao-tin") != std::string::npos);  // the form again
    r = httpRequest(f.port, "POST", page + "/bao-tin?lang=en", "");
    CHECK(r.status == 400);
    CHECK(r.body.find("That phone number is not right.") != std::string::npos);

    r = httpRequest(f.port, "POST", page + "/bao-tin?lang=vi", "phone=%2B84+912+345+678");
    REQUIRE(r.status == 303);
    CHECK(r.header("location") == page + "?lang=vi");
    r = httpGet(f.port, page);
    CHECK(r.body.find("Sẽ nhắn tin đến số ••• ••• •678 khi còn 3 số và khi được gọi.") != std::string::npos);
    CHECK(r.body.find("bao-tin") == std::string::npos);     // no form any more
    CHECK(r.body.find("0912345678") == std::string::npos);  // never shown back whole

    // A number taken later, 4 ahead, gives one too; a call makes it 3 ahead.
    for (int i = 0; i < 3; ++i) f.take("HT");
    const auto [fifth, fifthLink] = f.take("HT");
    r = httpRequest(f.port, "POST", "/t/" + fifthLink.token + "/bao-tin", "phone=0987654321");
    REQUIRE(r.status == 303);
    REQUIRE(f.desk.callNext(1).value->ticket.number == first.ticket.number);
    const auto called = recorder.waitFor(web::NoticeKind::Called, first.ticket.number);
    REQUIRE(called);
    CHECK(called->contact == "0912345678");
    const auto soon = recorder.waitFor(web::NoticeKind::Soon, fifth.ticket.number);
    REQUIRE(soon);
    CHECK(soon->contact == "0987654321");
    CHECK(soon->ahead == 3);

    // Called: the page offers nothing more, and a late form is refused.
    r = httpGet(f.port, page);
    CHECK(r.body.find("bao-tin") == std::string::npos);
    r = httpRequest(f.port, "POST", page + "/bao-tin", "phone=0912345678");
    CHECK(r.status == 409);
    CHECK(r.body.find("Số này không còn chờ") != std::string::npos);

    // An unknown token: not found, nothing kept.
    r = httpRequest(f.port, "POST", "/t/AAAAAAAAAAAAAAAAAAAAAA/bao-tin", "phone=0912345678");
    CHECK(r.status == 404);
}

TEST_CASE("Without a hook no page asks for a phone number", "[web][http][contact]") {
    SharedRecorder recorder;
    web::WebOptions options;
    options.notifier = &recorder;  // the log only: askContact stays false
    WebFixture f(kTestOfficeToml, options);
    const auto [ticket, link] = f.take("HT");
    auto r = httpGet(f.port, "/t/" + link.token);
    REQUIRE(r.status == 200);
    CHECK(r.body.find("bao-tin") == std::string::npos);
    r = httpRequest(f.port, "POST", "/t/" + link.token + "/bao-tin", "phone=0912345678");
    CHECK(r.status == 404);
}

TEST_CASE("One network address gives at most 10 phone numbers an hour", "[web][http][contact]") {
    SharedRecorder recorder;
    WebFixture f(kTestOfficeToml, asking(recorder));
    const auto [ticket, link] = f.take("HT");
    for (int i = 0; i < 10; ++i)
        CHECK(httpRequest(f.port, "POST", "/t/" + link.token + "/bao-tin", "phone=0912345678").status == 303);
    const auto r = httpRequest(f.port, "POST", "/t/" + link.token + "/bao-tin", "phone=0912345679");
    CHECK(r.status == 429);
    CHECK(httpGet(f.port, "/t/" + link.token).body.find("•678") != std::string::npos);  // the 10th kept
}
