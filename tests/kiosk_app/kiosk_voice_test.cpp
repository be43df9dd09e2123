// Voice guidance (EN 301 549 5.1.3), driven by scripts that say what must be heard: the real espeak-ng
// voices speak into a recording output, and the guide's log says what was asked to be said, in order.
#include <algorithm>
#include <catch2/catch.hpp>

#include "kiosk/voice/recording_audio_output.h"
#include "kiosk_fixture.h"
#include "queue/queue_service.h"

using namespace motcua;
using motcua::testing::KioskFixture;

namespace {

struct VoiceKiosk {
    explicit VoiceKiosk(ui::Size size, const std::string& test) : f(size, test) {
        auto options = f.options();
        options.guideOutput = [this] {
            auto out = std::make_unique<voice::RecordingAudioOutput>();
            recording = out.get();
            return out;
        };
        f.start(std::move(options));
    }
    KioskFixture f;
    voice::RecordingAudioOutput* recording = nullptr;
};

void requireOk(const ui::ScriptOutcome& outcome, const std::string& script) {
    INFO(ui::formatOutcome(outcome, script));
    REQUIRE(outcome.ok);
}

}  // namespace

TEST_CASE("A blind citizen takes a priority number by voice guidance and hears the ticket",
          "[kiosk][voice]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    CAPTURE(size.width, size.height);
    VoiceKiosk k(size, "voice-take-number");
    requireOk(k.f.run("voice_take_number.txt"), "voice_take_number.txt");
    // The ticket is the one the voice read out.
    auto db = k.f.openDb();
    queue::SystemClock clock;
    queue::QueueService q(db, clock);
    const auto ticket = q.findToday("A001");
    REQUIRE(ticket);
    CHECK(ticket->priority == std::optional<std::string>("cao_tuoi"));
    // The ticket's whole content was read, then read again on the swipe up.
    const auto& log = k.f.program->session().guide().log();
    const auto summaries = std::count_if(log.begin(), log.end(), [](const std::string& line) {
        return line.find("Số thứ tự của ông, bà là A, 0, 0, 1") != std::string::npos;
    });
    CHECK(summaries == 2);
    // Once printed, only what was added is said: where to take the ticket.
    CHECK(std::count(log.begin(), log.end(), std::string("Mời ông/bà nhận phiếu ở khe máy in")) == 1);
    REQUIRE_FALSE(log.empty());
    CHECK_THAT(log.back(), Catch::Contains("Số người đang chờ trước ông/bà: 0") &&
                               Catch::Contains("Quầy 1, 2") && Catch::Contains("Thời gian chờ dự kiến") &&
                               Catch::Contains("Mời ông/bà nhận phiếu ở khe máy in"));
    // Real speech was made: the recording holds sound, not silence.
    REQUIRE(k.recording);
    REQUIRE(k.recording->waitForPieces(1, std::chrono::seconds(30)));
    CHECK(voice::rms(k.recording->joined()) > 0.01);
    CHECK(k.f.program->session().voiceGuidance());
}

TEST_CASE("Voice guidance in English: swipes, volume, and the end of the visit resets it", "[kiosk][voice]") {
    VoiceKiosk k({1080, 1920}, "voice-gestures");
    auto& session = k.f.program->session();
    requireOk(k.f.run("voice_gestures.txt"), "voice_gestures.txt");
    CHECK(session.guide().volume() == Approx(1.5));
    session.endVisit();
    k.f.program->app().frame();
    CHECK_FALSE(session.voiceGuidance());
    CHECK(session.guide().volume() == Approx(1.0));
}

TEST_CASE("Idle: the warning comes first, a tap keeps the visit, silence ends it", "[kiosk][idle][voice]") {
    VoiceKiosk k({1920, 1080}, "idle-warning");
    auto& program = *k.f.program;
    requireOk(k.f.run("idle_warning.txt"), "idle_warning.txt");
    CHECK(program.session().language() == kiosk::Language::Vi);
}
