// Speech for the kiosk's voice guidance (EN 301 549 5.1.3): one utterance at a time in the display
// language's voice. say() replaces whatever is being said or waiting (a new screen, a new focus: the
// old words are no longer true), queue() adds after it, stop() silences at once, repeat() says the
// last utterance again. The volume is a factor on the samples, reset by the kiosk after each visit.
//
// Every utterance is written to the spoken() log when it is asked for, in order, before any sound:
// tests and scripts check what a blind citizen would hear without waiting for the audio.
//
// Threading: a worker thread synthesises and plays; the UI thread only queues and never waits. The
// synthesisers and the output are used from the worker only and must outlive the Speaker.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/voice/audio_output.h"
#include "kiosk/voice/espeak_synthesizer.h"
#include "kiosk/voice/voice_log.h"

namespace motcua::voice {

enum class SpeechLanguage { Vietnamese, English };

struct Utterance {
    std::string text;
    SpeechLanguage language = SpeechLanguage::Vietnamese;
    bool operator==(const Utterance&) const = default;
};

class Speaker {
  public:
    static constexpr double kMinVolume = 0.25;
    static constexpr double kMaxVolume = 2.0;

    // vietnamese/english: the voices (espeak-ng "vi" and "en"); either may be null (that language is
    // then logged and not heard).
    Speaker(EspeakSynthesizer* vietnamese, EspeakSynthesizer* english, AudioOutput& output,
            LogSink log = stderrLog());
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;
    ~Speaker();

    // Says text now: what was being said stops, what waited is dropped.
    void say(std::string text, SpeechLanguage language);
    // Says text after what is being said and waiting.
    void queue(std::string text, SpeechLanguage language);
    void stop();
    void repeat();
    void setVolume(double factor);
    double volume() const;

    // Everything asked to be said, in order (stop() and repeat() included as what they said).
    std::vector<Utterance> spoken() const;
    // Utterances played to the end.
    std::uint64_t finished() const;
    // Blocks until nothing is being said or waiting; false on timeout.
    bool waitUntilIdle(std::chrono::milliseconds timeout) const;

  private:
    void enqueue(Utterance u, bool replace);
    void run();

    EspeakSynthesizer* m_vietnamese;
    EspeakSynthesizer* m_english;
    AudioOutput& m_output;
    LogSink m_log;

    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    std::deque<Utterance> m_waiting;
    std::vector<Utterance> m_spoken;
    std::optional<Utterance> m_last;
    double m_volume = 1.0;
    std::uint64_t m_generation = 0;  // bumped by say() and stop(): the utterance in progress is stale
    std::uint64_t m_finished = 0;
    bool m_playing = false;
    bool m_stopping = false;
    std::thread m_worker;  // last: started when everything above is ready
};

// pcm with every sample multiplied by factor, clipped to 16 bits.
Pcm scaled(const Pcm& pcm, double factor);

}  // namespace motcua::voice
