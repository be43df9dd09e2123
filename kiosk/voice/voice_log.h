// Where the voice library reports what it could not do (no sound device, a missing clip, a
// synthesiser error). Programs pass their own logger; the default writes to stderr.
#pragma once

#include <functional>
#include <string>

namespace motcua::voice {

using LogSink = std::function<void(const std::string& message)>;

// Writes "motcua-voice: <message>" lines to stderr.
LogSink stderrLog();

}  // namespace motcua::voice
