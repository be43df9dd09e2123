#include "kiosk/console_app/lift_limit_screen.h"

#include "kiosk/ui/box.h"
#include "kiosk/ui/button.h"

namespace motcua::console {

using namespace motcua::ui;

LiftLimitScreen::LiftLimitScreen(Console& console) : m_console(console) {
    auto root = std::make_unique<Box>(Axis::Vertical, 24, 12);
    root->add(std::make_unique<Label>("Gỡ giới hạn lấy số của công dân", FontRole::Heading));
    root->add(std::make_unique<Label>(
        "Khi máy lấy số báo \"Đã hết số hôm nay\", công dân được cho một mã hỗ trợ. Nhập mã đó và lý do: "
        "công dân được lấy thêm số trong hôm nay. Lý do được ghi vào nhật ký.",
        FontRole::Small, TextAlign::Left, TextColour::Muted));
    m_reference = &root->add(std::make_unique<TextInput>("Mã hỗ trợ", FontRole::Body));
    m_reference->setMaxLength(12);
    m_reason = &root->add(std::make_unique<TextInput>("Lý do", FontRole::Body));
    m_reason->setMaxLength(200);
    // One field takes the keys at a time: the reference first; Enter (or a tap) moves to the reason.
    m_reason->setFocused(false);
    m_reference->onSubmit([this](const std::string&) {
        m_reference->setFocused(false);
        m_reason->setFocused(true);
    });
    m_reason->onSubmit([this](const std::string&) { lift(); });
    root->add(std::make_unique<Button>(
                  "Gỡ giới hạn", [this] { lift(); }, ButtonStyle::Primary, FontRole::Body))
        .setSecondary("Enter");
    m_message = &root->add(std::make_unique<Label>("", FontRole::Body, TextAlign::Left, TextColour::Danger));
    root->add(std::make_unique<Spacer>(), 1);
    root->add(std::make_unique<Button>("Quay lại", [this] { m_console.screens().pop(); }))
        .setSecondary("Esc");
    setRoot(std::move(root));
}

void LiftLimitScreen::lift() {
    const auto result = m_console.session().liftCitizenLimit(m_reference->text(), m_reason->text());
    m_console.tell(result);
    m_message->setText(result.ok ? std::string() : result.messageVi);
    if (result.ok) {
        // Back to the work screen, which shows the notice (this dialog was opened from "Số cụ thể").
        m_console.screens().pop();
        m_console.screens().pop();
    }
}

void LiftLimitScreen::handleInput(const InputEvent& event) {
    if (event.type == InputType::Key && event.key == Key::Escape) {
        m_console.screens().pop();
        return;
    }
    if (event.type == InputType::Tap) {
        for (auto [tapped, other] : {std::pair{m_reference, m_reason}, std::pair{m_reason, m_reference}}) {
            if (tapped->bounds().contains(event.position)) {
                tapped->setFocused(true);
                other->setFocused(false);
            }
        }
    }
    WidgetScreen::handleInput(event);
}

}  // namespace motcua::console
