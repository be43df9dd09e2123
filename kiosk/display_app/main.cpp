// motcua-display: the lobby's call display, or with --counter N a counter's display and rating tablet.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "kiosk/display_app/display_app.h"

int main(int argc, char** argv) try {
    CLI::App cli{"motcua-display: lobby call display (TV) or, with --counter N, a counter's display"};
    motcua::display::DisplayOptions options;
    motcua::display::addDisplayOptions(cli, options);
    CLI11_PARSE(cli, argc, argv);
    return motcua::display::runDisplay(options);
} catch (const std::exception& e) {
    std::cerr << "motcua-display: " << e.what() << '\n';
    return 1;
}
