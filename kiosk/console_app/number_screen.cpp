#include "kiosk/console_app/number_screen.h"

#include <fmt/format.h>

#include "kiosk/console_app/lift_limit_screen.h"
#include "kiosk/ui/box.h"
#include "kiosk/ui/button.h"
#include "kiosk/ui/label.h"
#include "kiosk/ui/scroll_view.h"

namespace motcua::console {

using namespace motcua::ui;

NumberScreen::NumberScreen(Console& console, std::string seen) : m_console(console), m_seen(std::move(seen)) {
    auto& session = m_console.session();
    const auto& view = session.view();
    auto root = std::make_unique<Box>(Axis::Vertical, 24, 12);
    root->add(std::make_unique<Label>("Số cụ thể", FontRole::Heading));
    std::string help = "Gõ số (ví dụ A012 hoặc a12) rồi chọn việc cần làm.";
    if (!view.held.empty()) {
        help += " Đang tạm giữ ở quầy:";
        for (const auto& t : view.held) help += " " + t.number;
        help += ".";
    }
    // Everything between the title and "Quay lại" scrolls when the window is short (large text).
    auto middle = std::make_unique<Box>(Axis::Vertical, 0, 12);
    middle->add(std::make_unique<Label>(help, FontRole::Small, TextAlign::Left, TextColour::Muted));
    m_input = &middle->add(std::make_unique<TextInput>("Số thứ tự", FontRole::Body));
    m_input->setMaxLength(8);
    m_input->onSubmit([this](const std::string& text) { act(m_console.session().callNumber(m_seen, text)); });
    auto row = std::make_unique<Grid>(3, 12);
    auto& call = row->add(std::make_unique<Button>(
        "Gọi số này", [this] { act(m_console.session().callNumber(m_seen, m_input->text())); },
        ButtonStyle::Primary, FontRole::Body));
    call.setSecondary("Enter");
    call.setEnabled(allowed(view, Move::CallNumber));
    row->add(std::make_unique<Button>(
                 "Hủy số này", [this] { act(m_console.session().cancel(m_input->text())); },
                 ButtonStyle::Secondary, FontRole::Body))
        .setSecondary(session.supervisor() ? "mọi số" : "số do mình xử lý hoặc chưa ai xử lý");
    row->add(std::make_unique<Button>(
                 "Đưa lại hàng chờ", [this] { act(m_console.session().reactivate(m_input->text())); },
                 ButtonStyle::Secondary, FontRole::Body))
        .setSecondary("số vắng mặt hoặc đã hủy");
    middle->add(std::move(row));
    m_message =
        &middle->add(std::make_unique<Label>("", FontRole::Body, TextAlign::Left, TextColour::Danger));
    // The citizen limits of issue 19: only a supervisor lifts them (the kiosk gives the reference).
    if (session.supervisor())
        middle
            ->add(std::make_unique<Button>(
                "Gỡ giới hạn lấy số của công dân",
                [this] { m_console.screens().push(std::make_unique<LiftLimitScreen>(m_console)); },
                ButtonStyle::Secondary, FontRole::Body))
            .setSecondary("theo mã hỗ trợ trên máy lấy số");
    root->add(std::make_unique<ScrollView>(std::move(middle)), 1);
    root->add(std::make_unique<Button>("Quay lại (Esc)", [this] { m_console.screens().pop(); }));
    setRoot(std::move(root));
}

void NumberScreen::act(const ActionResult& result) {
    m_console.tell(result);
    m_message->setText(result.ok ? std::string() : result.messageVi);
    // Done, or the counter changed under us: back to the (refreshed) work screen. A refusal that the
    // officer can correct (a mistyped number) keeps the dialog open.
    if (result.ok || result.stale) m_console.screens().pop();
}

void NumberScreen::handleInput(const InputEvent& event) {
    if (event.type == InputType::Key && event.key == Key::Escape) {
        m_console.screens().pop();
        return;
    }
    WidgetScreen::handleInput(event);
}

}  // namespace motcua::console
