// An office and one scripted working day for the report tests: every step goes through the real
// QueueService with a ManualClock, so the event log is exactly what the office would record.
// Officers' login/logout/break events are inserted with SQL (see insertStaffEvent): they are read
// by the report in the vocabulary of queue/EVENTS.md (`login`, `logout`, `break_start` {reason},
// `break_end`, with staff_id and counter_id, no ticket) and do not depend on who writes them.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk/cli/cli.h"
#include "queue/clock.h"
#include "queue/office_config.h"
#include "queue/queue_service.h"
#include "queue/report.h"
#include "queue/store.h"
#include "support/cli_run.h"
#include "support/test_office.h"
#include "support/test_store.h"
#include "support/test_support.h"

namespace motcua::testing {

// Monday hh:mm local, or `day` days later.
inline queue::TimeMs at(int hour, int minute, int day = 0) {
    return kMonday0800 + day * kDay + (hour - 8) * 60 * kMinute + minute * kMinute;
}

// The ward office (support/test_office.h) with English service names, officers lan, minh, hoa, one
// priority category, a 4-level rating scale, a waiting target of 15 minutes, and open 08:00–12:00
// and 13:30–17:00 on weekdays (without hours: an office that issues numbers at any hour).
inline std::string reportOfficeToml(bool withHours = true) {
    TestOffice o = wardOffice();
    o.set("unit", "Bộ phận Một cửa");
    if (withHours)
        o.openingHours = {{{1, 2, 3, 4, 5}, "08:00", "12:00"}, {{1, 2, 3, 4, 5}, "13:30", "17:00"}};
    o.services[0].nameEn = "Civil status";
    o.services[1].nameEn = "Certification";
    o.services[2].nameEn = "Social affairs";
    o.staff = {{"lan", "Nguyễn Thị Lan"}, {"minh", "Trần Văn Minh"}, {"hoa", "Lê Thị Hoa"}};
    o.priorities.resize(1);
    o.callOrder = {{"priority_interleave", 2}, {"recall_limit", 2}, {"wait_target_minutes", 15}};
    o.rating = {{"levels", 4}};
    return o.toml();
}

struct ReportFixture {
    explicit ReportFixture(const std::string& toml = reportOfficeToml())
        : store(dir.path()),
          clock(kMonday0800),
          path(store.location()),
          db(queue::openStore(path, queue::OpenPurpose::Initialise)) {
        queue::applyOfficeConfig(db, queue::parseOfficeConfig(toml, "report-test.toml"));
        queue = std::make_unique<queue::QueueService>(db, clock);
        lan = queue::Actor{staffId("lan")};
        minh = queue::Actor{staffId("minh")};
        hoa = queue::Actor{staffId("hoa")};
    }

    TempDir dir;
    TestDatabase store;  // on the store the suite runs against (support/test_store.h)
    queue::ManualClock clock;
    std::filesystem::path path;
    queue::Database db;
    std::unique_ptr<queue::QueueService> queue;
    queue::Actor lan, minh, hoa;

    std::int64_t staffId(const std::string& login) {
        queue::Statement st(db, "SELECT id FROM staff WHERE login = ?");
        st.bind(1, login);
        if (!st.step()) throw std::runtime_error("no staff " + login);
        return st.getInt(0);
    }
    std::int64_t counterId(int number) {
        queue::Statement st(db, "SELECT id FROM counters WHERE number = ?");
        st.bind(1, number);
        if (!st.step()) throw std::runtime_error("no counter");
        return st.getInt(0);
    }

    // A staff event as the staff console records it (no ticket; see the file comment).
    void insertStaffEvent(const std::string& kind, queue::TimeMs when, const queue::Actor& who, int counter,
                          const nlohmann::json& detail = nlohmann::json::object()) {
        queue::Statement st(
            db,
            "INSERT INTO events(ticket_id, kind, at, counter_id, staff_id, service_id, detail) "
            "VALUES(NULL, ?, ?, ?, ?, NULL, ?)");
        st.bind(1, kind)
            .bind(2, when)
            .bind(3, counterId(counter))
            .bind(4, *who.staffId)
            .bind(5, detail.dump());
        st.run();
    }

    template <class T>
    static T must(queue::Result<T> r, const char* what) {
        if (!r.ok()) throw std::runtime_error(std::string(what) + ": " + r.message);
        return std::move(*r.value);
    }

    void take(queue::TimeMs when, const std::string& service, std::optional<std::string> priority = {}) {
        clock.set(when);
        must(queue->take(service, priority), "take");
    }
    void call(queue::TimeMs when, int counter, const std::string& number, const queue::Actor& who) {
        clock.set(when);
        const auto c = must(queue->callNumber(counter, number, who), "call");
        if (c.ticket.number != number) throw std::runtime_error("called " + c.ticket.number);
    }
    void callNext(queue::TimeMs when, int counter, const std::string& expected, const queue::Actor& who) {
        clock.set(when);
        const auto c = must(queue->callNext(counter, who), "callNext");
        if (c.ticket.number != expected)
            throw std::runtime_error("callNext gave " + c.ticket.number + ", not " + expected);
    }
    void start(queue::TimeMs when, int counter, const queue::Actor& who) {
        clock.set(when);
        must(queue->start(counter, who), "start");
    }
    void finish(queue::TimeMs when, int counter, const queue::Actor& who,
                const nlohmann::json& detail = nlohmann::json::object()) {
        clock.set(when);
        must(queue->finish(counter, who, detail), "finish");
    }
    void rate(const std::string& number, const std::string& level) {
        must(queue->rate(number, level, "counter"), "rate");
    }

    // The scripted day. Times are Monday 30 Nov 2026, local; the figures it must produce are worked
    // out by hand in report_figures_test.cpp.
    void scriptDay() {
        take(at(8, 0), "HT");              // A001
        take(at(8, 2), "HT", "cao_tuoi");  // A002 (priority)
        call(at(8, 3), 1, "A002", lan);
        start(at(8, 4), 1, lan);
        take(at(8, 5), "CT");  // B001
        call(at(8, 6), 2, "B001", minh);
        start(at(8, 7), 2, minh);
        take(at(8, 10), "XH");  // C001
        finish(at(8, 12), 1, lan, {{"procedures", {"1.001193"}}, {"outcome", "received"}});
        rate("A002", "rat_hai_long");
        callNext(at(8, 13), 1, "A001", lan);
        start(at(8, 14), 1, lan);
        callNext(at(8, 15), 3, "C001", hoa);
        clock.set(at(8, 16));
        must(queue->recall(3, hoa), "recall");
        clock.set(at(8, 18));
        must(queue->noShow(3, hoa), "noshow");  // C001 away
        take(at(8, 20), "HT");                  // A003
        finish(at(8, 22), 2, minh, {{"procedures", {"2.000815", "2.000884"}}, {"outcome", "returned"}});
        rate("B001", "hai_long");
        clock.set(at(8, 23));
        must(queue->transfer(1, "XH", lan), "transfer");  // A001 to XH, leg 2
        callNext(at(8, 30), 3, "A001", hoa);
        start(at(8, 31), 3, hoa);
        call(at(8, 36), 1, "A003", lan);
        start(at(8, 37), 1, lan);
        take(at(8, 40), "XH");  // C002
        finish(at(8, 45), 3, hoa, {{"procedures", {"1.001193"}}, {"outcome", "guidance"}});
        rate("A001", "binh_thuong");
        callNext(at(8, 50), 3, "C002", hoa);
        finish(at(8, 51), 1, lan);  // A003, nothing recorded
        rate("A003", "khong_hai_long");
        clock.set(at(8, 52));
        must(queue->noShow(3, hoa), "noshow");  // C002 never comes back
        clock.set(at(9, 0));
        must(queue->reactivate("C001"), "reactivate");  // C001 is back
        callNext(at(9, 2), 3, "C001", hoa);
        start(at(9, 3), 3, hoa);
        take(at(9, 5), "CT");  // B002
        finish(at(9, 8), 3, hoa, {{"outcome", "guidance"}});
        rate("C001", "hai_long");
        take(at(9, 10), "HT");  // A004
        clock.set(at(9, 12));
        must(queue->cancel("A004"), "cancel");
        take(at(9, 15), "CT");  // B003, never called
        call(at(9, 20), 2, "B002", minh);
        start(at(9, 21), 2, minh);
        clock.set(at(9, 30));
        must(queue->hold(2, minh), "hold");
        call(at(9, 35), 2, "B002", minh);  // from hold
        start(at(9, 36), 2, minh);
        finish(at(9, 40), 2, minh, {{"procedures", {"2.000815"}}, {"outcome", "incomplete"}});

        // Tuesday: the first ticket expires Monday's B003; the new A001 stays waiting (open).
        take(at(8, 0, 1), "HT");

        // Officers' sessions.
        insertStaffEvent("login", at(7, 55), lan, 1);
        insertStaffEvent("break_start", at(10, 0), lan, 1, {{"reason", "họp"}});
        insertStaffEvent("break_end", at(10, 15), lan, 1);
        insertStaffEvent("logout", at(11, 55), lan, 1);
        insertStaffEvent("login", at(8, 0), minh, 2);
        insertStaffEvent("break_start", at(9, 45), minh, 2, {{"reason", ""}});
        insertStaffEvent("break_end", at(9, 55), minh, 2);  // and no logout
        insertStaffEvent("login", at(8, 0), hoa, 3);
        insertStaffEvent("logout", at(12, 0), hoa, 3);
        insertStaffEvent("login", at(8, 0, 1), hoa, 3);
        insertStaffEvent("logout", at(9, 0, 1), hoa, 3);
    }

    queue::Report report(const std::string& from, const std::string& to,
                         std::optional<std::string> service = {}, std::optional<int> counter = {},
                         std::optional<std::string> staff = {}) {
        queue::ReportQuery q{from, to, std::move(service), counter, std::move(staff)};
        return must(queue::computeReport(db, q), "report");
    }

    CliResult cli(const std::vector<std::string>& args) {
        std::vector<std::string> all = {"--db", path.string()};
        all.insert(all.end(), args.begin(), args.end());
        return runCli(all, &clock);
    }
};

}  // namespace motcua::testing
