#include "kiosk/ui/sdl_context.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <atomic>
#include <stdexcept>

#include "fonts/ttf.h"
#include "kiosk/ui/sdl_handles.h"

namespace motcua::ui {

namespace {
std::atomic<bool> g_sdlAlive{false};
}

SdlContext::SdlContext(SdlOptions options) : m_headless(options.headless) {
    if (g_sdlAlive.exchange(true))
        throw std::logic_error("SdlContext: SDL is already initialised in this process");
    if (m_headless) {
        // Must happen before SDL_Init: the video driver is chosen there.
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
        // Without this, SDL presents the offscreen window's surface through an OpenGL texture
        // (Mesa llvmpipe when there is no GPU): about 19 ms per SDL_RenderPresent at 1920x1080
        // against 0.3 ms for the plain framebuffer. Measured by bench/bench_ui.cpp.
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    }
    // Kiosk touch screens: a touch must not also arrive as a mouse click we would handle twice; SDL still
    // synthesises them (marked SDL_TOUCH_MOUSEID) and the input translation ignores those.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    // SIGINT and SIGTERM are the programs' own (kiosk/shell: they stop cleanly). SDL would turn them
    // into a window-close request, which the kiosk ignores: systemctl stop waited for the SIGKILL.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        SdlError error("SDL_Init");
        g_sdlAlive = false;
        throw error;
    }
}

SdlContext::~SdlContext() {
    SDL_Quit();
    g_sdlAlive = false;
}

TtfContext::TtfContext(const SdlContext&) {
    if (TTF_Init() != 0) throw fonts::TtfError("TTF_Init");
}

TtfContext::~TtfContext() {
    TTF_Quit();
}

}  // namespace motcua::ui
