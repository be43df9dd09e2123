// motcua-console: the staff console at a counter (see console_program.h for the options and exit
// statuses).
#include <CLI/CLI.hpp>
#include <iostream>

#include "kiosk/console_app/console_program.h"

int main(int argc, char** argv) try {
    motcua::console::ConsoleOptions options;
    return motcua::shell::runProgram(
        motcua::console::kConsoleProgram, argc, argv,
        [&](CLI::App& cli) { motcua::console::addConsoleOptions(cli, options); }, options.program,
        [&] { return motcua::console::runConsole(options); });
} catch (const std::exception& e) {
    std::cerr << "motcua-console: " << e.what() << '\n';
    return 1;
}
