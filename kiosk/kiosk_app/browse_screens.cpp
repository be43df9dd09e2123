#include "kiosk/kiosk_app/browse_screens.h"

#include <algorithm>

#include "kiosk/kiosk_app/kiosk_services.h"
#include "kiosk/kiosk_app/procedure_page.h"
#include "kiosk/kiosk_app/result_card.h"
#include "kiosk/ui/card.h"
#include "kiosk/ui/scroll_view.h"

namespace motcua::kiosk {

namespace {

constexpr int kMaxPages = 999;
constexpr int kMaxCopies = 99;

std::string fieldName(const queue::Field& f, Language language) {
    return language == Language::En && !f.nameEn.empty() ? f.nameEn : f.name;
}

// "Đang cập nhật" in the citizen's language when the catalogue has nothing or says so itself.
std::string orUpdating(const std::string& text, Language language) {
    if (text.empty() || text == queue::kBeingUpdated) return words::kBeingUpdated.pick(language);
    return text;
}

std::unique_ptr<Label> heading(const std::string& text) {
    return std::make_unique<Label>(text, FontRole::Heading, TextAlign::Left, TextColour::Primary);
}

std::unique_ptr<Label> body(const std::string& text, TextColour colour = TextColour::Normal) {
    return std::make_unique<Label>(text, FontRole::Body, TextAlign::Left, colour);
}

std::unique_ptr<Box> updatingNotice(KioskSession& session) {
    auto box = std::make_unique<Box>(Axis::Vertical, 0);
    box->add(std::make_unique<Label>(words::kListBeingUpdated.pick(session.language()), FontRole::Heading));
    box->add(std::make_unique<Button>(
        words::kTakeNumber.pick(session.language()), [&session] { session.showServices(); },
        ButtonStyle::Primary, FontRole::Title));
    return box;
}

}  // namespace

void FieldsScreen::build() {
    const auto& catalogue = m_session.services().catalogue();
    m_builtLandscape = landscape();
    if (!m_session.services().hasCatalogue()) {
        setRoot(makePage(t(words::kFields), updatingNotice(m_session)));
        return;
    }
    // Rows with a chevron: three columns in landscape (every field in view), one in portrait.
    auto list = std::make_unique<ui::Grid>(landscape() ? 3 : 1);
    for (const auto& field : catalogue.fields()) {
        const auto count = catalogue.proceduresOf(field.code).size();
        auto& b = list->add(std::make_unique<Button>(
            fieldName(field, lang()), [this, code = field.code] { m_session.showProcedures(code); }));
        b.setSecondary(count == 0 ? t(words::kBeingUpdated) : say(words::kProcedureCount, lang(), count));
        b.setShape(ButtonShape::Row);
    }
    setRoot(makePage(t(words::kFields), std::move(list)));
}

void FieldsScreen::adapt(bool isLandscape) {
    if (isLandscape != m_builtLandscape) requestRebuild();
}

void ProceduresScreen::build() {
    const auto& catalogue = m_session.services().catalogue();
    const auto* field = catalogue.field(m_fieldCode);
    m_builtLandscape = landscape();
    auto content = std::make_unique<Box>(Axis::Vertical, 0);
    if (!field) {
        setRoot(makePage(t(words::kFields), updatingNotice(m_session)));
        return;
    }
    if (!field->note.empty()) content->add(body(field->note, TextColour::Muted));
    auto list = std::make_unique<ui::Grid>(landscape() ? 2 : 1);
    const auto procedures = catalogue.proceduresOf(m_fieldCode);
    for (const auto* p : procedures) {
        auto& b = list->add(
            std::make_unique<Button>(p->name, [this, code = p->code] { m_session.showProcedure(code); }));
        b.setSecondary(orUpdating(p->processingTime, lang()));
        b.setShape(ButtonShape::Row);
    }
    if (procedures.empty()) content->add(std::make_unique<Label>(t(words::kBeingUpdated), FontRole::Heading));
    content->add(std::move(list));
    Page page;
    page.title = fieldName(*field, lang());
    page.content = std::move(content);
    if (!field->serviceCode.empty()) {
        auto take = std::make_unique<Button>(
            t(words::kTakeNumber), [this, code = field->serviceCode] { m_session.showConfirm(code); },
            ButtonStyle::Primary);
        take->setIcon(ui::icons::kConfirmationNumber);
        take->setShape(ButtonShape::Inline);
        page.pinned = std::move(take);
    }
    setRoot(makePage(std::move(page)));
}

void ProceduresScreen::adapt(bool isLandscape) {
    if (isLandscape != m_builtLandscape) requestRebuild();
}

ProcedureScreen::ProcedureScreen(KioskSession& session, std::string procedureCode)
    : KioskScreen(session), m_code(std::move(procedureCode)) {
    m_procedure = m_session.services().catalogue().procedure(m_code);
}

std::string ProcedureScreen::amountText() const {
    if (!m_procedure) return {};
    const auto fee = queue::feeFor(m_procedure->feeRule, m_pages, m_copies);
    return fee ? formatDong(*fee) : std::string(t(words::kBeingUpdated));
}

void ProcedureScreen::changePages(int by) {
    m_pages = std::clamp(m_pages + by, 1, kMaxPages);
    refreshCalculator();
}

void ProcedureScreen::changeCopies(int by) {
    m_copies = std::clamp(m_copies + by, 1, kMaxCopies);
    refreshCalculator();
}

void ProcedureScreen::refreshCalculator() {
    if (m_pagesLabel) m_pagesLabel->setText(std::to_string(m_pages));
    if (m_copiesLabel) m_copiesLabel->setText(std::to_string(m_copies));
    if (m_amountLabel) m_amountLabel->setText(say(words::kAmount, lang(), amountText()));
}

void ProcedureScreen::build() {
    auto& services = m_session.services();
    const auto* p = m_procedure;
    if (!p) {
        setRoot(makePage(t(words::kBrowse), updatingNotice(m_session)));
        return;
    }
    const auto* field = services.catalogue().field(p->fieldCode);
    const Language l = lang();
    auto page = std::make_unique<Box>(Axis::Vertical, 0);

    m_pagesLabel = m_copiesLabel = m_amountLabel = nullptr;
    if (p->feeRule.kind != queue::FeeRule::Kind::None) {
        // The calculator is part of the page, at its top behind a button: the page is for reading, and
        // whoever came for the fee finds it at once. A flat fee is counted per case; a per-page fee by
        // pages and copies.
        if (!m_calculatorOpen) {
            auto& open = page->add(std::make_unique<Button>(t(words::kFeeCalculator), [this] {
                m_calculatorOpen = true;
                requestRebuild();
            }));
            open.setIcon(ui::icons::kCalculate);
            open.setShape(ButtonShape::Row);
        } else {
            auto calc = std::make_unique<Box>(Axis::Vertical, 0);
            calc->add(std::make_unique<Label>(t(words::kFeeCalculator), FontRole::Button));
            auto stepper = [&](const Phrase& what, const std::string& minus, const std::string& plus,
                               int value, std::function<void(int)> change, ui::Label*& valueLabel) {
                calc->add(body(t(what)));
                auto row = std::make_unique<Box>(Axis::Horizontal, 0);
                // Siblings the same size: the two buttons share the row equally around the value.
                row->add(std::make_unique<Button>(minus, [change] { change(-1); }), 2);
                valueLabel = &row->add(
                    std::make_unique<Label>(std::to_string(value), FontRole::Title, TextAlign::Center), 1);
                row->add(std::make_unique<Button>(plus, [change] { change(+1); }), 2);
                calc->add(std::move(row));
            };
            const bool en = l == Language::En;
            if (p->feeRule.kind == queue::FeeRule::Kind::PerPage) {
                stepper(
                    words::kPages, en ? "1 page less" : "Bớt 1 trang", en ? "1 page more" : "Thêm 1 trang",
                    m_pages, [this](int by) { changePages(by); }, m_pagesLabel);
                stepper(
                    words::kCopies, en ? "1 copy less" : "Bớt 1 bản", en ? "1 copy more" : "Thêm 1 bản",
                    m_copies, [this](int by) { changeCopies(by); }, m_copiesLabel);
            } else {
                stepper(
                    words::kCases, en ? "1 case less" : "Bớt 1 trường hợp",
                    en ? "1 case more" : "Thêm 1 trường hợp", m_copies, [this](int by) { changeCopies(by); },
                    m_copiesLabel);
            }
            m_amountLabel = &calc->add(std::make_unique<Label>(
                say(words::kAmount, l, amountText()), FontRole::Title, TextAlign::Left, TextColour::Primary));
            page->add(std::make_unique<ui::Card>(ui::CardStyle::Surface, std::move(calc)));
        }
    }

    // What the page says comes from procedurePage(); here it is only laid out.
    const PageContext context{services.office("unit"), services.office("online_portal")};
    int step = 0;
    for (const auto& line : procedurePage(*p, context, l)) {
        switch (line.kind) {
            case PageLineKind::Badge:
                page->add(std::make_unique<Label>(line.text, FontRole::Button, TextAlign::Left,
                                                  TextColour::Danger));
                break;
            case PageLineKind::Checked:
                page->add(body(line.text, TextColour::Muted));
                break;
            case PageLineKind::Heading:
                step = 0;
                page->add(heading(line.text));
                break;
            case PageLineKind::Step:
                page->add(body(std::to_string(++step) + ". " + line.text));
                break;
            case PageLineKind::Document:
                page->add(body("• " + line.text));
                break;
            case PageLineKind::Text:
                page->add(body(line.text));
                break;
            case PageLineKind::Detail:
                page->add(body("   " + line.text, TextColour::Muted));
                break;
            case PageLineKind::Link: {
                auto& qr = page->add(std::make_unique<QrView>(line.text, 330));
                if (!qr.valid()) qr.setVisible(false);
                page->add(std::make_unique<Label>(line.text, FontRole::Button, TextAlign::Left,
                                                  TextColour::Primary));
                break;
            }
        }
    }
    page->add(std::make_unique<ui::Spacer>(40));

    Page frame;
    // The long name is read once at the top, then scrolls away with the page.
    frame.title = p->name;
    frame.subtitle = field ? fieldName(*field, l) : std::string{};
    frame.titleScrolls = true;
    frame.content = std::move(page);
    if (field && !field->serviceCode.empty()) {
        auto take = std::make_unique<Button>(
            t(words::kTakeNumberForThis),
            [this, service = field->serviceCode, name = p->name] { m_session.showConfirm(service, name); },
            ButtonStyle::Primary);
        take->setIcon(ui::icons::kConfirmationNumber);
        take->setShape(ButtonShape::Inline);
        frame.pinned = std::move(take);
    }
    setRoot(makePage(std::move(frame)));
    m_scroll = middle();
}

}  // namespace motcua::kiosk
