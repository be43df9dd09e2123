// Speech from espeak-ng (libespeak-ng, Debian), offline, Vietnamese voices "vi" (northern, the
// default), "vi-vn-x-central" and "vi-vn-x-south".
//
// Thread rules: espeak-ng keeps one global state per process. It is initialised on the first
// EspeakSynthesizer ever constructed (with that one's data path; later ones share it) and never
// terminated. Every call into it holds one process-wide lock, so EspeakSynthesizers may be used
// from any thread and several may exist with different voices; syntheses run one at a time.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/voice/speech_synthesizer.h"

namespace motcua::voice {

// An espeak-ng call failed. The message names the call and carries espeak-ng's own text for the
// status, taken when the error happened.
class EspeakError : public std::runtime_error {
  public:
    EspeakError(std::string_view call, int status);
    EspeakError(std::string_view call, const std::string& message);
    int status() const noexcept { return m_status; }

  private:
    int m_status = 0;
};

struct EspeakSettings {
    std::string voice = "vi";  // an espeak-ng voice or language name
    int rateWpm = 150;         // words per minute, 80..450 (espeak-ng's default is 175)
    int pitch = 50;            // 0..100
    int volume = 100;          // 0..200
    int wordGapMs = 0;         // extra pause between words, in steps of 10 ms
    // Where espeak-ng-data lives; empty = the library's default (/usr/lib/x86_64-linux-gnu/espeak-ng-data).
    std::filesystem::path dataPath{};
};

class EspeakSynthesizer final : public SpeechSynthesizer {
  public:
    // Initialises espeak-ng if this is the first, and checks the voice exists (EspeakError otherwise).
    explicit EspeakSynthesizer(EspeakSettings settings = {});

    Pcm synthesize(const AnnouncementText& text) override;
    // Any UTF-8 sentence, read with this synthesiser's voice; leading and trailing silence trimmed.
    Pcm synthesizeSentence(std::string_view utf8);
    std::string describe() const override;

    int sampleRate() const noexcept { return m_sampleRate; }
    const EspeakSettings& settings() const noexcept { return m_settings; }

    // The language names of the installed voices for a language ("vi" -> "vi", "vi-vn-x-central",
    // "vi-vn-x-south"). Initialises espeak-ng like the constructor does.
    static std::vector<std::string> voices(std::string_view language,
                                           const std::filesystem::path& dataPath = {});

  private:
    EspeakSettings m_settings;
    int m_sampleRate = 0;
};

}  // namespace motcua::voice
