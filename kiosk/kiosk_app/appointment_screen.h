// "Tôi đã đặt lịch": the citizen types the appointment code from their phone on a keypad of the
// code's alphabet, or holds its QR to the scanner (which types the code and Enter into this screen);
// the ticket screen then checks it in (QueueService::checkIn) and prints the number. Shown on the
// home screen when the office takes appointments ([appointments] enabled).
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
