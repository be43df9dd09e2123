// An officer's session at one counter, without any UI: log in and out, breaks, every move on the
// counter's ticket (each carrying Actor{staffId}), what the counter looks like now, and the alerts a
// person must see. The screens only draw a CounterView and call these methods.
//
// Losing the server (several PCs on PostgreSQL): a poll, a refresh or a move that finds the connection
// gone marks the session offline() instead of failing the screen; a move then comes back refused with
// kServerLostVi (its outcome is not known here: the queue's idempotency key keeps a retry from
// applying it twice). Polls keep trying; the first that reads again reloads the counter and clears
// offline(), and the events missed meanwhile raise their alerts.
//
// Stale screens: every ticket move takes the number the officer saw. The counter is read again
// first; when its ticket is no longer that one (another console on the same counter moved it), the
// move is not made and the result says so. Moves the database refuses (two consoles racing) come
// back the same way. Either way the view is refreshed before returning.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "queue/appointments.h"
#include "queue/change_watcher.h"
#include "queue/clock.h"
#include "queue/database.h"
#include "queue/queue_service.h"
#include "queue/staff_service.h"

namespace motcua::console {

using queue::TicketTimes;

struct CurrentTicket {
    queue::Ticket ticket;
    TicketTimes times;
    // A number taken online: whether it was checked in at the kiosk, and until when it may stay
    // called without (then it becomes a no-show by itself: QueueService::noShowsNotCheckedIn).
    queue::OnlineCheckInState checkIn;
};

// The counter as the officer sees it; rebuilt by ConsoleSession::refresh().
struct CounterView {
    int counter = 0;
    std::string counterName;
    std::vector<std::string> services;  // codes this counter serves
    std::optional<CurrentTicket> current;
    std::vector<queue::Ticket> held;     // parked at this counter
    std::vector<queue::Ticket> waiting;  // in this counter's call order
    std::string nextReasonVi;            // why waiting.front() is next ("" when nobody waits)
    bool onBreak = false;
    std::string breakReason;
    queue::TimeMs breakSince = 0;
    queue::TimeMs now = 0;
    // Today's appointments, cancelled ones not counted; nullopt when the office has booking off
    // ([appointments] enabled = false): the work screen then has no "Lịch hẹn hôm nay" button.
    std::optional<int> appointmentsToday;
};

// The office's business day of appointments as the console shows it (AppointmentsScreen).
struct DayAppointments {
    std::string day;                       // "YYYY-MM-DD"
    std::vector<queue::Appointment> list;  // by slot, then booking order
    int graceMinutes = 0;                  // [appointments] grace_minutes: late, then missed
};

enum class Move {
    CallNext,
    CallNumber,
    Recall,
    Start,
    Finish,
    NoShow,
    ReturnFront,
    ReturnBack,
    Hold,
    Transfer
};

// Whether the console offers the move now (the database still has the last word).
bool allowed(const CounterView& view, Move move);

// A ticket's wait in its current leg so far, in whole minutes.
int waitedMinutes(const queue::Ticket& ticket, queue::TimeMs now);

struct ActionResult {
    bool ok = false;
    std::string messageVi;  // what to tell the officer (success or refusal)
    bool stale = false;     // the screen was out of date; it has been refreshed
};

enum class AlertKind { PrintFailed, LongWait, Unsatisfied, NotCheckedIn };

struct Alert {
    AlertKind kind = AlertKind::PrintFailed;
    std::string key;  // identifies the alert so it is raised once ("wait:A005:1")
    std::string textVi;
    queue::TimeMs at = 0;
};

// What an officer records on finishing (stored in the finish event).
struct FinishDetail {
    std::vector<std::string> procedures;  // catalogue codes
    std::string outcome;                  // one of queue::kFinishOutcomes, or "" for none
    std::string dossierCode;              // from the city's one-stop system, or ""
};

// Vietnamese label of a finish outcome code ("received" -> "Tiếp nhận hồ sơ").
const char* finishOutcomeVi(const std::string& code);

class ConsoleSession {
  public:
    // db and clock must outlive the session; db is this process's own connection.
    ConsoleSession(queue::Database& db, const queue::Clock& clock, queue::StaffPolicy policy = {});

    std::vector<queue::StaffMember> staff();
    std::vector<queue::CounterStatus> counters();
    std::vector<queue::ServiceStatus> services();

    queue::LoginResult login(const std::string& login, const std::string& pin, int counter);
    void logout();
    ActionResult startBreak(const std::string& reason);
    ActionResult endBreak();

    bool loggedIn() const noexcept { return m_officer.has_value(); }
    const queue::StaffMember& officer() const { return *m_officer; }
    int counter() const noexcept { return m_counter; }
    bool supervisor() const noexcept;

    const CounterView& view() const noexcept { return m_view; }
    // Reads the counter again (and raises long-wait alerts).
    void refresh();
    // Cheap: true when another connection committed since the last poll; then refreshes and turns
    // new events into alerts. Also true when the server was lost or came back (offline() changed).
    // It also makes no-shows of called online numbers not checked in in time (README, "Citizens'
    // phones"): this counter's as soon as its time is up, every counter's every kSweepMs.
    bool poll();
    static constexpr queue::TimeMs kSweepMs = 30'000;
    // The database server could not be reached at the last poll, refresh or move (PostgreSQL only).
    bool offline() const noexcept { return m_offline; }
    // What a move made without the server is answered.
    static constexpr const char* kServerLostVi =
        "Mất kết nối máy chủ: thao tác chưa được xác nhận. Khi kết nối lại, màn hình sẽ hiện đúng trạng thái "
        "của quầy.";

    // The current ticket the officer saw is `seen` ("" when the counter showed none).
    ActionResult callNext(const std::string& seen);
    ActionResult callNumber(const std::string& seen, const std::string& number);
    ActionResult recall(const std::string& seen);
    ActionResult start(const std::string& seen);
    ActionResult finish(const std::string& seen, const FinishDetail& detail);
    ActionResult noShow(const std::string& seen);
    ActionResult returnToQueue(const std::string& seen, bool front);
    ActionResult hold(const std::string& seen);
    ActionResult transfer(const std::string& seen, const std::string& serviceCode);
    // Records that the officer checked the papers of the priority ticket at the counter (confirmed:
    // the citizen is of the category); the ticket is not moved.
    ActionResult checkPriority(const std::string& seen, bool confirmed);
    // What the office's config says a priority category covers, with its legal basis, in Vietnamese
    // ("" when the config gives no definition).
    std::string priorityDefinitionVi(const std::string& category) const;
    ActionResult cancel(const std::string& number);
    ActionResult reactivate(const std::string& number);
    // A supervisor lifts the per-citizen limits for the rest of the day for the citizen the kiosk
    // refused with this reference ("mã hỗ trợ"); the reason is required and logged.
    ActionResult liftCitizenLimit(const std::string& reference, const std::string& reason);

    // Today's appointments (late ones expired first); nullopt when booking is off, or when the server
    // cannot be reached (then offline() is set).
    std::optional<DayAppointments> appointments();

    const std::vector<Alert>& alerts() const noexcept { return m_alerts; }
    void dismissAlert(const std::string& key);

    queue::QueueService& queue() noexcept { return m_queue; }
    const queue::BusinessCalendar& calendar() const noexcept { return m_queue.calendar(); }

  private:
    queue::Actor actor() const;
    queue::Actor actorSeeing(const std::string& seen) const;
    // Refreshes; a refusal when the counter's ticket is not `seen`.
    std::optional<ActionResult> checkSeen(const std::string& seen);
    template <class T>
    ActionResult conclude(const queue::Result<T>& result, const std::string& doneVi,
                          const std::string& number);
    void raise(Alert alert);
    // Runs a move; a lost server makes it a refusal (kServerLostVi) and the session offline.
    template <class F>
    ActionResult whileConnected(F&& move);
    void reload();
    void alertsFrom(const std::vector<queue::Event>& events);
    static Alert notCheckedInAlert(std::int64_t ticketId, const std::string& number, int minutes,
                                   queue::TimeMs at);

    const queue::Clock& m_clock;
    queue::QueueService m_queue;
    queue::StaffService m_staff;
    queue::ChangeWatcher m_watcher;
    std::optional<queue::StaffMember> m_officer;
    int m_counter = 0;
    CounterView m_view;
    std::vector<Alert> m_alerts;
    std::set<std::string> m_raised;  // alert keys already raised (dismissed ones stay quiet)
    bool m_offline = false;
    queue::TimeMs m_lastSweep = 0;  // when poll() last ran noShowsNotCheckedIn for every counter
};

}  // namespace motcua::console
