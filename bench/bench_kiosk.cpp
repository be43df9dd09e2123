// Kiosk figures (issue 5, "Measured"), on the office of assets/ (config and catalogue) in a fresh
// SQLite file, headless with the software renderer at 1920x1080:
//   first frame      program start (database, services, SDL, fonts, window) to the first frame drawn
//   scroll frame     frame times while a procedure page is dragged and flung (p50, p99, max)
//   tap -> printer   a tap on "Xác nhận lấy số" until the ticket's bytes are written by the file:
//                    printer (take in one transaction, render, encode, write), p50/p99/max of 30
//   RSS              resident memory at the end
#include <fmt/core.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_results.h"
#include "bench/bench_stats.h"
#include "kiosk/kiosk_app/browse_screens.h"
#include "kiosk/kiosk_app/kiosk_program.h"
#include "queue/catalogue_files.h"
#include "queue/office_config.h"
#include "queue/store.h"

using namespace motcua;
using Steady = std::chrono::steady_clock;

using motcua::bench::msSince;
using motcua::bench::percentile;
using motcua::bench::residentKb;

namespace {

std::string readAll(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;  // not istreambuf_iterator: see kiosk/voice/wav_file.cpp
    bytes << in.rdbuf();
    return bytes.str();
}

void makeOffice(const std::filesystem::path& db) {
    const std::filesystem::path source = MOTCUA_SOURCE_DIR;
    auto store = queue::openStore(db, queue::OpenPurpose::Initialise);
    queue::applyOfficeConfig(store, queue::loadOfficeConfig(source / "assets/office.toml"));
    std::vector<queue::CatalogueFile> files;
    for (const char* name :
         {"fields.tsv", "procedures.tsv", "documents.tsv", "legal_basis.tsv", "synonyms.tsv"})
        files.push_back({name, readAll(source / "assets/catalogue" / name)});
    if (!queue::importCatalogue(store, files, false).applied)
        throw std::runtime_error("catalogue import failed");
}

std::optional<ui::Point> find(ui::App& app, const std::string& text) {
    for (const auto& t : app.visibleTexts())
        if (t.text == text) return t.bounds.center();
    return std::nullopt;
}

}  // namespace

int main() {
    const auto dir =
        std::filesystem::temp_directory_path() / ("motcua-bench-kiosk-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    makeOffice(dir / "motcua.db");
    const auto printerPath = dir / "ticket.bin";

    kiosk::KioskOptions options;
    options.program.headless = true;
    options.program.size = ui::Size{1920, 1080};
    options.program.db = dir / "motcua.db";
    options.program.printer = "file:" + printerPath.string();
    options.manualClock = true;
    options.voice = false;
    options.log = [](const std::string&) {};

    const auto start = Steady::now();
    kiosk::KioskProgram program(options);
    program.app().frame();
    const double firstFrame = msSince(start);

    auto& app = program.app();
    auto& clock = *program.manualClock();
    auto step = [&] {
        clock.advance(16);
        app.frame();
    };

    // Scrolling the certified-copy procedure page: drags down and up, each released into a fling.
    program.session().showHome();
    step();
    program.session().showProcedure("2.000815");
    step();
    step();
    std::vector<double> frames;
    for (int round = 0; round < 10; ++round) {
        const int from = round % 2 == 0 ? 850 : 300, to = round % 2 == 0 ? 300 : 850;
        app.injectPointer({ui::PointerAction::Down, {600, from}, -1});
        for (int i = 1; i <= 12; ++i) {
            app.injectPointer({ui::PointerAction::Move, {600, from + (to - from) * i / 12}, -1});
            const auto t = Steady::now();
            step();
            frames.push_back(msSince(t));
        }
        app.injectPointer({ui::PointerAction::Up, {600, to}, -1});
        for (int i = 0; i < 40; ++i) {  // the fling, until it stops
            const auto t = Steady::now();
            step();
            frames.push_back(msSince(t));
        }
    }

    // Tap -> bytes handed to the printer, 30 tickets.
    std::vector<double> taps;
    for (int i = 0; i < 30; ++i) {
        program.session().endVisit();
        step();
        program.session().showConfirm("CT");
        step();
        step();
        const auto at = find(app, "Xác nhận lấy số");
        if (!at) throw std::runtime_error("no confirm button");
        std::filesystem::remove(printerPath);
        const auto t = Steady::now();
        app.injectPointer({ui::PointerAction::Down, *at, -1});
        app.injectPointer({ui::PointerAction::Up, *at, -1});
        // The printer thread writes the file; frames go on meanwhile.
        int guard = 0;
        while (!std::filesystem::exists(printerPath) && guard++ < 2000) {
            step();
            if (!std::filesystem::exists(printerPath))
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        taps.push_back(msSince(t));
        if (!std::filesystem::exists(printerPath)) throw std::runtime_error("no ticket printed");
    }

    fmt::print("bench_kiosk (headless, software renderer, 1920x1080, office catalogue)\n");
    fmt::print("  first frame after start      {:8.1f} ms   (target <= 500)\n", firstFrame);
    fmt::print(
        "  scroll frame p50 / p99 / max {:8.2f} / {:.2f} / {:.2f} ms over {} frames   (target p99 <= 16)\n",
        percentile(frames, 0.5), percentile(frames, 0.99), percentile(frames, 1.0), frames.size());
    fmt::print(
        "  tap -> ticket bytes written  {:8.1f} / {:.1f} / {:.1f} ms p50 / p99 / max over {}   (target <= "
        "100)\n",
        percentile(taps, 0.5), percentile(taps, 0.99), percentile(taps, 1.0), taps.size());
    const double rssMb = static_cast<double>(residentKb()) / 1024.0;
    fmt::print("  resident memory              {:8.1f} MB   (target <= 100)\n", rssMb);

    using motcua::bench::Target;
    const motcua::bench::BenchResults results("bench_kiosk");
    results.add("first frame after start", firstFrame, "ms", Target::atMost(500));
    results.add("scroll frame p99", percentile(frames, 0.99), "ms", Target::atMost(16));
    results.add("tap -> ticket bytes written, p50", percentile(taps, 0.5), "ms", Target::atMost(100));
    results.add("tap -> ticket bytes written, p99", percentile(taps, 0.99), "ms", Target::atMost(100));
    results.add("resident memory", rssMb, "MB", Target::atMost(100));
    std::filesystem::remove_all(dir);
    return 0;
}
