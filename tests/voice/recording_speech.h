// A speech synthesizer that keeps what it was asked to say, in order, while a real one (espeak-ng)
// says it: for tests of what a display announces (tests/display_app, tests/console_app).
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "kiosk/voice/announcement_text.h"
#include "kiosk/voice/speech_synthesizer.h"

namespace motcua::voice::testing {

class RecordingSpeech final : public SpeechSynthesizer {
  public:
    explicit RecordingSpeech(SpeechSynthesizer& inner) : m_inner(inner) {}
    Pcm synthesize(const AnnouncementText& text) override {
        {
            std::lock_guard lock(m_mutex);
            m_sentences.push_back(text.sentence());
        }
        return m_inner.synthesize(text);
    }
    std::string describe() const override { return "recording " + m_inner.describe(); }
    std::vector<std::string> sentences() const {
        std::lock_guard lock(m_mutex);
        return m_sentences;
    }

  private:
    SpeechSynthesizer& m_inner;
    mutable std::mutex m_mutex;
    std::vector<std::string> m_sentences;
};

}  // namespace motcua::voice::testing
