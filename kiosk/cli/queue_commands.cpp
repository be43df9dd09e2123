#include "kiosk/cli/cli.h"

#include <CLI/CLI.hpp>

namespace motcua::cli {

void registerQueueCommands(CLI::App&, Context&) {}

}  // namespace motcua::cli
