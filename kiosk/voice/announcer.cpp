#include "kiosk/voice/announcer.h"

#include <algorithm>
#include <exception>

namespace motcua::voice {

Announcer::Announcer(SpeechSynthesizer& synthesizer, AudioOutput& output, AnnouncerSettings settings,
                     LogSink log)
    : m_synthesizer(synthesizer),
      m_output(output),
      m_settings(std::move(settings)),
      m_log(std::move(log)),
      m_chime(m_settings.chime ? makeChime(m_settings.chimeSound) : Pcm{}),
      m_worker([this] { run(); }) {}

Announcer::~Announcer() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_waiting.clear();
    }
    m_changed.notify_all();
    m_output.interrupt();
    m_worker.join();
}

Queued Announcer::announce(const TicketCall& call) {
    return enqueue(
        {call, m_settings.wording.render(call, m_settings.reading), m_settings.chime, m_settings.repeats});
}

Queued Announcer::announce(AnnouncementText text, bool chime, int repeats) {
    return enqueue({std::nullopt, std::move(text), chime, repeats});
}

Queued Announcer::enqueue(Item item) {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) return Queued::ShuttingDown;
        const bool duplicate = std::any_of(m_waiting.begin(), m_waiting.end(), [&](const Item& waiting) {
            return item.call ? waiting.call == item.call
                             : (!waiting.call && waiting.text.phrases == item.text.phrases);
        });
        if (duplicate) return Queued::AlreadyWaiting;
        m_waiting.push_back(std::move(item));
    }
    m_changed.notify_all();
    return Queued::Added;
}

std::size_t Announcer::pending() const {
    std::lock_guard lock(m_mutex);
    return m_waiting.size() + (m_playing ? 1 : 0);
}

std::uint64_t Announcer::finished() const {
    std::lock_guard lock(m_mutex);
    return m_finished;
}

bool Announcer::waitUntilIdle(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [this] { return m_waiting.empty() && !m_playing; });
}

void Announcer::run() {
    for (;;) {
        Item item;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_stopping || !m_waiting.empty(); });
            if (m_stopping) return;
            item = std::move(m_waiting.front());
            m_waiting.pop_front();
            m_playing = true;
        }
        // Nothing may escape the worker thread: a failing announcement is logged and the next one
        // goes ahead.
        try {
            announceOne(item);
        } catch (const std::exception& e) {
            if (m_log)
                m_log(std::string("announcement \"") + item.text.sentence() + "\" failed: " + e.what());
        }
        {
            std::lock_guard lock(m_mutex);
            m_playing = false;
            ++m_finished;
        }
        m_changed.notify_all();
    }
}

bool Announcer::play(const Pcm& pcm) {
    return m_output.play(pcm) == PlayOutcome::Played;
}

void Announcer::announceOne(const Item& item) {
    Pcm voice;
    try {
        voice = m_synthesizer.synthesize(item.text);
    } catch (const std::exception& e) {
        // Degrade: the chime still tells the room to look at the screen.
        if (m_log) m_log("cannot synthesise \"" + item.text.sentence() + "\" (" + e.what() + "): chime only");
    }
    const int rate = !voice.empty() ? voice.sampleRate : m_settings.chimeSound.sampleRate;
    if (item.chime && !m_chime.empty()) {
        if (!play(m_chime)) return;
        if (!voice.empty() && !play(silence(m_chime.sampleRate, m_settings.afterChime))) return;
    }
    if (!voice.empty()) {
        for (int i = 0; i < std::max(1, item.repeats); ++i) {
            if (i > 0 && !play(silence(rate, m_settings.betweenRepeats))) return;
            if (!play(voice)) return;
        }
    }
    play(silence(rate, m_settings.afterAnnouncement));
}

}  // namespace motcua::voice
