// The announcement queue: each call is a chime, then the sentence said `repeats` times with a pause
// between, then a short gap before the next. Announcements wait their turn; one never overlaps or
// cuts off another. A recall is simply announced again.
//
// Threading: the Announcer runs its own worker thread, which synthesises (just before playing) and
// plays; announce() and pending() may be called from any thread and return at once, so the display's
// event loop never waits for sound. The synthesiser and the output are used from the worker only and
// must outlive the Announcer. Destruction interrupts the sound in progress, drops what is waiting and
// joins the worker.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "kiosk/voice/announcement_text.h"
#include "kiosk/voice/audio_output.h"
#include "kiosk/voice/chime.h"
#include "kiosk/voice/speech_synthesizer.h"
#include "kiosk/voice/voice_log.h"

namespace motcua::voice {

struct AnnouncerSettings {
    int repeats = 2;                                   // times the sentence is said per call (at least 1)
    std::chrono::milliseconds afterChime{400};         // silence between chime and voice
    std::chrono::milliseconds betweenRepeats{900};     // silence between two sayings
    std::chrono::milliseconds afterAnnouncement{700};  // silence before the next announcement
    bool chime = true;
    ChimeSettings chimeSound{};
    AnnouncementTemplate wording = *AnnouncementTemplate::parse(AnnouncementTemplate::kDefault).value;
    ReadingSettings reading{};
};

// How an announcement went into the queue.
enum class Queued {
    Added,           // it will be announced after those already waiting
    AlreadyWaiting,  // the same call is waiting and not yet started: announcing it twice in a row
                     // says nothing more (a call already playing or done is queued again: a recall)
    ShuttingDown,    // the announcer is being destroyed
};

class Announcer {
  public:
    Announcer(SpeechSynthesizer& synthesizer, AudioOutput& output, AnnouncerSettings settings = {},
              LogSink log = stderrLog());
    Announcer(const Announcer&) = delete;
    Announcer& operator=(const Announcer&) = delete;
    ~Announcer();

    // A ticket call, worded with the settings' template.
    Queued announce(const TicketCall& call);
    // Any sentence (the kiosk reading a printed number aloud): chime optional, said `repeats` times.
    Queued announce(AnnouncementText text, bool chime, int repeats);

    // Announcements not finished yet: the one playing plus those waiting.
    std::size_t pending() const;
    // Announcements played to the end since construction.
    std::uint64_t finished() const;
    // Blocks until pending() is 0; false on timeout.
    bool waitUntilIdle(std::chrono::milliseconds timeout) const;

    const AnnouncerSettings& settings() const noexcept { return m_settings; }

  private:
    struct Item {
        std::optional<TicketCall> call;  // for recognising a duplicate
        AnnouncementText text;
        bool chime;
        int repeats;
    };
    Queued enqueue(Item item);
    void run();
    void announceOne(const Item& item);
    bool play(const Pcm& pcm);  // false when interrupted

    SpeechSynthesizer& m_synthesizer;
    AudioOutput& m_output;
    const AnnouncerSettings m_settings;
    LogSink m_log;
    Pcm m_chime;

    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    std::deque<Item> m_waiting;
    bool m_playing = false;
    bool m_stopping = false;
    std::uint64_t m_finished = 0;
    std::thread m_worker;  // last: started when everything above is ready
};

}  // namespace motcua::voice
