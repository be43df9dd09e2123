// Report benchmark: a year of a busy office (200 tickets a day, every day) written straight into the
// event log with SQL, one transaction per day, then `motcua report` computed and rendered over the
// whole year, a month and a day. A few days are also generated through the real QueueService, to
// show what the API costs per day. Prints a table; no pass/fail.
//
// Usage: bench_report [DIR] [--days N] [--per-day N] [--api-days N]
//   DIR: where the database files go (default: a temporary directory, removed afterwards)
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "bench/bench_results.h"
#include "kiosk/cli/report_format.h"
#include "queue/business_calendar.h"
#include "queue/clock.h"
#include "queue/office_config.h"
#include "queue/queue_service.h"
#include "queue/report.h"
#include "queue/store.h"
#include "support/test_office.h"

using namespace motcua::queue;
using SteadyClock = std::chrono::steady_clock;

namespace {

// Four services, five counters, five officers, open every day 08:00–12:00 and 13:30–17:00.
std::string officeToml() {
    motcua::testing::TestOffice o;
    o.office = {{"name", "UBND phường Bench"}, {"unit", "Bộ phận Một cửa"}};
    o.openingHours = {{{1, 2, 3, 4, 5, 6, 7}, "08:00", "12:00"}, {{1, 2, 3, 4, 5, 6, 7}, "13:30", "17:00"}};
    o.services = {{"HT", "Hộ tịch", "A"},
                  {"CT", "Chứng thực", "B"},
                  {"XH", "Lao động – Thương binh – Xã hội", "C"},
                  {"DD", "Đất đai – Xây dựng", "D"}};
    o.counters = {{1, "Quầy 1", {"HT"}},
                  {2, "Quầy 2", {"HT", "CT"}},
                  {3, "Quầy 3", {"CT"}},
                  {4, "Quầy 4", {"XH"}},
                  {5, "Quầy 5", {"DD", "XH"}}};
    for (int i = 1; i <= 5; ++i) o.staff.push_back({"cb" + std::to_string(i), "Cán bộ " + std::to_string(i)});
    o.priorities = {{"cao_tuoi", "Người cao tuổi"}};
    o.rating = {{"levels", 4}};
    return o.toml();
}

// 2026-01-01 00:00 in Hà Nội (UTC+7, no DST).
constexpr TimeMs kYearStart = 1767200400000;
constexpr TimeMs kMinute = 60'000;
constexpr TimeMs kDay = 24 * 60 * kMinute;
constexpr const char* kProcedures[] = {"1.001193", "1.000656", "2.000815",
                                       "2.000884", "1.003583", "2.001035"};
constexpr const char* kFinishOutcomes[] = {"received", "guidance", "returned", "incomplete"};

double ms(SteadyClock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

template <class F>
double timeMs(F&& f) {
    const auto t0 = SteadyClock::now();
    f();
    return ms(SteadyClock::now() - t0);
}

struct Sizes {
    std::int64_t tickets = 0;
    std::int64_t events = 0;
};

// One day of tickets written as the queue would have written them. Realistic mix: 40 % HT, 35 % CT,
// 15 % XH, 10 % DD; 85 % served (3 % of them after a transfer, 1 % after a no-show and reactivation),
// 7 % no-show (a third after a recall), 3 % cancelled, the rest left to expire; waits exponential
// with mean 10 minutes; service 3–20 minutes; 60 % of the served rate it.
class DayWriter {
  public:
    DayWriter(Database& db, std::mt19937& rng)
        : m_db(db),
          m_rng(rng),
          m_ticket(db,
                   "INSERT INTO tickets(id, service_id, business_day, seq, number, priority, cur_service_id, "
                   "state, "
                   "counter_id, staff_id, queue_key, recalls, leg, issued_at, updated_at) "
                   "VALUES(?,?,?,?,?,?,?,?,NULL,NULL,?,0,?,?,?)"),
          m_event(db,
                  "INSERT INTO events(ticket_id, kind, at, counter_id, staff_id, service_id, detail) "
                  "VALUES(?,?,?,?,?,?,?)") {
        Statement s(db, "SELECT id, code, prefix FROM services ORDER BY id");
        while (s.step()) m_services.push_back({s.getInt(0), s.getText(1), s.getText(2)});
        Statement c(db, "SELECT id FROM counters ORDER BY number");
        while (c.step()) m_counters.push_back(c.getInt(0));
        Statement st(db, "SELECT id FROM staff ORDER BY id");
        while (st.step()) m_staff.push_back(st.getInt(0));
        m_nextTicket = db.queryInt("SELECT COALESCE(MAX(id), 0) + 1 FROM tickets");
    }

    void write(int dayIndex, int tickets, Sizes& sizes) {
        const TimeMs midnight = kYearStart + dayIndex * kDay;
        const std::string day = BusinessCalendarDay(midnight);
        Transaction tx(m_db);
        for (std::size_t k = 0; k < m_staff.size(); ++k) {
            const auto counter = m_counters[k % m_counters.size()];
            event(std::nullopt, "login", midnight + 475 * kMinute, counter, m_staff[k], std::nullopt, "{}");
            event(std::nullopt, "break_start", midnight + 600 * kMinute, counter, m_staff[k], std::nullopt,
                  R"({"reason":"nghỉ giữa giờ"})");
            event(std::nullopt, "break_end", midnight + 612 * kMinute, counter, m_staff[k], std::nullopt,
                  "{}");
            event(std::nullopt, "logout", midnight + 1025 * kMinute, counter, m_staff[k], std::nullopt, "{}");
            sizes.events += 4;
        }
        std::vector<int> seq(m_services.size(), 0);
        for (int i = 0; i < tickets; ++i) {
            const std::size_t s = pickService();
            const auto& svc = m_services[s];
            // Arrivals over 08:00–11:30 and 13:30–16:30.
            const int minute = i < tickets * 55 / 100 ? 480 + static_cast<int>(uniform(0, 210))
                                                      : 810 + static_cast<int>(uniform(0, 180));
            const TimeMs issued = midnight + minute * kMinute + static_cast<TimeMs>(uniform(0, 59'999));
            const int n = ++seq[s];
            const std::int64_t id = m_nextTicket++;
            const double roll = uniform(0, 1);
            const char* state = roll < 0.85   ? "done"
                                : roll < 0.92 ? "noshow"
                                : roll < 0.95 ? "cancelled"
                                              : "expired";
            const bool priority = uniform(0, 1) < 0.08;
            m_ticket.bind(1, id).bind(2, svc.id).bind(3, day).bind(4, n).bind(
                5, fmt::format("{}{:03}", svc.prefix, n));
            m_ticket.bind(6, priority ? std::optional<std::string>("cao_tuoi") : std::nullopt);
            m_ticket.bind(7, svc.id)
                .bind(8, state)
                .bind(9, issued)
                .bind(10, 1)
                .bind(11, issued)
                .bind(12, issued);
            m_ticket.run();
            m_ticket.reset();
            ++sizes.tickets;
            event(id, "issue", issued, std::nullopt, std::nullopt, svc.id,
                  fmt::format(R"({{"number":"{}{:03}","seq":{},"business_day":"{}","priority":null}})",
                              svc.prefix, n, n, day));
            const std::size_t desk =
                static_cast<std::size_t>(uniform(0, static_cast<double>(m_counters.size()) - 0.001));
            const auto counter = m_counters[desk];
            const auto staff = m_staff[desk % m_staff.size()];
            TimeMs t = issued + static_cast<TimeMs>(-std::log(1 - uniform(0, 0.999)) * 10 * kMinute);
            sizes.events += 1;
            if (std::string_view(state) == "expired") {
                event(id, "expire", midnight + kDay + 480 * kMinute, std::nullopt, std::nullopt, svc.id,
                      fmt::format(R"({{"from":"waiting","business_day":"{}","reason":"business day ended"}})",
                                  day));
                sizes.events += 1;
                continue;
            }
            if (std::string_view(state) == "cancelled") {
                event(id, "cancel", t, std::nullopt, std::nullopt, svc.id, R"({"from":"waiting"})");
                sizes.events += 1;
                continue;
            }
            event(id, "call", t, counter, staff, svc.id,
                  R"({"priority":false,"reason":"fifo","from":"waiting"})");
            sizes.events += 1;
            if (std::string_view(state) == "noshow" || uniform(0, 1) < 0.01) {
                if (uniform(0, 1) < 0.33) {
                    t += 2 * kMinute;
                    event(id, "recall", t, counter, staff, svc.id, R"({"recalls":1})");
                    sizes.events += 1;
                }
                t += 2 * kMinute;
                event(id, "noshow", t, counter, staff, svc.id, R"({"recalls":0})");
                sizes.events += 1;
                if (std::string_view(state) == "noshow") continue;
                t += 20 * kMinute;  // came back: reactivated, called again
                event(id, "reactivate", t, std::nullopt, std::nullopt, svc.id, R"({"from":"noshow"})");
                t += 5 * kMinute;
                event(id, "call", t, counter, staff, svc.id,
                      R"({"priority":false,"reason":"fifo","from":"waiting"})");
                sizes.events += 2;
            }
            std::int64_t serviceId = svc.id;
            t += kMinute;
            event(id, "start", t, counter, staff, serviceId, "{}");
            t += static_cast<TimeMs>(uniform(3, 20) * kMinute);
            sizes.events += 1;
            if (uniform(0, 1) < 0.03) {
                const auto& to = m_services[(s + 1) % m_services.size()];
                event(id, "transfer", t, counter, staff, to.id,
                      fmt::format(R"({{"from_service":"{}","to_service":"{}","leg":2,"from":"serving"}})",
                                  svc.code, to.code));
                serviceId = to.id;
                t += static_cast<TimeMs>(uniform(1, 15) * kMinute);
                event(id, "call", t, counter, staff, serviceId,
                      R"({"priority":false,"reason":"fifo","from":"waiting"})");
                t += kMinute;
                event(id, "start", t, counter, staff, serviceId, "{}");
                t += static_cast<TimeMs>(uniform(3, 20) * kMinute);
                sizes.events += 3;
            }
            const char* procedure = kProcedures[static_cast<std::size_t>(uniform(0, 5.999))];
            const char* outcome = kFinishOutcomes[static_cast<std::size_t>(uniform(0, 3.999))];
            event(id, "finish", t, counter, staff, serviceId,
                  fmt::format(R"({{"procedures":["{}"],"outcome":"{}"}})", procedure, outcome));
            sizes.events += 1;
            if (uniform(0, 1) < 0.6) {
                const double r = uniform(0, 1);
                const char* level = r < 0.55   ? "rat_hai_long"
                                    : r < 0.90 ? "hai_long"
                                    : r < 0.97 ? "binh_thuong"
                                               : "khong_hai_long";
                event(id, "rate", t + 20'000, counter, staff, serviceId,
                      fmt::format(R"({{"level":"{}","source":"counter"}})", level));
                sizes.events += 1;
            }
        }
        tx.commit();
    }

  private:
    struct Service {
        std::int64_t id;
        std::string code, prefix;
    };

    static std::string BusinessCalendarDay(TimeMs midnight) {
        static const BusinessCalendar calendar("Asia/Ho_Chi_Minh");
        return calendar.dayOf(midnight);
    }
    double uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(m_rng); }
    std::size_t pickService() {
        const double r = uniform(0, 1);
        return r < 0.40 ? 0 : r < 0.75 ? 1 : r < 0.90 ? 2 : 3;
    }
    void event(std::optional<std::int64_t> ticket, const char* kind, TimeMs at,
               std::optional<std::int64_t> counter, std::optional<std::int64_t> staff,
               std::optional<std::int64_t> service, const std::string& detail) {
        m_event.bind(1, ticket)
            .bind(2, kind)
            .bind(3, at)
            .bind(4, counter)
            .bind(5, staff)
            .bind(6, service)
            .bind(7, detail);
        m_event.run();
        m_event.reset();
    }

    Database& m_db;
    std::mt19937& m_rng;
    Statement m_ticket, m_event;
    std::vector<Service> m_services;
    std::vector<std::int64_t> m_counters, m_staff;
    std::int64_t m_nextTicket = 1;
};

// One day through the real API: take, call, start, finish and a rating for each ticket.
void apiDay(QueueService& q, ManualClock& clock, TimeMs midnight, int tickets, std::mt19937& rng) {
    const char* services[] = {"HT", "CT", "XH", "DD"};
    std::uniform_int_distribution<int> pick(0, 3);
    clock.set(midnight + 480 * kMinute);
    for (int i = 0; i < tickets; ++i) {
        clock.advance(kMinute);
        (void)q.take(services[pick(rng)]);
        for (int counter = 1; counter <= 5; ++counter) {
            auto called = q.callNext(counter);
            if (!called.ok()) continue;
            (void)q.start(counter);
            (void)q.finish(counter, {}, {{"outcome", "received"}, {"procedures", {"1.001193"}}});
            (void)q.rate(called.value->ticket.number, "hai_long", "counter");
        }
    }
}

}  // namespace

int main(int argc, char** argv) try {
    std::filesystem::path dir;
    int days = 365, perDay = 200, apiDays = 3;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--days" && i + 1 < argc)
            days = std::stoi(argv[++i]);
        else if (a == "--per-day" && i + 1 < argc)
            perDay = std::stoi(argv[++i]);
        else if (a == "--api-days" && i + 1 < argc)
            apiDays = std::stoi(argv[++i]);
        else
            dir = a;
    }
    const bool temporary = dir.empty();
    if (temporary) {
        std::string templ = (std::filesystem::temp_directory_path() / "motcua-bench-report-XXXXXX").string();
        if (!::mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
        dir = templ;
    }

    std::mt19937 rng(20261130);
    auto db = openStore(dir / "year.db", OpenPurpose::Initialise);
    applyOfficeConfig(db, parseOfficeConfig(officeToml(), "bench.toml"));
    Sizes sizes;
    DayWriter writer(db, rng);
    const double generation = timeMs([&] {
        for (int d = 0; d < days; ++d) writer.write(d, perDay, sizes);
    });
    db.exec("ANALYZE");

    const auto first = isoDateFromDays(*parseIsoDate("2026-01-01"));
    const auto last = isoDateFromDays(*parseIsoDate("2026-01-01") + days - 1);
    const auto month =
        isoDateFromDays(std::min<std::int64_t>(*parseIsoDate("2026-01-01") + 30, *parseIsoDate(last)));

    struct Row {
        std::string what;
        double ms;
        std::string note;
    };
    std::vector<Row> rows;
    rows.push_back({fmt::format("generate {} days × {} tickets (SQL, 1 tx/day)", days, perDay), generation,
                    fmt::format("{} tickets, {} events, {:.1f} ms/day", sizes.tickets, sizes.events,
                                generation / days)});

    Report year;
    std::vector<double> wholeRuns;
    for (int run = 0; run < 3; ++run) {
        const double t = timeMs([&] {
            auto r = computeReport(db, ReportQuery{first, last, {}, {}, {}});
            if (!r.ok()) throw std::runtime_error(r.message);
            year = std::move(*r.value);
        });
        wholeRuns.push_back(t);
        rows.push_back({fmt::format("report {} – {} (run {})", first, last, run + 1), t,
                        fmt::format("{} visits, {} served, {} rated", year.visits.issued, year.visits.served,
                                    year.satisfaction.rated)});
    }
    rows.push_back({"report, one service (HT), whole period", timeMs([&] {
                        (void)computeReport(db, ReportQuery{first, last, std::string("HT"), {}, {}});
                    }),
                    ""});
    rows.push_back({"report, one officer (cb3), whole period", timeMs([&] {
                        (void)computeReport(db, ReportQuery{first, last, {}, {}, std::string("cb3")});
                    }),
                    ""});
    const double monthMs = timeMs([&] { (void)computeReport(db, ReportQuery{first, month, {}, {}, {}}); });
    rows.push_back({fmt::format("report {} – {} (a month)", first, month), monthMs, ""});
    const double dayMs = timeMs([&] { (void)computeReport(db, ReportQuery{last, last, {}, {}, {}}); });
    rows.push_back({fmt::format("report {} (a day)", last), dayMs, ""});
    motcua::cli::ReportRenderOptions options;
    std::size_t bytes = 0;
    rows.push_back({"render text (whole period)",
                    timeMs([&] { bytes = motcua::cli::renderReportText(year, options).size(); }),
                    fmt::format("{} KiB", bytes / 1024)});
    rows.push_back({"render CSV", timeMs([&] { bytes = motcua::cli::renderReportCsv(year, options).size(); }),
                    fmt::format("{} KiB", bytes / 1024)});
    rows.push_back({"render JSON",
                    timeMs([&] { bytes = motcua::cli::reportToJson(year, options).dump().size(); }),
                    fmt::format("{} KiB", bytes / 1024)});
    const double htmlMs = timeMs([&] { bytes = motcua::cli::renderReportHtml(year, options).size(); });
    rows.push_back({"render HTML + SVG", htmlMs, fmt::format("{} KiB", bytes / 1024)});

    const motcua::bench::BenchResults results("bench_report");
    std::sort(wholeRuns.begin(), wholeRuns.end());
    results.add(fmt::format("generate {} days x {} tickets (SQL)", days, perDay), generation, "ms");
    results.add(fmt::format("report over {} days ({} visits), median of 3", days, year.visits.issued),
                wholeRuns[1], "ms");
    results.add("report over a month", monthMs, "ms");
    results.add("report over a day", dayMs, "ms");
    results.add("render HTML + SVG, whole period", htmlMs, "ms");
    if (apiDays > 0) {
        auto apiDb = openStore(dir / "api.db", OpenPurpose::Initialise);
        applyOfficeConfig(apiDb, parseOfficeConfig(officeToml(), "bench.toml"));
        ManualClock clock(kYearStart);
        QueueService q(apiDb, clock);
        const double t = timeMs([&] {
            for (int d = 0; d < apiDays; ++d) apiDay(q, clock, kYearStart + d * kDay, perDay, rng);
        });
        results.add(fmt::format("a day of {} tickets through QueueService", perDay), t / apiDays, "ms");
        rows.push_back({fmt::format("generate {} days × {} tickets (QueueService API)", apiDays, perDay), t,
                        fmt::format("{:.1f} ms/day, {} events (synchronous=FULL, a transaction per move)",
                                    t / apiDays, apiDb.queryInt("SELECT COUNT(*) FROM events"))});
    }

    std::cout << fmt::format("bench_report: {} in {}\n\n",
                             days == 365 ? "a year" : fmt::format("{} days", days),
                             (dir / "year.db").string());
    std::cout << fmt::format("{:<52} {:>11}  {}\n", "what", "ms", "note");
    std::cout << std::string(100, '-') << '\n';
    for (const auto& r : rows) std::cout << fmt::format("{:<52} {:>11.1f}  {}\n", r.what, r.ms, r.note);
    std::cout << fmt::format(
        "\ndatabase file: {:.1f} MiB\n",
        static_cast<double>(std::filesystem::file_size(dir / "year.db")) / (1024.0 * 1024.0));
    if (temporary) std::filesystem::remove_all(dir);
    return 0;
} catch (const std::exception& e) {
    std::cerr << "bench_report: " << e.what() << '\n';
    return 1;
}
