// Taking a number: choose the service (with how many wait), say whether priority applies, confirm,
// then the ticket screen prints and shows the number. One confirmed request issues at most one
// ticket: the confirm button closes itself on the first tap, and only the ticket screen takes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/kiosk_app/kiosk_screen.h"
#include "kiosk/kiosk_app/kiosk_services.h"

namespace motcua::kiosk {

class ServicesScreen final : public KioskScreen {
public:
    explicit ServicesScreen(KioskSession& session) : KioskScreen(session) {}
    // Waiting counts change while the citizen looks; read them again when shown.
    void onShow() override;

protected:
    void build() override;
    void adapt(bool landscape) override;

private:
    std::optional<std::vector<queue::ServiceStatus>> m_services;
    bool m_loaded = false;
    ui::Box* m_list = nullptr;
};

class ConfirmScreen final : public KioskScreen {
public:
    // procedureName: the procedure the citizen came from ("" from the service list).
    ConfirmScreen(KioskSession& session, std::string serviceCode, std::string procedureName);
    void onShow() override;
    bool confirmed() const noexcept { return m_confirmed; }

protected:
    void build() override;
    void adapt(bool landscape) override;

private:
    void choose(std::optional<std::string> priority);
    void confirm();

    std::string m_serviceCode;
    std::string m_procedureName;
    std::optional<queue::ServiceStatus> m_service;
    std::vector<PriorityCategory> m_priorities;
    std::optional<std::string> m_priority;
    bool m_confirmed = false;
    ui::Button* m_confirm = nullptr;
    ui::Box* m_choices = nullptr;
};

// Shows "Đang in phiếu số…" for one frame, then takes the ticket, prints it and shows the number:
// on paper or not, the ticket is valid and its number is on the screen. When printing failed,
// "In lại phiếu" prints the same ticket again (once staff have seen to the printer) and shows the
// new outcome.
//
// Printing blocks the frame loop until the printer has taken the ticket or failed (up to about 6 s
// for a printer that hangs; "Đang in phiếu số…" stays on the screen meanwhile). Taps made during
// that wait are dropped rather than landing on the buttons that appear afterwards.
class TicketScreen final : public KioskScreen {
public:
    TicketScreen(KioskSession& session, std::string serviceCode, std::optional<std::string> priority);
    void handleInput(const ui::InputEvent& event) override;
    void update(std::chrono::milliseconds dt) override;

    const std::optional<queue::IssuedTicket>& issued() const noexcept { return m_issued; }
    const std::optional<PrintReport>& printReport() const noexcept { return m_print; }

protected:
    void build() override;
    void adapt(bool landscape) override;

private:
    enum class Phase { Waiting, Shown, Finished, ReprintWaiting, ReprintShown };
    void takeAndPrint();
    void reprint();
    bool printing() const noexcept { return m_phase != Phase::Finished; }

    std::string m_serviceCode;
    std::optional<std::string> m_priority;
    Phase m_phase = Phase::Waiting;
    std::optional<queue::IssuedTicket> m_issued;
    std::optional<TakeStatus> m_failure;
    std::optional<PrintReport> m_print;
    int m_reprints = 0;
    bool m_dropInput = false;  // until the frame after a print
    ui::Box* m_columns = nullptr;
};

}  // namespace motcua::kiosk
