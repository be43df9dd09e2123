// Real processes on one database file: concurrent issuing and calling. Writers killed with SIGKILL
// at random moments are in crash_test.cpp.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <random>
#include <set>
#include <sstream>

#include "queue_fixture.h"
#include "replay.h"

using namespace motcua::queue;
using namespace motcua::testing;

namespace {

// Writes one line to fd with a single write(2), so lines from a killed process are whole or absent.
void report(int fd, const std::string& line) {
    const std::string text = line + "\n";
    [[maybe_unused]] auto n = ::write(fd, text.data(), text.size());
}

std::vector<std::string> readLines(int fd) {
    std::string all;
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0) all.append(buffer, static_cast<std::size_t>(n));
    std::vector<std::string> lines;
    std::istringstream in(all);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

struct Child {
    pid_t pid;
    int readFd;
};

// Forks a child that opens its own connection and runs body(service, reportFd); the child never
// returns into the test runner.
template <class Body>
Child spawn(const std::filesystem::path& path, ManualClock& clock, Body body) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(fds[0]);
        int status = 0;
        try {
            // A generous timeout: this test checks correctness under contention, not latency, and CI
            // runs it beside other tests on 2 cores.
            auto db = openStore(path, OpenPurpose::Use, StoreOptions{std::chrono::seconds(60)});
            QueueService q(db, clock);
            body(q, fds[1]);
        } catch (const std::exception& e) {
            report(fds[1], std::string("ERROR ") + e.what());
            status = 1;
        }
        ::_exit(status);
    }
    ::close(fds[1]);
    return {pid, fds[0]};
}

bool exitedCleanly(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

TEST_CASE("8 issuing and 8 calling processes share one database file", "[queue][multiprocess]") {
    QueueFixture f(busyOffice(4).toml());
    // Fixed amounts of work rather than a time limit, so a slow machine changes the duration, not
    // what is checked.
    constexpr int kTakesEach = 40, kCallLoopsEach = 30;
    std::vector<Child> takers, callers;
    for (int i = 0; i < 8; ++i) {
        takers.push_back(spawn(f.path, f.clock, [&, i](QueueService& q, int fd) {
            std::mt19937 rng(static_cast<unsigned>(i));
            const char* services[] = {"HT", "CT", "XH"};
            for (int n = 0; n < kTakesEach; ++n) {
                std::optional<std::string> prio;
                if (rng() % 5 == 0) prio = "cao_tuoi";
                auto r = q.take(services[rng() % 3], prio);
                if (!r.ok()) throw std::runtime_error("take refused: " + r.message);
                report(fd, r.value->ticket.serviceCode + " " + r.value->ticket.number);
            }
        }));
    }
    // Two processes per counter, so consoles on the same counter race each other too.
    for (int i = 0; i < 8; ++i) {
        callers.push_back(spawn(f.path, f.clock, [&, i](QueueService& q, int fd) {
            const int counter = i % 4 + 1;
            std::mt19937 rng(static_cast<unsigned>(100 + i));
            for (int n = 0; n < kCallLoopsEach; ++n) {
                auto call = q.callNext(counter);
                if (call.ok()) report(fd, fmt::format("called {} {}", counter, call.value->ticket.number));
                switch (rng() % 4) {
                    case 0:
                        q.noShow(counter);
                        break;
                    case 1:
                        q.returnToQueue(counter, rng() % 2);
                        break;
                    default:
                        q.start(counter);
                        q.finish(counter);
                }
            }
        }));
    }

    std::vector<std::string> issued;
    for (auto& c : takers) {
        for (auto& line : readLines(c.readFd)) issued.push_back(line);
        CHECK(exitedCleanly(c.pid));
    }
    int calls = 0;
    for (auto& c : callers) {
        for (auto& line : readLines(c.readFd)) {
            INFO(line);
            CHECK(line.rfind("called ", 0) == 0);
            ++calls;
        }
        CHECK(exitedCleanly(c.pid));
    }
    for (const auto& line : issued) {
        INFO(line);
        CHECK(line.rfind("ERROR", 0) != 0);
    }

    // Every reported number exists once; none was issued twice.
    const std::set<std::string> unique(issued.begin(), issued.end());
    CHECK(unique.size() == issued.size());
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM tickets") == static_cast<std::int64_t>(issued.size()));
    Statement find(f.db,
                   "SELECT COUNT(*) FROM tickets t JOIN services s ON s.id = t.service_id WHERE s.code = ? "
                   "AND t.number = ?");
    for (const auto& line : issued) {
        const auto space = line.find(' ');
        find.bind(1, line.substr(0, space)).bind(2, line.substr(space + 1));
        REQUIRE(find.step());
        CHECK(find.getInt(0) == 1);
        find.reset();
    }
    // No counter ever held two tickets, no ticket was called twice without moving in between.
    CHECK(f.db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'call'") == calls);
    CHECK(f.db.queryInt(
              "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM tickets WHERE state IN ('called','serving') "
              "GROUP BY counter_id) AS per_counter") <= 1);
    checkTicketsMatchEvents(f.db, *f.queue);
    if (!onPostgres()) {
        Statement integrity(f.db, "PRAGMA integrity_check");
        REQUIRE(integrity.step());
        CHECK(integrity.getText(0) == "ok");
    }
    CHECK(issued.size() == 8 * kTakesEach);
    CHECK(calls > 0);
}

TEST_CASE("Opening another connection keeps this process's locks: other processes' writes stay visible",
          "[queue][multiprocess][store]") {
    // Regression: reading the file header with our own open()/close() dropped the POSIX locks of the
    // process's other connections; a process closing its connection then believed it was the last
    // one, removed the WAL under us, and this process kept reading a stale snapshot.
    QueueFixture f(busyOffice(1).toml());
    for (int i = 0; i < 5; ++i) f.take("HT");
    auto second = openStore(f.path, OpenPurpose::Use);  // checks the header while f.db is open
    const char* moves[] = {"call", "start", "finish", "call", "start", "finish"};
    for (const char* move : moves) {
        CAPTURE(move);
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            // A program of its own (tests/queue/children/queue_move.cpp): none of this process's
            // SQLite state, which a forked child would inherit.
            ::execl(MOTCUA_QUEUE_MOVE_CHILD, "motcua_queue_move_child", f.path.c_str(), move, nullptr);
            ::_exit(127);
        }
        REQUIRE(exitedCleanly(pid));
        auto fresh = openStore(f.path, OpenPurpose::Use);
        CHECK(second.queryInt("SELECT MAX(id) FROM events") == fresh.queryInt("SELECT MAX(id) FROM events"));
    }
}
