// What widgets draw with: filled and rounded rectangles, text through the TextRenderer, a clip stack.
// One Painter per frame; it is the only mutable thing a const draw() touches (the pixels and the text
// cache), never the widgets' own state.
#pragma once

#include <string_view>
#include <vector>

#include "kiosk/ui/geometry.h"
#include "kiosk/ui/text_renderer.h"
#include "kiosk/ui/theme.h"

namespace motcua::ui {

struct Image;

class Painter {
  public:
    // All three must outlive the painter.
    Painter(SDL_Renderer* renderer, TextRenderer& text, const Theme& theme);
    Painter(const Painter&) = delete;
    Painter& operator=(const Painter&) = delete;
    ~Painter();

    const Theme& theme() const noexcept { return m_theme; }
    TextMetrics& metrics() noexcept { return m_text.fonts(); }

    void clear(Colour colour);
    void fillRect(const Rect& rect, Colour colour);
    void fillRoundedRect(const Rect& rect, int radius, Colour colour);
    void strokeRect(const Rect& rect, Colour colour, int thickness = 2);
    // Draws one line of text with its top-left at origin; returns its size. Skipped (returns {}) when
    // entirely outside the clip.
    Size drawText(std::string_view text, const TextStyle& style, Colour colour, Point origin);
    // Draws an RGBA picture scaled into dst (the office's logo; small pictures only: a texture is made
    // for each call).
    void drawImage(const Image& image, const Rect& dst);
    // Draws a pictogram of the icon font (kiosk/ui/icons.h), px high, centred in box.
    void drawIcon(char32_t icon, int px, Colour colour, const Rect& box);

    // Restricts drawing to rect intersected with the current clip until the matching popClip().
    void pushClip(const Rect& rect);
    void popClip();
    Rect clip() const;

  private:
    void applyClip();
    SDL_Renderer* m_renderer;
    TextRenderer& m_text;
    const Theme& m_theme;
    Size m_output;
    std::vector<Rect> m_clips;
};

// pushClip in the constructor, popClip in the destructor.
class ClipScope {
  public:
    ClipScope(Painter& painter, const Rect& rect) : m_painter(painter) { m_painter.pushClip(rect); }
    ClipScope(const ClipScope&) = delete;
    ClipScope& operator=(const ClipScope&) = delete;
    ~ClipScope() { m_painter.popClip(); }

  private:
    Painter& m_painter;
};

}  // namespace motcua::ui
