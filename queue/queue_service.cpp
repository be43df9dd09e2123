#include "queue/queue_service.h"

#include "queue/staff_service.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include <fmt/format.h>

namespace motcua::queue {

namespace {

constexpr const char* kTicketSelect =
    "SELECT t.id, t.number, t.business_day, s.code, cs.code, cs.name, t.priority, COALESCE(p.name, ''), t.state, "
    "c.number, t.recalls, t.leg, t.issued_at, t.updated_at, t.queue_key, t.staff_id "
    "FROM tickets t JOIN services s ON s.id = t.service_id JOIN services cs ON cs.id = t.cur_service_id "
    "LEFT JOIN priority_categories p ON p.code = t.priority LEFT JOIN counters c ON c.id = t.counter_id ";

Ticket readTicket(const Statement& st) {
    Ticket t;
    t.id = st.getInt(0);
    t.number = st.getText(1);
    t.businessDay = st.getText(2);
    t.serviceCode = st.getText(3);
    t.currentServiceCode = st.getText(4);
    t.currentServiceName = st.getText(5);
    t.priority = st.getOptText(6);
    t.priorityName = st.getText(7);
    t.state = ticketStateFromString(st.getText(8)).value_or(TicketState::Waiting);
    if (auto c = st.getOptInt(9)) t.counter = static_cast<int>(*c);
    t.recalls = static_cast<int>(st.getInt(10));
    t.leg = static_cast<int>(st.getInt(11));
    t.issuedAt = st.getInt(12);
    t.updatedAt = st.getInt(13);
    t.queueKey = st.getInt(14);
    t.staffId = st.getOptInt(15);
    return t;
}

nlohmann::json readSetting(Database& db, const char* key) {
    Statement st(db, "SELECT value FROM settings WHERE key = ?");
    st.bind(1, key);
    if (!st.step()) return nlohmann::json::object();
    return nlohmann::json::parse(st.getText(0), nullptr, false);
}

constexpr const char* kBadNumber = "a ticket number is a letter prefix and digits, e.g. A012";

template <class T>
Result<T> notAllowed(const Ticket& t, const std::string& what) {
    return Result<T>::failure(Outcome::NotAllowed,
                              fmt::format("{} is {}; {}", t.number, toString(t.state), what));
}

}  // namespace

const char* toString(TicketState state) {
    switch (state) {
        case TicketState::Waiting: return "waiting";
        case TicketState::Called: return "called";
        case TicketState::Serving: return "serving";
        case TicketState::Done: return "done";
        case TicketState::NoShow: return "noshow";
        case TicketState::Held: return "held";
        case TicketState::Cancelled: return "cancelled";
        case TicketState::Expired: return "expired";
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
        case Outcome::Ok: return "ok";
        case Outcome::NothingWaiting: return "nothing_waiting";
        case Outcome::NotAllowed: return "not_allowed";
        case Outcome::NotFound: return "not_found";
        case Outcome::Invalid: return "invalid";
        case Outcome::CapReached: return "cap_reached";
    }
    return "unknown";
}

std::string formatNumber(const std::string& prefix, std::int64_t seq) { return fmt::format("{}{:03}", prefix, seq); }

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

QueueService::QueueService(Database& db, const Clock& clock) : m_db(db), m_clock(clock) {
    m_office = readSetting(db, "office");
    if (m_office.is_discarded()) m_office = nlohmann::json::object();
    m_calendar = std::make_unique<BusinessCalendar>(m_office.value("time_zone", std::string("Asia/Ho_Chi_Minh")));
    const auto order = readSetting(db, "call_order");
    if (!order.is_discarded()) {
        m_callOrder.priorityInterleave = order.value("priority_interleave", m_callOrder.priorityInterleave);
        m_callOrder.recallLimit = order.value("recall_limit", m_callOrder.recallLimit);
        m_callOrder.defaultServiceMinutes = order.value("default_service_minutes", m_callOrder.defaultServiceMinutes);
        m_callOrder.estimateSamples = order.value("estimate_samples", m_callOrder.estimateSamples);
        m_callOrder.waitTargetMinutes = order.value("wait_target_minutes", m_callOrder.waitTargetMinutes);
    }
    const auto rating = readSetting(db, "rating");
    if (!rating.is_discarded()) {
        m_rating.levels = rating.value("levels", m_rating.levels);
        m_rating.timeoutSeconds = rating.value("timeout_seconds", m_rating.timeoutSeconds);
    }
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

std::optional<QueueService::CounterRow> QueueService::counterByNumber(int number) {
    Statement st(m_db, "SELECT id, number FROM counters WHERE number = ? AND active = 1");
    st.bind(1, number);
    if (!st.step()) return std::nullopt;
    return CounterRow{st.getInt(0), static_cast<int>(st.getInt(1))};
}

std::optional<Ticket> QueueService::loadTicket(std::int64_t id) {
    Statement st(m_db, std::string(kTicketSelect) + "WHERE t.id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readTicket(st);
}

std::optional<Ticket> QueueService::activeAt(std::int64_t counterId) {
    // A ticket left called or serving on an earlier day is not at the counter any more: the next write
    // expires it; until then the counter (and the lobby display) must not show it.
    Statement st(m_db, std::string(kTicketSelect) +
                           "WHERE t.counter_id = ? AND t.state IN ('called', 'serving') AND t.business_day = ?");
    st.bind(1, counterId).bind(2, businessDay());
    if (!st.step()) return std::nullopt;
    return readTicket(st);
}

std::optional<Ticket> QueueService::loadToday(const std::string& number) {
    Statement st(m_db, std::string(kTicketSelect) + "WHERE t.business_day = ? AND t.number = ?");
    st.bind(1, businessDay()).bind(2, number);
    if (!st.step()) return std::nullopt;
    return readTicket(st);
}

std::optional<Ticket> QueueService::findToday(const std::string& number) {
    const auto canonical = canonicalNumber(number);
    if (!canonical) return std::nullopt;
    return loadToday(*canonical);
}

void QueueService::appendEvent(std::optional<std::int64_t> ticketId, const std::string& kind,
                               std::optional<std::int64_t> counterId, const Actor& actor,
                               std::optional<std::int64_t> serviceId, const nlohmann::json& detail) {
    Statement st(m_db,
                 "INSERT INTO events(ticket_id, kind, at, counter_id, staff_id, service_id, detail) "
                 "VALUES(?,?,?,?,?,?,?)");
    st.bind(1, ticketId).bind(2, kind).bind(3, m_clock.now()).bind(4, counterId).bind(5, actor.staffId);
    st.bind(6, serviceId).bind(7, detail.dump());
    st.run();
}

int QueueService::expireBefore(const std::string& day, TimeMs now) {
    Statement find(m_db,
                   "SELECT id, business_day, state, cur_service_id, counter_id FROM tickets "
                   "WHERE business_day < ? AND state IN ('waiting', 'called', 'serving', 'held')");
    find.bind(1, day);
    struct Row {
        std::int64_t id;
        std::string day, state;
        std::int64_t service;
        std::optional<std::int64_t> counter;
    };
    std::vector<Row> rows;
    while (find.step()) rows.push_back({find.getInt(0), find.getText(1), find.getText(2), find.getInt(3), find.getOptInt(4)});
    if (rows.empty()) return 0;
    Statement update(m_db, "UPDATE tickets SET state = 'expired', counter_id = NULL, updated_at = ? WHERE id = ?");
    for (const auto& r : rows) {
        update.bind(1, now).bind(2, r.id);
        update.run();
        update.reset();
        appendEvent(r.id, "expire", r.counter, Actor{}, r.service,
                    {{"from", r.state}, {"business_day", r.day}, {"reason", "business day ended"}});
    }
    return static_cast<int>(rows.size());
}

// Queue position for a ticket joining at the back: its time, but never ahead of a ticket already
// placed today, so the order holds even if the clock is set back during the day.
std::int64_t QueueService::backOfQueueKey(const std::string& day) {
    Statement lastKey(m_db, "SELECT MAX(queue_key) FROM tickets WHERE business_day = ?");
    lastKey.bind(1, day);
    std::int64_t key = m_clock.now();
    if (lastKey.step() && !lastKey.isNull(0)) key = std::max(key, lastKey.getInt(0) + 1);
    return key;
}

std::string QueueService::businessDay() {
    // A clock set back (a wrong time corrected during the day) must not reopen an earlier day: the
    // business day never goes backwards from the newest day that has tickets.
    std::string day = m_calendar->dayOf(m_clock.now());
    Statement newest(m_db, "SELECT MAX(business_day) FROM tickets");
    if (newest.step() && !newest.isNull(0)) day = std::max(day, newest.getText(0));
    return day;
}

int QueueService::closeEarlierDays() {
    Transaction tx(m_db);
    const TimeMs now = m_clock.now();
    const int n = expireBefore(businessDay(), now);
    tx.commit();
    return n;
}

Result<IssuedTicket> QueueService::take(const std::string& serviceCode, const std::optional<std::string>& priority,
                                        const Actor& actor) {
    Transaction tx(m_db);
    const TimeMs now = m_clock.now();
    const std::string day = businessDay();
    expireBefore(day, now);

    Statement svc(m_db, "SELECT id, prefix, daily_cap, name FROM services WHERE code = ? AND active = 1");
    svc.bind(1, serviceCode);
    if (!svc.step()) return Result<IssuedTicket>::failure(Outcome::NotFound, fmt::format("unknown service '{}'", serviceCode));
    const std::int64_t serviceId = svc.getInt(0);
    const std::string prefix = svc.getText(1);
    const auto cap = svc.getOptInt(2);

    if (priority) {
        Statement cat(m_db, "SELECT 1 FROM priority_categories WHERE code = ?");
        cat.bind(1, *priority);
        if (!cat.step()) {
            return Result<IssuedTicket>::failure(Outcome::NotFound, fmt::format("unknown priority category '{}'", *priority));
        }
    }

    Statement next(m_db, "SELECT COALESCE(MAX(seq), 0) + 1 FROM tickets WHERE service_id = ? AND business_day = ?");
    next.bind(1, serviceId).bind(2, day);
    next.step();
    const std::int64_t seq = next.getInt(0);
    if (cap && seq > *cap) {
        return Result<IssuedTicket>::failure(
            Outcome::CapReached, fmt::format("service '{}' has issued all {} numbers for today", serviceCode, *cap));
    }
    const std::string number = formatNumber(prefix, seq);
    const std::int64_t key = backOfQueueKey(day);

    Statement insert(m_db,
                     "INSERT INTO tickets(service_id, business_day, seq, number, priority, cur_service_id, state, "
                     "queue_key, issued_at, updated_at) VALUES(?,?,?,?,?,?,'waiting',?,?,?)");
    insert.bind(1, serviceId).bind(2, day).bind(3, seq).bind(4, number).bind(5, priority).bind(6, serviceId);
    insert.bind(7, key).bind(8, now).bind(9, now);
    insert.run();
    const std::int64_t id = m_db.lastInsertRowId();
    appendEvent(id, "issue", std::nullopt, actor, serviceId,
                {{"number", number}, {"seq", seq}, {"business_day", day},
                 {"priority", priority ? nlohmann::json(*priority) : nlohmann::json(nullptr)}});

    IssuedTicket issued = estimateFor(*loadTicket(id), serviceId);
    tx.commit();
    return Result<IssuedTicket>::success(std::move(issued));
}

std::optional<std::string> QueueService::breakAt(std::int64_t counterId) {
    // The newest session event at the counter decides: a break_start not yet ended pauses calling.
    Statement st(m_db,
                 "SELECT kind, json_extract(detail, '$.reason') FROM events WHERE counter_id = ? AND kind IN "
                 "('login', 'logout', 'break_start', 'break_end') ORDER BY id DESC LIMIT 1");
    st.bind(1, counterId);
    if (st.step() && st.getText(0) == "break_start") return st.isNull(1) ? std::string() : st.getText(1);
    return std::nullopt;
}

// An officer may cancel or reactivate tickets nobody else has handled; other people's tickets
// need a supervisor. Moves without a staff member (the installer's CLI) are not limited.
std::optional<std::string> QueueService::refuseForRole(const Ticket& ticket, const Actor& actor, const char* verb) {
    if (!actor.staffId || !ticket.staffId || *ticket.staffId == *actor.staffId) return std::nullopt;
    Statement st(m_db, "SELECT role FROM staff WHERE id = ?");
    st.bind(1, *actor.staffId);
    if (st.step() && st.getText(0) != "officer") return std::nullopt;
    return fmt::format("only a supervisor may {} {}: another officer handled it", verb, ticket.number);
}

IssuedTicket QueueService::estimateFor(const Ticket& ticket, std::int64_t serviceId) {
    IssuedTicket issued;
    issued.ticket = ticket;
    // People ahead: a priority ticket waits behind earlier priority tickets of its service; a normal
    // one behind every waiting priority ticket and earlier normal ones.
    Statement ahead(m_db,
                    "SELECT COUNT(*) FROM tickets WHERE cur_service_id = ? AND state = 'waiting' AND id <> ? AND "
                    "(priority IS NOT NULL OR ? = 0) AND (queue_key < ? OR (queue_key = ? AND id < ?) OR "
                    "(? = 0 AND priority IS NOT NULL))");
    const int isPriority = ticket.priority ? 1 : 0;
    ahead.bind(1, serviceId).bind(2, ticket.id).bind(3, isPriority).bind(4, ticket.queueKey).bind(5, ticket.queueKey);
    ahead.bind(6, ticket.id).bind(7, isPriority);
    ahead.step();
    issued.ahead = static_cast<int>(ahead.getInt(0));

    Statement svc(m_db, "SELECT name_en, ticket_note FROM services WHERE id = ?");
    svc.bind(1, serviceId);
    if (svc.step()) {
        issued.serviceNameEn = svc.getText(0);
        issued.ticketNote = svc.getText(1);
    }
    Statement counters(m_db,
                       "SELECT c.number FROM counters c JOIN counter_services cs ON cs.counter_id = c.id "
                       "WHERE cs.service_id = ? AND c.active = 1 ORDER BY c.number");
    counters.bind(1, serviceId);
    while (counters.step()) issued.counters.push_back(static_cast<int>(counters.getInt(0)));
    issued.countersServing = std::max<int>(1, static_cast<int>(issued.counters.size()));

    // Recent service durations of this service: from each finish back to that leg's call.
    Statement history(m_db,
                      "SELECT f.at - (SELECT MAX(c.at) FROM events c WHERE c.ticket_id = f.ticket_id "
                      "AND c.kind = 'call' AND c.id < f.id) FROM events f WHERE f.kind = 'finish' "
                      "AND f.service_id = ? ORDER BY f.id DESC LIMIT ?");
    history.bind(1, serviceId).bind(2, m_callOrder.estimateSamples);
    double total = 0;
    int samples = 0;
    while (history.step()) {
        if (history.isNull(0)) continue;
        total += static_cast<double>(std::max<std::int64_t>(0, history.getInt(0)));
        ++samples;
    }
    const double perCitizenMs = samples > 0 ? total / samples : m_callOrder.defaultServiceMinutes * 60'000.0;
    issued.basis = samples > 0 ? EstimateBasis::History : EstimateBasis::Default;
    issued.historySamples = samples;
    issued.estimatedWaitSeconds =
        static_cast<int>(std::lround(issued.ahead * perCitizenMs / issued.countersServing / 1000.0));
    return issued;
}

std::optional<IssuedTicket> QueueService::estimate(const std::string& number) {
    Transaction tx(m_db, Transaction::Kind::Deferred);
    const auto t = findToday(number);
    if (!t) return std::nullopt;
    Statement sid(m_db, "SELECT cur_service_id FROM tickets WHERE id = ?");
    sid.bind(1, t->id);
    sid.step();
    auto issued = estimateFor(*t, sid.getInt(0));
    if (t->state != TicketState::Waiting) {
        issued.ahead = 0;
        issued.estimatedWaitSeconds = 0;
    }
    return issued;
}

void QueueService::recordDeviceEvent(const std::string& kind, std::optional<std::int64_t> ticketId,
                                     const nlohmann::json& detail) {
    Transaction tx(m_db);
    appendEvent(ticketId, kind, std::nullopt, Actor{}, std::nullopt, detail);
    tx.commit();
}

std::vector<UnprintedTicket> QueueService::unprintedToday() {
    Transaction tx(m_db, Transaction::Kind::Deferred);  // one snapshot for the list and its tickets
    Statement st(m_db,
                 "SELECT t.id, json_extract(e.detail, '$.error'), e.at, json_extract(e.detail, '$.language'), e.kind, "
                 "json_extract(e.detail, '$.outcome'), e.detail "
                 "FROM tickets t JOIN events e ON e.id = "
                 "(SELECT MAX(id) FROM events WHERE ticket_id = t.id AND kind IN ('printed', 'print_failed', "
                 "'print_started')) "
                 "WHERE t.business_day = ? AND t.state IN ('waiting', 'called', 'held') AND e.kind <> 'printed' "
                 "ORDER BY t.id");
    st.bind(1, businessDay());
    std::vector<UnprintedTicket> out;
    while (st.step()) {
        if (auto ticket = loadTicket(st.getInt(0))) {
            UnprintedTicket u{std::move(*ticket), st.isNull(1) ? std::string() : st.getText(1), st.getInt(2)};
            if (!st.isNull(3) && st.getText(3) == "en") u.language = "en";
            if (st.getText(4) == "print_started")
                u.last = UnprintedTicket::Last::Unfinished;
            else if (!st.isNull(5) && st.getText(5) == "unknown")
                u.last = UnprintedTicket::Last::MaybePrinted;
            u.detail = nlohmann::json::parse(st.isNull(6) ? std::string("{}") : st.getText(6), nullptr, false);
            out.push_back(std::move(u));
        }
    }
    return out;
}

std::optional<int> QueueService::normalsSincePriority(std::int64_t counterId, TimeMs dayStart) {
    Statement st(m_db,
                 "SELECT json_extract(detail, '$.priority') FROM events WHERE counter_id = ? AND kind = 'call' "
                 "AND at >= ? ORDER BY id DESC");
    st.bind(1, counterId).bind(2, dayStart);
    int normals = 0;
    while (st.step()) {
        if (st.getInt(0) != 0) return normals;
        ++normals;
    }
    return std::nullopt;
}

std::vector<CallCandidate> QueueService::candidatesFor(std::int64_t counterId, std::vector<Ticket>* tickets) {
    Statement st(m_db, std::string(kTicketSelect) +
                           "WHERE t.state = 'waiting' AND t.business_day = ? AND t.cur_service_id IN "
                           "(SELECT service_id FROM counter_services WHERE counter_id = ?) "
                           "ORDER BY t.queue_key, t.id");
    st.bind(1, businessDay()).bind(2, counterId);
    std::vector<CallCandidate> out;
    while (st.step()) {
        Ticket t = readTicket(st);
        out.push_back({t.id, t.priority.has_value(), t.queueKey});
        if (tickets) tickets->push_back(std::move(t));
    }
    return out;
}

Result<CallOutcome> QueueService::callTicket(const CounterRow& counter, const Ticket& ticket, CallReason reason,
                                             const CallChoice& choice, const Actor& actor) {
    Statement up(m_db,
                 "UPDATE tickets SET state = 'called', counter_id = ?, staff_id = ?, recalls = 0, updated_at = ? "
                 "WHERE id = ?");
    up.bind(1, counter.id).bind(2, actor.staffId).bind(3, m_clock.now()).bind(4, ticket.id);
    up.run();
    CallChoice shown = choice;
    shown.reason = reason;
    CallOutcome out;
    out.reason = reason;
    out.reasonVi = explainVi(shown, m_callOrder.priorityInterleave);
    out.reasonEn = explainEn(shown, m_callOrder.priorityInterleave);
    Statement sid(m_db, "SELECT cur_service_id FROM tickets WHERE id = ?");
    sid.bind(1, ticket.id);
    sid.step();
    appendEvent(ticket.id, "call", counter.id, actor, sid.getInt(0),
                {{"priority", ticket.priority.has_value()}, {"reason", reasonCode(reason)},
                 {"from", toString(ticket.state)}});
    out.ticket = *loadTicket(ticket.id);
    return Result<CallOutcome>::success(std::move(out));
}

// Why a counter cannot call now (on a break, or still holding a ticket), or nullopt.
std::optional<std::string> QueueService::cannotCall(const CounterRow& counter) {
    if (auto reason = breakAt(counter.id)) {
        return fmt::format("counter {} is on a break ({}); end the break to call", counter.number, *reason);
    }
    if (auto active = activeAt(counter.id)) {
        return fmt::format("counter {} still has {} ({}); finish, mark no-show, return or hold it first", counter.number,
                           active->number, toString(active->state));
    }
    return std::nullopt;
}

namespace {
Result<CallOutcome> nothingWaitingFor(int counterNumber) {
    return Result<CallOutcome>::failure(Outcome::NothingWaiting,
                                        fmt::format("no ticket waiting for counter {}", counterNumber));
}
}  // namespace

bool QueueService::nothingToCall(int counterNumber) {
    Transaction tx(m_db, Transaction::Kind::Deferred);  // a read: one snapshot, no write lock
    const std::string day = businessDay();
    Statement earlier(m_db,
                      "SELECT 1 FROM tickets WHERE business_day < ? AND state IN ('waiting', 'called', 'serving', 'held') "
                      "LIMIT 1");
    earlier.bind(1, day);
    if (earlier.step()) return false;  // closing earlier days is a write: the full path does it
    const auto counter = counterByNumber(counterNumber);
    return counter && !cannotCall(*counter) && candidatesFor(counter->id, nullptr).empty();
}

Result<CallOutcome> QueueService::callNext(int counterNumber, const Actor& actor) {
    // "Nothing waiting" is the common answer to an officer pressing F1 on a quiet afternoon: found by
    // a read, without taking the write lock every kiosk and counter waits for. A ticket taken just
    // after this read is simply taken after this call.
    if (nothingToCall(counterNumber)) return nothingWaitingFor(counterNumber);
    Transaction tx(m_db);
    const TimeMs now = m_clock.now();
    expireBefore(businessDay(), now);
    const auto counter = counterByNumber(counterNumber);
    if (!counter) return Result<CallOutcome>::failure(Outcome::NotFound, fmt::format("unknown counter {}", counterNumber));
    if (auto busy = cannotCall(*counter)) return Result<CallOutcome>::failure(Outcome::NotAllowed, *busy);
    std::vector<Ticket> tickets;
    const auto candidates = candidatesFor(counter->id, &tickets);
    const auto choice =
        chooseNext(candidates, normalsSincePriority(counter->id, m_calendar->startOfDay(now)), m_callOrder.priorityInterleave);
    if (!choice) return nothingWaitingFor(counterNumber);
    auto result = callTicket(*counter, tickets[choice->index], choice->reason, *choice, actor);
    tx.commit();
    return result;
}

Result<CallOutcome> QueueService::callNumber(int counterNumber, const std::string& numberText, const Actor& actor) {
    const auto number = canonicalNumber(numberText);
    if (!number) {
        return Result<CallOutcome>::failure(Outcome::Invalid,
                                            kBadNumber);
    }
    Transaction tx(m_db);
    const TimeMs now = m_clock.now();
    expireBefore(businessDay(), now);
    const auto counter = counterByNumber(counterNumber);
    if (!counter) return Result<CallOutcome>::failure(Outcome::NotFound, fmt::format("unknown counter {}", counterNumber));
    if (auto busy = cannotCall(*counter)) return Result<CallOutcome>::failure(Outcome::NotAllowed, *busy);
    const auto ticket = loadToday(*number);
    if (!ticket) return Result<CallOutcome>::failure(Outcome::NotFound, fmt::format("no ticket {} today", *number));
    if (ticket->state != TicketState::Waiting && ticket->state != TicketState::Held) {
        return notAllowed<CallOutcome>(*ticket, "only a waiting or held ticket can be called");
    }
    Statement serves(m_db,
                     "SELECT 1 FROM counter_services cs JOIN services s ON s.id = cs.service_id "
                     "WHERE cs.counter_id = ? AND s.code = ?");
    serves.bind(1, counter->id).bind(2, ticket->currentServiceCode);
    if (!serves.step()) {
        return Result<CallOutcome>::failure(
            Outcome::NotAllowed, fmt::format("counter {} does not serve {} ({}); transfer the ticket first",
                                             counterNumber, ticket->currentServiceCode, ticket->number));
    }
    const CallReason reason = ticket->state == TicketState::Held ? CallReason::FromHold : CallReason::ByNumber;
    auto result = callTicket(*counter, *ticket, reason, CallChoice{0, reason, 0}, actor);
    tx.commit();
    return result;
}

template <class F>
Result<Ticket> QueueService::moveActive(int counterNumber, const Actor& actor, const char* verb, F&& move) {
    Transaction tx(m_db);
    const TimeMs now = m_clock.now();
    expireBefore(businessDay(), now);
    const auto counter = counterByNumber(counterNumber);
    if (!counter) return Result<Ticket>::failure(Outcome::NotFound, fmt::format("unknown counter {}", counterNumber));
    const auto active = activeAt(counter->id);
    if (!active) {
        return Result<Ticket>::failure(Outcome::NotAllowed,
                                       fmt::format("counter {} has no called or serving ticket to {}", counterNumber, verb));
    }
    if (actor.expectedTicket && *actor.expectedTicket != active->number) {
        return Result<Ticket>::failure(
            Outcome::NotAllowed, fmt::format("counter {} now has {}, not {} (changed elsewhere); nothing done",
                                             counterNumber, active->number, *actor.expectedTicket));
    }
    Result<Ticket> result = move(*counter, *active);
    if (result.ok()) {
        result.value = loadTicket(active->id);
        tx.commit();
    }
    return result;
}

Result<RecallOutcome> QueueService::recall(int counterNumber, const Actor& actor) {
    bool becameNoShow = false;
    auto moved = moveActive(counterNumber, actor, "recall", [&](const CounterRow& c, const Ticket& t) {
        if (t.state != TicketState::Called) return notAllowed<Ticket>(t, "only a called ticket can be recalled");
        Statement svc(m_db, "SELECT cur_service_id FROM tickets WHERE id = ?");
        svc.bind(1, t.id);
        svc.step();
        const auto serviceId = svc.getInt(0);
        if (t.recalls >= m_callOrder.recallLimit) {
            Statement up(m_db, "UPDATE tickets SET state = 'noshow', counter_id = NULL, updated_at = ? WHERE id = ?");
            up.bind(1, m_clock.now()).bind(2, t.id);
            up.run();
            appendEvent(t.id, "noshow", c.id, actor, serviceId,
                        {{"reason", "recall limit reached"}, {"recalls", t.recalls}});
            becameNoShow = true;
        } else {
            Statement up(m_db, "UPDATE tickets SET recalls = recalls + 1, updated_at = ? WHERE id = ?");
            up.bind(1, m_clock.now()).bind(2, t.id);
            up.run();
            appendEvent(t.id, "recall", c.id, actor, serviceId, {{"recalls", t.recalls + 1}});
        }
        return Result<Ticket>::success(t);
    });
    if (!moved.ok()) return Result<RecallOutcome>::failure(moved.outcome, moved.message);
    return Result<RecallOutcome>::success(RecallOutcome{*moved.value, becameNoShow});
}

namespace {
std::int64_t currentService(Database& db, std::int64_t ticketId) {
    Statement st(db, "SELECT cur_service_id FROM tickets WHERE id = ?");
    st.bind(1, ticketId);
    st.step();
    return st.getInt(0);
}
}  // namespace

Result<Ticket> QueueService::start(int counterNumber, const Actor& actor) {
    return moveActive(counterNumber, actor, "start", [&](const CounterRow& c, const Ticket& t) {
        if (t.state != TicketState::Called) return notAllowed<Ticket>(t, "only a called ticket can start being served");
        Statement up(m_db, "UPDATE tickets SET state = 'serving', staff_id = COALESCE(?, staff_id), updated_at = ? WHERE id = ?");
        up.bind(1, actor.staffId).bind(2, m_clock.now()).bind(3, t.id);
        up.run();
        appendEvent(t.id, "start", c.id, actor, currentService(m_db, t.id), nlohmann::json::object());
        return Result<Ticket>::success(t);
    });
}

Result<Ticket> QueueService::finish(int counterNumber, const Actor& actor, const nlohmann::json& detail) {
    if (!detail.is_object()) return Result<Ticket>::failure(Outcome::Invalid, "finish detail must be an object");
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
    return moveActive(counterNumber, actor, "finish", [&](const CounterRow& c, const Ticket& t) {
        if (t.state != TicketState::Serving) return notAllowed<Ticket>(t, "start serving it before finishing");
        Statement up(m_db, "UPDATE tickets SET state = 'done', counter_id = NULL, updated_at = ? WHERE id = ?");
        up.bind(1, m_clock.now()).bind(2, t.id);
        up.run();
        appendEvent(t.id, "finish", c.id, actor, currentService(m_db, t.id), detail);
        return Result<Ticket>::success(t);
    });
}

Result<Ticket> QueueService::noShow(int counterNumber, const Actor& actor) {
    return moveActive(counterNumber, actor, "mark as no-show", [&](const CounterRow& c, const Ticket& t) {
        if (t.state != TicketState::Called) return notAllowed<Ticket>(t, "only a called ticket can be a no-show");
        Statement up(m_db, "UPDATE tickets SET state = 'noshow', counter_id = NULL, updated_at = ? WHERE id = ?");
        up.bind(1, m_clock.now()).bind(2, t.id);
        up.run();
        appendEvent(t.id, "noshow", c.id, actor, currentService(m_db, t.id), {{"recalls", t.recalls}});
        return Result<Ticket>::success(t);
    });
}

Result<Ticket> QueueService::returnToQueue(int counterNumber, bool front, const Actor& actor) {
    return moveActive(counterNumber, actor, "return to the queue", [&](const CounterRow& c, const Ticket& t) {
        const auto serviceId = currentService(m_db, t.id);
        // Front: ahead of every waiting ticket of its service (within its class, as call order goes).
        std::int64_t key = front ? m_clock.now() : backOfQueueKey(t.businessDay);
        if (front) {
            Statement min(m_db, "SELECT MIN(queue_key) FROM tickets WHERE cur_service_id = ? AND state = 'waiting'");
            min.bind(1, serviceId);
            if (min.step() && !min.isNull(0)) key = std::min(key, min.getInt(0) - 1);
        }
        Statement up(m_db,
                     "UPDATE tickets SET state = 'waiting', counter_id = NULL, queue_key = ?, recalls = 0, updated_at = ? "
                     "WHERE id = ?");
        up.bind(1, key).bind(2, m_clock.now()).bind(3, t.id);
        up.run();
        appendEvent(t.id, "return", c.id, actor, serviceId, {{"front", front}, {"queue_key", key}, {"from", toString(t.state)}});
        return Result<Ticket>::success(t);
    });
}

Result<Ticket> QueueService::hold(int counterNumber, const Actor& actor) {
    return moveActive(counterNumber, actor, "hold", [&](const CounterRow& c, const Ticket& t) {
        Statement up(m_db, "UPDATE tickets SET state = 'held', updated_at = ? WHERE id = ?");
        up.bind(1, m_clock.now()).bind(2, t.id);
        up.run();
        appendEvent(t.id, "hold", c.id, actor, currentService(m_db, t.id), {{"from", toString(t.state)}});
        return Result<Ticket>::success(t);
    });
}

Result<Ticket> QueueService::transfer(int counterNumber, const std::string& serviceCode, const Actor& actor) {
    return moveActive(counterNumber, actor, "transfer", [&](const CounterRow& c, const Ticket& t) {
        Statement svc(m_db, "SELECT id FROM services WHERE code = ? AND active = 1");
        svc.bind(1, serviceCode);
        if (!svc.step()) return Result<Ticket>::failure(Outcome::NotFound, fmt::format("unknown service '{}'", serviceCode));
        const auto to = svc.getInt(0);
        const auto from = currentService(m_db, t.id);
        if (to == from) {
            return Result<Ticket>::failure(Outcome::NotAllowed,
                                           fmt::format("{} is already in service '{}'", t.number, serviceCode));
        }
        // The citizen keeps the number and their place by issue time in the new service's queue.
        Statement up(m_db,
                     "UPDATE tickets SET state = 'waiting', counter_id = NULL, cur_service_id = ?, leg = leg + 1, "
                     "recalls = 0, updated_at = ? WHERE id = ?");
        up.bind(1, to).bind(2, m_clock.now()).bind(3, t.id);
        up.run();
        appendEvent(t.id, "transfer", c.id, actor, to,
                    {{"from_service", t.currentServiceCode}, {"to_service", serviceCode}, {"leg", t.leg + 1},
                     {"from", toString(t.state)}});
        return Result<Ticket>::success(t);
    });
}

template <class F>
Result<Ticket> QueueService::moveByNumber(const std::string& numberText, F&& move) {
    const auto number = canonicalNumber(numberText);
    if (!number) return Result<Ticket>::failure(Outcome::Invalid, kBadNumber);
    Transaction tx(m_db);
    expireBefore(businessDay(), m_clock.now());
    const auto t = loadToday(*number);
    if (!t) return Result<Ticket>::failure(Outcome::NotFound, fmt::format("no ticket {} today", *number));
    Result<Ticket> result = move(*t);
    if (result.ok()) {
        result.value = loadTicket(t->id);
        tx.commit();
    }
    return result;
}

Result<Ticket> QueueService::cancel(const std::string& numberText, const Actor& actor) {
    return moveByNumber(numberText, [&](const Ticket& t) {
        if (t.state != TicketState::Waiting && t.state != TicketState::Held && t.state != TicketState::Called) {
            return notAllowed<Ticket>(t, "only a waiting, held or called ticket can be cancelled");
        }
        if (auto refused = refuseForRole(t, actor, "cancel")) return Result<Ticket>::failure(Outcome::NotAllowed, *refused);
        Statement cid(m_db, "SELECT counter_id FROM tickets WHERE id = ?");
        cid.bind(1, t.id);
        cid.step();
        const auto counterId = cid.getOptInt(0);
        Statement up(m_db, "UPDATE tickets SET state = 'cancelled', counter_id = NULL, updated_at = ? WHERE id = ?");
        up.bind(1, m_clock.now()).bind(2, t.id);
        up.run();
        appendEvent(t.id, "cancel", counterId, actor, currentService(m_db, t.id), {{"from", toString(t.state)}});
        return Result<Ticket>::success(t);
    });
}

Result<Ticket> QueueService::reactivate(const std::string& numberText, const Actor& actor) {
    return moveByNumber(numberText, [&](const Ticket& t) {
        if (t.state != TicketState::NoShow && t.state != TicketState::Cancelled) {
            return notAllowed<Ticket>(t, "only a no-show or cancelled ticket can be reactivated");
        }
        if (auto refused = refuseForRole(t, actor, "reactivate")) {
            return Result<Ticket>::failure(Outcome::NotAllowed, *refused);
        }
        // Back of the queue: others kept waiting while this citizen was away.
        const std::int64_t key = backOfQueueKey(t.businessDay);
        Statement up(m_db, "UPDATE tickets SET state = 'waiting', queue_key = ?, recalls = 0, updated_at = ? WHERE id = ?");
        up.bind(1, key).bind(2, m_clock.now()).bind(3, t.id);
        up.run();
        appendEvent(t.id, "reactivate", std::nullopt, actor, currentService(m_db, t.id),
                    {{"from", toString(t.state)}, {"queue_key", key}});
        return Result<Ticket>::success(t);
    });
}

Result<Rating> QueueService::rate(const std::string& numberText, const std::string& level, const std::string& source) {
    const auto number = canonicalNumber(numberText);
    if (!number) return Result<Rating>::failure(Outcome::Invalid, kBadNumber);
    bool knownLevel = false;
    for (const auto& l : ratingScale(m_rating.levels)) knownLevel = knownLevel || level == l.code;
    if (!knownLevel) {
        return Result<Rating>::failure(Outcome::Invalid, fmt::format("'{}' is not a level of the {}-level rating scale",
                                                                     level, m_rating.levels));
    }
    if (source != "counter" && source != "kiosk") {
        return Result<Rating>::failure(Outcome::Invalid, "rating source must be counter or kiosk");
    }
    Transaction tx(m_db);
    const auto t = loadToday(*number);
    if (!t) return Result<Rating>::failure(Outcome::NotFound, fmt::format("no ticket {} today", *number));
    if (t->state != TicketState::Done) return notAllowed<Rating>(*t, "only a finished ticket can be rated");
    Statement rated(m_db, "SELECT 1 FROM events WHERE ticket_id = ? AND kind = 'rate'");
    rated.bind(1, t->id);
    if (rated.step()) {
        return Result<Rating>::failure(Outcome::NotAllowed, fmt::format("{} has already been rated", t->number));
    }
    // The counter, officer and service of the finish this rating is about.
    Statement last(m_db,
                   "SELECT e.counter_id, e.staff_id, e.service_id, c.number FROM events e "
                   "LEFT JOIN counters c ON c.id = e.counter_id "
                   "WHERE e.ticket_id = ? AND e.kind = 'finish' ORDER BY e.id DESC LIMIT 1");
    last.bind(1, t->id);
    last.step();
    const auto counterId = last.getOptInt(0);
    appendEvent(t->id, "rate", counterId, Actor{last.getOptInt(1)}, last.getOptInt(2), {{"level", level}, {"source", source}});
    Rating rating;
    rating.ticket = *t;
    rating.level = level;
    if (auto n = last.getOptInt(3)) rating.counter = static_cast<int>(*n);
    tx.commit();
    return Result<Rating>::success(std::move(rating));
}

CounterQueue QueueService::queueFor(int counterNumber) {
    Transaction tx(m_db, Transaction::Kind::Deferred);  // one consistent snapshot
    CounterQueue out;
    const auto counter = counterByNumber(counterNumber);
    if (!counter) return out;
    std::vector<Ticket> tickets;
    auto candidates = candidatesFor(counter->id, &tickets);
    std::optional<int> streak = normalsSincePriority(counter->id, m_calendar->startOfDay(m_clock.now()));
    // Simulate successive calls to list the tickets in the order this counter would call them.
    while (!candidates.empty()) {
        const auto choice = chooseNext(candidates, streak, m_callOrder.priorityInterleave);
        if (!out.next) {
            out.next = *choice;
            out.next->index = 0;
            out.nextReasonVi = explainVi(*choice, m_callOrder.priorityInterleave);
            out.nextReasonEn = explainEn(*choice, m_callOrder.priorityInterleave);
        }
        const bool wasPriority = candidates[choice->index].priority;
        streak = wasPriority ? 0 : (streak ? std::optional<int>(*streak + 1) : std::nullopt);
        out.waiting.push_back(tickets[choice->index]);
        candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(choice->index));
        tickets.erase(tickets.begin() + static_cast<std::ptrdiff_t>(choice->index));
    }
    return out;
}

std::vector<Ticket> QueueService::heldAt(int counterNumber) {
    const auto counter = counterByNumber(counterNumber);
    if (!counter) return {};
    Statement st(m_db, std::string(kTicketSelect) +
                           "WHERE t.counter_id = ? AND t.state = 'held' AND t.business_day = ? ORDER BY t.updated_at, t.id");
    st.bind(1, counter->id).bind(2, businessDay());
    std::vector<Ticket> out;
    while (st.step()) out.push_back(readTicket(st));
    return out;
}

TicketTimes QueueService::timesOf(const Ticket& ticket) {
    TicketTimes times;
    times.issued = ticket.issuedAt;
    times.queued = ticket.issuedAt;
    Statement st(m_db, "SELECT kind, at FROM events WHERE ticket_id = ? ORDER BY id");
    st.bind(1, ticket.id);
    while (st.step()) {
        const std::string kind = st.getText(0);
        const TimeMs at = st.getInt(1);
        if (kind == "issue" || kind == "return" || kind == "transfer" || kind == "reactivate") {
            times.queued = at;
            times.called.reset();
            times.started.reset();
        } else if (kind == "call") {
            times.called = at;
            times.started.reset();
        } else if (kind == "start") {
            times.started = at;
        }
    }
    return times;
}

QueueStatus QueueService::status() {
    Transaction tx(m_db, Transaction::Kind::Deferred);  // one consistent snapshot
    QueueStatus out;
    out.businessDay = businessDay();

    Statement services(m_db,
                       "SELECT s.id, s.code, s.name, s.name_en, s.prefix, s.daily_cap, "
                       "(SELECT COUNT(*) FROM tickets t WHERE t.cur_service_id = s.id AND t.state = 'waiting' AND t.business_day = ?1), "
                       "(SELECT COUNT(*) FROM tickets t WHERE t.cur_service_id = s.id AND t.state = 'waiting' AND t.business_day = ?1 AND t.priority IS NOT NULL), "
                       "(SELECT COUNT(*) FROM tickets t WHERE t.service_id = s.id AND t.business_day = ?1) "
                       "FROM services s WHERE s.active = 1 ORDER BY s.sort_order, s.code");
    services.bind(1, out.businessDay);
    Statement serviceCounters(m_db,
                              "SELECT c.number FROM counter_services cs JOIN counters c ON c.id = cs.counter_id "
                              "WHERE cs.service_id = ? AND c.active = 1 ORDER BY c.number");
    while (services.step()) {
        ServiceStatus s;
        s.code = services.getText(1);
        s.name = services.getText(2);
        s.nameEn = services.getText(3);
        s.prefix = services.getText(4);
        if (auto cap = services.getOptInt(5)) s.dailyCap = static_cast<int>(*cap);
        s.waiting = static_cast<int>(services.getInt(6));
        s.priorityWaiting = static_cast<int>(services.getInt(7));
        s.issuedToday = static_cast<int>(services.getInt(8));
        serviceCounters.bind(1, services.getInt(0));
        while (serviceCounters.step()) s.counters.push_back(static_cast<int>(serviceCounters.getInt(0)));
        serviceCounters.reset();
        out.services.push_back(std::move(s));
    }

    // Held tickets of today, counted once for all counters (through the open-tickets index; a count per
    // counter scanned every ticket ever issued, once per counter).
    std::map<std::int64_t, int> held;
    {
        Statement st(m_db,
                     "SELECT counter_id, COUNT(*) FROM tickets WHERE business_day = ? AND state = 'held' "
                     "AND state IN ('waiting', 'called', 'serving', 'held') GROUP BY counter_id");
        st.bind(1, out.businessDay);
        while (st.step())
            if (auto id = st.getOptInt(0)) held[*id] = static_cast<int>(st.getInt(1));
    }
    Statement counters(m_db, "SELECT c.id, c.number, c.name FROM counters c WHERE c.active = 1 ORDER BY c.number");
    StaffService staff(m_db, m_clock);
    Statement counterServices(m_db,
                              "SELECT s.code FROM counter_services cs JOIN services s ON s.id = cs.service_id "
                              "WHERE cs.counter_id = ? AND s.active = 1 ORDER BY s.sort_order");
    while (counters.step()) {
        CounterStatus c;
        const auto id = counters.getInt(0);
        c.number = static_cast<int>(counters.getInt(1));
        c.name = counters.getText(2);
        if (auto h = held.find(id); h != held.end()) c.held = h->second;
        counterServices.bind(1, id);
        while (counterServices.step()) c.services.push_back(counterServices.getText(0));
        counterServices.reset();
        c.current = activeAt(id);
        const auto session = staff.session(c.number);
        if (session.staff) c.staffName = session.staff->name;
        c.onBreak = session.onBreak;
        c.breakReason = session.breakReason;
        out.counters.push_back(std::move(c));
    }
    return out;
}

std::vector<Event> QueueService::events(std::int64_t sinceId, int limit) {
    Statement st(m_db,
                 "SELECT e.id, e.ticket_id, COALESCE(t.number, ''), e.kind, e.at, c.number, e.staff_id, "
                 "COALESCE(s.code, ''), e.detail FROM events e LEFT JOIN tickets t ON t.id = e.ticket_id "
                 "LEFT JOIN counters c ON c.id = e.counter_id LEFT JOIN services s ON s.id = e.service_id "
                 "WHERE e.id > ? ORDER BY e.id LIMIT ?");
    st.bind(1, sinceId).bind(2, limit);
    std::vector<Event> out;
    while (st.step()) {
        Event e;
        e.id = st.getInt(0);
        e.ticketId = st.getOptInt(1);
        e.number = st.getText(2);
        e.kind = st.getText(3);
        e.at = st.getInt(4);
        if (auto c = st.getOptInt(5)) e.counter = static_cast<int>(*c);
        e.staffId = st.getOptInt(6);
        e.serviceCode = st.getText(7);
        e.detail = nlohmann::json::parse(st.getText(8), nullptr, false);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace motcua::queue
