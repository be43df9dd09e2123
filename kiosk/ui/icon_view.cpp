#include "kiosk/ui/icon_view.h"

#include "kiosk/ui/painter.h"

namespace motcua::ui {

void IconView::drawSelf(Painter& painter) const {
    painter.drawIcon(m_icon, sizeFor(painter.theme()), resolveColour(painter.theme().palette(), m_colour),
                     bounds());
}

}  // namespace motcua::ui
