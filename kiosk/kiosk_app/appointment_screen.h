// "Tôi đã đặt lịch": the citizen types the appointment code from their phone on a keypad of the
// code's alphabet, or holds its QR to the scanner (which types the code and Enter into this screen);
// the ticket screen then checks it in (QueueService::checkInCode) and prints the number. Shown on the
// home screen when the office takes appointments ([appointments] enabled), and as "Tôi có mã trên
// điện thoại" when numbers taken online are checked in too ([web] online_checkin_minutes): the
// same code's shape, the phone page's code of a number taken online (printed again, same number).
#pragma once

#include <string>

#include "kiosk/kiosk_app/kiosk_screen.h"

namespace motcua::kiosk {

class AppointmentScreen final : public KioskScreen {
  public:
    explicit AppointmentScreen(KioskSession& session) : KioskScreen(session) {}
    void handleInput(const ui::InputEvent& event) override;
    const std::string& code() const noexcept { return m_code; }

  protected:
    void build() override;
    void adapt(bool landscape) override;

  private:
    void typeKey(const std::string& key);
    void submit();

    std::string m_code;  // letters and digits typed, without the dash
    bool m_badCode = false;
    bool m_builtLandscape = false;
};

}  // namespace motcua::kiosk
