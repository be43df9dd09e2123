// "Gỡ giới hạn lấy số": a supervisor lifts a citizen's per-citizen limits for the rest of the day.
// The kiosk's "đã hết số hôm nay" screen shows the citizen a reference (mã hỗ trợ); the supervisor
// types it and the reason, which the event log keeps (limit_lifted). Nothing personal is shown or
// typed: the reference names the kiosk's refusal, not the citizen.
#pragma once

#include "kiosk/console_app/console.h"
#include "kiosk/ui/label.h"
#include "kiosk/ui/screen.h"
#include "kiosk/ui/text_input.h"

namespace motcua::console {

class LiftLimitScreen final : public ui::WidgetScreen {
  public:
    explicit LiftLimitScreen(Console& console);

    void handleInput(const ui::InputEvent& event) override;

  private:
    void lift();

    Console& m_console;
    ui::TextInput* m_reference = nullptr;
    ui::TextInput* m_reason = nullptr;
    ui::Label* m_message = nullptr;
};

}  // namespace motcua::console
