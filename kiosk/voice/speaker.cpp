#include "kiosk/voice/speaker.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace motcua::voice {

Pcm scaled(const Pcm& pcm, double factor) {
    Pcm out{pcm.sampleRate, {}};
    out.samples.reserve(pcm.samples.size());
    for (const std::int16_t s : pcm.samples) {
        const double v = std::clamp(std::round(s * factor), -32768.0, 32767.0);
        out.samples.push_back(static_cast<std::int16_t>(v));
    }
    return out;
}

Speaker::Speaker(EspeakSynthesizer* vietnamese, EspeakSynthesizer* english, AudioOutput& output, LogSink log)
    : m_vietnamese(vietnamese), m_english(english), m_output(output), m_log(std::move(log)), m_worker([this] {
          run();
      }) {}

Speaker::~Speaker() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_waiting.clear();
        ++m_generation;
    }
    m_changed.notify_all();
    m_output.cutShort();
    m_worker.join();
}

void Speaker::enqueue(Utterance u, bool replace) {
    if (u.text.empty()) return;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) return;
        if (replace) {
            m_waiting.clear();
            ++m_generation;
        }
        m_spoken.push_back(u);
        m_last = u;
        m_waiting.push_back(std::move(u));
    }
    if (replace) m_output.cutShort();
    m_changed.notify_all();
}

void Speaker::say(std::string text, SpeechLanguage language) {
    enqueue({std::move(text), language}, true);
}
void Speaker::queue(std::string text, SpeechLanguage language) {
    enqueue({std::move(text), language}, false);
}

void Speaker::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_waiting.clear();
        ++m_generation;
    }
    m_output.cutShort();
    m_changed.notify_all();
}

void Speaker::repeat() {
    std::optional<Utterance> last;
    {
        std::lock_guard lock(m_mutex);
        last = m_last;
    }
    if (last) enqueue(std::move(*last), true);
}

void Speaker::setVolume(double factor) {
    std::lock_guard lock(m_mutex);
    m_volume = std::clamp(factor, kMinVolume, kMaxVolume);
}

double Speaker::volume() const {
    std::lock_guard lock(m_mutex);
    return m_volume;
}

std::vector<Utterance> Speaker::spoken() const {
    std::lock_guard lock(m_mutex);
    return m_spoken;
}

std::uint64_t Speaker::finished() const {
    std::lock_guard lock(m_mutex);
    return m_finished;
}

bool Speaker::waitUntilIdle(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [this] { return m_waiting.empty() && !m_playing; });
}

void Speaker::run() {
    for (;;) {
        Utterance u;
        std::uint64_t generation = 0;
        double volume = 1.0;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_stopping || !m_waiting.empty(); });
            if (m_stopping) return;
            u = std::move(m_waiting.front());
            m_waiting.pop_front();
            m_playing = true;
            generation = m_generation;
            volume = m_volume;
        }
        bool played = false;
        try {
            EspeakSynthesizer* voice = u.language == SpeechLanguage::English ? m_english : m_vietnamese;
            if (!voice) voice = m_vietnamese ? m_vietnamese : m_english;
            Pcm pcm = voice ? voice->synthesizeSentence(u.text) : Pcm{};
            bool current = false;
            {
                std::lock_guard lock(m_mutex);
                current = generation == m_generation;
            }
            // Synthesis takes a moment: words replaced meanwhile are not said at all.
            if (current && !pcm.empty()) played = m_output.play(scaled(pcm, volume)) == PlayOutcome::Played;
        } catch (const std::exception& e) {
            if (m_log) m_log("voice guidance could not say \"" + u.text + "\": " + e.what());
        }
        {
            std::lock_guard lock(m_mutex);
            m_playing = false;
            if (played) ++m_finished;
        }
        m_changed.notify_all();
    }
}

}  // namespace motcua::voice
