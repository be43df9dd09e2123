// An output for tests and for `motcua-say --out`: keeps every piece it is given, in order, and
// returns at once. Can be told to block in play() until released, so a test can make calls while
// an announcement "plays".
#pragma once

#include <condition_variable>
#include <mutex>
#include <vector>

#include "kiosk/voice/audio_output.h"

namespace motcua::voice {

class RecordingAudioOutput final : public AudioOutput {
  public:
    PlayOutcome play(const Pcm& pcm) override;
    void interrupt() override;
    std::string describe() const override { return "recording"; }

    // Every piece played, in order (a copy: the announcer may be playing more meanwhile).
    std::vector<Pcm> pieces() const;
    // All pieces joined at the first piece's rate.
    Pcm joined() const;

    // While held, play() records the piece and then waits until release() (or interrupt()).
    void hold();
    void release();
    // Blocks until `count` pieces have been recorded; false on timeout.
    bool waitForPieces(std::size_t count, std::chrono::milliseconds timeout) const;

  private:
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    std::vector<Pcm> m_pieces;
    bool m_held = false;
    bool m_interrupted = false;
};

}  // namespace motcua::voice
