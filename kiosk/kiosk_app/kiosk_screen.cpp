#include "kiosk/kiosk_app/kiosk_screen.h"

#include "kiosk/kiosk_app/kiosk_header.h"
#include "kiosk/kiosk_app/kiosk_services.h"
#include "kiosk/kiosk_app/step_indicator.h"
#include "kiosk/ui/card.h"
#include "kiosk/ui/icon_view.h"
#include "kiosk/ui/scroll_view.h"

namespace motcua::kiosk {

std::unique_ptr<ui::Widget> keyPad(const std::vector<std::string>& keys, int columns,
                                   const std::function<void(const std::string&)>& onKey) {
    auto pad = std::make_unique<ui::Grid>(columns);
    for (const auto& key : keys)
        pad->add(std::make_unique<Button>(
            key, [onKey, key] { onKey(key); }, ButtonStyle::Secondary, FontRole::Heading));
    return pad;
}

std::unique_ptr<ui::Widget> closedCard(const queue::IssuingState& state, Language language,
                                       bool withEnglish) {
    const bool en = language == Language::En;
    auto text = std::make_unique<Box>(Axis::Vertical, 0);
    text->add(std::make_unique<Label>(en ? state.messageEn : state.messageVi, FontRole::Heading,
                                      TextAlign::Left, TextColour::OnNotice));
    if (withEnglish && !en)
        text->add(
            std::make_unique<Label>(state.messageEn, FontRole::Body, TextAlign::Left, TextColour::OnNotice));
    auto row = std::make_unique<Box>(Axis::Horizontal, 0);
    row->add(std::make_unique<ui::IconView>(ui::icons::kSchedule, FontRole::Title, TextColour::OnNotice));
    row->add(std::move(text), 1);
    return std::make_unique<ui::Card>(ui::CardStyle::Notice, std::move(row));
}

void KioskScreen::ensureBuilt() {
    if (!m_rebuild && m_builtGeneration == m_session.generation() && root()) return;
    if (root()) m_changedPending = true;
    m_rebuild = false;
    m_header = nullptr;
    m_middle = nullptr;
    build();
    m_builtGeneration = m_session.generation();
    refreshClock();
}

void KioskScreen::refreshClock() {
    if (!m_header) return;
    auto& services = m_session.services();
    const auto now = services.clock().now();
    m_header->setTime(services.queue().calendar().clockText(now),
                      dateText(services.queue().calendar(), now, lang()));
}

void KioskScreen::layout(const ui::LayoutContext& context, ui::Size size) {
    m_landscape = size.width > size.height;
    m_windowSize = size;
    ensureBuilt();
    adapt(m_landscape);
    ensureBuilt();  // adapt may ask for another orientation's tree
    ui::WidgetScreen::layout(context, size);
    // Read aloud what a person now sees (voice guidance), once it is laid out.
    if (m_shownPending)
        m_session.guide().screenShown(*this, spokenSummary(), lang());
    else if (m_changedPending)
        m_session.guide().screenChanged(*this, spokenSummary(), lang());
    m_shownPending = m_changedPending = false;
}

void KioskScreen::handleInput(const ui::InputEvent& event) {
    if (event.type == ui::InputType::Tap && m_session.noteCornerTap(event.position)) return;
    if (m_session.guide().handle(event, *this, lang())) return;
    ui::WidgetScreen::handleInput(event);
}

void KioskScreen::update(std::chrono::milliseconds dt) {
    // A language change rebuilds here, between frames, never while a widget is handling input.
    ensureBuilt();
    refreshClock();
    ui::WidgetScreen::update(dt);
}

std::unique_ptr<ui::Widget> KioskScreen::withHeader(std::unique_ptr<ui::Widget> root) {
    auto frame = std::make_unique<Box>(Axis::Vertical, 0, 0);
    auto& services = m_session.services();
    m_header = &frame->add(
        std::make_unique<KioskHeader>(services.office("name"), services.office("unit"), m_session.logo()));
    frame->add(std::move(root), 1);
    return frame;
}

std::unique_ptr<ui::Widget> KioskScreen::makePage(const std::string& title,
                                                  std::unique_ptr<ui::Widget> content, bool withBack,
                                                  const std::string& subtitle) {
    Page page;
    page.title = title;
    page.subtitle = subtitle;
    page.content = std::move(content);
    page.withBack = withBack;
    return makePage(std::move(page));
}

std::unique_ptr<ui::Widget> KioskScreen::makePage(Page page) {
    auto body = std::make_unique<Box>(Axis::Vertical, Box::kThemed);
    if (page.step > 0) {
        body->add(std::make_unique<StepIndicator>(
            std::vector<std::string>{t(words::kStepService), t(words::kStepPriority), t(words::kStepTicket)},
            page.step));
    }
    auto title = std::make_unique<Label>(page.title, FontRole::Title, TextAlign::Left, TextColour::Primary);
    std::unique_ptr<Label> subtitle;
    if (!page.subtitle.empty())
        subtitle = std::make_unique<Label>(page.subtitle, FontRole::Body, TextAlign::Left, TextColour::Muted);
    std::unique_ptr<ui::Widget> middle = std::move(page.content);
    if (page.titleScrolls) {
        // Long titles (a procedure's name) are read once, then make room for the page.
        auto top = std::make_unique<Box>(Axis::Vertical, 0);
        top->add(std::move(title));
        if (subtitle) top->add(std::move(subtitle));
        top->add(std::move(middle), 1);
        middle = std::move(top);
    } else {
        if (!page.title.empty()) body->add(std::move(title));
        if (subtitle) body->add(std::move(subtitle));
    }
    if (page.middleScrolls) {
        auto scroll = std::make_unique<ui::ScrollView>(std::move(middle));
        m_middle = scroll.get();
        body->add(std::move(scroll), 1);
    } else {
        body->add(std::move(middle), 1);
    }
    const bool pinnedInNavigation =
        page.pinned && page.pinnedBesideNavigation && page.withNavigation && m_landscape;
    if (page.pinned && !pinnedInNavigation) body->add(std::move(page.pinned));
    if (m_session.voiceGuidance()) {
        // For whoever helps: repeat, stop, louder (voice guidance's own gestures do the same).
        auto bar = std::make_unique<ui::Grid>(3);
        auto& again = bar->add(
            std::make_unique<Button>(t(words::kVoiceRepeat), [this] { m_session.guide().repeat(); }));
        again.setIcon(ui::icons::kReplay);
        again.setShape(ButtonShape::Inline);
        auto& quiet =
            bar->add(std::make_unique<Button>(t(words::kVoiceStop), [this] { m_session.guide().stop(); }));
        quiet.setIcon(ui::icons::kStop);
        quiet.setShape(ButtonShape::Inline);
        const int step = static_cast<int>(m_session.guide().volume() * 2) - 1;  // 1, 2, 3
        auto& loud = bar->add(
            std::make_unique<Button>(say(words::kVoiceVolume, lang(), std::to_string(step) + "/3"), [this] {
                m_session.guide().louder();
                requestRebuild();
            }));
        loud.setIcon(ui::icons::kVolumeUp);
        loud.setShape(ButtonShape::Inline);
        body->add(std::move(bar));
    }
    if (page.withNavigation) {
        auto nav = std::make_unique<Box>(Axis::Horizontal, 0);
        if (page.withBack) {
            auto& back = nav->add(std::make_unique<Button>(t(words::kBack), [this] { m_session.back(); }), 1);
            back.setIcon(ui::icons::kArrowBack);
            back.setShape(ButtonShape::Inline);
        }
        auto& home = nav->add(std::make_unique<Button>(t(words::kHome), [this] { m_session.home(); }), 1);
        home.setIcon(ui::icons::kHome);
        home.setShape(ButtonShape::Inline);
        if (pinnedInNavigation) nav->add(std::move(page.pinned), page.pinnedWeight);
        body->add(std::move(nav));
    }
    return withHeader(std::move(body));
}

}  // namespace motcua::kiosk
