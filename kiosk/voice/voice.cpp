#include "kiosk/voice/voice.h"

namespace motcua::voice {

Pcm NoSpeech::synthesize(const AnnouncementText& /*text*/) {
    if (!m_logged && m_log) m_log("no speech synthesiser: announcements are a chime only (" + m_reason + ")");
    m_logged = true;
    return Pcm{};
}

Voice::Voice(VoiceSettings settings, LogSink log, std::unique_ptr<AudioOutput> output) {
    const EspeakSettings defaults;
    try {
        m_espeak = std::make_unique<EspeakSynthesizer>(settings.espeak);
    } catch (const EspeakError& e) {
        // A mistyped voice falls back to the northern voice; an engine that cannot start at all
        // leaves the chime.
        if (settings.espeak.voice != defaults.voice) {
            if (log) log(std::string(e.what()) + ": using the voice \"" + defaults.voice + "\"");
            settings.espeak.voice = defaults.voice;
            try {
                m_espeak = std::make_unique<EspeakSynthesizer>(settings.espeak);
            } catch (const EspeakError& again) {
                m_espeak = std::make_unique<NoSpeech>(again.what(), log);
            }
        } else {
            m_espeak = std::make_unique<NoSpeech>(e.what(), log);
        }
    }
    SpeechSynthesizer* speech = m_espeak.get();
    if (!settings.clipDirectory.empty()) {
        ClipLibrary clips = ClipLibrary::load(settings.clipDirectory, log);
        if (!clips.empty()) {
            m_synthesizer =
                std::make_unique<ClipSynthesizer>(std::move(clips), *m_espeak, log, settings.clips);
            speech = m_synthesizer.get();
        }
    }
    m_output = output ? std::move(output) : openAudioOutput(settings.audio, log);
    m_announcer =
        std::make_unique<Announcer>(*speech, *m_output, std::move(settings.announcer), std::move(log));
}

Voice::~Voice() = default;  // the announcer (declared last) goes first, joining its thread

std::string Voice::describe() const {
    const SpeechSynthesizer& speech = m_synthesizer ? *m_synthesizer : *m_espeak;
    return "voice: " + speech.describe() + "; output: " + m_output->describe();
}

}  // namespace motcua::voice
