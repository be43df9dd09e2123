// The lost-server banner of the toolkit (ui::ConnectionBanner through App::watchServer): drawn over
// the top of the screen while the program's server cannot be reached, in the language asked for,
// taking the touches meant for what it covers, above the error banner; gone when the server is
// back. A screen that keeps a line of its own for it (Screen::showsConnectionBanner) gets no overlay.
#include "kiosk/ui/connection_banner.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "headless_fixture.h"
#include "kiosk/ui/box.h"
#include "kiosk/ui/button.h"
#include "kiosk/ui/image.h"

using namespace motcua::ui;
using motcua::ui::testing::HeadlessUi;

namespace {

// One button filling the window, counting its taps.
class TapScreen final : public WidgetScreen {
  public:
    TapScreen(int& taps, bool ownLine) : m_ownLine(ownLine) {
        auto root = std::make_unique<Box>(Axis::Vertical, 0);
        root->add(std::make_unique<Button>(
                      "Lấy số thứ tự", [&taps] { ++taps; }, ButtonStyle::Primary),
                  1);
        setRoot(std::move(root));
    }
    bool showsConnectionBanner() const override { return m_ownLine; }

  private:
    bool m_ownLine;
};

bool shows(const App& app, std::string_view text) {
    for (const auto& t : app.visibleTexts())
        if (t.text == text) return true;
    return false;
}

void tapAt(HeadlessUi& ui, Point p) {
    ui.app.injectPointer({PointerAction::Down, p, -1});
    ui.app.frame();
    ui.app.injectPointer({PointerAction::Up, p, -1});
    ui.app.frame();
}

}  // namespace

TEST_CASE("While the server is lost the App shows one banner over the screen, and takes it away by itself",
          "[ui][banner]") {
    HeadlessUi ui({800, 600});
    bool lost = false;
    bool english = false;
    int taps = 0;
    ui.app.watchServer([&] { return lost; }, [&] { return english; });
    ui.screens.push(std::make_unique<TapScreen>(taps, false));
    ui.app.frame();
    CHECK_FALSE(ui.app.serverLost());
    CHECK(ui.app.connectionOverlay() == nullptr);
    CHECK_FALSE(shows(ui.app, kConnectionLostVi));

    lost = true;
    ui.app.frame();
    CHECK(ui.app.serverLost());
    REQUIRE(ui.app.connectionOverlay() != nullptr);
    CHECK(shows(ui.app, kConnectionLostVi));
    const Rect banner = ui.app.connectionOverlay()->bounds();
    CHECK(banner.y == 0);
    CHECK(banner.width == 800);
    CHECK(banner.height > 0);
    CHECK(banner.height < 300);
    // A touch on the banner does not press the button under it; one below it does.
    tapAt(ui, {400, banner.height / 2});
    CHECK(taps == 0);
    tapAt(ui, {400, 450});
    CHECK(taps == 1);
    // The error banner goes below it, not over it.
    ui.app.banner().show("Đã xảy ra lỗi.", std::chrono::milliseconds(60'000));
    ui.app.frame();
    CHECK(ui.app.banner().bounds().y == banner.height);
    ui.app.banner().hide();

    english = true;
    ui.app.frame();
    CHECK(shows(ui.app, kConnectionLostEn));
    CHECK_FALSE(shows(ui.app, kConnectionLostVi));
    std::filesystem::create_directories(std::filesystem::path(MOTCUA_BINARY_DIR) / "screenshots" / "ui");
    savePng(std::filesystem::path(MOTCUA_BINARY_DIR) / "screenshots" / "ui" / "connection-banner-en.png",
            ui.app.screenshot());

    lost = false;
    ui.app.frame();
    CHECK_FALSE(ui.app.serverLost());
    CHECK(ui.app.connectionOverlay() == nullptr);
    CHECK_FALSE(shows(ui.app, kConnectionLostEn));
    tapAt(ui, {400, banner.height / 2});
    CHECK(taps == 2);
}

TEST_CASE("A screen that keeps a line for the lost-server banner gets no banner over it", "[ui][banner]") {
    HeadlessUi ui({800, 600});
    bool lost = true;
    int taps = 0;
    ui.app.watchServer([&] { return lost; });
    ui.screens.push(std::make_unique<TapScreen>(taps, true));
    ui.app.frame();
    CHECK(ui.app.serverLost());
    CHECK(ui.app.connectionOverlay() == nullptr);
    CHECK_FALSE(shows(ui.app, kConnectionLostVi));
    tapAt(ui, {400, 20});
    CHECK(taps == 1);
}
