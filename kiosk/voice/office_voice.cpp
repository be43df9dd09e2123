#include "kiosk/voice/office_voice.h"

#include <nlohmann/json.hpp>

namespace motcua::voice {

OfficeVoice voiceSettingsFromOffice(const nlohmann::json& voice,
                                    const std::filesystem::path& defaultClipDirectory) {
    OfficeVoice out;
    auto& s = out.settings;
    s.clipDirectory = defaultClipDirectory;
    if (!voice.is_object()) return out;
    s.espeak.voice = voice.value("voice", s.espeak.voice);
    s.espeak.rateWpm = voice.value("rate_wpm", s.espeak.rateWpm);
    s.announcer.repeats = voice.value("repeats", s.announcer.repeats);
    s.announcer.chime = voice.value("chime", s.announcer.chime);
    if (voice.value("numbers", std::string("digits")) == "number") {
        s.announcer.reading.ticketNumber = NumberStyle::AsNumber;
    }
    const std::string wording = voice.value("wording", std::string());
    if (!wording.empty()) {
        auto parsed = AnnouncementTemplate::parse(wording);
        if (parsed.value) {
            s.announcer.wording = *parsed.value;
        } else {
            out.problems.push_back("voice.wording: " + parsed.error + "; using the default wording");
        }
    }
    const std::string clips = voice.value("clip_directory", std::string());
    if (!clips.empty()) s.clipDirectory = clips;
    return out;
}

}  // namespace motcua::voice
