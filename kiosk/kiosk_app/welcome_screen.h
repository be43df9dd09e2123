// The first screen, and the one a visit ends on: the office's name and slogan and "Chạm vào màn
// hình để bắt đầu". A tap anywhere starts (except the supervisor's corner taps).
#pragma once

#include "kiosk/kiosk_app/kiosk_screen.h"

namespace motcua::kiosk {

class WelcomeScreen final : public KioskScreen {
public:
    explicit WelcomeScreen(KioskSession& session) : KioskScreen(session) {}
    void handleInput(const ui::InputEvent& event) override;
    void onShow() override { m_starting = false; }

protected:
    void build() override;

private:
    bool m_starting = false;  // one tap, one home screen
};

// Home: the three things a citizen came for, rating, and the reading aids (language, text size,
// contrast).
class HomeScreen final : public KioskScreen {
public:
    explicit HomeScreen(KioskSession& session) : KioskScreen(session) {}

protected:
    void build() override;
    void adapt(bool landscape) override;

private:
    ui::Box* m_rows[2] = {nullptr, nullptr};
    ui::Box* m_aids = nullptr;
};

}  // namespace motcua::kiosk
