// A large button: a rounded rectangle at least minTouchPx() tall, a label (wrapping), an optional
// smaller second line, a pressed look while the finger is on it, and a callback on tap.
#pragma once

#include "kiosk/ui/widget.h"

#include <functional>
#include <string>
#include <vector>

namespace motcua::ui {

enum class ButtonStyle { Primary, Secondary };

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
    bool pressed() const noexcept { return m_pressed; }
    // Calls the callback as a tap would (when enabled).
    void activate();

protected:
    Size measureContent(const LayoutContext& context, Size available) const override;
    void layoutChildren(const LayoutContext& context) override;
    bool onInput(const InputEvent& event) override;
    void drawSelf(Painter& painter) const override;
    void collectOwnText(std::vector<VisibleText>& out, const Rect& clip) const override;

private:
    std::string m_label;
    std::string m_secondary;
    Callback m_onTap;
    ButtonStyle m_style;
    FontRole m_role;
    bool m_enabled = true;
    bool m_pressed = false;
    // From layout.
    TextStyle m_labelStyle;
    TextStyle m_secondaryStyle;
    int m_labelLineHeight = 0;
    int m_secondaryLineHeight = 0;
    std::vector<std::string> m_labelLines;
    std::vector<int> m_labelWidths;
    std::vector<std::string> m_secondaryLines;
    std::vector<int> m_secondaryWidths;
};

}  // namespace motcua::ui
