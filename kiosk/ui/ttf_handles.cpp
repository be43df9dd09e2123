#include "kiosk/ui/ttf_handles.h"

#include <SDL_ttf.h>

namespace motcua::ui {

void TtfFontDeleter::operator()(TTF_Font* font) const noexcept {
    // TTF_CloseFont after TTF_Quit is undefined; TtfContext outlives every font by construction order.
    TTF_CloseFont(font);
}

TtfError::TtfError(const std::string& call) : TtfError(call, TTF_GetError()) {}

TtfError::TtfError(const std::string& call, std::string ttfMessage)
    : std::runtime_error(call + " failed: " + (ttfMessage.empty() ? "(no SDL_ttf error message)" : ttfMessage)),
      m_call(call),
      m_ttfMessage(std::move(ttfMessage)) {}

}  // namespace motcua::ui
