// Script files that drive an SDL program (tests, reviewers): one command per line.
//   tap X Y | tap "visible text" | drag X1 Y1 X2 Y2 | type "text" [MS] | key NAME | wait MS | sleep MS
//   expect "text" | said "text" | screenshot PATH.png | quit
// `said "text"` passes when the program's voice (kiosk voice guidance) has said something containing
// text since the last `said` that passed: it checks what was spoken, in order.
// `wait` moves the program's (manual) clock only, so it is instant; `sleep` lets the same time pass on
// the wall clock too, rendering as it goes, for runs beside other processes (a scripted hour).
// '#' starts a comment (outside quotes); blank lines are skipped. Strings are in double quotes with
// \" and \\ escapes and must be UTF-8. Parsing needs no SDL.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/geometry.h"
#include "kiosk/ui/input.h"

namespace motcua::ui {

enum class ScriptCommandType { TapAt, TapText, Drag, Type, Key, Wait, Sleep, Expect, Said, Screenshot, Quit };

struct ScriptCommand {
    ScriptCommandType type = ScriptCommandType::Quit;
    int line = 0;      // 1-based line in the file
    Point point;       // TapAt; Drag start
    Point to;          // Drag end
    std::string text;  // TapText, Type, Expect, Said; Screenshot path
    Key key = Key::Unknown;
    int milliseconds = 0;  // Wait, Sleep; Type: between characters (0: one frame)
    friend bool operator==(const ScriptCommand&, const ScriptCommand&) = default;
};

struct ScriptError {
    int line = 0;
    std::string message;
};

// Either the commands or the first error (a bad line is an expected outcome, not an exception).
struct ScriptParseResult {
    std::vector<ScriptCommand> commands;
    std::optional<ScriptError> error;
    bool ok() const noexcept { return !error; }
};

ScriptParseResult parseScript(std::string_view source);
// A single line (no newline); nullopt for blank and comment lines.
std::optional<ScriptCommand> parseScriptLine(std::string_view line, int lineNumber, std::string& error);

// "tap 10 20", "type \"việt\"": the command as it would be written (for error reports).
std::string describe(const ScriptCommand& command);

}  // namespace motcua::ui
