// A large button: a rounded rectangle at least minTouchPx() on each side, a label (wrapping between
// syllables, made smaller rather than split), an optional smaller second line, an optional pictogram
// (an icon-font code point), a pressed look while the finger is on it, and a callback on tap.
//
// Shapes: Centered (text centred, the pictogram above it), Inline (the pictogram left of the centred
// text: navigation buttons), Row (pictogram at the left, text
// left-aligned, a chevron at the right: a list entry that opens something), Radio (a radio mark at
// the left, checked when selected()).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "kiosk/ui/text_fit.h"
#include "kiosk/ui/widget.h"

namespace motcua::ui {

enum class ButtonStyle { Primary, Secondary };
enum class ButtonShape { Centered, Inline, Row, Radio };

class Button final : public Widget {
  public:
    using Callback = std::function<void()>;

    Button(std::string label, Callback onTap, ButtonStyle style = ButtonStyle::Secondary,
           FontRole role = FontRole::Button);

    const std::string& label() const noexcept { return m_label; }
    void setLabel(std::string label);
    // A second, smaller line under the label ("" for none).
    void setSecondary(std::string text);
    const std::string& secondary() const noexcept { return m_secondary; }
    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool enabled() const noexcept { return m_enabled; }
    void setStyle(ButtonStyle style) { m_style = style; }
    ButtonStyle style() const noexcept { return m_style; }
    // A pictogram: a code point of the icon font (kiosk/ui/icons.h); 0 for none.
    void setIcon(char32_t icon);
    void setShape(ButtonShape shape);
    // Own colours instead of the style's (a rating level's face and colour, kiosk/ui/rating_look.h).
    void setColours(Colour fill, Colour text) {
        m_ownColours = true;
        m_fill = fill;
        m_textColour = text;
    }
    // Radio: whether this choice is the chosen one.
    void setSelected(bool selected) { m_selected = selected; }
    bool selected() const noexcept { return m_selected; }
    bool pressed() const noexcept { return m_pressed; }
    // Calls the callback as a tap would (when enabled).
    void activate();
    bool tappable() const override { return true; }

  protected:
    Size measureContent(const LayoutContext& context, Size available) const override;
    void layoutChildren(const LayoutContext& context) override;
    bool onInput(const InputEvent& event) override;
    void drawSelf(Painter& painter) const override;
    void collectOwnText(std::vector<VisibleText>& out, const Rect& clip) const override;
    void collectOwnLayout(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled) const override;

  private:
    struct Text {
        FittedText label;
        FittedText secondary;
        int labelLineHeight = 0;
        int secondaryLineHeight = 0;
        int height() const;
        int width(TextMetrics& metrics) const;
    };
    // Pixel size of the pictogram for a label style; 0 without one.
    int iconPx(const Theme& theme) const;
    int leading(const Theme& theme) const;   // room at the left (pictogram or radio mark)
    int trailing(const Theme& theme) const;  // room at the right (chevron)
    Text shape(const LayoutContext& context, int textWidth) const;
    // Where each line goes inside bounds (from layout).
    std::vector<std::pair<Rect, const std::string*>> placedLines() const;

    std::string m_label;
    std::string m_secondary;
    Callback m_onTap;
    ButtonStyle m_style;
    FontRole m_role;
    ButtonShape m_shape = ButtonShape::Centered;
    char32_t m_icon = 0;
    bool m_enabled = true;
    bool m_pressed = false;
    bool m_selected = false;
    bool m_ownColours = false;
    Colour m_fill;
    Colour m_textColour;
    // From layout.
    Text m_text;
    std::vector<int> m_labelWidths;
    std::vector<int> m_secondaryWidths;
    int m_iconPx = 0;
    int m_padding = 0;
    int m_leading = 0;
    int m_trailing = 0;
};

}  // namespace motcua::ui
