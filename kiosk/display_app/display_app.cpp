#include "kiosk/display_app/display_app.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "kiosk/display_app/counter_screen.h"
#include "kiosk/display_app/lobby_screen.h"
#include "kiosk/display_app/queue_feed.h"
#include "kiosk/ui/app.h"
#include "kiosk/ui/font_cache.h"
#include "kiosk/ui/screen_stack.h"
#include "kiosk/ui/script_runner.h"
#include "kiosk/ui/sdl_context.h"
#include "kiosk/ui/window.h"
#include "kiosk/voice/office_voice.h"
#include "queue/store.h"

namespace motcua::display {

namespace {
// How often the running display wakes to poll the queue when nothing else happens: a call made by
// any process is drawn within this plus one frame.
constexpr std::chrono::milliseconds kTick{40};

void logLine(const std::string& line) { std::cerr << "motcua-display: " << line << '\n'; }
}  // namespace

void addDisplayOptions(CLI::App& app, DisplayOptions& options) {
    ui::addProgramOptions(app, options.program);
    app.add_option("--counter", options.counter, "Show the display and rating tablet of this counter")
        ->check(CLI::Range(1, 999));
    app.add_flag("--mute", options.mute, "No chime and no voice announcements");
}

nlohmann::json readVoiceSetting(queue::Database& db) {
    queue::Statement st(db, "SELECT value FROM settings WHERE key = 'voice'");
    if (!st.step()) return nlohmann::json::object();
    auto j = nlohmann::json::parse(st.getText(0), nullptr, false);
    return j.is_object() ? j : nlohmann::json::object();
}

voice::VoiceSettings lobbyVoiceSettings(queue::Database& db, const voice::LogSink& log) {
    voice::OfficeVoice office = voice::voiceSettingsFromOffice(readVoiceSetting(db), "assets/voice");
    if (log) {
        for (const std::string& problem : office.problems) log(problem);
    }
    return office.settings;
}

int runDisplay(const DisplayOptions& options) {
    const bool scripted = options.program.script.has_value();
    const std::filesystem::path dbPath = options.program.db.value_or(queue::defaultDatabasePath());
    queue::Database db = queue::openStore(dbPath, queue::OpenPurpose::Use);
    // A script moves time itself, so its runs are the same every time.
    queue::SystemClock systemClock;
    queue::ManualClock manualClock(systemClock.now());
    const queue::Clock& clock = scripted ? static_cast<const queue::Clock&>(manualClock) : systemClock;
    queue::QueueService queue(db, clock);

    const bool lobby = !options.counter.has_value();
    ui::SdlContext sdl({.headless = options.program.headless});
    ui::TtfContext ttf(sdl);
    ui::Size defaultSize = lobby ? ui::Size{1920, 1080} : ui::Size{1280, 800};
    ui::WindowOptions windowOptions;
    windowOptions.title = lobby ? "motcua – màn hình gọi số" : "motcua – quầy " + std::to_string(*options.counter);
    windowOptions.fullscreen = options.program.wantsFullscreen();
    windowOptions.size = options.program.size ? options.program.size
                                              : (options.program.headless ? std::optional(defaultSize) : std::nullopt);
    ui::Window window(sdl, windowOptions);
    ui::Renderer renderer(window);
    ui::FontCache fonts(ttf, ui::FontSet::locate());
    ui::ScreenStack screens;

    // The voice after SDL (it opens SDL audio); it never throws for a missing device or voice.
    std::unique_ptr<voice::Voice> voice;
    if (lobby && !options.mute) {
        voice = std::make_unique<voice::Voice>(lobbyVoiceSettings(db, logLine), logLine);
        logLine(voice->describe());
    }

    QueueFeed feed(queue, db, clock);
    ui::AppOptions appOptions;
    appOptions.log = logLine;
    if (!scripted) appOptions.onDemandTick = kTick;
    ui::App app(renderer, fonts, screens, clock, ui::Theme{}, appOptions);
    if (lobby) screens.push(std::make_unique<LobbyScreen>(feed, clock, voice ? &voice->announcer() : nullptr));
    else screens.push(std::make_unique<CounterScreen>(feed, *options.counter, clock));

    if (scripted) {
        ui::ScriptRunner runner(app, manualClock);
        const ui::ScriptOutcome outcome = runner.runFile(*options.program.script);
        std::cout << ui::formatOutcome(outcome, options.program.script->string()) << '\n';
        // Let the announcements of the script's calls finish before the voice is torn down.
        if (voice) voice->announcer().waitUntilIdle(std::chrono::seconds(60));
        return outcome.ok ? 0 : 1;
    }
    return app.run();
}

}  // namespace motcua::display
