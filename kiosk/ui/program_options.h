// The command-line options of motcua's SDL programs (kiosk, display, console): those every program
// has, --config and --printer for the programs that use them. Programs add their own options to the
// same CLI11 app (kiosk/shell/program_shell.h runs it all).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/ui/geometry.h"

namespace CLI {
class App;
}

namespace motcua::ui {

struct ProgramOptions {
    bool headless = false;                    // --headless: SDL offscreen driver, software renderer
    std::optional<Size> size;                 // --size WxH
    bool fullscreen = false;                  // --fullscreen (the default when not headless and no --size)
    std::optional<std::filesystem::path> db;  // --db FILE
    std::optional<std::filesystem::path> config;  // --config FILE
    std::optional<std::filesystem::path> script;  // --script FILE
    std::optional<std::string> printer;           // --printer URI
    // --screenshots DIR: where a script's relative screenshot paths go; empty: the current directory.
    std::filesystem::path screenshots;

    // Whether the window should be fullscreen: asked for, or a real display without a chosen size.
    bool wantsFullscreen() const noexcept { return !headless && (fullscreen || !size); }
};

// "1080x1920" -> {1080, 1920}; nullopt unless both are whole numbers from 64 to 16384.
std::optional<Size> parseSize(std::string_view text);

// Which of the options a program takes besides those every program has (--headless, --size,
// --fullscreen, --db, --script, --screenshots). One it does not take is not registered, so the
// command line refuses it as any unknown option (usage, exit status 2).
struct OptionSet {
    bool config = false;   // --config FILE
    bool printer = false;  // --printer URI
};

// Registers the shared options on app, filling options when app parses.
void addProgramOptions(CLI::App& app, ProgramOptions& options, OptionSet set);

}  // namespace motcua::ui
