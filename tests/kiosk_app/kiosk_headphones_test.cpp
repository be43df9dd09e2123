// Headphones plugged in turn voice guidance on (issue 20, point 4): the sound server's watch is
// replaced at the hardware's edge by one the test scripts (the libpulse watch itself is tested
// against a real PulseAudio server in tests/voice/headphone_watch_test.cpp).
#include <algorithm>
#include <catch2/catch.hpp>
#include <deque>

#include "kiosk/voice/recording_audio_output.h"
#include "kiosk_fixture.h"

using namespace motcua;
using motcua::testing::KioskFixture;
using voice::Headphones;

namespace {

// Hands the kiosk the reports the test queues, one a frame, as the sound server's watch would.
struct ScriptedHeadphones final : voice::HeadphoneWatch {
    std::shared_ptr<std::deque<voice::HeadphoneReport>> reports =
        std::make_shared<std::deque<voice::HeadphoneReport>>();
    std::optional<voice::HeadphoneReport> poll() override {
        if (reports->empty()) return std::nullopt;
        auto r = reports->front();
        reports->pop_front();
        return r;
    }
    std::string describe() const override { return "test headphones"; }
};

struct HeadphoneKiosk {
    HeadphoneKiosk(ui::Size size, const std::string& test) : f(size, test) {
        auto options = f.options();
        options.guideOutput = [] { return std::make_unique<voice::RecordingAudioOutput>(); };
        options.headphoneWatch = [reports = reports] {
            auto watch = std::make_unique<ScriptedHeadphones>();
            watch->reports = reports;
            return watch;
        };
        f.start(std::move(options));
    }
    void plug() { reports->push_back({Headphones::Plugged, "sink test, port analog-output-headphones"}); }
    void unplug() { reports->push_back({Headphones::Unplugged, "sink test, port analog-output-speaker"}); }
    void run(const std::string& name, const std::string& script) {
        const auto path = f.dir / name;
        testing::writeFile(path, script);
        const auto outcome = f.program->runScript(path);
        INFO(ui::formatOutcome(outcome, script));
        REQUIRE(outcome.ok);
    }
    kiosk::KioskSession& session() { return f.program->session(); }
    // What the guide said from index `from` on.
    std::vector<std::string> saidSince(std::size_t from) {
        const auto& log = session().guide().log();
        return {log.begin() + static_cast<std::ptrdiff_t>(std::min(from, log.size())), log.end()};
    }

    std::shared_ptr<std::deque<voice::HeadphoneReport>> reports =
        std::make_shared<std::deque<voice::HeadphoneReport>>();
    KioskFixture f;
};

bool saidOnce(const std::vector<std::string>& said, const std::string& start) {
    return std::count_if(said.begin(), said.end(),
                         [&](const std::string& s) { return s.rfind(start, 0) == 0; }) == 1;
}

}  // namespace

TEST_CASE("Headphones plugged in turn voice guidance on; pulled out, off again",
          "[kiosk][voice][headphones]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    CAPTURE(size.width, size.height);
    HeadphoneKiosk k(size, "voice-headphones");
    CHECK(std::find(k.f.log.begin(), k.f.log.end(), "headphones: watching test headphones") != k.f.log.end());
    k.run("start.txt", "wait 1100\nexpect \"Hướng dẫn bằng giọng nói\"\n");
    CHECK_FALSE(k.session().voiceGuidance());

    // Plugged in at the welcome screen: on, with the same spoken welcome as the switch gives.
    k.plug();
    k.run("plug.txt",
          "wait 100\n"
          "said \"Đã bật hướng dẫn bằng giọng nói. Chạm vào màn hình để nghe tên mục\"\n"
          "expect \"Tắt giọng nói\"\n"
          "screenshot 1-headphones-plugged.png\n");
    CHECK(k.session().voiceGuidance());
    CHECK(k.session().voiceByHeadphones());
    CHECK(std::find(k.f.log.begin(), k.f.log.end(),
                    "headphones: plugged (sink test, port analog-output-headphones)") != k.f.log.end());

    // The citizen goes on by touch alone, then pulls the headphones out: off, said once.
    const auto before = k.session().guide().log().size();
    k.run("visit.txt",
          "wait 600\n"
          "tap \"Chạm vào màn hình để bắt đầu\"\n"
          "tap \"Chạm vào màn hình để bắt đầu\"\n"
          "said \"Đã chọn: Chạm vào màn hình để bắt đầu\"\n"
          "said \"Lấy số thứ tự\"\n");
    k.unplug();
    k.run("unplug.txt", "wait 100\nexpect \"Lấy số thứ tự\"\n");
    CHECK_FALSE(k.session().voiceGuidance());
    CHECK_FALSE(k.session().voiceByHeadphones());
    CHECK(saidOnce(k.saidSince(before), "Đã tắt hướng dẫn bằng giọng nói."));
    CHECK(k.saidSince(before).back() == "Đã tắt hướng dẫn bằng giọng nói.");
}

TEST_CASE("Voice guidance a citizen turned on stays on when headphones are pulled out",
          "[kiosk][voice][headphones]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    CAPTURE(size.width, size.height);
    HeadphoneKiosk k(size, "voice-headphones-switch");
    k.run("switch.txt",
          "wait 1100\n"
          "tap \"Chạm vào màn hình để bắt đầu\"\n"
          "tap \"English\"\n"
          "tap \"Voice guidance\"\n"
          "said \"Voice guidance is on\"\n");
    REQUIRE(k.session().voiceGuidance());
    const auto before = k.session().guide().log().size();
    // Plugged in while on: nothing to turn on, nothing said again.
    k.plug();
    k.run("plug.txt", "wait 100\nexpect \"Turn voice off\"\n");
    CHECK(k.session().voiceGuidance());
    CHECK_FALSE(k.session().voiceByHeadphones());
    CHECK(k.saidSince(before).empty());
    // Pulled out: the citizen's choice stands.
    k.unplug();
    k.run("unplug.txt", "wait 100\nexpect \"Turn voice off\"\n");
    CHECK(k.session().voiceGuidance());
    CHECK(k.saidSince(before).empty());

    // Turned on by the plug, then the citizen uses the switch twice (off, on): theirs from then on.
    // (In voice mode one tap says the control, a second one presses it.)
    k.run("off.txt",
          "wait 600\ntap \"Turn voice off\"\ntap \"Turn voice off\"\nsaid \"Voice guidance is off\"\n");
    REQUIRE_FALSE(k.session().voiceGuidance());
    k.plug();
    k.run("plug2.txt", "wait 100\nsaid \"Voice guidance is on\"\n");
    REQUIRE(k.session().voiceByHeadphones());
    k.run("toggle.txt",
          "wait 600\ntap \"Turn voice off\"\ntap \"Turn voice off\"\nwait 600\ntap \"Voice guidance\"\nwait "
          "600\n");
    CHECK(k.session().voiceGuidance());
    CHECK_FALSE(k.session().voiceByHeadphones());
    k.unplug();
    k.run("unplug2.txt", "wait 100\n");
    CHECK(k.session().voiceGuidance());
}

TEST_CASE("Headphones left plugged in: the next visit starts with voice guidance, volume reset",
          "[kiosk][voice][headphones]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    CAPTURE(size.width, size.height);
    HeadphoneKiosk k(size, "voice-headphones-next");
    k.plug();
    k.run("plug.txt", "wait 1100\nsaid \"Đã bật hướng dẫn bằng giọng nói\"\n");
    REQUIRE(k.session().voiceGuidance());
    k.run("volume.txt",
          "wait 600\ntap \"Chạm vào màn hình để bắt đầu\"\ntap \"Chạm vào màn hình để bắt đầu\"\nwait 600\n"
          "tap \"Âm lượng 1/3\"\ntap \"Âm lượng 1/3\"\nexpect \"Âm lượng 2/3\"\n");
    CHECK(k.session().guide().volume() == Approx(1.5));

    const auto before = k.session().guide().log().size();
    k.session().endVisit();
    k.f.program->app().frame();
    CHECK(k.session().voiceGuidance());
    CHECK(k.session().voiceByHeadphones());
    CHECK(k.session().guide().volume() == Approx(1.0));
    CHECK(saidOnce(k.saidSince(before), "Đã bật hướng dẫn bằng giọng nói."));
    k.run("welcome.txt", "expect \"Tắt giọng nói\"\nexpect \"Chạm vào màn hình để bắt đầu\"\n");

    // Pulled out at the welcome screen: off again.
    k.unplug();
    k.run("unplug.txt",
          "wait 100\nsaid \"Đã tắt hướng dẫn bằng giọng nói\"\nexpect \"Hướng dẫn bằng giọng nói\"\n");
    CHECK_FALSE(k.session().voiceGuidance());
    // And the visit after that starts without it.
    k.session().endVisit();
    CHECK_FALSE(k.session().voiceGuidance());
}

TEST_CASE("No sound server: unknown once in the log, nothing else changes", "[kiosk][voice][headphones]") {
    HeadphoneKiosk k({1080, 1920}, "voice-headphones-unknown");
    k.reports->push_back({Headphones::Unknown, "no sound server answers: Connection refused"});
    k.run("unknown.txt", "wait 1100\nexpect \"Hướng dẫn bằng giọng nói\"\n");
    CHECK_FALSE(k.session().voiceGuidance());
    CHECK(std::count(k.f.log.begin(), k.f.log.end(),
                     "headphones: unknown (no sound server answers: Connection refused)") == 1);
    CHECK(k.session().guide().log().empty());
    // Voice guidance on by the plug, then the server goes away: it stays on (nothing is known).
    k.plug();
    k.reports->push_back({Headphones::Unknown, "no sound server answers: Connection terminated"});
    k.run("lost.txt", "wait 100\nsaid \"Đã bật hướng dẫn bằng giọng nói\"\n");
    CHECK(k.session().voiceGuidance());
    // The next visit does not start with it: nothing says headphones are still there.
    k.session().endVisit();
    CHECK_FALSE(k.session().voiceGuidance());
}

TEST_CASE("With --no-voice the headphone watch is not started", "[kiosk][voice][headphones]") {
    KioskFixture f({1080, 1920}, "voice-headphones-off");
    auto options = f.options();
    bool made = false;
    options.voice = false;
    options.headphoneWatch = [&made] {
        made = true;
        return std::make_unique<ScriptedHeadphones>();
    };
    f.start(std::move(options));
    CHECK_FALSE(made);
}
