#include "kiosk/voice/voice_log.h"

#include <iostream>

namespace motcua::voice {

LogSink stderrLog() {
    return [](const std::string& message) { std::cerr << "motcua-voice: " << message << '\n'; };
}

}  // namespace motcua::voice
