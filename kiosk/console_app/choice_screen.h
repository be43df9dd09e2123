// A dialog over the work screen: a title, a line of explanation, one big button per choice and
// "Quay lại" (Escape). Choosing calls onChoose with the choice's value, then closes the dialog.
#pragma once

#include <functional>

#include "kiosk/console_app/console.h"
#include "kiosk/ui/screen.h"

namespace motcua::console {

struct Choice {
    std::string label;
    std::string value;
    std::string detail;  // a smaller second line, or ""
};

class ChoiceScreen final : public ui::WidgetScreen {
  public:
    ChoiceScreen(Console& console, std::string title, std::string explanation, std::vector<Choice> choices,
                 std::function<void(const std::string&)> onChoose);

    void handleInput(const ui::InputEvent& event) override;

  private:
    Console& m_console;
};

}  // namespace motcua::console
