#include "kiosk/kiosk_app/search_screen.h"

#include <algorithm>

#include "kiosk/kiosk_app/kiosk_services.h"
#include "kiosk/kiosk_app/result_card.h"
#include "kiosk/ui/scroll_view.h"
#include "kiosk/ui/text_input.h"
#include "kiosk/ui/vietnamese_keyboard.h"

namespace motcua::kiosk {

namespace {
constexpr std::size_t kMaxHits = 20;

ui::KeyboardLabels keyboardLabels(Language language) {
    ui::KeyboardLabels labels;
    if (language == Language::En) {
        labels.space = "Space";
        labels.backspace = "Delete";
        labels.clear = "Clear all";
        labels.telexOn = "Telex: On";
        labels.telexOff = "Telex: Off";
    }
    return labels;
}
}  // namespace

void SearchScreen::setKeyboardHidden(bool hidden) {
    if (hidden == m_keyboardHidden) return;
    m_keyboardHidden = hidden;
    requestRebuild();  // at the next layout, not inside the tap handler of the button that asked
}

void SearchScreen::update(std::chrono::milliseconds dt) {
    if (m_input) m_telex = m_input->telex();
    KioskScreen::update(dt);
    if (m_queryChanged) {
        // Results follow the text one frame later, outside the keyboard's tap handler.
        m_queryChanged = false;
        fillResults();
    }
}

void SearchScreen::handleInput(const ui::InputEvent& event) {
    // With the keys put away, a tap on the field brings them back, as on a phone.
    if (event.type == ui::InputType::Tap && m_keyboardHidden && m_input &&
        m_input->bounds().contains(event.position)) {
        setKeyboardHidden(false);
        return;
    }
    if (event.type == ui::InputType::Text) {
        m_typed.emplace_back(event.timestampMs, m_query);
        if (m_typed.size() > kTypedKept) m_typed.pop_front();
    }
    KioskScreen::handleInput(event);
}

void SearchScreen::takeBackScanned(std::int64_t sinceMs) {
    const auto first = std::find_if(m_typed.begin(), m_typed.end(),
                                    [sinceMs](const auto& typed) { return typed.first >= sinceMs; });
    if (first == m_typed.end()) return;
    m_query = first->second;
    m_typed.erase(first, m_typed.end());
    if (m_input) m_input->setText(m_query);
    m_queryChanged = true;
}

void SearchScreen::fillResults() {
    if (!m_results) return;
    m_results->clearChildren();
    const auto& services = m_session.services();
    if (!services.hasCatalogue()) {
        m_results->add(std::make_unique<Label>(t(words::kListBeingUpdated), FontRole::Heading));
        return;
    }
    m_hits =
        m_query.empty() ? std::vector<queue::SearchHit>{} : services.searchIndex().search(m_query, kMaxHits);
    if (m_query.empty()) {
        m_results->add(std::make_unique<Label>(t(words::kSearchEmpty), FontRole::Body, TextAlign::Left,
                                               TextColour::Muted));
        return;
    }
    if (m_hits.empty()) {
        m_results->add(std::make_unique<Label>(t(words::kNoResults), FontRole::Heading));
        return;
    }
    const auto& catalogue = services.catalogue();
    for (const auto& hit : m_hits) {
        const auto* p = catalogue.procedure(hit.procedureCode);
        if (!p) continue;
        const auto* field = catalogue.field(p->fieldCode);
        std::string subtitle =
            field ? (lang() == Language::En && !field->nameEn.empty() ? field->nameEn : field->name) : "";
        if (hit.why != queue::MatchSource::Name && !hit.matchedText.empty() && hit.matchedText != subtitle)
            subtitle += (subtitle.empty() ? "" : " · ") + ("“" + hit.matchedText + "”");
        if (!hit.note.empty()) subtitle += " — " + hit.note;
        m_results->add(std::make_unique<ResultCard>(
            p->name, hit.nameSpans, subtitle, [this, code = p->code] { m_session.showProcedure(code); }));
    }
}

void SearchScreen::build() {
    m_builtLandscape = landscape();
    auto input = std::make_unique<ui::TextInput>(t(words::kSearchPlaceholder));
    m_input = input.get();
    input->setText(m_query);
    input->setTelex(m_telex);
    input->setFocused(true);
    input->onChange([this](const std::string& text) {
        m_query = text;
        m_queryChanged = true;
    });
    // Landscape: five rows of keys beside the field and the results, so the keyboard is whole under
    // the header (1920x1080 in large text, 1366x768). A 768 px screen in large text has not the room
    // for them: four rows across the whole width, under the field and the results.
    const bool fourRows = m_builtLandscape && windowSize().height < 900 && m_session.largeText();
    const bool fiveRows = m_builtLandscape && !fourRows;
    auto keyboard = std::make_unique<ui::VietnameseKeyboard>(
        *m_input, keyboardLabels(lang()),
        fourRows   ? ui::KeyboardShape::FourRows
        : fiveRows ? ui::KeyboardShape::FiveRows
                   : ui::KeyboardShape::SixRows,
        fourRows ? m_session.app().theme().minTouchPx() + 4 : 0);  // 15 mm and a line of large text
    keyboard->setTelex(m_telex);
    auto results = std::make_unique<Box>(Axis::Vertical, 0);
    m_results = results.get();
    auto scroll = std::make_unique<ui::ScrollView>(std::move(results));

    // The results scroll in their own list.
    auto content = std::make_unique<Box>(Axis::Vertical, 0);
    if (fourRows) {
        // The field (one line of large text) and the results in the room above the keys, which is one
        // result high: a button beside "Quay lại" and "Trang chủ" puts the keyboard away while the
        // results are read (the whole height under the header for them) and brings it back.
        input->setCompact(true);
        scroll->setPreferredHeight(1);  // as tall as the row gives it
        if (m_keyboardHidden) {
            // The field above the results, which have the whole width.
            content->add(std::move(input));
            content->add(std::move(scroll), 1);
        } else {
            auto row = std::make_unique<Box>(Axis::Horizontal, 0);
            row->add(std::move(input), 1);
            row->add(std::move(scroll), 1);
            content->add(std::move(row), 1);
            content->add(std::move(keyboard));
        }
    } else if (fiveRows) {
        // The keyboard at the left with the whole height; the text typed above the results it finds.
        scroll->setPreferredHeight(1);  // as tall as the keyboard beside it
        auto right = std::make_unique<Box>(Axis::Vertical, 0);
        right->add(std::move(input));
        right->add(std::move(scroll), 1);
        auto row = std::make_unique<Box>(Axis::Horizontal, 0);
        row->add(std::move(keyboard), 3);  // keys of 15 mm need the width
        row->add(std::move(right), 2);
        content->add(std::move(row), 1);
    } else {
        // Portrait: the keys whole under the results, which take the height left (420 px of results
        // pushed the last row of keys out of sight in large text). In large text a card or two is all
        // that is left: the keyboard can be put away as in landscape.
        scroll->setPreferredHeight(1);
        content->add(std::move(input));
        content->add(std::move(scroll), 1);
        if (!m_keyboardHidden || !m_session.largeText()) content->add(std::move(keyboard));
    }
    // Four rows, or portrait in large text: a button beside the navigation puts the keys away and
    // brings them back.
    std::unique_ptr<Button> toggle;
    if (fourRows || (!m_builtLandscape && m_session.largeText()))
        toggle = std::make_unique<Button>(t(m_keyboardHidden ? words::kShowKeyboard : words::kHideKeyboard),
                                          [this] { setKeyboardHidden(!m_keyboardHidden); });
    Page page;
    page.title =
        m_builtLandscape ? std::string() : std::string(t(words::kSearch));  // landscape: room for the keys
    page.content = std::move(content);
    page.middleScrolls = false;  // the results scroll in their own list, the keys stay whole
    if (toggle) {
        page.pinned = std::move(toggle);
        page.pinnedBesideNavigation = true;
        page.pinnedWeight = 1;
    }
    setRoot(makePage(std::move(page)));
    fillResults();
}

void SearchScreen::adapt(bool isLandscape) {
    if (isLandscape != m_builtLandscape) build();
}

}  // namespace motcua::kiosk
