// Where a citizen is in the take-number flow: "① Lĩnh vực  ② Ưu tiên  ③ Nhận phiếu", the steps done and
// the current one filled, the ones to come outlined.
#pragma once

#include <string>
#include <vector>

#include "kiosk/ui/text_fit.h"
#include "kiosk/ui/widget.h"

namespace motcua::kiosk {

class StepIndicator final : public ui::Widget {
  public:
    // current: 1-based.
    StepIndicator(std::vector<std::string> steps, int current);
    int current() const noexcept { return m_current; }

  protected:
    ui::Size measureContent(const ui::LayoutContext& context, ui::Size available) const override;
    void layoutChildren(const ui::LayoutContext& context) override;
    void drawSelf(ui::Painter& painter) const override;
    void collectOwnText(std::vector<ui::VisibleText>& out, const ui::Rect& clip) const override;
    void collectOwnLayout(std::vector<ui::LayoutItem>& out, const ui::Rect& clip,
                          bool scrolled) const override;

  private:
    struct Step {
        ui::Rect mark;
        ui::FittedText name;
        std::vector<ui::Rect> lines;
    };
    std::vector<Step> place(const ui::LayoutContext& context, const ui::Rect& bounds) const;

    std::vector<std::string> m_steps;
    int m_current;
    std::vector<Step> m_placed;
    ui::TextStyle m_numberStyle;
};

}  // namespace motcua::kiosk
