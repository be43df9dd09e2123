#include "kiosk/kiosk_app/kiosk_session.h"

#include "kiosk/kiosk_app/dossier_screen.h"
#include "kiosk/kiosk_app/idle_warning_screen.h"
#include "kiosk/kiosk_app/kiosk_services.h"
#include "kiosk/kiosk_app/kiosk_text.h"
#include "kiosk/kiosk_app/welcome_screen.h"

namespace motcua::kiosk {

KioskSession::KioskSession(ui::App& app, KioskServices& services, SessionSettings settings,
                           std::function<voice::Speaker*()> speaker)
    : m_app(app),
      m_services(services),
      m_settings(settings),
      m_guide(std::move(speaker), [&services] { return services.clock().now(); }) {
    if (const auto logo = m_services.office("logo"); !logo.empty()) {
        try {
            m_logo = ui::loadPng(logo);
        } catch (const std::exception& e) {
            m_services.log("office logo not shown (the header shows a pictogram): " + std::string(e.what()));
        }
    }
    applyTheme();
    // While the queue's server cannot be reached: the lost-server banner, in the visit's language.
    m_app.watchServer([this] { return m_services.serverLost(); },
                      [this] { return m_language == Language::En; });
    // The warning comes kWarnFor before the visit would end; it ends the visit itself at zero.
    const auto warnFor = std::chrono::duration_cast<std::chrono::milliseconds>(IdleWarningScreen::kWarnFor);
    m_app.setIdleTimeout(std::max(std::chrono::milliseconds(5000), m_settings.idleTimeout - warnFor), [this] {
        // On the welcome screen there is nothing to lose.
        if (screens().size() <= 1 || dynamic_cast<IdleWarningScreen*>(screens().top())) return;
        m_services.log("idle: asking whether more time is needed");
        screens().push(std::make_unique<IdleWarningScreen>(*this));
    });
    // The ID card scanner types like a keyboard: its bursts are taken out of the input (a person's
    // typing goes on to the screens as before).
    if (m_services.readsCards()) {
        const auto& card = m_services.cardSettings();
        m_scanner = ui::ScanDetector({card.scannerKeyGapMs, card.scannerMinLength});
        m_app.setInputObserver([this](const ui::InputEvent& event) {
            auto line = m_scanner.feed(event);
            if (!line) return false;
            // Its keys reached the screen before the burst could be told from a person's typing (the
            // search field took them): the screen takes them back.
            if (auto* top = dynamic_cast<KioskScreen*>(screens().top()))
                top->takeBackScanned(m_scanner.lastLineStartMs());
            return onScannedLine(*line);
        });
    }
    screens().push(std::make_unique<WelcomeScreen>(*this));
}

bool KioskSession::onScannedLine(const std::string& line) {
    // A dossier receipt's QR (where the office has results or supplement services) opens the screen
    // for them with the code read; anything else is read as an ID card.
    if (m_services.hasDossierServices() && queue::readDossierCode(line).ok()) {
        if (dynamic_cast<DossierScreen*>(screens().top())) screens().pop();
        showDossier(line);
        return true;
    }
    return onCard(m_services.readCard(line));
}

void KioskSession::pollCardReader() {
    if (auto card = m_services.pollCardReader()) onCard(*card);
}

bool KioskSession::onCard(const CardResult& card) {
    if (card.status == CardStatus::Off) return false;
    constexpr std::chrono::milliseconds kShown{5000};
    if (card.status == CardStatus::Unreadable) {
        m_app.banner().show(say(card.chip ? words::kCardUnreadableChip : words::kCardUnreadable, m_language),
                            kShown, ui::BannerKind::Error);
        return true;
    }
    m_citizen = card.citizen;
    std::string said = say(words::kCardRead, m_language);
    if (m_citizen->elderly && !m_services.elderlyCategory().empty()) {
        // Appended in two steps: GCC 12 at -O3 reports a false -Wrestrict on `" " + say(...)`.
        said += ' ';
        said += say(words::kCardElderly, m_language);
    }
    m_app.banner().show(said, kShown, ui::BannerKind::Info);
    if (screens().size() <= 1) showServices();  // a card at the welcome screen starts the visit
    return true;
}

void KioskSession::applyTheme() {
    m_app.setTheme(ui::Theme(m_contrast, m_textSize, m_settings.dpi));
}

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

void KioskSession::toggleVoiceGuidance() {
    m_guide.setOn(!m_guide.on(), m_language);
    m_voiceByHeadphones = false;  // the citizen's choice from now on
    ++m_generation;               // the switch's label, the voice bar
}

void KioskSession::onHeadphones(const voice::HeadphoneReport& report) {
    m_services.log(std::string("headphones: ") + voice::toString(report.state) + " (" + report.detail + ")");
    m_headphonesIn = report.state == voice::Headphones::Plugged;
    // Unknown (the server went away): this visit keeps what it has; the next one starts without.
    if (report.state == voice::Headphones::Unknown) return;
    if (m_headphonesIn && !m_guide.on()) {
        m_guide.setOn(true, m_language);
        m_voiceByHeadphones = true;
        ++m_generation;
    } else if (!m_headphonesIn && m_voiceByHeadphones) {
        m_guide.setOn(false, m_language);
        m_voiceByHeadphones = false;
        ++m_generation;
    }
}

void KioskSession::endVisit() {
    const bool changed = m_language != Language::Vi || m_textSize != ui::TextSize::Normal ||
                         m_contrast != ui::Contrast::Normal;
    m_language = Language::Vi;
    m_textSize = ui::TextSize::Normal;
    m_contrast = ui::Contrast::Normal;
    m_cornerTaps = 0;
    m_citizen.reset();
    m_scanner.reset();
    // Voice guidance and its volume are for this visitor only.
    const bool wasGuided = m_guide.on();
    m_guide.reset();
    m_voiceByHeadphones = false;
    if (changed || wasGuided) {
        ++m_generation;
        applyTheme();
    }
    ++m_visits;
    screens().popToRoot();
    // Headphones still plugged in: the next visitor starts with voice guidance, as after a plug.
    if (m_headphonesIn)
        onHeadphones({voice::Headphones::Plugged, "still plugged in at the end of the visit"});
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
