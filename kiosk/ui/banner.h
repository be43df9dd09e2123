// A message across the top of the screen (errors, "printer out of paper") that hides itself after a
// timeout measured in update() time. Tapping it dismisses it.
#pragma once

#include <string>

#include "kiosk/ui/widget.h"

namespace motcua::ui {

enum class BannerKind { Error, Info };

class Banner final : public Widget {
  public:
    Banner();
    void show(std::string message, std::chrono::milliseconds duration, BannerKind kind = BannerKind::Error);
    void hide();
    bool showing() const noexcept { return visible(); }
    const std::string& message() const noexcept { return m_message; }
    std::chrono::milliseconds remaining() const noexcept { return m_remaining; }
    bool tappable() const override { return true; }

  protected:
    Size measureContent(const LayoutContext& context, Size available) const override;
    void layoutChildren(const LayoutContext& context) override;
    bool onInput(const InputEvent& event) override;
    void onUpdate(std::chrono::milliseconds dt) override;
    void drawSelf(Painter& painter) const override;
    void collectOwnText(std::vector<VisibleText>& out, const Rect& clip) const override;
    void collectOwnLayout(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled) const override;

  private:
    std::string m_message;
    BannerKind m_kind = BannerKind::Error;
    std::chrono::milliseconds m_remaining{0};
    TextStyle m_style;
    int m_lineHeight = 0;
    std::vector<std::string> m_lines;
    std::vector<int> m_lineWidths;
};

}  // namespace motcua::ui
