// A pictogram on its own (kiosk/ui/icons.h), sized like a line of text of a role (a little larger),
// centred in its bounds.
#pragma once

#include "kiosk/ui/label.h"
#include "kiosk/ui/widget.h"

namespace motcua::ui {

class IconView final : public Widget {
  public:
    IconView(char32_t icon, FontRole role = FontRole::Heading, TextColour colour = TextColour::Normal)
        : m_icon(icon), m_role(role), m_colour(colour) {}

  protected:
    Size measureContent(const LayoutContext& context, Size) const override {
        const int px = sizeFor(context.theme);
        return {px, px};
    }
    void drawSelf(Painter& painter) const override;

  private:
    int sizeFor(const Theme& theme) const { return theme.font(m_role).pixelSize * 3 / 2; }
    char32_t m_icon;
    FontRole m_role;
    TextColour m_colour;
};

}  // namespace motcua::ui
