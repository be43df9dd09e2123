// A one-line text field. Takes Text events (physical keyboard, the script's `type`) and Backspace /
// Return keys, and the on-screen keyboard's edits. With Telex on, typed letters go through the Telex
// composer. The text is always NFC.
#pragma once

#include <functional>
#include <string>

#include "kiosk/ui/vietnamese_input.h"
#include "kiosk/ui/widget.h"

namespace motcua::ui {

class TextInput final : public Widget {
  public:
    using ChangeCallback = std::function<void(const std::string&)>;

    explicit TextInput(std::string placeholder = "", FontRole role = FontRole::Heading);

    const std::string& text() const noexcept { return m_text; }
    void setText(std::string text);
    void clear() { setText(""); }
    // Called after every change with the new text (live search).
    void onChange(ChangeCallback callback) { m_onChange = std::move(callback); }
    // Called on Return.
    void onSubmit(ChangeCallback callback) { m_onSubmit = std::move(callback); }
    void setTelex(bool on) { m_telex = on; }
    bool telex() const noexcept { return m_telex; }
    void setFocused(bool focused) { m_focused = focused; }
    bool focused() const noexcept { return m_focused; }
    void setMaxLength(std::size_t codePoints) { m_maxLength = codePoints; }
    // A thin margin inside the frame (a quarter of the theme's spacing), for a screen short of height.
    void setCompact(bool compact) {
        m_compact = compact;
        invalidateLayout();
    }

    // Editing, as the on-screen keys do it.
    void type(char32_t c);
    void typeText(std::string_view utf8);
    void backspace();
    void applyToneKey(Tone tone);
    void applyLetterKey(char32_t letter);

  protected:
    Size measureContent(const LayoutContext& context, Size available) const override;
    void layoutChildren(const LayoutContext& context) override;
    bool onInput(const InputEvent& event) override;
    void drawSelf(Painter& painter) const override;
    int padding(const Theme& theme) const noexcept {
        return m_compact ? theme.spacing() / 4 : theme.spacing();
    }
    void collectOwnText(std::vector<VisibleText>& out, const Rect& clip) const override;
    void collectOwnLayout(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled) const override;

  private:
    void changed(std::string text);
    // Where the placeholder is drawn (from layout): inside the frame, in a smaller size if it must.
    Rect placeholderRect() const;
    std::string m_text;
    std::string m_placeholder;
    FontRole m_role;
    TextStyle m_style;
    TextStyle m_placeholderStyle;  // m_style, made smaller (to 60 %) when the placeholder is wider
    Size m_placeholderSize;
    int m_padding = 0;
    bool m_compact = false;
    bool m_telex = false;
    bool m_focused = true;
    std::size_t m_maxLength = 200;
    ChangeCallback m_onChange;
    ChangeCallback m_onSubmit;
};

}  // namespace motcua::ui
