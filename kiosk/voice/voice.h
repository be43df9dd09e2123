// The whole voice as a program wants it, built in one place: espeak-ng, recorded clips over it when
// the clip folder has any, SDL audio or the silent output, and the announcer on top. Declare it in
// main after the SdlContext (if any); members are destroyed announcer first, synthesisers last.
//
//   motcua::voice::Voice voice(settings);           // never throws for a missing device or voice
//   voice.announcer().announce({.ticketNumber = "A012", .counterNumber = 2});
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "kiosk/voice/announcer.h"
#include "kiosk/voice/audio_output.h"
#include "kiosk/voice/clip_synthesizer.h"
#include "kiosk/voice/espeak_synthesizer.h"
#include "kiosk/voice/sdl_audio_output.h"
#include "kiosk/voice/voice_log.h"

namespace motcua::voice {

struct VoiceSettings {
    EspeakSettings espeak{};
    // Recorded clips (assets/voice/README.md); a folder without clips means espeak-ng only.
    std::filesystem::path clipDirectory{};
    ClipSettings clips{};
    AnnouncerSettings announcer{};
    SdlAudioSettings audio{};
};

// A synthesiser that says nothing: what is left when espeak-ng cannot start (its data missing).
// The announcer then rings the chime only. Logs once.
class NoSpeech final : public SpeechSynthesizer {
  public:
    NoSpeech(std::string reason, LogSink log) : m_reason(std::move(reason)), m_log(std::move(log)) {}
    Pcm synthesize(const AnnouncementText& text) override;
    std::string describe() const override { return "no speech (" + m_reason + ")"; }

  private:
    std::string m_reason;
    LogSink m_log;
    bool m_logged = false;
};

class Voice {
  public:
    // `output` null = openAudioOutput(settings.audio): SDL, or silent when there is no device.
    explicit Voice(VoiceSettings settings, LogSink log = stderrLog(),
                   std::unique_ptr<AudioOutput> output = nullptr);
    Voice(const Voice&) = delete;
    Voice& operator=(const Voice&) = delete;
    ~Voice();

    Announcer& announcer() noexcept { return *m_announcer; }
    // The speech in use: the clips (over espeak-ng) when there are any, else espeak-ng (or NoSpeech).
    SpeechSynthesizer& synthesizer() noexcept { return m_synthesizer ? *m_synthesizer : *m_espeak; }
    AudioOutput& output() noexcept { return *m_output; }
    // One line for the log: which speech and which output are in use.
    std::string describe() const;

  private:
    std::unique_ptr<SpeechSynthesizer> m_espeak;       // EspeakSynthesizer or NoSpeech
    std::unique_ptr<SpeechSynthesizer> m_synthesizer;  // ClipSynthesizer over m_espeak, or null
    std::unique_ptr<AudioOutput> m_output;
    std::unique_ptr<Announcer> m_announcer;
};

}  // namespace motcua::voice
