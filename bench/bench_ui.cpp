// UI toolkit figures (issue 5, "Measured"): time to the first frame, frame times while scrolling a
// long page of Vietnamese text with the software renderer, text-cache hit rate, resident memory.
// Runs headless (SDL offscreen driver): the software renderer does the same work as on the kiosk,
// minus the final copy to the display.
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "bench/bench_results.h"
#include "bench/bench_stats.h"
#include "kiosk/ui/app.h"
#include "kiosk/ui/box.h"
#include "kiosk/ui/button.h"
#include "kiosk/ui/font_cache.h"
#include "kiosk/ui/label.h"
#include "kiosk/ui/screen_stack.h"
#include "kiosk/ui/scroll_view.h"
#include "kiosk/ui/sdl_context.h"
#include "kiosk/ui/window.h"
#include "queue/clock.h"

using namespace motcua;
using Clock = std::chrono::steady_clock;

using motcua::bench::msSince;
using motcua::bench::percentile;
using motcua::bench::residentKb;

namespace {

// A procedure page as the kiosk shows it: title, steps, documents, fees, legal basis.
std::unique_ptr<ui::Screen> procedurePage() {
    auto root = std::make_unique<ui::Box>(ui::Axis::Vertical, ui::Box::kThemed);
    root->add(std::make_unique<ui::Label>("Đăng ký khai sinh có yếu tố nước ngoài", ui::FontRole::Title));
    auto content = std::make_unique<ui::Box>(ui::Axis::Vertical, 0);
    const char* sections[] = {"Trình tự thực hiện", "Thành phần hồ sơ", "Thời hạn giải quyết", "Lệ phí",
                              "Căn cứ pháp lý"};
    for (int s = 0; s < 5; ++s) {
        content->add(std::make_unique<ui::Label>(sections[s], ui::FontRole::Heading));
        for (int i = 1; i <= 14; ++i) {
            content->add(std::make_unique<ui::Label>(fmt::format(
                "{}.{} Người yêu cầu đăng ký khai sinh nộp tờ khai theo mẫu quy định và giấy chứng sinh "
                "cho Ủy ban nhân dân cấp xã; trường hợp không có giấy chứng sinh thì nộp văn bản của "
                "người làm chứng xác nhận về việc sinh (mục {}).",
                s + 1, i, s * 14 + i)));
        }
    }
    root->add(std::make_unique<ui::ScrollView>(std::move(content)), 1);
    auto buttons = std::make_unique<ui::Box>(ui::Axis::Horizontal, 0);
    buttons->add(std::make_unique<ui::Button>("Quay lại", [] {}), 1);
    buttons->add(std::make_unique<ui::Button>(
                     "Lấy số cho thủ tục này", [] {}, ui::ButtonStyle::Primary),
                 2);
    root->add(std::move(buttons));
    return std::make_unique<ui::WidgetScreen>(std::move(root));
}

struct Figures {
    ui::Size size;
    double startupMs = 0;     // SDL init .. first frame presented
    double firstFrameMs = 0;  // the first frame alone (layout of the page, every line rendered once)
    double p50 = 0;
    double p99 = 0;
    double worst = 0;
    int frames = 0;
    double hitRate = 0;
    std::size_t cacheEntries = 0;
    long rssKb = 0;
};

Figures run(ui::Size size) {
    Figures f;
    f.size = size;
    const auto start = Clock::now();
    ui::SdlContext sdl({true});
    ui::TtfContext ttf(sdl);
    ui::Window window(sdl, {"bench", size, false});
    ui::Renderer renderer(window);
    ui::FontCache fonts(ttf, ui::FontSet::locate());
    ui::ScreenStack screens;
    queue::ManualClock clock(0);
    ui::App app(renderer, fonts, screens, clock);
    screens.push(procedurePage());

    const auto firstStart = Clock::now();
    app.frame();
    f.firstFrameMs = msSince(firstStart);
    f.startupMs = msSince(start);

    app.textRenderer().resetStats();
    std::vector<double> times;
    auto timedFrame = [&] {
        clock.advance(16);
        const auto t = Clock::now();
        app.frame();
        times.push_back(msSince(t));
    };
    // Flings down the page and back up: drag 600 px over 10 frames, let momentum run 60 frames.
    const int x = size.width / 2;
    const int top = size.height / 4;
    const int bottom = size.height * 3 / 4;
    for (int round = 0; round < 8; ++round) {
        const bool down = round % 4 != 3;  // mostly towards the end, sometimes back
        const int from = down ? bottom : top;
        const int to = down ? top : bottom;
        app.injectPointer({ui::PointerAction::Down, {x, from}, -1});
        timedFrame();
        for (int i = 1; i <= 10; ++i) {
            app.injectPointer({ui::PointerAction::Move, {x, from + (to - from) * i / 10}, -1});
            timedFrame();
        }
        app.injectPointer({ui::PointerAction::Up, {x, to}, -1});
        for (int i = 0; i < 60; ++i) timedFrame();
    }
    f.frames = static_cast<int>(times.size());
    f.p50 = percentile(times, 0.50);
    f.p99 = percentile(times, 0.99);
    f.worst = *std::max_element(times.begin(), times.end());
    f.hitRate = app.textCacheStats().hitRate();
    f.cacheEntries = app.textCacheStats().entries;
    f.rssKb = residentKb();
    return f;
}

}  // namespace

int main() try {
    std::vector<Figures> all;
    all.push_back(run({1920, 1080}));
    all.push_back(run({1080, 1920}));

    fmt::print("motcua UI toolkit, software renderer, headless (SDL offscreen)\n");
    fmt::print("scrolling a procedure page of 75 wrapped Vietnamese paragraphs: 8 drags + momentum\n\n");
    fmt::print("{:<12} {:>12} {:>12} {:>8} {:>9} {:>9} {:>9} {:>10} {:>8} {:>9}\n", "size", "startup ms",
               "1st frame", "frames", "p50 ms", "p99 ms", "worst ms", "cache hit", "entries", "RSS MB");
    for (const auto& f : all) {
        fmt::print("{:<12} {:>12.1f} {:>12.1f} {:>8} {:>9.2f} {:>9.2f} {:>9.2f} {:>9.1f}% {:>8} {:>9.1f}\n",
                   fmt::format("{}x{}", f.size.width, f.size.height), f.startupMs, f.firstFrameMs, f.frames,
                   f.p50, f.p99, f.worst, f.hitRate * 100, f.cacheEntries,
                   static_cast<double>(f.rssKb) / 1024.0);
    }
    const Figures& main = all.front();
    fmt::print(
        "\ntargets (1920x1080): first frame <= 500 ms: {}; frame p99 <= 16 ms: {}; RSS <= 100 MB: {}\n",
        main.startupMs <= 500 ? "met" : "MISSED", main.p99 <= 16 ? "met" : "MISSED",
        main.rssKb <= 100 * 1024 ? "met" : "MISSED");

    using motcua::bench::Target;
    const motcua::bench::BenchResults results("bench_ui");
    for (const auto& f : all) {
        const std::string size = fmt::format("{}x{}", f.size.width, f.size.height);
        // The targets are stated for the landscape lobby size.
        const bool targeted = &f == &main;
        results.add(size + ": startup to first frame", f.startupMs, "ms",
                    targeted ? Target::atMost(500) : Target{});
        results.add(size + ": scroll frame p99", f.p99, "ms", targeted ? Target::atMost(16) : Target{});
        results.add(size + ": text cache hit rate", 100 * f.hitRate, "%");
        results.add(size + ": resident memory", static_cast<double>(f.rssKb) / 1024.0, "MB",
                    targeted ? Target::atMost(100) : Target{});
    }
    return 0;
} catch (const std::exception& e) {
    fmt::print(stderr, "bench_ui: {}\n", e.what());
    return 1;
}
