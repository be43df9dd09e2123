// Several PCs on one PostgreSQL server, and the server goes away (issue 15, point 4): a lobby display
// and two staff consoles (one full, one the --compact strip), each with its own connection, keep
// working through a stop and start of the server. While it is down each shows the lost-server banner
// (the consoles in their notice line, so no button moves); once it is back each reconnects by itself
// and reloads; a call made after the restart, while the display is still cut off, is shown on the
// display once and announced once, and nothing announced before the outage is announced again; the
// other console sees the call.
//
// The server is the test's own (tests/support/own_postgres.h): it is stopped, so not the suite's.
// One SDL context, three windows, one manual clock for the three programs' time. The connection is
// re-opened at most every 2 s of real time (queue/postgres.cpp), so after the restart the test draws
// frames until each banner goes (at most 60 s; no time is asserted).
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "console_fixture.h"
#include "kiosk/console_app/compact_screen.h"
#include "kiosk/console_app/work_screen.h"
#include "kiosk/display_app/lobby_screen.h"
#include "kiosk/display_app/queue_feed.h"
#include "kiosk/ui/button.h"
#include "kiosk/ui/connection_banner.h"
#include "kiosk/ui/font_cache.h"
#include "kiosk/ui/script.h"
#include "kiosk/ui/script_runner.h"
#include "kiosk/ui/sdl_context.h"
#include "kiosk/ui/window.h"
#include "kiosk/voice/announcement_text.h"
#include "kiosk/voice/announcer.h"
#include "kiosk/voice/espeak_synthesizer.h"
#include "kiosk/voice/recording_audio_output.h"
#include "queue/office_config.h"
#include "queue/queue_service.h"
#include "queue/staff_service.h"
#include "queue/store.h"
#include "support/own_postgres.h"
#include "voice/recording_speech.h"

using namespace motcua;
using namespace motcua::testing;

namespace {

const std::string kLost(ui::kConnectionLostVi);
const std::filesystem::path kShots =
    std::filesystem::path(MOTCUA_BINARY_DIR) / "screenshots" / "server-restart";

using voice::testing::RecordingSpeech;

voice::AnnouncerSettings quickAnnouncer() {
    voice::AnnouncerSettings s;
    s.repeats = 1;
    s.afterChime = std::chrono::milliseconds(100);
    s.afterAnnouncement = std::chrono::milliseconds(100);
    return s;
}

// One program's window and App on the shared SDL context and clock.
struct Window {
    Window(ui::SdlContext& sdl, ui::TtfContext& ttf, const queue::Clock& clock, ui::Size size,
           ui::AppOptions options, ui::Theme theme = {})
        : window(sdl, ui::WindowOptions{"motcua test", size, false}),
          renderer(window),
          fonts(ttf, ui::FontSet::locate()),
          app(renderer, fonts, screens, clock, theme, std::move(options)) {}

    bool sees(const std::string& text) const {
        for (const auto& t : app.visibleTexts())
            if (t.text.find(text) != std::string::npos) return true;
        return false;
    }
    int count(const std::string& text) const {
        const auto texts = app.visibleTexts();
        return static_cast<int>(std::count_if(texts.begin(), texts.end(),
                                              [&](const ui::VisibleText& t) { return t.text == text; }));
    }

    ui::Window window;
    ui::Renderer renderer;
    ui::FontCache fonts;
    ui::ScreenStack screens;
    ui::App app;
};

ui::AppOptions logTo(std::vector<std::string>& lines, std::chrono::milliseconds onDemand = {}) {
    ui::AppOptions o;
    o.log = [&lines](const std::string& line) { lines.push_back(line); };
    o.onDemandTick = onDemand;
    return o;
}

void run(Window& w, queue::ManualClock& clock, const std::string& script, const std::string& dir) {
    const auto parsed = ui::parseScript(script);
    REQUIRE(parsed.ok());
    ui::ScriptRunner runner(w.app, clock, kShots / dir);
    const auto outcome = runner.run(parsed.commands);
    requireOk(outcome, dir);
}

// Draws frames (half a second of the programs' clock each) until the banner is gone; bounded.
void untilReconnected(Window& w, queue::ManualClock& clock, const std::string& dir) {
    for (int i = 0; i < 300 && w.sees(kLost); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        run(w, clock, "wait 500", dir);
    }
}

// Where the button with this label is now.
ui::Rect buttonBounds(const Window& w, const std::string& label) {
    for (const auto& t : w.app.visibleTexts()) {
        if (t.text.find(label) == std::string::npos || !t.owner) continue;
        for (const ui::Widget* p = t.owner; p; p = p->parent())
            if (dynamic_cast<const ui::Button*>(p)) return p->bounds();
    }
    return {};
}

}  // namespace

TEST_CASE("A lobby display and two consoles keep working through a restart of their PostgreSQL server",
          "[console][display][server][postgres-only]") {
    TempDir dir;
    OwnPostgres server(dir / "pg");
    queue::ManualClock clock(kConsoleClockStart);
    {
        auto db = queue::openStore(server.url(), queue::OpenPurpose::Initialise);
        queue::applyOfficeConfig(db, queue::parseOfficeConfig(consoleOfficeToml(), "console.toml"));
        queue::ManualClock before(kConsoleClockStart - 3'600'000);
        queue::StaffService staff(db, before);
        REQUIRE(staff.setPin("lan", "246813").ok());
        REQUIRE(staff.setPin("hung", "135792").ok());
        queue::QueueService q(db, clock);
        for (const char* expected : {"A001", "A002", "A003"})
            CHECK(q.take("HT").value->ticket.number == expected);
    }

    ui::SdlContext sdl{ui::SdlOptions{true}};
    ui::TtfContext ttf{sdl};
    std::vector<std::string> logLines;

    // The lobby display, as motcua-display sets it up (its own connection, feed, voice).
    auto displayDb = queue::openStore(server.url(), queue::OpenPurpose::Use);
    queue::QueueService displayQueue(displayDb, clock);
    display::QueueFeed feed(displayQueue, displayDb, clock);
    voice::EspeakSynthesizer espeak{};
    RecordingSpeech speech{espeak};
    voice::RecordingAudioOutput output;
    voice::Announcer announcer{speech, output, quickAnnouncer(), [](const std::string&) {}};
    Window lobby(sdl, ttf, clock, {1920, 1080}, logTo(logLines, std::chrono::milliseconds(40)));
    lobby.app.watchServer([&feed] { return feed.offline(); });
    auto lobbyOwned = std::make_unique<display::LobbyScreen>(feed, clock, &announcer);
    auto& lobbyScreen = *lobbyOwned;
    lobby.screens.push(std::move(lobbyOwned));

    // Console A: counter 1, the full console. Console B: counter 2, the --compact strip.
    auto dbA = queue::openStore(server.url(), queue::OpenPurpose::Use);
    auto dbB = queue::openStore(server.url(), queue::OpenPurpose::Use);
    Window a(sdl, ttf, clock, {1366, 768}, logTo(logLines), console::consoleTheme());
    Window b(sdl, ttf, clock, {1366, 768}, logTo(logLines), console::consoleTheme());
    console::ConsoleOptions optionsA = HeadlessConsole::options(1);
    console::ConsoleOptions optionsB = HeadlessConsole::options(2);
    optionsB.compact = true;
    console::Console consoleA(dbA, clock, a.screens, optionsA);
    console::Console consoleB(dbB, clock, b.screens, optionsB);
    consoleA.attach(a.app);
    consoleB.attach(b.app);
    consoleB.attachWindow(b.window);
    a.screens.push(consoleA.firstScreen());
    b.screens.push(consoleB.firstScreen());

    run(a, clock, "tap \"Nguyễn Thị Lan\"\ntype \"246813\"\nkey Return\nexpect \"Quầy 1 · Nguyễn Thị Lan\"",
        "console-a");
    run(b, clock,
        "tap \"Trần Văn Hùng\"\ntype \"135792\"\nkey Return\nwait 300\nexpect \"Chưa có số · 3 người chờ\"",
        "console-b");
    REQUIRE(dynamic_cast<console::CompactScreen*>(b.screens.top()));
    run(a, clock, "key F1\nexpect \"Đã gọi số A001\"", "console-a");
    run(lobby, clock, "wait 300\nexpect \"A001\"", "lobby");
    CHECK(lobbyScreen.announced() == 1);
    run(b, clock, "wait 300\nexpect \"Chưa có số · 2 người chờ\"", "console-b");
    const ui::Rect callButton = buttonBounds(a, "Gọi số tiếp theo");
    const ui::Rect stripButton = buttonBounds(b, "Gọi lại");
    REQUIRE_FALSE(callButton.empty());
    REQUIRE_FALSE(stripButton.empty());
    for (Window* w : {&lobby, &a, &b}) CHECK_FALSE(w->sees(kLost));

    SECTION("while the server is down every screen says so; after, each is back by itself and up to date") {
        server.down();
        run(lobby, clock,
            "wait 300\nexpect \"" + kLost + "\"\nexpect \"A001\"\nscreenshot lobby-server-lost.png", "lobby");
        run(a, clock,
            "wait 300\nexpect \"" + kLost + "\"\nexpect \"A001\"\nscreenshot console-server-lost.png",
            "console-a");
        run(b, clock, "wait 300\nexpect \"" + kLost + "\"\nscreenshot compact-server-lost.png", "console-b");
        // The banner takes the notice line: the buttons are where they were.
        CHECK(buttonBounds(a, "Gọi số tiếp theo") == callButton);
        CHECK(buttonBounds(b, "Gọi lại") == stripButton);
        CHECK(a.app.connectionOverlay() == nullptr);
        CHECK(lobby.app.connectionOverlay() != nullptr);
        // A move without the server is refused with the reason, and the officer stays logged in.
        run(a, clock, "key F2\nwait 300", "console-a");
        CHECK(dynamic_cast<console::WorkScreen*>(a.screens.top()));
        CHECK(consoleA.notice().value().text == console::ConsoleSession::kServerLostVi);
        CHECK(a.app.screenErrors() == 0);
        CHECK(b.app.screenErrors() == 0);
        CHECK(lobby.app.screenErrors() == 0);

        server.up();
        // Console A comes back first and calls the next number while the display is still cut off.
        untilReconnected(a, clock, "console-a");
        REQUIRE_FALSE(a.sees(kLost));
        CHECK(lobby.sees(kLost));
        run(a, clock,
            "key F5\nwait 100\nkey F1\nexpect \"Đã gọi số A002\"\nscreenshot console-reconnected.png",
            "console-a");

        untilReconnected(lobby, clock, "lobby");
        REQUIRE_FALSE(lobby.sees(kLost));
        run(lobby, clock, "wait 300\nexpect \"A002\"\nscreenshot lobby-reconnected.png", "lobby");
        // Shown once: one call of A002 among the recent calls, announced once; A001 not again.
        const auto& recent = feed.state().recentCalls();
        CHECK(std::count_if(recent.begin(), recent.end(),
                            [](const display::CallEntry& c) { return c.number == "A002"; }) == 1);
        CHECK(std::count_if(recent.begin(), recent.end(),
                            [](const display::CallEntry& c) { return c.number == "A001"; }) == 1);
        CHECK(lobbyScreen.announced() == 2);
        REQUIRE(announcer.waitUntilIdle(std::chrono::seconds(60)));
        const auto sentences = speech.sentences();
        REQUIRE(sentences.size() == 2);
        CHECK(sentences[0] == voice::composeAnnouncement({"A001", 1}).sentence());
        CHECK(sentences[1] == voice::composeAnnouncement({"A002", 1}).sentence());

        // Console B, the strip, sees the call made meanwhile: one fewer waiting.
        untilReconnected(b, clock, "console-b");
        REQUIRE_FALSE(b.sees(kLost));
        run(b, clock, "wait 300\nexpect \"Chưa có số · 1 người chờ\"\nscreenshot compact-reconnected.png",
            "console-b");
        CHECK(b.app.screenErrors() == 0);
        CHECK(a.app.screenErrors() == 0);
        CHECK(lobby.app.screenErrors() == 0);
    }
}
