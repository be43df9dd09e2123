#include "kiosk/voice/announcer.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <stdexcept>

#include "kiosk/voice/espeak_synthesizer.h"
#include "kiosk/voice/recording_audio_output.h"
#include "kiosk/voice/silent_audio_output.h"
#include "voice/voice_test_support.h"

using namespace motcua::voice;
using motcua::voice::testing::allZero;
using motcua::voice::testing::tone;
using namespace std::chrono_literals;

namespace {

// Says each sentence as a tone whose length grows with the sentence, and remembers what it said.
class ToneSynthesizer final : public SpeechSynthesizer {
  public:
    Pcm synthesize(const AnnouncementText& text) override {
        std::lock_guard lock(m_mutex);
        m_sentences.push_back(text.sentence());
        if (m_failures > 0) {
            --m_failures;
            throw std::runtime_error("engine broke");
        }
        return voiceFor(text);
    }
    static Pcm voiceFor(const AnnouncementText& text) {
        return tone(1200, 100 + 10 * static_cast<int>(text.phrases.size()), 16000);
    }
    std::string describe() const override { return "tones"; }
    void failNext(int count) {
        std::lock_guard lock(m_mutex);
        m_failures = count;
    }
    std::vector<std::string> sentences() const {
        std::lock_guard lock(m_mutex);
        return m_sentences;
    }

  private:
    mutable std::mutex m_mutex;
    std::vector<std::string> m_sentences;
    int m_failures = 0;
};

AnnouncerSettings testSettings() {
    AnnouncerSettings s;
    s.afterChime = 300ms;
    s.betweenRepeats = 800ms;
    s.afterAnnouncement = 600ms;
    s.chimeSound.toneLength = 250ms;
    return s;
}

TicketCall call(const std::string& number, int counter) {
    return {.ticketNumber = number, .counterNumber = counter};
}

// Checks that `pieces` from `at` hold one whole announcement of `text`: chime, gap, voice, pause,
// voice, gap; returns the index after it.
std::size_t expectAnnouncement(const std::vector<Pcm>& pieces, std::size_t at, const AnnouncementText& text,
                               const AnnouncerSettings& settings) {
    const Pcm chime = makeChime(settings.chimeSound);
    const Pcm voice = ToneSynthesizer::voiceFor(text);
    REQUIRE(pieces.size() >= at + 6);
    CHECK(pieces[at] == chime);
    CHECK(allZero(pieces[at + 1]));
    CHECK(pieces[at + 1].duration() == settings.afterChime);
    CHECK(pieces[at + 2] == voice);
    CHECK(allZero(pieces[at + 3]));
    CHECK(pieces[at + 3].duration() == settings.betweenRepeats);
    CHECK(pieces[at + 4] == voice);
    CHECK(allZero(pieces[at + 5]));
    CHECK(pieces[at + 5].duration() == settings.afterAnnouncement);
    return at + 6;
}

}  // namespace

TEST_CASE("a call is a chime, then the sentence twice with a pause, then a gap", "[voice][announcer]") {
    ToneSynthesizer voice;
    RecordingAudioOutput output;
    const AnnouncerSettings settings = testSettings();
    Announcer announcer(voice, output, settings, nullptr);
    CHECK(announcer.announce(call("A012", 2)) == Queued::Added);
    REQUIRE(announcer.waitUntilIdle(5s));
    const auto pieces = output.pieces();
    CHECK(expectAnnouncement(pieces, 0, composeAnnouncement(call("A012", 2)), settings) == pieces.size());
    CHECK(voice.sentences() ==
          std::vector<std::string>{"Kính mời công dân có số thứ tự a không một hai, đến quầy số hai"});
    CHECK(announcer.finished() == 1);
    CHECK(announcer.pending() == 0);
}

TEST_CASE("calls made while one plays wait their turn, in order, and a recall is said again",
          "[voice][announcer]") {
    ToneSynthesizer voice;
    RecordingAudioOutput output;
    const AnnouncerSettings settings = testSettings();
    Announcer announcer(voice, output, settings, nullptr);
    output.hold();  // the first piece "plays" until released
    CHECK(announcer.announce(call("A001", 1)) == Queued::Added);
    REQUIRE(output.waitForPieces(1, 5s));
    CHECK(announcer.announce(call("B002", 2)) == Queued::Added);
    CHECK(announcer.announce(call("C003", 3)) == Queued::Added);
    CHECK(announcer.announce(call("A001", 1)) == Queued::Added);           // recall of the one playing
    CHECK(announcer.announce(call("B002", 2)) == Queued::AlreadyWaiting);  // already waiting: once is enough
    CHECK(announcer.pending() == 4);
    // Nothing else was played while the first chime was still sounding.
    CHECK(output.pieces().size() == 1);
    output.release();
    REQUIRE(announcer.waitUntilIdle(10s));
    const auto pieces = output.pieces();
    std::size_t at = 0;
    for (const TicketCall& c : {call("A001", 1), call("B002", 2), call("C003", 3), call("A001", 1)}) {
        CAPTURE(c.ticketNumber, at);
        at = expectAnnouncement(pieces, at, composeAnnouncement(c), settings);
    }
    CHECK(at == pieces.size());
    CHECK(announcer.finished() == 4);
}

TEST_CASE("repeats, chime and custom sentences follow the settings", "[voice][announcer]") {
    ToneSynthesizer voice;
    RecordingAudioOutput output;
    AnnouncerSettings settings = testSettings();
    settings.repeats = 3;
    settings.chime = false;
    settings.wording = *AnnouncementTemplate::parse("Xin mời số {number} đến quầy {counter}").value;
    settings.reading.ticketNumber = NumberStyle::AsNumber;
    Announcer announcer(voice, output, settings, nullptr);
    announcer.announce(call("A012", 2));
    // The kiosk reading a printed number aloud: its own sentence, no chime, once.
    announcer.announce(AnnouncementText{readTicketNumber("B7", {})}, false, 1);
    REQUIRE(announcer.waitUntilIdle(5s));
    CHECK(voice.sentences() == std::vector<std::string>{"Xin mời số a mười hai đến quầy hai", "bê bảy"});
    const auto pieces = output.pieces();
    // voice, pause, voice, pause, voice, gap | voice, gap
    REQUIRE(pieces.size() == 8);
    for (std::size_t i : {0u, 2u, 4u}) CHECK_FALSE(allZero(pieces[i]));
    for (std::size_t i : {1u, 3u}) CHECK(pieces[i].duration() == 800ms);
    CHECK(pieces[5].duration() == 600ms);
    CHECK_FALSE(allZero(pieces[6]));
    CHECK(allZero(pieces[7]));
}

TEST_CASE("a synthesiser failure still rings the chime and the queue goes on", "[voice][announcer]") {
    ToneSynthesizer voice;
    RecordingAudioOutput output;
    const AnnouncerSettings settings = testSettings();
    std::vector<std::string> log;
    std::mutex logMutex;
    Announcer announcer(voice, output, settings, [&](const std::string& m) {
        std::lock_guard lock(logMutex);
        log.push_back(m);
    });
    voice.failNext(1);
    announcer.announce(call("B1", 1));
    announcer.announce(call("A1", 1));
    REQUIRE(announcer.waitUntilIdle(5s));
    const auto pieces = output.pieces();
    REQUIRE(pieces.size() == 2 + 6);
    CHECK(pieces[0] == makeChime(settings.chimeSound));
    CHECK(allZero(pieces[1]));
    CHECK(expectAnnouncement(pieces, 2, composeAnnouncement(call("A1", 1)), settings) == pieces.size());
    std::lock_guard lock(logMutex);
    REQUIRE(log.size() == 1);
    CHECK_THAT(log[0], Catch::Contains("engine broke") && Catch::Contains("chime only"));
}

TEST_CASE("destroying the announcer stops the sound in progress and drops what waits", "[voice][announcer]") {
    ToneSynthesizer voice;
    RecordingAudioOutput output;
    output.hold();
    const auto started = std::chrono::steady_clock::now();
    {
        Announcer announcer(voice, output, testSettings(), nullptr);
        announcer.announce(call("A1", 1));
        announcer.announce(call("A2", 2));
        REQUIRE(output.waitForPieces(1, 5s));
    }  // would block forever on the held output if the destructor did not interrupt it
    CHECK(std::chrono::steady_clock::now() - started < 5s);
    CHECK(output.pieces().size() == 1);
    CHECK(voice.sentences().size() == 1);
}

TEST_CASE("with no sound device the announcer keeps time and the program keeps working",
          "[voice][announcer]") {
    ToneSynthesizer voice;
    std::atomic<std::int64_t> waited{0};
    std::vector<std::string> log;
    std::mutex logMutex;
    auto logSink = [&](const std::string& m) {
        std::lock_guard lock(logMutex);
        log.push_back(m);
    };
    SilentAudioOutput silent("no device", logSink,
                             [&](std::chrono::milliseconds ms) { waited += ms.count(); });
    const AnnouncerSettings settings = testSettings();
    Announcer announcer(voice, silent, settings, logSink);
    announcer.announce(call("A1", 1));
    announcer.announce(call("A2", 2));
    REQUIRE(announcer.waitUntilIdle(5s));
    // Each: chime 500 + 300 + voice + 800 + voice + 600, the voice 100 + 10 ms per phrase.
    std::int64_t expected = 0;
    for (const TicketCall& c : {call("A1", 1), call("A2", 2)}) {
        const auto phrases = static_cast<std::int64_t>(composeAnnouncement(c).phrases.size());
        expected += 500 + 300 + 2 * (100 + 10 * phrases) + 800 + 600;
    }
    CHECK(waited == expected);
    CHECK(silent.playedDuration().count() == expected);
    CHECK(announcer.finished() == 2);
    std::lock_guard lock(logMutex);
    REQUIRE(log.size() == 1);
    CHECK_THAT(log[0], Catch::Contains("no sound device: announcements are silent"));
}

TEST_CASE("a real announcement through espeak-ng: chime, speech, pause, speech",
          "[voice][announcer][espeak]") {
    EspeakSynthesizer espeak;
    RecordingAudioOutput output;
    const AnnouncerSettings settings;  // defaults: two repeats, the default wording
    Announcer announcer(espeak, output, settings, nullptr);
    announcer.announce(call("A012", 2));
    REQUIRE(announcer.waitUntilIdle(20s));
    const auto pieces = output.pieces();
    REQUIRE(pieces.size() == 6);
    CHECK(pieces[0] == makeChime());
    CHECK(pieces[0].duration() == 1200ms);
    for (std::size_t i : {2u, 4u}) {
        CAPTURE(i);
        CHECK(pieces[i].sampleRate == 22050);
        CHECK(pieces[i].duration() > 2s);
        CHECK(pieces[i].duration() < 8s);
        CHECK(rms(pieces[i]) > 0.03);
    }
    CHECK(pieces[2] == pieces[4]);  // synthesised once, said twice
    for (std::size_t i : {1u, 3u, 5u}) CHECK(allZero(pieces[i]));
    const Pcm all = output.joined();
    CHECK(all.duration() > 7s);
    CHECK(all.duration() < 20s);
}
