// City-scale benchmark: a city-level centre (60 counters, 10 services, 3,000 tickets a day) on one
// SQLite database, every actor a real process with its own connection from queue::openStore (WAL,
// synchronous=FULL, the store's busy handler), as the kiosk, consoles and displays of an office run.
//
//   1. fdatasync alone on the file system that holds the database (what every commit pays), with the
//      CPUs idle and with every core kept busy.
//   2. The day: 3,000 tickets taken, called, started and finished (3 % no-shows, 3 % transfers) as fast
//      as the database allows by 20 processes: 4 kiosks, 12 counter processes with 5 counters each and
//      4 lobby-display readers polling every 40 ms like motcua-display.
//   3. Scaling: the same moves (take, call, start, finish) by 1..32 processes for a fixed time, against
//      bare SQLite (a one-row INSERT + COMMIT, same durability, same busy handler) at the same counts;
//      where throughput stops growing, and why, from what the processes measured of the write lock.
//      The same scaling on PostgreSQL (a private server with fsync on, or --pg URL), side by side:
//      throughput and p99 per count for each store, where each stops growing and why (SQLite: its
//      one write lock; PostgreSQL: how busy the machine's CPUs were, the server's included).
//   4. A report over a month of such days (a year with --report-days 365: about 1.1 million tickets,
//      which takes minutes to generate), the day run copied to the days before it.
//
// The queue runs on a simulated clock (a Monday from 08:00; in the day run 400x faster than real
// time), so a run at any hour of any day of the week is the same business day and never crosses
// midnight. Prints tables; asserts nothing (exit status 1 only when the day could not finish).
//
// Usage: bench_city [DIR] [--quick] [--tickets N] [--seconds S] [--report-days N] [--pg URL | --no-pg]
//   DIR: where the database files go (default: a temporary directory, removed afterwards)
//   --pg URL: the PostgreSQL server for the scaling runs (its user needs CREATEDB; a database
//      bench_city_scale is made and dropped); default: a private server; --no-pg: SQLite only
//   --quick: 600 tickets, 1 s per scaling point, 7 report days (defaults: 3000, 2 s, 30)
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <new>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_results.h"
#include "bench/private_postgres.h"
#include "queue/change_watcher.h"
#include "queue/clock.h"
#include "queue/office_config.h"
#include "queue/postgres.h"
#include "queue/queue_service.h"
#include "queue/report.h"
#include "queue/sqlite.h"
#include "queue/store.h"
#include "support/test_office.h"

namespace q = motcua::queue;
using motcua::bench::Baseline;
using motcua::bench::BenchResults;
using motcua::bench::Target;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kCounters = 60;
constexpr int kKiosks = 4;
constexpr int kCounterProcesses = 12;  // 5 counters each
constexpr int kDisplays = 4;
constexpr int kDayProcesses = kKiosks + kCounterProcesses + kDisplays;
constexpr int kLobby = 300;                                   // tickets issued and not closed, at most
constexpr auto kDisplayTick = std::chrono::milliseconds(40);  // as motcua-display
constexpr double kTapLimitMs = 1000;                          // a citizen tapping the kiosk waits <= 1 s
constexpr double kPeakHourShare = 0.20;                       // of the day's tickets, in the busiest hour
// A BEGIN IMMEDIATE this long slept in the busy handler at least once (its shortest sleep is 0.2 ms).
constexpr double kWaitedMs = 0.15;
// 2026-03-02 (a Monday) 08:00 in Hà Nội (UTC+7).
constexpr q::TimeMs kDayStart = 1772413200000;
constexpr q::TimeMs kDayMs = 24LL * 60 * 60 * 1000;

struct ServiceSpec {
    const char* code;
    const char* name;
    const char* prefix;
    int weight;  // share of the day's tickets, percent
};
constexpr std::array<ServiceSpec, 10> kServices{{
    {"HT", "Hộ tịch", "A", 20},
    {"CT", "Chứng thực", "B", 22},
    {"DD", "Đất đai", "C", 12},
    {"XD", "Xây dựng", "D", 6},
    {"KD", "Đăng ký kinh doanh", "E", 8},
    {"XH", "Lao động – Thương binh – Xã hội", "F", 10},
    {"NV", "Nội vụ", "G", 5},
    {"TN", "Tài nguyên – Môi trường", "H", 5},
    {"GD", "Giáo dục – Đào tạo", "K", 5},
    {"YT", "Y tế", "L", 7},
}};

// Counter c (1-based) calls services (c-1) % 10 and c % 10: each service has 12 counters.
std::size_t firstServiceOf(int counter) {
    return static_cast<std::size_t>(counter - 1) % kServices.size();
}

std::string officeToml() {
    motcua::testing::TestOffice office;
    office.set("name", "Trung tâm Phục vụ hành chính công thành phố (bench)")
        .set("unit", "Bộ phận Một cửa")
        .set("time_zone", "Asia/Ho_Chi_Minh");
    // Every day, all day: nothing in the run depends on the hour or the weekday it starts at.
    office.openingHours = {{{1, 2, 3, 4, 5, 6, 7}, "00:00", "23:59"}};
    for (const auto& s : kServices) office.services.push_back({s.code, s.name, s.prefix});
    for (int c = 1; c <= kCounters; ++c) {
        office.counters.push_back({c,
                                   "Quầy " + std::to_string(c),
                                   {kServices[firstServiceOf(c)].code,
                                    kServices[static_cast<std::size_t>(c) % kServices.size()].code}});
    }
    office.priorities = {{"cao_tuoi", "Người cao tuổi"}, {"khuyet_tat", "Người khuyết tật"}};
    return office.toml();
}

// The benchmark day's time: 08:00 plus the real time since `start` times `speed`, held at 21:00 so a
// slow run never reaches the next business day. Processes given the same start agree: CLOCK_MONOTONIC
// is one clock for the whole machine.
class SimulatedDayClock final : public q::Clock {
  public:
    SimulatedDayClock(Steady::time_point start, double speed) : m_start(start), m_speed(speed) {}
    q::TimeMs now() const override {
        const double realMs = std::chrono::duration<double, std::milli>(Steady::now() - m_start).count();
        return kDayStart + std::min(static_cast<q::TimeMs>(realMs * m_speed), q::TimeMs{13} * 60 * 60 * 1000);
    }

  private:
    Steady::time_point m_start;
    double m_speed;
};

double msBetween(Steady::time_point a, Steady::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

// What a sample timed; Count is the number of kinds.
enum class Op : std::uint8_t {
    Take,
    Call,
    CallEmpty,
    Start,
    Finish,
    NoShow,
    Transfer,
    Poll,
    Refresh,
    Bare,
    Count
};
constexpr std::array<const char*, static_cast<std::size_t>(Op::Count)> kOpNames{
    "take (kiosk)",
    "call next",
    "call next, nothing waiting",
    "start",
    "finish",
    "no-show",
    "transfer",
    "display poll, nothing new",
    "display poll + new events + status",
    "bare INSERT + COMMIT"};
bool isCompletedMove(Op op) {
    return op != Op::CallEmpty && op != Op::Poll && op != Op::Refresh;
}

struct Sample {
    Op op;
    float ms;
};

// What one process measured; written to a file at its end and read by the parent.
struct ProcessLog {
    std::vector<Sample> samples;
    std::vector<float> lockWaitMs;  // per BEGIN IMMEDIATE: from its start until it had the write lock
    std::vector<float> holdMs;      // per write transaction: write lock taken .. COMMIT/ROLLBACK done
    std::vector<float> commitMs;    // per COMMIT of a write transaction (WAL append + fsync)
    std::int64_t busyErrors = 0;    // SQLITE_BUSY that reached the caller (busy timeout ran out)
    std::int64_t unexpected = 0;    // moves refused that the model did not expect

    void add(Op op, Steady::time_point t0) {
        samples.push_back({op, static_cast<float>(msBetween(t0, Steady::now()))});
    }
    void append(const ProcessLog& o) {
        samples.insert(samples.end(), o.samples.begin(), o.samples.end());
        lockWaitMs.insert(lockWaitMs.end(), o.lockWaitMs.begin(), o.lockWaitMs.end());
        holdMs.insert(holdMs.end(), o.holdMs.begin(), o.holdMs.end());
        commitMs.insert(commitMs.end(), o.commitMs.begin(), o.commitMs.end());
        busyErrors += o.busyErrors;
        unexpected += o.unexpected;
    }
};

template <class T>
void writeVector(std::ofstream& out, const std::vector<T>& v) {
    const std::uint64_t n = v.size();
    out.write(reinterpret_cast<const char*>(&n), sizeof n);
    out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
}
template <class T>
void readVector(std::ifstream& in, std::vector<T>& v) {
    std::uint64_t n = 0;
    in.read(reinterpret_cast<char*>(&n), sizeof n);
    v.resize(n);
    in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
}

void save(const ProcessLog& log, const std::filesystem::path& path) {
    std::ofstream out(path, std::ios::binary);
    writeVector(out, log.samples);
    writeVector(out, log.lockWaitMs);
    writeVector(out, log.holdMs);
    writeVector(out, log.commitMs);
    const std::array<std::int64_t, 2> counts{log.busyErrors, log.unexpected};
    out.write(reinterpret_cast<const char*>(counts.data()), sizeof counts);
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

ProcessLog load(const std::filesystem::path& path) {
    ProcessLog log;
    std::ifstream in(path, std::ios::binary);
    readVector(in, log.samples);
    readVector(in, log.lockWaitMs);
    readVector(in, log.holdMs);
    readVector(in, log.commitMs);
    std::array<std::int64_t, 2> counts{};
    in.read(reinterpret_cast<char*>(counts.data()), sizeof counts);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    log.busyErrors = counts[0];
    log.unexpected = counts[1];
    return log;
}

// Times the write lock on one connection from SQLite's statement trace, without touching the
// store's busy handler: BEGIN IMMEDIATE returns once the lock is taken (after any busy-handler
// sleeps), and the lock is let go when COMMIT or ROLLBACK returns. The trace must not outlive log.
class LockTrace {
  public:
    // On PostgreSQL (no SQLite handle) it records nothing: there is no one write lock to time.
    LockTrace(q::Database& db, ProcessLog& log) : m_db(db.handle()), m_log(log) {
        if (m_db) sqlite3_trace_v2(m_db, SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE, &LockTrace::onTrace, this);
    }
    LockTrace(const LockTrace&) = delete;
    LockTrace& operator=(const LockTrace&) = delete;
    ~LockTrace() {
        if (m_db) sqlite3_trace_v2(m_db, 0, nullptr, nullptr);
    }

  private:
    static int onTrace(unsigned kind, void* self, void* statement, void*) {
        static_cast<LockTrace*>(self)->trace(kind, static_cast<sqlite3_stmt*>(statement));
        return 0;
    }
    void trace(unsigned kind, sqlite3_stmt* statement) {
        // SQLite's own profile time has millisecond resolution here (the VFS clock): time it ourselves.
        const auto now = Steady::now();
        const char* sql = sqlite3_sql(statement);
        if (!sql) return;
        const bool begin = std::strncmp(sql, "BEGIN IMMEDIATE", 15) == 0;
        const bool commit = std::strncmp(sql, "COMMIT", 6) == 0;
        const bool rollback = std::strncmp(sql, "ROLLBACK", 8) == 0;
        if (!begin && !commit && !rollback) return;
        if (kind == SQLITE_TRACE_STMT) {
            m_started = now;
            return;
        }
        if (begin) {
            m_log.lockWaitMs.push_back(static_cast<float>(msBetween(m_started, now)));
            m_writing = sqlite3_get_autocommit(m_db) == 0;
            if (m_writing) m_locked = now;
        } else if (m_writing) {
            m_log.holdMs.push_back(static_cast<float>(msBetween(m_locked, now)));
            if (commit) m_log.commitMs.push_back(static_cast<float>(msBetween(m_started, now)));
            m_writing = false;
        }
    }

    sqlite3* m_db;
    ProcessLog& m_log;
    Steady::time_point m_started{}, m_locked{};
    bool m_writing = false;
};

// Runs move() until it gets through; a busy timeout is counted and the move tried again (the
// transaction was rolled back, nothing changed).
template <class F>
auto retryBusy(ProcessLog& log, F&& move) {
    for (;;) {
        try {
            return move();
        } catch (const q::DatabaseError& e) {
            if (!e.isBusy() && e.kind() != q::DatabaseError::Kind::Retry) throw;
            ++log.busyErrors;
        }
    }
}

// Counters the processes of one run share (anonymous shared memory, set up before fork).
struct Shared {
    std::atomic<int> claimed{0};    // tickets kiosks have started to take
    std::atomic<int> issued{0};     // tickets taken
    std::atomic<int> closed{0};     // finished or no-show
    std::atomic<int> maxInside{0};  // most tickets issued and not yet closed at once
    std::atomic<bool> stop{false};
};
static_assert(std::atomic<int>::is_always_lock_free && std::atomic<bool>::is_always_lock_free);

class SharedMemory {
  public:
    SharedMemory() {
        void* p = mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::runtime_error("mmap failed");
        m_shared = new (p) Shared;
    }
    SharedMemory(const SharedMemory&) = delete;
    SharedMemory& operator=(const SharedMemory&) = delete;
    ~SharedMemory() {
        m_shared->~Shared();
        munmap(m_shared, sizeof(Shared));
    }
    Shared& operator*() const { return *m_shared; }
    Shared* operator->() const { return m_shared; }

  private:
    Shared* m_shared;
};

// CPU time and context switches of the children waited for so far.
struct ChildUsage {
    double cpuSeconds = 0;  // user + system
    double preempted = 0;   // involuntary context switches: a runnable process lost its CPU
    double slept = 0;       // voluntary ones: it waited (fsync, busy-handler sleep, poll tick)

    static ChildUsage now() {
        rusage u{};
        getrusage(RUSAGE_CHILDREN, &u);
        return {static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
                    static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6,
                static_cast<double>(u.ru_nivcsw), static_cast<double>(u.ru_nvcsw)};
    }
    ChildUsage since(const ChildUsage& before) const {
        return {cpuSeconds - before.cpuSeconds, preempted - before.preempted, slept - before.slept};
    }
};

struct RunResult {
    ProcessLog log;
    double wallSeconds = 0;  // from the start signal until the last process ended
    ChildUsage usage;        // of all the processes of the run
};

// Forks n processes; each runs body(index, startFd) and saves its log. A process first sets up (opens
// its connection), then blocks in waitForStart(startFd) until the parent starts them all at once.
RunResult runProcesses(int n, const std::filesystem::path& dir,
                       const std::function<ProcessLog(int, int)>& body) {
    int go[2];
    if (pipe(go) != 0) throw std::runtime_error("pipe failed");
    std::vector<pid_t> children;
    std::fflush(nullptr);
    const auto usage0 = ChildUsage::now();
    for (int p = 0; p < n; ++p) {
        const pid_t pid = fork();
        if (pid < 0) throw std::runtime_error("fork failed");
        if (pid == 0) {
            close(go[1]);
            int status = 0;
            try {
                save(body(p, go[0]), dir / fmt::format("log-{}.bin", p));
            } catch (const std::exception& e) {
                std::fprintf(stderr, "bench_city: process %d: %s\n", p, e.what());
                status = 2;
            }
            _exit(status);
        }
        children.push_back(pid);
    }
    close(go[0]);
    // Let them open their connections before the clock starts.
    std::this_thread::sleep_for(std::chrono::milliseconds(300 + 10 * n));
    const auto start = Steady::now();
    close(go[1]);
    bool failed = false;
    for (const pid_t pid : children) {
        int status = 0;
        if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) failed = true;
    }
    RunResult result;
    result.wallSeconds = std::chrono::duration<double>(Steady::now() - start).count();
    result.usage = ChildUsage::now().since(usage0);
    if (failed) throw std::runtime_error("a benchmark process failed");
    for (int p = 0; p < n; ++p) {
        const auto path = dir / fmt::format("log-{}.bin", p);
        result.log.append(load(path));
        std::filesystem::remove(path);
    }
    return result;
}

// Blocks until the parent closes the start pipe.
void waitForStart(int startFd) {
    char c;
    while (read(startFd, &c, 1) > 0) {
    }
}

struct Stats {
    std::size_t n = 0;
    double p50 = 0, p99 = 0, max = 0, mean = 0, sum = 0;
};

template <class T>
Stats stats(std::vector<T> v) {
    Stats s;
    s.n = v.size();
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    const auto rank = [&](double p) {  // nearest rank
        const auto k = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
        return static_cast<double>(v[std::clamp<std::size_t>(k, 1, v.size()) - 1]);
    };
    for (const auto x : v) s.sum += static_cast<double>(x);
    s.p50 = rank(0.50);
    s.p99 = rank(0.99);
    s.max = static_cast<double>(v.back());
    s.mean = s.sum / static_cast<double>(v.size());
    return s;
}

Stats opStats(const ProcessLog& log, Op op) {
    std::vector<float> v;
    for (const auto& s : log.samples) {
        if (s.op == op) v.push_back(s.ms);
    }
    return stats(std::move(v));
}

std::int64_t completedMoves(const ProcessLog& log) {
    return std::count_if(log.samples.begin(), log.samples.end(),
                         [](const Sample& s) { return isCompletedMove(s.op); });
}

Stats moveStats(const ProcessLog& log) {
    std::vector<float> v;
    for (const auto& s : log.samples) {
        if (isCompletedMove(s.op)) v.push_back(s.ms);
    }
    return stats(std::move(v));
}

// The write lock as the processes saw it during one run.
struct LockFigures {
    double transactions = 0;  // write transactions per second
    double utilisation = 0;   // share of the wall time some process held the write lock
    Stats hold, commit, wait;
    double waitedShare = 0;     // share of BEGIN IMMEDIATE that slept in the busy handler
    double cpuShare = 0;        // CPU used by the processes, share of all cores
    double preemptedPerTx = 0;  // involuntary context switches per write transaction
};

LockFigures lockFigures(const RunResult& r, int cores) {
    LockFigures f;
    f.hold = stats(r.log.holdMs);
    f.commit = stats(r.log.commitMs);
    f.wait = stats(r.log.lockWaitMs);
    f.transactions = static_cast<double>(f.hold.n) / r.wallSeconds;
    f.utilisation = f.hold.sum / 1000.0 / r.wallSeconds;
    const auto waited = std::count_if(r.log.lockWaitMs.begin(), r.log.lockWaitMs.end(),
                                      [](float ms) { return ms >= kWaitedMs; });
    f.waitedShare = r.log.lockWaitMs.empty()
                        ? 0
                        : static_cast<double>(waited) / static_cast<double>(r.log.lockWaitMs.size());
    f.cpuShare = r.usage.cpuSeconds / (r.wallSeconds * cores);
    f.preemptedPerTx = f.hold.n ? r.usage.preempted / static_cast<double>(f.hold.n) : 0;
    return f;
}

q::Database openUse(const std::filesystem::path& path) {
    return q::openStore(path, q::OpenPurpose::Use);
}

// ---- the day -------------------------------------------------------------------------------------

struct DayPlan {
    std::filesystem::path db;
    int tickets = 0;
    Steady::time_point clockStart;  // the simulated clock of every process counts from here
    double speed = 1;               // simulated milliseconds per real millisecond
    Steady::time_point deadline;    // a run that cannot finish stops here
};

// True once every ticket is closed, or the run has been stopped (by a process that saw the deadline).
bool dayOver(Shared& shared, const DayPlan& plan) {
    if (shared.stop) return true;
    if (Steady::now() > plan.deadline) {
        shared.stop = true;
        return true;
    }
    return shared.closed.load() >= plan.tickets;
}

std::size_t pickService(std::mt19937& rng) {
    int roll = std::uniform_int_distribution<int>(0, 99)(rng);
    for (std::size_t i = 0; i < kServices.size(); ++i) {
        roll -= kServices[i].weight;
        if (roll < 0) return i;
    }
    return 0;
}

const nlohmann::json& finishDetail() {
    static const nlohmann::json detail = {{"procedures", {"1.001193"}}, {"outcome", "received"}};
    return detail;
}

// What a kiosk or counter process opens before the start signal: its own connection with the write
// lock's trace, the day's simulated clock, a QueueService.
struct DayProcess {
    explicit DayProcess(const DayPlan& plan)
        : store(openUse(plan.db)),
          trace(store, log),
          clock(plan.clockStart, plan.speed),
          queue(store, clock) {}
    q::Database store;
    ProcessLog log;
    LockTrace trace;
    SimulatedDayClock clock;
    q::QueueService queue;
};

ProcessLog kioskProcess(const DayPlan& plan, int startFd, Shared& shared, int index) {
    DayProcess process(plan);
    auto& log = process.log;
    auto& queue = process.queue;
    std::mt19937 rng(static_cast<unsigned>(1000 + index));
    waitForStart(startFd);
    while (!dayOver(shared, plan) && shared.claimed.fetch_add(1) < plan.tickets) {
        // The hall holds so many people: the kiosks wait while it is full.
        while (!dayOver(shared, plan) && shared.issued.load() - shared.closed.load() >= kLobby) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        const auto& service = kServices[pickService(rng)];
        const bool priority = std::uniform_int_distribution<int>(0, 99)(rng) < 5;
        const auto t0 = Steady::now();
        const auto r = retryBusy(log, [&] {
            return queue.take(service.code, priority ? std::optional<std::string>("cao_tuoi") : std::nullopt);
        });
        log.add(Op::Take, t0);
        if (!r.ok()) {
            ++log.unexpected;
            continue;
        }
        const int inside = shared.issued.fetch_add(1) + 1 - shared.closed.load();
        int seen = shared.maxInside.load();
        while (inside > seen && !shared.maxInside.compare_exchange_weak(seen, inside)) {
        }
    }
    return log;
}

// Serves counters index*5+1 .. index*5+5 in turn: call, start, finish (3 % no-shows, 3 % transfers).
ProcessLog counterProcess(const DayPlan& plan, int startFd, Shared& shared, int index) {
    DayProcess process(plan);
    auto& log = process.log;
    auto& queue = process.queue;
    std::mt19937 rng(static_cast<unsigned>(2000 + index));
    enum class At { Idle, Called, Serving };
    constexpr int kPerProcess = kCounters / kCounterProcesses;
    std::array<At, kPerProcess> at{};
    at.fill(At::Idle);
    std::uniform_int_distribution<int> percent(0, 99);
    waitForStart(startFd);
    while (!dayOver(shared, plan)) {
        bool moved = false;
        for (int k = 0; k < kPerProcess; ++k) {
            const int counter = index * kPerProcess + k + 1;
            auto& state = at[static_cast<std::size_t>(k)];
            const auto t0 = Steady::now();
            if (state == At::Idle) {
                const auto r = retryBusy(log, [&] { return queue.callNext(counter); });
                if (r.ok()) {
                    log.add(Op::Call, t0);
                    state = At::Called;
                    moved = true;
                } else {
                    log.add(Op::CallEmpty, t0);
                    if (r.outcome != q::Outcome::NothingWaiting) ++log.unexpected;
                }
            } else if (state == At::Called) {
                if (percent(rng) < 3) {
                    const auto r = retryBusy(log, [&] { return queue.noShow(counter); });
                    log.add(Op::NoShow, t0);
                    shared.closed.fetch_add(1);
                    state = At::Idle;
                    if (!r.ok()) ++log.unexpected;
                } else {
                    const auto r = retryBusy(log, [&] { return queue.start(counter); });
                    log.add(Op::Start, t0);
                    state = At::Serving;
                    if (!r.ok()) ++log.unexpected;
                }
                moved = true;
            } else {
                if (percent(rng) < 3) {
                    // To a service this counter does not call; the citizen keeps the number.
                    const auto& to = kServices[(firstServiceOf(counter) + 2) % kServices.size()];
                    const auto r = retryBusy(log, [&] { return queue.transfer(counter, to.code); });
                    log.add(Op::Transfer, t0);
                    if (!r.ok()) ++log.unexpected;
                } else {
                    const auto r = retryBusy(log, [&] { return queue.finish(counter, {}, finishDetail()); });
                    log.add(Op::Finish, t0);
                    shared.closed.fetch_add(1);
                    if (!r.ok()) ++log.unexpected;
                }
                state = At::Idle;
                moved = true;
            }
        }
        // Nobody waiting for any of these counters: an officer does not press "call" in a tight loop.
        if (!moved) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return log;
}

// A lobby display: every 40 ms, as motcua-display's QueueFeed::poll, PRAGMA data_version; when another
// connection committed, every event since the last one seen, then status().
ProcessLog displayProcess(const DayPlan& plan, int startFd, Shared& shared) {
    auto store = openUse(plan.db);
    ProcessLog log;
    SimulatedDayClock clock(plan.clockStart, plan.speed);
    q::QueueService queue(store, clock);
    q::ChangeWatcher watcher(store);
    waitForStart(startFd);
    auto next = Steady::now();
    while (!dayOver(shared, plan)) {
        const auto t0 = Steady::now();
        const bool changed = retryBusy(log, [&] { return watcher.changed(); });
        if (changed) {
            while (!retryBusy(log, [&] { return watcher.newEvents(queue); }).empty()) {
            }
            (void)retryBusy(log, [&] { return queue.status(); });
        }
        log.add(changed ? Op::Refresh : Op::Poll, t0);
        next += kDisplayTick;
        std::this_thread::sleep_until(next);
    }
    return log;
}

struct DayResult {
    RunResult run;
    int maxInside = 0;
    bool finished = false;
};

DayResult runDay(const DayPlan& plan, const std::filesystem::path& dir) {
    SharedMemory shared;
    DayResult day;
    day.run = runProcesses(kDayProcesses, dir, [&](int p, int startFd) {
        if (p < kKiosks) return kioskProcess(plan, startFd, *shared, p);
        if (p < kKiosks + kCounterProcesses) return counterProcess(plan, startFd, *shared, p - kKiosks);
        return displayProcess(plan, startFd, *shared);
    });
    day.maxInside = shared->maxInside.load();
    day.finished = !shared->stop && shared->closed.load() >= plan.tickets;
    return day;
}

// ---- scaling -------------------------------------------------------------------------------------

// One process of the scaling runs: its share of the 60 counters; per cycle a ticket for one of them,
// then that counter calls, starts and finishes whatever is next in its queue.
ProcessLog queueWorker(const std::string& location, int startFd, int index, int processes, double seconds) {
    auto store = q::openStore(location, q::OpenPurpose::Use);
    ProcessLog log;
    LockTrace trace(store, log);
    std::vector<int> mine;
    for (int c = 1; c <= kCounters; ++c) {
        if ((c - 1) % processes == index) mine.push_back(c);
    }
    SimulatedDayClock clock(Steady::now(), 1.0);
    q::QueueService queue(store, clock);
    waitForStart(startFd);
    const auto until =
        Steady::now() + std::chrono::duration_cast<Steady::duration>(std::chrono::duration<double>(seconds));
    for (std::size_t i = 0; Steady::now() < until; ++i) {
        const int counter = mine[i % mine.size()];
        auto t0 = Steady::now();
        const bool took =
            retryBusy(log, [&] { return queue.take(kServices[firstServiceOf(counter)].code); }).ok();
        log.add(Op::Take, t0);
        if (!took) ++log.unexpected;
        t0 = Steady::now();
        if (!retryBusy(log, [&] { return queue.callNext(counter); }).ok()) {
            log.add(Op::CallEmpty, t0);  // another process's counter took it first
            continue;
        }
        log.add(Op::Call, t0);
        t0 = Steady::now();
        if (!retryBusy(log, [&] { return queue.start(counter); }).ok()) ++log.unexpected;
        log.add(Op::Start, t0);
        t0 = Steady::now();
        if (!retryBusy(log, [&] { return queue.finish(counter, {}, finishDetail()); }).ok()) ++log.unexpected;
        log.add(Op::Finish, t0);
    }
    return log;
}

// The baseline: what SQLite must do for any durable write, one small row per commit, through the same
// Database class (so the same busy handler) with the store's journal mode, durability and timeout.
void createBare(const std::filesystem::path& path) {
    q::Database db(path.string(), q::OpenMode::ReadWriteCreate, q::StoreOptions{}.busyTimeout);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, service TEXT, n INTEGER, at INTEGER)");
}

// Inserts one row per transaction into table until seconds have passed since the start signal: the
// least any write costs on this store, beside which the queue's moves are measured.
void timedInserts(q::Database& db, ProcessLog& log, const char* table, int startFd, int index,
                  double seconds) {
    q::Statement insert(db, fmt::format("INSERT INTO {}(service, n, at) VALUES('HT', ?, ?)", table));
    waitForStart(startFd);
    const auto until =
        Steady::now() + std::chrono::duration_cast<Steady::duration>(std::chrono::duration<double>(seconds));
    for (int i = 0; Steady::now() < until; ++i) {
        const auto t0 = Steady::now();
        retryBusy(log, [&] {
            q::Transaction tx(db);
            insert.bind(1, index).bind(2, i);
            insert.run();
            insert.reset();
            tx.commit();
        });
        log.add(Op::Bare, t0);
    }
}

ProcessLog bareWorker(const std::filesystem::path& path, int startFd, int index, double seconds) {
    q::Database db(path.string(), q::OpenMode::ReadWrite, q::StoreOptions{}.busyTimeout);
    db.exec("PRAGMA synchronous = FULL");
    ProcessLog log;
    LockTrace trace(db, log);
    timedInserts(db, log, "t", startFd, index, seconds);  // the trace writes into log meanwhile
    return log;
}

Stats measureFsync(const std::filesystem::path& dir, int rounds, int spinners = 0);

struct ScalePoint {
    int processes = 0;
    Stats fsync;  // fdatasync alone, just before: the file system's flush time drifts during a run
    RunResult ours, bare;
    double oursOps = 0, bareOps = 0;  // completed operations per second
    Stats oursLatency, bareLatency;
    LockFigures oursLock, bareLock;
};

ScalePoint measureScale(int processes, double seconds, const std::filesystem::path& dir,
                        const std::filesystem::path& templateDb, int cores) {
    ScalePoint point;
    point.processes = processes;
    const auto db = dir / fmt::format("scale-{}.db", processes);
    std::filesystem::copy_file(templateDb, db, std::filesystem::copy_options::overwrite_existing);
    const auto bare = dir / fmt::format("bare-{}.db", processes);
    createBare(bare);
    point.fsync = measureFsync(dir, 25);
    point.ours = runProcesses(processes, dir, [&](int p, int startFd) {
        return queueWorker(db.string(), startFd, p, processes, seconds);
    });
    point.bare = runProcesses(processes, dir,
                              [&](int p, int startFd) { return bareWorker(bare, startFd, p, seconds); });
    point.oursOps = static_cast<double>(completedMoves(point.ours.log)) / point.ours.wallSeconds;
    point.bareOps = static_cast<double>(completedMoves(point.bare.log)) / point.bare.wallSeconds;
    point.oursLatency = moveStats(point.ours.log);
    point.bareLatency = moveStats(point.bare.log);
    point.oursLock = lockFigures(point.ours, cores);
    point.bareLock = lockFigures(point.bare, cores);
    for (const auto& f : {db, bare}) {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(f.string() + suffix);
    }
    return point;
}

// ---- the same on PostgreSQL ----------------------------------------------------------------------

// The machine's CPUs, all processes (the server's too): busy jiffies and all jiffies from /proc/stat.
struct CpuTimes {
    double busy = 0, total = 0;
    static CpuTimes now() {
        std::ifstream in("/proc/stat");
        std::string cpu;
        in >> cpu;
        CpuTimes t;
        for (int i = 0; i < 8; ++i) {
            double v = 0;
            in >> v;
            t.total += v;
            if (i != 3 && i != 4) t.busy += v;  // not idle, not iowait
        }
        return t;
    }
};

// The server's process (its postmaster), found from a backend's parent; 0 when not on this machine.
pid_t postmasterOf(const std::string& url) {
    q::Database db(q::connectPostgres(url));
    const auto backend = db.queryInt("SELECT pg_backend_pid()");
    std::ifstream in(fmt::format("/proc/{}/status", backend));
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("PPid:", 0) == 0) return static_cast<pid_t>(std::stol(line.substr(5)));
    }
    return 0;
}

// CPU seconds the server has used: the postmaster's own and its ended backends' (reaped children).
double serverCpuSeconds(pid_t postmaster) {
    if (postmaster <= 0) return 0;
    std::ifstream in(fmt::format("/proc/{}/stat", postmaster));
    std::string line;
    std::getline(in, line);
    const auto close = line.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream rest(line.substr(close + 1));
    std::vector<double> f;  // from field 3 (state, read as 0) on
    for (std::string x; rest >> x;) f.push_back(std::atof(x.c_str()));
    if (f.size() < 15) return 0;
    return (f[11] + f[12] + f[13] + f[14]) / static_cast<double>(sysconf(_SC_CLK_TCK));  // utime..cstime
}

struct PgScalePoint {
    int processes = 0;
    double oursOps = 0, bareOps = 0;
    Stats oursLatency, bareLatency;
    double cpuBusy = 0;        // the machine's CPUs during the motcua run, share busy
    double clientCpu = 0;      // of which the benchmark processes (not the server), share of all cores
    double serverCpu = 0;      // of which the server, share of all cores
    std::int64_t retried = 0;  // lock timeouts or serialization failures retried
};

// A fresh database of the centre on the server (dropped first if a run before left it).
std::string freshPgDatabase(const std::string& serverUrl, const std::string& name) {
    q::Database admin(q::connectPostgres(serverUrl));
    admin.exec(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", name));
    admin.exec(fmt::format("CREATE DATABASE {}", name));
    return serverUrl.substr(0, serverUrl.rfind('/') + 1) + name;
}

ProcessLog barePgWorker(const std::string& url, int startFd, int index, double seconds) {
    auto db = q::openStore(url, q::OpenPurpose::Use);
    ProcessLog log;
    timedInserts(db, log, "bare_t", startFd, index, seconds);
    return log;
}

PgScalePoint measurePgScale(int processes, double seconds, const std::filesystem::path& dir,
                            const std::string& serverUrl, int cores) {
    PgScalePoint point;
    point.processes = processes;
    const std::string url = freshPgDatabase(serverUrl, "bench_city_scale");
    {
        auto db = q::openStore(url, q::OpenPurpose::Initialise);
        q::applyOfficeConfig(db, q::parseOfficeConfig(officeToml(), "bench_city.toml"));
        db.exec("CREATE TABLE bare_t(id BIGSERIAL PRIMARY KEY, service TEXT, n BIGINT, at BIGINT)");
    }
    const pid_t server = postmasterOf(url);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // that backend ends and is reaped
    const double server0 = serverCpuSeconds(server);
    const auto cpu0 = CpuTimes::now();
    const RunResult ours = runProcesses(
        processes, dir, [&](int p, int startFd) { return queueWorker(url, startFd, p, processes, seconds); });
    const auto cpu1 = CpuTimes::now();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the clients' backends end and are reaped
    point.serverCpu = (serverCpuSeconds(server) - server0) / (ours.wallSeconds * cores);
    const RunResult bare = runProcesses(
        processes, dir, [&](int p, int startFd) { return barePgWorker(url, startFd, p, seconds); });
    point.oursOps = static_cast<double>(completedMoves(ours.log)) / ours.wallSeconds;
    point.bareOps = static_cast<double>(completedMoves(bare.log)) / bare.wallSeconds;
    point.oursLatency = moveStats(ours.log);
    point.bareLatency = moveStats(bare.log);
    point.cpuBusy = cpu1.total > cpu0.total ? (cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total) : 0;
    point.clientCpu = ours.usage.cpuSeconds / (ours.wallSeconds * cores);
    point.retried = ours.log.busyErrors;
    return point;
}

// Where a curve stops scaling: the first count after which no larger count adds 10 % to its
// throughput, or the last before p99 passes the limit; with why, in words ("" when it never stops).
std::pair<std::size_t, std::string> stopOf(const std::vector<int>& counts, const std::vector<double>& ops,
                                           const std::vector<double>& p99) {
    for (std::size_t i = 0; i + 1 < counts.size(); ++i) {
        if (p99[i + 1] > kTapLimitMs) {
            return {i, fmt::format("at {} processes p99 is {:.0f} ms, over the {:.0f} ms limit",
                                   counts[i + 1], p99[i + 1], kTapLimitMs)};
        }
        double best = 0;
        std::size_t bestAt = i + 1;
        for (std::size_t j = i + 1; j < counts.size(); ++j) {
            if (ops[j] > best) {
                best = ops[j];
                bestAt = j;
            }
        }
        if (best < 1.10 * ops[i]) {
            return {
                i, fmt::format("no larger count adds 10 % to its {:.0f} moves/s (best after it: {:.0f} at {} "
                               "processes)",
                               ops[i], best, counts[bestAt])};
        }
    }
    return {counts.size() - 1, ""};
}

// ---- fsync, report -------------------------------------------------------------------------------

// What SQLite's unix VFS does at each WAL commit with synchronous=FULL: write a page into a file that
// already has its blocks (the WAL is rewritten from its start after each checkpoint), then fdatasync.
// With spinners > 0, that many threads keep CPUs busy meanwhile: if fdatasync is then much faster,
// much of its time on an idle machine is waking an idle CPU (a virtual machine's vCPU), not the disk.
Stats measureFsync(const std::filesystem::path& dir, int rounds, int spinners) {
    std::atomic<bool> spin{spinners > 0};
    std::vector<std::thread> threads;
    for (int i = 0; i < spinners; ++i) {
        threads.emplace_back([&spin] {
            while (spin.load(std::memory_order_relaxed)) {
            }
        });
    }
    struct Join {
        std::atomic<bool>& spin;
        std::vector<std::thread>& threads;
        ~Join() {
            spin = false;
            for (auto& t : threads) t.join();
        }
    } join{spin, threads};
    constexpr int kPages = 64;
    const auto path = dir / "fsync-probe";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create " + path.string());
    std::vector<char> page(4096, 'x');
    std::vector<double> ms;
    bool ok = true;
    for (int i = 0; ok && i < kPages; ++i)
        ok = ::pwrite(fd, page.data(), page.size(), static_cast<off_t>(i) * 4096) > 0;
    ok = ok && ::fdatasync(fd) == 0;
    for (int i = 0; ok && i < rounds; ++i) {
        ok = ::pwrite(fd, page.data(), page.size(), static_cast<off_t>(i % kPages) * 4096) > 0;
        const auto t0 = Steady::now();
        ok = ok && ::fdatasync(fd) == 0;
        ms.push_back(msBetween(t0, Steady::now()));
    }
    ::close(fd);
    std::filesystem::remove(path);
    if (!ok) throw std::runtime_error("write or fdatasync failed on " + path.string());
    return stats(std::move(ms));
}

std::string fileSystemOf(const std::filesystem::path& dir) {
    struct statfs fs {};
    if (statfs(dir.c_str(), &fs) != 0) return "unknown";
    switch (static_cast<unsigned long>(fs.f_type)) {
        case 0xEF53:
            return "ext4";
        case 0x01021994:
            return "tmpfs (fsync does nothing: not a durability figure)";
        case 0x9123683E:
            return "btrfs";
        case 0x58465342:
            return "xfs";
        case 0x794c7630:
            return "overlayfs";
        default:
            return fmt::format("type 0x{:x}", static_cast<unsigned long>(fs.f_type));
    }
}

struct ReportResult {
    int days = 0;
    std::int64_t tickets = 0, events = 0;
    double copyMs = 0;
    double wholeMs = 0, monthMs = 0, dayMs = 0;
    int visits = 0, served = 0;
    double fileMiB = 0;
};

// Copies the day run's tickets and events to the days before it (ids, business days, times and the
// issue events' business_day shifted), then computes the report as `motcua report` does.
ReportResult reportOverDays(const std::filesystem::path& path, int days) {
    ReportResult r;
    r.days = days;
    auto db = openUse(path);
    const std::int64_t span = db.queryInt("SELECT COALESCE(MAX(id), 0) FROM tickets");
    const std::int64_t lastEvent = db.queryInt("SELECT COALESCE(MAX(id), 0) FROM events");
    const std::string day = [&] {
        q::Statement st(db, "SELECT MAX(business_day) FROM tickets");
        st.step();
        return st.getText(0);
    }();
    q::Statement tickets(
        db,
        "INSERT INTO tickets(id, service_id, business_day, seq, number, priority, cur_service_id, state, "
        "counter_id, staff_id, queue_key, recalls, leg, issued_at, updated_at) "
        "SELECT id + ?1, service_id, date(business_day, ?2), seq, number, priority, cur_service_id, "
        "CASE WHEN state IN ('waiting', 'called', 'serving', 'held') THEN 'expired' ELSE state END, "
        "CASE WHEN state IN ('waiting', 'called', 'serving', 'held') THEN NULL ELSE counter_id END, "
        "staff_id, queue_key - ?3, recalls, leg, issued_at - ?3, updated_at - ?3 "
        "FROM tickets WHERE id <= ?4");
    q::Statement events(db,
                        "INSERT INTO events(ticket_id, kind, at, counter_id, staff_id, service_id, detail) "
                        "SELECT ticket_id + ?1, kind, at - ?3, counter_id, staff_id, service_id, "
                        "CASE kind WHEN 'issue' THEN json_set(detail, '$.business_day', "
                        "date(json_extract(detail, '$.business_day'), ?2)) ELSE detail END "
                        "FROM events WHERE id <= ?4 ORDER BY id");
    const auto t0 = Steady::now();
    for (int k = 1; k < days; ++k) {
        q::Transaction tx(db);
        for (auto* st : {&tickets, &events}) {
            st->bind(1, span * k).bind(2, fmt::format("-{} days", k)).bind(3, kDayMs * k);
            st->bind(4, st == &tickets ? span : lastEvent);
            st->run();
            st->reset();
        }
        tx.commit();
    }
    r.copyMs = msBetween(t0, Steady::now());
    r.tickets = db.queryInt("SELECT COUNT(*) FROM tickets");
    r.events = db.queryInt("SELECT COUNT(*) FROM events");

    const auto last = *q::parseIsoDate(day);
    const auto run = [&](std::int64_t from, double& ms) {
        const auto t = Steady::now();
        auto result = q::computeReport(db, q::ReportQuery{q::isoDateFromDays(from), day, {}, {}, {}});
        ms = msBetween(t, Steady::now());
        if (!result.ok()) throw std::runtime_error("report: " + result.message);
        return std::move(*result.value);
    };
    const auto whole = run(last - days + 1, r.wholeMs);
    r.visits = whole.visits.issued;
    r.served = whole.visits.served;
    run(last - std::min(days, 30) + 1, r.monthMs);  // the last 30 days, or all of them
    run(last, r.dayMs);
    r.fileMiB = static_cast<double>(std::filesystem::file_size(path)) / (1024.0 * 1024.0);
    return r;
}

// text as lines of at most 105 characters, the first starting with `first`, the others with `rest`.
std::string wrap(const std::string& text, const std::string& first, const std::string& rest) {
    std::string out, line = first;
    std::istringstream words(text);
    std::string word;
    bool empty = true;
    while (words >> word) {
        if (!empty && line.size() + 1 + word.size() > 105) {
            out += line + "\n";
            line = rest;
            empty = true;
        }
        line += (empty ? "" : " ") + word;
        empty = false;
    }
    return out + line + "\n";
}

// The 1, 5 and 15 minute load averages.
std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return fmt::format("{} {} {}", a, b, c);
}

}  // namespace

int main(int argc, char** argv) try {
    std::filesystem::path dir;
    bool quick = false;
    int tickets = 3000;
    double seconds = 2;
    int reportDays = 30;
    bool ticketsSet = false, secondsSet = false, reportSet = false;
    std::string pgUrl;
    bool noPg = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--quick") {
            quick = true;
        } else if (a == "--tickets" && i + 1 < argc) {
            tickets = std::stoi(argv[++i]);
            ticketsSet = true;
        } else if (a == "--seconds" && i + 1 < argc) {
            seconds = std::stod(argv[++i]);
            secondsSet = true;
        } else if (a == "--report-days" && i + 1 < argc) {
            reportDays = std::max(1, std::stoi(argv[++i]));
            reportSet = true;
        } else if (a == "--pg" && i + 1 < argc) {
            pgUrl = argv[++i];
        } else if (a == "--no-pg") {
            noPg = true;
        } else if (!a.empty() && a[0] == '-') {
            std::fprintf(stderr,
                         "usage: bench_city [DIR] [--quick] [--tickets N] [--seconds S] [--report-days N] "
                         "[--pg URL | --no-pg]\n");
            return 2;
        } else {
            dir = a;
        }
    }
    if (quick) {
        if (!ticketsSet) tickets = 600;
        if (!secondsSet) seconds = 1;
        if (!reportSet) reportDays = 7;
    }
    const bool temporary = dir.empty();
    if (temporary) {
        std::string templ = (std::filesystem::temp_directory_path() / "motcua-bench-city-XXXXXX").string();
        if (!::mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
        dir = templ;
    }
    std::filesystem::create_directories(dir);
    const int cores = static_cast<int>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
    BenchResults results("bench_city");

    fmt::print(
        "bench_city: a city centre of {} counters and {} services, {} tickets a day, on one SQLite file\n",
        kCounters, kServices.size(), tickets);
    fmt::print("machine: {} cores, load average {} at start; files in {} ({})\n", cores, loadAverage(),
               dir.string(), fileSystemOf(dir));
    fmt::print("SQLite {}, WAL, synchronous=FULL, busy timeout {} ms, one connection per process\n\n",
               sqlite3_libversion(), q::StoreOptions{}.busyTimeout.count());
    std::fflush(stdout);

    const auto templateDb = dir / "template.db";
    {
        auto db = q::openStore(templateDb, q::OpenPurpose::Initialise);
        q::applyOfficeConfig(db, q::parseOfficeConfig(officeToml(), "bench_city.toml"));
    }  // the last connection closed: the WAL is checkpointed into the file, which can be copied

    // 1. fsync alone.
    const Stats fsync = measureFsync(dir, quick ? 50 : 200);
    const Stats fsyncBusy = measureFsync(dir, quick ? 50 : 200, cores);
    fmt::print("1. fdatasync of a 4 KiB overwrite on this file system, alone, {} runs:\n", fsync.n);
    fmt::print("   CPUs idle:               p50 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms\n", fsync.p50,
               fsync.p99, fsync.max);
    fmt::print(
        "   every core kept busy:    p50 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms{}\n\n", fsyncBusy.p50,
        fsyncBusy.p99, fsyncBusy.max,
        fsyncBusy.p50 < 0.5 * fsync.p50 ? "  (much of an idle one is waking a CPU, not the disk)" : "");
    std::fflush(stdout);

    // 2. The day.
    const auto dayDb = dir / "day.db";
    std::filesystem::copy_file(templateDb, dayDb);
    // Simulated time runs ~400x real time, so a day run of about a minute spans the office day.
    DayPlan plan;
    plan.db = dayDb;
    plan.tickets = tickets;
    plan.clockStart = Steady::now();
    plan.speed = 400;
    plan.deadline = plan.clockStart + std::chrono::seconds(quick ? 120 : 600);
    const DayResult day = runDay(plan, dir);
    const auto dayLock = lockFigures(day.run, cores);
    const double dayTicketRate = tickets / day.run.wallSeconds;
    const double dayMoves = static_cast<double>(completedMoves(day.run.log));
    fmt::print(
        "2. The day: {} tickets, {} processes ({} kiosks, {} counter processes x {} counters, {} displays)\n",
        tickets, kDayProcesses, kKiosks, kCounterProcesses, kCounters / kCounterProcesses, kDisplays);
    fmt::print(
        "   {} in {:.1f} s: {:.1f} tickets/s through take -> call -> start -> finish, {:.0f} moves/s, "
        "{:.0f} write transactions/s\n",
        day.finished ? "all closed" : "NOT FINISHED (deadline)", day.run.wallSeconds, dayTicketRate,
        dayMoves / day.run.wallSeconds, dayLock.transactions);
    fmt::print(
        "   at most {} tickets in the building at once (kiosks pause at {}); CPU {:.0f} % of {} cores\n",
        day.maxInside, kLobby, 100 * dayLock.cpuShare, cores);
    fmt::print("   {:<38} {:>8} {:>9} {:>9} {:>9}\n", "operation", "count", "p50 ms", "p99 ms", "max ms");
    for (std::size_t i = 0; i < kOpNames.size(); ++i) {
        const auto s = opStats(day.run.log, static_cast<Op>(i));
        if (s.n == 0) continue;
        fmt::print("   {:<38} {:>8} {:>9.2f} {:>9.2f} {:>9.2f}\n", kOpNames[i], s.n, s.p50, s.p99, s.max);
    }
    fmt::print("   {:<38} {:>8} {:>9.2f} {:>9.2f} {:>9.2f}\n", "write lock: wait at BEGIN IMMEDIATE",
               dayLock.wait.n, dayLock.wait.p50, dayLock.wait.p99, dayLock.wait.max);
    fmt::print("   {:<38} {:>8} {:>9.2f} {:>9.2f} {:>9.2f}\n", "write lock: held per transaction",
               dayLock.hold.n, dayLock.hold.p50, dayLock.hold.p99, dayLock.hold.max);
    fmt::print("   {:<38} {:>8} {:>9.2f} {:>9.2f} {:>9.2f}\n", "  of which COMMIT (WAL write + fsync)",
               dayLock.commit.n, dayLock.commit.p50, dayLock.commit.p99, dayLock.commit.max);
    fmt::print(
        "   busy: {:.0f} % of write transactions waited for the lock (busy-handler sleeps); "
        "SQLITE_BUSY returned to a caller: {}; moves refused unexpectedly: {}\n\n",
        100 * dayLock.waitedShare, day.run.log.busyErrors, day.run.log.unexpected);
    std::fflush(stdout);

    // 3. Scaling.
    const std::vector<int> counts{1, 2, 4, 8, 16, 20, 32};
    std::vector<ScalePoint> curve;
    for (const int n : counts) curve.push_back(measureScale(n, seconds, dir, templateDb, cores));
    fmt::print(
        "3. Scaling: take, call, start, finish by N processes for {:g} s each, against bare SQLite "
        "INSERT + COMMIT at the same N\n",
        seconds);
    fmt::print("   {:>3} {:>8} {:>8} {:>9} {:>8} {:>6} | {:>6} {:>7} {:>7} {:>6} {:>5} {:>6} {:>6} {:>5}\n",
               "N", "moves/s", "p99 ms", "bare tx/s", "bare p99", "ratio", "tx/s", "hold ms", "commit",
               "fsync", "lock", "waited", "preemp", "CPU");
    for (const auto& p : curve) {
        fmt::print(
            "   {:>3} {:>8.0f} {:>8.1f} {:>9.0f} {:>8.1f} {:>5.2f}x | {:>6.0f} {:>7.2f} {:>7.2f} {:>6.2f} "
            "{:>4.0f}% {:>5.0f}% {:>6.2f} {:>4.0f}%\n",
            p.processes, p.oursOps, p.oursLatency.p99, p.bareOps, p.bareLatency.p99, p.oursOps / p.bareOps,
            p.oursLock.transactions, p.oursLock.hold.mean, p.oursLock.commit.mean, p.fsync.p50,
            100 * p.oursLock.utilisation, 100 * p.oursLock.waitedShare, p.oursLock.preemptedPerTx,
            100 * p.oursLock.cpuShare);
    }
    fmt::print(
        "   ratio: motcua moves/s / bare commits/s. Right of |, motcua's write transactions:\n"
        "   tx/s; hold: mean time the write lock is held; commit: mean COMMIT (WAL write +\n"
        "   fdatasync); fsync: fdatasync alone (p50, idle CPUs) just before; lock: time the lock was\n"
        "   held / wall time; waited: BEGINs that slept in the busy handler; preemp: involuntary\n"
        "   context switches per transaction; CPU: of {} cores.\n",
        cores);

    // Where it stops scaling: the first count after which no larger count adds 10 % to its throughput,
    // or the last before p99 passes the limit.
    std::size_t stop = curve.size() - 1;
    std::string why;
    for (std::size_t i = 0; i + 1 < curve.size(); ++i) {
        if (curve[i + 1].oursLatency.p99 > kTapLimitMs) {
            stop = i;
            why = fmt::format("at {} processes p99 is {:.0f} ms, over the {:.0f} ms limit",
                              curve[i + 1].processes, curve[i + 1].oursLatency.p99, kTapLimitMs);
            break;
        }
        double best = 0;
        std::size_t bestAt = i + 1;
        for (std::size_t j = i + 1; j < curve.size(); ++j) {
            if (curve[j].oursOps > best) {
                best = curve[j].oursOps;
                bestAt = j;
            }
        }
        if (best < 1.10 * curve[i].oursOps) {
            stop = i;
            why = fmt::format(
                "no larger count adds 10 % to its {:.0f} moves/s (best after it: {:.0f} at {} processes)",
                curve[i].oursOps, best, curve[bestAt].processes);
            break;
        }
    }
    const auto& first = curve.front();
    const auto& top = curve[stop];
    const auto& last = curve.back();
    const auto& lk = top.oursLock;
    fmt::print("\n{}", wrap(fmt::format("Stops scaling after {} process{}: {}.", top.processes,
                                        top.processes == 1 ? "" : "es",
                                        why.empty() ? "throughput grows by 10 % or more up to the largest "
                                                      "count measured"
                                                    : why),
                            "   ", "   "));
    fmt::print(
        "   At {} processes the write lock was held {:.0f} % of the time, {:.2f} ms per write transaction\n"
        "   (mean), of which COMMIT {:.2f} ms. One writer at a time (SQLite, WAL mode too) caps the rate\n"
        "   at 1 / hold = {:.0f} write transactions/s; measured {:.0f}.\n",
        top.processes, 100 * lk.utilisation, lk.hold.mean, lk.commit.mean, 1000.0 / lk.hold.mean,
        lk.transactions);
    std::vector<std::string> reasons;
    if (lk.utilisation >= 0.8) {
        reasons.push_back(
            fmt::format("the single write lock is saturated ({:.0f} % of the time held): another process "
                        "can only queue for it",
                        100 * lk.utilisation));
    }
    const double commitShare = lk.commit.mean / lk.hold.mean;
    reasons.push_back(fmt::format(
        "of the time the lock is held, {:.0f} % is COMMIT ({:.2f} ms: the WAL write and its own fdatasync, "
        "SQLite has no group commit; fdatasync alone takes {:.2f} ms on idle CPUs, {:.2f} ms with every core "
        "busy) and {:.0f} % QueueService's queries inside the transaction",
        100 * commitShare, lk.commit.mean, fsync.p50, fsyncBusy.p50, 100 * (1 - commitShare)));
    if (lk.waitedShare > 0) {
        reasons.push_back(
            fmt::format("{:.0f} % of the transactions slept in the busy handler (0.2-1 ms a try) before "
                        "getting the lock: wait p50 {:.2f} ms, p99 {:.1f} ms, max {:.1f} ms",
                        100 * lk.waitedShare, lk.wait.p50, lk.wait.p99, lk.wait.max));
    }
    if (top.processes > first.processes && first.oursLock.commit.mean > 2 * lk.commit.mean) {
        // Only what was measured: fdatasync alone before each point, and with every core kept busy.
        double slowest = 0, fastest = 1e9;
        for (const auto& p : curve) {
            slowest = std::max(slowest, p.fsync.p50);
            fastest = std::min(fastest, p.fsync.p50);
        }
        reasons.push_back(fmt::format(
            "up to {} it grew because COMMIT got faster ({:.2f} ms at 1 process, {:.2f} ms at {}), while "
            "fdatasync alone, measured before each point, took {:.2f} to {:.2f} ms (p50): {}",
            top.processes, first.oursLock.commit.mean, lk.commit.mean, top.processes, fastest, slowest,
            fsyncBusy.p50 < 0.5 * fsync.p50
                ? fmt::format("with every core kept busy it takes {:.2f} ms instead of {:.2f}, so much of a "
                              "lone commit is waiting for an idle CPU to wake, not for the disk",
                              fsyncBusy.p50, fsync.p50)
                : fmt::format("keeping every core busy did not make it faster in this run ({:.2f} ms), so "
                              "why a lone commit is slow lies below what this program measures (the "
                              "virtual disk's flush)",
                              fsyncBusy.p50)));
    }
    if (last.processes > top.processes && last.oursLock.hold.mean > 1.2 * lk.hold.mean) {
        reasons.push_back(
            fmt::format("past {} it falls ({:.0f} moves/s at {}): the lock is held longer ({:.2f} ms, from "
                        "{:.2f}) as its holder is preempted more often ({:.2f} involuntary context switches "
                        "per transaction, from {:.2f}): {} processes share {} cores (CPU {:.0f} % busy), "
                        "most of them waking from the busy handler to try the lock again",
                        top.processes, last.oursOps, last.processes, last.oursLock.hold.mean, lk.hold.mean,
                        last.oursLock.preemptedPerTx, lk.preemptedPerTx, last.processes, cores,
                        100 * last.oursLock.cpuShare));
    }
    fmt::print("   Why (measured):\n");
    for (const auto& r : reasons) fmt::print("{}", wrap(r, "   - ", "     "));
    std::size_t within = 0;  // points from the first on with p99 within the limit
    while (within < curve.size() && curve[within].oursLatency.p99 <= kTapLimitMs) ++within;
    if (within == 0) {
        fmt::print(
            "   p99 of a move is over {:.0f} ms (a citizen tapping the kiosk) already at 1 process.\n\n",
            kTapLimitMs);
    } else {
        fmt::print("{}\n", wrap(fmt::format("p99 of a move stays within {:.0f} ms (a citizen tapping the "
                                            "kiosk) up to {} processes{}.",
                                            kTapLimitMs, curve[within - 1].processes,
                                            within == curve.size() ? " (every count measured)" : ""),
                                "   ", "   "));
    }
    std::fflush(stdout);

    // 3b. The same scaling on PostgreSQL, side by side with SQLite's.
    std::vector<PgScalePoint> pgCurve;
    std::size_t pgStop = 0;
    if (!noPg) {
        std::optional<motcua::bench::PrivatePostgres> server;
        if (pgUrl.empty()) {
            server.emplace(std::filesystem::path(MOTCUA_SOURCE_DIR) / "scripts/test-postgres.sh", dir / "pg");
            pgUrl = server->url();
        }
        for (const int n : counts) pgCurve.push_back(measurePgScale(n, seconds, dir, pgUrl, cores));
        q::Database(q::connectPostgres(pgUrl)).exec("DROP DATABASE IF EXISTS bench_city_scale WITH (FORCE)");
        fmt::print("\n3b. The same moves on PostgreSQL ({}, TCP 127.0.0.1), side by side with SQLite:\n",
                   server ? "a private server, fsync on" : "the given server");
        fmt::print("   {:>3} | {:>8} {:>8} | {:>8} {:>8} {:>9} {:>8} {:>6} {:>6} {:>7} {:>7}\n", "N",
                   "SQLite", "p99 ms", "PG", "p99 ms", "bare tx/s", "bare p99", "CPU", "server", "clients",
                   "retried");
        for (std::size_t i = 0; i < pgCurve.size(); ++i) {
            const auto& p = pgCurve[i];
            fmt::print(
                "   {:>3} | {:>8.0f} {:>8.1f} | {:>8.0f} {:>8.1f} {:>9.0f} {:>8.1f} {:>5.0f}% {:>5.0f}% "
                "{:>6.0f}% "
                "{:>7}\n",
                p.processes, curve[i].oursOps, curve[i].oursLatency.p99, p.oursOps, p.oursLatency.p99,
                p.bareOps, p.bareLatency.p99, 100 * p.cpuBusy, 100 * p.serverCpu, 100 * p.clientCpu,
                p.retried);
        }
        fmt::print(
            "   moves/s (take, call, start, finish); PG bare: INSERT + COMMIT of one row; CPU: the\n"
            "   machine's {} cores busy during the PostgreSQL run (everything on the machine); server\n"
            "   and clients: of that, PostgreSQL's processes and the benchmark's; retried: lock timeouts.\n",
            cores);
        std::vector<double> ops, p99;
        for (const auto& p : pgCurve) {
            ops.push_back(p.oursOps);
            p99.push_back(p.oursLatency.p99);
        }
        const auto [at, pgWhy] = stopOf(counts, ops, p99);
        pgStop = at;
        const auto& ps = pgCurve[pgStop];
        std::string because;
        if (ps.cpuBusy >= 0.85) {
            const double others = std::max(0.0, ps.cpuBusy - ps.serverCpu - ps.clientCpu);
            because = fmt::format(
                "the machine's {} cores were {:.0f} % busy at {} processes (the server {:.0f} %, "
                "the benchmark's processes {:.0f} %, other programs on the machine {:.0f} %): "
                "there is no CPU left for more work, on the server or its clients{}",
                cores, 100 * ps.cpuBusy, ps.processes, 100 * ps.serverCpu, 100 * ps.clientCpu, 100 * others,
                others > 0.3 ? "; other programs took much of it, so this run understates "
                               "what PostgreSQL does on a machine of its own"
                             : "");
        } else {
            because = fmt::format(
                "the CPUs were only {:.0f} % busy at {} processes, so the limit is waiting, not "
                "computing: each move's requests and its COMMIT's flush ({:.0f} bare commits/s "
                "at that count, p99 {:.1f} ms)",
                100 * ps.cpuBusy, ps.processes, ps.bareOps, ps.bareLatency.p99);
        }
        fmt::print("\n{}",
                   wrap(fmt::format("SQLite stops scaling after {} process{}; PostgreSQL after {} "
                                    "process{}{}. PostgreSQL: {}.",
                                    top.processes, top.processes == 1 ? "" : "es", ps.processes,
                                    ps.processes == 1 ? "" : "es",
                                    pgWhy.empty() ? " (it grows by 10 % or more up to the largest count)"
                                                  : ": " + pgWhy,
                                    because),
                        "   ", "   "));
        fmt::print("\n");
        std::fflush(stdout);
    }

    // Headroom against a city centre's busiest hour.
    const double peakNeed = tickets * kPeakHourShare / 3600.0;
    double bestMoves = 0;
    for (const auto& p : curve) bestMoves = std::max(bestMoves, p.oursOps);
    const double movesPerTicket = dayMoves / tickets;
    fmt::print(
        "Headroom: assuming {:.0f} % of the day's {} tickets come in the busiest hour, the peak need is\n"
        "   {:.0f} tickets/h ({:.3f}/s).\n",
        100 * kPeakHourShare, tickets, tickets * kPeakHourShare, peakNeed);
    fmt::print(
        "   The day run sustained {:.1f} tickets/s end to end ({:.0f}/h): {:.0f}x the peak need.\n"
        "   The best scaling point, {:.0f} moves/s at {:.1f} moves a ticket, is {:.1f} tickets/s.\n\n",
        dayTicketRate, dayTicketRate * 3600, dayTicketRate / peakNeed, bestMoves, movesPerTicket,
        bestMoves / movesPerTicket);
    std::fflush(stdout);

    // 4. The report.
    const ReportResult report = reportOverDays(dayDb, reportDays);
    fmt::print(
        "4. Report over {} days of this centre ({} tickets, {} events, {:.0f} MiB): the day run "
        "copied to the {} day{} before it{}\n",
        report.days, report.tickets, report.events, report.fileMiB, report.days - 1,
        report.days == 2 ? "" : "s", report.days < 365 ? " (a year: --report-days 365)" : "");
    fmt::print(
        "   copy {:.1f} s ({:.0f} ms a day); report over {} days {:.0f} ms ({} visits, {} served);\n"
        "   over the last {} days {:.0f} ms; over one day {:.0f} ms\n",
        report.copyMs / 1000, report.copyMs / std::max(1, report.days - 1), report.days, report.wholeMs,
        report.visits, report.served, std::min(report.days, 30), report.monthMs, report.dayMs);

    // The summary rows for scripts/bench.sh.
    const auto atCount = [&](int n) -> const ScalePoint& {
        return *std::find_if(curve.begin(), curve.end(),
                             [&](const ScalePoint& p) { return p.processes == n; });
    };
    results.add("fdatasync alone, idle CPUs, p50", fsync.p50, "ms");
    results.add("fdatasync alone, busy CPUs, p50", fsyncBusy.p50, "ms");
    results.add(fmt::format("day of {} tickets, {} processes", tickets, kDayProcesses), day.run.wallSeconds,
                "s");
    results.add("day: tickets through take..finish", dayTicketRate, "tickets/s", Target::atLeast(peakNeed));
    results.add("day: write transactions", dayLock.transactions, "tx/s", {},
                Baseline{"bare SQLite, 20 processes", atCount(20).bareOps});
    results.add("day: take p99 (20 processes)", opStats(day.run.log, Op::Take).p99, "ms",
                Target::atMost(kTapLimitMs));
    results.add("day: take max", opStats(day.run.log, Op::Take).max, "ms");
    results.add("day: call next p99", opStats(day.run.log, Op::Call).p99, "ms", Target::atMost(kTapLimitMs));
    results.add("day: finish p99", opStats(day.run.log, Op::Finish).p99, "ms", Target::atMost(kTapLimitMs));
    results.add("day: display poll + status p99", opStats(day.run.log, Op::Refresh).p99, "ms");
    results.add("day: SQLITE_BUSY returned to callers", static_cast<double>(day.run.log.busyErrors), "count",
                Target::atMost(0));
    for (const int n : {1, 20, 32}) {
        const auto& p = atCount(n);
        results.add(fmt::format("moves/s, {} process{}", n, n == 1 ? "" : "es"), p.oursOps, "ops/s", {},
                    Baseline{"bare SQLite commits/s", p.bareOps});
    }
    results.add("move p99, 32 processes", atCount(32).oursLatency.p99, "ms", Target::atMost(kTapLimitMs),
                Baseline{"bare SQLite p99", atCount(32).bareLatency.p99});
    results.add("stops scaling after", top.processes, "processes");
    if (!pgCurve.empty()) {
        for (const int n : {1, 20, 32}) {
            const auto i =
                static_cast<std::size_t>(std::find(counts.begin(), counts.end(), n) - counts.begin());
            results.add(fmt::format("PostgreSQL moves/s, {} process{}", n, n == 1 ? "" : "es"),
                        pgCurve[i].oursOps, "ops/s", {},
                        Baseline{"SQLite moves/s, same count", curve[i].oursOps});
        }
        results.add("PostgreSQL move p99, 32 processes", pgCurve.back().oursLatency.p99, "ms",
                    Target::atMost(kTapLimitMs), Baseline{"SQLite move p99", curve.back().oursLatency.p99});
        results.add("PostgreSQL stops scaling after", pgCurve[pgStop].processes, "processes");
    }
    results.add("headroom over the busiest hour", dayTicketRate / peakNeed, "x", Target::atLeast(1));
    results.add(fmt::format("report over {} days ({} visits)", report.days, report.visits), report.wholeMs,
                "ms");

    if (temporary) std::filesystem::remove_all(dir);
    return day.finished ? 0 : 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "bench_city: %s\n", e.what());
    return 1;
}
