// motcua-web under the load of issue 21: 2,000 live ticket pages open at once (server-sent events)
// while 20 numbers a second are taken on /lay-so and counters call numbers. Prints the p99 time from
// a call's COMMIT to the called page's event, the take latency, and the server's memory (RSS).
//
// The server is the real motcua-web, a process of its own on 127.0.0.1 (a free port), on an SQLite
// file made here; the pages and the takes are this process's sockets (one thread), the calls a
// second thread on its own connection, as a console would make them. Runs --seconds (default 30)
// and stops by itself.
#include <utility>
// clang-format off
#include <boost/asio.hpp>
// clang-format on
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <regex>
#include <thread>
#include <vector>

#include "bench/bench_results.h"
#include "bench/bench_stats.h"
#include "queue/clock.h"
#include "queue/office_config.h"
#include "queue/queue_service.h"
#include "queue/store.h"
#include "queue/ticket_links.h"
#include "support/test_office.h"

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
using namespace motcua;

namespace {

constexpr int kCounters = 8;

std::string officeToml() {
    auto o = testing::busyOffice(kCounters);
    o.office = {{"name", "Bench"}};
    return o.toml() +
           "\n[web]\nper_address_per_hour = 10000\nper_phone_daily = 10\nper_phone_per_service = 10\n";
}

double ms(SteadyClock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

// VmRSS and VmHWM of a process, in MiB.
std::pair<double, double> memoryOf(pid_t pid) {
    std::ifstream in(fmt::format("/proc/{}/status", pid));
    double rss = 0, hwm = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("VmRSS:")) rss = std::stod(line.substr(6)) / 1024;
        if (line.starts_with("VmHWM:")) hwm = std::stod(line.substr(6)) / 1024;
    }
    return {rss, hwm};
}

struct Watch {
    std::string token;
    std::string number;
    bool open = false;
    bool called = false;
};

struct Shared {
    std::mutex mutex;
    std::map<std::string, SteadyClock::time_point> calledAt;  // number -> COMMIT of its call
    std::vector<double> callToEventMs;
    std::vector<double> takeMs;
    int opened = 0;
    int events = 0;
    int takesOk = 0;
    int takesFailed = 0;
    std::atomic<bool> stop{false};
};

awaitable<void> follow(tcp::endpoint server, Watch& w, Shared& shared) {
    auto ex = co_await asio::this_coro::executor;
    tcp::socket socket(ex);
    boost::system::error_code ec;
    co_await socket.async_connect(server, asio::redirect_error(use_awaitable, ec));
    if (ec) co_return;
    const std::string request = "GET /t/" + w.token + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    co_await asio::async_write(socket, asio::buffer(request), asio::redirect_error(use_awaitable, ec));
    std::string data;
    char chunk[4096];
    while (!shared.stop) {
        const auto n =
            co_await socket.async_read_some(asio::buffer(chunk), asio::redirect_error(use_awaitable, ec));
        if (ec) break;
        data.append(chunk, n);
        for (auto end = data.find("\n\n"); end != std::string::npos; end = data.find("\n\n")) {
            const std::string block = data.substr(0, end);
            data.erase(0, end + 2);
            if (block.find("data: ") == std::string::npos) continue;
            ++shared.events;
            if (!w.open) {
                w.open = true;
                ++shared.opened;
            }
            if (!w.called && block.find("\"state\":\"called\"") != std::string::npos) {
                w.called = true;
                const auto now = SteadyClock::now();
                std::lock_guard lock(shared.mutex);
                const auto it = shared.calledAt.find(w.number);
                if (it != shared.calledAt.end()) shared.callToEventMs.push_back(ms(now - it->second));
            }
        }
    }
}

// One request on a connection of its own; the whole reply (the server closes). A coroutine function,
// not a lambda: GCC 12 mishandles coroutine lambdas that capture.
awaitable<std::string> exchange(tcp::endpoint server, std::string request) {
    auto ex = co_await asio::this_coro::executor;
    tcp::socket socket(ex);
    co_await socket.async_connect(server, use_awaitable);
    co_await asio::async_write(socket, asio::buffer(request), use_awaitable);
    std::string reply;
    char chunk[8192];
    boost::system::error_code ec;
    for (;;) {
        const auto n =
            co_await socket.async_read_some(asio::buffer(chunk), asio::redirect_error(use_awaitable, ec));
        if (ec) break;
        reply.append(chunk, n);
    }
    co_return reply;
}

// One number from a phone: the form (its CSRF cookie and field), then the POST.
awaitable<void> takeOne(tcp::endpoint server, Shared& shared, std::string service) {
    const auto t0 = SteadyClock::now();
    bool ok = false;
    try {
        const auto form =
            co_await exchange(server, "GET /lay-so HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        std::smatch cookie, field;
        if (std::regex_search(form, cookie, std::regex("Set-Cookie: csrf=([A-Za-z0-9_-]+)")) &&
            std::regex_search(form, field, std::regex("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\""))) {
            const std::string body = "service=" + service + "&csrf=" + field[1].str();
            const auto reply = co_await exchange(
                server,
                fmt::format(
                    "POST /lay-so HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: csrf={}\r\n"
                    "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{}",
                    cookie[1].str(), body.size(), body));
            ok = reply.starts_with("HTTP/1.1 303");
        }
    } catch (const std::exception&) {
        ok = false;
    }
    std::lock_guard lock(shared.mutex);
    if (ok) {
        ++shared.takesOk;
        shared.takeMs.push_back(ms(SteadyClock::now() - t0));
    } else {
        ++shared.takesFailed;
    }
}

}  // namespace

int main(int argc, char** argv) {
    double seconds = 30;
    int pages = 2000;
    double takesPerSecond = 20;
    double callsPerSecond = 4;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::stod(argv[i + 1]);
        if (std::strcmp(argv[i], "--pages") == 0) pages = std::stoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--takes") == 0) takesPerSecond = std::stod(argv[i + 1]);
        if (std::strcmp(argv[i], "--calls") == 0) callsPerSecond = std::stod(argv[i + 1]);
    }
    // Each page is a descriptor here and one in the server (which inherits the limit).
    rlimit files{};
    getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
    if (files.rlim_cur < static_cast<rlim_t>(pages) + 200) {
        std::cerr << fmt::format("bench_web: only {} open files allowed; {} pages need more\n",
                                 files.rlim_cur, pages);
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);

    const auto dir = std::filesystem::temp_directory_path() / fmt::format("motcua-bench-web-{}", getpid());
    std::filesystem::create_directories(dir);
    const auto dbPath = dir / "queue.db";
    queue::SystemClock clock;
    std::vector<Watch> watches(static_cast<std::size_t>(pages));
    {
        auto db = queue::openStore(dbPath, queue::OpenPurpose::Initialise);
        queue::applyOfficeConfig(db, queue::parseOfficeConfig(officeToml(), "bench"));
        queue::QueueService q(db, clock);
        queue::TicketLinks links(db);
        const char* services[] = {"HT", "CT", "XH"};
        for (int i = 0; i < pages; ++i) {
            const auto t = q.take(services[i % 3]).value->ticket;
            watches[static_cast<std::size_t>(i)] = {links.linkFor(t, clock.now()).token, t.number};
        }
    }

    // The server, its port read from its first line.
    int out[2];
    if (pipe(out) != 0) return 1;
    const pid_t server = fork();
    if (server == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        const std::string db = dbPath.string();
        execl(MOTCUA_WEB_PATH, "motcua-web", "--db", db.c_str(), "--listen", "127.0.0.1:0", nullptr);
        _exit(127);
    }
    close(out[1]);
    std::string line;
    for (char c; read(out[0], &c, 1) == 1 && c != '\n';) line += c;
    std::smatch m;
    if (!std::regex_search(line, m, std::regex(":([0-9]+)/"))) {
        std::cerr << "bench_web: motcua-web did not start: " << line << "\n";
        kill(server, SIGTERM);
        waitpid(server, nullptr, 0);
        return 1;
    }
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"),
                                 static_cast<unsigned short>(std::stoi(m[1])));
    const auto [idleRss, idleHwm] = memoryOf(server);

    Shared shared;
    asio::io_context io{1};
    const auto openStart = SteadyClock::now();
    for (auto& w : watches) asio::co_spawn(io, follow(endpoint, w, shared), asio::detached);
    // Until every page has its first event (or 60 s).
    asio::steady_timer wait(io);
    std::function<void()> waitOpen = [&] {
        if (shared.opened >= pages || SteadyClock::now() - openStart > std::chrono::seconds(60)) {
            io.stop();
            return;
        }
        wait.expires_after(std::chrono::milliseconds(20));
        wait.async_wait([&](auto) { waitOpen(); });
    };
    waitOpen();
    io.run();
    io.restart();
    const double openSeconds = ms(SteadyClock::now() - openStart) / 1000;
    const auto [openRss, openHwm] = memoryOf(server);

    // The load: takes on this thread's sockets, calls from another thread.
    const auto loadStart = SteadyClock::now();
    const auto loadEnd = loadStart + std::chrono::milliseconds(static_cast<long>(seconds * 1000));
    std::thread caller([&] {
        auto db = queue::openStore(dbPath, queue::OpenPurpose::Use);
        queue::QueueService q(db, clock);
        const auto interval = std::chrono::microseconds(static_cast<long>(1e6 / callsPerSecond));
        auto next = SteadyClock::now();
        int counter = 0;
        while (SteadyClock::now() < loadEnd) {
            counter = counter % kCounters + 1;
            if (q.start(counter).ok()) q.finish(counter);
            const auto r = q.callNext(counter);
            if (r.ok()) {
                std::lock_guard lock(shared.mutex);
                shared.calledAt[r.value->ticket.number] = SteadyClock::now();
            }
            next += interval;
            std::this_thread::sleep_until(next);
        }
    });
    asio::steady_timer takeTimer(io);
    const auto takeInterval = std::chrono::microseconds(static_cast<long>(1e6 / takesPerSecond));
    auto nextTake = SteadyClock::now();
    int takes = 0;
    std::function<void()> takeLoop = [&] {
        if (SteadyClock::now() >= loadEnd) {
            // Two more seconds for the last calls' events, then stop.
            takeTimer.expires_after(std::chrono::seconds(2));
            takeTimer.async_wait([&](auto) {
                shared.stop = true;
                io.stop();
            });
            return;
        }
        static const char* services[] = {"HT", "CT", "XH"};
        asio::co_spawn(io, takeOne(endpoint, shared, services[takes++ % 3]), asio::detached);
        nextTake += takeInterval;
        takeTimer.expires_at(nextTake);
        takeTimer.async_wait([&](auto) { takeLoop(); });
    };
    takeLoop();
    io.run();
    caller.join();
    const auto [loadRss, loadHwm] = memoryOf(server);
    kill(server, SIGTERM);
    int status = 0;
    waitpid(server, &status, 0);
    std::filesystem::remove_all(dir);

    std::lock_guard lock(shared.mutex);
    const double p50 = bench::percentile(shared.callToEventMs, 0.50);
    const double p99 = bench::percentile(shared.callToEventMs, 0.99);
    const double takeP99 = bench::percentile(shared.takeMs, 0.99);
    std::cout << fmt::format(
        "bench_web: motcua-web (its own process) on 127.0.0.1, SQLite, {} counters\n"
        "  pages open:             {} of {} (all first events in {:.1f} s)\n"
        "  load:                   {:.0f} s, takes {}/s on /lay-so (form + POST), calls {}/s from another "
        "connection\n"
        "  takes:                  {} ok, {} failed; p99 {:.0f} ms\n"
        "  calls seen on a page:   {}; call COMMIT -> page event p50 {:.0f} ms, p99 {:.0f} ms (target <= "
        "2000)\n"
        "  events received:        {}\n"
        "  server RSS:             {:.1f} MiB idle, {:.1f} MiB with the pages open, {:.1f} MiB after the "
        "load "
        "(peak {:.1f} MiB)\n",
        kCounters, shared.opened, pages, openSeconds, seconds, takesPerSecond, callsPerSecond, shared.takesOk,
        shared.takesFailed, takeP99, shared.callToEventMs.size(), p50, p99, shared.events, idleRss, openRss,
        loadRss, std::max({idleHwm, openHwm, loadHwm}));
    bench::BenchResults results("bench_web");
    results.add("call to live page event p99", p99, "ms", bench::Target::atMost(2000));
    results.add("live pages open", shared.opened, "pages", bench::Target::atLeast(pages));
    results.add("server RSS with pages open", loadRss, "MiB");
    results.add("take on /lay-so p99", takeP99, "ms");
    return shared.opened == pages && shared.takesFailed == 0 ? 0 : 1;
}
