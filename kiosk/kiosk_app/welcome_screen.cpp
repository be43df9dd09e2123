#include "kiosk/kiosk_app/welcome_screen.h"

#include "kiosk/kiosk_app/kiosk_services.h"
#include "kiosk/ui/widget.h"

namespace motcua::kiosk {

void WelcomeScreen::build() {
    auto& services = m_session.services();
    auto root = std::make_unique<Box>(Axis::Vertical, Box::kThemed);
    root->add(std::make_unique<ui::Spacer>(), 1);
    root->add(std::make_unique<Label>(services.office("unit"), FontRole::Heading, TextAlign::Center, TextColour::Muted));
    root->add(std::make_unique<Label>(services.office("name"), FontRole::Title, TextAlign::Center, TextColour::Primary));
    if (const auto slogan = services.office("slogan"); !slogan.empty())
        root->add(std::make_unique<Label>(slogan, FontRole::Heading, TextAlign::Center));
    root->add(std::make_unique<ui::Spacer>(), 1);
    root->add(std::make_unique<Button>(t(words::kTouchToStart), [this] { m_session.showHome(); }, ButtonStyle::Primary,
                                       FontRole::Title))
        .setSecondary(words::kTouchToStart.en);
    if (const auto hours = services.office("opening_hours_text"); !hours.empty())
        root->add(std::make_unique<Label>(hours, FontRole::Body, TextAlign::Center, TextColour::Muted));
    root->add(std::make_unique<ui::Spacer>(), 1);
    setRoot(std::move(root));
}

void WelcomeScreen::handleInput(const ui::InputEvent& event) {
    if (event.type != ui::InputType::Tap) return;
    if (m_session.noteCornerTap(event.position) || m_starting) return;
    m_starting = true;
    m_session.showHome();
}

void HomeScreen::build() {
    auto grid = std::make_unique<Box>(Axis::Vertical, 0);
    auto bigButton = [this](const Phrase& label, const Phrase& hint, std::function<void()> onTap) {
        auto b = std::make_unique<Button>(t(label), std::move(onTap), ButtonStyle::Primary, FontRole::Title);
        b->setSecondary(t(hint));
        return b;
    };
    auto& first = grid->add(std::make_unique<Box>(Axis::Horizontal, 0), 1);
    first.add(bigButton(words::kTakeNumber, words::kTakeNumberHint, [this] { m_session.showServices(); }), 1);
    first.add(bigButton(words::kBrowse, words::kBrowseHint, [this] { m_session.showFields(); }), 1);
    auto& second = grid->add(std::make_unique<Box>(Axis::Horizontal, 0), 1);
    second.add(bigButton(words::kSearch, words::kSearchHint, [this] { m_session.showSearch(); }), 1);
    auto& rate = second.add(std::make_unique<Button>(t(words::kRate), [this] { m_session.showRating(); },
                                                     ButtonStyle::Secondary, FontRole::Heading),
                            1);
    rate.setSecondary(t(words::kRateHint));
    m_rows[0] = &first;
    m_rows[1] = &second;

    auto aids = std::make_unique<Box>(Axis::Horizontal, 0);
    aids->add(std::make_unique<Button>(t(words::kOtherLanguage), [this] { m_session.toggleLanguage(); }), 1);
    aids->add(std::make_unique<Button>(t(m_session.largeText() ? words::kNormalText : words::kLargeText),
                                       [this] { m_session.toggleLargeText(); }),
              1);
    aids->add(std::make_unique<Button>(t(m_session.highContrast() ? words::kNormalContrast : words::kHighContrast),
                                       [this] { m_session.toggleHighContrast(); }),
              1);
    m_aids = aids.get();

    auto page = std::make_unique<Box>(Axis::Vertical, Box::kThemed);
    page->add(std::make_unique<Label>(m_session.services().office("name"), FontRole::Title, TextAlign::Center,
                                      TextColour::Primary));
    page->add(std::move(grid), 1);
    page->add(std::move(aids));
    setRoot(std::move(page));
}

void HomeScreen::adapt(bool landscape) {
    // Portrait: one big button per row, full width; landscape: two by two.
    for (auto* row : m_rows)
        if (row) row->setAxis(landscape ? Axis::Horizontal : Axis::Vertical);
    if (m_aids) m_aids->setAxis(Axis::Horizontal);
}

}  // namespace motcua::kiosk
