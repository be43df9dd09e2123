// motcua-console: the staff console at a counter. Everything is in motcua::console_app.
#include <iostream>

#include <CLI/CLI.hpp>

#include "kiosk/console_app/console.h"

int main(int argc, char** argv) try {
    motcua::console::ConsoleOptions options;
    CLI::App app{"motcua-console: call and serve citizens at a counter", "motcua-console"};
    motcua::console::addConsoleOptions(app, options);
    CLI11_PARSE(app, argc, argv);
    return motcua::console::runConsole(options);
} catch (const std::exception& e) {
    std::cerr << "motcua-console: " << e.what() << '\n';
    return 1;
}
