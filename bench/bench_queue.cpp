// Queue benchmark: take and call latency in-process, throughput with 1 and 16 processes, against a
// bare SQLite INSERT + COMMIT with the same durability settings on the same file system.
//
// Usage: bench_queue [DIR] [--seconds S]   (DIR: where the database files go; default: a temp dir)
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

#include "bench/bench_results.h"
#include "queue/clock.h"
#include "queue/office_config.h"
#include "queue/queue_service.h"
#include "queue/store.h"
#include "support/test_office.h"

using namespace motcua::queue;
using SteadyClock = std::chrono::steady_clock;

namespace {

// Two services at one counter.
std::string officeToml() {
    motcua::testing::TestOffice o;
    o.office = {{"name", "Bench"}};
    o.services = {{"HT", "Hộ tịch", "A"}, {"CT", "Chứng thực", "B"}};
    o.counters = {{1, "Quầy 1", {"HT", "CT"}}};
    return o.toml();
}

double micros(SteadyClock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
}

struct Percentiles {
    double p50, p99, mean;
};

Percentiles percentiles(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (double x : v) sum += x;
    auto at = [&](double q) {
        return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
    };
    return {at(0.50), at(0.99), sum / static_cast<double>(v.size())};
}

// The baseline: one row inserted and committed per operation, WAL + synchronous=FULL, BEGIN IMMEDIATE.
struct Bare {
    explicit Bare(const std::filesystem::path& path)
        : db(path.string(), OpenMode::ReadWriteCreate, std::chrono::seconds(30)) {
        db.exec("PRAGMA journal_mode = WAL");
        db.exec("PRAGMA synchronous = FULL");
        db.exec("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, service TEXT, n INTEGER, at INTEGER)");
    }
    void insert(int i) {
        Transaction tx(db);
        Statement st(db, "INSERT INTO t(service, n, at) VALUES('HT', ?, ?)");
        st.bind(1, i).bind(2, static_cast<std::int64_t>(i));
        st.run();
        tx.commit();
    }
    Database db;
};

// Runs body(processIndex) in n forked processes for `seconds`; returns operations per second.
template <class Body>
double throughput(int processes, double seconds, Body body) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe");
    const auto start = SteadyClock::now();
    const auto until =
        start + std::chrono::duration_cast<SteadyClock::duration>(std::chrono::duration<double>(seconds));
    for (int p = 0; p < processes; ++p) {
        if (fork() == 0) {
            close(fds[0]);
            long ops = body(p, until);
            [[maybe_unused]] auto n = write(fds[1], &ops, sizeof ops);
            _exit(0);
        }
    }
    close(fds[1]);
    long total = 0, ops = 0;
    while (read(fds[0], &ops, sizeof ops) == static_cast<ssize_t>(sizeof ops)) total += ops;
    close(fds[0]);
    while (wait(nullptr) > 0) {
    }
    return static_cast<double>(total) / std::chrono::duration<double>(SteadyClock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    std::filesystem::path dir;
    double seconds = 3;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
            seconds = std::stod(argv[++i]);
        } else {
            dir = argv[i];
        }
    }
    const bool tempDir = dir.empty();
    if (tempDir) dir = std::filesystem::temp_directory_path() / fmt::format("motcua-bench-{}", getpid());
    std::filesystem::create_directories(dir);
    const auto dbPath = dir / "queue.db";
    const auto barePath = dir / "bare.db";
    std::filesystem::remove(dbPath);
    std::filesystem::remove(barePath);

    SystemClock clock;
    {
        auto db = openStore(dbPath, OpenPurpose::Initialise);
        applyOfficeConfig(db, parseOfficeConfig(officeToml(), "bench"));
    }

    // In-process latency.
    const int n = 2000;
    std::vector<double> takeUs, callUs, bareUs;
    {
        auto db = openStore(dbPath, OpenPurpose::Use);
        QueueService q(db, clock);
        for (int i = 0; i < n; ++i) {
            const auto t0 = SteadyClock::now();
            auto r = q.take(i % 2 ? "HT" : "CT");
            takeUs.push_back(micros(SteadyClock::now() - t0));
            if (!r.ok()) throw std::runtime_error(r.message);
        }
        for (int i = 0; i < n; ++i) {
            const auto t0 = SteadyClock::now();
            auto r = q.callNext(1);
            callUs.push_back(micros(SteadyClock::now() - t0));
            if (!r.ok()) throw std::runtime_error(r.message);
            q.noShow(1);
        }
    }
    {
        Bare bare(barePath);
        for (int i = 0; i < n; ++i) {
            const auto t0 = SteadyClock::now();
            bare.insert(i);
            bareUs.push_back(micros(SteadyClock::now() - t0));
        }
    }

    auto takeLoop = [&](int, SteadyClock::time_point until) {
        auto db = openStore(dbPath, OpenPurpose::Use, StoreOptions{std::chrono::seconds(30)});
        QueueService q(db, clock);
        long ops = 0;
        while (SteadyClock::now() < until) {
            if (q.take(ops % 2 ? "HT" : "CT").ok()) ++ops;
        }
        return ops;
    };
    auto bareLoop = [&](int p, SteadyClock::time_point until) {
        Bare bare(barePath);
        long ops = 0;
        while (SteadyClock::now() < until) bare.insert(p * 1'000'000 + static_cast<int>(ops++));
        return ops;
    };
    const double take1 = throughput(1, seconds, takeLoop);
    const double bare1 = throughput(1, seconds, bareLoop);
    const double take16 = throughput(16, seconds, takeLoop);
    const double bare16 = throughput(16, seconds, bareLoop);

    const auto t = percentiles(takeUs), c = percentiles(callUs), b = percentiles(bareUs);
    std::cout << fmt::format(
        "motcua queue benchmark — {} ops in-process, {:.0f} s per throughput run, files in {}\n", n, seconds,
        dir.string());
    std::cout << fmt::format("{:<44}{:>12}{:>12}{:>12}\n", "figure", "motcua", "bare SQLite", "ratio");
    auto row = [](const std::string& name, double ours, double base, const char* unit) {
        std::cout << fmt::format("{:<44}{:>10.0f}{:>2}{:>10.0f}{:>2}{:>11.2f}x\n", name, ours, unit, base,
                                 unit, ours / base);
    };
    row("take latency p50", t.p50, b.p50, "us");
    row("take latency p99", t.p99, b.p99, "us");
    row("call latency p50 (call next)", c.p50, b.p50, "us");
    row("call latency p99 (call next)", c.p99, b.p99, "us");
    row("throughput, 1 process (tickets/s)", take1, bare1, "");
    row("throughput, 16 processes (tickets/s)", take16, bare16, "");
    std::cout << "(ratio for latency: motcua / bare, lower is better; for throughput: motcua / bare, higher "
                 "is better)\n";

    const motcua::bench::BenchResults results("bench_queue");
    using motcua::bench::Baseline;
    results.add("take latency p50", t.p50 / 1000, "ms", {},
                Baseline{"bare SQLite insert+commit", b.p50 / 1000});
    results.add("take latency p99", t.p99 / 1000, "ms", {},
                Baseline{"bare SQLite insert+commit", b.p99 / 1000});
    results.add("call next latency p50", c.p50 / 1000, "ms", {},
                Baseline{"bare SQLite insert+commit", b.p50 / 1000});
    results.add("call next latency p99", c.p99 / 1000, "ms", {},
                Baseline{"bare SQLite insert+commit", b.p99 / 1000});
    results.add("take throughput, 1 process", take1, "tickets/s", {},
                Baseline{"bare SQLite commits/s", bare1});
    results.add("take throughput, 16 processes", take16, "tickets/s", {},
                Baseline{"bare SQLite commits/s", bare16});

    if (tempDir) std::filesystem::remove_all(dir);
    return 0;
}
