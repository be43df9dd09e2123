// The queue: issuing tickets and moving them through their lifecycle. Every move is one
// BEGIN IMMEDIATE transaction that changes the ticket row and appends one event row; a move that
// is not allowed changes nothing and comes back as a value (STYLE 7), not an exception.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "queue/business_calendar.h"
#include "queue/call_order.h"
#include "queue/clock.h"
#include "queue/office_config.h"
#include "queue/sqlite.h"

namespace motcua::queue {

enum class TicketState { Waiting, Called, Serving, Done, NoShow, Held, Cancelled, Expired };
const char* toString(TicketState state);
std::optional<TicketState> ticketStateFromString(std::string_view text);

enum class Outcome {
    Ok,
    NothingWaiting,  // no ticket to call
    NotAllowed,      // the move does not fit the ticket's or counter's state
    NotFound,        // unknown service, counter, category or ticket number
    Invalid,         // malformed input
    CapReached,      // the service has issued all of today's numbers
};
const char* toString(Outcome outcome);

template <class T>
struct Result {
    Outcome outcome = Outcome::Ok;
    std::string message;  // one line, English, for the CLI and logs; empty on success
    std::optional<T> value;

    bool ok() const { return outcome == Outcome::Ok; }
    static Result success(T v) { return Result{Outcome::Ok, {}, std::move(v)}; }
    static Result failure(Outcome o, std::string m) { return Result{o, std::move(m), std::nullopt}; }
};

struct Ticket {
    std::int64_t id = 0;
    std::string number;  // "A012"
    std::string businessDay;
    std::string serviceCode;         // the service that issued the number
    std::string currentServiceCode;  // after transfers
    std::string currentServiceName;
    std::optional<std::string> priority;  // category code; nullopt: normal
    std::string priorityName;
    TicketState state = TicketState::Waiting;
    std::optional<int> counter;  // counter number while called, serving or held
    int recalls = 0;
    int leg = 1;
    TimeMs issuedAt = 0;
    TimeMs updatedAt = 0;
    std::int64_t queueKey = 0;
    std::optional<std::int64_t> staffId;  // the officer who last called it
};

enum class EstimateBasis { History, Default };

struct IssuedTicket {
    Ticket ticket;
    int ahead = 0;                // tickets of the same service that will be called before this one
    int estimatedWaitSeconds = 0;
    EstimateBasis basis = EstimateBasis::Default;
    int historySamples = 0;       // service times the estimate averaged
    int countersServing = 0;
    std::vector<int> counters;    // counter numbers that serve this service
    std::string serviceNameEn;
    std::string ticketNote;       // the service's note for the printed ticket
};

struct CallOutcome {
    Ticket ticket;
    CallReason reason = CallReason::OnlyNormalWaiting;
    std::string reasonVi;
    std::string reasonEn;
};

struct RecallOutcome {
    Ticket ticket;
    bool becameNoShow = false;  // the recall limit was reached
};

struct Rating {
    Ticket ticket;
    std::string level;
    std::optional<int> counter;  // where the ticket was finished
};

// The outcomes an officer records when finishing (detail "outcome" of a finish event).
inline constexpr const char* kFinishOutcomes[] = {"received", "guidance", "returned", "incomplete"};

struct Event {
    std::int64_t id = 0;
    std::optional<std::int64_t> ticketId;
    std::string number;  // of the ticket, "" for events without one
    std::string kind;
    TimeMs at = 0;
    std::optional<int> counter;
    std::optional<std::int64_t> staffId;
    std::string serviceCode;
    nlohmann::json detail;
};

// One of today's tickets whose last print attempt did not end in `printed`.
struct UnprintedTicket {
    // What the latest attempt says.
    enum class Last {
        NotPrinted,    // `print_failed`: no whole ticket came out
        MaybePrinted,  // `print_failed` with outcome "unknown": it may have printed ("có thể đã in")
        Unfinished,    // `print_started` and nothing since: printing now, or the program printing it
                       // stopped before it could say (detail names the host and process)
    };
    Ticket ticket;
    std::string error;  // the `print_failed` event's "error" ("paper-out"); "" for Unfinished
    TimeMs failedAt = 0;  // when that event was recorded
    std::string language = "vi";  // the ticket's language at the kiosk ("vi" or "en"), for the reprint
    Last last = Last::NotPrinted;
    nlohmann::json detail = nlohmann::json::object();  // that event's detail
};

struct ServiceStatus {
    std::string code;
    std::string name;
    std::string nameEn;
    std::string prefix;
    int waiting = 0;
    int priorityWaiting = 0;
    int issuedToday = 0;
    std::optional<int> dailyCap;
    std::vector<int> counters;
};

struct CounterStatus {
    int number = 0;
    std::string name;
    std::vector<std::string> services;
    std::optional<Ticket> current;  // called or serving
    int held = 0;
    std::optional<std::string> staffName;  // the officer logged in here
    bool onBreak = false;                  // calling is paused
    std::string breakReason;
};

struct QueueStatus {
    std::string businessDay;
    std::vector<CounterStatus> counters;
    std::vector<ServiceStatus> services;
};

// Who performed a move (the staff id when an officer is logged in; nullopt for kiosk and CLI).
// When a ticket was issued, put in the queue for its current leg (issue, return, transfer or
// reactivate), called and started: the times an officer sees at the counter.
struct TicketTimes {
    TimeMs issued = 0;
    TimeMs queued = 0;
    std::optional<TimeMs> called;
    std::optional<TimeMs> started;
};

// A counter's waiting tickets in the order it would call them, and why the first comes first (what
// callNext would say).
struct CounterQueue {
    std::vector<Ticket> waiting;
    std::optional<CallChoice> next;  // the choice for waiting.front(); nullopt when nothing waits
    std::string nextReasonVi;
    std::string nextReasonEn;
};

struct Actor {
    Actor() = default;
    Actor(std::optional<std::int64_t> staff) : staffId(staff) {}  // NOLINT: implicit, Actor{id} reads well

    std::optional<std::int64_t> staffId;
    // The ticket the officer's screen shows at the counter. A move on the counter's ticket is refused
    // (NotAllowed, nothing changed) when the counter holds another one: a stale screen cannot act on
    // a ticket someone else has moved meanwhile. Checked inside the move's transaction.
    std::optional<std::string> expectedTicket;
};

// One per connection. Not thread-safe: use one per thread or process (each owns its Database).
class QueueService {
public:
    // Reads the office settings written by `motcua init` from the database.
    QueueService(Database& db, const Clock& clock);

    Result<IssuedTicket> take(const std::string& serviceCode, const std::optional<std::string>& priority = {},
                              const Actor& actor = {});
    Result<CallOutcome> callNext(int counter, const Actor& actor = {});
    // Calls a given number of today (waiting, or held), out of order.
    Result<CallOutcome> callNumber(int counter, const std::string& number, const Actor& actor = {});
    Result<RecallOutcome> recall(int counter, const Actor& actor = {});
    Result<Ticket> start(int counter, const Actor& actor = {});
    // detail may carry {"procedures": [codes], "outcome": one of kFinishOutcomes, "dossier_code": text}.
    Result<Ticket> finish(int counter, const Actor& actor = {}, const nlohmann::json& detail = nlohmann::json::object());
    Result<Ticket> noShow(int counter, const Actor& actor = {});
    Result<Ticket> returnToQueue(int counter, bool front, const Actor& actor = {});
    Result<Ticket> hold(int counter, const Actor& actor = {});
    Result<Ticket> transfer(int counter, const std::string& serviceCode, const Actor& actor = {});
    Result<Ticket> cancel(const std::string& number, const Actor& actor = {});
    Result<Ticket> reactivate(const std::string& number, const Actor& actor = {});
    // Closes tickets still open from earlier business days as expired; returns how many. Also done
    // implicitly by every write on a new day.
    int closeEarlierDays();
    // The citizen's satisfaction with a finished ticket of today, once per ticket; stored against the
    // ticket, the counter and the officer that finished it. source: "counter" or "kiosk".
    Result<Rating> rate(const std::string& number, const std::string& level, const std::string& source);

    std::optional<Ticket> findToday(const std::string& number);
    // People ahead and the expected wait for a waiting ticket, as at take(); for a reprint.
    std::optional<IssuedTicket> estimate(const std::string& number);
    // Something a device reports that staff must see (e.g. "print_failed"); appended to the log.
    void recordDeviceEvent(const std::string& kind, std::optional<std::int64_t> ticketId, const nlohmann::json& detail);
    // Today's tickets still waiting, called or held whose latest `printed` / `print_failed` /
    // `print_started` event is not `printed`: the citizen may have no paper (for a reprint, which
    // staff decide on when it may have printed). In the order they were issued.
    std::vector<UnprintedTicket> unprintedToday();
    QueueStatus status();
    std::vector<Event> events(std::int64_t sinceId, int limit = 1000);
    // The waiting tickets a counter would call, in call order, with the reason for the first.
    CounterQueue queueFor(int counter);
    std::vector<Ticket> waitingFor(int counter) { return queueFor(counter).waiting; }
    // Today's tickets held at a counter, longest held first.
    std::vector<Ticket> heldAt(int counter);
    // From the ticket's events (see TicketTimes).
    TicketTimes timesOf(const Ticket& ticket);

    const CallOrderConfig& callOrder() const noexcept { return m_callOrder; }
    const RatingConfig& rating() const noexcept { return m_rating; }
    const BusinessCalendar& calendar() const noexcept { return *m_calendar; }
    const nlohmann::json& office() const noexcept { return m_office; }

    // "A12", "a012" -> "A012"; nullopt when it is not prefix letters followed by digits.
    static std::optional<std::string> canonicalNumber(const std::string& text);

private:
    struct CounterRow {
        std::int64_t id;
        int number;
    };
    std::optional<CounterRow> counterByNumber(int number);
    std::string businessDay();
    std::int64_t backOfQueueKey(const std::string& day);
    std::optional<Ticket> activeAt(std::int64_t counterId);
    std::optional<Ticket> loadTicket(std::int64_t id);
    std::optional<Ticket> loadToday(const std::string& number);
    void appendEvent(std::optional<std::int64_t> ticketId, const std::string& kind, std::optional<std::int64_t> counterId,
                     const Actor& actor, std::optional<std::int64_t> serviceId, const nlohmann::json& detail);
    int expireBefore(const std::string& day, TimeMs now);
    Result<CallOutcome> callTicket(const CounterRow& counter, const Ticket& ticket, CallReason reason,
                                   const CallChoice& choice, const Actor& actor);
    std::optional<int> normalsSincePriority(std::int64_t counterId, TimeMs dayStart);
    IssuedTicket estimateFor(const Ticket& ticket, std::int64_t serviceId);
    std::optional<std::string> breakAt(std::int64_t counterId);
    std::optional<std::string> cannotCall(const CounterRow& counter);
    // True when callNext would find nothing waiting and write nothing (decided by a read).
    bool nothingToCall(int counter);
    std::optional<std::string> refuseForRole(const Ticket& ticket, const Actor& actor, const char* verb);
    std::vector<CallCandidate> candidatesFor(std::int64_t counterId, std::vector<Ticket>* tickets);
    template <class F>
    Result<Ticket> moveActive(int counter, const Actor& actor, const char* verb, F&& move);
    // The same for a move on one of today's tickets named by number (cancel, reactivate).
    template <class F>
    Result<Ticket> moveByNumber(const std::string& number, F&& move);

    Database& m_db;
    const Clock& m_clock;
    std::unique_ptr<BusinessCalendar> m_calendar;
    CallOrderConfig m_callOrder;
    RatingConfig m_rating;
    nlohmann::json m_office;
};

std::string formatNumber(const std::string& prefix, std::int64_t seq);
nlohmann::json toJson(const Ticket& ticket, const BusinessCalendar& calendar);

}  // namespace motcua::queue
