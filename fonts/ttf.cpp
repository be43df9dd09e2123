#include "fonts/ttf.h"

#include <SDL.h>
#include <SDL_ttf.h>

namespace motcua::fonts {

TtfLibrary::TtfLibrary() {
    if (TTF_Init() != 0) throw TtfError("TTF_Init");
}

TtfLibrary::~TtfLibrary() {
    TTF_Quit();
}

void TtfFontDeleter::operator()(TTF_Font* font) const noexcept {
    // TTF_CloseFont after the last TTF_Quit is undefined; the guard outlives every font by
    // declaration order.
    TTF_CloseFont(font);
}

void SurfaceDeleter::operator()(SDL_Surface* surface) const noexcept {
    SDL_FreeSurface(surface);
}

TtfError::TtfError(const std::string& call) : TtfError(call, TTF_GetError()) {}

TtfError::TtfError(const std::string& call, std::string ttfMessage)
    : std::runtime_error(call +
                         " failed: " + (ttfMessage.empty() ? "(no SDL_ttf error message)" : ttfMessage)),
      m_call(call),
      m_ttfMessage(std::move(ttfMessage)) {}

TtfFontPtr openFont(const std::filesystem::path& path, int pixels) {
    TtfFontPtr font(TTF_OpenFont(path.c_str(), pixels));
    if (!font) throw TtfError("TTF_OpenFont(" + path.string() + ", " + std::to_string(pixels) + ")");
    return font;
}

}  // namespace motcua::fonts
