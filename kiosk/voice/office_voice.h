// VoiceSettings from the office's "voice" settings (written by `motcua init` from [voice] in the
// office config). Problems never stop the display: they come back as messages to log, and the
// default for that setting is used.
#pragma once

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "kiosk/voice/voice.h"

namespace motcua::voice {

struct OfficeVoice {
    VoiceSettings settings;
    std::vector<std::string> problems;  // English, one line each
};

// defaultClipDirectory is used when the office names none (the bundled assets/voice).
OfficeVoice voiceSettingsFromOffice(const nlohmann::json& voice,
                                    const std::filesystem::path& defaultClipDirectory);

}  // namespace motcua::voice
