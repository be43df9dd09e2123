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
    void update(std::chrono::milliseconds dt) override;

  private:
    std::optional<std::vector<queue::ServiceStatus>> m_services;
    bool m_loaded = false;
    bool m_builtLandscape = false;
    std::string m_closedShown;  // what was closed at the last build (the office's message, service codes)
    std::chrono::milliseconds m_sinceCheck{0};
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
    bool m_priorityFromCard = false;  // the card's birth date chose the elderly priority
    bool m_confirmed = false;
    ui::Button* m_confirm = nullptr;
    ui::Box* m_choices = nullptr;
    bool m_builtLandscape = false;
};

// Shows "Đang in phiếu số…" for one frame, takes the ticket, shows its number at once and hands it
// to the printer (KioskServices::startPrint): on paper or not, the ticket is valid and its number is
// on the screen. While the printer works the screen keeps drawing (a spinner) and answering taps:
// "Xong" ends the visit, and the print finishes and is recorded all the same. The outcome arrives
// as the printer thread's event: "Mời ông/bà nhận phiếu…", the fault and "In lại phiếu" (which prints
// the same ticket again, once staff have seen to the printer), or, when the printer may have printed
// it before failing, "có thể đã in": look in the slot, staff are told, no "In lại phiếu" (staff
// reprint from maintenance once they know it did not come out).
// The code of an appointment to check in (AppointmentScreen) instead of a service to take.
struct CheckInCode {
    std::string code;
};
// A number of a results or supplement service, taken with the dossier's code (dossier_screen.h).
struct DossierTake {
    std::string serviceCode;
    std::string dossierCode;
};

class TicketScreen final : public KioskScreen {
  public:
    TicketScreen(KioskSession& session, std::string serviceCode, std::optional<std::string> priority);
    // Checks the appointment in (KioskServices::checkIn) and prints its number like any other.
    TicketScreen(KioskSession& session, CheckInCode appointment);
    TicketScreen(KioskSession& session, DossierTake dossier);
    void update(std::chrono::milliseconds dt) override;

    const std::optional<queue::IssuedTicket>& issued() const noexcept { return m_issued; }
    const std::optional<PrintReport>& printReport() const noexcept { return m_print; }
    // Whether a print of this screen's ticket is on its way (the spinner is up).
    bool printing() const noexcept { return m_phase == Phase::Printing; }

  protected:
    void build() override;
    void adapt(bool landscape) override;
    std::string spokenSummary() const override;

  private:
    // Unsettled: the server went while the take was on its way; waiting until it answers whether
    // the take issued a number (KioskServices::settleTake).
    enum class Phase { Taking, Unsettled, Printing, Finished };
    void takeAndPrint();
    void settle();
    void issuedNow(queue::IssuedTicket issued);
    void startPrint(bool again);

    std::string m_serviceCode;
    std::optional<std::string> m_priority;
    Phase m_phase = Phase::Taking;
    bool m_takingShown = false;  // "Đang in phiếu số…" has been drawn once
    std::optional<queue::IssuedTicket> m_issued;
    std::optional<TakeStatus> m_failure;
    std::string m_unsettledKey;          // Unsettled: the take's move key
    bool m_notIssued = false;            // settled: the take whose answer was lost had issued nothing
    std::string m_closedVi, m_closedEn;  // OutsideHours: when numbers are issued again
    std::optional<queue::CitizenLimitRefusal> m_limit;  // CitizenLimit
    std::optional<std::string> m_appointmentCode;       // checking an appointment in
    std::string m_dossierCode;                          // a results or supplement number
    queue::CheckInProblem m_checkInProblem = queue::CheckInProblem::None;
    std::optional<queue::Appointment> m_appointment;
    std::optional<queue::Ticket> m_onlineTicket;  // the code named a number taken online (checked in)
    std::optional<std::string> m_job;             // the print on its way
    std::optional<PrintReport> m_print;
    int m_reprints = 0;
    ui::Box* m_columns = nullptr;
};

}  // namespace motcua::kiosk
