// The first screen, and the one a visit ends on: the office's name and slogan, "Chạm vào màn hình để
// bắt đầu", and the voice guidance switch. A tap anywhere else starts (except the supervisor's corner
// taps).
#pragma once

#include "kiosk/kiosk_app/kiosk_screen.h"

namespace motcua::kiosk {

class WelcomeScreen final : public KioskScreen {
  public:
    explicit WelcomeScreen(KioskSession& session) : KioskScreen(session) {}
    void handleInput(const ui::InputEvent& event) override;
    // Rebuilds when the issuing hours open or close (checked about once a second).
    void update(std::chrono::milliseconds dt) override;
    void onShow() override {
        m_starting = false;
        KioskScreen::onShow();
    }

  protected:
    void build() override;
    void adapt(bool isLandscape) override {
        if (isLandscape != m_builtLandscape) requestRebuild();
    }

  private:
    void start();
    bool m_builtLandscape = false;
    bool m_starting = false;    // one tap, one home screen
    std::string m_closedShown;  // the closed message the page shows ("" while numbers are issued)
    std::chrono::milliseconds m_sinceCheck{0};
};

// Home: "Lấy số thứ tự" first and largest, then looking up, search and rating as rows, and the reading
// aids (language, text size, contrast, voice guidance).
class HomeScreen final : public KioskScreen {
  public:
    explicit HomeScreen(KioskSession& session) : KioskScreen(session) {}

  protected:
    void build() override;
    void adapt(bool landscape) override;

  private:
    bool m_builtLandscape = false;
};

}  // namespace motcua::kiosk
