// motcua-display: the lobby's call display, or with --counter N a counter's display and rating tablet
// (see display_program.h for the options and exit statuses).
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "kiosk/display_app/display_program.h"

int main(int argc, char** argv) try {
    motcua::display::DisplayOptions options;
    return motcua::shell::runProgram(
        motcua::display::kDisplayProgram, argc, argv,
        [&](CLI::App& cli) { motcua::display::addDisplayOptions(cli, options); }, options.program,
        [&] { return motcua::display::runDisplay(options); });
} catch (const std::exception& e) {
    std::cerr << "motcua-display: " << e.what() << '\n';
    return 1;
}
