#include "kiosk/kiosk_app/appointment_screen.h"

#include <functional>
#include <vector>

#include "kiosk/kiosk_app/kiosk_services.h"
#include "kiosk/ui/box.h"
#include "queue/ticket_links.h"

namespace motcua::kiosk {

namespace {

constexpr std::size_t kCodeLength = 10;

// The code's alphabet (queue/ticket_links.h: no 0/O, 1/I), then Xóa.
std::vector<std::string> codeKeys(const std::string& clear) {
    std::vector<std::string> keys;
    for (char c : queue::kShortCodeAlphabet) keys.emplace_back(1, c);
    keys.push_back(clear);
    return keys;
}

// "ABCDEFGH" -> "ABCDE-FGH": grouped as on the phone.
std::string shown(const std::string& code) {
    if (code.empty()) return "_";
    return code.size() <= 5 ? code : code.substr(0, 5) + "-" + code.substr(5);
}

}  // namespace

void AppointmentScreen::typeKey(const std::string& key) {
    m_badCode = false;
    if (key == t(words::kClear)) {
        m_code.clear();
    } else if (m_code.size() < kCodeLength) {
        m_code += key;
    }
    requestRebuild();
}

void AppointmentScreen::handleInput(const ui::InputEvent& event) {
    // A scanner (or a keyboard) types the code and Enter; the dash and spaces are skipped.
    if (event.type == ui::InputType::Text) {
        for (char c : event.text) {
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
            if (queue::kShortCodeAlphabet.find(c) != std::string_view::npos && m_code.size() < kCodeLength)
                m_code += c;
        }
        m_badCode = false;
        requestRebuild();
        return;
    }
    if (event.type == ui::InputType::Key && event.key == ui::Key::Return) {
        submit();
        return;
    }
    if (event.type == ui::InputType::Key && event.key == ui::Key::Backspace && !m_code.empty()) {
        m_code.pop_back();
        requestRebuild();
        return;
    }
    KioskScreen::handleInput(event);
}

void AppointmentScreen::submit() {
    if (!queue::TicketLinks::canonicalShortCode(m_code)) {
        m_badCode = true;
        requestRebuild();
        return;
    }
    m_session.showCheckIn(m_code);
    m_code.clear();
}

void AppointmentScreen::build() {
    m_builtLandscape = landscape();
    // Numbers taken online are checked in here too: the words name both kinds of code.
    const bool online = m_session.services().onlineCheckInEnabled();
    auto content = std::make_unique<Box>(Axis::Vertical, 0);
    content->add(std::make_unique<Label>(t(words::kAppointmentHow), FontRole::Body));
    content->add(std::make_unique<Label>(t(online ? words::kPhoneCodeLabel : words::kAppointmentCode),
                                         FontRole::Heading));
    content->add(
        std::make_unique<Label>(shown(m_code), FontRole::Title, TextAlign::Center, TextColour::Primary));
    if (m_badCode)
        content->add(std::make_unique<Label>(t(online ? words::kPhoneCodeBad : words::kCheckInBadCode),
                                             FontRole::Heading, TextAlign::Center, TextColour::Danger));
    content->add(keyPad(codeKeys(t(words::kClear)), landscape() ? 11 : 6,
                        [this](const std::string& key) { typeKey(key); }));
    auto go = std::make_unique<Button>(
        t(online ? words::kPhoneCodeGo : words::kCheckIn), [this] { submit(); }, ButtonStyle::Primary,
        FontRole::Title);
    go->setEnabled(m_code.size() == kCodeLength);
    Page page;
    page.title = t(online ? words::kPhoneCode : words::kAppointment);
    page.content = std::move(content);
    page.pinned = std::move(go);
    setRoot(makePage(std::move(page)));
}

void AppointmentScreen::adapt(bool isLandscape) {
    if (isLandscape != m_builtLandscape) requestRebuild();
}

}  // namespace motcua::kiosk
