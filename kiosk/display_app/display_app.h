// motcua-display: the lobby display (default) or, with --counter N, the display and rating tablet of
// counter N: its options and the lobby's voice settings. display_program.h is the program.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kiosk/ui/program_options.h"
#include "kiosk/voice/voice.h"
#include "queue/database.h"

namespace CLI {
class App;
}

namespace motcua::display {

struct DisplayOptions {
    ui::ProgramOptions program;
    std::optional<int> counter;  // --counter N: the counter display instead of the lobby
    bool mute = false;           // --mute: no chime and no voice
};

// Registers the display's own options (the shell registers the shared ones).
void addDisplayOptions(CLI::App& app, DisplayOptions& options);

// The lobby's voice: the office's "voice" setting (voice::voiceSettingsFromOffice) with motcua's
// voice/ folder (kiosk::assetsDirectory()) as the clip folder when the office names none; each
// problem is logged and its default used.
voice::VoiceSettings lobbyVoiceSettings(queue::Database& db, const voice::LogSink& log);
// The "voice" setting of the database ({} when there is none).
nlohmann::json readVoiceSetting(queue::Database& db);

}  // namespace motcua::display
