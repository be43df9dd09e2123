// Runs parsed script commands against an App. `tap "text"` and `expect "text"` act as a person would:
// they fail when the text is cut off or drawn under another widget's button, and a tap fails when the
// button on top at that point is not the one showing the text (kiosk/ui/layout_check.h).
//
// Runs parsed script commands against an App: each command becomes synthetic input (the same
// ui::InputEvent the SDL translation produces) followed by frames, with time moved by a
// queue::ManualClock, so `wait 30000` is instant and every run is the same; `sleep 30000` takes 30 s
// of wall time as well (the clock still moves by exactly that much). Work the program does on other
// threads (a ticket printing) is waited for after each command, so a script sees its outcome.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "kiosk/ui/app.h"
#include "kiosk/ui/script.h"
#include "queue/clock.h"

namespace motcua::ui {

struct ScriptOutcome {
    bool ok = true;
    bool quit = false;     // the script ended with `quit`
    bool stopped = false;  // the program was asked to stop (a signal) before the script's end
    int line = 0;          // of the failing command
    std::string command;   // the failing command as written
    std::string message;   // why it failed
    std::vector<std::filesystem::path> screenshots;  // written, in order
};

// "script.txt:12: expect \"Lấy số\": ..." (or "ok").
std::string formatOutcome(const ScriptOutcome& outcome, const std::string& scriptName);

class ScriptRunner {
  public:
    static constexpr int kFrameMs = 16;
    // A `wait` renders at most this many frames, however long it is.
    static constexpr int kMaxFramesPerWait = 60;
    // A `sleep` renders a frame every this many milliseconds of wall time.
    static constexpr int kSleepSliceMs = 100;
    // After each command the runner waits for the program's background work (App::backgroundBusy:
    // a ticket being printed), drawing frames without moving the clock, at most this long of wall
    // time; a command whose work is still running then fails.
    static constexpr std::chrono::seconds kSettleLimit{60};

    // app and clock must outlive the runner; clock must be the one the App reads. Relative screenshot
    // paths are resolved against baseDir.
    ScriptRunner(App& app, queue::ManualClock& clock,
                 std::filesystem::path baseDir = std::filesystem::current_path());

    // How long to wait for background work after a command (kSettleLimit unless changed).
    void setSettleLimit(std::chrono::milliseconds limit) { m_settleLimit = limit; }
    // What the program's voice has said so far, in order (for `said`); without it `said` fails.
    void setSpokenLog(std::function<std::vector<std::string>()> spoken) { m_spoken = std::move(spoken); }

    ScriptOutcome run(const std::vector<ScriptCommand>& commands);
    // Parses and runs a script file; a parse error fails at its line before anything runs.
    ScriptOutcome runFile(const std::filesystem::path& path);

  private:
    bool execute(const ScriptCommand& command, ScriptOutcome& outcome, std::string& error);
    void step(int milliseconds);
    bool settle(std::string& error);
    bool tapText(const std::string& text, std::string& error);
    // Why text cannot be read as it is on screen now ("" when it can).
    std::string readable(const VisibleText& text) const;
    // What is on screen now for the layout rules: the screen, the lost-server banner over it, the banner.
    std::vector<LayoutItem> layoutNow() const;
    std::string visibleSummary() const;

    App& m_app;
    queue::ManualClock& m_clock;
    std::filesystem::path m_baseDir;
    std::chrono::milliseconds m_settleLimit = kSettleLimit;
    std::function<std::vector<std::string>()> m_spoken;
    std::size_t m_heard = 0;  // utterances already matched by `said`
};

}  // namespace motcua::ui
