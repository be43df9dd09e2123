// bench_display: how soon the lobby display draws a number called by `motcua call` in another
// process (p50/p99 over 100 calls), and the display's CPU use while idle (getrusage over 5 s), with
// on-demand drawing as motcua-display runs and, for comparison, drawing every 16 ms.
#include <SDL.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_results.h"
#include "bench/bench_stats.h"
#include "kiosk/display_app/lobby_screen.h"
#include "kiosk/display_app/queue_feed.h"
#include "kiosk/ui/app.h"
#include "kiosk/ui/font_cache.h"
#include "kiosk/ui/screen_stack.h"
#include "kiosk/ui/sdl_context.h"
#include "kiosk/ui/window.h"
#include "queue/office_config.h"
#include "queue/store.h"
#include "support/test_office.h"

extern char** environ;

using motcua::bench::percentile;

namespace {

using namespace motcua;
using Clock = std::chrono::steady_clock;

constexpr int kCalls = 100;
constexpr auto kTick = std::chrono::milliseconds(40);  // as motcua-display

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// One pass of App::run()'s on-demand loop.
void tick(ui::App& app, int waitMs) {
    SDL_WaitEventTimeout(nullptr, waitMs);
    app.pumpSdlEvents();
    app.frame();
}

pid_t spawnMotcua(const std::filesystem::path& db, const char* verb) {
    std::vector<std::string> args{MOTCUA_CLI_PATH, "--db", db.string(), verb, "1"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    return pid;
}

}  // namespace

int main() try {
    char dirTemplate[] = "/tmp/motcua-bench-display-XXXXXX";
    const std::filesystem::path dir = mkdtemp(dirTemplate);
    // Removed however the run ends (a failed call returns early, an error throws).
    struct RemoveOnExit {
        std::filesystem::path path;
        ~RemoveOnExit() {
            std::error_code ec;
            std::filesystem::remove_all(path, ec);
        }
    } removeOnExit{dir};
    const std::filesystem::path dbPath = dir / "motcua.db";
    {
        motcua::testing::TestOffice office;
        office.office = {{"name", "UBND phường Ngô Quyền"}, {"slogan", "Vì nhân dân phục vụ"}};
        office.services = {{"HT", "Hộ tịch", "A"}};
        for (int c = 1; c <= 8; ++c) office.counters.push_back({c, "Quầy " + std::to_string(c), {"HT"}});
        auto db = queue::openStore(dbPath, queue::OpenPurpose::Initialise);
        queue::applyOfficeConfig(db, queue::parseOfficeConfig(office.toml(), "bench.toml"));
    }
    // The staff side: tickets to call, and freeing counter 1 between calls.
    auto staffDb = queue::openStore(dbPath, queue::OpenPurpose::Use);
    queue::SystemClock clock;
    queue::QueueService staff(staffDb, clock);
    for (int i = 0; i < kCalls + 5; ++i) staff.take("HT");

    auto displayDb = queue::openStore(dbPath, queue::OpenPurpose::Use);
    queue::QueueService displayQueue(displayDb, clock);
    ui::SdlContext sdl({.headless = true});
    ui::TtfContext ttf(sdl);
    ui::Window window(sdl, {"bench_display", ui::Size{1920, 1080}, false});
    ui::Renderer renderer(window);
    ui::FontCache fonts(ttf, ui::FontSet::locate());
    ui::ScreenStack screens;
    display::QueueFeed feed(displayQueue, displayDb, clock);
    ui::AppOptions options;
    options.onDemandTick = kTick;
    ui::App app(renderer, fonts, screens, clock, ui::Theme{}, options);
    screens.push(std::make_unique<display::LobbyScreen>(feed, clock, nullptr));
    for (int i = 0; i < 5; ++i) tick(app, 10);

    std::vector<double> spawnToDrawn;
    std::vector<double> commitToDrawn;
    for (int i = 0; i < kCalls; ++i) {
        if (i > 0) {
            // The officer finishes the ticket (also through the CLI, untimed).
            for (const char* verb : {"start", "finish"}) {
                int status = 0;
                const pid_t pid = spawnMotcua(dbPath, verb);
                if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
                    WEXITSTATUS(status) != 0) {
                    throw std::runtime_error(std::string("motcua ") + verb + " 1 failed");
                }
            }
            // Let the display take that change in before timing the next call.
            for (int k = 0; k < 4; ++k) tick(app, static_cast<int>(kTick.count()));
        }
        const std::string before =
            feed.state().recentCalls().empty() ? "" : feed.state().recentCalls().front().number;
        const auto start = Clock::now();
        const pid_t child = spawnMotcua(dbPath, "call");
        if (child < 0) throw std::runtime_error("cannot start " MOTCUA_CLI_PATH);
        bool drawn = false;
        while (!drawn && Clock::now() - start < std::chrono::seconds(5)) {
            const auto frames = app.framesDrawn();
            tick(app, static_cast<int>(kTick.count()));
            const auto& recent = feed.state().recentCalls();
            if (app.framesDrawn() > frames && !recent.empty() && recent.front().number != before) {
                const auto now = Clock::now();
                spawnToDrawn.push_back(ms(now - start));
                commitToDrawn.push_back(static_cast<double>(clock.now() - recent.front().at));
                drawn = true;
            }
        }
        int status = 0;
        waitpid(child, &status, 0);
        if (!drawn || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::fprintf(
                stderr,
                "call %d: not drawn within 5 s (motcua exit %d); front %s, frames %ld, last event %ld\n",
                i + 1, WEXITSTATUS(status),
                feed.state().recentCalls().empty() ? "-" : feed.state().recentCalls().front().number.c_str(),
                static_cast<long>(app.framesDrawn()),
                static_cast<long>(displayDb.queryInt("SELECT MAX(id) FROM events")));
            return 1;
        }
    }

    const auto idleCpu = [&](std::chrono::milliseconds tickLength, bool onDemand) {
        const auto frames = app.framesDrawn();
        const double cpu0 = cpuSeconds();
        const auto start = Clock::now();
        while (Clock::now() - start < std::chrono::seconds(5)) {
            if (onDemand) {
                tick(app, static_cast<int>(tickLength.count()));
            } else {
                app.pumpSdlEvents();
                app.frame();
                SDL_Delay(16);
            }
        }
        const double wall = std::chrono::duration<double>(Clock::now() - start).count();
        return std::pair{100.0 * (cpuSeconds() - cpu0) / wall, app.framesDrawn() - frames};
    };
    const auto [idleOnDemand, framesOnDemand] = idleCpu(kTick, true);
    // For comparison: the toolkit's default loop (a frame every 16 ms), drawing each one.
    ui::AppOptions every;
    ui::ScreenStack screens2;
    screens2.push(std::make_unique<display::LobbyScreen>(feed, clock, nullptr));
    ui::App continuous(renderer, fonts, screens2, clock, ui::Theme{}, every);
    const auto frames0 = continuous.framesDrawn();
    const double cpu0 = cpuSeconds();
    const auto start = Clock::now();
    while (Clock::now() - start < std::chrono::seconds(5)) {
        continuous.pumpSdlEvents();
        continuous.frame();
        SDL_Delay(16);
    }
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    const double idleContinuous = 100.0 * (cpuSeconds() - cpu0) / wall;
    const auto framesContinuous = continuous.framesDrawn() - frames0;

    std::printf(
        "bench_display (1920x1080 lobby, software renderer, headless, %d calls by `motcua call` processes)\n",
        kCalls);
    std::printf("%-52s %10s %10s %10s\n", "measure", "p50", "p99", "max");
    std::printf("%-52s %8.1fms %8.1fms %8.1fms\n", "motcua call spawned -> number drawn",
                percentile(spawnToDrawn, 0.5), percentile(spawnToDrawn, 0.99), percentile(spawnToDrawn, 1.0));
    std::printf("%-52s %8.1fms %8.1fms %8.1fms\n", "call committed (event time) -> number drawn",
                percentile(commitToDrawn, 0.5), percentile(commitToDrawn, 0.99),
                percentile(commitToDrawn, 1.0));
    std::printf("%-52s %10s %10s\n", "idle over 5 s", "CPU", "frames");
    std::printf("%-52s %9.2f%% %10llu\n", "on demand (motcua-display), 40 ms poll", idleOnDemand,
                static_cast<unsigned long long>(framesOnDemand));
    std::printf("%-52s %9.2f%% %10llu\n", "every 16 ms (toolkit default, for comparison)", idleContinuous,
                static_cast<unsigned long long>(framesContinuous));

    using motcua::bench::Baseline;
    const motcua::bench::BenchResults results("bench_display");
    results.add("motcua call spawned -> number drawn, p50", percentile(spawnToDrawn, 0.5), "ms");
    results.add("motcua call spawned -> number drawn, p99", percentile(spawnToDrawn, 0.99), "ms");
    results.add("call committed -> number drawn, p99", percentile(commitToDrawn, 0.99), "ms");
    results.add("idle CPU, on-demand drawing", idleOnDemand, "%", {},
                Baseline{"drawing every 16 ms", idleContinuous});
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "bench_display: %s\n", e.what());
    return 1;
}
