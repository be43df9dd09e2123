// A real SDL window on the offscreen driver with the software renderer, the Noto fonts, a screen
// stack, a manual clock and an App: what a program's main sets up, for tests.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "kiosk/ui/app.h"
#include "kiosk/ui/font_cache.h"
#include "kiosk/ui/screen_stack.h"
#include "kiosk/ui/script_runner.h"
#include "kiosk/ui/sdl_context.h"
#include "kiosk/ui/window.h"
#include "queue/clock.h"

namespace motcua::ui::testing {

struct HeadlessUi {
    explicit HeadlessUi(Size size, Theme theme = {})
        : window(sdl, WindowOptions{"motcua test", size, false}),
          renderer(window),
          fonts(ttf, FontSet::locate()),
          app(renderer, fonts, screens, clock, theme, options()) {}

    AppOptions options() {
        AppOptions o;
        o.log = [this](const std::string& line) { logLines.push_back(line); };
        o.onFrame = [this] {
            if (onFrame) onFrame();
        };
        o.backgroundBusy = [this] { return busy && busy(); };
        o.stopRequested = [this] { return stop && stop(); };
        return o;
    }

    // The App's AppOptions::onFrame, backgroundBusy and stopRequested (none until a test sets them).
    std::function<void()> onFrame;
    std::function<bool()> busy;
    std::function<bool()> stop;

    SdlContext sdl{SdlOptions{true}};
    TtfContext ttf{sdl};
    Window window;
    Renderer renderer;
    FontCache fonts;
    ScreenStack screens;
    queue::ManualClock clock{1'750'000'000'000};
    std::vector<std::string> logLines;
    App app;
};

}  // namespace motcua::ui::testing
