#include "queue/queue_service.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "queue/dossier_code.h"
#include "queue/postgres.h"
#include "queue/settings_store.h"
#include "queue/staff_service.h"
#include "queue/ticket_links.h"

namespace motcua::queue {

namespace {

constexpr const char* kBadNumber = "a ticket number is a letter prefix and digits, e.g. A012";

template <class T>
Result<T> notAllowed(const Ticket& t, const std::string& what) {
    return Result<T>::failure(Outcome::NotAllowed,
                              fmt::format("{} is {}; {}", t.number, toString(t.state), what));
}

}  // namespace

const char* toString(TicketState state) {
    switch (state) {
        case TicketState::Waiting:
            return "waiting";
        case TicketState::Called:
            return "called";
        case TicketState::Serving:
            return "serving";
        case TicketState::Done:
            return "done";
        case TicketState::NoShow:
            return "noshow";
        case TicketState::Held:
            return "held";
        case TicketState::Cancelled:
            return "cancelled";
        case TicketState::Expired:
            return "expired";
    }
    return "unknown";
}

std::optional<TicketState> ticketStateFromString(std::string_view text) {
    for (auto s : {TicketState::Waiting, TicketState::Called, TicketState::Serving, TicketState::Done,
                   TicketState::NoShow, TicketState::Held, TicketState::Cancelled, TicketState::Expired}) {
        if (text == toString(s)) return s;
    }
    return std::nullopt;
}

const char* toString(Outcome outcome) {
    switch (outcome) {
        case Outcome::Ok:
            return "ok";
        case Outcome::NothingWaiting:
            return "nothing_waiting";
        case Outcome::NotAllowed:
            return "not_allowed";
        case Outcome::NotFound:
            return "not_found";
        case Outcome::Invalid:
            return "invalid";
        case Outcome::CapReached:
            return "cap_reached";
        case Outcome::ClockWrong:
            return "clock_wrong";
        case Outcome::OutsideHours:
            return "outside_hours";
        case Outcome::CitizenLimit:
            return "citizen_limit";
    }
    return "unknown";
}

std::string formatNumber(const std::string& prefix, std::int64_t seq) {
    return fmt::format("{}{:03}", prefix, seq);
}

nlohmann::json toJson(const Ticket& t, const BusinessCalendar& calendar) {
    nlohmann::json j = {
        {"id", t.id},
        {"number", t.number},
        {"business_day", t.businessDay},
        {"service", t.currentServiceCode},
        {"service_name", t.currentServiceName},
        {"issued_service", t.serviceCode},
        {"priority", t.priority ? nlohmann::json(*t.priority) : nlohmann::json(nullptr)},
        {"priority_name", t.priorityName},
        {"state", toString(t.state)},
        {"counter", t.counter ? nlohmann::json(*t.counter) : nlohmann::json(nullptr)},
        {"recalls", t.recalls},
        {"leg", t.leg},
        {"issued_at", calendar.isoLocal(t.issuedAt)},
        {"updated_at", calendar.isoLocal(t.updatedAt)},
    };
    return j;
}

std::string newMoveKey() {
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    std::string out;
    out.reserve(32);
    for (unsigned char b : bytes) out += fmt::format("{:02x}", b);
    return out;
}

namespace {

constexpr TimeMs kDayMs = 24LL * 60 * 60 * 1000;

// What a move at a counter changes: the ticket after it and the event that records it.
struct Change {
    Ticket after;
    EventRow event;
};
using MoveResult = Result<Change>;

MoveResult moveTo(const Ticket& before, TicketState state, const char* kind, nlohmann::json detail) {
    Change c{before, {}};
    c.after.state = state;
    c.event.kind = kind;
    c.event.detail = std::move(detail);
    return MoveResult::success(std::move(c));
}

template <class T, class U>
Result<T> refusedAs(const Result<U>& r) {
    return Result<T>::failure(r.outcome, r.message);
}

const nlohmann::json kEndOfDay = {{"reason", "business day ended"}};

}  // namespace

QueueService::QueueService(Database& db, const Clock& clock) : m_db(db), m_store(db), m_clock(clock) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    reloadSettings();
}

bool QueueService::reloadSettings() {
    auto read = [&](const char* key) {
        auto value = readSetting(m_db, key);
        return value.is_discarded() ? nlohmann::json() : value;
    };
    nlohmann::json all = {{"office", read("office")},
                          {"issuing", read("issuing")},
                          {"call_order", read("call_order")},
                          {"citizen_id", read("citizen_id")},
                          {"rating", read("rating")}};
    if (m_calendar && all == m_settings) return false;  // the usual case: nothing changed
    m_settings = all;
    m_office = all["office"].is_object() ? all["office"] : nlohmann::json::object();
    // The calendar object stays while the zone does (screens hold references to it for a frame).
    const std::string zone = m_office.value("time_zone", std::string("Asia/Ho_Chi_Minh"));
    if (!m_calendar || zone != m_timeZone) m_calendar = std::make_unique<BusinessCalendar>(zone);
    m_timeZone = zone;
    m_clockGuardDays = m_office.value("clock_guard_days", 31);
    const auto& issuing = all["issuing"];
    m_issuing =
        std::make_unique<IssuingHours>(m_office, issuing.is_object() ? issuing : nlohmann::json::object());
    m_callOrder = CallOrderConfig{};
    if (const auto& order = all["call_order"]; order.is_object()) {
        m_callOrder.priorityInterleave = order.value("priority_interleave", m_callOrder.priorityInterleave);
        m_callOrder.recallLimit = order.value("recall_limit", m_callOrder.recallLimit);
        m_callOrder.defaultServiceMinutes =
            order.value("default_service_minutes", m_callOrder.defaultServiceMinutes);
        m_callOrder.estimateSamples = order.value("estimate_samples", m_callOrder.estimateSamples);
        m_callOrder.waitTargetMinutes = order.value("wait_target_minutes", m_callOrder.waitTargetMinutes);
    }
    m_serviceKinds.clear();
    if (issuing.is_object() && issuing.contains("services") && issuing["services"].is_object()) {
        for (const auto& [code, service] : issuing["services"].items()) {
            const auto kind = serviceKindFromWord(service.value("kind", std::string()));
            if (kind && *kind != ServiceKind::Submit) m_serviceKinds[code] = *kind;
        }
    }
    m_citizenId = citizenIdFromSettings(all["citizen_id"]);
    m_appointmentsOn = appointmentConfigFromSettings(m_office).enabled;
    m_rating = RatingConfig{};
    if (const auto& rating = all["rating"]; rating.is_object()) {
        m_rating.levels = rating.value("levels", m_rating.levels);
        m_rating.timeoutSeconds = rating.value("timeout_seconds", m_rating.timeoutSeconds);
    }
    return true;
}

std::optional<std::string> QueueService::canonicalNumber(const std::string& text) {
    std::size_t i = 0;
    std::string prefix;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])) && prefix.size() < 3) {
        prefix += static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
        ++i;
    }
    const std::string digits = text.substr(i);
    if (prefix.empty() || digits.empty() || digits.size() > 5 ||
        !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return std::nullopt;
    }
    const auto seq = std::stoll(digits);
    if (seq <= 0) return std::nullopt;
    return formatNumber(prefix, seq);
}

// The business day is the office's local date by the clock: numbers restart at local midnight and
// reports file every ticket under the day it was issued. A clock cannot be checked against anything
// but what was recorded, so the guard compares it with the last write (the newest event):
//  - its day is later than the clock's: the clock went back across midnight (a dead CMOS battery),
//    or was ahead when that was written (a bad NTP answer). Writing now would file tickets under a
//    day that is over, or leave the future-dated ones open for ever;
//  - it is more than clock_guard_days before the clock (31 by default): the clock jumped ahead
//    (an office is not closed for a month; Tết is nine days).
// Either way nothing is issued or called until staff set the clock right or run `motcua close-day`,
// which repairs what was written under the wrong day and records that the date was checked. Within
// one day the clock may go back and forth: queue positions never go backwards (backOfQueueKey).
std::string QueueService::businessDay() {
    return m_calendar->dayOf(m_clock.now());
}

std::optional<std::string> QueueService::clockProblem(const WriteGuard& guard, TimeMs now,
                                                      const std::string& day) const {
    if (!guard.lastEventAt) return std::nullopt;
    const std::string lastDay = m_calendar->dayOf(*guard.lastEventAt);
    if (lastDay > day) {
        return fmt::format(
            "the clock reads {}, but the last activity was recorded on {}: set the clock right, or if it "
            "is right, run 'motcua close-day' (nothing was issued or called)",
            m_calendar->isoLocal(now), m_calendar->isoLocal(*guard.lastEventAt));
    }
    if (now - *guard.lastEventAt > m_clockGuardDays * kDayMs) {
        return fmt::format(
            "the clock reads {}, {} days after the last recorded activity ({}): if that date is right, "
            "run 'motcua close-day' to confirm it (nothing was issued or called)",
            m_calendar->isoLocal(now), (now - *guard.lastEventAt) / kDayMs,
            m_calendar->isoLocal(*guard.lastEventAt));
    }
    return std::nullopt;
}

template <class R, class F, class Recover>
R QueueService::writeMove(const Actor& actor, F&& body, Recover&& recover) {
    const std::string key = actor.moveKey.empty() ? newMoveKey() : actor.moveKey;
    if (!actor.moveKey.empty()) {
        // The caller retries a move of its own: it may have been applied before the connection went.
        if (auto done = m_store.committedMove(key)) return recover(*done);
    }
    for (int attempt = 1;; ++attempt) {
        try {
            Transaction tx(m_db);
            if (std::optional<R> result = body(tx, key)) return std::move(*result);
            // nullopt: another counter took the ticket this move chose; choose again.
            if (attempt >= 50)
                throw DatabaseError("the move kept losing races; try again", DatabaseError::Kind::Busy);
        } catch (const DatabaseError& e) {
            if (e.kind() == DatabaseError::Kind::Retry && attempt < 10)
                continue;  // deadlock or serialization
            if (!e.isConnectionLost() || !m_db.isPostgres() || attempt >= 3) throw;
            // The request may have reached the server before the connection went: after reconnecting,
            // the key tells whether the move committed.
            const std::exception_ptr lost = std::current_exception();
            try {
                reconnectPostgres(m_db);
            } catch (const DatabaseError&) {
                std::rethrow_exception(lost);
            }
            if (auto done = m_store.committedMove(key)) return recover(*done);
        }
    }
}

int QueueService::closeEarlierDays() {
    Transaction tx(m_db);
    const int n = m_store.expireBefore(businessDay(), m_clock.now(), kEndOfDay);
    tx.commit();
    return n;
}

DayRepair QueueService::closeDay() {
    Transaction tx(m_db);
    const TimeMs now = m_clock.now();
    const std::string day = businessDay();
    DayRepair r;
    const auto guard = m_store.writeGuard();  // before this repair's own events
    r.expiredEarlier = m_store.expireBefore(day, now, kEndOfDay);
    const auto future = m_store.ticketsAfter(day);
    r.futureDay = future.newestDay;
    r.futureTickets = future.count;
    if (future.open > 0) {
        r.expiredFuture = m_store.expireAfter(
            day, now,
            {{"reason", "dated after the day the clock reads: the clock was ahead when it was issued"}});
    }
    if (clockProblem(guard, now, day) || r.expiredFuture > 0) {
        // Recorded at the clock's time, this event is the last write the guard compares with.
        nlohmann::json detail = {{"clock", m_calendar->isoLocal(now)},
                                 {"future_tickets", r.futureTickets},
                                 {"expired_future", r.expiredFuture}};
        if (guard.lastEventAt) detail["last_activity"] = m_calendar->isoLocal(*guard.lastEventAt);
        if (r.futureDay) detail["future_day"] = *r.futureDay;
        m_store.appendEvent(EventRow{std::nullopt,
                                     "clock_confirmed",
                                     now,
                                     std::nullopt,
                                     std::nullopt,
                                     std::nullopt,
                                     std::move(detail),
                                     {}});
        r.clockConfirmed = true;
    }
    tx.commit();
    return r;
}

std::optional<std::string> QueueService::clockCheck() {
    Transaction tx(m_db, Transaction::Kind::Snapshot);
    const TimeMs now = m_clock.now();
    const std::string day = businessDay();
    const auto future = m_store.ticketsAfter(day);
    if (future.open > 0) {
        return fmt::format(
            "{} open tickets are dated after today ({}, newest {}): the clock was ahead when they were "
            "issued, or is behind now; set the clock right, then run 'motcua close-day'",
            future.open, day, future.newestDay.value_or("?"));
    }
    return clockProblem(m_store.writeGuard(), now, day);
}

std::pair<IssuedTicket, ServiceRate> QueueService::ticketFacts(const Ticket& ticket,
                                                               std::vector<int> counters, std::string nameEn,
                                                               std::string note,
                                                               const ServiceHistory& history) const {
    IssuedTicket issued;
    issued.ticket = ticket;
    issued.serviceNameEn = std::move(nameEn);
    issued.ticketNote = std::move(note);
    applyLateNote(issued);
    const ServiceRate rate = serviceRate(history, m_callOrder, counters.size());
    issued.counters = std::move(counters);
    issued.countersServing = rate.counters;
    issued.basis = history.samples > 0 ? EstimateBasis::History : EstimateBasis::Default;
    issued.historySamples = history.samples;
    return {std::move(issued), rate};
}

IssuedTicket QueueService::estimateFor(const Ticket& ticket, std::vector<int> counters, std::string nameEn,
                                       std::string note) {
    auto [issued, rate] =
        ticketFacts(ticket, std::move(counters), std::move(nameEn), std::move(note),
                    m_store.serviceHistory(ticket.curServiceId, m_callOrder.estimateSamples));
    issued.ahead = ticket.state == TicketState::Waiting ? aheadNow(ticket, rate) : 0;
    issued.estimatedWaitSeconds = expectedWaitSeconds(issued.ahead, rate);
    return issued;
}

int QueueService::aheadNow(const Ticket& ticket, const ServiceRate& rate) {
    return peopleAhead(m_store.waitingOf(ticket.curServiceId, ticket.businessDay),
                       WaitingTicket{ticket.id, ticket.priority.has_value(), ticket.queueKey, ticket.dueAt},
                       m_clock.now(), rate);
}

IssuingState QueueService::issuingState(const std::string& serviceCode) const {
    return m_issuing->at(m_clock.now(), *m_calendar, serviceCode);
}

void QueueService::applyLateNote(IssuedTicket& issued) const {
    if (auto late = m_issuing->lateNote(issued.ticket.issuedAt, *m_calendar, issued.ticket.serviceCode)) {
        issued.ticketNote = late->first;
        issued.ticketNoteEn = late->second;
    }
}

ServiceKind QueueService::serviceKind(const std::string& serviceCode) const {
    const auto it = m_serviceKinds.find(serviceCode);
    return it == m_serviceKinds.end() ? ServiceKind::Submit : it->second;
}

std::optional<std::string> QueueService::dossierCodeOf(std::int64_t ticketId) {
    const auto detail = m_store.lastEventDetail(ticketId, "issue");
    if (!detail || !detail->contains("dossier_code") || !(*detail)["dossier_code"].is_string())
        return std::nullopt;
    return (*detail)["dossier_code"].get<std::string>();
}

Result<IssuedTicket> QueueService::take(const std::string& serviceCode,
                                        const std::optional<std::string>& priority, const Actor& actorIn,
                                        const std::optional<std::string>& citizen) {
    // A results or supplement number carries its dossier's code, read and checked before anything is
    // written; a number for a new dossier carries none.
    Actor actor = actorIn;
    const ServiceKind kind = serviceKind(serviceCode);
    if (kind == ServiceKind::Submit && !actor.dossierCode.empty()) {
        return Result<IssuedTicket>::failure(
            Outcome::Invalid,
            fmt::format("service '{}' takes new dossiers: a dossier code goes with a service of "
                        "kind results or supplement (nothing was issued)",
                        serviceCode));
    }
    if (kind != ServiceKind::Submit) {
        if (actor.dossierCode.empty()) {
            return Result<IssuedTicket>::failure(
                Outcome::Invalid,
                fmt::format("service '{}' is for {}: its numbers are taken with the dossier's code (nothing "
                            "was issued)",
                            serviceCode, kind == ServiceKind::Results ? "results" : "additional papers"));
        }
        const auto reading = readDossierCode(actor.dossierCode);
        if (!reading.ok()) {
            return Result<IssuedTicket>::failure(
                Outcome::Invalid,
                fmt::format("dossier code: {} (nothing was issued)", toString(reading.problem)));
        }
        actor.dossierCode = *reading.code;
    }
    // PostgreSQL: two round trips (three with a citizen: the citizen's lock and count). BEGIN rides with the
    // context read (which locks the service row), and the ticket, its event and COMMIT go together.
    return writeMove<Result<IssuedTicket>>(
        actor,
        [&](Transaction& tx, const std::string& key) -> std::optional<Result<IssuedTicket>> {
            return issueTicket(tx, key, serviceCode, priority, actor, citizen, nullptr);
        },
        [&](std::optional<std::int64_t> id) { return recoverIssued(id); });
}

Result<IssuedTicket> QueueService::recoverIssued(std::optional<std::int64_t> id) {
    const auto issued = id ? m_store.ticket(*id) : std::nullopt;
    if (!issued) return Result<IssuedTicket>::failure(Outcome::NotFound, "the ticket taken before is gone");
    auto out = estimate(issued->number);
    if (!out) return Result<IssuedTicket>::failure(Outcome::NotFound, "the ticket taken before is gone");
    out->dossierCode = dossierCodeOf(issued->id).value_or("");
    return Result<IssuedTicket>::success(std::move(*out));
}

std::optional<IssuedTicket> QueueService::takenBefore(const std::string& moveKey) {
    if (moveKey.empty()) return std::nullopt;
    const auto done = m_store.committedMove(moveKey);
    if (!done || !*done) return std::nullopt;
    auto issued = recoverIssued(*done);
    if (!issued.ok()) return std::nullopt;
    return std::move(issued.value);
}

// The issuing of take() and checkIn(), inside the move's transaction, which it commits on success.
// appointment: the booking being checked in (then no daily cap applies: its slot was the cap, and the
// number carries the slot's start as due_at; the booking is marked checked in in the same transaction).
std::optional<Result<IssuedTicket>> QueueService::issueTicket(Transaction& tx, const std::string& key,
                                                              const std::string& serviceCode,
                                                              const std::optional<std::string>& priority,
                                                              const Actor& actor,
                                                              const std::optional<std::string>& citizen,
                                                              const Appointment* appointment) {
    const TimeMs now = m_clock.now();
    const std::string day = businessDay();
    auto ctx = m_store.issueContext(serviceCode, priority, day, m_callOrder.estimateSamples);
    if (!ctx)
        return Result<IssuedTicket>::failure(Outcome::NotFound,
                                             fmt::format("unknown service '{}'", serviceCode));
    if (auto problem = clockProblem(ctx->guard, now, day)) {
        return Result<IssuedTicket>::failure(Outcome::ClockWrong, *problem);
    }
    if (!ctx->priorityKnown) {
        return Result<IssuedTicket>::failure(Outcome::NotFound,
                                             fmt::format("unknown priority category '{}'", *priority));
    }
    if (const auto hours = m_issuing->at(now, *m_calendar, serviceCode); !hours.open) {
        return Result<IssuedTicket>::failure(Outcome::OutsideHours,
                                             hours.messageEn + " (nothing was issued)");
    }
    const std::int64_t seq = ctx->lastSeq + 1;
    if (!appointment && ctx->dailyCap && seq > *ctx->dailyCap) {
        return Result<IssuedTicket>::failure(
            Outcome::CapReached,
            fmt::format("service '{}' has issued all {} numbers for today", serviceCode, *ctx->dailyCap));
    }
    if (citizen && (m_citizenId.perDay > 0 || m_citizenId.perField > 0)) {
        const auto used =
            m_store.citizenUsage(*citizen, ctx->serviceId, day, m_calendar->startOfDay(now), true);
        const bool overDay = m_citizenId.perDay > 0 && used.today >= m_citizenId.perDay;
        const bool overField = m_citizenId.perField > 0 && used.forService >= m_citizenId.perField;
        if (!used.lifted && (overDay || overField)) {
            return Result<IssuedTicket>::failure(
                Outcome::CitizenLimit,
                overDay ? fmt::format("this citizen has taken {} numbers today, the office's limit "
                                      "(nothing was issued)",
                                      used.today)
                        : fmt::format("this citizen has taken {} number(s) of service '{}' today, the "
                                      "office's limit per field (nothing was issued)",
                                      used.forService, serviceCode));
        }
    }
    if (ctx->earlierDaysOpen) m_store.expireBefore(day, now, kEndOfDay);

    Ticket t;
    t.number = formatNumber(ctx->prefix, seq);
    t.businessDay = day;
    t.serviceCode = t.currentServiceCode = serviceCode;
    t.currentServiceName = ctx->name;
    t.priority = priority;
    t.priorityName = ctx->priorityName;
    t.issuedAt = t.updatedAt = now;
    // Queue position: its time, but never ahead of a ticket already placed today, so the order
    // holds even if the clock is set back during the day.
    t.queueKey = std::max(now, ctx->lastQueueKey.value_or(now - 1) + 1);
    t.serviceId = t.curServiceId = ctx->serviceId;
    EventRow issue{std::nullopt,
                   "issue",
                   now,
                   std::nullopt,
                   actor.staffId,
                   ctx->serviceId,
                   {{"number", t.number},
                    {"seq", seq},
                    {"business_day", day},
                    {"priority", priority ? nlohmann::json(*priority) : nlohmann::json(nullptr)}},
                   key};
    if (!actor.channel.empty()) issue.detail["channel"] = actor.channel;
    if (!actor.dossierCode.empty()) issue.detail["dossier_code"] = actor.dossierCode;
    if (appointment) {
        t.dueAt = appointment->startsAt;
        issue.detail["appointment"] = appointment->id;
    }
    t.id = m_store.insertTicket(
        {ctx->serviceId, day, ctx->prefix, seq, t.number, priority, t.queueKey, now, citizen, t.dueAt},
        std::move(issue), appointment ? nullptr : &tx);
    if (appointment) {
        // Another kiosk checked the same booking in meanwhile: this number is rolled back.
        if (!AppointmentStore(m_db).markCheckedIn(appointment->id, t.id, now)) {
            return Result<IssuedTicket>::failure(Outcome::NotAllowed,
                                                 "the appointment was checked in elsewhere meanwhile");
        }
        tx.commit();
    }
    auto [issued, rate] = ticketFacts(t, ctx->counters, ctx->nameEn, ctx->ticketNote, ctx->history);
    issued.dossierCode = actor.dossierCode;
    // A priority ticket waits behind the priority tickets already waiting; a normal one behind
    // everyone waiting (its queue position is the newest of the day): peopleAhead's rule for the
    // newest ticket, from the counts the context read. Checked-in appointments that go first once
    // their slot begins, and an appointment's own number, need the waiting list itself.
    issued.ahead = priority ? ctx->priorityWaiting : ctx->waiting;
    if (appointment || (m_appointmentsOn && priority)) issued.ahead = aheadNow(t, rate);
    issued.estimatedWaitSeconds = expectedWaitSeconds(issued.ahead, rate);
    return Result<IssuedTicket>::success(std::move(issued));
}

CheckIn QueueService::checkIn(const std::string& codeText, const Actor& actorIn,
                              const std::optional<std::string>& citizen) {
    CheckIn out;
    const auto refuse = [&](CheckInProblem problem, Outcome outcome, std::string message) {
        out.problem = problem;
        out.result = Result<IssuedTicket>::failure(outcome, std::move(message));
        return out;
    };
    const auto code = TicketLinks::canonicalShortCode(codeText);
    if (!code) return refuse(CheckInProblem::BadCode, Outcome::Invalid, "not an appointment code");
    Actor actor = actorIn;
    actor.channel = "appointment";
    const TimeMs graceMs = appointmentConfigFromSettings(m_office).graceMinutes * 60'000LL;
    out.result = writeMove<Result<IssuedTicket>>(
        actor,
        [&](Transaction& tx, const std::string& key) -> std::optional<Result<IssuedTicket>> {
            out.problem = CheckInProblem::None;
            AppointmentStore store(m_db);
            out.appointment = store.byCode(*code);
            const auto& a = out.appointment;
            const auto fail = [&](CheckInProblem p, Outcome o, std::string m) {
                out.problem = p;
                return Result<IssuedTicket>::failure(o, std::move(m));
            };
            if (!a)
                return fail(CheckInProblem::UnknownCode, Outcome::NotFound, "no appointment has this code");
            const TimeMs now = m_clock.now();
            const std::string day = businessDay();
            if (a->state == AppointmentState::CheckedIn) {
                return fail(CheckInProblem::AlreadyCheckedIn, Outcome::NotAllowed,
                            fmt::format("the appointment was checked in before: number {}",
                                        a->ticketNumber.value_or("?")));
            }
            if (a->state == AppointmentState::Cancelled)
                return fail(CheckInProblem::Cancelled, Outcome::NotAllowed, "the appointment was cancelled");
            if (a->day != day) {
                return fail(CheckInProblem::OtherDay, Outcome::NotAllowed,
                            fmt::format("the appointment is for {}, not today", a->day));
            }
            if (a->state == AppointmentState::Expired || now > a->endsAt + graceMs) {
                return fail(CheckInProblem::Late, Outcome::NotAllowed,
                            fmt::format("the appointment's slot ended at {} and the grace is over: expired",
                                        m_calendar->clockText(a->endsAt)));
            }
            auto issued = issueTicket(tx, key, a->serviceCode, {}, actor, citizen, &*a);
            if (issued && !issued->ok()) out.problem = CheckInProblem::NotIssued;
            return issued;
        },
        [&](std::optional<std::int64_t> id) { return recoverIssued(id); });
    return out;
}

std::optional<CitizenLimitRefusal> QueueService::citizenLimit(const std::string& citizen,
                                                              const std::string& serviceCode) {
    Transaction tx(m_db);
    const auto service = m_store.activeService(serviceCode);
    if (!service) return std::nullopt;
    const TimeMs now = m_clock.now();
    const auto used =
        m_store.citizenUsage(citizen, service->id, businessDay(), m_calendar->startOfDay(now), false);
    CitizenLimitRefusal r;
    if (used.lifted) return std::nullopt;
    if (m_citizenId.perDay > 0 && used.today >= m_citizenId.perDay) {
        r = {CitizenLimitRefusal::Which::PerDay, used.today, m_citizenId.perDay, 0};
    } else if (m_citizenId.perField > 0 && used.forService >= m_citizenId.perField) {
        r = {CitizenLimitRefusal::Which::PerField, used.forService, m_citizenId.perField, 0};
    } else {
        return std::nullopt;
    }
    r.reference = m_store.appendCitizenEvent(
        EventRow{std::nullopt,
                 "limit_refused",
                 now,
                 std::nullopt,
                 std::nullopt,
                 service->id,
                 {{"limit", r.which == CitizenLimitRefusal::Which::PerDay ? "per_day" : "per_field"},
                  {"taken", r.taken},
                  {"allowed", r.allowed}},
                 {}},
        citizen);
    tx.commit();
    return r;
}

Result<std::int64_t> QueueService::liftCitizenLimit(std::int64_t reference, const std::string& reason,
                                                    const Actor& actor) {
    using R = Result<std::int64_t>;
    std::string why = reason;
    while (!why.empty() && std::isspace(static_cast<unsigned char>(why.back()))) why.pop_back();
    while (!why.empty() && std::isspace(static_cast<unsigned char>(why.front()))) why.erase(why.begin());
    if (why.empty()) return R::failure(Outcome::Invalid, "a reason is required to lift a citizen's limit");
    if (why.size() > 300) return R::failure(Outcome::Invalid, "the reason is too long (300 bytes at most)");
    if (!actor.staffId)
        return R::failure(Outcome::NotAllowed, "only a supervisor may lift a citizen's limit");
    Transaction tx(m_db);
    const auto role = m_store.staffRole(*actor.staffId);
    if (!role || (*role != "supervisor" && *role != "admin"))
        return R::failure(Outcome::NotAllowed, "only a supervisor may lift a citizen's limit");
    const TimeMs now = m_clock.now();
    const auto refused = m_store.citizenEvent(reference);
    if (!refused || refused->kind != "limit_refused" || refused->at < m_calendar->startOfDay(now))
        return R::failure(Outcome::NotFound, fmt::format("no refused number {} today", reference));
    const auto used =
        m_store.citizenUsage(refused->citizen, 0, businessDay(), m_calendar->startOfDay(now), true);
    if (used.lifted)
        return R::failure(Outcome::NotAllowed, "the limits of this citizen are already lifted today");
    const auto id = m_store.appendCitizenEvent(EventRow{std::nullopt,
                                                        "limit_lifted",
                                                        now,
                                                        std::nullopt,
                                                        actor.staffId,
                                                        std::nullopt,
                                                        {{"reference", reference}, {"reason", why}},
                                                        {}},
                                               refused->citizen);
    tx.commit();
    return R::success(id);
}

std::optional<IssuedTicket> QueueService::estimate(const std::string& number) {
    Transaction tx(m_db, Transaction::Kind::Snapshot);
    const auto t = findToday(number);
    if (!t) return std::nullopt;
    const auto [nameEn, note] = m_store.serviceNameEnAndNote(t->curServiceId);
    return estimateFor(*t, m_store.countersServing(t->curServiceId), nameEn, note);
}

std::optional<Ticket> QueueService::findToday(const std::string& number) {
    const auto canonical = canonicalNumber(number);
    if (!canonical) return std::nullopt;
    return m_store.ticketByNumber(businessDay(), *canonical);
}

void QueueService::recordDeviceEvent(const std::string& kind, std::optional<std::int64_t> ticketId,
                                     const nlohmann::json& detail) {
    m_store.appendEvent(
        EventRow{ticketId, kind, m_clock.now(), std::nullopt, std::nullopt, std::nullopt, detail, {}});
}

std::vector<UnprintedTicket> QueueService::unprintedToday() {
    Transaction tx(m_db, Transaction::Kind::Snapshot);  // one snapshot for the list and its tickets
    std::vector<UnprintedTicket> out;
    const auto text = [](const nlohmann::json& detail, const char* key) {
        const auto it = detail.find(key);
        return it != detail.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    for (auto& attempt : m_store.unprintedToday(businessDay())) {
        auto ticket = m_store.ticket(attempt.ticketId);
        if (!ticket) continue;
        UnprintedTicket u{std::move(*ticket), text(attempt.detail, "error"), attempt.at};
        if (text(attempt.detail, "language") == "en") u.language = "en";
        if (attempt.kind == "print_started") {
            u.last = UnprintedTicket::Last::Unfinished;
        } else if (text(attempt.detail, "outcome") == "unknown") {
            u.last = UnprintedTicket::Last::MaybePrinted;
        }
        u.detail = std::move(attempt.detail);
        out.push_back(std::move(u));
    }
    return out;
}

// An officer may cancel or reactivate tickets nobody else has handled; other people's tickets
// need a supervisor. Moves without a staff member (the installer's CLI) are not limited.
std::optional<std::string> QueueService::refuseForRole(const Ticket& ticket, const Actor& actor,
                                                       const char* verb,
                                                       const std::optional<std::string>* knownRole) {
    if (!actor.staffId || !ticket.staffId || *ticket.staffId == *actor.staffId) return std::nullopt;
    const auto role = knownRole ? *knownRole : m_store.staffRole(*actor.staffId);
    if (role && *role != "officer") return std::nullopt;
    return fmt::format("only a supervisor may {} {}: another officer handled it", verb, ticket.number);
}

std::optional<Result<CallOutcome>> QueueService::callTicket(Transaction& tx, const CounterRef& counter,
                                                            const Ticket& ticket, CallReason reason,
                                                            const CallChoice& choice, const Actor& actor,
                                                            TimeMs now, const std::string& key) {
    Ticket after = ticket;
    after.state = TicketState::Called;
    after.counterId = counter.id;
    after.counter = counter.number;
    after.staffId = actor.staffId;
    after.recalls = 0;
    after.updatedAt = now;
    const EventRow event{ticket.id,
                         "call",
                         now,
                         counter.id,
                         actor.staffId,
                         ticket.curServiceId,
                         {{"priority", ticket.priority.has_value()},
                          {"reason", reasonCode(reason)},
                          {"from", toString(ticket.state)}},
                         key};
    // PostgreSQL: the guarded UPDATE, its event and COMMIT in one request. Another counter may have
    // called this ticket since it was read: then nothing was written and the caller chooses again.
    if (!m_store.writeTicket(ticket, after, event, &tx)) return std::nullopt;
    CallChoice shown = choice;
    shown.reason = reason;
    if (reason == CallReason::Appointment && ticket.dueAt)
        shown.slotText = m_calendar->clockText(*ticket.dueAt);
    CallOutcome out;
    out.ticket = std::move(after);
    out.reason = reason;
    out.reasonVi = explainVi(shown, m_callOrder.priorityInterleave);
    out.reasonEn = explainEn(shown, m_callOrder.priorityInterleave);
    return Result<CallOutcome>::success(std::move(out));
}

namespace {
Result<CallOutcome> nothingWaitingFor(int counterNumber) {
    return Result<CallOutcome>::failure(Outcome::NothingWaiting,
                                        fmt::format("no ticket waiting for counter {}", counterNumber));
}

// Why a counter cannot call now (on a break, or still holding a ticket), or nullopt.
std::optional<std::string> cannotCall(const CounterContext& c) {
    if (c.breakReason) {
        return fmt::format("counter {} is on a break ({}); end the break to call", c.counter.number,
                           *c.breakReason);
    }
    if (c.activeNumber) {
        return fmt::format("counter {} still has {} ({}); finish, mark no-show, return or hold it first",
                           c.counter.number, *c.activeNumber,
                           c.activeState ? toString(*c.activeState) : "active");
    }
    return std::nullopt;
}

}  // namespace

// The choice the store made for a counter's first waiting ticket, for explaining it.
CallChoice QueueService::nextChoice(const CounterContext& ctx) {
    return CallChoice{
        0, ctx.nextReason.value_or(CallReason::OnlyNormalWaiting), ctx.normalsSincePriority.value_or(-1), {}};
}

Result<Ticket> QueueService::recoverMove(std::optional<std::int64_t> id) {
    auto t = id ? m_store.ticket(*id) : std::nullopt;
    if (!t) return Result<Ticket>::failure(Outcome::NotFound, "the ticket moved before is gone");
    return Result<Ticket>::success(std::move(*t));
}

Result<CallOutcome> QueueService::recoverCall(std::optional<std::int64_t> id) {
    const auto t = id ? m_store.ticket(*id) : std::nullopt;
    if (!t) return Result<CallOutcome>::failure(Outcome::NotFound, "the ticket called before is gone");
    CallOutcome out;
    out.ticket = *t;
    const auto detail = m_store.lastEventDetail(t->id, "call").value_or(nlohmann::json::object());
    out.reason =
        callReasonFromCode(detail.value("reason", std::string())).value_or(CallReason::OnlyNormalWaiting);
    CallChoice shown{0, out.reason, 0, {}};
    if (out.reason == CallReason::Appointment && t->dueAt) shown.slotText = m_calendar->clockText(*t->dueAt);
    out.reasonVi = explainVi(shown, m_callOrder.priorityInterleave);
    out.reasonEn = explainEn(shown, m_callOrder.priorityInterleave);
    return Result<CallOutcome>::success(std::move(out));
}

// What every call does first, inside the move's transaction: the counter's context, locked on
// PostgreSQL (kind: Next for callNext, with the ticket the call order chose); then the clock is
// checked, tickets left open from earlier days are closed, and the counter must be free to call
// (not on a break, no called or serving ticket).
Result<CounterContext> QueueService::openCall(int counterNumber, CounterContextKind kind, TimeMs now) {
    using R = Result<CounterContext>;
    const std::string day = businessDay();
    auto ctx = m_store.counterContext(counterNumber, day, m_calendar->startOfDay(now), now, kind, true,
                                      m_callOrder.priorityInterleave);
    if (!ctx) return R::failure(Outcome::NotFound, fmt::format("unknown counter {}", counterNumber));
    if (auto problem = clockProblem(ctx->guard, now, day)) return R::failure(Outcome::ClockWrong, *problem);
    if (ctx->earlierDaysOpen) m_store.expireBefore(day, now, kEndOfDay);
    if (auto busy = cannotCall(*ctx)) return R::failure(Outcome::NotAllowed, *busy);
    return R::success(std::move(*ctx));
}

Result<CallOutcome> QueueService::callNext(int counterNumber, const Actor& actor) {
    // SQLite: "nothing waiting" is the common answer to an officer pressing F1 on a quiet afternoon:
    // found by a read, without taking the write lock every kiosk and counter waits for. A ticket taken
    // just after this read is simply taken after this call. (PostgreSQL has no such lock: the move's
    // own first request answers it.)
    if (!m_db.isPostgres() && nothingToCall(counterNumber)) return nothingWaitingFor(counterNumber);
    // PostgreSQL: two requests. 1: BEGIN, the counter's lock and its context with the ticket the call
    // order chose; 2: the guarded UPDATE of that ticket, its event and COMMIT (callTicket).
    return writeMove<Result<CallOutcome>>(
        actor,
        [&](Transaction& tx, const std::string& key) -> std::optional<Result<CallOutcome>> {
            const TimeMs now = m_clock.now();
            auto opened = openCall(counterNumber, CounterContextKind::Next, now);
            if (!opened.ok()) return refusedAs<CallOutcome>(opened);
            auto& ctx = opened.value;
            // The store chose the ticket by the call order (kCallOrder, in SQL), and says why.
            if (ctx->waiting.empty()) {
                if (ctx->earlierDaysOpen) tx.commit();
                return nothingWaitingFor(counterNumber);
            }
            const CallChoice choice = nextChoice(*ctx);
            return callTicket(tx, ctx->counter, ctx->waiting.front(), choice.reason, choice, actor, now, key);
        },
        [&](std::optional<std::int64_t> id) { return recoverCall(id); });
}

bool QueueService::nothingToCall(int counterNumber) {
    Transaction tx(m_db, Transaction::Kind::Snapshot);  // a read: one snapshot, no write lock
    const TimeMs now = m_clock.now();
    const std::string day = businessDay();
    // The usual case when it is not nothing: a ticket waits. One index probe says so, and the call
    // goes on to the write (the full context below costs as much as the call's own).
    if (m_store.anyWaitingFor(counterNumber, day)) return false;
    const auto ctx = m_store.counterContext(counterNumber, day, m_calendar->startOfDay(now), now,
                                            CounterContextKind::Next, false, m_callOrder.priorityInterleave);
    // Anything else (unknown counter, a clock problem, closing earlier days) is for the full path.
    return ctx && !ctx->earlierDaysOpen && !clockProblem(ctx->guard, now, day) && !cannotCall(*ctx) &&
           ctx->waiting.empty();
}

Result<CallOutcome> QueueService::callNumber(int counterNumber, const std::string& numberText,
                                             const Actor& actor) {
    // PostgreSQL: three requests, as transfer. 1: BEGIN, the counter's lock and its context (openCall);
    // 2: the ticket by its number, with whether this counter calls its service and the officer's role
    // (numberContext); 3: the guarded UPDATE of the ticket, its event and COMMIT (callTicket).
    const auto number = canonicalNumber(numberText);
    if (!number) return Result<CallOutcome>::failure(Outcome::Invalid, kBadNumber);
    return writeMove<Result<CallOutcome>>(
        actor,
        [&](Transaction& tx, const std::string& key) -> std::optional<Result<CallOutcome>> {
            const TimeMs now = m_clock.now();
            auto opened = openCall(counterNumber, CounterContextKind::Active, now);
            if (!opened.ok()) return refusedAs<CallOutcome>(opened);
            auto& ctx = opened.value;
            const std::string day = businessDay();
            // Request 2: the ticket, whether this counter calls its service, and the officer's role.
            const auto byNumber = m_store.numberContext(day, *number, actor.staffId, ctx->counter.id);
            const auto& ticket = byNumber.ticket;
            if (!ticket)
                return Result<CallOutcome>::failure(Outcome::NotFound,
                                                    fmt::format("no ticket {} today", *number));
            if (ticket->state != TicketState::Waiting && ticket->state != TicketState::Held) {
                return notAllowed<CallOutcome>(*ticket, "only a waiting or held ticket can be called");
            }
            if (!byNumber.counterServes) {
                return Result<CallOutcome>::failure(
                    Outcome::NotAllowed,
                    fmt::format("counter {} does not serve {} ({}); transfer the ticket first", counterNumber,
                                ticket->currentServiceCode, ticket->number));
            }
            // A ticket held at another counter is that counter's: calling it here needs the same right
            // as cancelling it (a supervisor, or the officer who handled it).
            if (ticket->state == TicketState::Held && ticket->counterId != ctx->counter.id) {
                if (auto refused =
                        refuseForRole(*ticket, actor, "take over the held ticket", &byNumber.staffRole)) {
                    return Result<CallOutcome>::failure(Outcome::NotAllowed, *refused);
                }
            }
            const CallReason reason =
                ticket->state == TicketState::Held ? CallReason::FromHold : CallReason::ByNumber;
            auto called =
                callTicket(tx, ctx->counter, *ticket, reason, CallChoice{0, reason, 0, {}}, actor, now, key);
            if (!called) {
                return Result<CallOutcome>::failure(
                    Outcome::NotAllowed,
                    fmt::format("{} was moved elsewhere meanwhile; nothing done", *number));
            }
            return called;
        },
        [&](std::optional<std::int64_t> id) { return recoverCall(id); });
}

// A move on a counter's active ticket. PostgreSQL: two requests, plus whatever `move` reads:
//  1. BEGIN, the counter's advisory lock and its context (the ticket it has; counterContext);
//  2. the guarded UPDATE of the ticket, its event and COMMIT (writeTicket).
// recall, start, finish, no-show and hold read nothing more (2); return reads a queue position
// (the service's first, or the day's last) and transfer the service it goes to (3 each).
template <class F>
Result<Ticket> QueueService::moveActive(int counterNumber, const Actor& actor, const char* verb, F&& move) {
    return writeMove<Result<Ticket>>(
        actor,
        [&](Transaction& tx, const std::string& key) -> std::optional<Result<Ticket>> {
            const TimeMs now = m_clock.now();
            const std::string day = businessDay();
            auto ctx = m_store.counterContext(counterNumber, day, m_calendar->startOfDay(now), now,
                                              CounterContextKind::Active, true);
            if (!ctx)
                return Result<Ticket>::failure(Outcome::NotFound,
                                               fmt::format("unknown counter {}", counterNumber));
            if (auto problem = clockProblem(ctx->guard, now, day))
                return Result<Ticket>::failure(Outcome::ClockWrong, *problem);
            if (ctx->earlierDaysOpen) m_store.expireBefore(day, now, kEndOfDay);
            if (!ctx->active) {
                return Result<Ticket>::failure(
                    Outcome::NotAllowed,
                    fmt::format("counter {} has no called or serving ticket to {}", counterNumber, verb));
            }
            const Ticket& active = *ctx->active;
            if (actor.expectedTicket && *actor.expectedTicket != active.number) {
                return Result<Ticket>::failure(
                    Outcome::NotAllowed,
                    fmt::format("counter {} now has {}, not {} (changed elsewhere); nothing done",
                                counterNumber, active.number, *actor.expectedTicket));
            }
            MoveResult change = move(ctx->counter, active, now);
            if (!change.ok()) return refusedAs<Ticket>(change);
            Change& c = *change.value;
            c.after.updatedAt = now;
            if (!c.after.counterId) c.after.counter.reset();
            c.event.ticketId = active.id;
            c.event.at = now;
            c.event.counterId = ctx->counter.id;
            c.event.staffId = actor.staffId;
            c.event.serviceId = c.after.curServiceId;
            c.event.moveKey = key;
            if (!m_store.writeTicket(active, c.after, c.event, &tx)) {
                return Result<Ticket>::failure(
                    Outcome::NotAllowed,
                    fmt::format("{} was moved elsewhere meanwhile; nothing done", active.number));
            }
            return Result<Ticket>::success(std::move(c.after));
        },
        [&](std::optional<std::int64_t> id) { return recoverMove(id); });
}

Result<RecallOutcome> QueueService::recall(int counterNumber, const Actor& actor) {
    bool becameNoShow = false;
    auto moved = moveActive(counterNumber, actor, "recall", [&](const CounterRef&, const Ticket& t, TimeMs) {
        if (t.state != TicketState::Called)
            return notAllowed<Change>(t, "only a called ticket can be recalled");
        becameNoShow = t.recalls >= m_callOrder.recallLimit;
        if (becameNoShow) {
            auto c = moveTo(t, TicketState::NoShow, "noshow",
                            {{"reason", "recall limit reached"}, {"recalls", t.recalls}});
            c.value->after.counterId.reset();
            return c;
        }
        auto c = moveTo(t, TicketState::Called, "recall", {{"recalls", t.recalls + 1}});
        c.value->after.recalls = t.recalls + 1;
        return c;
    });
    if (!moved.ok()) return Result<RecallOutcome>::failure(moved.outcome, moved.message);
    return Result<RecallOutcome>::success(RecallOutcome{*moved.value, becameNoShow});
}

Result<Ticket> QueueService::start(int counterNumber, const Actor& actor) {
    return moveActive(counterNumber, actor, "start", [&](const CounterRef&, const Ticket& t, TimeMs) {
        if (t.state != TicketState::Called)
            return notAllowed<Change>(t, "only a called ticket can start being served");
        auto c = moveTo(t, TicketState::Serving, "start", nlohmann::json::object());
        if (actor.staffId) c.value->after.staffId = actor.staffId;
        return c;
    });
}

Result<Ticket> QueueService::finish(int counterNumber, const Actor& actor, const nlohmann::json& detail) {
    if (!detail.is_object())
        return Result<Ticket>::failure(Outcome::Invalid, "finish detail must be an object");
    if (detail.contains("outcome")) {
        const auto& o = detail["outcome"];
        bool known = false;
        for (const char* k : kFinishOutcomes) known = known || (o.is_string() && o.get<std::string>() == k);
        if (!known) {
            return Result<Ticket>::failure(Outcome::Invalid,
                                           "outcome must be one of received, guidance, returned, incomplete");
        }
    }
    if (detail.contains("procedures") && !detail["procedures"].is_array()) {
        return Result<Ticket>::failure(Outcome::Invalid, "procedures must be a list of procedure codes");
    }
    return moveActive(counterNumber, actor, "finish", [&](const CounterRef&, const Ticket& t, TimeMs) {
        if (t.state != TicketState::Serving)
            return notAllowed<Change>(t, "start serving it before finishing");
        auto c = moveTo(t, TicketState::Done, "finish", detail);
        c.value->after.counterId.reset();
        return c;
    });
}

Result<Ticket> QueueService::noShow(int counterNumber, const Actor& actor) {
    return moveActive(counterNumber, actor, "mark as no-show",
                      [&](const CounterRef&, const Ticket& t, TimeMs) {
                          if (t.state != TicketState::Called)
                              return notAllowed<Change>(t, "only a called ticket can be a no-show");
                          auto c = moveTo(t, TicketState::NoShow, "noshow", {{"recalls", t.recalls}});
                          c.value->after.counterId.reset();
                          return c;
                      });
}

Result<Ticket> QueueService::returnToQueue(int counterNumber, bool front, const Actor& actor) {
    return moveActive(
        counterNumber, actor, "return to the queue", [&](const CounterRef&, const Ticket& t, TimeMs now) {
            // Front: ahead of every waiting ticket of its service (within its class, as call order goes).
            std::int64_t key = front ? now : backOfQueueKey(t.businessDay, now);
            if (front) {
                if (auto min = m_store.minWaitingKey(t.curServiceId)) key = std::min(key, *min - 1);
            }
            auto c = moveTo(t, TicketState::Waiting, "return",
                            {{"front", front}, {"queue_key", key}, {"from", toString(t.state)}});
            c.value->after.counterId.reset();
            c.value->after.queueKey = key;
            c.value->after.recalls = 0;
            return c;
        });
}

Result<Ticket> QueueService::checkPriority(int counterNumber, bool confirmed, const Actor& actor) {
    return moveActive(counterNumber, actor, "check the priority of",
                      [&](const CounterRef&, const Ticket& t, TimeMs) {
                          if (!t.priority)
                              return notAllowed<Change>(t, "the ticket has no priority to check");
                          // The ticket stays as it is: the event records what the officer found.
                          return moveTo(t, t.state, "priority_checked",
                                        {{"priority", *t.priority}, {"confirmed", confirmed}});
                      });
}

Result<Ticket> QueueService::hold(int counterNumber, const Actor& actor) {
    return moveActive(counterNumber, actor, "hold", [&](const CounterRef&, const Ticket& t, TimeMs) {
        return moveTo(t, TicketState::Held, "hold", {{"from", toString(t.state)}});
    });
}

Result<Ticket> QueueService::transfer(int counterNumber, const std::string& serviceCode, const Actor& actor) {
    // PostgreSQL: three requests (moveActive sends 1 and 3):
    //  1. BEGIN, the counter's lock and its context: the ticket it has;
    //  2. the service the ticket goes to (its id, and its name for the answer);
    //  3. the guarded UPDATE of the ticket, its event and COMMIT.
    return moveActive(counterNumber, actor, "transfer", [&](const CounterRef&, const Ticket& t, TimeMs) {
        const auto to = m_store.activeService(serviceCode);  // request 2
        if (!to)
            return MoveResult::failure(Outcome::NotFound, fmt::format("unknown service '{}'", serviceCode));
        if (to->id == t.curServiceId) {
            return MoveResult::failure(Outcome::NotAllowed,
                                       fmt::format("{} is already in service '{}'", t.number, serviceCode));
        }
        // The citizen keeps the number and their place by issue time in the new service's queue.
        auto c = moveTo(t, TicketState::Waiting, "transfer",
                        {{"from_service", t.currentServiceCode},
                         {"to_service", serviceCode},
                         {"leg", t.leg + 1},
                         {"from", toString(t.state)}});
        c.value->after.counterId.reset();
        c.value->after.curServiceId = to->id;
        c.value->after.currentServiceCode = serviceCode;  // the code matched exactly
        c.value->after.currentServiceName = to->name;
        c.value->after.leg = t.leg + 1;
        c.value->after.recalls = 0;
        return c;
    });
}

std::int64_t QueueService::backOfQueueKey(const std::string& day, TimeMs now) {
    const auto last = m_store.lastQueueKey(day);
    return last ? std::max(now, *last + 1) : now;
}

template <class F>
// A move on a ticket by its number (cancel, reactivate). PostgreSQL: two requests:
//  1. BEGIN and the ticket with everything the move reads (numberContext);
//  2. the guarded UPDATE of the ticket, its event and COMMIT (writeTicket).
Result<Ticket> QueueService::moveByNumber(const std::string& numberText, const Actor& actor, F&& move) {
    const auto number = canonicalNumber(numberText);
    if (!number) return Result<Ticket>::failure(Outcome::Invalid, kBadNumber);
    return writeMove<Result<Ticket>>(
        actor,
        [&](Transaction& tx, const std::string& key) -> std::optional<Result<Ticket>> {
            const TimeMs now = m_clock.now();
            const std::string day = businessDay();
            // Request 1: BEGIN and everything the move reads (numberContext).
            const auto ctx = m_store.numberContext(day, *number, actor.staffId, std::nullopt);
            if (auto problem = clockProblem(ctx.guard, now, day)) {
                return Result<Ticket>::failure(Outcome::ClockWrong, *problem);
            }
            // Written with request 2 (a write whose answer nobody reads waits for the next request).
            if (ctx.earlierDaysOpen) m_store.expireBefore(day, now, kEndOfDay);
            const auto& t = ctx.ticket;
            if (!t)
                return Result<Ticket>::failure(Outcome::NotFound, fmt::format("no ticket {} today", *number));
            MoveResult change = move(*t, now, ctx);
            if (!change.ok()) return refusedAs<Ticket>(change);
            Change& c = *change.value;
            c.after.updatedAt = now;
            if (!c.after.counterId) c.after.counter.reset();
            c.event.ticketId = t->id;
            c.event.at = now;
            c.event.staffId = actor.staffId;
            c.event.serviceId = c.after.curServiceId;
            c.event.moveKey = key;
            if (!m_store.writeTicket(*t, c.after, c.event, &tx)) {
                return Result<Ticket>::failure(
                    Outcome::NotAllowed,
                    fmt::format("{} was moved elsewhere meanwhile; nothing done", t->number));
            }
            return Result<Ticket>::success(std::move(c.after));
        },
        [&](std::optional<std::int64_t> id) { return recoverMove(id); });
}

Result<Ticket> QueueService::cancel(const std::string& numberText, const Actor& actor) {
    return moveByNumber(numberText, actor, [&](const Ticket& t, TimeMs, const NumberContext& ctx) {
        if (t.state != TicketState::Waiting && t.state != TicketState::Held &&
            t.state != TicketState::Called) {
            return notAllowed<Change>(t, "only a waiting, held or called ticket can be cancelled");
        }
        if (auto refused = refuseForRole(t, actor, "cancel", &ctx.staffRole))
            return MoveResult::failure(Outcome::NotAllowed, *refused);
        auto c = moveTo(t, TicketState::Cancelled, "cancel", {{"from", toString(t.state)}});
        c.value->event.counterId = t.counterId;
        c.value->after.counterId.reset();
        return c;
    });
}

Result<Ticket> QueueService::reactivate(const std::string& numberText, const Actor& actor) {
    return moveByNumber(numberText, actor, [&](const Ticket& t, TimeMs now, const NumberContext& ctx) {
        if (t.state != TicketState::NoShow && t.state != TicketState::Cancelled) {
            return notAllowed<Change>(t, "only a no-show or cancelled ticket can be reactivated");
        }
        if (auto refused = refuseForRole(t, actor, "reactivate", &ctx.staffRole))
            return MoveResult::failure(Outcome::NotAllowed, *refused);
        // Back of the queue: others kept waiting while this citizen was away (the ticket is of the
        // day, whose last queue position the context read).
        const std::int64_t key = ctx.lastQueueKey ? std::max(now, *ctx.lastQueueKey + 1) : now;
        auto c =
            moveTo(t, TicketState::Waiting, "reactivate", {{"from", toString(t.state)}, {"queue_key", key}});
        c.value->after.queueKey = key;
        c.value->after.recalls = 0;
        return c;
    });
}

Result<Rating> QueueService::rate(const std::string& numberText, const std::string& level,
                                  const std::string& source) {
    const auto number = canonicalNumber(numberText);
    if (!number) return Result<Rating>::failure(Outcome::Invalid, kBadNumber);
    bool knownLevel = false;
    for (const auto& l : ratingScale(m_rating.levels)) knownLevel = knownLevel || level == l.code;
    if (!knownLevel) {
        return Result<Rating>::failure(
            Outcome::Invalid,
            fmt::format("'{}' is not a level of the {}-level rating scale", level, m_rating.levels));
    }
    if (source != "counter" && source != "kiosk") {
        return Result<Rating>::failure(Outcome::Invalid, "rating source must be counter or kiosk");
    }
    Transaction tx(m_db);
    const auto t = m_store.ticketByNumber(businessDay(), *number);
    if (!t) return Result<Rating>::failure(Outcome::NotFound, fmt::format("no ticket {} today", *number));
    if (t->state != TicketState::Done) return notAllowed<Rating>(*t, "only a finished ticket can be rated");
    if (m_store.isRated(t->id)) {
        return Result<Rating>::failure(Outcome::NotAllowed,
                                       fmt::format("{} has already been rated", t->number));
    }
    // The counter, officer and service of the finish this rating is about.
    const auto last = m_store.lastFinish(t->id);
    m_store.appendEvent(EventRow{t->id,
                                 "rate",
                                 m_clock.now(),
                                 last.counterId,
                                 last.staffId,
                                 last.serviceId,
                                 {{"level", level}, {"source", source}},
                                 {}});
    Rating rating;
    rating.ticket = *t;
    rating.level = level;
    rating.counter = last.counterNumber;
    tx.commit();
    return Result<Rating>::success(std::move(rating));
}

CounterQueue QueueService::queueFor(int counterNumber) {
    Transaction tx(m_db, Transaction::Kind::Snapshot);  // one consistent snapshot
    CounterQueue out;
    const TimeMs now = m_clock.now();
    auto ctx = m_store.counterContext(counterNumber, businessDay(), m_calendar->startOfDay(now), now,
                                      CounterContextKind::Waiting, false, m_callOrder.priorityInterleave);
    if (!ctx) return out;
    // Already in call order (kCallOrder, in SQL): the order of successive calls if nobody else came.
    out.waiting = std::move(ctx->waiting);
    if (!out.waiting.empty()) {
        out.next = nextChoice(*ctx);
        if (out.next->reason == CallReason::Appointment && out.waiting.front().dueAt)
            out.next->slotText = m_calendar->clockText(*out.waiting.front().dueAt);
        out.nextReasonVi = explainVi(*out.next, m_callOrder.priorityInterleave);
        out.nextReasonEn = explainEn(*out.next, m_callOrder.priorityInterleave);
    }
    return out;
}

std::vector<Ticket> QueueService::heldAt(int counterNumber) {
    const auto counter = m_store.counter(counterNumber);
    if (!counter) return {};
    return m_store.heldAt(counter->id, businessDay());
}

TicketTimes QueueService::timesOf(const Ticket& ticket) {
    TicketTimes times;
    times.issued = ticket.issuedAt;
    times.queued = ticket.issuedAt;
    for (const auto& e : m_store.ticketEvents(ticket.id)) {
        const std::string& kind = e.kind;
        if (kind == "issue" && e.detail.contains("dossier_code") && e.detail["dossier_code"].is_string())
            times.dossierCode = e.detail["dossier_code"].get<std::string>();
        if (kind == "issue" || kind == "return" || kind == "transfer" || kind == "reactivate") {
            times.queued = e.at;
            times.called.reset();
            times.started.reset();
        } else if (kind == "call") {
            times.called = e.at;
            times.started.reset();
        } else if (kind == "start") {
            times.started = e.at;
        } else if (kind == "priority_checked") {
            times.priorityChecked = e.at;
            times.priorityConfirmed = e.detail.value("confirmed", false);
        }
    }
    return times;
}

QueueStatus QueueService::status() {
    Transaction tx(m_db, Transaction::Kind::Snapshot);  // one consistent snapshot
    QueueStatus out;
    out.businessDay = businessDay();
    out.services = m_store.serviceStatus(out.businessDay);
    const auto held = m_store.heldCounts(out.businessDay);
    auto active = m_store.activeTickets(out.businessDay);
    StaffService staff(m_db, m_clock);
    const auto sessions = staff.sessions();
    for (auto& c : m_store.counterStatus()) {
        if (auto h = held.find(c.number); h != held.end()) c.held = h->second;
        if (auto a = active.find(c.number); a != active.end()) c.current = std::move(a->second);
        if (auto s = sessions.find(c.number); s != sessions.end()) {
            if (s->second.staff) c.staffName = s->second.staff->name;
            c.onBreak = s->second.onBreak;
            c.breakReason = s->second.breakReason;
        }
        out.counters.push_back(std::move(c));
    }
    return out;
}

std::vector<Event> QueueService::events(std::int64_t sinceId, int limit) {
    return m_store.events(sinceId, limit);
}

// --- Numbers taken online: the check-in at the kiosk and the no-show of those not checked in --------

namespace {

// What a ticket's events say about its check-in: taken online, checked in, and when its current leg
// was called (the latest `call`; a recall does not give more time).
struct CheckInFacts {
    bool online = false;
    bool checkedIn = false;
    std::optional<TimeMs> calledAt;
};

CheckInFacts checkInFacts(const std::vector<TicketStore::TicketEvent>& events) {
    CheckInFacts f;
    for (const auto& e : events) {
        if (e.kind == "issue") {
            const auto channel = e.detail.find("channel");
            f.online = channel != e.detail.end() && *channel == "online";
        } else if (e.kind == "check_in") {
            f.checkedIn = true;
        } else if (e.kind == "call") {
            f.calledAt = e.at;
        } else if (e.kind == "return" || e.kind == "transfer" || e.kind == "reactivate") {
            f.calledAt.reset();
        }
    }
    return f;
}

// When a called online number not checked in becomes a no-show (minutes after its call); nullopt when
// it is not such a number or the office asks for no check-in.
std::optional<TimeMs> checkInDeadline(const CheckInFacts& f, const Ticket& t, int minutes) {
    if (!f.online || f.checkedIn || minutes <= 0 || t.state != TicketState::Called || !f.calledAt)
        return std::nullopt;
    return *f.calledAt + minutes * 60'000LL;
}

}  // namespace

int QueueService::onlineCheckInMinutes() const {
    const auto web = m_office.find("web");
    if (web == m_office.end() || !web->is_object()) return 0;
    const auto minutes = web->find("online_checkin_minutes");
    return minutes != web->end() && minutes->is_number_integer() ? std::max(0, minutes->get<int>()) : 0;
}

OnlineCheckInState QueueService::onlineCheckIn(const Ticket& ticket) {
    const auto facts = checkInFacts(m_store.ticketEvents(ticket.id));
    OnlineCheckInState out;
    out.online = facts.online;
    out.checkedIn = facts.checkedIn;
    out.deadline = checkInDeadline(facts, ticket, onlineCheckInMinutes());
    return out;
}

CheckIn QueueService::checkInCode(const std::string& codeText, const Actor& actor,
                                  const std::optional<std::string>& citizen) {
    if (const auto code = TicketLinks::canonicalShortCode(codeText)) {
        if (TicketLinks(m_db).ticketOfShortCode(*code, businessDay())) return checkInOnline(*code, actor);
    }
    return checkIn(codeText, actor, citizen);
}

CheckIn QueueService::checkInOnline(const std::string& codeText, const Actor& actor) {
    CheckIn out;
    const auto code = TicketLinks::canonicalShortCode(codeText);
    if (!code) {
        out.problem = CheckInProblem::BadCode;
        out.result = Result<IssuedTicket>::failure(Outcome::Invalid, "not a ticket's code");
        return out;
    }
    std::optional<std::int64_t> checkedIn;
    out.result = writeMove<Result<IssuedTicket>>(
        actor,
        [&](Transaction& tx, const std::string& key) -> std::optional<Result<IssuedTicket>> {
            out.problem = CheckInProblem::None;
            out.ticket.reset();
            const auto fail = [&](CheckInProblem p, Outcome o, std::string m) {
                out.problem = p;
                return Result<IssuedTicket>::failure(o, std::move(m));
            };
            const TimeMs now = m_clock.now();
            const std::string day = businessDay();
            const auto id = TicketLinks(m_db).ticketOfShortCode(*code, day);
            if (id) out.ticket = m_store.ticket(*id);
            if (!out.ticket) {
                return fail(CheckInProblem::UnknownCode, Outcome::NotFound,
                            "no number of today has this code (a code is valid on its day only)");
            }
            const Ticket& t = *out.ticket;
            const auto facts = checkInFacts(m_store.ticketEvents(t.id));
            if (!facts.online) {
                return fail(CheckInProblem::NotOnline, Outcome::NotAllowed,
                            fmt::format("{} was not taken online: it needs no check-in", t.number));
            }
            if (facts.checkedIn) {
                return fail(CheckInProblem::AlreadyCheckedIn, Outcome::NotAllowed,
                            fmt::format("{} was checked in before", t.number));
            }
            if (t.state != TicketState::Waiting && t.state != TicketState::Called &&
                t.state != TicketState::Serving && t.state != TicketState::Held) {
                return fail(CheckInProblem::Closed, Outcome::NotAllowed,
                            fmt::format("{} is {}: no longer in the queue", t.number, toString(t.state)));
            }
            if (auto problem = clockProblem(m_store.writeGuard(), now, day))
                return fail(CheckInProblem::NotIssued, Outcome::ClockWrong, *problem);
            const EventRow event{t.id,
                                 "check_in",
                                 now,
                                 std::nullopt,
                                 actor.staffId,
                                 t.curServiceId,
                                 {{"from", toString(t.state)}},
                                 key};
            // updated_at always changes (even within the millisecond of the last write), so that a
            // concurrent check-in or move guarded by the value read finds it changed.
            const TimeMs at = std::max(now, t.updatedAt + 1);
            // The ticket moved since it was read (called, or checked in by another kiosk): read again.
            if (!m_store.touchTicket(t, at, event)) return std::nullopt;
            tx.commit();
            checkedIn = t.id;
            return Result<IssuedTicket>::success(IssuedTicket{});
        },
        [&](std::optional<std::int64_t> id) {
            checkedIn = id;
            return Result<IssuedTicket>::success(IssuedTicket{});
        });
    // The same number, with what a ticket says (people ahead, expected wait), for the kiosk to print.
    if (out.result.ok()) out.result = recoverIssued(checkedIn);
    return out;
}

std::vector<Ticket> QueueService::noShowsNotCheckedIn() {
    std::vector<Ticket> moved;
    const int minutes = onlineCheckInMinutes();
    if (minutes <= 0) return moved;
    const auto due = [&](const Ticket& t, TimeMs now) {
        if (t.state != TicketState::Called) return false;  // no events to read
        const auto deadline = checkInDeadline(checkInFacts(m_store.ticketEvents(t.id)), t, minutes);
        return deadline && now >= *deadline;
    };
    // A read first: most polls find nothing due and write nothing.
    for (const auto& [counter, ticket] : m_store.activeTickets(businessDay())) {
        if (!due(ticket, m_clock.now())) continue;
        Actor actor;
        actor.expectedTicket = ticket.number;  // another console may have moved it already
        // The console's no-show move, checked again inside its transaction (the counter is locked).
        auto r = moveActive(
            counter, actor, "mark as no-show", [&](const CounterRef&, const Ticket& t, TimeMs now) {
                if (!due(t, now))
                    return notAllowed<Change>(t, "not a called online number past its check-in time");
                auto c = moveTo(t, TicketState::NoShow, "noshow",
                                {{"recalls", t.recalls},
                                 {"reason", kNotCheckedInReason},
                                 {"automatic", true},
                                 {"checkin_minutes", minutes}});
                c.value->after.counterId.reset();
                return c;
            });
        if (r.ok()) moved.push_back(std::move(*r.value));
    }
    return moved;
}

}  // namespace motcua::queue
