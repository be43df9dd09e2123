// A PIN entry field: takes digits from Text events, Backspace and Return, and shows one dot per digit,
// never the digits. Its visible text (for scripts) is the dots too.
#pragma once

#include <functional>
#include <string>

#include "kiosk/ui/widget.h"

namespace motcua::console {

class PinField final : public ui::Widget {
  public:
    static constexpr std::size_t kMaxDigits = 8;

    // initial: digits already typed (kept when the screen is rebuilt).
    explicit PinField(std::function<void()> onSubmit, std::string initial = "");

    const std::string& pin() const noexcept { return m_pin; }
    void clear() { m_pin.clear(); }

  protected:
    ui::Size measureContent(const ui::LayoutContext& context, ui::Size available) const override;
    void layoutChildren(const ui::LayoutContext& context) override;
    bool onInput(const ui::InputEvent& event) override;
    void drawSelf(ui::Painter& painter) const override;
    void collectOwnText(std::vector<ui::VisibleText>& out, const ui::Rect& clip) const override;
    void collectOwnLayout(std::vector<ui::LayoutItem>& out, const ui::Rect& clip,
                          bool scrolled) const override;

  private:
    std::string masked() const;
    // Where the text (dots or placeholder) is drawn, from layout.
    ui::Rect textRect() const;
    std::string m_pin;
    std::function<void()> m_onSubmit;
    ui::TextStyle m_style;
    ui::TextStyle m_placeholderStyle;  // m_style, smaller (down to the small text) when it must
    int m_lineHeight = 0;
    int m_padding = 0;
    ui::Size m_placeholderSize;
};

}  // namespace motcua::console
