// The two stores side by side: SQLite (one PC) and PostgreSQL (several PCs, over TCP on 127.0.0.1).
// Per store: take and call-next latency against a bare INSERT + COMMIT with the same settings; the
// requests each move costs (round trips; SQLite has none); and how long a call takes to reach
// another process that watches for changes as a display does (PRAGMA data_version on SQLite, LISTEN/
// NOTIFY on PostgreSQL).
//
// Usage: bench_stores [--ops N] [--pg URL] [--only sqlite|postgresql]
//   --only measures one store (to profile it); the table then shows that store alone.
//   Without --pg it starts a private PostgreSQL server with production durability (fsync on) through
//   scripts/test-postgres.sh and stops it at the end; with --pg it uses that server's database (the
//   user needs CREATEDB: a database of its own is made and dropped).
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>
#include <vector>

#include "bench/bench_results.h"
#include "bench/bench_stats.h"
#include "bench/private_postgres.h"
#include "queue/change_watcher.h"
#include "queue/clock.h"
#include "queue/office_config.h"
#include "queue/postgres.h"
#include "queue/queue_service.h"
#include "queue/store.h"
#include "support/test_office.h"

using namespace motcua::queue;
using SteadyClock = std::chrono::steady_clock;
using motcua::bench::percentile;

namespace {

// Two services, two counters that serve both (support/test_office.h writes the TOML).
std::string officeToml() {
    motcua::testing::TestOffice office;
    office.set("name", "Bench");
    office.services = {{"HT", "Hộ tịch", "A"}, {"CT", "Chứng thực", "B"}};
    office.counters = {{1, "Quầy 1", {"HT", "CT"}}, {2, "Quầy 2", {"HT", "CT"}}};
    return office.toml();
}

double micros(SteadyClock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
}

template <class T>
T must(Result<T> r) {
    if (!r.ok()) throw std::runtime_error(r.message);
    return std::move(*r.value);
}

struct StoreFigures {
    std::string store;
    double takeP50 = 0, takeP99 = 0, callP50 = 0, callP99 = 0, bareP50 = 0, bareP99 = 0;
    std::map<std::string, double> tripsPerMove;  // mean requests per move
    double notifyP50 = 0, notifyP99 = 0, notifyMax = 0;
    int notifySamples = 0;
};

// The baseline: one row inserted and committed, with the store's own settings.
double bareInsert(Database& db, int n, std::vector<double>& us) {
    db.exec(
        "CREATE TABLE IF NOT EXISTS bench_bare(id BIGINT PRIMARY KEY, service TEXT, n BIGINT, at BIGINT)");
    for (int i = 0; i < n; ++i) {
        const auto t0 = SteadyClock::now();
        Transaction tx(db);
        Statement st(db, "INSERT INTO bench_bare(id, service, n, at) VALUES(?, 'HT', ?, ?)");
        st.bind(1, i).bind(2, i).bind(3, static_cast<std::int64_t>(i));
        st.run();
        tx.commit();
        us.push_back(micros(SteadyClock::now() - t0));
    }
    return percentile(us, 0.5);
}

// Requests per move: the store counts what travelled to the server and back.
template <class Move>
double tripsOf(Database& db, int repeat, Move move) {
    const auto before = db.roundTrips();
    for (int i = 0; i < repeat; ++i) move();
    return static_cast<double>(db.roundTrips() - before) / repeat;
}

StoreFigures measure(const std::string& store, const std::string& location, int n) {
    StoreFigures f;
    f.store = store;
    SystemClock clock;
    {
        auto db = openStore(location, OpenPurpose::Initialise);
        applyOfficeConfig(db, parseOfficeConfig(officeToml(), "bench"), clock);
    }
    auto db = openStore(location, OpenPurpose::Use, StoreOptions{std::chrono::seconds(30)});
    QueueService q(db, clock);

    std::vector<double> take, call, bare;
    for (int i = 0; i < n; ++i) {
        const auto t0 = SteadyClock::now();
        must(q.take(i % 2 ? "HT" : "CT"));
        take.push_back(micros(SteadyClock::now() - t0));
    }
    for (int i = 0; i < n; ++i) {
        const auto t0 = SteadyClock::now();
        must(q.callNext(1));
        call.push_back(micros(SteadyClock::now() - t0));
        must(q.noShow(1));
    }
    {
        auto bareDb = openStore(location, OpenPurpose::Use);
        bareInsert(bareDb, n, bare);
    }
    f.takeP50 = percentile(take, 0.5);
    f.takeP99 = percentile(take, 0.99);
    f.callP50 = percentile(call, 0.5);
    f.callP99 = percentile(call, 0.99);
    f.bareP50 = percentile(bare, 0.5);
    f.bareP99 = percentile(bare, 0.99);

    // Requests per move kind, each averaged over a few moves of a normal visit.
    constexpr int kVisits = 20;
    for (int i = 0; i < 3 * kVisits; ++i) must(q.take("HT"));
    f.tripsPerMove["take"] = tripsOf(db, kVisits, [&] { must(q.take("CT")); });
    double call1 = 0, recall = 0, start = 0, finish = 0, transfer = 0, hold = 0, noshow = 0;
    double reactivate = 0, byNumber = 0, cancel = 0;
    for (int i = 0; i < kVisits; ++i) {
        call1 += tripsOf(db, 1, [&] { must(q.callNext(1)); });
        recall += tripsOf(db, 1, [&] { must(q.recall(1)); });
        start += tripsOf(db, 1, [&] { must(q.start(1)); });
        transfer += tripsOf(db, 1, [&] { must(q.transfer(1, "CT")); });
        must(q.callNext(2));
        hold += tripsOf(db, 1, [&] { must(q.hold(2)); });
        must(q.callNext(2));
        std::string missed;
        noshow += tripsOf(db, 1, [&] { missed = must(q.noShow(2)).number; });
        // The citizen who missed the call comes back: reactivated, called by number, then cancelled.
        reactivate += tripsOf(db, 1, [&] { must(q.reactivate(missed)); });
        byNumber += tripsOf(db, 1, [&] { must(q.callNumber(2, missed)); });
        cancel += tripsOf(db, 1, [&] { must(q.cancel(missed)); });
        must(q.callNext(1));
        must(q.start(1));
        finish += tripsOf(db, 1, [&] { must(q.finish(1)); });
    }
    f.tripsPerMove["call next"] = call1 / kVisits;
    f.tripsPerMove["recall"] = recall / kVisits;
    f.tripsPerMove["start"] = start / kVisits;
    f.tripsPerMove["finish"] = finish / kVisits;
    f.tripsPerMove["transfer"] = transfer / kVisits;
    f.tripsPerMove["hold"] = hold / kVisits;
    f.tripsPerMove["no-show"] = noshow / kVisits;
    f.tripsPerMove["reactivate"] = reactivate / kVisits;
    f.tripsPerMove["call by number"] = byNumber / kVisits;
    f.tripsPerMove["cancel"] = cancel / kVisits;

    // A call reaching another process that watches as a display does: it looks for a change every
    // 2 ms (a display's frame loop looks every 16 ms), reads the new events, and reports the moment
    // it saw each call. Both processes read the same monotonic clock.
    for (int i = 0; i < 200; ++i) must(q.take("HT"));
    int fromChild[2];
    if (pipe(fromChild) != 0) throw std::runtime_error("pipe");
    const pid_t child = fork();
    if (child == 0) {
        close(fromChild[0]);
        auto watcherDb = openStore(location, OpenPurpose::Use);
        QueueService watched(watcherDb, clock);
        ChangeWatcher watcher(watcherDb);
        char ready = 'r';
        [[maybe_unused]] auto w = write(fromChild[1], &ready, 1);
        const auto until = SteadyClock::now() + std::chrono::seconds(120);
        int seen = 0;
        while (seen < 100 && SteadyClock::now() < until) {
            if (watcher.changed()) {
                for (const auto& e : watcher.newEvents(watched)) {
                    if (e.kind != "call") continue;
                    const auto at = SteadyClock::now().time_since_epoch().count();
                    [[maybe_unused]] auto n2 = write(fromChild[1], &at, sizeof at);
                    ++seen;
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        _exit(0);
    }
    close(fromChild[1]);
    char ready = 0;
    if (read(fromChild[0], &ready, 1) != 1) throw std::runtime_error("the watcher did not start");
    std::vector<double> latencies;
    for (int i = 0; i < 100; ++i) {
        must(q.callNext(1));
        const auto committed = SteadyClock::now().time_since_epoch().count();
        SteadyClock::rep seenAt = 0;
        if (read(fromChild[0], &seenAt, sizeof seenAt) != static_cast<ssize_t>(sizeof seenAt)) break;
        latencies.push_back(
            std::chrono::duration<double, std::milli>(SteadyClock::duration(seenAt - committed)).count());
        must(q.noShow(1));
        std::this_thread::sleep_for(std::chrono::milliseconds(7));  // calls come seconds apart in an office
    }
    close(fromChild[0]);
    waitpid(child, nullptr, 0);
    f.notifySamples = static_cast<int>(latencies.size());
    f.notifyP50 = percentile(latencies, 0.5);
    f.notifyP99 = percentile(latencies, 0.99);
    f.notifyMax = latencies.empty() ? 0 : *std::max_element(latencies.begin(), latencies.end());
    return f;
}

}  // namespace

int main(int argc, char** argv) {
    int ops = 1000;
    std::string pgUrl, only;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--ops") == 0 && i + 1 < argc) {
            ops = std::stoi(argv[++i]);
        } else if (std::strcmp(argv[i], "--pg") == 0 && i + 1 < argc) {
            pgUrl = argv[++i];
        } else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc &&
                   (std::strcmp(argv[i + 1], "sqlite") == 0 || std::strcmp(argv[i + 1], "postgresql") == 0)) {
            only = argv[++i];
        } else {
            std::cerr << "usage: bench_stores [--ops N] [--pg URL] [--only sqlite|postgresql]\n";
            return std::strcmp(argv[i], "--help") == 0 ? 0 : 2;
        }
    }
    const bool withSqlite = only != "postgresql", withPostgres = only != "sqlite";
    const auto dir = std::filesystem::temp_directory_path() / fmt::format("motcua-bench-stores-{}", getpid());
    std::filesystem::create_directories(dir);
    std::optional<motcua::bench::PrivatePostgres> server;
    std::vector<StoreFigures> figures;
    if (withSqlite) figures.push_back(measure("SQLite", (dir / "bench.db").string(), ops));
    if (withPostgres) {
        if (pgUrl.empty()) {
            server.emplace(
                std::filesystem::path(MOTCUA_SOURCE_DIR) / "scripts/test-postgres.sh",
                std::filesystem::temp_directory_path() / fmt::format("motcua-bench-pg-{}", getpid()));
            pgUrl = server->url();
        }
        const std::string name = fmt::format("bench_{}", getpid());
        const auto slash = pgUrl.rfind('/');
        const std::string benchUrl = pgUrl.substr(0, slash + 1) + name;
        Database(connectPostgres(pgUrl)).exec(fmt::format("CREATE DATABASE {}", name));
        figures.push_back(measure("PostgreSQL", benchUrl, ops));
        Database(connectPostgres(pgUrl)).exec(fmt::format("DROP DATABASE {} WITH (FORCE)", name));
    }
    std::filesystem::remove_all(dir);

    std::cout << fmt::format("motcua stores side by side — {} moves each", ops);
    if (withPostgres)
        std::cout << fmt::format(
            "; PostgreSQL {} over TCP",
            server ? "private server, fsync on," : "given server (its own durability settings)");
    std::cout << fmt::format("\n{:<40}", "figure");
    for (const auto& f : figures) std::cout << fmt::format("{:>14}", f.store);
    std::cout << "\n";
    auto row = [&](const std::string& label, auto get, const char* unit) {
        std::cout << fmt::format("{:<40}", label);
        for (const auto& f : figures) std::cout << fmt::format("{:>12.2f}{:>2}", get(f), unit);
        std::cout << "\n";
    };
    row(
        "take p50", [](const StoreFigures& f) { return f.takeP50 / 1000; }, "ms");
    row(
        "take p99", [](const StoreFigures& f) { return f.takeP99 / 1000; }, "ms");
    row(
        "call next p50", [](const StoreFigures& f) { return f.callP50 / 1000; }, "ms");
    row(
        "call next p99", [](const StoreFigures& f) { return f.callP99 / 1000; }, "ms");
    row(
        "bare INSERT+COMMIT p50", [](const StoreFigures& f) { return f.bareP50 / 1000; }, "ms");
    row(
        "take / bare (p50)", [](const StoreFigures& f) { return f.takeP50 / f.bareP50; }, "x");
    row(
        "call next / bare (p50)", [](const StoreFigures& f) { return f.callP50 / f.bareP50; }, "x");
    if (withPostgres) {
        for (const auto& [move, trips] : figures.back().tripsPerMove) {
            std::cout << fmt::format("{:<40}{:>14}{:>12.2f}\n", "requests per " + move, withSqlite ? "-" : "",
                                     trips);
        }
    }
    row(
        "call seen by a watcher p50", [](const StoreFigures& f) { return f.notifyP50; }, "ms");
    row(
        "call seen by a watcher p99", [](const StoreFigures& f) { return f.notifyP99; }, "ms");
    row(
        "call seen by a watcher max", [](const StoreFigures& f) { return f.notifyMax; }, "ms");
    std::cout << "(watcher:";
    for (const auto& f : figures) std::cout << fmt::format(" {} calls on {};", f.notifySamples, f.store);
    std::cout << " it looks every 2 ms)\n";

    const motcua::bench::BenchResults results("bench_stores");
    using motcua::bench::Baseline;
    using motcua::bench::Target;
    for (const auto& f : figures) {
        results.add(f.store + " take p50", f.takeP50 / 1000, "ms", {},
                    Baseline{f.store + " bare insert+commit", f.bareP50 / 1000});
        results.add(f.store + " take / bare p50", f.takeP50 / f.bareP50, "x", Target::atMost(2));
        results.add(f.store + " call next p50", f.callP50 / 1000, "ms", {},
                    Baseline{f.store + " bare insert+commit", f.bareP50 / 1000});
        results.add(f.store + " call next / bare p50", f.callP50 / f.bareP50, "x", Target::atMost(3));
        results.add(f.store + " call seen by a watcher p99", f.notifyP99, "ms", Target::atMost(100));
    }
    for (const auto& [move, trips] : figures.back().tripsPerMove) {
        if (!withPostgres) break;
        results.add("PostgreSQL requests per " + move, trips, "", Target::atMost(3));
    }
    return 0;
}
