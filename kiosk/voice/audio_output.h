// The service the announcer needs to make sound: play PCM to the end, one piece after another.
// Implemented by SDL2 audio (SdlAudioOutput), silently (SilentAudioOutput: no sound device, and the
// test double that keeps time) and by RecordingAudioOutput (tests: keeps what it was given).
#pragma once

#include <string>

#include "kiosk/voice/pcm.h"

namespace motcua::voice {

enum class PlayOutcome {
    Played,       // heard to the end (or, without a device, as long as it would have taken)
    Interrupted,  // interrupt() was called: the rest was dropped
};

class AudioOutput {
  public:
    virtual ~AudioOutput() = default;
    // Blocks until the sound has been played to the end. Called from one thread at a time.
    virtual PlayOutcome play(const Pcm& pcm) = 0;
    // From any thread: the play() in progress returns Interrupted soon, and so does every later one.
    // For shutting down; there is no way back.
    virtual void interrupt() = 0;
    // From any thread: the play() in progress, if any, returns Interrupted soon; later plays play as
    // usual (voice guidance: the citizen touched the screen, speech stops at once).
    virtual void cutShort() {}
    // For logs: "SDL audio: Built-in Audio Analog Stereo, 22050 Hz", "silent (no sound device: ...)".
    virtual std::string describe() const = 0;
};

}  // namespace motcua::voice
