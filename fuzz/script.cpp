// Fuzz target: the script-command parser of the UI toolkit (scripts that drive the kiosk, display
// and console headless). A bad line is a value (ScriptError); a crash, UB, a leak or an exception
// is a bug. Every parsed command must also read back the same from describe(), as the error reports
// quote it (screenshot paths are written unquoted, so only plain ones are checked).
#include "kiosk/ui/script.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto result = motcua::ui::parseScript(text);
    if (!result.ok()) {
        if (!result.commands.empty() || result.error->line < 1) __builtin_trap();
        return 0;
    }
    for (const auto& command : result.commands) {
        const std::string written = motcua::ui::describe(command);
        if (command.type == motcua::ui::ScriptCommandType::Screenshot &&
            command.text.find_first_of(" \t\r\"#") != std::string::npos)
            continue;
        std::string error;
        const auto again = motcua::ui::parseScriptLine(written, command.line, error);
        if (!again || !(*again == command)) __builtin_trap();
    }
    return 0;
}
