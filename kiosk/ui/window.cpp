#include "kiosk/ui/window.h"

#include <SDL.h>

#include "kiosk/ui/sdl_context.h"

namespace motcua::ui {

Window::Window(const SdlContext& sdl, const WindowOptions& options) {
    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    Size size = options.size.value_or(Size{1920, 1080});
    if (!sdl.headless() && options.fullscreen) {
        if (options.size) {
            flags |= SDL_WINDOW_FULLSCREEN;
        } else {
            flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
            SDL_DisplayMode mode;
            if (SDL_GetDesktopDisplayMode(0, &mode) == 0) size = {mode.w, mode.h};
        }
    }
    m_window.reset(SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                    size.width, size.height, flags));
    if (!m_window) throw SdlError("SDL_CreateWindow");
}

Size Window::size() const {
    Size s;
    SDL_GetWindowSize(m_window.get(), &s.width, &s.height);
    return s;
}

void Window::resize(Size size) {
    SDL_SetWindowSize(m_window.get(), size.width, size.height);
}

void Window::setAlwaysOnTop(bool onTop) {
    SDL_SetWindowAlwaysOnTop(m_window.get(), onTop ? SDL_TRUE : SDL_FALSE);
}

Renderer::Renderer(Window& window, RendererKind kind) {
    if (kind == RendererKind::Accelerated) {
        m_renderer.reset(
            SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
    }
    if (!m_renderer) m_renderer.reset(SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_SOFTWARE));
    if (!m_renderer) throw SdlError("SDL_CreateRenderer");
    SDL_SetRenderDrawBlendMode(m_renderer.get(), SDL_BLENDMODE_BLEND);
}

Size Renderer::outputSize() const {
    Size s;
    if (SDL_GetRendererOutputSize(m_renderer.get(), &s.width, &s.height) != 0)
        throw SdlError("SDL_GetRendererOutputSize");
    return s;
}

Image Renderer::readPixels() const {
    Image image;
    const Size s = outputSize();
    image.width = s.width;
    image.height = s.height;
    image.rgba.resize(static_cast<std::size_t>(s.width) * static_cast<std::size_t>(s.height) * 4);
    if (SDL_RenderReadPixels(m_renderer.get(), nullptr, SDL_PIXELFORMAT_RGBA32, image.rgba.data(),
                             s.width * 4) != 0)
        throw SdlError("SDL_RenderReadPixels");
    // The window surface has no alpha channel; a screenshot is opaque.
    for (std::size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 0xFF;
    return image;
}

void Renderer::present() {
    SDL_RenderPresent(m_renderer.get());
}

}  // namespace motcua::ui
