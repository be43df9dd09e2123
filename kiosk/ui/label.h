// Text that wraps to its width between syllables (kiosk/ui/text_fit.h), made smaller rather than
// splitting a syllable.
#pragma once

#include <string>
#include <vector>

#include "kiosk/ui/text_fit.h"
#include "kiosk/ui/widget.h"

namespace motcua::ui {

enum class TextAlign { Left, Center, Right };
// OnNotice / OnEmphasis: text on a Card of that style.
enum class TextColour { Normal, Muted, Primary, OnPrimary, Danger, OnNotice, OnEmphasis };

Colour resolveColour(const Palette& palette, TextColour colour);

class Label final : public Widget {
  public:
    explicit Label(std::string text, FontRole role = FontRole::Body, TextAlign align = TextAlign::Left,
                   TextColour colour = TextColour::Normal);

    const std::string& text() const noexcept { return m_text; }
    void setText(std::string text);
    void setColour(TextColour colour) { m_colour = colour; }
    void setRole(FontRole role);
    // The wrapped lines from the last layout.
    const std::vector<std::string>& lines() const noexcept { return m_lines; }

  protected:
    Size measureContent(const LayoutContext& context, Size available) const override;
    void layoutChildren(const LayoutContext& context) override;
    void drawSelf(Painter& painter) const override;
    void collectOwnText(std::vector<VisibleText>& out, const Rect& clip) const override;
    void collectOwnLayout(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled) const override;

  private:
    Rect lineRect(std::size_t i) const;
    std::string m_text;
    FontRole m_role;
    TextAlign m_align;
    TextColour m_colour;
    TextStyle m_style;
    int m_lineHeight = 0;
    bool m_brokenWord = false;
    std::vector<std::string> m_lines;
    std::vector<int> m_lineWidths;
};

}  // namespace motcua::ui
