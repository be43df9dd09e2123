#include <SDL.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>

#include "headless_fixture.h"
#include "kiosk/ui/box.h"
#include "kiosk/ui/button.h"
#include "kiosk/ui/label.h"
#include "kiosk/ui/layout_check.h"
#include "kiosk/ui/scroll_view.h"
#include "kiosk/ui/spinner.h"
#include "kiosk/ui/text_input.h"
#include "kiosk/ui/vietnamese_keyboard.h"
#include "support/test_support.h"

using namespace motcua::ui;
using motcua::ui::testing::HeadlessUi;

namespace {

const std::filesystem::path kShots = std::filesystem::path(MOTCUA_BINARY_DIR) / "screenshots" / "ui";

// A long page: pushed by the demo screen, closes itself from its own button.
class PageScreen final : public WidgetScreen {
  public:
    PageScreen(ScreenStack& stack, int& alive) : m_alive(alive) {
        ++m_alive;
        auto root = std::make_unique<Box>(Axis::Vertical, Box::kThemed);
        root->add(std::make_unique<Label>("Đăng ký khai sinh", FontRole::Title));
        auto content = std::make_unique<Box>(Axis::Vertical, 0);
        for (int i = 1; i <= 30; ++i)
            content->add(std::make_unique<Label>(
                "Bước " + std::to_string(i) +
                ": Người đi đăng ký khai sinh nộp tờ khai theo mẫu và giấy chứng sinh "
                "cho cơ quan đăng ký hộ tịch."));
        m_scroll = &root->add(std::make_unique<ScrollView>(std::move(content)), 1);
        root->add(std::make_unique<Button>(
            "Quay lại", [&stack] { stack.pop(); }, ButtonStyle::Primary));
        root->add(std::make_unique<Button>("Gây lỗi",
                                           [] { throw std::runtime_error("catalogue row 42 is corrupt"); }));
        setRoot(std::move(root));
    }
    ~PageScreen() override { --m_alive; }
    const ScrollView& scroll() const { return *m_scroll; }

  private:
    int& m_alive;
    ScrollView* m_scroll;
};

// Title, a button that "issues" a number, a search field with the keyboard, a link to a long page.
class DemoScreen final : public WidgetScreen {
  public:
    explicit DemoScreen(ScreenStack& stack) {
        auto root = std::make_unique<Box>(Axis::Vertical, Box::kThemed);
        m_main = root.get();
        auto left = std::make_unique<Box>(Axis::Vertical, 0);
        left->add(std::make_unique<Label>("Tra cứu thủ tục hành chính", FontRole::Title));
        left->add(std::make_unique<Label>("Chạm vào nút để lấy số thứ tự hoặc gõ tên thủ tục cần tìm.",
                                          FontRole::Body, TextAlign::Left, TextColour::Muted));
        auto& number =
            left->add(std::make_unique<Label>("", FontRole::Heading, TextAlign::Left, TextColour::Primary));
        left->add(std::make_unique<Button>(
                      "Lấy số thứ tự",
                      [this, &number] {
                          ++issued;
                          number.setText("Số của ông/bà: A00" + std::to_string(issued));
                      },
                      ButtonStyle::Primary))
            .setSecondary("Get a queue number");
        left->add(std::make_unique<Button>(
            "Mở trang dài", [this, &stack] { stack.push(std::make_unique<PageScreen>(stack, pagesAlive)); }));
        auto& result = left->add(std::make_unique<Label>("Kết quả:"));
        m_left = &root->add(std::move(left), 1);

        auto right = std::make_unique<Box>(Axis::Vertical, 0);
        auto& input = right->add(std::make_unique<TextInput>("Gõ tên thủ tục"));
        input.onChange([&result](const std::string& text) { result.setText("Kết quả: " + text); });
        m_input = &input;
        right->add(std::make_unique<VietnameseKeyboard>(input));
        root->add(std::move(right), 1);
        setRoot(std::move(root));
    }

    void layout(const LayoutContext& context, Size size) override {
        // Portrait stacks the search under the buttons; landscape puts it beside them.
        const bool landscape = size.width > size.height;
        m_main->setAxis(landscape ? Axis::Horizontal : Axis::Vertical);
        // Portrait: the buttons take what they need and the keyboard the rest; landscape: half each.
        m_main->setWeight(*m_left, landscape ? 1 : 0);
        WidgetScreen::layout(context, size);
    }

    const TextInput& input() const { return *m_input; }
    int issued = 0;
    int pagesAlive = 0;

  private:
    Box* m_main;
    Box* m_left;
    TextInput* m_input;
};

std::string orientationName(Size s) {
    return s.width > s.height ? "landscape" : "portrait";
}

int distinctColours(const Image& image) {
    std::set<std::uint32_t> colours;
    for (std::size_t i = 0; i + 3 < image.rgba.size(); i += 4 * 97)
        colours.insert(static_cast<std::uint32_t>(image.rgba[i]) << 16 |
                       static_cast<std::uint32_t>(image.rgba[i + 1]) << 8 | image.rgba[i + 2]);
    return static_cast<int>(colours.size());
}

}  // namespace

TEST_CASE("A script taps by visible text, types Vietnamese and takes screenshots in both orientations",
          "[ui][headless][script]") {
    const Size size = GENERATE(Size{1080, 1920}, Size{1920, 1080});
    const std::string name = orientationName(size);
    CAPTURE(name);
    HeadlessUi ui(size);
    ui.screens.push(std::make_unique<DemoScreen>(ui.screens));
    ScriptRunner runner(ui.app, ui.clock, kShots);

    const std::string script = R"(# the demo screen, as a citizen would use it
expect "Tra cứu thủ tục hành chính"
screenshot demo-)" + name + R"(-1-start.png
tap "Lấy số thứ tự"
expect "Số của ông/bà: A001"
# Telex on: keystrokes compose
tap "Telex: Tắt"
type "vieetj nam"
expect "Kết quả: việt nam"
screenshot demo-)" + name + R"(-2-telex.png
tap "Xóa hết"
tap "Telex: Bật"
# Direct keys, for people who do not know Telex
tap "n"
tap "g"
tap "u"
tap "y"
tap "e"
tap "n"
tap "ê"
tap "ã"
expect "Kết quả: nguyễn"
key Backspace
expect "Kết quả: nguyễ"
screenshot demo-)" + name + R"(-3-keys.png
tap "Mở trang dài"
expect "Bước 1:"
drag 700 800 700 300
wait 1500
screenshot demo-)" + name + R"(-4-scrolled.png
tap "Quay lại"
expect "Số của ông/bà: A001"
quit
)";
    const auto parsed = parseScript(script);
    REQUIRE(parsed.ok());
    const auto outcome = runner.run(parsed.commands);
    INFO(formatOutcome(outcome, "demo"));
    REQUIRE(outcome.ok);
    CHECK(outcome.quit);
    REQUIRE(outcome.screenshots.size() == 4);
    for (const auto& path : outcome.screenshots) {
        CAPTURE(path);
        const Image image = loadPng(path);
        CHECK(image.width == size.width);
        CHECK(image.height == size.height);
        CHECK(distinctColours(image) > 4);  // not a blank frame
        // The background colour of the theme fills the bottom-right corner area.
        const auto px = image.at(size.width - 2, size.height - 2);
        const Colour bg = Theme().palette().background;
        CHECK((px.r == bg.r && px.g == bg.g && px.b == bg.b));
    }
    auto* demo = static_cast<DemoScreen*>(ui.screens.root());
    CHECK(demo->issued == 1);
    CHECK(demo->pagesAlive == 0);  // the page popped itself and was destroyed
    CHECK(ui.app.textCacheStats().hits > 0);
}

TEST_CASE("A scrolled page no longer shows its first step", "[ui][headless][scroll]") {
    HeadlessUi ui({1080, 1920});
    int alive = 0;
    ui.screens.push(std::make_unique<PageScreen>(ui.screens, alive));
    ScriptRunner runner(ui.app, ui.clock, kShots);
    const auto parsed =
        parseScript("expect \"Bước 1:\"\ndrag 500 1400 500 300\nwait 2000\nexpect \"Bước 1:\"\n");
    REQUIRE(parsed.ok());
    const auto outcome = runner.run(parsed.commands);
    CHECK_FALSE(outcome.ok);
    CHECK(outcome.line == 4);
    CHECK_THAT(outcome.message,
               Catch::Contains("is not visible") && Catch::Contains("visible: \"Đăng ký khai sinh\""));
    const auto& page = static_cast<const PageScreen&>(*ui.screens.top());
    // Dragged 1100 px, then the fling carried it further, and it has come to rest.
    CHECK(page.scroll().offset() > 1100);
    CHECK(page.scroll().velocity() == 0);
    CHECK(formatOutcome(outcome, "page.txt").rfind("page.txt:4: expect \"Bước 1:\": ", 0) == 0);
}

TEST_CASE("A screen that throws shows a banner and returns to the root screen", "[ui][headless][errors]") {
    HeadlessUi ui({1920, 1080});
    ui.screens.push(std::make_unique<DemoScreen>(ui.screens));
    ScriptRunner runner(ui.app, ui.clock, kShots);
    // Back on the first screen, whose title is under the banner: `expect` says so until it goes.
    const auto parsed = parseScript(
        "tap \"Mở trang dài\"\nexpect \"Gây lỗi\"\ntap \"Gây lỗi\"\n"
        "expect \"Đã xảy ra lỗi\"\nscreenshot errors-banner-landscape.png\n");
    REQUIRE(parsed.ok());
    const auto outcome = runner.run(parsed.commands);
    INFO(formatOutcome(outcome, "errors"));
    REQUIRE(outcome.ok);
    CHECK(ui.screens.size() == 1);
    CHECK(ui.app.screenErrors() == 1);
    REQUIRE(ui.logLines.size() == 1);
    CHECK_THAT(ui.logLines[0], Catch::Contains("catalogue row 42 is corrupt"));
    CHECK(static_cast<DemoScreen*>(ui.screens.root())->pagesAlive == 0);
    // The banner goes away by itself.
    CHECK(ui.app.banner().showing());
    const auto covered = runner.run(parseScript("expect \"Tra cứu thủ tục\"\n").commands);
    CHECK_FALSE(covered.ok);
    CHECK_THAT(covered.message, Catch::Contains("cannot be read"));
    REQUIRE(runner.run(parseScript("wait 9000\nexpect \"Tra cứu thủ tục\"\n").commands).ok);
    CHECK_FALSE(ui.app.banner().showing());
}

TEST_CASE("Idle time runs on the injected clock", "[ui][headless][idle]") {
    HeadlessUi ui({1080, 1920});
    ui.screens.push(std::make_unique<DemoScreen>(ui.screens));
    int idleCalls = 0;
    ui.app.setIdleTimeout(std::chrono::seconds(30), [&] {
        ++idleCalls;
        ui.screens.popToRoot();
    });
    ScriptRunner runner(ui.app, ui.clock, kShots);
    const auto started = std::chrono::steady_clock::now();
    auto outcome =
        runner.run(parseScript("tap \"Mở trang dài\"\nwait 29000\nexpect \"Quay lại\"\n").commands);
    REQUIRE(outcome.ok);
    CHECK(idleCalls == 0);
    outcome = runner.run(parseScript("wait 1500\nexpect \"Lấy số thứ tự\"\nwait 60000\n").commands);
    INFO(formatOutcome(outcome, "idle"));
    REQUIRE(outcome.ok);
    CHECK(idleCalls == 1);  // once per idle period, not every frame
    CHECK(ui.screens.size() == 1);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(20));
}

TEST_CASE("A touch that SDL also reports as mouse events is handled once", "[ui][headless][touch]") {
    HeadlessUi ui({1080, 1920});
    ui.screens.push(std::make_unique<DemoScreen>(ui.screens));
    ui.app.frame();
    const auto texts = ui.app.visibleTexts();
    const auto it = std::find_if(texts.begin(), texts.end(),
                                 [](const VisibleText& t) { return t.text == "Lấy số thứ tự"; });
    REQUIRE(it != texts.end());
    const Point p = it->bounds.center();
    auto* demo = static_cast<DemoScreen*>(ui.screens.top());

    auto push = [](SDL_Event e) { REQUIRE(SDL_PushEvent(&e) == 1); };
    SECTION("finger events plus the synthetic mouse events") {
        SDL_Event e{};
        e.type = SDL_FINGERDOWN;
        e.tfinger.touchId = 1;
        e.tfinger.fingerId = 0;
        e.tfinger.x = static_cast<float>(p.x) / 1080.0f;
        e.tfinger.y = static_cast<float>(p.y) / 1920.0f;
        push(e);
        SDL_Event m{};
        m.type = SDL_MOUSEBUTTONDOWN;
        m.button.which = SDL_TOUCH_MOUSEID;
        m.button.button = SDL_BUTTON_LEFT;
        m.button.x = p.x;
        m.button.y = p.y;
        push(m);
        e.type = SDL_FINGERUP;
        push(e);
        m.type = SDL_MOUSEBUTTONUP;
        push(m);
        ui.app.pumpSdlEvents();
        ui.app.frame();
        CHECK(demo->issued == 1);
    }
    SECTION("a real mouse click counts once too") {
        SDL_Event m{};
        m.type = SDL_MOUSEBUTTONDOWN;
        m.button.which = 0;
        m.button.button = SDL_BUTTON_LEFT;
        m.button.x = p.x;
        m.button.y = p.y;
        push(m);
        m.type = SDL_MOUSEBUTTONUP;
        push(m);
        ui.app.pumpSdlEvents();
        ui.app.frame();
        CHECK(demo->issued == 1);
    }
    SECTION("text and keys from SDL reach the focused field") {
        SDL_Event t{};
        t.type = SDL_TEXTINPUT;
        std::strcpy(t.text.text, "hộ tịch");
        push(t);
        SDL_Event k{};
        k.type = SDL_KEYDOWN;
        k.key.keysym.sym = SDLK_BACKSPACE;
        push(k);
        ui.app.pumpSdlEvents();
        ui.app.frame();
        CHECK(demo->input().text() == "hộ tịc");
    }
}

TEST_CASE("Large text and high contrast re-lay the screen", "[ui][headless][theme]") {
    HeadlessUi ui({1080, 1920});
    ui.screens.push(std::make_unique<DemoScreen>(ui.screens));
    ui.app.frame();
    auto heightOf = [&](const std::string& text) {
        for (const auto& t : ui.app.visibleTexts())
            if (t.text == text) return t.bounds.height;
        return -1;
    };
    const int normal = heightOf("Lấy số thứ tự");
    REQUIRE(normal >= Theme().minTouchPx());
    ui.app.setTheme(Theme(Contrast::High, TextSize::Large));
    ui.app.frame();
    CHECK(heightOf("Lấy số thứ tự") > normal);
    const Image image = ui.app.screenshot();
    savePng(kShots / "theme-high-contrast-large-portrait.png", image);
    const auto px = image.at(1075, 1915);
    CHECK((px.r == 0 && px.g == 0 && px.b == 0));
}

TEST_CASE("sleep lets wall time pass and moves the program's clock by exactly as much",
          "[ui][headless][script]") {
    HeadlessUi ui({1080, 1920});
    ui.screens.push(std::make_unique<DemoScreen>(ui.screens));
    ScriptRunner runner(ui.app, ui.clock, kShots);
    const auto clockBefore = ui.clock.now();
    const auto framesBefore = ui.app.framesDrawn();
    const auto started = std::chrono::steady_clock::now();
    const auto outcome = runner.run(parseScript("sleep 450\n").commands);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    REQUIRE(outcome.ok);
    // run() starts with one frame of ScriptRunner::kFrameMs before the first command.
    CHECK(ui.clock.now() - clockBefore == ScriptRunner::kFrameMs + 450);
    // Then a frame a slice (100 ms): five for 450 ms, so another process's changes are seen meanwhile.
    CHECK(ui.app.framesDrawn() - framesBefore == 1 + 5);
    CHECK(elapsed >= std::chrono::milliseconds(450));
}

TEST_CASE(
    "A script waits for the program's background work after each command, drawing frames, its clock still",
    "[ui][headless][script][background]") {
    HeadlessUi ui({1080, 1920});
    ui.screens.push(std::make_unique<DemoScreen>(ui.screens));
    std::atomic<bool> done{false};
    int framesSeen = 0;
    ui.onFrame = [&] { ++framesSeen; };
    ui.busy = [&] { return !done.load(); };
    // Timed from before the work starts: the script cannot end before the work's 300 ms are over.
    const auto started = std::chrono::steady_clock::now();
    std::thread work([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        done = true;
    });
    ScriptRunner runner(ui.app, ui.clock, kShots);
    const auto clockBefore = ui.clock.now();
    const auto outcome = runner.run(parseScript("wait 16\n").commands);
    const auto elapsed = std::chrono::steady_clock::now() - started;
    work.join();
    REQUIRE(outcome.ok);
    CHECK(elapsed >= std::chrono::milliseconds(300));
    // The first frame and the wait's; the frames drawn while waiting moved nothing.
    CHECK(ui.clock.now() - clockBefore == ScriptRunner::kFrameMs + 16);
    CHECK(static_cast<std::uint64_t>(framesSeen) == ui.app.framesDrawn());
    CHECK(framesSeen > 2);

    SECTION("work that does not end fails the command, at its line") {
        done = false;
        runner.setSettleLimit(std::chrono::milliseconds(200));
        const auto stuck = runner.run(parseScript("wait 16\nwait 16\n").commands);
        REQUIRE_FALSE(stuck.ok);
        CHECK(stuck.line == 1);
        CHECK_THAT(stuck.message, Catch::Contains("still running"));
    }
}

TEST_CASE(
    "A stop request ends the frame loop and a script at its next command or sleep slice, not at the end",
    "[ui][headless][script][stop]") {
    HeadlessUi ui({1080, 1920});
    ui.screens.push(std::make_unique<DemoScreen>(ui.screens));
    std::atomic<bool> stop{false};
    ui.stop = [&] { return stop.load(); };
    REQUIRE_FALSE(ui.app.stopRequested());

    SECTION("a sleep stops within a slice; the commands after it do not run") {
        std::thread signal([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            stop = true;
        });
        ScriptRunner runner(ui.app, ui.clock, kShots);
        const auto started = std::chrono::steady_clock::now();
        const auto outcome = runner.run(parseScript("sleep 60000\ntap \"Lấy số thứ tự\"\n").commands);
        const auto elapsed = std::chrono::steady_clock::now() - started;
        signal.join();
        CHECK(outcome.ok);
        CHECK(outcome.stopped);
        CHECK_FALSE(outcome.quit);
        CHECK(elapsed < std::chrono::seconds(5));
        CHECK(dynamic_cast<const DemoScreen&>(*ui.screens.top()).issued == 0);
    }
    SECTION("background work is not waited for once a stop is asked") {
        ui.busy = [] { return true; };
        stop = true;
        ScriptRunner runner(ui.app, ui.clock, kShots);
        runner.setSettleLimit(std::chrono::seconds(30));
        const auto started = std::chrono::steady_clock::now();
        const auto outcome = runner.run(parseScript("wait 16\n").commands);
        CHECK(outcome.ok);
        CHECK(outcome.stopped);
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
    }
    SECTION("the frame loop returns") {
        std::thread signal([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            stop = true;
        });
        const auto started = std::chrono::steady_clock::now();
        CHECK(ui.app.run() == 0);
        signal.join();
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
        CHECK(ui.app.framesDrawn() > 0);
    }
}

TEST_CASE("A spinner goes round with the program's time and is drawn", "[ui][headless][spinner]") {
    HeadlessUi ui({1080, 1920});
    auto root = std::make_unique<Box>(Axis::Vertical, Box::kThemed);
    auto& spinner = root->add(std::make_unique<Spinner>());
    ui.screens.push(std::make_unique<WidgetScreen>(std::move(root)));
    ui.app.frame();
    CHECK(spinner.bounds().height == ui.app.theme().minTouchPx());
    CHECK(spinner.brightDot() == 0);
    ui.clock.advance(Spinner::kStep.count() * 3);
    ui.app.frame();
    CHECK(spinner.brightDot() == 3);
    ui.clock.advance(Spinner::kStep.count() * Spinner::kDots);
    ui.app.frame();
    CHECK(spinner.brightDot() == 3);  // a whole turn later
    // Something is drawn where it is: not only the background.
    const auto image = ui.app.screenshot();
    const auto background = image.at(2, 2);
    bool drawn = false;
    const auto& b = spinner.bounds();
    for (int y = b.y; y < b.bottom() && !drawn; ++y) {
        for (int x = b.x; x < b.right() && !drawn; ++x) {
            const auto px = image.at(x, y);
            drawn = px.r != background.r || px.g != background.g || px.b != background.b;
        }
    }
    CHECK(drawn);
}

TEST_CASE("A field's hint is drawn in regular weight, unlike the bold text typed in a heading field",
          "[ui][headless]") {
    // Measured with the real fonts: the fake metrics of the layout tests ignore the weight.
    const std::string hint = "Tên thủ tục, ví dụ: khai sinh";
    for (const auto contrast : {Contrast::Normal, Contrast::High}) {
        HeadlessUi ui({1200, 400}, Theme(contrast, TextSize::Normal));
        auto screen = std::make_unique<WidgetScreen>();
        auto root = std::make_unique<Box>(Axis::Vertical, Box::kThemed);
        auto& field = root->add(std::make_unique<TextInput>(hint, FontRole::Heading));
        screen->setRoot(std::move(root));
        ui.screens.push(std::move(screen));
        ui.app.frame();
        const TextStyle typed = ui.app.theme().font(FontRole::Heading);
        REQUIRE(typed.weight == FontWeight::Bold);
        const int regular = ui.fonts.measure(hint, {FontWeight::Regular, typed.pixelSize}).width;
        REQUIRE(regular < ui.fonts.measure(hint, typed).width);  // the fonts tell the weights apart
        std::optional<Rect> drawn;
        for (const auto& item : layoutItems(ui.screens.top(), nullptr, ui.app.size()))
            if (item.kind == LayoutItem::Kind::Line && item.owner == &field && item.text == hint)
                drawn = item.bounds;
        REQUIRE(drawn);
        CHECK(drawn->width == regular);
    }
}
