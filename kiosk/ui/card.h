// A rounded panel behind its content: Surface (a plain card), Notice (calm amber: something went wrong
// and is being handled), Emphasis (the primary colour: the one thing to do now). Lays its content
// out inside a padding; labels in it take the card's text colour when they use TextColour::OnCard.
#pragma once

#include <memory>

#include "kiosk/ui/widget.h"

namespace motcua::ui {

enum class CardStyle { Surface, Notice, Emphasis };

class Card final : public Widget {
  public:
    Card(CardStyle style, std::unique_ptr<Widget> content);
    CardStyle style() const noexcept { return m_style; }
    Widget& content() noexcept { return *m_content; }

  protected:
    Size measureContent(const LayoutContext& context, Size available) const override;
    void layoutChildren(const LayoutContext& context) override;
    void drawSelf(Painter& painter) const override;

  private:
    CardStyle m_style;
    Widget* m_content;  // owned as the only child
};

// The colours of a card's fill, edge and text in a palette.
struct CardColours {
    Colour fill;
    Colour edge;
    Colour text;
};
CardColours cardColours(const Palette& palette, CardStyle style);

}  // namespace motcua::ui
