// Playback through SDL2 audio. Each play() queues the sound (SDL_QueueAudio) and waits until the
// device has played it, so pieces follow each other and never overlap.
//
// Lifetime: takes its own reference on SDL's audio subsystem (SDL_InitSubSystem/QuitSubSystem), so it
// works with or without the UI's SdlContext; when both exist, declare this after the SdlContext so it
// is closed before SDL_Quit.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "kiosk/voice/audio_output.h"
#include "kiosk/voice/voice_log.h"

namespace motcua::voice {

// An SDL audio call failed. The message names the call and carries SDL_GetError() as it was when
// the error happened (SDL's error string is a global that the next call may overwrite).
class SdlAudioError : public std::runtime_error {
  public:
    explicit SdlAudioError(std::string_view call);
};

struct SdlAudioSettings {
    std::string device{};    // an SDL playback device name; empty = the system default
    int sampleRate = 22050;  // asked of the device; SDL converts from whatever the sound has
};

class SdlAudioOutput final : public AudioOutput {
  public:
    // Opens the device; SdlAudioError when SDL has no audio driver or the device cannot be opened.
    explicit SdlAudioOutput(SdlAudioSettings settings = {}, LogSink log = stderrLog());
    SdlAudioOutput(const SdlAudioOutput&) = delete;
    SdlAudioOutput& operator=(const SdlAudioOutput&) = delete;
    ~SdlAudioOutput() override;

    PlayOutcome play(const Pcm& pcm) override;
    void interrupt() override;
    void cutShort() override;
    std::string describe() const override;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Where a program gets its output (the boundary of "no sound device -> silent voice"): SDL audio
// when it opens, otherwise a SilentAudioOutput that says why, logged once.
std::unique_ptr<AudioOutput> openAudioOutput(const SdlAudioSettings& settings = {},
                                             LogSink log = stderrLog());

}  // namespace motcua::voice
