// Every figure of the scripted day (report_fixture.h), checked against values worked out by hand.
// Times below are minutes; "m" is minutes after 08:00 unless written hh:mm.
#include <algorithm>
#include <catch2/catch.hpp>

#include "report_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {

constexpr TimeMs kMin = 60'000;

const ServiceRow& service(const Report& r, const std::string& code) {
    for (const auto& s : r.perService) {
        if (s.code == code) return s;
    }
    throw std::runtime_error("no service row " + code);
}
const CounterRow& counter(const Report& r, int number) {
    for (const auto& c : r.perCounter) {
        if (c.number == number) return c;
    }
    throw std::runtime_error("no counter row");
}
const OfficerRow& officer(const Report& r, const std::string& login) {
    for (const auto& o : r.perOfficer) {
        if (o.login == login) return o;
    }
    throw std::runtime_error("no officer row " + login);
}
int level(const Report& r, const SatisfactionCounts& s, const std::string& code) {
    for (std::size_t i = 0; i < r.levels.size(); ++i) {
        if (r.levels[i].code == code) return s.perLevel[i];
    }
    throw std::runtime_error("no level " + code);
}
void checkStats(const DurationStats& s, int count, double meanMinutes, int p50, int p90, int max) {
    CAPTURE(count, meanMinutes, p50, p90, max);
    CHECK(s.count == count);
    CHECK(s.meanMs == Approx(meanMinutes * kMin));
    CHECK(s.p50 == p50 * kMin);
    CHECK(s.p90 == p90 * kMin);
    CHECK(s.max == max * kMin);
}

}  // namespace

TEST_CASE("Visits of the scripted day: counts, outcomes and rates", "[report][figures]") {
    ReportFixture f;
    f.scriptDay();
    const auto r = f.report("2026-11-30", "2026-12-02");

    // Monday: A001 A002 A003 A004 B001 B002 B003 C001 C002 = 9; Tuesday: A001 = 1.
    CHECK_FALSE(r.empty);
    CHECK(r.days == 3);
    CHECK(r.visits.issued == 10);
    // Served: A002 B001 A001(after transfer) A003 C001(after reactivation) B002 = 6.
    CHECK(r.visits.served == 6);
    CHECK(r.visits.noShow == 1);     // C002 (C001 was reactivated, so it is not one)
    CHECK(r.visits.cancelled == 1);  // A004
    CHECK(r.visits.expired == 1);    // B003, expired by Tuesday's first ticket
    CHECK(r.visits.open == 1);       // Tuesday's A001
    CHECK(r.visits.transferred == 1);
    CHECK(r.visits.priority == 1);
    CHECK(r.transfers == 1);
    CHECK(r.recalls == 1);
    CHECK(r.reactivations == 1);
    CHECK(r.legs == 11);  // 10 visits + 1 transfer
    CHECK(percent(r.visits.served, r.visits.issued) == Approx(60.0));
    CHECK(percent(r.visits.noShow, r.visits.issued) == Approx(10.0));
}

TEST_CASE("Waits, service times and the service level of the scripted day", "[report][figures]") {
    ReportFixture f;
    f.scriptDay();
    const auto r = f.report("2026-11-30", "2026-12-02");

    // Visit waits (first call − issue): A002 1, B001 1, A001 13, C001 5, A003 16, C002 10, B002 15.
    // Sorted 1 1 5 10 13 15 16: sum 61, mean 61/7; p50 = rank ceil(3.5)=4 → 10; p90 = rank ceil(6.3)=7 → 16.
    checkStats(r.wait, 7, 61.0 / 7, 10, 16, 16);
    // Served visits: 1 1 5 13 15 16: sum 51, mean 8.5; p50 rank 3 → 5; p90 rank ceil(5.4)=6 → 16.
    const auto byOutcome = [&](VisitOutcome o) {
        return std::find_if(r.waitByOutcome.begin(), r.waitByOutcome.end(),
                            [&](auto& w) { return w.outcome == o; })
            ->wait;
    };
    checkStats(byOutcome(VisitOutcome::Served), 6, 8.5, 5, 16, 16);
    checkStats(byOutcome(VisitOutcome::NoShow), 1, 10, 10, 10, 10);  // C002
    CHECK(byOutcome(VisitOutcome::Cancelled).count == 0);            // A004 was never called
    CHECK(byOutcome(VisitOutcome::Expired).count == 0);
    CHECK(byOutcome(VisitOutcome::Open).count == 0);

    // Service time of served legs: A002 8 (08:04–08:12), B001 15 (08:07–08:22), A001 leg 2 14
    // (08:31–08:45), A003 14 (08:37–08:51), C001 5 (09:03–09:08), B002 9 + 4 = 13 (held 09:30,
    // restarted 09:36). Sorted 5 8 13 14 14 15: sum 69, mean 11.5; p50 rank 3 → 13; p90 rank 6 → 15.
    checkStats(r.serviceServed, 6, 11.5, 13, 15, 15);
    // A001's first leg was served 08:14–08:23 and then transferred: 9, kept apart.
    checkStats(r.serviceTransferred, 1, 9, 9, 9, 9);
    // No-shows never add service time: C001's and C002's calls add nothing above.

    // Service level, target 15 min: served waits 1 1 5 13 15 are within (15 counts), 16 is not.
    CHECK(r.serviceLevel.targetMinutes == 15);
    CHECK(r.serviceLevel.served == 6);
    CHECK(r.serviceLevel.within == 5);

    // Distribution of the 7 visit waits, buckets (from, to]: [0,5] 1 1 5; (5,10] 10; (10,15] 13 15
    // (on the target, so within it); (15,20] 16.
    REQUIRE(r.waitDistribution.size() == 8);
    const int expected[] = {3, 1, 2, 1, 0, 0, 0, 0};
    for (std::size_t i = 0; i < 8; ++i) {
        CAPTURE(i);
        CHECK(r.waitDistribution[i].count == expected[i]);
    }
    CHECK(r.waitDistribution[3].fromMinutes == 15);
    CHECK_FALSE(r.waitDistribution[7].toMinutes.has_value());
}

TEST_CASE("Per-day rows cover every day of the period, zeros included", "[report][figures]") {
    ReportFixture f;
    f.scriptDay();
    const auto r = f.report("2026-11-29", "2026-12-02");  // Sunday (nothing) .. Wednesday (nothing)
    REQUIRE(r.perDay.size() == 4);
    CHECK(r.perDay[0].day == "2026-11-29");
    CHECK(r.perDay[0].visits.issued == 0);
    const auto& monday = r.perDay[1];
    CHECK(monday.day == "2026-11-30");
    CHECK(monday.visits.issued == 9);
    CHECK(monday.visits.served == 6);
    CHECK(monday.visits.noShow == 1);
    CHECK(monday.visits.cancelled == 1);
    CHECK(monday.visits.expired == 1);
    CHECK(monday.visits.open == 0);
    CHECK(monday.wait.count == 7);
    CHECK(monday.wait.meanMs == Approx(61.0 / 7 * kMin));
    CHECK(monday.serviceLevel.within == 5);
    CHECK(monday.satisfaction.rated == 5);
    CHECK(monday.satisfaction.satisfied == 3);
    const auto& tuesday = r.perDay[2];
    CHECK(tuesday.visits.issued == 1);
    CHECK(tuesday.visits.open == 1);
    CHECK(tuesday.wait.count == 0);
    CHECK(r.perDay[3].day == "2026-12-02");
    CHECK(r.perDay[3].visits.issued == 0);
}

TEST_CASE("Per-service figures count legs: a transferred ticket counts in both services",
          "[report][figures]") {
    ReportFixture f;
    f.scriptDay();
    const auto r = f.report("2026-11-30", "2026-12-02");
    REQUIRE(r.perService.size() == 3);
    CHECK(r.perService[0].code == "HT");  // the office's order
    CHECK(r.perService[2].code == "XH");

    // HT legs: A001 (leg 1), A002, A003, A004, Tuesday's A001.
    const auto& ht = service(r, "HT");
    CHECK(ht.legs == 5);
    CHECK(ht.transferredIn == 0);
    CHECK(ht.served == 2);  // A002, A003
    CHECK(ht.transferredOut == 1);
    CHECK(ht.cancelled == 1);
    CHECK(ht.open == 1);
    CHECK(ht.noShow == 0);
    // Leg waits A002 1, A001 13, A003 16: mean 10; p50 rank ceil(1.5)=2 → 13; p90 rank 3 → 16.
    checkStats(ht.wait, 3, 10, 13, 16, 16);
    // Service A002 8, A003 14: mean 11; p50 rank 1 → 8; p90 rank ceil(1.8)=2 → 14.
    checkStats(ht.service, 2, 11, 8, 14, 14);
    CHECK(ht.serviceLevel.served == 2);
    CHECK(ht.serviceLevel.within == 1);  // A003 waited 16

    // CT legs: B001, B002, B003.
    const auto& ct = service(r, "CT");
    CHECK(ct.legs == 3);
    CHECK(ct.served == 2);
    CHECK(ct.expired == 1);
    checkStats(ct.wait, 2, 8, 1, 15, 15);       // B001 1, B002 15
    checkStats(ct.service, 2, 14, 13, 15, 15);  // B002 13, B001 15
    CHECK(ct.serviceLevel.within == 2);

    // XH legs: C001, C002, and A001's second leg (wait from the transfer at 08:23 to 08:30 = 7).
    const auto& xh = service(r, "XH");
    CHECK(xh.legs == 3);
    CHECK(xh.transferredIn == 1);
    CHECK(xh.served == 2);                        // C001, A001
    CHECK(xh.noShow == 1);                        // C002
    checkStats(xh.wait, 3, 22.0 / 3, 7, 10, 10);  // 5 7 10
    checkStats(xh.service, 2, 9.5, 5, 14, 14);    // C001 5, A001 14
    CHECK(xh.serviceLevel.served == 2);
    CHECK(xh.serviceLevel.within == 2);

    CHECK(ht.legs + ct.legs + xh.legs == r.legs);
}

TEST_CASE("Per-counter and per-officer figures, with time logged in and breaks", "[report][figures]") {
    ReportFixture f;
    f.scriptDay();
    const auto r = f.report("2026-11-30", "2026-12-02");

    // Counter 1 (lan): calls A002, A001, A003; finished A002 (8), A003 (14); transferred A001 after
    // 9 minutes of service; serving time 8 + 9 + 14 = 31; rated very satisfied (A002), not satisfied (A003).
    const auto& c1 = counter(r, 1);
    CHECK(c1.calls == 3);
    CHECK(c1.served == 2);
    CHECK(c1.noShow == 0);
    CHECK(c1.transfersOut == 1);
    checkStats(c1.service, 2, 11, 8, 14, 14);
    CHECK(c1.servingMs == 31 * kMin);
    CHECK(c1.satisfaction.rated == 2);
    CHECK(c1.satisfaction.satisfied == 1);
    CHECK(level(r, c1.satisfaction, "khong_hai_long") == 1);

    // Counter 2 (minh): calls B001, B002, B002 again from hold; served B001 (15) and B002 (13);
    // serving 15 + 9 + 4 = 28; one rating (satisfied).
    const auto& c2 = counter(r, 2);
    CHECK(c2.calls == 3);
    CHECK(c2.served == 2);
    checkStats(c2.service, 2, 14, 13, 15, 15);
    CHECK(c2.servingMs == 28 * kMin);
    CHECK(c2.satisfaction.rated == 1);
    CHECK(c2.satisfaction.satisfied == 1);

    // Counter 3 (hoa): calls C001, A001, C002, C001 again; one recall; no-shows marked C001 (later
    // reactivated) and C002; served A001 (14) and C001 (5); serving 19; rated neutral and satisfied.
    const auto& c3 = counter(r, 3);
    CHECK(c3.calls == 4);
    CHECK(c3.recalls == 1);
    CHECK(c3.noShow == 2);
    CHECK(c3.served == 2);
    CHECK(c3.servingMs == 19 * kMin);
    CHECK(c3.satisfaction.rated == 2);
    CHECK(c3.satisfaction.satisfied == 1);
    CHECK(level(r, c3.satisfaction, "binh_thuong") == 1);

    // Every event was recorded with an officer: no "(no officer)" row.
    REQUIRE(r.perOfficer.size() == 3);
    CHECK(std::all_of(r.perOfficer.begin(), r.perOfficer.end(), [](auto& o) { return o.id.has_value(); }));

    // lan: 07:55–11:55 = 240 logged in, break 10:00–10:15 "họp" = 15; serving 31.
    const auto& lan = officer(r, "lan");
    CHECK(lan.calls == 3);
    CHECK(lan.served == 2);
    CHECK(lan.servingMs == 31 * kMin);
    CHECK(lan.sessions == 1);
    CHECK(lan.unclosedSessions == 0);
    CHECK(lan.loggedInMs == 240 * kMin);
    CHECK(lan.breaks == 1);
    CHECK(lan.breakMs == 15 * kMin);
    REQUIRE(lan.breakReasons.size() == 1);
    CHECK(lan.breakReasons[0].reason == "họp");
    CHECK(percent(lan.servingMs, lan.loggedInMs - lan.breakMs) == Approx(100.0 * 31 / 225));

    // minh: login 08:00, no logout; last recorded action the break end at 09:55 → 115 minutes,
    // one unclosed session; break 10; serving 28 of 105 available.
    const auto& minh = officer(r, "minh");
    CHECK(minh.sessions == 1);
    CHECK(minh.unclosedSessions == 1);
    CHECK(minh.loggedInMs == 115 * kMin);
    CHECK(minh.breakMs == 10 * kMin);
    CHECK(minh.servingMs == 28 * kMin);

    // hoa: Monday 08:00–12:00 (240) and Tuesday 08:00–09:00 (60); no break.
    const auto& hoa = officer(r, "hoa");
    CHECK(hoa.sessions == 2);
    CHECK(hoa.loggedInMs == 300 * kMin);
    CHECK(hoa.breaks == 0);
    CHECK(hoa.noShow == 2);
    CHECK(hoa.servingMs == 19 * kMin);
}

TEST_CASE("Per-hour arrivals and waits span the opening hours", "[report][figures]") {
    ReportFixture f;
    f.scriptDay();
    const auto r = f.report("2026-11-30", "2026-12-02");
    // Opening hours 08:00–12:00 and 13:30–17:00: hours 8 .. 16.
    REQUIRE(r.perHour.size() == 9);
    CHECK(r.perHour.front().hour == 8);
    CHECK(r.perHour.back().hour == 16);
    // 8h: A001 A002 B001 C001 A003 C002 and Tuesday's A001 = 7; waits 13 1 1 5 16 10 (Tuesday's
    // A001 was never called): sorted 1 1 5 10 13 16, sum 46, mean 46/6; p50 rank 3 → 5;
    // p90 rank ceil(5.4)=6 → 16.
    CHECK(r.perHour[0].arrivals == 7);
    checkStats(r.perHour[0].wait, 6, 46.0 / 6, 5, 16, 16);
    // 9h: B002 A004 B003 = 3; only B002 was called (15).
    CHECK(r.perHour[1].arrivals == 3);
    checkStats(r.perHour[1].wait, 1, 15, 15, 15, 15);
    for (std::size_t i = 2; i < r.perHour.size(); ++i) CHECK(r.perHour[i].arrivals == 0);
}

TEST_CASE("Procedures by outcome come from the finish details", "[report][figures]") {
    ReportFixture f;
    f.scriptDay();
    const auto r = f.report("2026-11-30", "2026-11-30");
    // A002 1.001193 received; B001 2.000815 + 2.000884 returned; A001 1.001193 guidance;
    // A003 nothing; C001 guidance without a procedure; B002 2.000815 incomplete.
    REQUIRE(r.perProcedure.size() == 4);
    const auto outcome = [](const char* name) {
        for (std::size_t i = 0; i < std::size(kProcedureOutcomes); ++i) {
            if (std::string(kProcedureOutcomes[i]) == name) return i;
        }
        throw std::runtime_error("outcome");
    };
    CHECK(r.perProcedure[0].code == "1.001193");
    CHECK(r.perProcedure[0].total == 2);
    CHECK(r.perProcedure[0].perOutcome[outcome("received")] == 1);
    CHECK(r.perProcedure[0].perOutcome[outcome("guidance")] == 1);
    CHECK(r.perProcedure[1].code == "2.000815");
    CHECK(r.perProcedure[1].perOutcome[outcome("returned")] == 1);
    CHECK(r.perProcedure[1].perOutcome[outcome("incomplete")] == 1);
    CHECK(r.perProcedure[2].code == "2.000884");
    CHECK(r.perProcedure[2].total == 1);
    CHECK(r.perProcedure[3].code.empty());  // finishes without a procedure, last
    CHECK(r.perProcedure[3].perOutcome[outcome("guidance")] == 1);
    CHECK(r.perProcedure[3].perOutcome[outcome("")] == 1);
    CHECK(r.perProcedure[3].total == 2);
}

TEST_CASE("Satisfaction: per level, satisfied share, response rate, the not-satisfied list",
          "[report][figures]") {
    ReportFixture f;
    f.scriptDay();
    const auto r = f.report("2026-11-30", "2026-12-02");
    REQUIRE(r.levels.size() == 4);                           // the office's 4-level scale
    CHECK(level(r, r.satisfaction, "rat_hai_long") == 1);    // A002
    CHECK(level(r, r.satisfaction, "hai_long") == 2);        // B001, C001
    CHECK(level(r, r.satisfaction, "binh_thuong") == 1);     // A001
    CHECK(level(r, r.satisfaction, "khong_hai_long") == 1);  // A003
    CHECK(r.satisfaction.rated == 5);
    CHECK(r.satisfaction.satisfied == 3);  // 3 of 5 = 60 %
    // Response rate: 5 ratings / 6 served (B002 was not rated).
    CHECK(percent(r.satisfaction.rated, r.visits.served) == Approx(100.0 * 5 / 6));
    REQUIRE(r.unsatisfied.size() == 1);
    CHECK(r.unsatisfied[0].number == "A003");
    CHECK(r.unsatisfied[0].day == "2026-11-30");
    CHECK(r.unsatisfied[0].serviceCode == "HT");
    CHECK(r.unsatisfied[0].counter == 1);
    CHECK(r.unsatisfied[0].officer == "lan");
    CHECK(r.unsatisfied[0].ratedClock == "08:51");
}

TEST_CASE("Filters keep the visits that touched the service, counter or officer", "[report][figures]") {
    ReportFixture f;
    f.scriptDay();

    SECTION("service XH: C001, C002 and A001 (its second leg)") {
        const auto r = f.report("2026-11-30", "2026-11-30", "XH");
        CHECK(r.visits.issued == 3);
        CHECK(r.visits.served == 2);
        CHECK(r.visits.noShow == 1);
        CHECK(r.legs == 3);
        REQUIRE(r.perService.size() == 1);
        CHECK(r.perService[0].code == "XH");
        // Visit waits still run from the issue: C001 5, C002 10, A001 13.
        checkStats(r.wait, 3, 28.0 / 3, 10, 13, 13);
        // Only XH legs are served at counter 3 (A001's HT leg at counter 1 is not counted).
        REQUIRE(r.perCounter.size() == 1);
        CHECK(r.perCounter[0].number == 3);
        CHECK(r.satisfaction.rated == 2);  // A001 neutral, C001 satisfied
        CHECK(r.filterServiceName == "Lao động – Thương binh – Xã hội");
    }
    SECTION("counter 1: A002, A001, A003") {
        const auto r = f.report("2026-11-30", "2026-11-30", std::nullopt, 1);
        CHECK(r.visits.issued == 3);
        REQUIRE(r.perCounter.size() == 1);
        CHECK(r.perCounter[0].calls == 3);
        REQUIRE(r.perOfficer.size() == 1);
        CHECK(r.perOfficer[0].login == "lan");
        CHECK(r.perOfficer[0].loggedInMs == 240 * kMin);
    }
    SECTION("officer hoa, by login or by id") {
        const auto byLogin = f.report("2026-11-30", "2026-12-01", std::nullopt, std::nullopt, "hoa");
        const auto byId =
            f.report("2026-11-30", "2026-12-01", std::nullopt, std::nullopt, std::to_string(*f.hoa.staffId));
        for (const auto* r : {&byLogin, &byId}) {
            CHECK(r->query.staff == "hoa");
            CHECK(r->visits.issued == 3);  // C001, A001, C002
            REQUIRE(r->perOfficer.size() == 1);
            CHECK(r->perOfficer[0].loggedInMs == 300 * kMin);
            CHECK(r->perOfficer[0].servingMs == 19 * kMin);
        }
    }
}

TEST_CASE("Bad report input comes back as a value with one clear line", "[report]") {
    ReportFixture f;
    struct Case {
        const char* from;
        const char* to;
        std::optional<std::string> service;
        std::optional<int> counter;
        std::optional<std::string> staff;
        Outcome outcome;
        const char* says;
    };
    const Case c = GENERATE(values<Case>({
        {"2026-12-01", "2026-11-30", {}, {}, {}, Outcome::Invalid, "reversed"},
        {"2026-11-31", "2026-12-01", {}, {}, {}, Outcome::Invalid, "not a date"},
        {"30/11/2026", "2026-12-01", {}, {}, {}, Outcome::Invalid, "not a date"},
        {"2026-11-30", "2026-2-1", {}, {}, {}, Outcome::Invalid, "not a date"},
        {"2023-02-29", "2023-03-01", {}, {}, {}, Outcome::Invalid, "not a date"},
        {"2000-01-01", "2026-01-01", {}, {}, {}, Outcome::Invalid, "at most"},
        {"2026-11-30", "2026-11-30", "ZZ", {}, {}, Outcome::NotFound, "unknown service 'ZZ'"},
        {"2026-11-30", "2026-11-30", {}, 9, {}, Outcome::NotFound, "unknown counter 9"},
        {"2026-11-30", "2026-11-30", {}, {}, "nobody", Outcome::NotFound, "unknown officer 'nobody'"},
    }));
    CAPTURE(c.from, c.to, c.says);
    const auto r = computeReport(f.db, ReportQuery{c.from, c.to, c.service, c.counter, c.staff});
    CHECK(r.outcome == c.outcome);
    CHECK_THAT(r.message, Catch::Contains(c.says));
    CHECK(r.message.find('\n') == std::string::npos);
}

TEST_CASE("A period with nothing recorded is an empty report with a zero row per day", "[report]") {
    ReportFixture f;
    f.scriptDay();
    const auto r = f.report("2026-12-07", "2026-12-09");
    CHECK(r.empty);
    CHECK(r.visits.issued == 0);
    REQUIRE(r.perDay.size() == 3);
    for (const auto& d : r.perDay) CHECK(d.visits.issued == 0);
    CHECK(r.wait.count == 0);
    CHECK(r.unsatisfied.empty());
}

TEST_CASE("Dates are office-local: a ticket at 00:30 local belongs to that day", "[report]") {
    ReportFixture f(
        reportOfficeToml(false));  // an office issuing at any hour (the fixture's closes at 17:00)
    // 00:30 on Tuesday 1 Dec local is 17:30 UTC on Monday.
    f.take(at(0, 30, 1), "HT");
    CHECK(f.report("2026-11-30", "2026-11-30").visits.issued == 0);
    const auto r = f.report("2026-12-01", "2026-12-01");
    CHECK(r.visits.issued == 1);
    REQUIRE_FALSE(r.perHour.empty());
    CHECK(r.perHour.front().hour == 0);
    CHECK(r.perHour.front().arrivals == 1);
}

TEST_CASE("Date helpers round-trip and reject impossible dates", "[report]") {
    CHECK(parseIsoDate("1970-01-01") == 0);
    CHECK(parseIsoDate("2024-02-29").has_value());
    CHECK_FALSE(parseIsoDate("2100-02-29").has_value());
    CHECK_FALSE(parseIsoDate("2026-00-10").has_value());
    CHECK_FALSE(parseIsoDate("2026-11-3a").has_value());
    for (const char* d : {"2026-11-30", "2024-02-29", "2000-03-01", "2026-12-31"}) {
        CHECK(isoDateFromDays(*parseIsoDate(d)) == d);
    }
    std::vector<TimeMs> samples = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
    const auto s = summarise(samples);
    CHECK(s.p50 == 5);  // rank ceil(5) = 5
    CHECK(s.p90 == 9);  // rank ceil(9) = 9
    CHECK(s.max == 10);
    CHECK(s.meanMs == Approx(5.5));
}
