// Library initialisation as guard objects. Declare them in main in dependency order:
//   SdlContext sdl({.headless = options.headless});
//   TtfContext ttf(sdl);
//   Window window(sdl, {...});
//   Renderer renderer(window);
// and let them be destroyed in reverse.
#pragma once

namespace motcua::ui {

struct SdlOptions {
    // Use SDL's offscreen video driver (no display needed) and the software renderer.
    bool headless = false;
};

// SDL_Init(VIDEO | EVENTS) .. SDL_Quit. Only one may exist at a time (SDL's state is global);
// constructing a second throws std::logic_error.
class SdlContext {
  public:
    explicit SdlContext(SdlOptions options = {});
    SdlContext(const SdlContext&) = delete;
    SdlContext& operator=(const SdlContext&) = delete;
    ~SdlContext();
    bool headless() const noexcept { return m_headless; }

  private:
    bool m_headless;
};

// TTF_Init .. TTF_Quit. Takes the SdlContext to make the order visible in main.
class TtfContext {
  public:
    explicit TtfContext(const SdlContext& sdl);
    TtfContext(const TtfContext&) = delete;
    TtfContext& operator=(const TtfContext&) = delete;
    ~TtfContext();
};

}  // namespace motcua::ui
