#include "kiosk/cli/cli.h"

#include <CLI/CLI.hpp>

namespace motcua::cli {

// The printer commands arrive with the printer library (issue 4).
void registerPrinterCommands(CLI::App&, Context&) {}

}  // namespace motcua::cli
