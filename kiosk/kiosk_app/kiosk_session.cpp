#include "kiosk/kiosk_app/kiosk_session.h"

#include "kiosk/kiosk_app/kiosk_services.h"
#include "kiosk/kiosk_app/welcome_screen.h"

namespace motcua::kiosk {

KioskSession::KioskSession(ui::App& app, KioskServices& services, SessionSettings settings)
    : m_app(app), m_services(services), m_settings(settings) {
    applyTheme();
    m_app.setIdleTimeout(m_settings.idleTimeout, [this] {
        m_services.log("idle: back to the welcome screen");
        endVisit();
    });
    screens().push(std::make_unique<WelcomeScreen>(*this));
}

void KioskSession::applyTheme() { m_app.setTheme(ui::Theme(m_contrast, m_textSize, m_settings.dpi)); }

void KioskSession::setLanguage(Language language) {
    if (language == m_language) return;
    m_language = language;
    ++m_generation;
}

void KioskSession::toggleLargeText() {
    m_textSize = m_textSize == ui::TextSize::Large ? ui::TextSize::Normal : ui::TextSize::Large;
    ++m_generation;  // button labels name the current choice
    applyTheme();
}

void KioskSession::toggleHighContrast() {
    m_contrast = m_contrast == ui::Contrast::High ? ui::Contrast::Normal : ui::Contrast::High;
    ++m_generation;
    applyTheme();
}

void KioskSession::endVisit() {
    const bool changed = m_language != Language::Vi || m_textSize != ui::TextSize::Normal || m_contrast != ui::Contrast::Normal;
    m_language = Language::Vi;
    m_textSize = ui::TextSize::Normal;
    m_contrast = ui::Contrast::Normal;
    m_cornerTaps = 0;
    if (changed) {
        ++m_generation;
        applyTheme();
    }
    ++m_visits;
    screens().popToRoot();
}

void KioskSession::home() {
    // Home sits right above the welcome screen; popping to it keeps the visit's choices.
    screens().popToRoot();
    showHome();
}

bool KioskSession::noteCornerTap(ui::Point point) {
    const int corner = m_app.theme().minTouchPx();
    if (point.x >= corner || point.y >= corner) {
        m_cornerTaps = 0;
        return false;
    }
    const auto now = m_services.clock().now();
    if (m_cornerTaps == 0 || now - m_firstCornerTapMs > m_settings.adminTapWindow.count()) {
        m_cornerTaps = 0;
        m_firstCornerTapMs = now;
    }
    if (++m_cornerTaps >= m_settings.adminTaps) {
        m_cornerTaps = 0;
        showAdminPin();
    }
    return true;
}

}  // namespace motcua::kiosk
