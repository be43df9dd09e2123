// A busy indicator: a ring of dots, one bright, going round while something takes its time (the
// kiosk's ticket printing). It moves with update(), so it shows that the screen is alive; it says
// nothing by itself, so a label beside it says what is being waited for.
#pragma once

#include <chrono>

#include "kiosk/ui/widget.h"

namespace motcua::ui {

class Spinner final : public Widget {
  public:
    static constexpr int kDots = 8;
    static constexpr std::chrono::milliseconds kStep{125};  // one dot further: a turn a second

    // The dot that is bright now (0..kDots-1), for tests.
    int brightDot() const noexcept { return static_cast<int>(m_elapsed.count() / kStep.count()) % kDots; }

  protected:
    Size measureContent(const LayoutContext& context, Size available) const override;
    void onUpdate(std::chrono::milliseconds dt) override;
    void drawSelf(Painter& painter) const override;

  private:
    std::chrono::milliseconds m_elapsed{0};
};

}  // namespace motcua::ui
