#include "kiosk/cli/cli.h"

#include <CLI/CLI.hpp>

namespace motcua::cli {

// The catalogue commands arrive with the catalogue (issue 3).
void registerCatalogueCommands(CLI::App&, Context&) {}

}  // namespace motcua::cli
