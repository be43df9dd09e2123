#include "kiosk/ui/font_cache.h"

#include <SDL_ttf.h>

#include <stdexcept>
#include <string>

#include "text/utf8.h"

namespace motcua::ui {

using text::decodeUtf8;

FontSet FontSet::locate(const std::string& family) {
    std::filesystem::path icons;
    for (const char* candidate :
         {"/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf",
          "/usr/share/fonts/truetype/material-design-icons/MaterialIcons-Regular.ttf"}) {
        if (std::filesystem::exists(candidate)) {
            icons = candidate;
            break;
        }
    }
    return {fonts::FontSet::locate(family), icons};
}

FontCache::FontCache(const TtfContext&, FontSet fonts) : m_fonts(std::move(fonts)) {}

TTF_Font* FontCache::font(const TextStyle& style) {
    const auto key = std::make_pair(style.weight, style.pixelSize);
    auto it = m_openFonts.find(key);
    if (it != m_openFonts.end()) return it->second.get();
    const auto& path = style.weight == FontWeight::Bold                             ? m_fonts.bold
                       : style.weight == FontWeight::Icon && !m_fonts.icons.empty() ? m_fonts.icons
                                                                                    : m_fonts.regular;
    fonts::TtfFontPtr font = fonts::openFont(path, style.pixelSize);
    TTF_SetFontHinting(font.get(), TTF_HINTING_LIGHT);
    return m_openFonts.emplace(key, std::move(font)).first->second.get();
}

Size FontCache::measure(std::string_view text, const TextStyle& style) {
    TTF_Font* f = font(style);
    if (text.empty()) return {0, TTF_FontHeight(f)};
    const std::string copy(text);  // TTF wants a NUL-terminated string
    Size s;
    if (TTF_SizeUTF8(f, copy.c_str(), &s.width, &s.height) != 0) throw fonts::TtfError("TTF_SizeUTF8");
    return s;
}

bool FontCache::covers(std::string_view text, const TextStyle& style) {
    TTF_Font* f = font(style);
    for (char32_t c : decodeUtf8(text)) {
        if (c == U' ' || c == U'\n') continue;
        if (!TTF_GlyphIsProvided32(f, static_cast<Uint32>(c))) return false;
    }
    return true;
}

int FontCache::lineHeight(const TextStyle& style) {
    return TTF_FontLineSkip(font(style));
}

}  // namespace motcua::ui
