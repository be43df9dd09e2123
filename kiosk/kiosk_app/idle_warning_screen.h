// Before a visit ends for lack of touches (WCAG 2.2.1, Timing Adjustable): a full screen "Ông/bà cần
// thêm thời gian?" with the seconds left counting down from kWarnFor and a big "Tiếp tục". A tap
// anywhere (voice guidance or not) keeps the visit as it was; at zero the visit ends. With voice
// guidance the question and the countdown are spoken.
#pragma once

#include <chrono>

#include "kiosk/kiosk_app/kiosk_screen.h"

namespace motcua::kiosk {

class IdleWarningScreen final : public KioskScreen {
  public:
    static constexpr std::chrono::seconds kWarnFor{20};

    explicit IdleWarningScreen(KioskSession& session);
    void handleInput(const ui::InputEvent& event) override;
    void update(std::chrono::milliseconds dt) override;
    int secondsLeft() const noexcept { return m_secondsLeft; }

  protected:
    void build() override;
    std::string spokenSummary() const override;

  private:
    void keep();
    queue::TimeMs m_deadline;
    int m_secondsLeft;
    bool m_closing = false;
    ui::Label* m_count = nullptr;
};

}  // namespace motcua::kiosk
