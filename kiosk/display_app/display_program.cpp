#include "kiosk/display_app/display_program.h"

#include <iostream>

#include "kiosk/display_app/counter_screen.h"
#include "kiosk/display_app/lobby_screen.h"
#include "kiosk/display_app/queue_feed.h"
#include "queue/integrity.h"
#include "queue/store.h"

namespace motcua::display {

namespace {
// How often the running display wakes to poll the queue when nothing else happens: a call made by
// any process is drawn within this plus one frame.
constexpr std::chrono::milliseconds kTick{40};

void logLine(const std::string& line) {
    std::cerr << "motcua-display: " << line << '\n';
}
}  // namespace

struct DisplayProgram::Parts {
    std::optional<queue::Database> db;
    std::unique_ptr<queue::QueueService> queue;
    std::unique_ptr<QueueFeed> feed;
    std::unique_ptr<voice::Voice> voice;
};

DisplayProgram::DisplayProgram(DisplayOptions options)
    : m_options(std::move(options)), m_parts(std::make_unique<Parts>()) {
    shell::ShellSettings settings;
    settings.log = logLine;
    m_shell = std::make_unique<shell::ProgramShell>(kDisplayProgram, m_options.program, *this, settings);
}

DisplayProgram::~DisplayProgram() = default;

void DisplayProgram::close() {
    // The voice first (its thread may still be speaking), the database last.
    auto& p = *m_parts;
    p.voice.reset();
    p.feed.reset();
    p.queue.reset();
    p.db.reset();
}

int DisplayProgram::run() {
    return m_shell->run();
}

void DisplayProgram::open(const shell::ShellContext& context) {
    auto& p = *m_parts;
    p.db.emplace(
        queue::openStore(queue::programDatabaseLocation(m_options.program.db), queue::OpenPurpose::Use));
    queue::refuseDamaged(*p.db);
    p.queue = std::make_unique<queue::QueueService>(*p.db, context.clock);
    p.feed = std::make_unique<QueueFeed>(*p.queue, *p.db, context.clock);
}

ui::WindowOptions DisplayProgram::window(const shell::ShellContext& context) const {
    const bool lobby = !m_options.counter.has_value();
    ui::WindowOptions wo;
    wo.title = lobby ? "motcua – màn hình gọi số" : "motcua – quầy " + std::to_string(*m_options.counter);
    // Headless, a lobby TV or a counter's small screen; on a real display, the whole screen.
    if (context.options.headless) wo.size = lobby ? ui::Size{1920, 1080} : ui::Size{1280, 800};
    return wo;
}

void DisplayProgram::configure(const shell::ShellContext& context, ui::AppOptions& options, ui::Theme&) {
    // A script moves time itself and draws every frame, so its runs are the same every time.
    if (!context.options.script) options.onDemandTick = kTick;
}

void DisplayProgram::start(const shell::ShellContext& context, ui::App& app, ui::ScreenStack& screens) {
    auto& p = *m_parts;
    // While the feed cannot reach the server, the lost-server banner across the top (ui::App).
    app.watchServer([feed = p.feed.get()] { return feed->offline(); });
    const bool lobby = !m_options.counter.has_value();
    // The voice after SDL (it opens SDL audio); it never throws for a missing device or voice.
    if (lobby && !m_options.mute) {
        p.voice = std::make_unique<voice::Voice>(lobbyVoiceSettings(*p.db, logLine), logLine);
        logLine(p.voice->describe());
    }
    if (lobby)
        screens.push(
            std::make_unique<LobbyScreen>(*p.feed, context.clock, p.voice ? &p.voice->announcer() : nullptr));
    else
        screens.push(std::make_unique<CounterScreen>(*p.feed, *m_options.counter, context.clock));
}

void DisplayProgram::finish(std::chrono::milliseconds grace) {
    // The announcements of the last calls end before the voice is torn down.
    if (m_parts->voice) m_parts->voice->announcer().waitUntilIdle(grace);
}

int runDisplay(const DisplayOptions& options) {
    try {
        DisplayProgram program(options);
        return program.run();
    } catch (const std::exception& e) {
        return shell::exitStatusFor(e, logLine);
    }
}

}  // namespace motcua::display
