#include "kiosk/kiosk_app/idle_warning_screen.h"

#include "kiosk/kiosk_app/kiosk_services.h"
#include "kiosk/ui/card.h"
#include "kiosk/ui/icon_view.h"

namespace motcua::kiosk {

IdleWarningScreen::IdleWarningScreen(KioskSession& session)
    : KioskScreen(session),
      m_deadline(session.services().clock().now() + std::chrono::milliseconds(kWarnFor).count()),
      m_secondsLeft(static_cast<int>(kWarnFor.count())) {}

void IdleWarningScreen::keep() {
    if (m_closing) return;
    m_closing = true;
    m_session.guide().say(t(words::kIdleKept), lang());
    m_session.screens().pop();
}

void IdleWarningScreen::handleInput(const ui::InputEvent& event) {
    // Any tap keeps the visit, with or without voice guidance: nobody should lose it hunting a button.
    if (event.type == ui::InputType::Tap) keep();
}

void IdleWarningScreen::update(std::chrono::milliseconds dt) {
    KioskScreen::update(dt);
    if (m_closing) return;
    const auto left = m_deadline - m_session.services().clock().now();
    const int seconds = static_cast<int>(std::max<queue::TimeMs>(0, (left + 999) / 1000));
    if (seconds != m_secondsLeft) {
        m_secondsLeft = seconds;
        if (m_count) m_count->setText(std::to_string(seconds));
        if (seconds == 10 || seconds == 5)
            m_session.guide().say(say(words::kIdleSecondsLeft, lang(), seconds), lang());
    }
    if (left <= 0) {
        m_closing = true;
        m_session.services().log("idle: back to the welcome screen");
        m_session.endVisit();
    }
}

std::string IdleWarningScreen::spokenSummary() const {
    return std::string(t(words::kIdleQuestion)) + " " + say(words::kIdleSecondsLeft, lang(), m_secondsLeft) +
           " " + t(words::kIdleTapToContinue);
}

void IdleWarningScreen::build() {
    auto box = std::make_unique<Box>(Axis::Vertical, Box::kThemed);
    box->add(std::make_unique<ui::Spacer>(), 1);
    box->add(std::make_unique<ui::IconView>(ui::icons::kTimer, FontRole::Title, TextColour::Primary));
    box->add(std::make_unique<Label>(t(words::kIdleQuestion), FontRole::Title, TextAlign::Center,
                                     TextColour::Primary));
    m_count =
        &box->add(std::make_unique<Label>(std::to_string(m_secondsLeft), FontRole::Huge, TextAlign::Center));
    box->add(std::make_unique<Label>(t(words::kIdleExplain), FontRole::Heading, TextAlign::Center,
                                     TextColour::Muted));
    box->add(std::make_unique<ui::Spacer>(), 1);
    auto go = std::make_unique<Button>(
        t(words::kContinue), [this] { keep(); }, ButtonStyle::Primary, FontRole::Title);
    go->setIcon(ui::icons::kCheckCircle);
    go->setShape(ButtonShape::Inline);
    go->setMinHeight(landscape() ? 0 : 200);
    Page page;
    page.content = std::move(box);
    page.pinned = std::move(go);
    page.withNavigation = false;
    setRoot(makePage(std::move(page)));
}

}  // namespace motcua::kiosk
