#include "kiosk/display_app/lobby_screen.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "display_fixture.h"

using namespace motcua;
using namespace motcua::display;
using namespace motcua::display::testing;

namespace {

// The real espeak-ng northern voice, said once per call with short gaps, into a recording output.
struct RecordedVoice {
    voice::EspeakSynthesizer espeak{};
    RecordingSpeech speech{espeak};
    voice::RecordingAudioOutput output;
    voice::Announcer announcer{speech, output, settings(), [](const std::string&) {}};

    static voice::AnnouncerSettings settings() {
        voice::AnnouncerSettings s;
        s.repeats = 1;
        s.afterChime = std::chrono::milliseconds(100);
        s.afterAnnouncement = std::chrono::milliseconds(100);
        return s;
    }
};

const SceneFill* latestBox(const LobbyScreen& screen) {
    // The latest-call box is the first fill of the panel: the one holding "Mời công dân có số".
    for (const auto& text : screen.scene().texts) {
        if (text.text != "Mời công dân có số") continue;
        for (const auto& fill : screen.scene().fills) {
            if (fill.rect.x <= text.cell.x && fill.rect.right() >= text.cell.right() &&
                fill.rect.y <= text.cell.y && fill.rect.bottom() >= text.cell.bottom())
                return &fill;
        }
    }
    return nullptr;
}

}  // namespace

TEST_CASE("Calls made by another process appear on the lobby display at the next poll, the latest blinking",
          "[display][lobby]") {
    DisplayFixture f({1920, 1080});
    f.screens.push(std::make_unique<LobbyScreen>(f.feed, f.clock, nullptr));
    f.script("wait 100");
    CHECK(f.shows("UBND phường Ngô Quyền"));
    CHECK(f.shows("Thứ Hai, 30/11/2026"));
    CHECK(f.shows("08:00"));
    CHECK(f.shows("Xin mời lấy số thứ tự"));

    f.op("take HT");
    f.op("take HT cao_tuoi");
    f.op("take CT");
    const std::string first = f.op("call 1");  // the priority ticket goes first
    CHECK(first == "A002");
    CHECK_FALSE(f.shows("A002"));  // not polled yet
    f.script("wait 60\nexpect \"A002\"\nexpect \"Ưu tiên – đến quầy số 1\"");
    const std::string second = f.op("call 2");
    f.script("wait 60\nexpect \"" + second + "\"\nexpect \"đến quầy số 2\"\nexpect \"Quầy 1\"");
    CHECK(f.shows("1 người"));  // CT still has B001 waiting

    auto& screen = dynamic_cast<LobbyScreen&>(*f.screens.top());
    const auto lit = latestBox(screen);
    REQUIRE(lit != nullptr);
    CHECK(lit->colour == LobbyPalette{}.highlight);
    // Blinks: dark half a period later, lit again after another, and steady once the blink is over.
    f.script("wait 500");
    REQUIRE(latestBox(screen));
    CHECK(latestBox(screen)->colour == LobbyPalette{}.band);
    f.script("wait 500");
    CHECK(latestBox(screen)->colour == LobbyPalette{}.highlight);
    f.script("wait 9000\nscreenshot lobby_two_calls.png");
    CHECK(latestBox(screen)->colour == LobbyPalette{}.highlight);
    CHECK(std::filesystem::file_size(std::filesystem::path(MOTCUA_BINARY_DIR) /
                                     "screenshots/display/lobby_two_calls.png") > 10000);
}

TEST_CASE("Several calls between two polls are all shown and announced in order; a recall is announced again",
          "[display][lobby][voice]") {
    DisplayFixture f({1920, 1080}, officeToml(6));
    RecordedVoice v;
    f.screens.push(std::make_unique<LobbyScreen>(f.feed, f.clock, &v.announcer));
    f.script("wait 100");
    for (int i = 0; i < 3; ++i) f.op("take HT");
    f.op("take CT");
    // Three calls at three counters, committed by the other process between two polls.
    const std::string a = f.op("call 1");  // counter 1: HT, CT
    const std::string b = f.op("call 6");  // counter 6: TT, HT
    const std::string c = f.op("call 2");  // counter 2: CT, XH
    CHECK(a == "A001");
    CHECK(b == "A002");
    CHECK(c == "B001");
    f.script("wait 60");
    for (const auto& number : {a, b, c}) CHECK(f.shows(number));
    f.op("recall 1");
    f.script("wait 60\nscreenshot lobby_recall.png");
    auto& screen = dynamic_cast<LobbyScreen&>(*f.screens.top());
    CHECK(screen.announced() == 4);
    REQUIRE(v.announcer.waitUntilIdle(std::chrono::seconds(60)));

    const auto sentences = v.speech.sentences();
    REQUIRE(sentences.size() == 4);
    CHECK(sentences[0] == "Kính mời công dân có số thứ tự a không không một, đến quầy số một");
    CHECK(sentences[1] == voice::composeAnnouncement({b, 6}).sentence());
    CHECK(sentences[2] == voice::composeAnnouncement({c, 2}).sentence());
    CHECK(sentences[3] == sentences[0]);  // the recall
    CHECK(sentences[1].find("đến quầy số sáu") != std::string::npos);
    // Real audio: a chime and a sentence per call (silences between them), none of them empty.
    const auto pieces = v.output.pieces();
    const auto loud = std::count_if(pieces.begin(), pieces.end(), [](const voice::Pcm& piece) {
        return std::any_of(piece.samples.begin(), piece.samples.end(),
                           [](std::int16_t s) { return std::abs(s) > 1000; });
    });
    CHECK(loud == 8);
    const voice::Pcm all = v.output.joined();
    const double seconds = all.seconds();
    CHECK(seconds > 4 * 2.0);
    CHECK(seconds < 4 * 12.0);
}

TEST_CASE("A counter on a break shows Tạm nghỉ on the lobby display", "[display][lobby]") {
    DisplayFixture f({1920, 1080});
    f.screens.push(std::make_unique<LobbyScreen>(f.feed, f.clock, nullptr));
    f.op("login 2 canbo2");
    f.script("wait 100");
    CHECK_FALSE(f.shows(kPausedText));
    f.op("break 2 canbo2 họp giao ban");
    f.script("wait 60\nexpect \"Tạm nghỉ\"\nscreenshot lobby_break.png");
    f.op("endbreak 2 canbo2");
    f.script("wait 60");
    CHECK_FALSE(f.shows(kPausedText));
}

TEST_CASE("The lobby display draws nothing while idle and one frame when a call comes",
          "[display][lobby][idle]") {
    DisplayFixture f({1920, 1080});
    f.screens.push(std::make_unique<LobbyScreen>(f.feed, f.clock, nullptr));
    f.op("take HT");
    f.script("wait 200");
    const auto drawn = f.app.framesDrawn();
    // 40 ticks within the same minute and ticker page: nothing to draw.
    for (int i = 0; i < 40; ++i) {
        f.clock.advance(40);
        f.app.frame();
    }
    CHECK(f.app.framesDrawn() == drawn);
    f.op("call 1");
    f.clock.advance(50);
    f.app.frame();
    CHECK(f.app.framesDrawn() == drawn + 1);
    CHECK(f.shows("A001"));
}

TEST_CASE("The ticker shows the office's slogan, hotline, hours and the online portal in turn",
          "[display][lobby]") {
    DisplayFixture f({1920, 1080});
    f.screens.push(std::make_unique<LobbyScreen>(f.feed, f.clock, nullptr));
    std::vector<std::string> seen;
    for (int page = 0; page < 4; ++page) {
        f.script("wait 8000");
        for (const auto& t : f.texts()) seen.push_back(t);
    }
    const auto has = [&](const std::string& prefix) {
        return std::any_of(seen.begin(), seen.end(),
                           [&](const std::string& t) { return t.rfind(prefix, 0) == 0; });
    };
    CHECK(has("Chính quyền thân thiện"));
    CHECK(has("Đường dây nóng: 024 3825 1234"));
    CHECK(has("Giờ làm việc: Sáng 8:00"));
    CHECK(has("Nộp hồ sơ trực tuyến tại https://dichvucong.gov.vn"));
}

TEST_CASE(
    "Outside the hours the lobby display says when numbers are issued again; edited hours show "
    "within a second, without a restart",
    "[display][lobby][issuing]") {
    // The lobby TV is landscape; 1280x720 is the smallest the layout tests use.
    const ui::Size size = GENERATE(ui::Size{1920, 1080}, ui::Size{1280, 720});
    CAPTURE(size.width, size.height);
    auto office = [](const std::string& afternoonClose) {
        // officeToml(5) with hours: Monday to Friday 08:00–12:00 and 13:30–afternoonClose.
        std::string toml = officeToml(5);
        toml += "\n[[opening_hours]]\ndays = [1, 2, 3, 4, 5]\nopen = \"08:00\"\nclose = \"12:00\"\n";
        toml += "\n[[opening_hours]]\ndays = [1, 2, 3, 4, 5]\nopen = \"13:30\"\nclose = \"" + afternoonClose +
                "\"\n";
        return toml;
    };
    // Every text on screen joined by spaces (a ticker line that wrapped joins up again).
    auto shown = [](DisplayFixture& f) {
        std::string out;
        for (const auto& t : f.texts()) out += t + " ";
        return out;
    };
    const std::string vi =
        "Bộ phận đã hết giờ nhận số hôm nay. Mời ông/bà quay lại lúc 8:00 sáng thứ Ba, 01/12/2026.";
    const std::string en =
        "Numbers are no longer issued today. Please come back at 8:00 on Tuesday, 01/12/2026.";
    DisplayFixture f(size, office("17:00"));
    f.clock.set(kMonday0800 + (9 * 60 + 5) * 60'000);  // Monday 17:05
    f.screens.push(std::make_unique<LobbyScreen>(f.feed, f.clock, nullptr));
    const std::string dir = "closed-" + std::to_string(size.width) + "x" + std::to_string(size.height);
    // In full, Vietnamese and English by turns (a ticker page each).
    f.script("wait 1100\nscreenshot 1-closed.png", dir);
    const std::string first = shown(f);
    f.script("wait 8000\nscreenshot 2-closed-other-language.png", dir);
    const std::string second = shown(f);
    CHECK_THAT(first + second, Catch::Contains(vi) && Catch::Contains(en));
    CHECK(f.shows("Hết giờ nhận số"));  // not "Xin mời lấy số thứ tự"
    CHECK_FALSE(f.shows("Xin mời lấy số thứ tự"));

    // The office stays open until 18:00 from today: `motcua init` in another process.
    {
        auto other = queue::openStore(f.path, queue::OpenPurpose::Use);
        queue::applyOfficeConfig(other, queue::parseOfficeConfig(office("18:00"), "test.toml"));
    }
    f.script("wait 1100\nscreenshot 3-open-again.png", dir);
    CHECK(shown(f).find("hết giờ nhận số") == std::string::npos);
    CHECK(f.shows("Xin mời lấy số thứ tự"));
    CHECK(f.queue.issuingState().open);
}
