#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <thread>

#include "kiosk/voice/recording_audio_output.h"
#include "kiosk/voice/sdl_audio_output.h"
#include "kiosk/voice/silent_audio_output.h"
#include "support/test_support.h"
#include "voice/voice_test_support.h"

using namespace motcua::voice;
using motcua::voice::testing::dominant;
using motcua::voice::testing::tone;
using namespace std::chrono_literals;

namespace {

// Sets an environment variable for one test and puts the old value back.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const std::string& value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (m_old)
            ::setenv(m_name, m_old->c_str(), 1);
        else
            ::unsetenv(m_name);
    }

  private:
    const char* m_name;
    std::optional<std::string> m_old;
};

std::vector<std::int16_t> readRaw(const std::filesystem::path& path) {
    const std::string bytes = motcua::testing::readFile(path);
    std::vector<std::int16_t> samples(bytes.size() / 2);
    std::memcpy(samples.data(), bytes.data(), samples.size() * 2);
    return samples;
}

}  // namespace

TEST_CASE("the silent output plays nothing, logs once and takes the sound's time", "[voice][output]") {
    std::vector<std::string> log;
    std::vector<std::chrono::milliseconds> waits;
    SilentAudioOutput silent(
        "SDL_OpenAudioDevice(default): no device", [&](const std::string& m) { log.push_back(m); },
        [&](std::chrono::milliseconds ms) { waits.push_back(ms); });
    CHECK(silent.play(tone(440, 1500)) == PlayOutcome::Played);
    CHECK(silent.play(silence(16000, 250ms)) == PlayOutcome::Played);
    CHECK(waits == std::vector<std::chrono::milliseconds>{1500ms, 250ms});
    CHECK(silent.playedDuration() == 1750ms);
    CHECK(silent.plays() == 2);
    REQUIRE(log.size() == 1);
    CHECK_THAT(log[0], Catch::StartsWith("no sound device: announcements are silent") &&
                           Catch::Contains("no device"));
    silent.interrupt();
    CHECK(silent.play(tone(440, 100)) == PlayOutcome::Interrupted);
    CHECK(silent.plays() == 2);
}

TEST_CASE("the silent output waits in real time by default and an interrupt cuts the wait short",
          "[voice][output]") {
    SilentAudioOutput silent("", nullptr);
    auto started = std::chrono::steady_clock::now();
    CHECK(silent.play(silence(22050, 200ms)) == PlayOutcome::Played);
    CHECK(std::chrono::steady_clock::now() - started >= 195ms);

    std::thread stopper([&] {
        std::this_thread::sleep_for(100ms);
        silent.interrupt();
    });
    started = std::chrono::steady_clock::now();
    CHECK(silent.play(silence(22050, 10s)) == PlayOutcome::Interrupted);
    CHECK(std::chrono::steady_clock::now() - started < 5s);
    stopper.join();
}

TEST_CASE("no sound device: openAudioOutput gives the silent output and says why", "[voice][output][sdl]") {
    ScopedEnv driver("SDL_AUDIODRIVER", "motcua-no-such-driver");
    CHECK_THROWS_AS(SdlAudioOutput(), SdlAudioError);
    std::vector<std::string> log;
    std::unique_ptr<AudioOutput> output =
        openAudioOutput({}, [&](const std::string& m) { log.push_back(m); });
    REQUIRE(output);
    REQUIRE(dynamic_cast<SilentAudioOutput*>(output.get()) != nullptr);
    CHECK_THAT(output->describe(), Catch::StartsWith("silent") && Catch::Contains("SDL_InitSubSystem"));
    CHECK(output->play(silence(22050, 20ms)) == PlayOutcome::Played);
    CHECK(output->play(silence(22050, 20ms)) == PlayOutcome::Played);
    REQUIRE(log.size() == 1);
    CHECK_THAT(log[0], Catch::Contains("no sound device: announcements are silent"));
}

TEST_CASE("SDL audio plays what it is given, in real time, converted to the device rate",
          "[voice][output][sdl]") {
    // SDL's "disk" driver is a real SDL audio device that writes what it plays to a file at the pace
    // of a sound card.
    motcua::testing::TempDir dir;
    ScopedEnv driver("SDL_AUDIODRIVER", "disk");
    ScopedEnv file("SDL_DISKAUDIOFILE", (dir / "played.raw").string());
    {
        std::vector<std::string> log;
        SdlAudioOutput sdl({.device = "", .sampleRate = 22050},
                           [&](const std::string& m) { log.push_back(m); });
        CHECK_THAT(sdl.describe(), Catch::Contains("disk") && Catch::Contains("22050 Hz"));
        const auto started = std::chrono::steady_clock::now();
        CHECK(sdl.play(tone(1000, 400, 22050)) == PlayOutcome::Played);
        CHECK(sdl.play(tone(500, 400, 44100)) == PlayOutcome::Played);  // converted by SDL
        const auto took = std::chrono::steady_clock::now() - started;
        CHECK(took >= 700ms);  // not faster than the sound
        CHECK(took < 4s);
        CHECK(log.empty());
    }
    const std::vector<std::int16_t> played = readRaw(dir / "played.raw");
    // What was written, at 22050 Hz mono: the 1000 Hz tone then the 500 Hz tone (the driver may add
    // silence while the queue is empty).
    REQUIRE(played.size() >= 22050 * 8 / 10);
    std::size_t first = 0;
    while (first < played.size() && played[first] == 0) ++first;
    REQUIRE(first + 22050 * 8 / 10 <= played.size());
    const std::span<const std::int16_t> all(played);
    CHECK(dominant(all.subspan(first + 1000, 6000), 22050, {500, 1000}) == 1000);
    CHECK(dominant(all.subspan(first + 8820 + 1000, 6000), 22050, {500, 1000}) == 500);
    CHECK(rms(all.subspan(first, 8820)) == Approx(0.5 / std::sqrt(2.0)).epsilon(0.05));
}

TEST_CASE("an interrupt stops SDL playback at once", "[voice][output][sdl]") {
    motcua::testing::TempDir dir;
    ScopedEnv driver("SDL_AUDIODRIVER", "disk");
    ScopedEnv file("SDL_DISKAUDIOFILE", (dir / "played.raw").string());
    SdlAudioOutput sdl({}, nullptr);
    std::thread stopper([&] {
        std::this_thread::sleep_for(200ms);
        sdl.interrupt();
    });
    const auto started = std::chrono::steady_clock::now();
    CHECK(sdl.play(tone(440, 10'000)) == PlayOutcome::Interrupted);
    CHECK(std::chrono::steady_clock::now() - started < 3s);
    stopper.join();
    CHECK(sdl.play(tone(440, 100)) == PlayOutcome::Interrupted);
}

TEST_CASE("the recording output keeps pieces in order and can hold a play", "[voice][output]") {
    RecordingAudioOutput recording;
    CHECK(recording.play(tone(440, 100)) == PlayOutcome::Played);
    recording.hold();
    std::thread player([&] { CHECK(recording.play(tone(880, 100)) == PlayOutcome::Played); });
    REQUIRE(recording.waitForPieces(2, 2s));
    recording.release();
    player.join();
    const auto pieces = recording.pieces();
    REQUIRE(pieces.size() == 2);
    CHECK(pieces[1] == tone(880, 100));
    CHECK(recording.joined().duration() == 200ms);
}
