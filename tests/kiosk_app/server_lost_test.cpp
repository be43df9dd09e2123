// A kiosk on a PostgreSQL server that goes away (issue 15, point 4): while the server is down the
// kiosk shows the lost-server banner, gives no number and says so kindly, and a tap on "take a
// number" is not kept to be issued later; once the server is back the banner goes by itself and the
// next citizen gets a number (the first of the day: nothing was issued meanwhile).
//
// The server is the test's own (tests/support/own_postgres.h), stopped and started by the test. The
// connection is re-opened at most every 2 s of real time (queue/postgres.cpp), so after the restart
// the test draws frames until the banner goes (at most 60 s; no time is asserted).
//
// A take whose answer is lost with the server (the COMMIT may or may not have reached it) is settled
// by its move key once the server answers: the screen then prints the number it issued, once, or
// says none was issued.
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "kiosk/kiosk_app/kiosk_text.h"
#include "kiosk/ui/connection_banner.h"
#include "kiosk/ui/script.h"
#include "kiosk/ui/script_runner.h"
#include "kiosk_fixture.h"
#include "support/own_postgres.h"

using namespace motcua;
using namespace motcua::testing;

namespace {

struct Variant {
    ui::Size size;
    bool english;
    bool large;
    std::string name;
};

ui::ScriptOutcome runLines(kiosk::KioskProgram& program, const std::filesystem::path& shots,
                           const std::string& lines) {
    const auto parsed = ui::parseScript(lines);
    REQUIRE(parsed.ok());
    ui::ScriptRunner runner(program.app(), *program.manualClock(), shots);
    return runner.run(parsed.commands);
}

bool shows(kiosk::KioskProgram& program, const std::string& text) {
    for (const auto& t : program.app().visibleTexts())
        if (t.text.find(text) != std::string::npos) return true;
    return false;
}

std::int64_t tickets(const std::string& url) {
    auto db = queue::openStore(url, queue::OpenPurpose::Use);
    return db.queryInt("SELECT COUNT(*) FROM tickets");
}

}  // namespace

TEST_CASE(
    "Without its server the kiosk gives no number and says so kindly, and once the server is back it does",
    "[kiosk][server][postgres-only]") {
    const Variant v = GENERATE(Variant{{1080, 1920}, false, false, "portrait"},
                               Variant{{1920, 1080}, false, true, "landscape-large"},
                               Variant{{1920, 1080}, true, false, "landscape-en"},
                               Variant{{1080, 1920}, true, true, "portrait-en-large"});
    INFO(v.name);
    TempDir dir;
    OwnPostgres server(dir / "pg");
    initialiseOffice(server.url());
    KioskFixture f(v.size, "server-lost-" + v.name);
    auto options = f.options();
    options.program.db = server.url();
    auto& program = f.start(options);
    const auto say = [&](const kiosk::Phrase& p) { return std::string(v.english ? p.en : p.vi); };
    const std::string lost(v.english ? ui::kConnectionLostEn : ui::kConnectionLostVi);
    const std::string service = v.english ? "Civil status" : "Hộ tịch";
    const auto run = [&](const std::string& lines) {
        const auto outcome = runLines(program, f.shots, lines);
        INFO(ui::formatOutcome(outcome, v.name));
        REQUIRE(outcome.ok);
    };

    // A citizen on the confirm page when the server goes.
    std::string start = "tap 600 700\n";
    if (v.english) start += "tap \"English\"\n";
    if (v.large) start += "tap \"" + say(kiosk::words::kLargeText) + "\"\n";
    run(start + "tap \"" + say(kiosk::words::kTakeNumber) + "\"\ntap \"" + service + "\"\nexpect \"" +
        say(kiosk::words::kConfirm) + "\"");
    CHECK_FALSE(shows(program, lost));

    server.down();
    run("wait 1000\nexpect \"" + lost + "\"\nscreenshot 1-confirm-server-lost.png");
    // A tap on confirm: no number, the kind message; nothing is kept to be issued later. The take
    // was on its way when it met the lost server: the screen says a number may still come out.
    run("tap \"" + say(kiosk::words::kConfirm) + "\"\nwait 100\nexpect \"" + say(kiosk::words::kServerLost) +
        "\"\nexpect \"" + say(kiosk::words::kServerLostMaybeIssued) + "\"\nscreenshot 2-no-number.png");
    CHECK_FALSE(shows(program, "A001"));
    run("tap \"" + say(kiosk::words::kHome) + "\"\nwait 100\nexpect \"" + lost +
        "\"\nscreenshot 3-home-server-lost.png\ntap \"" + say(kiosk::words::kTakeNumber) +
        "\"\nwait 100\nexpect \"" + say(kiosk::words::kServerLost) +
        "\"\nscreenshot 4-services-server-lost.png");
    CHECK(program.app().screenErrors() == 0);

    server.up();
    for (int i = 0; i < 300 && shows(program, lost); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        run("wait 500");
    }
    REQUIRE_FALSE(shows(program, lost));
    CHECK(tickets(server.url()) == 0);  // the taps while it was down issued nothing, then or now
    run("tap \"" + say(kiosk::words::kHome) + "\"\nwait 100\ntap \"" + say(kiosk::words::kTakeNumber) +
        "\"\ntap \"" + service + "\"\ntap \"" + say(kiosk::words::kConfirm) +
        "\"\nwait 100\nexpect \"A001\"\nscreenshot 5-number-after-reconnect.png");
    CHECK(tickets(server.url()) == 1);
    CHECK(program.app().screenErrors() == 0);
}

namespace {

// Draws frames (as the kiosk does, real time passing for the 2 s reconnect pace) until text shows.
bool drawUntil(kiosk::KioskProgram& program, const std::filesystem::path& shots, const std::string& text) {
    for (int i = 0; i < 300 && !shows(program, text); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        REQUIRE(runLines(program, shots, "wait 500").ok);
    }
    return shows(program, text);
}

std::int64_t printsStarted(const std::string& url) {
    auto db = queue::openStore(url, queue::OpenPurpose::Use);
    return db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'print_started'");
}

}  // namespace

TEST_CASE("A take whose answer was lost with the server is settled once it answers: printed once, or none",
          "[kiosk][server][postgres-only]") {
    const bool english = GENERATE(false, true);
    const ui::Size size = english ? ui::Size{1920, 1080} : ui::Size{1080, 1920};
    const std::string name = english ? "landscape-en" : "portrait";
    INFO(name);
    TempDir dir;
    OwnPostgres server(dir / "pg");
    initialiseOffice(server.url());
    KioskFixture f(size, "server-unsettled-" + name);
    auto options = f.options();
    options.program.db = server.url();
    auto& program = f.start(options);
    const auto say = [&](const kiosk::Phrase& p) { return std::string(english ? p.en : p.vi); };
    const std::string service = english ? "Civil status" : "Hộ tịch";
    const auto run = [&](const std::string& lines) {
        const auto outcome = runLines(program, f.shots, lines);
        INFO(ui::formatOutcome(outcome, name));
        REQUIRE(outcome.ok);
    };
    const auto takeWhileDown = [&](const std::string& shot) {
        std::string lines = "tap 600 700\n";
        if (english) lines += "tap \"English\"\n";
        run(lines + "tap \"" + say(kiosk::words::kTakeNumber) + "\"\ntap \"" + service + "\"\nexpect \"" +
            say(kiosk::words::kConfirm) + "\"");
        server.down();
        run("wait 1000\ntap \"" + say(kiosk::words::kConfirm) + "\"\nwait 100\nexpect \"" +
            say(kiosk::words::kServerLostMaybeIssued) + "\"\nscreenshot " + shot);
        const auto keys = program.services().unsettledTakes();
        REQUIRE(keys.size() == 1);
        return keys.front();
    };

    SECTION("the COMMIT had not reached the server: the screen says so, and nothing is issued") {
        takeWhileDown("1-unsettled.png");
        server.up();
        REQUIRE(drawUntil(program, f.shots, say(kiosk::words::kServerBackNoNumber)));
        run("screenshot 2-none-issued.png");
        CHECK(tickets(server.url()) == 0);
        CHECK(program.services().unsettledTakes().empty());
    }
    SECTION("the COMMIT had reached the server: the screen shows and prints that number, once") {
        const auto key = takeWhileDown("1-unsettled.png");
        server.up();
        {
            // What the lost answer would have said: the take with the kiosk's key committed.
            auto db = queue::openStore(server.url(), queue::OpenPurpose::Use);
            queue::ManualClock clock(program.manualClock()->now());  // the kiosk's time
            queue::QueueService other(db, clock);
            queue::Actor actor;
            actor.moveKey = key;
            REQUIRE(other.take("HT", {}, actor).ok());
        }
        REQUIRE(drawUntil(program, f.shots, "A001"));
        f.settle();
        run("screenshot 2-issued-printed.png");
        CHECK_FALSE(shows(program, say(kiosk::words::kServerLostMaybeIssued)));
        CHECK(tickets(server.url()) == 1);
        CHECK(printsStarted(server.url()) == 1);
        // Drawing on prints nothing more, and the next citizen's number follows it.
        run("wait 3000");
        CHECK(printsStarted(server.url()) == 1);
        CHECK(program.services().unsettledTakes().empty());
    }
    CHECK(program.app().screenErrors() == 0);
}
