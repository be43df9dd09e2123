// The output when there is no sound device, and the test double that keeps time: plays nothing,
// logs once that announcements are silent, and takes as long as the sound would have, so
// everything that waits for an announcement to finish keeps working.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>

#include "kiosk/voice/audio_output.h"
#include "kiosk/voice/voice_log.h"

namespace motcua::voice {

class SilentAudioOutput final : public AudioOutput {
  public:
    // How a play() spends the sound's duration. Real time by default (interruptible); tests pass
    // one that returns at once and counts.
    using Wait = std::function<void(std::chrono::milliseconds)>;

    // `reason` says why there is no sound, for the log ("SDL_OpenAudioDevice: no such device").
    explicit SilentAudioOutput(std::string reason = "", LogSink log = stderrLog(), Wait wait = nullptr);

    PlayOutcome play(const Pcm& pcm) override;
    void interrupt() override;
    void cutShort() override;
    std::string describe() const override;

    // Total duration of everything played so far, and how many pieces.
    std::chrono::milliseconds playedDuration() const;
    int plays() const;

  private:
    std::string m_reason;
    LogSink m_log;
    Wait m_wait;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_interrupted = false;
    bool m_cut = false;
    bool m_logged = false;
    std::chrono::milliseconds m_played{0};
    int m_plays = 0;
};

}  // namespace motcua::voice
