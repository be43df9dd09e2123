// A kiosk on a PostgreSQL server that goes away (issue 15, point 4): while the server is down the
// kiosk shows the lost-server banner, gives no number and says so kindly, and a tap on "take a
// number" is not kept to be issued later; once the server is back the banner goes by itself and the
// next citizen gets a number (the first of the day: nothing was issued meanwhile).
//
// The server is the test's own (tests/support/own_postgres.h), stopped and started by the test. The
// connection is re-opened at most every 2 s of real time (queue/postgres.cpp), so after the restart
// the test draws frames until the banner goes (at most 60 s; no time is asserted).
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
    // A tap on confirm: no number, the kind message; nothing is kept to be issued later.
    run("tap \"" + say(kiosk::words::kConfirm) + "\"\nwait 100\nexpect \"" + say(kiosk::words::kServerLost) +
        "\"\nscreenshot 2-no-number.png");
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
