#include "kiosk/ui/program_options.h"

#include <CLI/CLI.hpp>
#include <charconv>

namespace motcua::ui {

std::optional<Size> parseSize(std::string_view text) {
    const auto x = text.find_first_of("xX");
    if (x == std::string_view::npos) return std::nullopt;
    auto number = [](std::string_view s) -> std::optional<int> {
        int value = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
        if (s.empty() || ec != std::errc() || end != s.data() + s.size() || value < 64 || value > 16384)
            return std::nullopt;
        return value;
    };
    const auto w = number(text.substr(0, x));
    const auto h = number(text.substr(x + 1));
    if (!w || !h) return std::nullopt;
    return Size{*w, *h};
}

void addProgramOptions(CLI::App& app, ProgramOptions& options, OptionSet set) {
    app.add_flag("--headless", options.headless,
                 "Run without a display (SDL offscreen driver, software renderer)");
    app.add_option_function<std::string>(
           "--size",
           [&options](const std::string& value) {
               const auto size = parseSize(value);
               if (!size)
                   throw CLI::ValidationError("--size",
                                              "expected WIDTHxHEIGHT such as 1080x1920, got " + value);
               options.size = size;
           },
           "Window size in pixels, WIDTHxHEIGHT (e.g. 1080x1920 portrait, 1920x1080 landscape)")
        ->type_name("WxH");
    app.add_flag("--fullscreen", options.fullscreen, "Fullscreen even with --size");
    app.add_option("--db", options.db, "The motcua database file")->type_name("FILE");
    if (set.config)
        app.add_option("--config", options.config,
                       "The office configuration file, loaded into the database first")
            ->type_name("FILE");
    app.add_option("--script", options.script,
                   "Run the commands of this script file, then exit (non-zero on failure)")
        ->type_name("FILE")
        ->check(CLI::ExistingFile);
    app.add_option(
           "--screenshots", options.screenshots,
           "Where a script's screenshots go when their paths are relative (default: the current directory)")
        ->type_name("DIR");
    if (set.printer)
        app.add_option("--printer", options.printer,
                       "Ticket printer: usb:, cups:NAME, tcp:HOST[:PORT], file:PATH or none")
            ->type_name("URI");
}

}  // namespace motcua::ui
