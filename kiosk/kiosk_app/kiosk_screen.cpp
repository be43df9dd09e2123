#include "kiosk/kiosk_app/kiosk_screen.h"

namespace motcua::kiosk {

void KioskScreen::ensureBuilt() {
    if (!m_rebuild && m_builtGeneration == m_session.generation() && root()) return;
    m_rebuild = false;
    build();
    m_builtGeneration = m_session.generation();
}

void KioskScreen::layout(const ui::LayoutContext& context, ui::Size size) {
    ensureBuilt();
    m_landscape = size.width > size.height;
    adapt(m_landscape);
    ui::WidgetScreen::layout(context, size);
}

void KioskScreen::handleInput(const ui::InputEvent& event) {
    if (event.type == ui::InputType::Tap && m_session.noteCornerTap(event.position)) return;
    ui::WidgetScreen::handleInput(event);
}

void KioskScreen::update(std::chrono::milliseconds dt) {
    // A language change rebuilds here, between frames, never while a widget is handling input.
    ensureBuilt();
    ui::WidgetScreen::update(dt);
}

std::unique_ptr<ui::Box> KioskScreen::makePage(const std::string& title, std::unique_ptr<ui::Widget> content,
                                               bool withBack, const std::string& subtitle) {
    auto page = std::make_unique<ui::Box>(ui::Axis::Vertical, ui::Box::kThemed);
    page->add(std::make_unique<ui::Label>(title, ui::FontRole::Title, ui::TextAlign::Left, ui::TextColour::Primary));
    if (!subtitle.empty())
        page->add(std::make_unique<ui::Label>(subtitle, ui::FontRole::Body, ui::TextAlign::Left, ui::TextColour::Muted));
    page->add(std::move(content), 1);
    auto nav = std::make_unique<ui::Box>(ui::Axis::Horizontal, 0);
    if (withBack) nav->add(std::make_unique<ui::Button>(t(words::kBack), [this] { m_session.back(); }), 1);
    nav->add(std::make_unique<ui::Button>(t(words::kHome), [this] { m_session.home(); }), 1);
    page->add(std::move(nav));
    return page;
}

}  // namespace motcua::kiosk
