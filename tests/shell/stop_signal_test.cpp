// SIGTERM and SIGINT end the real programs cleanly (as `systemctl stop` does): each is started as a
// process of its own, headless, and stopped; the kiosk in the middle of a print lets the print end
// and records it first. The bound is the unit's own TimeoutStopSec: past it systemd would SIGKILL.
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <iostream>
#include <optional>
#include <thread>
#include <vector>

#include "console_app/console_fixture.h"
#include "kiosk/shell/program_shell.h"
#include "kiosk_app/kiosk_fixture.h"
#include "queue/queue_service.h"
#include "shell/child_process.h"
#include "support/local_listener.h"
#include "support/test_support.h"

using namespace motcua;
using Clock = std::chrono::steady_clock;

namespace {

// TimeoutStopSec of a unit in packaging/systemd, in seconds (0 when it has none).
int timeoutStopSec(const std::string& unit) {
    const std::string text = testing::readFile(testing::sourcePath("packaging/systemd/" + unit));
    const auto at = text.find("\nTimeoutStopSec=");
    if (at == std::string::npos) return 0;
    return std::stoi(text.substr(at + 16));
}

// A program of the build started as its own process, its stdout and stderr in a file.
class ChildProgram : public testing::ChildProcess {
  public:
    ChildProgram(const std::string& name, const std::vector<std::string>& args,
                 const std::filesystem::path& output)
        : ChildProcess(withProgram(name, args), output) {}

  private:
    static std::vector<std::string> withProgram(const std::string& name, std::vector<std::string> args) {
        args.insert(args.begin(), program(name));
        return args;
    }
};

// Waits until query (an integer SELECT) gives at least 1, reading the database as another process.
bool waitFor(const std::filesystem::path& db, const std::string& query, std::chrono::seconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        try {
            auto d = queue::openStore(db, queue::OpenPurpose::Use);
            if (d.queryInt(query) > 0) return true;
        } catch (const std::exception&) {
            // Not there yet.
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

}  // namespace

TEST_CASE("The units give the programs longer to stop than the shell waits for work in progress",
          "[shell][signal][units]") {
    for (const char* unit :
         {"motcua-kiosk.service", "motcua-display.service", "motcua-counter-display@.service"}) {
        CAPTURE(unit);
        CHECK(timeoutStopSec(unit) > shell::ProgramShell::kStopGrace.count() + 2);
    }
}

TEST_CASE(
    "SIGTERM in the middle of a print: the kiosk lets the print end, records it, and exits 0 before the "
    "unit's TimeoutStopSec",
    "[shell][signal][kiosk][process]") {
    const int bound = timeoutStopSec("motcua-kiosk.service");
    REQUIRE(bound > 0);
    testing::TempDir dir;
    testing::initialiseOffice(dir / "m.db", false);
    // A network printer that accepts the ticket and never reads it: the print takes 5 s to fail.
    testing::LocalListener printer(testing::LocalListener::Behaviour::NeverRead);
    testing::writeFile(
        dir / "take.txt",
        "tap 600 700\ntap \"Lấy số thứ tự\"\ntap \"Hộ tịch\"\ntap \"Xác nhận lấy số\"\nwait 100\n"
        "sleep 120000\n");
    ChildProgram kiosk(
        "motcua-kiosk",
        {"--headless", "--size", "1080x1920", "--db", (dir / "m.db").string(), "--no-voice", "--printer",
         "tcp:127.0.0.1:" + std::to_string(printer.port()), "--script", (dir / "take.txt").string()},
        dir / "kiosk.out");
    // The ticket is on its way to the printer.
    REQUIRE(waitFor(dir / "m.db", "SELECT COUNT(*) FROM events WHERE kind = 'print_started'",
                    std::chrono::seconds(60)));
    INFO(kiosk.output());
    REQUIRE(kiosk.running());
    const auto signalled = Clock::now();
    kiosk.signal(SIGTERM);
    const auto status = kiosk.waitExit(std::chrono::seconds(bound));
    const double took = std::chrono::duration<double>(Clock::now() - signalled).count();
    INFO(kiosk.output());
    REQUIRE(status);  // it stopped by itself, within the unit's bound
    CHECK(*status == 0);
    std::cout << fmt::format("kiosk stopped {:.1f} s after SIGTERM, mid-print (unit bound {} s)\n", took,
                             bound)
              << std::flush;
    CHECK_THAT(kiosk.output(), Catch::Contains("stopping on signal 15"));

    // The print's outcome is recorded: the hung printer took nothing (not printed, staff told), and
    // no attempt is left without an outcome.
    auto db = queue::openStore(dir / "m.db", queue::OpenPurpose::Use);
    queue::Statement failed(
        db,
        "SELECT json_extract(detail, '$.error'), json_extract(detail, '$.outcome'), "
        "json_extract(detail, '$.job') = (SELECT json_extract(detail, '$.job') FROM events WHERE "
        "kind = 'print_started') FROM events WHERE kind = 'print_failed'");
    REQUIRE(failed.step());
    CHECK(failed.getText(0) == "timeout");
    CHECK(failed.getText(1) == "not_printed");
    CHECK(failed.getInt(2) == 1);
    queue::SystemClock clock;
    queue::QueueService q(db, clock);
    const auto unprinted = q.unprintedToday();
    REQUIRE(unprinted.size() == 1);
    CHECK(unprinted.front().last == queue::UnprintedTicket::Last::NotPrinted);
    CHECK(q.findToday("A001")->state == queue::TicketState::Waiting);
}

TEST_CASE("SIGTERM and SIGINT end each SDL program at once when nothing is in progress, with exit status 0",
          "[shell][signal][process]") {
    const std::string program =
        GENERATE(as<std::string>{}, "motcua-kiosk", "motcua-display", "motcua-console");
    const int signal = GENERATE(SIGTERM, SIGINT);
    CAPTURE(program, signal);
    testing::TempDir dir;
    testing::initialiseOffice(dir / "m.db", false);
    std::vector<std::string> args{"--headless", "--size", "1366x768", "--db", (dir / "m.db").string()};
    if (program == "motcua-kiosk") args.insert(args.end(), {"--no-voice", "--printer", "none"});
    if (program == "motcua-display") args.push_back("--mute");
    ChildProgram running(program, args, dir / "out.txt");
    // Up and drawing: its frame loop runs (headless, no script: until stopped).
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    INFO(running.output());
    REQUIRE(running.running());
    running.signal(signal);
    const auto status = running.waitExit(std::chrono::seconds(10));
    INFO(running.output());
    REQUIRE(status);
    CHECK(*status == 0);
}

TEST_CASE("SIGTERM ends the staff console with the officer logged out, so the counter shows free at once",
          "[shell][signal][console][process]") {
    testing::ConsoleOffice office{{"lan", "246813"}};
    testing::TempDir dir;
    testing::writeFile(
        dir / "login.txt",
        "expect \"Đăng nhập quầy tiếp nhận\"\ntap \"Nguyễn Thị Lan\"\ntype \"246813\"\nkey Return\n"
        "expect \"Quầy 1 · Nguyễn Thị Lan\"\nsleep 120000\n");
    ChildProgram console("motcua-console",
                         {"--headless", "--db", office.path.string(), "--counter", "1", "--script",
                          (dir / "login.txt").string()},
                         dir / "console.out");
    REQUIRE(
        waitFor(office.path, "SELECT COUNT(*) FROM events WHERE kind = 'login'", std::chrono::seconds(60)));
    INFO(console.output());
    REQUIRE(console.running());
    const auto signalled = Clock::now();
    console.signal(SIGTERM);
    const auto status = console.waitExit(std::chrono::seconds(10));
    INFO(console.output());
    REQUIRE(status);
    CHECK(*status == 0);
    CHECK(Clock::now() - signalled < std::chrono::seconds(3));
    auto db = queue::openStore(office.path, queue::OpenPurpose::Use);
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'logout' AND counter_id IS NOT NULL") == 1);
}
