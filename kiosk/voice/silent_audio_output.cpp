#include "kiosk/voice/silent_audio_output.h"

namespace motcua::voice {

SilentAudioOutput::SilentAudioOutput(std::string reason, LogSink log, Wait wait)
    : m_reason(std::move(reason)), m_log(std::move(log)), m_wait(std::move(wait)) {}

PlayOutcome SilentAudioOutput::play(const Pcm& pcm) {
    const auto duration =
        std::chrono::round<std::chrono::milliseconds>(std::chrono::duration<double>(pcm.seconds()));
    {
        std::lock_guard lock(m_mutex);
        if (m_interrupted) return PlayOutcome::Interrupted;
        m_cut = false;
        if (!m_logged) {
            m_logged = true;
            if (m_log)
                m_log("no sound device: announcements are silent" +
                      (m_reason.empty() ? "" : " (" + m_reason + ")"));
        }
        m_played += duration;
        ++m_plays;
    }
    if (m_wait) {
        m_wait(duration);
    } else {
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, duration, [this] { return m_interrupted || m_cut; });
    }
    std::lock_guard lock(m_mutex);
    const bool stopped = m_interrupted || m_cut;
    m_cut = false;
    return stopped ? PlayOutcome::Interrupted : PlayOutcome::Played;
}

void SilentAudioOutput::cutShort() {
    {
        std::lock_guard lock(m_mutex);
        m_cut = true;
    }
    m_wake.notify_all();
}

void SilentAudioOutput::interrupt() {
    {
        std::lock_guard lock(m_mutex);
        m_interrupted = true;
    }
    m_wake.notify_all();
}

std::string SilentAudioOutput::describe() const {
    return "silent" + (m_reason.empty() ? std::string() : " (" + m_reason + ")");
}

std::chrono::milliseconds SilentAudioOutput::playedDuration() const {
    std::lock_guard lock(m_mutex);
    return m_played;
}

int SilentAudioOutput::plays() const {
    std::lock_guard lock(m_mutex);
    return m_plays;
}

}  // namespace motcua::voice
