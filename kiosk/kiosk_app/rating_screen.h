// Rating a finished ticket at the kiosk: the citizen types the number from their ticket on a keypad
// (the office's prefixes and digits), the kiosk says whether it can be rated (unknown, not finished
// yet, already rated: one rating per ticket), then asks how it went on the office's scale.
#pragma once

#include <optional>
#include <string>

#include "kiosk/kiosk_app/kiosk_screen.h"
#include "kiosk/kiosk_app/kiosk_services.h"

namespace motcua::kiosk {

class RatingScreen final : public KioskScreen {
public:
    explicit RatingScreen(KioskSession& session);

protected:
    void build() override;

private:
    enum class Step { Number, Level, Thanks };
    void typeKey(const std::string& key);
    void check();
    void rate(const std::string& level);

    Step m_step = Step::Number;
    std::string m_number;
    std::optional<RateStatus> m_problem;
    std::string m_checkedNumber;
    std::vector<std::string> m_prefixes;
};

// The supervisor's way in: choose who you are, type the PIN. Wrong PINs lock it for a while.
class AdminPinScreen final : public KioskScreen {
public:
    explicit AdminPinScreen(KioskSession& session);

protected:
    void build() override;

private:
    void typeDigit(char digit);
    void submit();

    std::vector<queue::StaffMember> m_supervisors;
    std::optional<std::size_t> m_chosen;
    std::string m_pin;
    std::string m_message;
};

// Printer URI and state (paper), a test print, today's tickets whose print failed with "In lại"
// for each (once the printer works again), back to the kiosk, or exit the program.
class MaintenanceScreen final : public KioskScreen {
public:
    MaintenanceScreen(KioskSession& session, std::string supervisor);
    void onShow() override;

    const std::vector<queue::UnprintedTicket>& unprinted() const noexcept { return m_unprinted; }

protected:
    void build() override;

private:
    void reprint(queue::UnprintedTicket ticket);

    std::string m_supervisor;
    std::string m_state;
    std::string m_testResult;
    std::vector<queue::UnprintedTicket> m_unprinted;
    bool m_listed = false;
    std::string m_reprintResult;
};

}  // namespace motcua::kiosk
