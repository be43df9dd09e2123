// The one start-up of the SDL programs, checked on the three programs themselves (in this process):
// the same options and the same refusals, the same exit statuses, the same script handling, and
// asset paths that do not depend on the current directory.
#include "kiosk/shell/program_shell.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <vector>

#include "kiosk/console_app/console_program.h"
#include "kiosk/display_app/display_program.h"
#include "kiosk/frontend/assets.h"
#include "kiosk/kiosk_app/kiosk_program.h"
#include "kiosk_app/kiosk_fixture.h"
#include "support/test_support.h"

using namespace motcua;
using shell::ExitStatus;

namespace {

constexpr int kRan = 42;  // what the programs' run() returns in these tests: the command line was accepted

// main() of each program, its run() replaced: the exit status the command line alone gives.
int commandLine(const std::string& program, std::vector<std::string> args) {
    args.insert(args.begin(), program);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int argc = static_cast<int>(args.size());
    if (program == "motcua-kiosk") {
        kiosk::KioskOptions o;
        return shell::runProgram(
            kiosk::kKioskProgram, argc, argv.data(), [&](CLI::App& c) { kiosk::addKioskOptions(c, o); },
            o.program, [] { return kRan; });
    }
    if (program == "motcua-display") {
        display::DisplayOptions o;
        return shell::runProgram(
            display::kDisplayProgram, argc, argv.data(),
            [&](CLI::App& c) { display::addDisplayOptions(c, o); }, o.program, [] { return kRan; });
    }
    console::ConsoleOptions o;
    return shell::runProgram(
        console::kConsoleProgram, argc, argv.data(), [&](CLI::App& c) { console::addConsoleOptions(c, o); },
        o.program, [] { return kRan; });
}

// Each program run in this process with the shared options set as given; returns its exit status.
int runProgram(const std::string& program, const ui::ProgramOptions& shared) {
    if (program == "motcua-kiosk") {
        kiosk::KioskOptions o;
        o.program = shared;
        o.voice = false;
        o.log = [](const std::string&) {};
        return kiosk::runKiosk(o);
    }
    if (program == "motcua-display") {
        display::DisplayOptions o;
        o.program = shared;
        o.mute = true;
        return display::runDisplay(o);
    }
    console::ConsoleOptions o;
    o.program = shared;
    return console::runConsole(o);
}

}  // namespace

TEST_CASE(
    "Every SDL program takes the shared options and refuses --config and --printer where they mean nothing",
    "[shell][options]") {
    const std::string program =
        GENERATE(as<std::string>{}, "motcua-kiosk", "motcua-display", "motcua-console");
    CAPTURE(program);
    testing::TempDir dir;
    testing::writeFile(dir / "s.txt", "quit\n");
    CHECK(commandLine(program, {"--headless", "--size", "1080x1920", "--db", (dir / "m.db").string(),
                                "--script", (dir / "s.txt").string(), "--screenshots", dir.path().string(),
                                "--fullscreen"}) == kRan);
    CHECK(commandLine(program, {"--help"}) == 0);
    CHECK(commandLine(program, {"--frobnicate"}) == static_cast<int>(ExitStatus::Usage));
    CHECK(commandLine(program, {"--size", "big"}) == static_cast<int>(ExitStatus::Usage));
    const bool kiosk = program == "motcua-kiosk";
    CHECK(commandLine(program, {"--printer", "usb:"}) ==
          (kiosk ? kRan : static_cast<int>(ExitStatus::Usage)));
    CHECK(commandLine(program, {"--config", "office.toml"}) ==
          (kiosk ? kRan : static_cast<int>(ExitStatus::Usage)));
}

TEST_CASE("The units' command lines are accepted by their programs", "[shell][options][units]") {
    // What systemd starts: ExecStart of each unit, with its variables and %i filled in.
    struct Unit {
        const char* file;
        const char* program;
    };
    const auto unit = GENERATE(values<Unit>({{"motcua-kiosk.service", "motcua-kiosk"},
                                             {"motcua-display.service", "motcua-display"},
                                             {"motcua-counter-display@.service", "motcua-display"}}));
    CAPTURE(unit.file);
    const std::string text =
        testing::readFile(testing::sourcePath(std::string("packaging/systemd/") + unit.file));
    const auto at = text.find("\nExecStart=/usr/bin/");
    REQUIRE(at != std::string::npos);
    std::string line = text.substr(at + 20, text.find('\n', at + 1) - at - 20);
    std::vector<std::string> words;
    for (std::size_t i = 0; i < line.size();) {
        const auto end = std::min(line.find(' ', i), line.size());
        std::string word = line.substr(i, end - i);
        if (word == "${MOTCUA_DB}") word = "/var/lib/motcua/motcua.db";
        if (word == "${MOTCUA_CONFIG}") word = "/etc/motcua/office.toml";
        if (word == "%i") word = "1";
        if (!word.empty()) words.push_back(word);
        i = end + 1;
    }
    REQUIRE_FALSE(words.empty());
    CHECK(words.front() == unit.program);
    const std::string program = words.front();
    words.erase(words.begin());
    CAPTURE(words);
    CHECK(commandLine(program, words) == kRan);
}

TEST_CASE("Every SDL program exits 5 on a database that is not motcua's and 7 without a display",
          "[shell][exit]") {
    const std::string program =
        GENERATE(as<std::string>{}, "motcua-kiosk", "motcua-display", "motcua-console");
    CAPTURE(program);
    testing::TempDir dir;
    ui::ProgramOptions shared;
    shared.headless = true;
    SECTION("not a database") {
        testing::writeFile(dir / "not.db", "this is not a database");
        shared.db = dir / "not.db";
        CHECK(runProgram(program, shared) == static_cast<int>(ExitStatus::Database));
    }
    SECTION("no database at all") {
        shared.db = dir / "missing.db";
        CHECK(runProgram(program, shared) == static_cast<int>(ExitStatus::Database));
    }
    SECTION("no display: SDL cannot start its video driver") {
        testing::initialiseOffice(dir / "m.db", false);
        shared.db = dir / "m.db";
        shared.headless = false;
        ::setenv("SDL_VIDEODRIVER", "no-such-driver", 1);
        const int status = runProgram(program, shared);
        ::unsetenv("SDL_VIDEODRIVER");
        CHECK(status == static_cast<int>(ExitStatus::NoDisplay));
    }
}

TEST_CASE(
    "Every SDL program runs a script the same way: a manual clock, screenshots in --screenshots, exit 1 "
    "at a failing line",
    "[shell][script]") {
    const std::string program =
        GENERATE(as<std::string>{}, "motcua-kiosk", "motcua-display", "motcua-console");
    CAPTURE(program);
    testing::TempDir dir;
    testing::initialiseOffice(dir / "m.db", false);
    ui::ProgramOptions shared;
    shared.headless = true;
    shared.size = ui::Size{1366, 768};
    shared.db = dir / "m.db";
    shared.screenshots = dir / "shots";
    shared.script = dir / "s.txt";
    // wait 60 s: instant on the manual clock.
    testing::writeFile(dir / "s.txt", "wait 60000\nscreenshot first.png\nquit\n");
    const auto started = std::chrono::steady_clock::now();
    CHECK(runProgram(program, shared) == static_cast<int>(ExitStatus::Ok));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(60));
    CHECK(std::filesystem::exists(dir / "shots" / "first.png"));

    testing::writeFile(dir / "s.txt", "expect \"a text no screen shows\"\n");
    CHECK(runProgram(program, shared) == static_cast<int>(ExitStatus::Failed));
}

TEST_CASE("The lobby's voice clips are found without regard to the current directory", "[shell][assets]") {
    testing::TempDir dir;
    testing::initialiseOffice(dir / "m.db", false);
    auto db = queue::openStore(dir / "m.db", queue::OpenPurpose::Use);
    const auto settings = display::lobbyVoiceSettings(db, nullptr);
    CHECK(settings.clipDirectory.is_absolute());
    CHECK(settings.clipDirectory == kiosk::assetsDirectory() / "voice");
    CHECK(std::filesystem::is_directory(kiosk::assetsDirectory()));
}
