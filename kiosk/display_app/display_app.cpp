#include "kiosk/display_app/display_app.h"

#include <CLI/CLI.hpp>

#include "kiosk/frontend/assets.h"
#include "kiosk/voice/office_voice.h"
#include "queue/settings_store.h"

namespace motcua::display {

void addDisplayOptions(CLI::App& app, DisplayOptions& options) {
    app.add_option("--counter", options.counter, "Show the display and rating tablet of this counter")
        ->check(CLI::Range(1, 999));
    app.add_flag("--mute", options.mute, "No chime and no voice announcements");
}

nlohmann::json readVoiceSetting(queue::Database& db) {
    auto j = queue::readSetting(db, "voice");
    return j.is_object() ? j : nlohmann::json::object();
}

voice::VoiceSettings lobbyVoiceSettings(queue::Database& db, const voice::LogSink& log) {
    voice::OfficeVoice office =
        voice::voiceSettingsFromOffice(readVoiceSetting(db), kiosk::assetsDirectory() / "voice");
    if (log) {
        for (const std::string& problem : office.problems) log(problem);
    }
    return office.settings;
}

}  // namespace motcua::display
