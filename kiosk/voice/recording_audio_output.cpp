#include "kiosk/voice/recording_audio_output.h"

namespace motcua::voice {

PlayOutcome RecordingAudioOutput::play(const Pcm& pcm) {
    std::unique_lock lock(m_mutex);
    if (m_interrupted) return PlayOutcome::Interrupted;
    m_pieces.push_back(pcm);
    m_changed.notify_all();
    m_changed.wait(lock, [this] { return !m_held || m_interrupted; });
    return m_interrupted ? PlayOutcome::Interrupted : PlayOutcome::Played;
}

void RecordingAudioOutput::interrupt() {
    std::lock_guard lock(m_mutex);
    m_interrupted = true;
    m_changed.notify_all();
}

std::vector<Pcm> RecordingAudioOutput::pieces() const {
    std::lock_guard lock(m_mutex);
    return m_pieces;
}

Pcm RecordingAudioOutput::joined() const {
    std::lock_guard lock(m_mutex);
    Pcm out{m_pieces.empty() ? 22050 : m_pieces.front().sampleRate, {}};
    for (const Pcm& piece : m_pieces) append(out, piece);
    return out;
}

void RecordingAudioOutput::hold() {
    std::lock_guard lock(m_mutex);
    m_held = true;
}

void RecordingAudioOutput::release() {
    std::lock_guard lock(m_mutex);
    m_held = false;
    m_changed.notify_all();
}

bool RecordingAudioOutput::waitForPieces(std::size_t count, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [&] { return m_pieces.size() >= count; });
}

}  // namespace motcua::voice
