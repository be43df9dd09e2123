// Open TTF fonts, cached by (file, pixel size); also the real TextMetrics (TTF_SizeUTF8), which needs
// TTF_Init but no window or renderer.
#pragma once

#include <filesystem>
#include <map>
#include <utility>

#include "fonts/font_locator.h"
#include "fonts/ttf.h"
#include "kiosk/ui/text_metrics.h"

namespace motcua::ui {

class TtfContext;

// The font files for each weight (fonts/font_locator.h) and the pictogram font.
struct FontSet : fonts::FontSet {
    // The pictogram font (Material Icons, fonts-material-design-icons-iconfont); empty: pictograms are
    // drawn with the regular font, which has none of them (nothing shows).
    std::filesystem::path icons;
    // family through fontconfig (fonts::FontSet::locate) and the pictogram font where Debian installs
    // it. Throws std::runtime_error when no installed font covers Vietnamese.
    static FontSet locate(const std::string& family = "Noto Sans");
};

// Holds the TtfContext by reference: it must outlive the cache (declare it first).
class FontCache final : public TextMetrics {
  public:
    FontCache(const TtfContext& ttf, FontSet fonts);
    FontCache(const FontCache&) = delete;
    FontCache& operator=(const FontCache&) = delete;

    // The font for style, opened on first use. Throws fonts::TtfError when the file cannot be opened.
    _TTF_Font* font(const TextStyle& style);
    const FontSet& fonts() const noexcept { return m_fonts; }
    std::size_t openFontCount() const noexcept { return m_openFonts.size(); }

    // Whether the font for style has a glyph for every code point of text (no tofu boxes).
    bool covers(std::string_view text, const TextStyle& style);

    Size measure(std::string_view text, const TextStyle& style) override;
    int lineHeight(const TextStyle& style) override;

  private:
    FontSet m_fonts;
    std::map<std::pair<FontWeight, int>, fonts::TtfFontPtr> m_openFonts;
};

}  // namespace motcua::ui
