// motcua-kiosk: the citizen kiosk (see kiosk_program.h for the options and exit statuses).
#include <CLI/CLI.hpp>
#include <iostream>

#include "kiosk/kiosk_app/kiosk_program.h"
#include "kiosk/voice/pulse_headphone_watch.h"

int main(int argc, char** argv) try {
    motcua::kiosk::KioskOptions options;
    // Headphones plugged in turn voice guidance on, where the sound server reports them.
    options.headphoneWatch = [] { return motcua::voice::makePulseHeadphoneWatch(); };
    return motcua::shell::runProgram(
        motcua::kiosk::kKioskProgram, argc, argv,
        [&](CLI::App& cli) { motcua::kiosk::addKioskOptions(cli, options); }, options.program,
        [&] { return motcua::kiosk::runKiosk(options); });
} catch (const std::exception& e) {
    std::cerr << "motcua-kiosk: " << e.what() << '\n';
    return 1;
}
