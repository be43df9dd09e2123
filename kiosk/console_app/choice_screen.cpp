#include "kiosk/console_app/choice_screen.h"

#include "kiosk/ui/box.h"
#include "kiosk/ui/button.h"
#include "kiosk/ui/label.h"
#include "kiosk/ui/scroll_view.h"

namespace motcua::console {

using namespace motcua::ui;

ChoiceScreen::ChoiceScreen(Console& console, std::string title, std::string explanation,
                           std::vector<Choice> choices, std::function<void(const std::string&)> onChoose)
    : m_console(console) {
    auto root = std::make_unique<Box>(Axis::Vertical, 24, 12);
    root->add(std::make_unique<Label>(std::move(title), FontRole::Heading));
    root->add(
        std::make_unique<Label>(std::move(explanation), FontRole::Small, TextAlign::Left, TextColour::Muted));
    auto grid = std::make_unique<Grid>(3, 12);
    for (auto& c : choices) {
        auto& b = grid->add(std::make_unique<Button>(
            c.label,
            [this, onChoose, value = c.value] {
                m_console.screens().pop();
                onChoose(value);
            },
            ButtonStyle::Secondary, FontRole::Body));
        b.setSecondary(c.detail);
    }
    root->add(std::make_unique<ScrollView>(std::move(grid)), 1);
    auto& back = root->add(std::make_unique<Button>("Quay lại", [this] { m_console.screens().pop(); }));
    back.setSecondary("Esc");
    setRoot(std::move(root));
}

void ChoiceScreen::handleInput(const InputEvent& event) {
    if (event.type == InputType::Key && event.key == Key::Escape) {
        m_console.screens().pop();
        return;
    }
    WidgetScreen::handleInput(event);
}

}  // namespace motcua::console
