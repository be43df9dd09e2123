// The program's window and its renderer. Headless runs use SDL's offscreen driver (see SdlContext)
// with the software renderer, so tests and reviewers get the same pixels a person would see.
#pragma once

#include <optional>
#include <string>

#include "kiosk/ui/geometry.h"
#include "kiosk/ui/image.h"
#include "kiosk/ui/sdl_handles.h"

namespace motcua::ui {

class SdlContext;

struct WindowOptions {
    std::string title = "motcua";
    // Window size in pixels. Without it: the display's native size (fullscreen), or 1920x1080 headless.
    std::optional<Size> size;
    // Fullscreen at the display's native size. Ignored when headless.
    bool fullscreen = true;
};

class Window {
  public:
    Window(const SdlContext& sdl, const WindowOptions& options);
    SDL_Window* get() const noexcept { return m_window.get(); }
    Size size() const;
    // A new size (the console's compact strip); the App lays out again at its next forced layout.
    void resize(Size size);
    // Above other programs' windows (where the window system allows it).
    void setAlwaysOnTop(bool onTop);

  private:
    SdlWindowPtr m_window;
};

enum class RendererKind { Software, Accelerated };

// The renderer of a window; must not outlive it (held by reference).
class Renderer {
  public:
    // Software is always acceptable (kiosk PCs have weak GPUs); Accelerated falls back to software
    // when no accelerated driver can be created.
    explicit Renderer(Window& window, RendererKind kind = RendererKind::Software);
    SDL_Renderer* get() const noexcept { return m_renderer.get(); }
    Size outputSize() const;
    // The pixels of the current back buffer (call before present(), or after drawing a frame).
    Image readPixels() const;
    void present();

  private:
    SdlRendererPtr m_renderer;
};

}  // namespace motcua::ui
