#include "kiosk/voice/clip_synthesizer.h"

#include <catch2/catch.hpp>
#include <map>

#include "kiosk/voice/announcement_text.h"
#include "kiosk/voice/espeak_synthesizer.h"
#include "kiosk/voice/wav_file.h"
#include "support/test_support.h"
#include "voice/voice_test_support.h"

using namespace motcua::voice;
using motcua::testing::TempDir;
using motcua::voice::testing::dominant;
using motcua::voice::testing::tone;
using namespace std::chrono_literals;

namespace {

// A fallback that says which sentences it was asked for and answers with a recognisable tone.
class CountingSynthesizer final : public SpeechSynthesizer {
  public:
    Pcm synthesize(const AnnouncementText& text) override {
        sentences.push_back(text.sentence());
        return tone(3000, 500);
    }
    std::string describe() const override { return "counting"; }
    std::vector<std::string> sentences;
};

// The default sentence for A012 at counter 2 needs these clips; each gets its own pitch.
const std::map<std::string, double> kClips = {
    {"kinh_moi_cong_dan_co_so_thu_tu", 300},
    {"chu-a", 400},
    {"so-0", 500},
    {"so-1", 600},
    {"so-2", 700},
    {"den_quay_so", 800},
};

void recordClips(const TempDir& dir, const std::map<std::string, double>& clips, int rate = 44100) {
    for (const auto& [stem, hz] : clips) {
        // Recorded with room silence around the word, as people do.
        Pcm pcm = silence(rate, 200ms);
        append(pcm, tone(hz, 250, rate));
        append(pcm, silence(rate, 300ms));
        writeWav(pcm, dir / (stem + ".wav"));
    }
}

// The sounding stretches of `pcm` (split at silences of 20 ms or more) and their dominant pitch
// among the clip pitches.
std::vector<double> segmentPitches(const Pcm& pcm) {
    std::vector<double> pitches;
    const std::size_t minGap = static_cast<std::size_t>(pcm.sampleRate / 50);
    std::size_t i = 0;
    const auto& s = pcm.samples;
    while (i < s.size()) {
        while (i < s.size() && s[i] == 0) ++i;
        if (i >= s.size()) break;
        std::size_t end = i, zeros = 0;
        while (end < s.size() && zeros < minGap) {
            zeros = s[end] == 0 ? zeros + 1 : 0;
            ++end;
        }
        pitches.push_back(dominant(std::span<const std::int16_t>(s).subspan(i, end - i), pcm.sampleRate,
                                   {300, 400, 500, 600, 700, 800, 900, 1000, 3000}));
        i = end;
    }
    return pitches;
}

}  // namespace

TEST_CASE("an announcement is assembled from clips when every clip is there", "[voice][clips]") {
    TempDir dir;
    recordClips(dir, kClips);
    std::vector<std::string> log;
    const ClipLibrary library =
        ClipLibrary::load(dir.path(), [&](const std::string& m) { log.push_back(m); });
    REQUIRE(library.size() == kClips.size());
    CHECK(library.sampleRate() == 44100);
    // Trimmed: 250 ms of tone plus 15 ms margins, not the 750 ms recorded.
    CHECK(library.find("so-1")->duration() < 300ms);
    CHECK(library.find("so-1")->duration() >= 250ms);

    CountingSynthesizer fallback;
    ClipSynthesizer clips(library, fallback, [&](const std::string& m) { log.push_back(m); });
    const Pcm pcm = clips.synthesize(composeAnnouncement({.ticketNumber = "A012", .counterNumber = 2}));
    CHECK(fallback.sentences.empty());
    CHECK(log.empty());
    CHECK(pcm.sampleRate == 44100);
    // In sentence order: wording, a, không, một, hai, (pause) wording, hai.
    CHECK(segmentPitches(pcm) == std::vector<double>{300, 400, 500, 600, 700, 800, 700});
    // 7 clips of ~280 ms, 3 word gaps of 40 ms, phrase gaps of 120 ms and one 300 ms pause.
    CHECK(pcm.duration() > 2200ms);
    CHECK(pcm.duration() < 2800ms);
}

TEST_CASE("one missing clip sends the whole announcement to espeak-ng, and says which", "[voice][clips]") {
    TempDir dir;
    auto partial = kClips;
    partial.erase("so-1");
    recordClips(dir, partial);
    std::vector<std::string> log;
    EspeakSynthesizer espeak;
    ClipSynthesizer clips(ClipLibrary::load(dir.path(), nullptr), espeak,
                          [&](const std::string& m) { log.push_back(m); });
    const AnnouncementText text = composeAnnouncement({.ticketNumber = "A012", .counterNumber = 2});
    const Pcm pcm = clips.synthesize(text);
    const Pcm direct = espeak.synthesize(text);
    // espeak-ng's sound: its rate, its length (espeak-ng varies by a few samples), none of the clip tones.
    CHECK(pcm.sampleRate == espeak.sampleRate());
    CHECK(pcm.duration() > direct.duration() - 50ms);
    CHECK(pcm.duration() < direct.duration() + 50ms);
    CHECK(pcm.duration() > 2s);
    REQUIRE(log.size() == 1);
    CHECK_THAT(log[0], Catch::Contains("so-1.wav") && Catch::Contains("espeak-ng"));
    // The same gap is reported once, not at every call.
    clips.synthesize(text);
    CHECK(log.size() == 1);
    // A sentence that needs no "một" is still assembled from clips.
    const Pcm other = clips.synthesize(composeAnnouncement({.ticketNumber = "A020", .counterNumber = 2}));
    CHECK(other.sampleRate == 44100);
    CHECK(segmentPitches(other) == std::vector<double>{300, 400, 500, 700, 500, 800, 700});
}

TEST_CASE("wording can be recorded word by word instead of as a phrase", "[voice][clips]") {
    TempDir dir;
    auto words = kClips;
    words.erase("kinh_moi_cong_dan_co_so_thu_tu");
    const std::vector<std::string> stems = {"kinh", "moi", "cong", "dan", "co", "so", "thu", "tu"};
    for (const std::string& stem : stems) words[stem] = 900;
    recordClips(dir, words, 22050);
    CountingSynthesizer fallback;
    ClipSynthesizer clips(ClipLibrary::load(dir.path(), nullptr), fallback, nullptr);
    const Pcm pcm = clips.synthesize(composeAnnouncement({.ticketNumber = "A012", .counterNumber = 2}));
    CHECK(fallback.sentences.empty());
    const std::vector<double> pitches = segmentPitches(pcm);
    REQUIRE(pitches.size() == 14);
    CHECK(std::count(pitches.begin(), pitches.begin() + 8, 900.0) == 8);
    CHECK(std::vector<double>(pitches.begin() + 8, pitches.end()) ==
          std::vector<double>{400, 500, 600, 700, 800, 700});
}

TEST_CASE("clips at different rates are joined at the highest rate", "[voice][clips]") {
    ClipLibrary library;
    CHECK(library.add("chu-a", tone(400, 200, 16000)));
    CHECK(library.add("so-5", tone(500, 200, 48000)));
    CHECK_FALSE(library.add("so-6", silence(22050, 300ms)));  // silent recording: not a clip
    CHECK(library.sampleRate() == 48000);
    const ClipAssembly assembly = assembleFromClips(AnnouncementText{readTicketNumber("A5", {})}, library,
                                                    {.wordGap = 40ms, .phraseGap = 120ms, .pauseGap = 300ms});
    REQUIRE(assembly.pcm.has_value());
    CHECK(assembly.pcm->sampleRate == 48000);
    CHECK(assembly.pcm->duration() > 420ms);
    CHECK(assembly.pcm->duration() < 480ms);
    CHECK(assembleFromClips(AnnouncementText{readTicketNumber("A6", {})}, library).missing ==
          std::vector<std::string>{"so-6"});
}

TEST_CASE("unreadable clip files are logged and left out, a missing folder is no clips", "[voice][clips]") {
    TempDir dir;
    recordClips(dir, {{"so-1", 600}});
    motcua::testing::writeFile(dir / "so-2.wav", "not a wav at all");
    motcua::testing::writeFile(dir / "README.md", "how to record");
    std::vector<std::string> log;
    const ClipLibrary library =
        ClipLibrary::load(dir.path(), [&](const std::string& m) { log.push_back(m); });
    CHECK(library.size() == 1);
    CHECK(library.find("so-1") != nullptr);
    REQUIRE(log.size() == 1);
    CHECK_THAT(log[0], Catch::Contains("so-2.wav"));
    CHECK(ClipLibrary::load(dir / "nowhere", nullptr).empty());

    // With no clips at all the fallback is used without complaint: espeak-ng is the normal case.
    CountingSynthesizer fallback;
    std::vector<std::string> quiet;
    ClipSynthesizer clips(ClipLibrary::load(dir / "nowhere", nullptr), fallback,
                          [&](const std::string& m) { quiet.push_back(m); });
    clips.synthesize(composeAnnouncement({.ticketNumber = "B1", .counterNumber = 1}));
    CHECK(fallback.sentences.size() == 1);
    CHECK(quiet.empty());
}
