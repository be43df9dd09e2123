// The service the announcer needs to turn a sentence into sound. Implemented by espeak-ng
// (EspeakSynthesizer) and by recorded clips (ClipSynthesizer); tests may use their own.
#pragma once

#include <string>

#include "kiosk/voice/announcement_text.h"
#include "kiosk/voice/pcm.h"

namespace motcua::voice {

// Implementations need not be thread-safe: the Announcer calls its synthesiser from its own thread
// only. (EspeakSynthesizer happens to be.)
class SpeechSynthesizer {
  public:
    virtual ~SpeechSynthesizer() = default;
    // The spoken sentence, without leading or trailing silence beyond what the voice itself adds.
    // Throws (the implementation's error type) when the engine fails; an empty text gives empty PCM.
    virtual Pcm synthesize(const AnnouncementText& text) = 0;
    // For logs: "espeak-ng vi", "clips in /path".
    virtual std::string describe() const = 0;
};

}  // namespace motcua::voice
