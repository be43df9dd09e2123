// "Gọi số cụ thể": the officer types a number (A12, a012...) and calls it (a waiting ticket out of
// order, or a held one back), cancels it, or puts a no-show or cancelled ticket back in the queue.
// Cancel and reactivate of a ticket another officer handled are refused unless the officer is a
// supervisor (the queue enforces it; this screen says so).
#pragma once

#include "kiosk/console_app/console.h"
#include "kiosk/ui/label.h"
#include "kiosk/ui/screen.h"
#include "kiosk/ui/text_input.h"

namespace motcua::console {

class NumberScreen final : public ui::WidgetScreen {
  public:
    // seen: the counter's current ticket as the work screen showed it ("" for none).
    NumberScreen(Console& console, std::string seen);

    void handleInput(const ui::InputEvent& event) override;

  private:
    void act(const ActionResult& result);

    Console& m_console;
    std::string m_seen;
    ui::TextInput* m_input = nullptr;
    ui::Label* m_message = nullptr;
};

}  // namespace motcua::console
