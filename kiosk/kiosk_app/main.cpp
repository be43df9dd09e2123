// motcua-kiosk: the citizen kiosk (see kiosk_program.h for the options and exit statuses).
#include <iostream>

#include <CLI/CLI.hpp>

#include "kiosk/kiosk_app/kiosk_program.h"

int main(int argc, char** argv) try {
    motcua::kiosk::KioskOptions options;
    CLI::App app{"motcua-kiosk: the citizen kiosk of the one-stop office (Bộ phận Một cửa)"};
    motcua::kiosk::addKioskOptions(app, options);
    CLI11_PARSE(app, argc, argv);
    return motcua::kiosk::runKiosk(options);
} catch (const std::exception& e) {
    std::cerr << "motcua-kiosk: " << e.what() << '\n';
    return 1;
}
