#include "kiosk/ui/app.h"

#include <SDL.h>

#include <algorithm>
#include <iostream>

#include "kiosk/ui/painter.h"
#include "kiosk/ui/sdl_input.h"

namespace motcua::ui {

namespace {
// Longest step fed to update(): after a stall (or a script's long wait, which is split into frames
// anyway) animations jump ahead at most this far per frame.
constexpr queue::TimeMs kMaxFrameStepMs = 1000;
}  // namespace

App::App(Renderer& renderer, FontCache& fonts, ScreenStack& screens, const queue::Clock& clock, Theme theme,
         AppOptions options)
    : m_renderer(renderer),
      m_fonts(fonts),
      m_screens(screens),
      m_clock(clock),
      m_theme(theme),
      m_options(std::move(options)),
      m_text(renderer.get(), fonts, m_options.textCacheCapacity),
      m_size(renderer.outputSize()),
      m_lastFrame(clock.now()),
      m_lastInput(m_lastFrame) {
    m_connection.setVisible(false);
}

void App::setTheme(const Theme& theme) {
    m_theme = theme;
    m_forceLayout = true;
    m_redraw = true;
}

void App::setIdleTimeout(std::chrono::milliseconds timeout, std::function<void()> onIdle) {
    m_options.idleTimeout = timeout;
    m_options.onIdle = std::move(onIdle);
    m_idleFired = false;
}

void App::watchServer(std::function<bool()> lost, std::function<bool()> english) {
    m_serverLostSource = std::move(lost);
    m_serverEnglishSource = std::move(english);
    watchServerNow();
}

void App::watchServerNow() {
    bool lost = false;
    bool english = false;
    try {
        lost = m_serverLostSource && m_serverLostSource();
        english = lost && m_serverEnglishSource && m_serverEnglishSource();
    } catch (const std::exception& e) {
        log(std::string("asking whether the server is reachable failed: ") + e.what());
    }
    if (lost == m_serverLost && english == m_connection.english()) return;
    m_serverLost = lost;
    m_connection.setEnglish(english);
    m_connection.setVisible(lost);
    // The screen may show it in a line of its own; the error banner moves below it.
    m_forceLayout = true;
    m_redraw = true;
}

const ConnectionBanner* App::connectionOverlay() const noexcept {
    if (!m_serverLost) return nullptr;
    const Screen* top = m_screens.top();
    return top && top->showsConnectionBanner() ? nullptr : &m_connection;
}

void App::log(const std::string& message) const {
    if (m_options.log)
        m_options.log(message);
    else
        std::cerr << "motcua-ui: " << message << '\n';
}

void App::noteInput() {
    m_lastInput = m_clock.now();
    m_idleFired = false;
}

void App::injectPointer(const RawPointer& pointer) {
    noteInput();
    for (auto& e : m_gestures.feed(pointer, m_clock.now())) m_input.push_back(std::move(e));
}

void App::inject(const InputEvent& event) {
    noteInput();
    m_input.push_back(event);
    // Injected keys and text (a script) are stamped with the program's clock; SDL's carry SDL's.
    if (!event.isPointer() && event.timestampMs == 0) m_input.back().timestampMs = m_clock.now();
}

bool App::pumpSdlEvents() {
    SDL_Event event;
    bool quit = false;
    while (SDL_PollEvent(&event)) {
        const auto translated = translateSdlEvent(event, m_size);
        if (!translated) continue;
        if (const auto* pointer = std::get_if<RawPointer>(&*translated)) {
            injectPointer(*pointer);
        } else if (const auto* input = std::get_if<InputEvent>(&*translated)) {
            inject(*input);
        } else if (std::holds_alternative<WindowResized>(*translated)) {
            m_forceLayout = true;
        } else if (std::holds_alternative<QuitRequest>(*translated)) {
            if (m_options.ignoreQuitRequests)
                log("quit request ignored (kiosk mode)");
            else
                quit = true;
        }
    }
    if (quit) requestQuit();
    return !quit;
}

bool App::backgroundBusy() const {
    return m_options.backgroundBusy && m_options.backgroundBusy();
}

bool App::stopRequested() const {
    return m_options.stopRequested && m_options.stopRequested();
}

template <typename F>
bool App::guarded(const char* what, F&& f) {
    try {
        f();
        return true;
    } catch (const std::exception& e) {
        screenFailed(what, e.what());
    } catch (...) {
        screenFailed(what, "unknown exception");
    }
    return false;
}

void App::screenFailed(const char* what, const std::string& message) {
    ++m_screenErrors;
    log(std::string("screen ") + what + " failed: " + message + "; back to the first screen");
    m_banner.show(m_options.errorMessage, m_options.errorBannerDuration, BannerKind::Error);
    m_input.clear();
    m_gestures.reset();
    m_screens.popToRoot();
    m_forceLayout = true;
}

void App::applyStack() {
    if (!m_screens.hasPending()) return;
    if (m_screens.applyPending()) {
        m_gestures.reset();
        m_forceLayout = true;
        if (Screen* top = m_screens.top()) guarded("onShow", [top] { top->onShow(); });
    }
}

void App::deliver(const InputEvent& event) {
    if (!event.isPointer() && m_inputObserver && m_inputObserver(event)) return;
    if (connectionOverlay() && event.isPointer() && m_connection.bounds().contains(event.start)) {
        m_connection.dispatch(event);
        return;
    }
    if (m_banner.visible() && event.isPointer() && m_banner.bounds().contains(event.start)) {
        m_banner.dispatch(event);
        return;
    }
    Screen* top = m_screens.top();
    if (!top) return;
    guarded("input", [&] { top->handleInput(event); });
}

void App::layoutIfNeeded(bool force) {
    const LayoutContext context{m_fonts, m_theme};
    if (force) m_size = m_renderer.outputSize();
    if (Screen* top = m_screens.top()) {
        if (force || top->needsLayout()) guarded("layout", [&] { top->layout(context, m_size); });
    }
    if (force || m_connection.layoutDirty()) {
        const int height = m_connection.measure(context, m_size).height;
        m_connection.layout(context, {0, 0, m_size.width, height});
    }
    if (force || m_banner.layoutDirty()) {
        const int height = m_banner.measure(context, m_size).height;
        m_banner.layout(context,
                        {0, connectionOverlay() ? m_connection.bounds().height : 0, m_size.width, height});
    }
}

void App::frame() {
    m_started = true;
    const queue::TimeMs now = m_clock.now();
    const auto dt =
        std::chrono::milliseconds(std::clamp<queue::TimeMs>(now - m_lastFrame, 0, kMaxFrameStepMs));
    m_lastFrame = now;

    if (m_options.onFrame) {
        try {
            m_options.onFrame();
        } catch (const std::exception& e) {
            log(std::string("background work failed: ") + e.what());
        }
    }
    watchServerNow();
    if (m_screens.hasPending() || m_forceLayout || !m_input.empty() || m_banner.visible()) m_redraw = true;
    applyStack();
    if (m_forceLayout) {
        layoutIfNeeded(true);
        m_forceLayout = false;
    }
    // Input goes to the screen that was on top when it happened: once a handler queues a stack change,
    // the rest waits for the next frame and the new screen.
    while (!m_input.empty() && !m_screens.hasPending()) {
        const InputEvent event = std::move(m_input.front());
        m_input.pop_front();
        deliver(event);
        layoutIfNeeded(false);
    }
    applyStack();

    if (m_options.idleTimeout.count() > 0 && !m_idleFired &&
        now - m_lastInput >= m_options.idleTimeout.count()) {
        m_idleFired = true;
        if (m_options.onIdle) guarded("idle", [this] { m_options.onIdle(); });
        applyStack();
    }

    m_banner.update(dt);
    if (Screen* top = m_screens.top()) {
        guarded("update", [&] { top->update(dt); });
        if (m_options.onDemandTick.count() == 0 || top->needsRedraw()) m_redraw = true;
    }
    if (m_screens.hasPending() || m_forceLayout || (m_screens.top() && m_screens.top()->needsLayout()))
        m_redraw = true;
    applyStack();
    layoutIfNeeded(m_forceLayout);
    m_forceLayout = false;
    if (m_screens.empty() || !m_redraw) return;
    m_redraw = false;
    render();
    m_renderer.present();
    ++m_framesDrawn;
}

void App::render() {
    Painter painter(m_renderer.get(), m_text, m_theme);
    const Screen* top = m_screens.top();
    painter.clear(m_theme.palette().background);
    if (top && !guarded("draw", [&] { top->draw(painter); })) {
        // The frame is half drawn: show only the background and the banner until the root draws.
        painter.clear(m_theme.palette().background);
        layoutIfNeeded(false);
    }
    try {
        if (const ConnectionBanner* connection = connectionOverlay()) connection->draw(painter);
        m_banner.draw(painter);
    } catch (const std::exception& e) {
        log(std::string("banner draw failed: ") + e.what());
    }
}

std::vector<VisibleText> App::visibleTexts() const {
    std::vector<VisibleText> out;
    const Rect screen{0, 0, m_size.width, m_size.height};
    if (const Screen* top = m_screens.top()) top->collectVisibleText(out, screen);
    if (const ConnectionBanner* connection = connectionOverlay()) connection->collectVisibleText(out, screen);
    m_banner.collectVisibleText(out, screen);
    return out;
}

Image App::screenshot() {
    render();
    return m_renderer.readPixels();
}

int App::run() {
    if (m_options.onDemandTick.count() > 0) {
        const auto tick = static_cast<int>(m_options.onDemandTick.count());
        while (running() && !stopRequested()) {
            // Sleeps in SDL until input or the tick; the screen's update() then polls what it watches.
            SDL_WaitEventTimeout(nullptr, tick);  // null: leaves the event in the queue for pumpSdlEvents
            pumpSdlEvents();
            if (!running()) break;
            frame();
        }
        return 0;
    }
    constexpr Uint32 kFrameMs = 16;
    while (running() && !stopRequested()) {
        const Uint32 start = SDL_GetTicks();
        pumpSdlEvents();
        if (!running()) break;
        frame();
        const Uint32 spent = SDL_GetTicks() - start;
        if (spent < kFrameMs) SDL_Delay(kFrameMs - spent);
    }
    return 0;
}

}  // namespace motcua::ui
