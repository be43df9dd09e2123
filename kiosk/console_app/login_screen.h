// The first screen: the officer picks themself from the staff list, types the PIN (masked), picks or
// confirms the counter and logs in. Wrong PINs say how many attempts are left; a locked account says
// until when (local time). On success the work screen is pushed; logging out pops back here.
#pragma once

#include "kiosk/console_app/console.h"
#include "kiosk/console_app/pin_field.h"
#include "kiosk/ui/label.h"
#include "kiosk/ui/screen.h"

namespace motcua::console {

class LoginScreen final : public ui::WidgetScreen {
  public:
    explicit LoginScreen(Console& console);

    void update(std::chrono::milliseconds dt) override;
    void onShow() override;

  private:
    void rebuild();
    void loadLists();
    void submit();

    Console& m_console;
    std::vector<queue::StaffMember> m_staff;
    std::vector<queue::CounterStatus> m_counters;
    std::string m_login;
    int m_counter = 0;
    std::string m_message;
    bool m_messageIsError = false;
    bool m_dirty = true;
    bool m_listsLoaded = false;
    PinField* m_pin = nullptr;
};

}  // namespace motcua::console
