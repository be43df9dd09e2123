// SDL2 handles as unique_ptrs with named deleters, and the exception for failed SDL calls.
// <SDL.h> is not included: the handle types are forward-declared.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;

namespace motcua::ui {

struct SdlWindowDeleter {
    void operator()(SDL_Window* window) const noexcept;
};
struct SdlRendererDeleter {
    void operator()(SDL_Renderer* renderer) const noexcept;
};
struct SdlTextureDeleter {
    void operator()(SDL_Texture* texture) const noexcept;
};

using SdlWindowPtr = std::unique_ptr<SDL_Window, SdlWindowDeleter>;
using SdlRendererPtr = std::unique_ptr<SDL_Renderer, SdlRendererDeleter>;
using SdlTexturePtr = std::unique_ptr<SDL_Texture, SdlTextureDeleter>;

// A failed SDL call. The message names the call and carries SDL_GetError() read when the exception
// is constructed (SDL's error string is a global the next call may overwrite).
class SdlError : public std::runtime_error {
  public:
    explicit SdlError(const std::string& call);
    const std::string& call() const noexcept { return m_call; }
    const std::string& sdlMessage() const noexcept { return m_sdlMessage; }

  private:
    SdlError(const std::string& call, std::string sdlMessage);
    std::string m_call;
    std::string m_sdlMessage;
};

}  // namespace motcua::ui
