// The frame loop shared by the SDL programs. Each frame: queued input goes to the top screen, queued
// screen-stack changes are applied, time advances (from an injected clock), layout is redone where
// needed, and the top screen and the banner are drawn. SDL events become ui::InputEvent in one place
// (pumpSdlEvents -> translateSdlEvent -> GestureTracker); the script driver injects the same events.
//
// A screen that throws from handleInput/update/layout/draw does not end the program: the error is
// logged, a banner is shown, and the stack goes back to its root screen.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "kiosk/ui/banner.h"
#include "kiosk/ui/connection_banner.h"
#include "kiosk/ui/font_cache.h"
#include "kiosk/ui/gesture_tracker.h"
#include "kiosk/ui/image.h"
#include "kiosk/ui/screen_stack.h"
#include "kiosk/ui/text_renderer.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/window.h"
#include "queue/clock.h"

namespace motcua::ui {

struct AppOptions {
    // Shown in the banner when a screen throws.
    std::string errorMessage = "Đã xảy ra lỗi. Xin mời ông/bà thực hiện lại từ đầu.";
    std::chrono::milliseconds errorBannerDuration{8000};
    // After this long without input, onIdle is called once (0: never). The kiosk goes back to welcome.
    std::chrono::milliseconds idleTimeout{0};
    std::function<void()> onIdle;
    // Where errors are reported; stderr when empty.
    std::function<void(const std::string&)> log;
    // A window-close request (SDL_QUIT) ends run() unless this is set (a public kiosk ignores it).
    bool ignoreQuitRequests = false;
    std::size_t textCacheCapacity = TextRenderer::kDefaultCapacity;
    // 0: run() draws a frame every 16 ms. Otherwise run() draws on demand, for screens that must not
    // spin while idle (the lobby display): it sleeps until an SDL event or this long, then runs frame(),
    // which always updates but renders only when input arrived, the stack, layout or theme changed, the
    // banner is up, or the top screen's needsRedraw() is true.
    std::chrono::milliseconds onDemandTick{0};
    // Called at the start of every frame, before input: where a program takes in what its own
    // threads finished (the kiosk's printer thread), so that the screens see it this frame.
    std::function<void()> onFrame;
    // Whether work the screens are waiting for runs on another thread (a ticket being printed). A
    // script waits for it after each command (ScriptRunner), so every run shows the same outcome.
    std::function<bool()> backgroundBusy;
    // Whether the program was asked to stop (a signal): run() returns, a script stops at its next
    // command or wait (ScriptOutcome::stopped).
    std::function<bool()> stopRequested;
};

class App {
  public:
    // All referenced objects must outlive the App. The clock gives frame times and idle time: a
    // queue::ManualClock makes a script's `wait 30000` instant.
    App(Renderer& renderer, FontCache& fonts, ScreenStack& screens, const queue::Clock& clock,
        Theme theme = {}, AppOptions options = {});
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    ScreenStack& screens() noexcept { return m_screens; }
    const Theme& theme() const noexcept { return m_theme; }
    // Lays every screen out again with the new theme (high contrast, large text).
    void setTheme(const Theme& theme);
    Size size() const noexcept { return m_size; }
    Banner& banner() noexcept { return m_banner; }
    // Where the App learns, every frame, whether the program's database server cannot be reached now
    // (the store's connection is down and being re-opened) and whether to say so in English. While
    // lost, the ConnectionBanner is drawn across the top of the window, above the error banner, unless
    // the top screen shows it in its own line (Screen::showsConnectionBanner).
    void watchServer(std::function<bool()> lost, std::function<bool()> english = {});
    bool serverLost() const noexcept { return m_serverLost; }
    // The banner drawn over the screen now (null when the server is reachable or the screen shows it).
    const ConnectionBanner* connectionOverlay() const noexcept;
    void setIdleTimeout(std::chrono::milliseconds timeout, std::function<void()> onIdle);
    // Sees every key and text event before the top screen does; returning true keeps it from the
    // screen (the kiosk's ID card scanner, ScanDetector).
    void setInputObserver(std::function<bool(const InputEvent&)> observer) {
        m_inputObserver = std::move(observer);
    }

    // Input, processed at the next frame(), in order.
    void injectPointer(const RawPointer& pointer);
    void inject(const InputEvent& event);
    // Reads all pending SDL events into the input queue; returns false when a quit was requested.
    bool pumpSdlEvents();

    // One frame (see the file comment) and present.
    void frame();
    // Frames at ~60 per second of real time until requestQuit(), a stop request or the stack is empty.
    // Returns 0.
    int run();
    void requestQuit() noexcept { m_quit = true; }
    // AppOptions::backgroundBusy and stopRequested (false when none is set).
    bool backgroundBusy() const;
    bool stopRequested() const;
    bool running() const noexcept { return !m_quit && !(m_started && m_screens.empty()); }

    // What a person sees now: the top screen's texts and the banners'.
    std::vector<VisibleText> visibleTexts() const;
    // The current frame's pixels (draws it again without presenting).
    Image screenshot();
    const TextCacheStats& textCacheStats() const noexcept { return m_text.stats(); }
    TextRenderer& textRenderer() noexcept { return m_text; }
    std::size_t screenErrors() const noexcept { return m_screenErrors; }
    // Frames rendered and presented by frame() (screenshots not counted).
    std::uint64_t framesDrawn() const noexcept { return m_framesDrawn; }

  private:
    template <typename F>
    bool guarded(const char* what, F&& f);
    void screenFailed(const char* what, const std::string& message);
    void applyStack();
    void layoutIfNeeded(bool force);
    void deliver(const InputEvent& event);
    void render();
    void log(const std::string& message) const;
    void noteInput();
    void watchServerNow();

    Renderer& m_renderer;
    FontCache& m_fonts;
    ScreenStack& m_screens;
    const queue::Clock& m_clock;
    Theme m_theme;
    AppOptions m_options;
    TextRenderer m_text;
    GestureTracker m_gestures;
    Banner m_banner;
    ConnectionBanner m_connection{false, FontRole::Heading, true};
    std::function<bool()> m_serverLostSource;
    std::function<bool()> m_serverEnglishSource;
    bool m_serverLost = false;
    std::deque<InputEvent> m_input;
    std::function<bool(const InputEvent&)> m_inputObserver;
    Size m_size;
    queue::TimeMs m_lastFrame = 0;
    queue::TimeMs m_lastInput = 0;
    bool m_idleFired = false;
    bool m_quit = false;
    bool m_started = false;
    bool m_forceLayout = true;
    std::size_t m_screenErrors = 0;
    std::uint64_t m_framesDrawn = 0;
    bool m_redraw = true;  // on demand: something other than the top screen asks for a frame
};

}  // namespace motcua::ui
