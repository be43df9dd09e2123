#include "kiosk/voice/voice.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <mutex>

#include "kiosk/voice/recording_audio_output.h"
#include "kiosk/voice/silent_audio_output.h"
#include "kiosk/voice/wav_file.h"
#include "support/test_support.h"
#include "voice/voice_test_support.h"

using namespace motcua::voice;
using motcua::testing::TempDir;
using motcua::voice::testing::tone;
using namespace std::chrono_literals;

namespace {

struct Log {
    std::mutex mutex;
    std::vector<std::string> lines;
    LogSink sink() {
        return [this](const std::string& m) {
            std::lock_guard lock(mutex);
            lines.push_back(m);
        };
    }
    bool contains(const std::string& fragment) {
        std::lock_guard lock(mutex);
        for (const auto& line : lines) {
            if (line.find(fragment) != std::string::npos) return true;
        }
        return false;
    }
};

}  // namespace

TEST_CASE("the voice uses recorded clips when the folder has them all", "[voice][setup]") {
    TempDir dir;
    const std::vector<std::string> stems = {
        "kinh_moi_cong_dan_co_so_thu_tu", "chu-b", "so-0", "so-7", "den_quay_so", "so-3"};
    for (const std::string& stem : stems) writeWav(tone(500, 200, 44100), dir / (stem + ".wav"));
    auto recording = std::make_unique<RecordingAudioOutput>();
    RecordingAudioOutput& output = *recording;
    Log log;
    VoiceSettings settings;
    settings.clipDirectory = dir.path();
    Voice voice(settings, log.sink(), std::move(recording));
    CHECK_THAT(voice.describe(), Catch::Contains("recorded clips") && Catch::Contains("recording"));
    voice.announcer().announce({.ticketNumber = "B07", .counterNumber = 3});
    REQUIRE(voice.announcer().waitUntilIdle(10s));
    const auto pieces = output.pieces();
    REQUIRE(pieces.size() == 6);
    CHECK(pieces[2].sampleRate == 44100);  // the clips' rate, not espeak-ng's 22050
    CHECK(log.lines.empty());
}

TEST_CASE("a mistyped voice falls back to the northern voice, logged", "[voice][setup]") {
    Log log;
    VoiceSettings settings;
    settings.espeak.voice = "vi-vn-x-nowhere";
    Voice voice(settings, log.sink(), std::make_unique<RecordingAudioOutput>());
    CHECK(log.contains("vi-vn-x-nowhere"));
    CHECK_THAT(voice.describe(), Catch::Contains("espeak-ng voice vi,"));
    CHECK(voice.synthesizer()
              .synthesize(composeAnnouncement({.ticketNumber = "A1", .counterNumber = 1}))
              .duration() > 1s);
}

TEST_CASE("without a speech engine the announcement is the chime alone", "[voice][setup]") {
    RecordingAudioOutput output;
    Log log;
    NoSpeech none("espeak_ng_Initialize: no data", log.sink());
    // A named default, not `{}`: GCC 12 at -O3 reports a false -Wmaybe-uninitialized on the temporary.
    const AnnouncerSettings defaults;
    Announcer announcer(none, output, defaults, log.sink());
    announcer.announce({.ticketNumber = "A1", .counterNumber = 1});
    announcer.announce({.ticketNumber = "A2", .counterNumber = 1});
    REQUIRE(announcer.waitUntilIdle(10s));
    const auto pieces = output.pieces();
    REQUIRE(pieces.size() == 4);  // chime, gap, chime, gap
    CHECK(pieces[0] == makeChime());
    CHECK(pieces[2] == makeChime());
    std::lock_guard lock(log.mutex);
    CHECK(log.lines.size() == 1);
}

TEST_CASE("with no sound device the voice is silent and announcements still finish", "[voice][setup]") {
    const char* old = std::getenv("SDL_AUDIODRIVER");
    const std::string saved = old ? old : "";
    ::setenv("SDL_AUDIODRIVER", "motcua-no-such-driver", 1);
    Log log;
    VoiceSettings settings;
    settings.announcer.chimeSound.toneLength = 50ms;
    settings.announcer.afterChime = 10ms;
    settings.announcer.betweenRepeats = 10ms;
    settings.announcer.afterAnnouncement = 10ms;
    settings.announcer.repeats = 1;
    {
        Voice voice(settings, log.sink());
        CHECK(dynamic_cast<SilentAudioOutput*>(&voice.output()) != nullptr);
        voice.announcer().announce({.ticketNumber = "A1", .counterNumber = 1});
        // Real time: the silent output takes as long as the sound would.
        REQUIRE(voice.announcer().waitUntilIdle(20s));
        CHECK(voice.announcer().finished() == 1);
    }
    if (old)
        ::setenv("SDL_AUDIODRIVER", saved.c_str(), 1);
    else
        ::unsetenv("SDL_AUDIODRIVER");
    CHECK(log.contains("no sound device: announcements are silent"));
}
