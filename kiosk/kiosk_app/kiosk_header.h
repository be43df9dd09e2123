// The strip at the top of every kiosk screen: the office's logo (its own picture from the config, or a
// plain pictogram of a public building: never the national emblem, whose use is regulated), the
// office's name and unit, and today's date and the clock, so a citizen knows where and when they are.
#pragma once

#include <string>

#include "kiosk/ui/image.h"
#include "kiosk/ui/text_fit.h"
#include "kiosk/ui/widget.h"

namespace motcua::kiosk {

class KioskHeader final : public ui::Widget {
  public:
    // logo may be null (the pictogram); it must outlive the header.
    KioskHeader(std::string name, std::string unit, const ui::Image* logo);

    // "08:05" and "Thứ Hai, 07/12/2026"; cheap when unchanged.
    void setTime(std::string clock, std::string date);
    const std::string& clock() const noexcept { return m_clock; }

  protected:
    ui::Size measureContent(const ui::LayoutContext& context, ui::Size available) const override;
    void layoutChildren(const ui::LayoutContext& context) override;
    void drawSelf(ui::Painter& painter) const override;
    void collectOwnText(std::vector<ui::VisibleText>& out, const ui::Rect& clip) const override;
    void collectOwnLayout(std::vector<ui::LayoutItem>& out, const ui::Rect& clip,
                          bool scrolled) const override;

  private:
    struct Placed {
        std::string text;
        ui::TextStyle style;
        ui::Rect rect;
        bool broken = false;
        int source = 0;  // 0 name, 1 unit, 2 clock, 3 date
    };
    std::vector<Placed> place(const ui::LayoutContext& context, const ui::Rect& bounds) const;

    std::string m_name;
    std::string m_unit;
    const ui::Image* m_logo;
    std::string m_clock;
    std::string m_date;
    std::vector<Placed> m_placed;
    ui::Rect m_logoRect;
};

}  // namespace motcua::kiosk
