// Walk-in, online and appointment numbers counted apart: tickets issued through the real QueueService
// with the channel motcua-web gives them (Actor::channel), and one channel this version does not know.
// Times are minutes after 08:00 on Monday 30 Nov 2026 unless written hh:mm.
#include <catch2/catch.hpp>

#include "kiosk/cli/report_format.h"
#include "queue/ticket_links.h"
#include "report_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;
using Catch::Matchers::Contains;

namespace {

constexpr TimeMs kMin = 60'000;

Actor via(const std::string& channel) {
    Actor a;
    a.channel = channel;
    return a;
}

// Monday: A001 walk-in, A002 online, B001 appointment, B002 online, C001 "zalo"; Tuesday: A001 online.
void scriptChannels(ReportFixture& f) {
    const auto take = [&](TimeMs when, const std::string& service, const std::string& channel,
                          const std::string& expected) {
        f.clock.set(when);
        const auto t = ReportFixture::must(f.queue->take(service, {}, via(channel)), "take");
        if (t.ticket.number != expected) throw std::runtime_error("took " + t.ticket.number);
    };
    take(at(8, 0), "HT", "", "A001");
    take(at(8, 1), "HT", "online", "A002");
    take(at(8, 2), "CT", "appointment", "B001");
    take(at(8, 3), "CT", "online", "B002");
    take(at(8, 4), "XH", "zalo", "C001");
    f.call(at(8, 5), 1, "A001", f.lan);  // wait 5
    f.start(at(8, 6), 1, f.lan);
    f.call(at(8, 6), 2, "B001", f.minh);  // wait 4
    f.start(at(8, 7), 2, f.minh);
    f.finish(at(8, 9), 2, f.minh);
    f.finish(at(8, 10), 1, f.lan);
    f.call(at(8, 11), 1, "A002", f.lan);   // wait 10
    f.call(at(8, 12), 2, "B002", f.minh);  // wait 9
    f.clock.set(at(8, 13));
    ReportFixture::must(f.queue->noShow(1, f.lan), "noshow");
    f.start(at(8, 13), 2, f.minh);
    f.clock.set(at(8, 15));
    ReportFixture::must(f.queue->transfer(2, "HT", f.minh), "transfer");  // B002's second leg, in HT
    f.clock.set(at(8, 20));
    ReportFixture::must(f.queue->cancel("C001"), "cancel");
    // Tuesday: its first number expires Monday's B002, still waiting in HT.
    take(at(8, 0, 1), "HT", "online", "A001");
}

std::size_t channelIndex(const Report& r, const std::string& channel) {
    for (std::size_t i = 0; i < r.channels.size(); ++i) {
        if (r.channels[i] == channel) return i;
    }
    throw std::runtime_error("no channel " + channel);
}

}  // namespace

TEST_CASE("Visits are counted per channel: walk-in, online, appointment and an unknown one kept apart",
          "[report][channels]") {
    ReportFixture f;
    scriptChannels(f);
    const auto r = f.report("2026-11-30", "2026-12-02");

    // The three known channels first, zeros or not, then the one the log names.
    REQUIRE(r.channels == std::vector<std::string>{"", "online", "appointment", "zalo"});
    REQUIRE(r.perChannel.size() == 4);
    CHECK(r.visits.issued == 6);

    const auto& walkIn = r.perChannel[0];
    CHECK(walkIn.channel.empty());
    CHECK(walkIn.visits.issued == 1);
    CHECK(walkIn.visits.served == 1);
    CHECK(walkIn.wait.count == 1);
    CHECK(walkIn.wait.meanMs == Approx(5.0 * kMin));
    CHECK(walkIn.serviceLevel.within == 1);
    CHECK(walkIn.serviceLevel.served == 1);
    CHECK(walkIn.serviceLevel.targetMinutes == 15);

    const auto& online = r.perChannel[1];
    CHECK(online.channel == "online");
    CHECK(online.visits.issued == 3);  // A002, B002, Tuesday's A001
    CHECK(online.visits.served == 0);
    CHECK(online.visits.noShow == 1);       // A002
    CHECK(online.visits.expired == 1);      // B002
    CHECK(online.visits.open == 1);         // Tuesday's A001
    CHECK(online.visits.transferred == 1);  // B002
    CHECK(online.wait.count == 2);          // 10 and 9
    CHECK(online.wait.meanMs == Approx(9.5 * kMin));
    CHECK(online.wait.p90 == 10 * kMin);
    CHECK(online.serviceLevel.served == 0);

    const auto& appointment = r.perChannel[2];
    CHECK(appointment.visits.issued == 1);
    CHECK(appointment.visits.served == 1);
    CHECK(appointment.wait.meanMs == Approx(4.0 * kMin));

    const auto& zalo = r.perChannel[3];
    CHECK(zalo.visits.issued == 1);
    CHECK(zalo.visits.cancelled == 1);
    CHECK(zalo.wait.count == 0);

    // The channels add up to the visits.
    int issued = 0, served = 0;
    for (const auto& c : r.perChannel) {
        issued += c.visits.issued;
        served += c.visits.served;
    }
    CHECK(issued == r.visits.issued);
    CHECK(served == r.visits.served);

    SECTION("per day, by the day the number was taken") {
        REQUIRE(r.perDay.size() == 3);
        CHECK(r.perDay[0].issuedByChannel == std::vector<int>{1, 2, 1, 1});
        CHECK(r.perDay[1].issuedByChannel == std::vector<int>{0, 1, 0, 0});
        CHECK(r.perDay[2].issuedByChannel == std::vector<int>{0, 0, 0, 0});
    }
    SECTION("per service, by legs: the transferred online number counts in both services") {
        const auto legs = [&](const std::string& code) {
            for (const auto& s : r.perService) {
                if (s.code == code) return s.legsByChannel;
            }
            throw std::runtime_error("no service " + code);
        };
        CHECK(legs("HT") == std::vector<int>{1, 3, 0, 0});  // A001; A002, B002's second leg, Tuesday's A001
        CHECK(legs("CT") == std::vector<int>{0, 1, 1, 0});
        CHECK(legs("XH") == std::vector<int>{0, 0, 0, 1});
    }
}

TEST_CASE("A period with no online or appointment number still lists those channels, at zero",
          "[report][channels]") {
    ReportFixture f;
    f.scriptDay();  // every number taken at the kiosk
    const auto r = f.report("2026-11-30", "2026-11-30");
    REQUIRE(r.channels == std::vector<std::string>{"", "online", "appointment"});
    CHECK(r.perChannel[channelIndex(r, "")].visits.issued == 9);
    CHECK(r.perChannel[channelIndex(r, "online")].visits.issued == 0);
    CHECK(r.perChannel[channelIndex(r, "appointment")].visits.issued == 0);
    CHECK(r.perDay[0].issuedByChannel == std::vector<int>{9, 0, 0});
}

TEST_CASE("A filtered report counts the channels of the matching visits only", "[report][channels]") {
    ReportFixture f;
    scriptChannels(f);
    const auto r = f.report("2026-11-30", "2026-12-02", std::string("CT"));
    CHECK(r.visits.issued == 2);  // B001, B002
    CHECK(r.perChannel[channelIndex(r, "online")].visits.issued == 1);
    CHECK(r.perChannel[channelIndex(r, "appointment")].visits.issued == 1);
    CHECK(r.perChannel[channelIndex(r, "")].visits.issued == 0);
    // "zalo" is in the log, but no visit of the filter came that way.
    CHECK(r.channels == std::vector<std::string>{"", "online", "appointment"});
}

TEST_CASE("motcua report shows the channels in Vietnamese, English, CSV and JSON",
          "[report][channels][cli]") {
    ReportFixture f;
    scriptChannels(f);
    f.clock.set(at(12, 0, 1));

    SECTION("Vietnamese text") {
        const auto r = f.cli({"report", "--from", "2026-11-30", "--to", "2026-12-01"});
        REQUIRE(r.status == 0);
        CHECK_THAT(r.out, Contains("Theo hình thức lấy số"));
        CHECK_THAT(r.out, Contains("Lấy số tại kiosk/quầy"));
        CHECK_THAT(r.out, Contains("Lấy số trực tuyến"));
        CHECK_THAT(r.out, Contains("Đặt lịch hẹn"));
        CHECK_THAT(r.out, Contains("Hình thức khác: zalo"));
        CHECK_THAT(r.out, Contains("Theo ngày và hình thức lấy số"));
        CHECK_THAT(r.out, Contains("Theo lĩnh vực và hình thức lấy số"));
    }
    SECTION("English text") {
        const auto r = f.cli({"report", "--from", "2026-11-30", "--to", "2026-12-01", "--lang", "en"});
        REQUIRE(r.status == 0);
        CHECK_THAT(r.out, Contains("Walk-in (kiosk or counter)"));
        CHECK_THAT(r.out, Contains("Taken online"));
        CHECK_THAT(r.out, Contains("Booked appointment"));
        CHECK_THAT(r.out, Contains("Other channel: zalo"));
    }
    SECTION("CSV: plain figures per channel, per day and per service") {
        const auto r = f.cli({"report", "--from", "2026-11-30", "--to", "2026-12-01", "--format", "csv"});
        REQUIRE(r.status == 0);
        // Channel, issued, served, no-show, checked in, no-show not checked in (online only),
        // cancelled, expired, open, no-show rate, mean, p90, ≤ target.
        CHECK_THAT(r.out, Contains("Lấy số trực tuyến,3,0,1,0,0,0,1,1,33.3,9.5,10.0,\r\n"));
        CHECK_THAT(r.out, Contains("Lấy số tại kiosk/quầy,1,1,0,,,0,0,0,0.0,5.0,5.0,100.0\r\n"));
        CHECK_THAT(r.out, Contains("Ngày,Tại kiosk/quầy,Trực tuyến,Đặt lịch hẹn,zalo,Tổng\r\n"));
        CHECK_THAT(r.out, Contains("2026-11-30,1,2,1,1,5\r\n"));
        CHECK_THAT(r.out, Contains("2026-12-01,0,1,0,0,1\r\n"));
        CHECK_THAT(r.out, Contains("HT – Hộ tịch,1,3,0,0,4\r\n"));
    }
    SECTION("JSON: walk-in has a null channel") {
        const auto r = f.cli({"--json", "report", "--from", "2026-11-30", "--to", "2026-12-01"});
        REQUIRE(r.status == 0);
        const auto j = nlohmann::json::parse(r.out);
        REQUIRE(j["per_channel"].size() == 4);
        CHECK(j["per_channel"][0]["channel"].is_null());
        CHECK(j["per_channel"][1]["channel"] == "online");
        CHECK(j["per_channel"][1]["visits"]["issued"] == 3);
        CHECK(j["per_channel"][1]["name"] == "Lấy số trực tuyến");
        CHECK(j["per_channel"][1]["checked_in"] == 0);
        CHECK(j["per_channel"][0]["checked_in"].is_null());  // a walk-in number is never checked in
        CHECK(j["per_channel"][3]["channel"] == "zalo");
        CHECK(j["per_day"][0]["issued_by_channel"][2] ==
              nlohmann::json{{"channel", "appointment"}, {"issued", 1}});
    }
    SECTION("HTML: the channel table, escaped") {
        const auto r = f.cli({"report", "--from", "2026-11-30", "--to", "2026-12-01", "--format", "html"});
        REQUIRE(r.status == 0);
        CHECK_THAT(r.out, Contains("<section id=\"per_channel\">"));
        CHECK_THAT(r.out, Contains("<td>Đặt lịch hẹn</td>"));
    }
}

TEST_CASE("Online numbers checked in at the kiosk, and those made no-shows for not checking in, are counted",
          "[report][channels][online_checkin]") {
    ReportFixture f(reportOfficeToml() + "\n[web]\nonline_checkin_minutes = 10\n");
    const auto online = [&](TimeMs when, const std::string& expected) {
        f.clock.set(when);
        const auto t = ReportFixture::must(f.queue->take("HT", {}, via("online")), "take");
        if (t.ticket.number != expected) throw std::runtime_error("took " + t.ticket.number);
        return TicketLinks(f.db).linkFor(t.ticket, when).shortCode;
    };
    const auto a1 = online(at(8, 0), "A001");
    online(at(8, 1), "A002");
    const auto a3 = online(at(8, 2), "A003");
    online(at(8, 3), "A004");
    f.take(at(8, 4), "HT");  // A005 at the kiosk
    f.clock.set(at(8, 5));
    REQUIRE(f.queue->checkInOnline(a1).result.ok());
    REQUIRE(f.queue->checkInOnline(a3).result.ok());
    // A001 checked in, served.
    f.call(at(8, 6), 1, "A001", f.lan);
    f.start(at(8, 7), 1, f.lan);
    f.finish(at(8, 12), 1, f.lan);
    // A002 and A004 called, never checked in: no-shows 10 minutes later, by the console's rule.
    f.call(at(8, 13), 1, "A002", f.lan);
    f.call(at(8, 13), 2, "A004", f.minh);
    f.clock.set(at(8, 23));
    REQUIRE(f.queue->noShowsNotCheckedIn().size() == 2);
    // A004 comes after all and staff put it back: it is open again, not a no-show.
    f.clock.set(at(8, 25));
    REQUIRE(f.queue->reactivate("A004").ok());
    // A003 checked in, called, but gone when called: an officer's no-show.
    f.call(at(8, 26), 1, "A003", f.lan);
    f.clock.set(at(8, 28));
    ReportFixture::must(f.queue->noShow(1, f.lan), "noshow");

    const auto r = f.report("2026-11-30", "2026-11-30");
    const auto& row = r.perChannel[channelIndex(r, "online")];
    CHECK(row.visits.issued == 4);
    CHECK(row.visits.served == 1);
    CHECK(row.visits.noShow == 2);       // A002, A003
    CHECK(row.visits.open == 1);         // A004
    CHECK(row.checkedIn == 2);           // A001, A003
    CHECK(row.noShowNotCheckedIn == 1);  // A002 (A004 was put back)
    const auto& walkIn = r.perChannel[channelIndex(r, "")];
    CHECK(walkIn.visits.issued == 1);
    CHECK(walkIn.checkedIn == 0);
    CHECK(walkIn.noShowNotCheckedIn == 0);

    f.clock.set(at(12, 0));
    const auto csv = f.cli({"report", "--from", "2026-11-30", "--to", "2026-11-30", "--format", "csv"});
    REQUIRE(csv.status == 0);
    CHECK_THAT(csv.out, Contains("Vắng do chưa xác nhận"));
    CHECK_THAT(csv.out, Contains("Lấy số trực tuyến,4,1,2,2,1,0,0,1,50.0,"));
    const auto json = f.cli({"--json", "report", "--from", "2026-11-30", "--to", "2026-11-30"});
    REQUIRE(json.status == 0);
    const auto j = nlohmann::json::parse(json.out);
    CHECK(j["per_channel"][1]["checked_in"] == 2);
    CHECK(j["per_channel"][1]["noshow_not_checked_in"] == 1);
    const auto en = f.cli({"report", "--from", "2026-11-30", "--to", "2026-11-30", "--lang", "en"});
    CHECK_THAT(en.out, Contains("No-show, not checked in"));
}
