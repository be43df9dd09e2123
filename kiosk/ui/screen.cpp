#include "kiosk/ui/screen.h"

#include "kiosk/ui/painter.h"

namespace motcua::ui {

void WidgetScreen::layout(const LayoutContext& context, Size size) {
    if (m_root) m_root->layout(context, {0, 0, size.width, size.height});
}

void WidgetScreen::handleInput(const InputEvent& event) {
    if (m_root) m_root->dispatch(event);
}

void WidgetScreen::update(std::chrono::milliseconds dt) {
    if (m_root) m_root->update(dt);
}

void WidgetScreen::draw(Painter& painter) const {
    painter.clear(painter.theme().palette().background);
    if (m_root) m_root->draw(painter);
}

void WidgetScreen::collectVisibleText(std::vector<VisibleText>& out, const Rect& clip) const {
    if (m_root) m_root->collectVisibleText(out, clip);
}

}  // namespace motcua::ui

namespace motcua::ui {

void WidgetScreen::collectLayout(std::vector<LayoutItem>& out, const Rect& clip) const {
    if (m_root) m_root->collectLayout(out, clip);
}

}  // namespace motcua::ui
