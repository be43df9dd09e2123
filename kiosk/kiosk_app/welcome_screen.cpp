#include "kiosk/kiosk_app/welcome_screen.h"

#include "kiosk/kiosk_app/kiosk_services.h"
#include "kiosk/ui/box.h"
#include "kiosk/ui/scroll_view.h"
#include "kiosk/ui/widget.h"

namespace motcua::kiosk {

namespace {

// The voice guidance switch: one large control, on the welcome and home screens, always in view.
std::unique_ptr<Button> voiceSwitch(KioskSession& session, FontRole role) {
    const Language l = session.language();
    auto b = std::make_unique<Button>(
        session.voiceGuidance() ? words::kVoiceOff.pick(l) : words::kVoiceOn.pick(l),
        [&session] { session.toggleVoiceGuidance(); },
        session.voiceGuidance() ? ButtonStyle::Primary : ButtonStyle::Secondary, role);
    b->setIcon(ui::icons::kHeadphones);
    b->setShape(ButtonShape::Inline);
    // For a visitor who reads English on the Vietnamese screens (in English the label says it already).
    if (!session.voiceGuidance() && l == Language::Vi) b->setSecondary(words::kVoiceOn.en);
    return b;
}

std::unique_ptr<Button> aid(const char* label, char32_t icon, std::function<void()> onTap) {
    auto b = std::make_unique<Button>(label, std::move(onTap));
    b->setIcon(icon);
    b->setShape(ButtonShape::Inline);
    return b;
}

}  // namespace

void WelcomeScreen::build() {
    auto& services = m_session.services();
    m_builtLandscape = landscape();
    auto root = std::make_unique<Box>(Axis::Vertical, Box::kThemed);
    const auto issuing = services.issuing();
    m_closedShown = issuing.open ? std::string() : issuing.messageVi;
    // Closed: that comes first, in the calm card, both languages (the language switch is a screen
    // further on); the citizen may still come in to read the procedures.
    if (!issuing.open) root->add(closedCard(issuing, Language::Vi, true));
    root->add(std::make_unique<ui::Spacer>(), 1);
    root->add(std::make_unique<Label>(services.office("name"), FontRole::Title, TextAlign::Center,
                                      TextColour::Primary));
    if (const auto slogan = services.office("slogan"); !slogan.empty())
        root->add(std::make_unique<Label>(slogan, FontRole::Heading, TextAlign::Center));
    root->add(std::make_unique<ui::Spacer>(), 1);
    auto& begin = root->add(std::make_unique<Button>(
        t(words::kTouchToStart), [this] { start(); }, ButtonStyle::Primary, FontRole::Title));
    begin.setIcon(ui::icons::kTouchApp);
    begin.setSecondary(words::kTouchToStart.en);
    begin.setMinHeight(landscape() ? 0 : 260);
    root->add(voiceSwitch(m_session, FontRole::Heading));
    if (const auto hours = services.office("opening_hours_text"); !hours.empty())
        root->add(std::make_unique<Label>(hours, FontRole::Body, TextAlign::Center, TextColour::Muted));
    root->add(std::make_unique<ui::Spacer>(), 1);
    // Large text on a small landscape screen: the page scrolls rather than anything overlapping.
    setRoot(withHeader(std::make_unique<ui::ScrollView>(std::move(root))));
}

void WelcomeScreen::update(std::chrono::milliseconds dt) {
    m_sinceCheck += dt;
    if (m_sinceCheck >= std::chrono::seconds(1)) {
        m_sinceCheck = {};
        // Edited hours or calendar (motcua init) show within a second, without a restart.
        if (m_session.services().reloadSettings()) requestRebuild();
        const auto issuing = m_session.services().issuing();
        if ((issuing.open ? std::string() : issuing.messageVi) != m_closedShown) requestRebuild();
    }
    KioskScreen::update(dt);
}

void WelcomeScreen::start() {
    if (m_starting) return;
    m_starting = true;
    m_session.showHome();
}

void WelcomeScreen::handleInput(const ui::InputEvent& event) {
    if (event.type == ui::InputType::Tap && m_session.noteCornerTap(event.position)) return;
    // The buttons first (the voice switch); a tap anywhere else starts.
    if (m_session.guide().handle(event, *this, lang())) return;
    if (root() && root()->dispatch(event)) return;
    if (event.type == ui::InputType::Tap) start();
}

void HomeScreen::build() {
    m_builtLandscape = landscape();
    // Portrait: "Lấy số thứ tự" across the top, the other entries under it. Landscape (a screen as short
    // as 768 px): "Lấy số thứ tự" on the left and the other entries stacked on the right, so that all
    // of them are in view without scrolling.
    // Large text on a short landscape screen (1366x768): "Lấy số thứ tự" across the top as one row
    // (pictogram beside the words), the other entries side by side under it, and the aids without
    // pictograms, so that everything stays in view.
    const bool short_ = landscape() && windowSize().height < 900 && m_session.largeText();
    auto content = std::make_unique<Box>(landscape() && !short_ ? Axis::Horizontal : Axis::Vertical, 0);
    // Why most people come, first and largest.
    auto& take = content->add(std::make_unique<Button>(
                                  t(words::kTakeNumber), [this] { m_session.showServices(); },
                                  ButtonStyle::Primary, short_ ? FontRole::Heading : FontRole::Title),
                              short_        ? 1
                              : landscape() ? 2
                                            : 3);
    take.setIcon(ui::icons::kConfirmationNumber);
    take.setSecondary(t(words::kTakeNumberHint));
    take.setMinHeight(landscape() ? 0 : 300);
    if (short_) take.setShape(ButtonShape::Row);

    auto others = std::make_unique<Box>(short_ ? Axis::Horizontal : Axis::Vertical, 0);
    // One entry for the codes citizens bring on their phones: appointments, and numbers taken online
    // when the office asks them to check in.
    const bool onlineCheckIn = m_session.services().onlineCheckInEnabled();
    const bool appointments = m_session.services().appointmentsEnabled() || onlineCheckIn;
    const bool dossier = m_session.services().hasDossierServices();
    // Landscape with more than three entries (the office takes appointments or has results services),
    // or short: each entry's label alone, so that all of them stay in view on a 768 px screen.
    const bool hints = !landscape() || (!short_ && 3 + appointments + dossier <= 3);
    auto row = [&](const Phrase& label, const Phrase& hint, char32_t icon, std::function<void()> onTap) {
        auto& b = others->add(std::make_unique<Button>(t(label), std::move(onTap), ButtonStyle::Secondary,
                                                       short_ ? FontRole::Button : FontRole::Heading),
                              landscape() ? 1 : 0);
        if (hints) b.setSecondary(t(hint));
        if (short_) return;  // side by side, the words alone: each has a third of the width
        b.setIcon(icon);
        b.setShape(ButtonShape::Row);
    };
    row(words::kBrowse, words::kBrowseHint, ui::icons::kMenuBook, [this] { m_session.showFields(); });
    row(words::kSearch, words::kSearchHint, ui::icons::kSearch, [this] { m_session.showSearch(); });
    if (appointments)
        row(onlineCheckIn ? words::kPhoneCode : words::kAppointment,
            onlineCheckIn ? words::kPhoneCodeHint : words::kAppointmentHint, ui::icons::kConfirmationNumber,
            [this] { m_session.showAppointment(); });
    if (dossier)
        row(words::kDossierEntry, words::kDossierHint, ui::icons::kFolderOpen,
            [this] { m_session.showDossier(); });
    row(words::kRate, words::kRateHint, ui::icons::kStar, [this] { m_session.showRating(); });
    content->add(std::move(others), short_ ? 1 : landscape() ? 3 : 0);

    auto language =
        aid(t(words::kOtherLanguage), ui::icons::kLanguage, [this] { m_session.toggleLanguage(); });
    auto size = aid(t(m_session.largeText() ? words::kNormalText : words::kLargeText),
                    ui::icons::kTextIncrease, [this] { m_session.toggleLargeText(); });
    auto contrast = aid(t(m_session.highContrast() ? words::kNormalContrast : words::kHighContrast),
                        ui::icons::kContrast, [this] { m_session.toggleHighContrast(); });
    auto voice = voiceSwitch(m_session, FontRole::Button);
    std::unique_ptr<ui::Widget> aids;
    if (landscape()) {
        // One row, each as wide as its label needs (the voice switch's is the longest), so that the
        // row stays one or two lines high and leaves the entries above in view on a 768 px screen.
        voice->setSecondary("");
        if (short_)
            for (Button* b : {language.get(), size.get(), contrast.get(), voice.get()}) b->setIcon(0);
        auto line = std::make_unique<Box>(Axis::Horizontal, 0);
        line->add(std::move(language), 2);
        line->add(std::move(size), short_ ? 3 : 2);
        line->add(std::move(contrast), 3);
        line->add(std::move(voice), short_ ? 5 : 3);
        aids = std::move(line);
    } else {
        auto grid = std::make_unique<ui::Grid>(2);
        grid->add(std::move(language));
        grid->add(std::move(size));
        grid->add(std::move(contrast));
        grid->add(std::move(voice));
        aids = std::move(grid);
    }

    Page page;
    page.content = std::move(content);
    page.pinned = std::move(aids);
    page.withNavigation = false;
    setRoot(makePage(std::move(page)));
}

void HomeScreen::adapt(bool isLandscape) {
    // Side by side in landscape, stacked in portrait.
    if (isLandscape != m_builtLandscape) requestRebuild();
}

}  // namespace motcua::kiosk
