#include "kiosk/voice/pcm.h"

#include <catch2/catch.hpp>

#include "kiosk/voice/chime.h"
#include "kiosk/voice/wav_file.h"
#include "support/test_support.h"
#include "voice/voice_test_support.h"

using namespace motcua::voice;
using motcua::voice::testing::dominant;
using motcua::voice::testing::tone;
using namespace std::chrono_literals;

TEST_CASE("silence, duration and RMS", "[voice][pcm]") {
    const Pcm quiet = silence(22050, 500ms);
    CHECK(quiet.samples.size() == 11025);
    CHECK(quiet.duration() == 500ms);
    CHECK(rms(quiet) == 0.0);
    const Pcm a = tone(440, 1000);
    CHECK(rms(a) == Approx(0.5 / std::sqrt(2.0)).epsilon(0.01));
    CHECK(peak(a.samples) == Approx(16384).margin(2));
}

TEST_CASE("resampling keeps duration and pitch", "[voice][pcm]") {
    const Pcm a = tone(500, 400, 44100);
    const Pcm b = resample(a, 22050);
    CHECK(b.sampleRate == 22050);
    CHECK(b.duration() == a.duration());
    CHECK(dominant(b.samples, 22050, {250, 500, 1000}) == 500);
    Pcm joined = silence(16000, 100ms);
    append(joined, a);
    CHECK(joined.sampleRate == 16000);
    CHECK(joined.duration() == 500ms);
}

TEST_CASE("trimming silence keeps a margin around the sound", "[voice][pcm]") {
    Pcm pcm = silence(1000, 1000ms);
    append(pcm, tone(100, 200, 1000));
    append(pcm, silence(1000, 1000ms));
    const Pcm trimmed = trimSilence(pcm, 100, 50ms);
    // 200 ms of tone (its zero crossings at the edges lose a sample or two) plus 50 ms each side.
    CHECK(trimmed.samples.size() >= 295);
    CHECK(trimmed.samples.size() <= 300);
    CHECK(trimSilence(silence(1000, 100ms), 1, 10ms).empty());
}

TEST_CASE("the chime is two tones of the configured length and pitch", "[voice][pcm][chime]") {
    const ChimeSettings settings;
    const Pcm chime = makeChime(settings);
    REQUIRE(chime.sampleRate == 22050);
    CHECK(chime.duration() == 1200ms);
    const std::size_t half = chime.samples.size() / 2;
    const std::span<const std::int16_t> all(chime.samples);
    // The loud first 300 ms of each tone: its own frequency dominates, the other's is far below.
    const auto first = all.subspan(0, half / 2);
    const auto second = all.subspan(half, half / 2);
    CHECK(dominant(first, 22050, {440, 550, 660, 770, 880, 990, 1320}) == 880);
    CHECK(dominant(second, 22050, {440, 550, 660, 770, 880, 990, 1320}) == 660);
    CHECK(tonePower(first, 22050, 880) > 20 * tonePower(first, 22050, 660));
    CHECK(tonePower(second, 22050, 660) > 20 * tonePower(second, 22050, 880));
    // Peak near the configured volume, decays, ends at zero without a click.
    CHECK(peak(chime.samples) == Approx(0.5 * 32767).epsilon(0.15));
    CHECK(rms(first.subspan(0, 2205)) > 4 * rms(all.subspan(half - 2205, 2205)));
    CHECK(std::abs(chime.samples.back()) < 50);
    CHECK(std::abs(chime.samples[half - 1]) < 50);
}

TEST_CASE("chime settings change tones, length and rate", "[voice][pcm][chime]") {
    const Pcm chime = makeChime(
        {.tonesHz = {523.25, 659.25, 783.99}, .toneLength = 300ms, .volume = 0.8, .sampleRate = 16000});
    CHECK(chime.sampleRate == 16000);
    CHECK(chime.duration() == 900ms);
    const std::span<const std::int16_t> all(chime.samples);
    CHECK(dominant(all.subspan(4800 * 2, 2400), 16000, {523.25, 659.25, 783.99}) == 783.99);
    CHECK_THROWS(makeChime({.tonesHz = {880}, .toneLength = 0ms, .volume = 0.5, .sampleRate = 22050}));
}

TEST_CASE("WAV files round-trip and foreign layouts are converted to mono 16-bit", "[voice][wav]") {
    motcua::testing::TempDir dir;
    const Pcm a = tone(700, 250, 32000);
    writeWav(a, dir / "a.wav");
    CHECK(readWav(dir / "a.wav") == a);
    CHECK_FALSE(std::filesystem::exists(dir / "a.wav.tmp"));

    SECTION("stereo 8-bit at 8 kHz") {
        // RIFF header for 2 channels, 8 bits: left +half scale, right -half scale -> mono silence;
        // both +half -> mono +half.
        std::string data;
        for (int i = 0; i < 100; ++i) data += std::string{static_cast<char>(192), static_cast<char>(64)};
        for (int i = 0; i < 100; ++i) data += std::string{static_cast<char>(192), static_cast<char>(192)};
        std::string wav = "RIFF";
        auto put32 = [&](std::uint32_t v) {
            for (int k = 0; k < 4; ++k) wav += static_cast<char>(v >> (8 * k) & 0xFF);
        };
        auto put16 = [&](std::uint16_t v) {
            wav += static_cast<char>(v & 0xFF);
            wav += static_cast<char>(v >> 8);
        };
        put32(static_cast<std::uint32_t>(36 + data.size()));
        wav += "WAVEfmt ";
        put32(16);
        put16(1);
        put16(2);
        put32(8000);
        put32(16000);
        put16(2);
        put16(8);
        wav += "LIST";  // an unknown chunk is skipped
        put32(3);
        wav += std::string("abc") + '\0';
        wav += "data";
        put32(static_cast<std::uint32_t>(data.size()));
        wav += data;
        const Pcm pcm = decodeWav(wav, "stereo.wav");
        CHECK(pcm.sampleRate == 8000);
        REQUIRE(pcm.samples.size() == 200);
        CHECK(pcm.samples[0] == 0);
        CHECK(pcm.samples[150] == 16384);
    }
    SECTION("broken files are refused with the file name") {
        CHECK_THROWS_WITH(decodeWav("hello", "x.wav"),
                          Catch::Contains("x.wav") && Catch::Contains("not a WAV"));
        std::string noData = encodeWav(a).substr(0, 36);
        CHECK_THROWS_WITH(decodeWav(noData, "y.wav"), Catch::Contains("no data chunk"));
        std::string compressed = encodeWav(a);
        compressed[20] = 0x55;  // MP3 in WAV
        CHECK_THROWS_WITH(decodeWav(compressed, "z.wav"), Catch::Contains("compressed"));
        CHECK_THROWS_AS(readWav(dir / "missing.wav"), WavError);
    }
}
