#include "kiosk/kiosk_app/dossier_screen.h"

#include <functional>
#include <vector>

#include "kiosk/kiosk_app/kiosk_services.h"
#include "kiosk/ui/box.h"
#include "kiosk/ui/icons.h"

namespace motcua::kiosk {

namespace {

// What a receipt's code is made of: digits, the dots between its groups, capital letters (the
// agency's part, as G04).
std::vector<std::string> codeKeys() {
    std::vector<std::string> keys;
    for (char c = '0'; c <= '9'; ++c) keys.emplace_back(1, c);
    keys.emplace_back(".");
    for (char c = 'A'; c <= 'Z'; ++c) keys.emplace_back(1, c);
    return keys;
}

bool printable(char c) {
    return c >= 0x20 && c < 0x7f;
}

}  // namespace

DossierScreen::DossierScreen(KioskSession& session, std::string scanned)
    : KioskScreen(session), m_text(std::move(scanned)) {
    if (!m_text.empty()) read();
}

void DossierScreen::typeKey(const std::string& key) {
    m_problem.reset();
    if (key == t(words::kClear)) {
        m_text.clear();
    } else if (key == t(words::kDeleteOne)) {
        if (!m_text.empty()) m_text.pop_back();
    } else if (m_text.size() < queue::kMaxDossierCodeLength) {
        m_text += key;
    }
    requestRebuild();
}

void DossierScreen::handleInput(const ui::InputEvent& event) {
    // A scanner (or a keyboard) types the receipt's QR, perhaps a whole URL, and Enter.
    if (event.type == ui::InputType::Text) {
        for (char c : event.text)
            if (printable(c) && m_text.size() < queue::kMaxScannedLength) m_text += c;
        m_problem.reset();
        requestRebuild();
        return;
    }
    if (event.type == ui::InputType::Key && event.key == ui::Key::Return) {
        read();
        requestRebuild();
        return;
    }
    if (event.type == ui::InputType::Key && event.key == ui::Key::Backspace && !m_text.empty()) {
        m_text.pop_back();
        m_problem.reset();
        requestRebuild();
        return;
    }
    KioskScreen::handleInput(event);
}

bool DossierScreen::read() {
    const auto reading = queue::readDossierCode(m_text);
    if (!reading.ok()) {
        m_problem = reading.problem;
        return false;
    }
    m_text = *reading.code;
    m_problem.reset();
    return true;
}

void DossierScreen::choose(const std::string& serviceCode) {
    if (!read()) {
        requestRebuild();
        return;
    }
    m_session.showDossierTicket(serviceCode, m_text);
}

void DossierScreen::build() {
    m_builtLandscape = landscape();
    auto content = std::make_unique<Box>(Axis::Vertical, 0);
    content->add(std::make_unique<Label>(t(words::kDossierHow), FontRole::Body));
    content->add(
        std::make_unique<Label>(t(words::kDossierCode), FontRole::Body, TextAlign::Left, TextColour::Muted));
    // What was typed or scanned, with the keys that take it back, in one row above the keypad.
    auto code = std::make_unique<Box>(Axis::Horizontal, 0);
    code->add(std::make_unique<Label>(m_text.empty() ? std::string("_") : m_text, FontRole::Heading,
                                      TextAlign::Left, TextColour::Primary),
              1);
    for (const Phrase* p : {&words::kDeleteOne, &words::kClear}) {
        const std::string key = t(*p);
        auto& b = code->add(std::make_unique<Button>(
            key, [this, key] { typeKey(key); }, ButtonStyle::Secondary, FontRole::Button));
        b.setShape(ButtonShape::Inline);
    }
    content->add(std::move(code));
    if (m_problem && *m_problem != queue::DossierCodeProblem::Empty)
        content->add(std::make_unique<Label>(
            t(*m_problem == queue::DossierCodeProblem::BadDate ? words::kDossierBadDate
                                                               : words::kDossierBadCode),
            FontRole::Body, TextAlign::Left, TextColour::Danger));
    content->add(keyPad(codeKeys(), landscape() ? 13 : 8, [this](const std::string& key) { typeKey(key); }));

    // What they came for: one button per service of kind results or supplement (its name says it),
    // in landscape in the row of "Quay lại" and "Trang chủ".
    auto choices = std::make_unique<Box>(Axis::Horizontal, 0);
    for (const auto& s : m_session.services().dossierServices()) {
        auto& b = choices->add(
            std::make_unique<Button>(
                lang() == Language::En && !s.nameEn.empty() ? s.nameEn : s.name,
                [this, code = s.code] { choose(code); }, ButtonStyle::Primary, FontRole::Heading),
            1);
        b.setEnabled(!m_text.empty());
    }
    Page page;
    page.title = t(words::kDossier);
    page.content = std::move(content);
    page.pinned = std::move(choices);
    page.pinnedBesideNavigation = landscape();
    setRoot(makePage(std::move(page)));
}

void DossierScreen::adapt(bool isLandscape) {
    if (isLandscape != m_builtLandscape) requestRebuild();
}

}  // namespace motcua::kiosk
