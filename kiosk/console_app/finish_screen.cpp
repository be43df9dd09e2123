#include "kiosk/console_app/finish_screen.h"

#include <fmt/format.h>

#include <algorithm>

#include "kiosk/ui/button.h"
#include "kiosk/ui/label.h"
#include "kiosk/ui/scroll_view.h"

namespace motcua::console {

using namespace motcua::ui;

FinishScreen::FinishScreen(Console& console, std::string seen, const std::string& dossierCode)
    : m_console(console), m_seen(std::move(seen)) {
    auto root = std::make_unique<Box>(Axis::Vertical, 20, 10);
    root->add(std::make_unique<Label>(fmt::format("Hoàn thành số {}", m_seen), FontRole::Heading));
    auto columns = std::make_unique<Box>(Axis::Horizontal, 0, 24);

    auto left = std::make_unique<Box>(Axis::Vertical, 0, 8);
    left->add(std::make_unique<Label>("Thủ tục đã giải quyết (gõ để tìm, bấm để chọn)", FontRole::Small,
                                      TextAlign::Left, TextColour::Primary));
    m_search = &left->add(std::make_unique<TextInput>("Tên thủ tục, ví dụ: khai sinh", FontRole::Body));
    m_search->onChange([this](const std::string&) { m_dirty = true; });
    auto hits = std::make_unique<Grid>(1, 6);
    m_hits = hits.get();
    left->add(std::make_unique<ScrollView>(std::move(hits)), 1);
    columns->add(std::move(left), 3);

    // The outcome first (one is always chosen; the procedures chosen on the left are repeated below
    // it), so that it is in view without scrolling at every size the console has.
    auto right = std::make_unique<Box>(Axis::Vertical, 0, 8);
    right->add(std::make_unique<Label>("Kết quả", FontRole::Small, TextAlign::Left, TextColour::Primary));
    // Two columns where the outcomes fit them in one line each, else one (large text below full HD).
    m_outcomes = &right->add(std::make_unique<Grid>(2, 8));
    m_outcomes->setFewerColumnsOverWrapping(true);
    right->add(std::make_unique<Label>("Đã chọn", FontRole::Small, TextAlign::Left, TextColour::Primary));
    m_chosen = &right->add(std::make_unique<Grid>(1, 6));
    right->add(std::make_unique<Label>("Mã hồ sơ trên hệ thống một cửa điện tử (nếu có)", FontRole::Small,
                                       TextAlign::Left, TextColour::Primary));
    m_dossier = &right->add(std::make_unique<TextInput>("Không bắt buộc", FontRole::Body));
    m_dossier->setMaxLength(64);
    m_dossier->setText(dossierCode);
    m_dossier->setFocused(false);
    right->add(std::make_unique<Spacer>(), 1);
    // Scrolls when the window is short (large text): the footer's buttons stay where they are.
    columns->add(std::make_unique<ScrollView>(std::move(right)), 2);
    root->add(std::move(columns), 1);

    auto buttons = std::make_unique<Grid>(2, 12);
    // The keys beside the labels: one line in body text, as the work screen's moves, so that the
    // footer stays low (in large text at 1024x768 the button font wrapped "Lưu và hoàn thành (F4)"
    // onto two lines and the footer took the room of an outcome). "Hoàn thành (F4)" as on the work
    // screen: the same key, and the title says which number.
    buttons->add(std::make_unique<Button>(
        "Quay lại (Esc)", [this] { m_console.screens().pop(); }, ButtonStyle::Secondary, FontRole::Body));
    buttons->add(std::make_unique<Button>(
        "Hoàn thành (F4)", [this] { save(); }, ButtonStyle::Primary, FontRole::Body));
    root->add(std::move(buttons));
    setRoot(std::move(root));
}

void FinishScreen::focus(TextInput* input) {
    m_search->setFocused(input == m_search);
    m_dossier->setFocused(input == m_dossier);
}

void FinishScreen::handleInput(const InputEvent& event) {
    if (event.type == InputType::Key) {
        if (event.key == Key::Escape) {
            m_console.screens().pop();
            return;
        }
        if (event.key == Key::F4) {
            save();
            return;
        }
        if (event.key == Key::Tab) {
            focus(m_search->focused() ? m_dossier : m_search);
            return;
        }
    }
    if (event.type == InputType::Tap) {
        if (m_search->bounds().contains(event.position)) focus(m_search);
        if (m_dossier->bounds().contains(event.position)) focus(m_dossier);
    }
    WidgetScreen::handleInput(event);
}

void FinishScreen::update(std::chrono::milliseconds dt) {
    if (m_dirty) refill();
    WidgetScreen::update(dt);
}

void FinishScreen::refill() {
    m_dirty = false;
    const auto& catalogue = m_console.catalogue();
    m_hits->clearChildren();
    if (catalogue.procedures().empty()) {
        m_hits->add(std::make_unique<Label>("Danh mục thủ tục chưa được nạp (motcua catalogue import).",
                                            FontRole::Small, TextAlign::Left, TextColour::Muted));
    } else {
        std::vector<const queue::Procedure*> shown;
        if (m_search->text().find_first_not_of(' ') == std::string::npos) {
            shown = offered();
        } else {
            for (const auto& hit : m_console.search().search(m_search->text(), kMaxHits)) {
                if (const auto* p = catalogue.procedure(hit.procedureCode)) shown.push_back(p);
            }
        }
        for (const auto* p : shown) {
            const bool chosen = std::find(m_detail.procedures.begin(), m_detail.procedures.end(), p->code) !=
                                m_detail.procedures.end();
            auto& b = m_hits->add(std::make_unique<Button>(
                p->name,
                [this, code = p->code] {
                    if (std::find(m_detail.procedures.begin(), m_detail.procedures.end(), code) ==
                        m_detail.procedures.end())
                        m_detail.procedures.push_back(code);
                    m_dirty = true;
                },
                chosen ? ButtonStyle::Primary : ButtonStyle::Secondary, FontRole::Small));
            b.setSecondary(chosen ? "đã chọn" : p->code);
        }
    }
    m_chosen->clearChildren();
    for (const auto& code : m_detail.procedures) {
        const auto* p = catalogue.procedure(code);
        auto& b = m_chosen->add(std::make_unique<Button>(
            p ? p->name : code,
            [this, code] {
                std::erase(m_detail.procedures, code);
                m_dirty = true;
            },
            ButtonStyle::Secondary, FontRole::Small));
        b.setSecondary("bấm để bỏ chọn");
    }
    if (m_detail.procedures.empty())
        m_chosen->add(std::make_unique<Label>("Chưa chọn thủ tục nào.", FontRole::Small, TextAlign::Left,
                                              TextColour::Muted));
    m_outcomes->clearChildren();
    for (const char* code : queue::kFinishOutcomes) {
        m_outcomes->add(std::make_unique<Button>(
            finishOutcomeVi(code),
            [this, c = std::string(code)] {
                m_detail.outcome = m_detail.outcome == c ? std::string() : c;
                m_dirty = true;
            },
            m_detail.outcome == code ? ButtonStyle::Primary : ButtonStyle::Secondary, FontRole::Small));
    }
}

std::vector<const queue::Procedure*> FinishScreen::offered() const {
    std::vector<const queue::Procedure*> out;
    const auto& current = m_console.session().view().current;
    if (!current || current->ticket.number != m_seen) return out;
    const auto& catalogue = m_console.catalogue();
    for (const auto& f : catalogue.fields()) {
        if (f.serviceCode != current->ticket.currentServiceCode) continue;
        for (const auto* p : catalogue.proceduresOf(f.code)) {
            if (out.size() == kMaxOffered) return out;
            out.push_back(p);
        }
    }
    return out;
}

void FinishScreen::save() {
    m_detail.dossierCode = m_dossier->text();
    const auto result = m_console.session().finish(m_seen, m_detail);
    m_console.tell(result);
    if (result.ok || result.stale) m_console.screens().pop();
}

}  // namespace motcua::console
