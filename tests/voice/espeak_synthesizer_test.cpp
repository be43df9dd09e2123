#include "kiosk/voice/espeak_synthesizer.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>

#include "kiosk/voice/announcement_text.h"

using namespace motcua::voice;
using namespace std::chrono_literals;

namespace {

// The share of 20 ms windows that are louder than near-silence: speech has many, with gaps.
double voicedShare(const Pcm& pcm) {
    const std::size_t window = static_cast<std::size_t>(pcm.sampleRate / 50);
    std::size_t voiced = 0, total = 0;
    for (std::size_t at = 0; at + window <= pcm.samples.size(); at += window, ++total) {
        if (rms(std::span<const std::int16_t>(pcm.samples).subspan(at, window)) > 0.02) ++voiced;
    }
    return total ? static_cast<double>(voiced) / static_cast<double>(total) : 0.0;
}

}  // namespace

TEST_CASE("espeak-ng reads the default announcement in Vietnamese: seconds of real speech",
          "[voice][espeak]") {
    EspeakSynthesizer espeak;
    CHECK(espeak.sampleRate() == 22050);
    const AnnouncementText text = composeAnnouncement({.ticketNumber = "A012", .counterNumber = 2});
    const auto started = std::chrono::steady_clock::now();
    const Pcm pcm = espeak.synthesize(text);
    const auto took = std::chrono::steady_clock::now() - started;
    CAPTURE(pcm.duration().count(), std::chrono::duration_cast<std::chrono::milliseconds>(took).count());
    CHECK(pcm.sampleRate == 22050);
    CHECK(pcm.duration() > 2s);
    CHECK(pcm.duration() < 8s);
    CHECK(rms(pcm) > 0.03);
    // Speech, not a tone or noise: mostly voiced windows, with some gaps between words.
    const double share = voicedShare(pcm);
    CAPTURE(share);
    CHECK(share > 0.5);
    CHECK(share < 0.98);
    // Trimmed: starts and ends within 30 ms of sound.
    CHECK(peak(std::span<const std::int16_t>(pcm.samples).subspan(0, 1500)) >= 64);
    CHECK(peak(std::span<const std::int16_t>(pcm.samples).last(1500)) >= 64);
}

TEST_CASE("a longer sentence lasts longer and a faster rate is shorter", "[voice][espeak]") {
    EspeakSynthesizer normal({.voice = "vi", .rateWpm = 150});
    EspeakSynthesizer fast({.voice = "vi", .rateWpm = 300});
    const AnnouncementText shortText = composeAnnouncement({.ticketNumber = "A1", .counterNumber = 2});
    const AnnouncementText longText = composeAnnouncement({.ticketNumber = "A1012", .counterNumber = 12},
                                                          {.ticketNumber = NumberStyle::AsNumber});
    const Pcm shortPcm = normal.synthesize(shortText);
    const Pcm longPcm = normal.synthesize(longText);
    const Pcm fastPcm = fast.synthesize(longText);
    CAPTURE(shortPcm.duration().count(), longPcm.duration().count(), fastPcm.duration().count());
    CHECK(longPcm.duration() > shortPcm.duration() + 500ms);
    CHECK(fastPcm.duration() < longPcm.duration() * 7 / 10);
    // The same input gives the same length of sound again (espeak-ng's output varies slightly).
    const Pcm again = normal.synthesize(shortText);
    CAPTURE(again.samples.size(), shortPcm.samples.size());
    CHECK(again.duration() > shortPcm.duration() - 100ms);
    CHECK(again.duration() < shortPcm.duration() + 100ms);
}

TEST_CASE("the Vietnamese voices are installed and selectable", "[voice][espeak]") {
    const std::vector<std::string> voices = EspeakSynthesizer::voices("vi");
    CAPTURE(voices);
    CHECK(std::find(voices.begin(), voices.end(), "vi") != voices.end());
    const std::string regional = GENERATE(std::string("vi-vn-x-central"), std::string("vi-vn-x-south"));
    if (std::find(voices.begin(), voices.end(), regional) == voices.end()) {
        WARN("espeak-ng-data has no " << regional);
        return;
    }
    EspeakSynthesizer espeak({.voice = regional});
    const Pcm pcm = espeak.synthesizeSentence("Kính mời công dân");
    CHECK(pcm.duration() > 500ms);
    CHECK(rms(pcm) > 0.03);
    CHECK(espeak.describe().find(regional) != std::string::npos);
}

TEST_CASE("an unknown voice is an EspeakError naming the call and the voice", "[voice][espeak]") {
    CHECK_THROWS_MATCHES(EspeakSynthesizer({.voice = "xx-no-such-voice"}), EspeakError,
                         Catch::Matchers::Predicate<EspeakError>([](const EspeakError& e) {
                             const std::string what = e.what();
                             return what.find("espeak_ng_SetVoiceByName(xx-no-such-voice)") !=
                                        std::string::npos &&
                                    e.status() != 0;
                         }));
    // The engine keeps working for a good voice afterwards.
    EspeakSynthesizer good;
    CHECK_FALSE(good.synthesizeSentence("một").empty());
}

TEST_CASE("an empty text is empty sound", "[voice][espeak]") {
    EspeakSynthesizer espeak;
    CHECK(espeak.synthesize(AnnouncementText{}).empty());
}
