// Every statement the queue's rules need (tickets, events, counters, services), for both stores.
// QueueService decides what may happen and what a move changes; this class only reads and writes
// rows. Where SQLite and PostgreSQL differ the two statements stand side by side in the .cpp.
//
// Concurrency. SQLite: every write transaction holds the one write lock (BEGIN IMMEDIATE), so the
// reads inside it see what the write will change. PostgreSQL runs writes READ COMMITTED and takes
// row locks instead, because a city office's counters must not queue behind one another:
//  - issuing takes a transaction-scoped advisory lock on the service (pg_advisory_xact_lock: no
//    UPDATE privilege needed, which the kiosk's role has not), in a statement of its own before the
//    read, so two kiosks never compute the same next number; the unique index on (business_day,
//    prefix, seq) is the backstop;
//  - every counter move takes the counter's advisory lock the same way, so one counter's moves are
//    serial and see each other's effects; the partial unique index keeps one active ticket per
//    counter;
//  - calling a waiting ticket is a guarded UPDATE (… WHERE state = 'waiting'): of two counters
//    racing for one ticket, the second updates no row and calls again (no ticket called twice).
// Serializable isolation would also be correct, but at 60 counters it would abort and retry calls
// that merely read the same waiting list; row locks make the conflicts that matter wait instead.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "queue/call_order.h"
#include "queue/database.h"
#include "queue/office_config.h"
#include "queue/people_ahead.h"
#include "queue/ticket.h"

namespace motcua::queue {

struct CounterRef {
    std::int64_t id = 0;
    int number = 0;
};

// One row of the event log, as a move appends it.
struct EventRow {
    std::optional<std::int64_t> ticketId;
    std::string kind;
    TimeMs at = 0;
    std::optional<std::int64_t> counterId;
    std::optional<std::int64_t> staffId;
    std::optional<std::int64_t> serviceId;
    nlohmann::json detail = nlohmann::json::object();
    std::string moveKey;  // idempotency key of the move that appended it ("" for none)
};

// What the clock guard compares the clock with (see QueueService::clockProblem).
struct WriteGuard {
    std::optional<TimeMs> lastEventAt;  // the newest event's time (by id: the last write)
};

// Service durations (call to finish) of recent tickets of a service.
struct ServiceHistory {
    double meanMs = 0;
    int samples = 0;
};

// What an estimate counts a citizen's service as: the recent mean, or the configured default when the
// service has no history yet; over the counters serving it (at least one).
inline ServiceRate serviceRate(const ServiceHistory& history, const CallOrderConfig& order,
                               std::size_t counters) {
    return {history.samples > 0 ? history.meanMs : order.defaultServiceMinutes * 60'000.0,
            std::max(1, static_cast<int>(counters))};
}

// What issuing a number of a service needs to know, read in one request.
struct IssueContext {
    std::int64_t serviceId = 0;
    std::string name;
    std::string prefix;
    std::optional<int> dailyCap;
    std::string nameEn;
    std::string ticketNote;
    bool priorityKnown = true;
    std::string priorityName;
    std::int64_t lastSeq = 0;                  // highest number of this prefix today (0: none yet)
    std::optional<std::int64_t> lastQueueKey;  // highest queue position today
    int waiting = 0;                           // waiting for this service now
    int priorityWaiting = 0;
    std::vector<int> counters;     // active counters serving the service
    bool earlierDaysOpen = false;  // tickets of earlier days still to expire
    WriteGuard guard;
    ServiceHistory history;  // of the last historySamples finished tickets
};

// What of a counter's tickets a counter context reads: its active ticket, the waiting ticket it
// would call next (call order), or all its waiting tickets in call order.
enum class CounterContextKind { Active, Next, Waiting };

// A counter, read (and on PostgreSQL locked) for a move at it, with what the rules ask about it.
struct CounterContext {
    CounterRef counter;
    std::optional<std::string> breakReason;   // on a break ("" when no reason was given)
    std::optional<std::string> activeNumber;  // its called or serving ticket of the day, if any
    std::optional<TicketState> activeState;
    std::optional<Ticket> active;          // that ticket (CounterContextKind::Active)
    std::vector<Ticket> waiting;           // what it may call, in call order (::Waiting; ::Next: the first)
    std::optional<CallReason> nextReason;  // why waiting.front() comes first
    // Normal calls made here today since the last priority call; nullopt: no priority call today.
    std::optional<int> normalsSincePriority;
    bool earlierDaysOpen = false;
    WriteGuard guard;
};

// What a move on a ticket by its number needs (cancel, reactivate, call by number), read in one
// request: the ticket of the day with that number (newest, if a retired prefix repeated one), the
// clock guard, whether earlier days are still open, today's last queue position, the role of the
// officer making the move, and whether a counter calls the ticket's current service.
struct NumberContext {
    std::optional<Ticket> ticket;
    WriteGuard guard;
    bool earlierDaysOpen = false;
    std::optional<std::int64_t> lastQueueKey;  // highest queue position of the day
    std::optional<std::string> staffRole;  // of the staff id asked about (nullopt: none asked, or unknown)
    bool counterServes = false;            // the counter asked about calls ticket's current service
};

// Appends one event (inside the caller's transaction, if any).
void appendEventRow(Database& db, const EventRow& event);

class TicketStore {
  public:
    explicit TicketStore(Database& db) : m_db(db) {}

    Database& database() noexcept { return m_db; }

    // --- reads -------------------------------------------------------------------------------
    std::optional<Ticket> ticket(std::int64_t id);
    std::optional<Ticket> ticketByNumber(const std::string& day, const std::string& number);
    std::optional<CounterRef> counter(int number);
    std::optional<Ticket> activeAt(std::int64_t counterId, const std::string& day);
    std::vector<Ticket> heldAt(std::int64_t counterId, const std::string& day);
    // Waiting tickets of the services a counter calls, by queue position.
    std::vector<Ticket> waitingFor(std::int64_t counterId, const std::string& day);
    bool counterServes(std::int64_t counterId, std::int64_t serviceId);
    // Whether any ticket of the day waits for a service the counter (by number) calls.
    bool anyWaitingFor(int counterNumber, const std::string& day);
    // An active service by code: its id and name.
    struct ServiceRef {
        std::int64_t id = 0;
        std::string name;
    };
    std::optional<ServiceRef> activeService(const std::string& code);
    bool priorityExists(const std::string& code);
    std::vector<PriorityCategoryConfig> priorityCategories();
    std::optional<std::string> staffRole(std::int64_t staffId);
    bool earlierDaysOpen(const std::string& day);
    // Tickets dated after day (issued while the clock was ahead), and how many of them are still open.
    struct FutureTickets {
        std::optional<std::string> newestDay;
        int count = 0;
        int open = 0;
    };
    FutureTickets ticketsAfter(const std::string& day);
    WriteGuard writeGuard();
    // One request (see NumberContext). staffId: whose role to read (nullopt: none; a role that may
    // not read staff never asks). counterId: the counter whose services are checked (nullopt: none).
    NumberContext numberContext(const std::string& day, const std::string& number,
                                std::optional<std::int64_t> staffId, std::optional<std::int64_t> counterId);

    // Issuing: the service is locked on PostgreSQL until the transaction ends.
    std::optional<IssueContext> issueContext(const std::string& serviceCode,
                                             const std::optional<std::string>& priority,
                                             const std::string& day, int historySamples);
    // A move at a counter: with lock, the counter is locked on PostgreSQL until the transaction ends.
    // The call order is decided here, in SQL (see kCallOrder in the .cpp), with interleave as
    // call_order.priority_interleave; now decides which checked-in appointments are due.
    std::optional<CounterContext> counterContext(int counterNumber, const std::string& day, TimeMs dayStart,
                                                 TimeMs now, CounterContextKind kind, bool lock,
                                                 int interleave = 0);
    ServiceHistory serviceHistory(std::int64_t serviceId, int samples);
    // The service's waiting tickets of the day, what peopleAhead (people_ahead.h) counts them by.
    std::vector<WaitingTicket> waitingOf(std::int64_t serviceId, const std::string& day);
    std::vector<int> countersServing(std::int64_t serviceId);
    std::pair<std::string, std::string> serviceNameEnAndNote(std::int64_t serviceId);
    std::optional<std::int64_t> minWaitingKey(std::int64_t serviceId);
    std::optional<std::int64_t> lastQueueKey(const std::string& day);
    // The detail of a ticket's newest event of a kind (nullopt when it has none).
    std::optional<nlohmann::json> lastEventDetail(std::int64_t ticketId, const std::string& kind);

    // For the status every screen shows: active services with today's counts, active counters with
    // the services they call, held tickets per counter number, and the called or serving ticket of
    // each counter (by number).
    std::vector<ServiceStatus> serviceStatus(const std::string& day);
    std::vector<CounterStatus> counterStatus();
    std::map<int, int> heldCounts(const std::string& day);
    std::map<int, Ticket> activeTickets(const std::string& day);

    // Today's open tickets whose latest printed / print_failed / print_started event is not
    // `printed`: that event, per ticket, in the order they were issued.
    struct PrintAttempt {
        std::int64_t ticketId = 0;
        std::string kind;  // print_failed or print_started
        TimeMs at = 0;
        nlohmann::json detail;
    };
    std::vector<PrintAttempt> unprintedToday(const std::string& day);
    std::vector<Event> events(std::int64_t sinceId, int limit);
    // A ticket's events in order: kind, time and detail.
    struct TicketEvent {
        std::string kind;
        TimeMs at = 0;
        nlohmann::json detail;
    };
    std::vector<TicketEvent> ticketEvents(std::int64_t ticketId);
    bool isRated(std::int64_t ticketId);
    // The finish event a rating is about: counter id, counter number, staff id, service id.
    struct LastFinish {
        std::optional<std::int64_t> counterId;
        std::optional<int> counterNumber;
        std::optional<std::int64_t> staffId;
        std::optional<std::int64_t> serviceId;
    };
    LastFinish lastFinish(std::int64_t ticketId);
    // Which move (by idempotency key) already committed, and the ticket it moved.
    std::optional<std::optional<std::int64_t>> committedMove(const std::string& moveKey);

    // A citizen's numbers of the day (by the keyed id of citizen_card.h; cancelled ones do not count),
    // those of one service, and whether a supervisor lifted the limits for them since dayStart. With
    // lock, the citizen is locked on PostgreSQL until the transaction ends (advisory lock class 3), so
    // two kiosks issuing to the same citizen count one after the other; SQLite's write lock already
    // serialises them.
    struct CitizenUsage {
        int today = 0;
        int forService = 0;
        bool lifted = false;
    };
    CitizenUsage citizenUsage(const std::string& citizen, std::int64_t serviceId, const std::string& day,
                              TimeMs dayStart, bool lock);
    // An event that names a citizen (limit_refused, limit_lifted), by id.
    struct CitizenEvent {
        std::int64_t id = 0;
        std::string kind;
        TimeMs at = 0;
        std::string citizen;
        nlohmann::json detail;
    };
    std::optional<CitizenEvent> citizenEvent(std::int64_t id);

    // --- writes (inside the caller's transaction) ----------------------------------------------
    // Appends an event that names a citizen (the keyed id, never the number); returns its id.
    std::int64_t appendCitizenEvent(const EventRow& event, const std::string& citizen);
    struct NewTicket {
        std::int64_t serviceId = 0;
        std::string businessDay;
        std::string prefix;
        std::int64_t seq = 0;
        std::string number;
        std::optional<std::string> priority;
        std::int64_t queueKey = 0;
        TimeMs at = 0;
        std::optional<std::string> citizen;  // the keyed id of the citizen it was issued to, if known
        std::optional<TimeMs> dueAt;         // an appointment's slot start (Ticket::dueAt)
    };
    // Inserts the ticket and its issue event; returns the ticket's id. With commit, the transaction
    // is committed in the same request (one round trip on PostgreSQL).
    std::int64_t insertTicket(const NewTicket& ticket, EventRow issueEvent, Transaction* commit = nullptr);
    // Writes after's state, counter, staff, service, leg, recalls and queue position, and the
    // event, when the row still holds before's state and updated_at; false (nothing written) when
    // another connection moved the ticket meanwhile. With commit, as for insertTicket.
    bool writeTicket(const Ticket& before, const Ticket& after, const EventRow& event,
                     Transaction* commit = nullptr);
    void appendEvent(const EventRow& event) { appendEventRow(m_db, event); }
    // Sets only updated_at to at (the ticket keeps its state, counter and place) and appends the event,
    // when the row still holds before's state and updated_at: a guarded write that moves nothing (an
    // online number's check-in; needs no column the kiosk's role may not update). false, nothing
    // written, when another connection moved the ticket meanwhile.
    bool touchTicket(const Ticket& before, TimeMs at, const EventRow& event);
    // Expires tickets still open from days before day, each with an expire event; returns how many.
    int expireBefore(const std::string& day, TimeMs now, const nlohmann::json& reason);
    // Expires tickets still open dated after day (a clock that was ahead), each with an event.
    int expireAfter(const std::string& day, TimeMs now, const nlohmann::json& reason);

  private:
    Database& m_db;
};

}  // namespace motcua::queue
