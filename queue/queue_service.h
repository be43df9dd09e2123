// The queue's rules: issuing tickets and moving them through their lifecycle, call order, caps,
// numbering and the business day. Every move is one write transaction that changes the ticket row
// and appends one event row; a move that is not allowed changes nothing and comes back as a value
// (STYLE 7), not an exception. The rules know no SQL: TicketStore reads and writes the rows, on
// SQLite or PostgreSQL.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "queue/appointment_store.h"
#include "queue/business_calendar.h"
#include "queue/call_order.h"
#include "queue/clock.h"
#include "queue/database.h"
#include "queue/issuing_hours.h"
#include "queue/office_config.h"
#include "queue/ticket.h"
#include "queue/ticket_store.h"

namespace motcua::queue {

enum class Outcome {
    Ok,
    NothingWaiting,  // no ticket to call
    NotAllowed,      // the move does not fit the ticket's or counter's state
    NotFound,        // unknown service, counter, category or ticket number
    Invalid,         // malformed input
    CapReached,      // the service has issued all of today's numbers
    ClockWrong,      // the PC's clock disagrees with what is recorded: nothing is issued or called
    OutsideHours,    // numbers are not issued now (hours, break, cut-off, day off): see issuingState()
    CitizenLimit,    // the citizen has taken the numbers the office allows today: see citizenLimit()
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

enum class EstimateBasis { History, Default };

struct IssuedTicket {
    Ticket ticket;
    int ahead = 0;  // tickets of the same service that will be called before this one
    int estimatedWaitSeconds = 0;
    EstimateBasis basis = EstimateBasis::Default;
    int historySamples = 0;  // service times the estimate averaged
    int countersServing = 0;
    std::vector<int> counters;  // counter numbers that serve this service
    std::string serviceNameEn;
    std::string ticketNote;    // the service's note for the printed ticket (its late note after late_after)
    std::string ticketNoteEn;  // the late note in English; empty: ticketNote in every language
    std::string dossierCode;   // a results or supplement number: the dossier's code (else empty)
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

// A counter's waiting tickets in the order it would call them, and why the first comes first (what
// callNext would say).
struct CounterQueue {
    std::vector<Ticket> waiting;
    std::optional<CallChoice> next;  // the choice for waiting.front(); nullopt when nothing waits
    std::string nextReasonVi;
    std::string nextReasonEn;
};

// Why a citizen may take no more numbers today ([citizen_id] per_day, per_field), as the kiosk
// explains it; reference: the `limit_refused` event a supervisor names to lift the limits.
struct CitizenLimitRefusal {
    enum class Which { PerDay, PerField } which = Which::PerDay;
    int taken = 0;    // numbers taken today (of the field, for PerField)
    int allowed = 0;  // the limit
    std::int64_t reference = 0;
};

struct DayRepair {
    int expiredEarlier = 0;
    int expiredFuture = 0;                 // open tickets dated after today
    std::optional<std::string> futureDay;  // the newest day after today with tickets, if any
    int futureTickets = 0;                 // tickets dated after today, open or not
    bool clockConfirmed = false;           // the jump since the last activity was accepted
};

// Why an appointment's check-in issued no number (QueueService::checkIn).
enum class CheckInProblem {
    None,
    BadCode,           // not 10 characters of the code alphabet
    UnknownCode,       // no booking has this code
    OtherDay,          // the booking is for another day (appointment->day)
    AlreadyCheckedIn,  // its number was issued before (appointment->ticketNumber)
    Late,              // not checked in by the slot's end plus the grace: expired
    Cancelled,
    NotIssued,  // the issue itself was refused (result.outcome: hours, clock...)
    // A number taken online (checkInOnline; CheckIn::ticket names it) that the check-in cannot take:
    NotOnline,  // the code is a number taken at the kiosk (printed under its QR): nothing to check in
    Closed,     // the number is no longer open: served, a no-show, cancelled or expired
};

struct CheckIn {
    Result<IssuedTicket> result;
    std::optional<Appointment> appointment;
    CheckInProblem problem = CheckInProblem::None;
    // The code named one of today's numbers (its ticket link's short code) rather than an appointment:
    // that ticket as read. AlreadyCheckedIn then means this number was checked in before.
    std::optional<Ticket> ticket;
};

// A number taken online and the kiosk check-in it needs ([web] online_checkin_minutes).
struct OnlineCheckInState {
    bool online = false;     // taken on motcua-web's /lay-so (issue event "channel": "online")
    bool checkedIn = false;  // checked in at the kiosk (event `check_in`)
    // Called and not checked in while the office asks for a check-in: when it becomes a no-show
    // (noShowsNotCheckedIn). nullopt otherwise.
    std::optional<TimeMs> deadline;
};

// Who performed a move (the staff id when an officer is logged in; nullopt for kiosk and CLI).
struct Actor {
    Actor() = default;
    Actor(std::optional<std::int64_t> staff) : staffId(staff) {}  // NOLINT: implicit, Actor{id} reads well

    std::optional<std::int64_t> staffId;
    // The ticket the officer's screen shows at the counter. A move on the counter's ticket is refused
    // (NotAllowed, nothing changed) when the counter holds another one: a stale screen cannot act on
    // a ticket someone else has moved meanwhile. Checked inside the move's transaction.
    std::optional<std::string> expectedTicket;
    // Idempotency key of the move (random when empty). Stored with the move's event: when the
    // connection to a PostgreSQL server is lost during COMMIT, the move is looked up by its key
    // after reconnecting and is never applied twice. A caller that retries a move itself (the kiosk
    // after a lost connection) passes the same key again.
    std::string moveKey;
    // Where a number was taken when not at the kiosk: "online" for motcua-web's /lay-so (detail
    // "channel" of the issue event, counted apart in reports); "appointment" for a number issued at
    // an appointment's check-in (checkIn sets it). Empty: the kiosk or the CLI.
    std::string channel;
    // A number of a service of kind results or supplement (ServiceKind) is taken with the code of
    // the dossier's receipt, typed or scanned (readDossierCode reads it; detail "dossier_code" of the
    // issue event). Refused for a service of new dossiers.
    std::string dossierCode;
};

// A new idempotency key for a move (Actor::moveKey): 128 random bits, as 32 hex digits.
std::string newMoveKey();

// One per connection. Not thread-safe: use one per thread or process (each owns its Database).
class QueueService {
  public:
    // Reads the office settings written by `motcua init` from the database.
    QueueService(Database& db, const Clock& clock);
    // Reads the settings again (four small reads) and takes them when `motcua init` changed them since:
    // a running program picks up edited hours, calendar and call order without a restart. True when
    // they changed. References from office() and issuingHours() are invalidated then (calendar()'s
    // only when the time zone changed).
    bool reloadSettings();

    // Refused with OutsideHours outside the office's issuing windows (the message says when numbers are
    // issued again; issuingState() gives the citizen's words).
    // citizen: the keyed id of the citizen (CitizenKey::idOf, citizen_card.h) when the kiosk read their
    // ID card; the office's per-citizen limits ([citizen_id] per_day, per_field) then apply, counted
    // in the same transaction as the issue (refused with CitizenLimit, nothing written).
    Result<IssuedTicket> take(const std::string& serviceCode, const std::optional<std::string>& priority = {},
                              const Actor& actor = {}, const std::optional<std::string>& citizen = {});
    // Checks in the appointment a code names (typed or scanned at the kiosk): a number of its service
    // with channel "appointment" in the issue event and the slot's start as due_at, from which the
    // call order serves it first. Refused, changing nothing: an unknown code, a booking of another
    // day, already checked in, cancelled, or late (after the slot's end plus [appointments]
    // grace_minutes: it is expired then); and whatever refuses take() but the daily cap. Per-citizen
    // limits apply when the kiosk read the citizen's card.
    CheckIn checkIn(const std::string& codeText, const Actor& actor = {},
                    const std::optional<std::string>& citizen = {});
    // A code from a citizen's phone, typed or scanned at the kiosk: the short code of one of today's
    // numbers (the live ticket page shows it) is checked in with checkInOnline, any other code is an
    // appointment's (checkIn).
    CheckIn checkInCode(const std::string& codeText, const Actor& actor = {},
                        const std::optional<std::string>& citizen = {});
    // Checks in a number taken online (issue 21): the citizen is at the office. One guarded write of
    // the ticket (same state and place, a new updated_at) with its event `check_in`, so of two kiosks,
    // or a kiosk and a console's automatic no-show, exactly one succeeds. The result is the same
    // number with its estimate, for the kiosk to print. Refused, changing nothing: a bad or unknown
    // code (a code of another day is unknown), a number taken at the kiosk (NotOnline), one checked in
    // before (AlreadyCheckedIn), one no longer open (Closed).
    CheckIn checkInOnline(const std::string& codeText, const Actor& actor = {});
    // [web] online_checkin_minutes: how long a called online number may stay not checked in before
    // it is a no-show; 0: online numbers need no check-in.
    int onlineCheckInMinutes() const;
    // [appointments] enabled (booking on motcua-web, check-in at the kiosk).
    bool appointmentsOn() const noexcept { return m_appointmentsOn; }
    OnlineCheckInState onlineCheckIn(const Ticket& ticket);
    // The called online numbers not checked in within onlineCheckInMinutes of their call become
    // no-shows: the console's no-show move (event `noshow`, reason "not checked in", automatic: true),
    // which frees their counters. Each is a guarded write of its own, so when several consoles run
    // this at once every ticket moves once. The consoles run it as they poll. Returns the tickets moved.
    std::vector<Ticket> noShowsNotCheckedIn();
    // The number a take or check-in with this move key (Actor::moveKey) issued, when it committed:
    // how a kiosk learns, once the server answers again, what became of a take whose answer was
    // lost with the connection. nullopt when no move with the key committed (nothing was issued).
    std::optional<IssuedTicket> takenBefore(const std::string& moveKey);
    // What the service's numbers are for (office.toml [[services]] kind); Submit for an unknown code.
    ServiceKind serviceKind(const std::string& serviceCode) const;
    bool hasDossierServices() const noexcept { return !m_serviceKinds.empty(); }
    // The dossier code a results or supplement number was taken with (its issue event); nullopt for
    // another number.
    std::optional<std::string> dossierCodeOf(std::int64_t ticketId);
    // After take() refused a citizen with CitizenLimit: which limit, and a `limit_refused` event (the
    // reference staff use to lift it). nullopt when the citizen is not (or no longer) over a limit.
    std::optional<CitizenLimitRefusal> citizenLimit(const std::string& citizen,
                                                    const std::string& serviceCode);
    // A supervisor (or admin) lifts the per-citizen limits for the citizen of a `limit_refused` event of
    // today, for the rest of the day; the reason is required and logged with a `limit_lifted` event.
    Result<std::int64_t> liftCitizenLimit(std::int64_t reference, const std::string& reason,
                                          const Actor& actor);
    const CitizenIdConfig& citizenId() const noexcept { return m_citizenId; }
    // Whether numbers for the service (empty: the office as a whole) are issued now, and if not, when.
    IssuingState issuingState(const std::string& serviceCode = {}) const;
    const IssuingHours& issuingHours() const noexcept { return *m_issuing; }
    Result<CallOutcome> callNext(int counter, const Actor& actor = {});
    // Calls a given number of today (waiting, or held), out of order.
    Result<CallOutcome> callNumber(int counter, const std::string& number, const Actor& actor = {});
    Result<RecallOutcome> recall(int counter, const Actor& actor = {});
    Result<Ticket> start(int counter, const Actor& actor = {});
    // detail may carry {"procedures": [codes], "outcome": one of kFinishOutcomes, "dossier_code": text}.
    Result<Ticket> finish(int counter, const Actor& actor = {},
                          const nlohmann::json& detail = nlohmann::json::object());
    Result<Ticket> noShow(int counter, const Actor& actor = {});
    Result<Ticket> returnToQueue(int counter, bool front, const Actor& actor = {});
    Result<Ticket> hold(int counter, const Actor& actor = {});
    // The officer checked the papers of the counter's priority ticket (called or serving): confirmed
    // when the citizen is of the category. Event `priority_checked`; the ticket is not moved. Refused
    // (NotAllowed) for a ticket without priority.
    Result<Ticket> checkPriority(int counter, bool confirmed, const Actor& actor = {});
    Result<Ticket> transfer(int counter, const std::string& serviceCode, const Actor& actor = {});
    Result<Ticket> cancel(const std::string& number, const Actor& actor = {});
    Result<Ticket> reactivate(const std::string& number, const Actor& actor = {});
    // Closes tickets still open from earlier business days as expired; returns how many. Also done
    // implicitly by every write on a new day.
    int closeEarlierDays();
    // `motcua close-day`: closes earlier days as above and repairs what a wrong clock left: tickets
    // still open dated after today (issued while the clock was ahead) are expired, and a clock that
    // jumped far ahead of the last recorded activity is confirmed as right. Each repair is an event.
    DayRepair closeDay();
    // What doctor reports about the clock and the recorded days (nullopt: nothing wrong).
    std::optional<std::string> clockCheck();
    // The citizen's satisfaction with a finished ticket of today, once per ticket; stored against the
    // ticket, the counter and the officer that finished it. source: "counter" or "kiosk".
    Result<Rating> rate(const std::string& number, const std::string& level, const std::string& source);

    std::optional<Ticket> findToday(const std::string& number);
    bool isRated(const Ticket& ticket) { return m_store.isRated(ticket.id); }
    // The office's priority categories, in their configured order.
    std::vector<PriorityCategoryConfig> priorityCategories() { return m_store.priorityCategories(); }
    // People ahead and the expected wait for a waiting ticket, as at take(); for a reprint.
    std::optional<IssuedTicket> estimate(const std::string& number);
    // Something a device reports that staff must see (e.g. "print_failed"); appended to the log.
    void recordDeviceEvent(const std::string& kind, std::optional<std::int64_t> ticketId,
                           const nlohmann::json& detail);
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
    // The connection this service works on (for the ticket's link, queue/ticket_links.h).
    Database& database() noexcept { return m_db; }

    // "A12", "a012" -> "A012"; nullopt when it is not prefix letters followed by digits.
    static std::optional<std::string> canonicalNumber(const std::string& text);

    // The business day: the office's local date by the clock.
    std::string businessDay();
    // Why the clock cannot be trusted for a write now (see the .cpp), or nullopt.
    std::optional<std::string> clockProblem(const WriteGuard& guard, TimeMs now,
                                            const std::string& day) const;

  private:
    std::optional<Result<IssuedTicket>> issueTicket(Transaction& tx, const std::string& key,
                                                    const std::string& serviceCode,
                                                    const std::optional<std::string>& priority,
                                                    const Actor& actor,
                                                    const std::optional<std::string>& citizen,
                                                    const Appointment* appointment);
    // What a ticket says besides its place: its service's English name and note (the late note when
    // it was issued after the service's late_after), the counters serving it, the estimate's basis;
    // and the rate its estimate counts with.
    std::pair<IssuedTicket, ServiceRate> ticketFacts(const Ticket& ticket, std::vector<int> counters,
                                                     std::string nameEn, std::string note,
                                                     const ServiceHistory& history) const;
    // People ahead and the expected wait of a ticket (0 unless it waits), with what a ticket says.
    IssuedTicket estimateFor(const Ticket& ticket, std::vector<int> counters, std::string nameEn,
                             std::string note);
    // A waiting ticket's place among the service's waiting tickets (people_ahead.h), read now.
    int aheadNow(const Ticket& ticket, const ServiceRate& rate);
    // Replaces the note with the service's late note when the ticket was issued after its late_after.
    void applyLateNote(IssuedTicket& issued) const;
    // nullopt when another connection moved the ticket since it was read (nothing was written).
    std::optional<Result<CallOutcome>> callTicket(Transaction& tx, const CounterRef& counter,
                                                  const Ticket& ticket, CallReason reason,
                                                  const CallChoice& choice, const Actor& actor, TimeMs now,
                                                  const std::string& key);
    static CallChoice nextChoice(const CounterContext& ctx);
    // The counter's context for a call at it, after the checks every call makes (see the .cpp).
    Result<CounterContext> openCall(int counter, CounterContextKind kind, TimeMs now);
    // The outcome of a call that committed before the connection was lost.
    Result<CallOutcome> recoverCall(std::optional<std::int64_t> ticketId);
    // The number (with its estimate) a take or check-in that committed before the connection was lost issued.
    Result<IssuedTicket> recoverIssued(std::optional<std::int64_t> ticketId);
    // The ticket as a move that committed before the connection was lost left it.
    Result<Ticket> recoverMove(std::optional<std::int64_t> ticketId);
    // True when callNext would find nothing waiting and write nothing (decided by a read).
    bool nothingToCall(int counter);
    // Queue position for a ticket joining at the back: its time, but never ahead of a ticket already
    // placed today, so the order holds even if the clock is set back during the day.
    std::int64_t backOfQueueKey(const std::string& day, TimeMs now);
    // knownRole: the actor's role as already read (NumberContext::staffRole); null: read it now.
    std::optional<std::string> refuseForRole(const Ticket& ticket, const Actor& actor, const char* verb,
                                             const std::optional<std::string>* knownRole = nullptr);
    // Runs one write move: retried when PostgreSQL asks for it (deadlock) and, when the connection
    // was lost during COMMIT, looked up by its key instead of being applied twice.
    template <class R, class F, class Recover>
    R writeMove(const Actor& actor, F&& body, Recover&& recover);
    template <class F>
    Result<Ticket> moveActive(int counter, const Actor& actor, const char* verb, F&& move);
    // The same for a move on one of today's tickets named by number (cancel, reactivate).
    template <class F>
    Result<Ticket> moveByNumber(const std::string& number, const Actor& actor, F&& move);

    Database& m_db;
    TicketStore m_store;
    const Clock& m_clock;
    std::unique_ptr<BusinessCalendar> m_calendar;
    std::unique_ptr<IssuingHours> m_issuing;
    CallOrderConfig m_callOrder;
    RatingConfig m_rating;
    CitizenIdConfig m_citizenId;
    // [appointments] enabled: a take then counts the checked-in appointments that will go first.
    bool m_appointmentsOn = false;
    nlohmann::json m_office;
    std::string m_timeZone;
    std::map<std::string, ServiceKind> m_serviceKinds;  // services of kind results or supplement
    nlohmann::json m_settings;  // every setting read, as read (reloadSettings compares with it)
    int m_clockGuardDays = 31;
};

std::string formatNumber(const std::string& prefix, std::int64_t seq);
nlohmann::json toJson(const Ticket& ticket, const BusinessCalendar& calendar);

}  // namespace motcua::queue
