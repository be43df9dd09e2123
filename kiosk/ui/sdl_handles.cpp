#include "kiosk/ui/sdl_handles.h"

#include <SDL.h>

namespace motcua::ui {

void SdlWindowDeleter::operator()(SDL_Window* window) const noexcept {
    SDL_DestroyWindow(window);
}
void SdlRendererDeleter::operator()(SDL_Renderer* renderer) const noexcept {
    SDL_DestroyRenderer(renderer);
}
void SdlTextureDeleter::operator()(SDL_Texture* texture) const noexcept {
    SDL_DestroyTexture(texture);
}

SdlError::SdlError(const std::string& call) : SdlError(call, SDL_GetError()) {}

SdlError::SdlError(const std::string& call, std::string sdlMessage)
    : std::runtime_error(call + " failed: " + (sdlMessage.empty() ? "(no SDL error message)" : sdlMessage)),
      m_call(call),
      m_sdlMessage(std::move(sdlMessage)) {}

}  // namespace motcua::ui
