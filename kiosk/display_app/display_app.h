// motcua-display: the lobby display (default) or, with --counter N, the display and rating tablet of
// counter N. runDisplay is the whole program; main only parses the command line.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "kiosk/ui/program_options.h"
#include "kiosk/voice/voice.h"
#include "queue/sqlite.h"

namespace CLI {
class App;
}

namespace motcua::display {

struct DisplayOptions {
    ui::ProgramOptions program;
    std::optional<int> counter;  // --counter N: the counter display instead of the lobby
    bool mute = false;           // --mute: no chime and no voice
};

void addDisplayOptions(CLI::App& app, DisplayOptions& options);

// The lobby's voice: the office's "voice" setting (voice::voiceSettingsFromOffice) with assets/voice
// as the clip folder when the office names none; each problem is logged and its default used.
voice::VoiceSettings lobbyVoiceSettings(queue::Database& db, const voice::LogSink& log);
// The "voice" setting of the database ({} when there is none).
nlohmann::json readVoiceSetting(queue::Database& db);

// Runs the display until the window closes (or the script ends). Returns the exit status.
int runDisplay(const DisplayOptions& options);

}  // namespace motcua::display
