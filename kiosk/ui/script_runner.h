// Runs parsed script commands against an App: each command becomes synthetic input (the same
// ui::InputEvent the SDL translation produces) followed by frames, with time moved by a
// queue::ManualClock, so `wait 30000` is instant and every run is the same; `sleep 30000` takes 30 s
// of wall time as well (the clock still moves by exactly that much).
#pragma once

#include "kiosk/ui/app.h"
#include "kiosk/ui/script.h"
#include "queue/clock.h"

#include <filesystem>
#include <string>
#include <vector>

namespace motcua::ui {

struct ScriptOutcome {
    bool ok = true;
    bool quit = false;       // the script ended with `quit`
    int line = 0;            // of the failing command
    std::string command;     // the failing command as written
    std::string message;     // why it failed
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

    // app and clock must outlive the runner; clock must be the one the App reads. Relative screenshot
    // paths are resolved against baseDir.
    ScriptRunner(App& app, queue::ManualClock& clock, std::filesystem::path baseDir = std::filesystem::current_path());

    ScriptOutcome run(const std::vector<ScriptCommand>& commands);
    // Parses and runs a script file; a parse error fails at its line before anything runs.
    ScriptOutcome runFile(const std::filesystem::path& path);

private:
    bool execute(const ScriptCommand& command, ScriptOutcome& outcome, std::string& error);
    void step(int milliseconds);
    bool tapText(const std::string& text, std::string& error);
    std::string visibleSummary() const;

    App& m_app;
    queue::ManualClock& m_clock;
    std::filesystem::path m_baseDir;
};

}  // namespace motcua::ui
