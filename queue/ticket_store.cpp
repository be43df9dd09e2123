#include "queue/ticket_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>
#include <string_view>

namespace motcua::queue {

namespace {

// Columns 0-19 of a ticket, as readTicket expects them.
constexpr const char* kTicketSelect =
    "SELECT t.id, t.number, t.business_day, s.code, cs.code, cs.name, t.priority, COALESCE(p.name, ''), "
    "t.state, "
    "c.number, t.recalls, t.leg, t.issued_at, t.updated_at, t.queue_key, t.staff_id, t.service_id, "
    "t.cur_service_id, "
    "t.counter_id, t.due_at "
    "FROM tickets t JOIN services s ON s.id = t.service_id JOIN services cs ON cs.id = t.cur_service_id "
    "LEFT JOIN priority_categories p ON p.code = t.priority LEFT JOIN counters c ON c.id = t.counter_id ";

// kTicketSelect and the rest of a query (its WHERE and ORDER BY), prepared.
Statement selectTickets(Database& db, std::string_view rest) {
    return Statement(db, std::string(kTicketSelect).append(rest));
}

Ticket readTicket(const Statement& st, int at = 0) {
    Ticket t;
    t.id = st.getInt(at + 0);
    t.number = st.getText(at + 1);
    t.businessDay = st.getText(at + 2);
    t.serviceCode = st.getText(at + 3);
    t.currentServiceCode = st.getText(at + 4);
    t.currentServiceName = st.getText(at + 5);
    t.priority = st.getOptText(at + 6);
    t.priorityName = st.getText(at + 7);
    t.state = ticketStateFromString(st.getText(at + 8)).value_or(TicketState::Waiting);
    if (auto c = st.getOptInt(at + 9)) t.counter = static_cast<int>(*c);
    t.recalls = static_cast<int>(st.getInt(at + 10));
    t.leg = static_cast<int>(st.getInt(at + 11));
    t.issuedAt = st.getInt(at + 12);
    t.updatedAt = st.getInt(at + 13);
    t.queueKey = st.getInt(at + 14);
    t.staffId = st.getOptInt(at + 15);
    t.serviceId = st.getInt(at + 16);
    t.curServiceId = st.getInt(at + 17);
    t.counterId = st.getOptInt(at + 18);
    t.dueAt = st.getOptInt(at + 19);
    return t;
}

std::optional<Ticket> oneTicket(Statement& st) {
    if (!st.step()) return std::nullopt;
    return readTicket(st);
}

std::vector<Ticket> allTickets(Statement& st) {
    std::vector<Ticket> out;
    while (st.step()) out.push_back(readTicket(st));
    return out;
}

std::vector<int> splitNumbers(const std::string& list) {
    // group_concat / string_agg of counter numbers: "2,1,5" (in no particular order).
    std::vector<int> out;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (!item.empty()) out.push_back(std::stoi(item));
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<std::string> optionalText(const std::string& s) {
    if (s.empty()) return std::nullopt;
    return s;
}

// The statement that appends one event; on PostgreSQL the event id comes back for free.
constexpr const char* kInsertEvent =
    "INSERT INTO events(ticket_id, kind, at, counter_id, staff_id, service_id, detail, move_key) "
    "VALUES(?,?,?,?,?,?,?,?)";

void bindEvent(Statement& st, const EventRow& e, int first) {
    st.bind(first, e.ticketId).bind(first + 1, e.kind).bind(first + 2, e.at).bind(first + 3, e.counterId);
    st.bind(first + 4, e.staffId).bind(first + 5, e.serviceId).bind(first + 6, e.detail.dump());
    st.bind(first + 7, optionalText(e.moveKey));
}

}  // namespace

std::optional<Ticket> TicketStore::ticket(std::int64_t id) {
    auto st = selectTickets(m_db, "WHERE t.id = ?");
    st.bind(1, id);
    return oneTicket(st);
}

std::optional<Ticket> TicketStore::ticketByNumber(const std::string& day, const std::string& number) {
    // Newest first: before numbers were unique per prefix, a retired service could repeat one.
    auto st = selectTickets(m_db, "WHERE t.business_day = ? AND t.number = ? ORDER BY t.id DESC LIMIT 1");
    st.bind(1, day).bind(2, number);
    return oneTicket(st);
}

std::optional<CounterRef> TicketStore::counter(int number) {
    Statement st(m_db, "SELECT id, number FROM counters WHERE number = ? AND active = 1");
    st.bind(1, number);
    if (!st.step()) return std::nullopt;
    return CounterRef{st.getInt(0), static_cast<int>(st.getInt(1))};
}

std::optional<Ticket> TicketStore::activeAt(std::int64_t counterId, const std::string& day) {
    // A ticket left called or serving on an earlier day is not at the counter any more: the next write
    // expires it; until then the counter (and the lobby display) must not show it.
    auto st = selectTickets(
        m_db, "WHERE t.counter_id = ? AND t.state IN ('called', 'serving') AND t.business_day = ?");
    st.bind(1, counterId).bind(2, day);
    return oneTicket(st);
}

std::vector<Ticket> TicketStore::heldAt(std::int64_t counterId, const std::string& day) {
    auto st = selectTickets(
        m_db,
        "WHERE t.counter_id = ? AND t.state = 'held' AND t.business_day = ? ORDER BY t.updated_at, t.id");
    st.bind(1, counterId).bind(2, day);
    return allTickets(st);
}

std::vector<Ticket> TicketStore::waitingFor(std::int64_t counterId, const std::string& day) {
    auto st = selectTickets(
        m_db,
        "WHERE t.state = 'waiting' AND t.business_day = ? AND t.cur_service_id IN "
        "(SELECT service_id FROM counter_services WHERE counter_id = ?) ORDER BY t.queue_key, t.id");
    st.bind(1, day).bind(2, counterId);
    return allTickets(st);
}

bool TicketStore::anyWaitingFor(int counterNumber, const std::string& day) {
    // From the counter's services to their waiting tickets, as kCallOrder goes (CROSS JOIN: SQLite's
    // planner otherwise walked the day's tickets by number, past every one already called).
    Statement st(m_db,
                 "SELECT 1 FROM counters c CROSS JOIN counter_services x CROSS JOIN tickets t "
                 "WHERE x.counter_id = c.id AND t.cur_service_id = x.service_id AND t.state = 'waiting' "
                 "AND t.business_day = ? AND c.number = ? AND c.active = 1 LIMIT 1");
    st.bind(1, day).bind(2, counterNumber);
    return st.step();
}

bool TicketStore::counterServes(std::int64_t counterId, std::int64_t serviceId) {
    Statement st(m_db, "SELECT 1 FROM counter_services WHERE counter_id = ? AND service_id = ?");
    st.bind(1, counterId).bind(2, serviceId);
    return st.step();
}

std::optional<TicketStore::ServiceRef> TicketStore::activeService(const std::string& code) {
    Statement st(m_db, "SELECT id, name FROM services WHERE code = ? AND active = 1");
    st.bind(1, code);
    if (!st.step()) return std::nullopt;
    return ServiceRef{st.getInt(0), st.getText(1)};
}

bool TicketStore::priorityExists(const std::string& code) {
    Statement st(m_db, "SELECT 1 FROM priority_categories WHERE code = ?");
    st.bind(1, code);
    return st.step();
}

std::vector<PriorityCategoryConfig> TicketStore::priorityCategories() {
    Statement st(m_db, "SELECT code, name, name_en FROM priority_categories ORDER BY sort_order, code");
    std::vector<PriorityCategoryConfig> out;
    while (st.step()) {
        PriorityCategoryConfig c;
        c.code = st.getText(0);
        c.name = st.getText(1);
        c.nameEn = st.getText(2);
        out.push_back(std::move(c));
    }
    return out;
}

std::optional<std::string> TicketStore::staffRole(std::int64_t staffId) {
    Statement st(m_db, "SELECT role FROM staff WHERE id = ?");
    st.bind(1, staffId);
    if (!st.step()) return std::nullopt;
    return st.getText(0);
}

bool TicketStore::earlierDaysOpen(const std::string& day) {
    Statement st(m_db,
                 "SELECT 1 FROM tickets WHERE business_day < ? AND state IN ('waiting', 'called', 'serving', "
                 "'held') LIMIT 1");
    st.bind(1, day);
    return st.step();
}

TicketStore::FutureTickets TicketStore::ticketsAfter(const std::string& day) {
    Statement st(
        m_db,
        "SELECT MAX(business_day), COUNT(*), "
        "COALESCE(SUM(CASE WHEN state IN ('waiting', 'called', 'serving', 'held') THEN 1 ELSE 0 END), 0) "
        "FROM tickets WHERE business_day > ?");
    st.bind(1, day);
    FutureTickets out;
    if (st.step()) {
        out.newestDay = st.getOptText(0);
        out.count = static_cast<int>(st.getInt(1));
        out.open = static_cast<int>(st.getInt(2));
    }
    return out;
}

namespace {

// The columns readTicket reads, of a ticket t joined as in kTicketJoins (LEFT JOIN: t may be absent).
constexpr const char* kTicketColumns =
    "t.id, t.number, t.business_day, s.code, cs.code, cs.name, t.priority, COALESCE(p.name, ''), t.state, "
    "tc.number, "
    "t.recalls, t.leg, t.issued_at, t.updated_at, t.queue_key, t.staff_id, t.service_id, t.cur_service_id, "
    "t.counter_id, t.due_at";
constexpr const char* kTicketJoins =
    " LEFT JOIN services s ON s.id = t.service_id LEFT JOIN services cs ON cs.id = t.cur_service_id"
    " LEFT JOIN priority_categories p ON p.code = t.priority LEFT JOIN counters tc ON tc.id = t.counter_id";
// What the clock guard needs, as one more column: the time of the newest event (the last write).
constexpr const char* kGuardColumns = "(SELECT at FROM events ORDER BY id DESC LIMIT 1)";

// SQLite: json_extract gives true as 1; PostgreSQL: ->> gives the text 'true'.
std::string jsonTrue(Dialect d, const char* column, const char* key) {
    if (d == Dialect::Postgres) return fmt::format("({}->>'{}')::boolean", column, key);
    return fmt::format("json_extract({}, '$.{}') = 1", column, key);
}
std::string jsonText(Dialect d, const char* column, const char* key) {
    if (d == Dialect::Postgres) return fmt::format("{}->>'{}'", column, key);
    return fmt::format("json_extract({}, '$.{}')", column, key);
}

void readGuard(const Statement& st, int at, WriteGuard& guard) {
    guard.lastEventAt = st.getOptInt(at);
}

}  // namespace

// One request for everything issuing decides on. On PostgreSQL the service is locked first: kiosks
// issuing numbers of one service take turns (the next number is read under the lock), while other
// services' numbers go ahead in parallel. Numbers are counted per prefix, whichever service issued
// them: a retired service's numbers of the day are not issued again by the one that took its
// prefix. Rows from before tickets carried their prefix ('') count by the letters of their number.
std::optional<IssueContext> TicketStore::issueContext(const std::string& serviceCode,
                                                      const std::optional<std::string>& priority,
                                                      const std::string& day, int historySamples) {
    const Dialect d = m_db.dialect();
    static const auto build = [](Dialect dialect) {
        return fmt::format(
            "SELECT s.id, s.prefix, s.daily_cap, s.name_en, s.ticket_note, "
            "(SELECT name FROM priority_categories WHERE code = ?2), "
            // The prefix's last number of the day: through the (day, prefix, seq) index, and through
            // the index of rows from before tickets carried their prefix (none are issued any more);
            // one OR of the two walked every ticket of the day. (A prefix is never ''.)
            "{}((SELECT COALESCE(MAX(t.seq), 0) FROM tickets t WHERE t.business_day = ?3 AND t.prefix = "
            "s.prefix AND t.prefix <> ''), "
            "(SELECT COALESCE(MAX(t.seq), 0) FROM tickets t WHERE t.business_day = ?3 AND t.prefix = '' AND "
            "rtrim(t.number, '0123456789') = s.prefix)), "
            // The day's last queue position, through the (day, queue position) index, which only a
            // query saying `queue_key IS NOT NULL` (always true) uses (migration 0009).
            "(SELECT MAX(queue_key) FROM tickets WHERE business_day = ?3 AND queue_key IS NOT NULL), "
            // The service's waiting tickets and the priority ones among them, in one pass: "all,priority".
            "(SELECT COUNT(*) || ',' || COUNT(priority) FROM tickets WHERE cur_service_id = s.id AND "
            "state = 'waiting' AND business_day = ?3), "
            "(SELECT {} FROM counters c JOIN counter_services x ON x.counter_id = c.id "
            "WHERE x.service_id = s.id AND c.active = 1), "
            "EXISTS (SELECT 1 FROM tickets WHERE business_day < ?3 AND state IN ('waiting', 'called', "
            "'serving', 'held')), "
            "{}, s.name, "
            // Recent service durations of this service (from each finish back to that leg's call).
            "(SELECT COALESCE(SUM(CASE WHEN d < 0 THEN 0 ELSE d END), 0) || ',' || COUNT(d) FROM (SELECT "
            "f.at - "
            "(SELECT MAX(c.at) FROM events c WHERE c.ticket_id = f.ticket_id AND c.kind = 'call' AND c.id < "
            "f.id) AS d "
            "FROM events f WHERE f.kind = 'finish' AND f.service_id = s.id ORDER BY f.id DESC LIMIT ?4) h) "
            "FROM services s WHERE s.code = ?1 AND s.active = 1{}",
            dialect == Dialect::Postgres ? "GREATEST" : "MAX",
            dialect == Dialect::Postgres ? "string_agg(c.number::text, ',')" : "group_concat(c.number)",
            kGuardColumns, "");
    };
    static const std::string sqlite = build(Dialect::Sqlite), postgres = build(Dialect::Postgres);
    if (d == Dialect::Postgres) {
        // The lock first, in a statement of its own (sent in the same request): the context read
        // below then starts after the lock was granted, so its snapshot holds the numbers issued by
        // whoever held it. (A FOR UPDATE inside the read would lock the row but keep the read's older
        // snapshot for the subqueries: two kiosks would compute the same number.)
        // An advisory lock (class 1: services, by code) rather than FOR UPDATE, which would need
        // the UPDATE privilege on services that the kiosk's role must not have.
        Statement lock(m_db, "SELECT pg_advisory_xact_lock(1, hashtext(?))");
        lock.bind(1, serviceCode);
        lock.run();
    }
    Statement st(m_db, d == Dialect::Postgres ? postgres : sqlite);
    st.bind(1, serviceCode).bind(2, priority.value_or(std::string())).bind(3, day).bind(4, historySamples);
    if (!st.step()) return std::nullopt;
    IssueContext c;
    c.serviceId = st.getInt(0);
    c.prefix = st.getText(1);
    if (auto cap = st.getOptInt(2)) c.dailyCap = static_cast<int>(*cap);
    c.nameEn = st.getText(3);
    c.ticketNote = st.getText(4);
    c.priorityKnown = !priority || !st.isNull(5);
    if (priority && !st.isNull(5)) c.priorityName = st.getText(5);
    c.lastSeq = st.getInt(6);
    c.lastQueueKey = st.getOptInt(7);
    const std::string waiting = st.getText(8);  // "all,priority"
    const auto split = waiting.find(',');
    c.waiting = std::stoi(waiting.substr(0, split));
    c.priorityWaiting = split == std::string::npos ? 0 : std::stoi(waiting.substr(split + 1));
    c.counters = splitNumbers(st.getText(9));
    c.earlierDaysOpen = st.getInt(10) != 0;
    readGuard(st, 11, c.guard);
    c.name = st.getText(12);
    const std::string history = st.getText(13);  // "total,count"
    const auto comma = history.find(',');
    const double total = std::stod(history.substr(0, comma));
    c.history.samples = comma == std::string::npos ? 0 : std::stoi(history.substr(comma + 1));
    if (c.history.samples > 0) c.history.meanMs = total / c.history.samples;
    return c;
}

// THE CALL ORDER (README, "Call order"): which waiting ticket a counter calls next, and the order
// of all of them. This statement is the rule; nothing in C++ repeats it. From the counter's cc row
// (k_normals: normal calls here today since its last priority call; k_priority_today) and ?4, the
// interleave N (call_order.priority_interleave), it ranks the waiting tickets of the services the
// counter serves:
//  - within each class (priority, normal), first come first served: by queue position, then by id;
//  - r is a ticket's rank within its class (0 first); `owed` is how many normal tickets the counter
//    still calls before the next priority one: N - k_normals while that is positive and the
//    counter has called a priority ticket today, else 0 (none called today, or its turn has come);
//  - a normal ticket's slot is r; priority ticket r goes just before normal ticket owed + r * N
//    (slot owed + r * N, ahead of the normal ticket with that slot). So after each priority ticket
//    come N normal ones, a class that runs out lets the other follow in its own order, and N = 0
//    puts every priority ticket first (strict priority).
// `why` is the reason code (call_order.h, reasonCode) the first ticket is called for.
// Both dialects accept the same text (booleans are compared as 0/1 integers). The waiting tickets are
// reached from the counter's services through the (service, state, queue position) index: SQLite's
// planner, left to choose, read every ticket of the day by the (day, number) index instead (CROSS
// JOIN fixes its join order; PostgreSQL plans it as an inner join).
constexpr const char* kCallOrder =
    "w AS (SELECT t.id AS w_id, t.queue_key AS w_key, CASE WHEN t.priority IS NULL THEN 1 ELSE 0 END AS "
    "w_normal, "
    "CASE WHEN t.due_at IS NOT NULL AND t.due_at <= ?5 THEN 1 ELSE 0 END AS w_due, "
    "CASE WHEN t.due_at IS NOT NULL AND t.due_at <= ?5 THEN t.due_at ELSE 0 END AS w_due_at, "
    "ROW_NUMBER() OVER (PARTITION BY t.priority IS NULL ORDER BY t.queue_key, t.id) - 1 AS w_rank, "
    "SUM(CASE WHEN t.priority IS NULL THEN 0 ELSE 1 END) OVER () AS w_priorities, COUNT(*) OVER () AS w_all, "
    "CASE WHEN ?4 > 0 AND cc.k_priority_today AND cc.k_normals < ?4 THEN ?4 - cc.k_normals ELSE 0 END AS "
    "w_owed "
    "FROM cc CROSS JOIN counter_services x CROSS JOIN tickets t WHERE x.counter_id = cc.id AND "
    "t.cur_service_id = x.service_id AND t.state = 'waiting' AND t.business_day = ?2), "
    "o AS (SELECT w_id, w_key, w_normal, w_due, w_due_at, "
    "CASE WHEN w_normal = 1 THEN w_rank ELSE w_owed + w_rank * (CASE WHEN ?4 > 0 THEN ?4 ELSE 0 END) END AS "
    "w_slot, "
    "CASE WHEN w_due = 1 THEN 'appointment' WHEN w_priorities = 0 THEN 'fifo' WHEN w_priorities = w_all THEN "
    "'priority_only' "
    "WHEN ?4 <= 0 THEN 'priority_strict' WHEN w_normal = 0 THEN 'priority_turn' ELSE 'normal_share' END AS "
    "w_why "
    "FROM w)";
// Checked-in appointments whose slot has begun first (earliest slot, then by arrival), then the rest.
constexpr const char* kCallOrderBy = "o.w_due DESC, o.w_due_at, o.w_slot, o.w_normal, o.w_key, o.w_id";

// One request for a move at a counter: the counter (with lock, locked on PostgreSQL first, so this
// counter's moves are serial and each sees the one before), its break, its call streak of the day,
// and either its active ticket, or the waiting tickets it may call in call order (kCallOrder; one
// row each), or only the first of them (Next).
std::optional<CounterContext> TicketStore::counterContext(int counterNumber, const std::string& day,
                                                          TimeMs dayStart, TimeMs now,
                                                          CounterContextKind kind, bool lock,
                                                          int interleave) {
    const Dialect d = m_db.dialect();
    static const auto build = [](Dialect dialect, CounterContextKind what) {
        const char* sessionKinds = "('login', 'logout', 'break_start', 'break_end')";
        // The counter's own columns are computed once, in a materialised CTE, then joined to its
        // waiting tickets: as scalar subqueries in the select list of the join they were evaluated
        // again for every waiting ticket (each scanning the counter's calls), which made a call with
        // 300 waiting cost 65 ms instead of a few.
        const bool waiting = what != CounterContextKind::Active;
        const std::string tickets =
            waiting ? fmt::format(
                          "LEFT JOIN (SELECT * FROM o ORDER BY {}{}) o ON TRUE LEFT JOIN tickets t ON t.id = "
                          "o.w_id",
                          kCallOrderBy, what == CounterContextKind::Next ? " LIMIT 1" : "")
                    : std::string(
                          "LEFT JOIN tickets t ON t.counter_id = c.id AND t.state IN ('called', 'serving') "
                          "AND t.business_day = ?2");
        // The counter's last priority call of the day is looked for once, through the index of
        // priority calls (migration 0009; walking its calls back from the newest read every call of
        // the day when none was a priority one): the normal calls since then are counted only when
        // there is one. Its session
        // (break or not, and why) is its newest session event, read once by id (two subqueries sorted
        // every session event the counter ever had).
        return fmt::format(
            "WITH cp AS MATERIALIZED (SELECT c.id, c.number, "
            "(SELECT MAX(q.id) FROM events q{10} WHERE q.counter_id = c.id AND q.kind = 'call' AND q.at >= "
            "?3 "
            "AND {2}) AS k_last_priority "
            "FROM counters c WHERE c.number = ?1 AND c.active = 1), "
            "cc AS MATERIALIZED (SELECT c.id, c.number, se.kind AS k_session, {1} AS k_reason, "
            "CASE WHEN c.k_last_priority IS NULL THEN 0 ELSE (SELECT COUNT(*) FROM events e WHERE "
            "e.counter_id = c.id AND e.kind = 'call' AND e.at >= ?3 AND e.id > c.k_last_priority) END "
            "AS k_normals, "
            "c.k_last_priority IS NOT NULL AS k_priority_today, "
            "EXISTS (SELECT 1 FROM tickets WHERE business_day < ?2 AND state IN ('waiting', 'called', "
            "'serving', 'held')) "
            "AS k_earlier, "
            "{3} AS k_guard, "
            "(SELECT number || ' ' || state FROM tickets WHERE counter_id = c.id AND state IN ('called', "
            "'serving') "
            "AND business_day = ?2) AS k_active "
            "FROM cp c LEFT JOIN events se ON se.id = (SELECT MAX(id) FROM events WHERE counter_id = c.id "
            "AND kind IN {0})){8} "
            "SELECT c.id, c.number, c.k_session, c.k_reason, c.k_normals, c.k_priority_today, c.k_earlier, "
            "c.k_guard, "
            "c.k_active, {4}, {9} FROM cc c {5}{6}{7}",
            sessionKinds, jsonText(dialect, "se.detail", "reason"), jsonTrue(dialect, "q.detail", "priority"),
            kGuardColumns, kTicketColumns, tickets, kTicketJoins,
            waiting ? fmt::format(" ORDER BY {}", kCallOrderBy) : std::string(),
            waiting ? fmt::format(", {}", kCallOrder) : std::string(), waiting ? "o.w_why" : "NULL",
            // SQLite's planner, without statistics, preferred (counter, kind, id), walking back through
            // every call of the counter; PostgreSQL chooses the partial index by itself.
            dialect == Dialect::Postgres ? "" : " INDEXED BY events_priority_calls");
    };
    static const std::string sql[2][3] = {
        {build(Dialect::Sqlite, CounterContextKind::Active), build(Dialect::Sqlite, CounterContextKind::Next),
         build(Dialect::Sqlite, CounterContextKind::Waiting)},
        {build(Dialect::Postgres, CounterContextKind::Active),
         build(Dialect::Postgres, CounterContextKind::Next),
         build(Dialect::Postgres, CounterContextKind::Waiting)}};
    if (d == Dialect::Postgres && lock) {
        // As for issuing: the lock in a statement of its own, so the read starts after it is granted.
        // Class 2: counters, by number (see issueContext for why advisory).
        Statement counterLock(m_db, "SELECT pg_advisory_xact_lock(2, CAST(? AS INTEGER))");
        counterLock.bind(1, counterNumber);
        counterLock.run();
    }
    Statement st(m_db, sql[d == Dialect::Postgres ? 1 : 0][static_cast<int>(kind)]);
    st.bind(1, counterNumber).bind(2, day).bind(3, dayStart);
    if (kind != CounterContextKind::Active) st.bind(4, interleave).bind(5, now);
    if (!st.step()) return std::nullopt;
    CounterContext c;
    c.counter = CounterRef{st.getInt(0), static_cast<int>(st.getInt(1))};
    if (!st.isNull(2) && st.getText(2) == "break_start")
        c.breakReason = st.isNull(3) ? std::string() : st.getText(3);
    if (st.getInt(5) != 0) c.normalsSincePriority = static_cast<int>(st.getInt(4));
    c.earlierDaysOpen = st.getInt(6) != 0;
    readGuard(st, 7, c.guard);
    if (!st.isNull(8)) {
        const std::string active = st.getText(8);
        const auto space = active.find(' ');
        c.activeNumber = active.substr(0, space);
        if (space != std::string::npos) c.activeState = ticketStateFromString(active.substr(space + 1));
    }
    constexpr int kFirstTicketColumn = 9;
    constexpr int kWhyColumn = kFirstTicketColumn + 20;
    do {
        if (st.isNull(kFirstTicketColumn)) break;
        Ticket t = readTicket(st, kFirstTicketColumn);
        if (c.waiting.empty() && !st.isNull(kWhyColumn))
            c.nextReason = callReasonFromCode(st.getText(kWhyColumn));
        if (kind == CounterContextKind::Active) {
            c.active = std::move(t);
        } else {
            c.waiting.push_back(std::move(t));
        }
    } while (st.step());
    return c;
}

NumberContext TicketStore::numberContext(const std::string& day, const std::string& number,
                                         std::optional<std::int64_t> staffId,
                                         std::optional<std::int64_t> counterId) {
    // The same text in both dialects. The ticket comes from a LEFT JOIN on a one-row table, so the
    // day's figures come back when there is no such ticket. The staff table is only named when a
    // staff id is asked about: a role without SELECT on staff (the kiosk's) never reads it.
    static const auto build = [](bool withStaff) {
        return fmt::format(
            "SELECT {}, "
            "EXISTS (SELECT 1 FROM tickets WHERE business_day < ?1 AND state IN ('waiting', 'called', "
            "'serving', 'held')), "
            "(SELECT MAX(queue_key) FROM tickets WHERE business_day = ?1 AND queue_key IS NOT NULL), {}, "
            "EXISTS (SELECT 1 FROM counter_services x WHERE x.counter_id = ?4 AND x.service_id = "
            "n.cur_service_id), "
            "n.* FROM (SELECT 1 AS one) one LEFT JOIN ({} WHERE t.business_day = ?1 AND t.number = ?2 "
            "ORDER BY t.id DESC LIMIT 1) n ON 1 = 1",
            kGuardColumns, withStaff ? "(SELECT role FROM staff WHERE id = ?3)" : "CAST(?3 AS TEXT)",
            kTicketSelect);
    };
    static const std::string withStaff = build(true), withoutStaff = build(false);
    Statement st(m_db, staffId ? withStaff : withoutStaff);
    st.bind(1, day).bind(2, number);
    if (staffId)
        st.bind(3, *staffId);
    else
        st.bind(3, nullptr);
    st.bind(4, counterId.value_or(-1));
    NumberContext c;
    if (!st.step()) return c;
    readGuard(st, 0, c.guard);
    c.earlierDaysOpen = st.getInt(1) != 0;
    c.lastQueueKey = st.getOptInt(2);
    c.staffRole = st.getOptText(3);
    c.counterServes = st.getInt(4) != 0;
    if (!st.isNull(5)) c.ticket = readTicket(st, 5);
    return c;
}

WriteGuard TicketStore::writeGuard() {
    Statement st(m_db, std::string("SELECT ") + kGuardColumns);
    WriteGuard guard;
    if (st.step()) readGuard(st, 0, guard);
    return guard;
}

ServiceHistory TicketStore::serviceHistory(std::int64_t serviceId, int samples) {
    // Recent service durations of this service: from each finish back to that leg's call.
    Statement st(m_db,
                 "SELECT f.at - (SELECT MAX(c.at) FROM events c WHERE c.ticket_id = f.ticket_id "
                 "AND c.kind = 'call' AND c.id < f.id) FROM events f WHERE f.kind = 'finish' "
                 "AND f.service_id = ? ORDER BY f.id DESC LIMIT ?");
    st.bind(1, serviceId).bind(2, samples);
    ServiceHistory h;
    double total = 0;
    while (st.step()) {
        if (st.isNull(0)) continue;
        total += static_cast<double>(std::max<std::int64_t>(0, st.getInt(0)));
        ++h.samples;
    }
    if (h.samples > 0) h.meanMs = total / h.samples;
    return h;
}

std::vector<WaitingTicket> TicketStore::waitingOf(std::int64_t serviceId, const std::string& day) {
    Statement st(m_db,
                 "SELECT id, CASE WHEN priority IS NULL THEN 0 ELSE 1 END, queue_key, due_at FROM tickets "
                 "WHERE cur_service_id = ? AND state = 'waiting' AND business_day = ?");
    st.bind(1, serviceId).bind(2, day);
    std::vector<WaitingTicket> out;
    while (st.step()) out.push_back({st.getInt(0), st.getInt(1) != 0, st.getInt(2), st.getOptInt(3)});
    return out;
}

std::vector<int> TicketStore::countersServing(std::int64_t serviceId) {
    Statement st(m_db,
                 "SELECT c.number FROM counters c JOIN counter_services cs ON cs.counter_id = c.id "
                 "WHERE cs.service_id = ? AND c.active = 1 ORDER BY c.number");
    st.bind(1, serviceId);
    std::vector<int> out;
    while (st.step()) out.push_back(static_cast<int>(st.getInt(0)));
    return out;
}

std::pair<std::string, std::string> TicketStore::serviceNameEnAndNote(std::int64_t serviceId) {
    Statement st(m_db, "SELECT name_en, ticket_note FROM services WHERE id = ?");
    st.bind(1, serviceId);
    if (!st.step()) return {};
    return {st.getText(0), st.getText(1)};
}

std::optional<std::int64_t> TicketStore::minWaitingKey(std::int64_t serviceId) {
    Statement st(m_db, "SELECT MIN(queue_key) FROM tickets WHERE cur_service_id = ? AND state = 'waiting'");
    st.bind(1, serviceId);
    if (!st.step() || st.isNull(0)) return std::nullopt;
    return st.getInt(0);
}

std::optional<std::int64_t> TicketStore::lastQueueKey(const std::string& day) {
    // `queue_key IS NOT NULL` (always true) names the (day, queue position) index, migration 0009.
    Statement st(m_db, "SELECT MAX(queue_key) FROM tickets WHERE business_day = ? AND queue_key IS NOT NULL");
    st.bind(1, day);
    if (!st.step() || st.isNull(0)) return std::nullopt;
    return st.getInt(0);
}

std::optional<nlohmann::json> TicketStore::lastEventDetail(std::int64_t ticketId, const std::string& kind) {
    Statement st(m_db, "SELECT detail FROM events WHERE ticket_id = ? AND kind = ? ORDER BY id DESC LIMIT 1");
    st.bind(1, ticketId).bind(2, kind);
    if (!st.step()) return std::nullopt;
    return nlohmann::json::parse(st.getText(0), nullptr, false);
}

std::vector<ServiceStatus> TicketStore::serviceStatus(const std::string& day) {
    static constexpr Sql kServices{
        "SELECT s.code, s.name, s.name_en, s.prefix, s.daily_cap, "
        "(SELECT COUNT(*) FROM tickets t WHERE t.cur_service_id = s.id AND t.state = 'waiting' AND "
        "t.business_day = ?1), "
        "(SELECT COUNT(*) FROM tickets t WHERE t.cur_service_id = s.id AND t.state = 'waiting' AND "
        "t.business_day = ?1 "
        "AND t.priority IS NOT NULL), "
        "(SELECT COUNT(*) FROM tickets t WHERE t.service_id = s.id AND t.business_day = ?1), "
        "(SELECT group_concat(c.number) FROM counter_services cs JOIN counters c ON c.id = cs.counter_id "
        "WHERE cs.service_id = s.id AND c.active = 1) "
        "FROM services s WHERE s.active = 1 ORDER BY s.sort_order, s.code",
        "SELECT s.code, s.name, s.name_en, s.prefix, s.daily_cap, "
        "(SELECT COUNT(*) FROM tickets t WHERE t.cur_service_id = s.id AND t.state = 'waiting' AND "
        "t.business_day = ?1), "
        "(SELECT COUNT(*) FROM tickets t WHERE t.cur_service_id = s.id AND t.state = 'waiting' AND "
        "t.business_day = ?1 "
        "AND t.priority IS NOT NULL), "
        "(SELECT COUNT(*) FROM tickets t WHERE t.service_id = s.id AND t.business_day = ?1), "
        "(SELECT string_agg(c.number::text, ',') FROM counter_services cs JOIN counters c ON c.id = "
        "cs.counter_id "
        "WHERE cs.service_id = s.id AND c.active = 1) "
        "FROM services s WHERE s.active = 1 ORDER BY s.sort_order, s.code"};
    Statement st(m_db, kServices);
    st.bind(1, day);
    std::vector<ServiceStatus> out;
    while (st.step()) {
        ServiceStatus s;
        s.code = st.getText(0);
        s.name = st.getText(1);
        s.nameEn = st.getText(2);
        s.prefix = st.getText(3);
        if (auto cap = st.getOptInt(4)) s.dailyCap = static_cast<int>(*cap);
        s.waiting = static_cast<int>(st.getInt(5));
        s.priorityWaiting = static_cast<int>(st.getInt(6));
        s.issuedToday = static_cast<int>(st.getInt(7));
        s.counters = splitNumbers(st.getText(8));
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<CounterStatus> TicketStore::counterStatus() {
    Statement st(m_db,
                 "SELECT c.number, c.name, s.code FROM counters c LEFT JOIN counter_services cs ON "
                 "cs.counter_id = c.id "
                 "LEFT JOIN services s ON s.id = cs.service_id AND s.active = 1 WHERE c.active = 1 "
                 "ORDER BY c.number, s.sort_order, s.code");
    std::vector<CounterStatus> out;
    while (st.step()) {
        const int number = static_cast<int>(st.getInt(0));
        if (out.empty() || out.back().number != number) {
            CounterStatus c;
            c.number = number;
            c.name = st.getText(1);
            out.push_back(std::move(c));
        }
        if (!st.isNull(2)) out.back().services.push_back(st.getText(2));
    }
    return out;
}

std::map<int, int> TicketStore::heldCounts(const std::string& day) {
    // Through the open-tickets index: a count per counter scanned every ticket ever issued.
    Statement st(m_db,
                 "SELECT c.number, COUNT(*) FROM tickets t JOIN counters c ON c.id = t.counter_id "
                 "WHERE t.business_day = ? AND t.state = 'held' AND t.state IN ('waiting', 'called', "
                 "'serving', 'held') "
                 "GROUP BY c.number");
    st.bind(1, day);
    std::map<int, int> out;
    while (st.step()) out[static_cast<int>(st.getInt(0))] = static_cast<int>(st.getInt(1));
    return out;
}

std::map<int, Ticket> TicketStore::activeTickets(const std::string& day) {
    auto st = selectTickets(
        m_db, "WHERE t.state IN ('called', 'serving') AND t.business_day = ? AND t.counter_id IS NOT NULL");
    st.bind(1, day);
    std::map<int, Ticket> out;
    while (st.step()) {
        Ticket t = readTicket(st);
        if (t.counter) out.emplace(*t.counter, std::move(t));
    }
    return out;
}

std::vector<TicketStore::PrintAttempt> TicketStore::unprintedToday(const std::string& day) {
    Statement st(
        m_db,
        "SELECT t.id, e.kind, e.at, e.detail FROM tickets t JOIN events e ON e.id = "
        "(SELECT MAX(id) FROM events WHERE ticket_id = t.id AND kind IN ('printed', 'print_failed', "
        "'print_started')) "
        "WHERE t.business_day = ? AND t.state IN ('waiting', 'called', 'held') AND e.kind <> 'printed' "
        "ORDER BY t.id");
    st.bind(1, day);
    std::vector<PrintAttempt> out;
    while (st.step()) {
        auto detail = nlohmann::json::parse(st.getText(3), nullptr, false);
        if (!detail.is_object()) detail = nlohmann::json::object();
        out.push_back({st.getInt(0), st.getText(1), st.getInt(2), std::move(detail)});
    }
    return out;
}

std::vector<Event> TicketStore::events(std::int64_t sinceId, int limit) {
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

std::vector<TicketStore::TicketEvent> TicketStore::ticketEvents(std::int64_t ticketId) {
    Statement st(m_db, "SELECT kind, at, detail FROM events WHERE ticket_id = ? ORDER BY id");
    st.bind(1, ticketId);
    std::vector<TicketEvent> out;
    while (st.step()) {
        auto detail = nlohmann::json::parse(st.getText(2), nullptr, false);
        if (!detail.is_object()) detail = nlohmann::json::object();
        out.push_back({st.getText(0), st.getInt(1), std::move(detail)});
    }
    return out;
}

bool TicketStore::isRated(std::int64_t ticketId) {
    Statement st(m_db, "SELECT 1 FROM events WHERE ticket_id = ? AND kind = 'rate'");
    st.bind(1, ticketId);
    return st.step();
}

TicketStore::LastFinish TicketStore::lastFinish(std::int64_t ticketId) {
    Statement st(m_db,
                 "SELECT e.counter_id, c.number, e.staff_id, e.service_id FROM events e "
                 "LEFT JOIN counters c ON c.id = e.counter_id "
                 "WHERE e.ticket_id = ? AND e.kind = 'finish' ORDER BY e.id DESC LIMIT 1");
    st.bind(1, ticketId);
    LastFinish out;
    if (st.step()) {
        out.counterId = st.getOptInt(0);
        if (auto n = st.getOptInt(1)) out.counterNumber = static_cast<int>(*n);
        out.staffId = st.getOptInt(2);
        out.serviceId = st.getOptInt(3);
    }
    return out;
}

std::optional<std::optional<std::int64_t>> TicketStore::committedMove(const std::string& moveKey) {
    Statement st(m_db, "SELECT ticket_id FROM events WHERE move_key = ?");
    st.bind(1, moveKey);
    if (!st.step()) return std::nullopt;
    return st.getOptInt(0);
}

std::int64_t TicketStore::insertTicket(const NewTicket& n, EventRow issueEvent, Transaction* commit) {
    // PostgreSQL: one statement, the event riding on the ticket's INSERT … RETURNING, sent with the
    // COMMIT. SQLite: two statements in the open transaction (nothing travels between them).
    if (m_db.isPostgres()) {
        Statement st(
            m_db,
            "WITH t AS (INSERT INTO tickets(service_id, business_day, prefix, seq, number, priority, "
            "cur_service_id, "
            "state, queue_key, issued_at, updated_at, citizen, due_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?1, "
            "'waiting', ?7, ?8, ?8, ?17, ?18) "
            "RETURNING id) "
            "INSERT INTO events(ticket_id, kind, at, counter_id, staff_id, service_id, detail, move_key) "
            "SELECT t.id, ?10, ?11, ?12, ?13, ?14, ?15, ?16 FROM t RETURNING ticket_id");
        st.bind(1, n.serviceId).bind(2, n.businessDay).bind(3, n.prefix).bind(4, n.seq).bind(5, n.number);
        st.bind(6, n.priority).bind(7, n.queueKey).bind(8, n.at);
        bindEvent(st, issueEvent, 9);
        st.bind(17, n.citizen).bind(18, n.dueAt);
        if (commit) return commit->commitWith(st).value_or(0);
        st.step();
        return st.getInt(0);
    }
    Statement insert(
        m_db,
        "INSERT INTO tickets(service_id, business_day, prefix, seq, number, priority, cur_service_id, state, "
        "queue_key, issued_at, updated_at, citizen, due_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?1, 'waiting', "
        "?7, ?8, ?8, ?9, ?10) "
        "RETURNING id");
    insert.bind(1, n.serviceId).bind(2, n.businessDay).bind(3, n.prefix).bind(4, n.seq).bind(5, n.number);
    insert.bind(6, n.priority).bind(7, n.queueKey).bind(8, n.at).bind(9, n.citizen).bind(10, n.dueAt);
    insert.step();
    const std::int64_t id = insert.getInt(0);
    insert.reset();
    issueEvent.ticketId = id;
    appendEvent(issueEvent);
    if (commit) commit->commit();
    return id;
}

TicketStore::CitizenUsage TicketStore::citizenUsage(const std::string& citizen, std::int64_t serviceId,
                                                    const std::string& day, TimeMs dayStart, bool lock) {
    if (lock && m_db.isPostgres()) {
        // Class 3: citizens, by keyed id. Taken after the service's lock (issueContext), never before,
        // so two kiosks cannot wait for each other.
        Statement citizenLock(m_db, "SELECT pg_advisory_xact_lock(3, hashtext(?))");
        citizenLock.bind(1, citizen);
        citizenLock.run();
    }
    Statement st(
        m_db,
        "SELECT (SELECT COUNT(*) FROM tickets WHERE business_day = ?1 AND citizen = ?2 AND state <> "
        "'cancelled'), "
        "(SELECT COUNT(*) FROM tickets WHERE business_day = ?1 AND citizen = ?2 AND state <> 'cancelled' "
        "AND service_id = ?3), "
        "(SELECT COUNT(*) FROM events WHERE citizen = ?2 AND kind = 'limit_lifted' AND at >= ?4)");
    st.bind(1, day).bind(2, citizen).bind(3, serviceId).bind(4, dayStart);
    CitizenUsage u;
    if (st.step()) {
        u.today = static_cast<int>(st.getInt(0));
        u.forService = static_cast<int>(st.getInt(1));
        u.lifted = st.getInt(2) > 0;
    }
    return u;
}

std::optional<TicketStore::CitizenEvent> TicketStore::citizenEvent(std::int64_t id) {
    Statement st(m_db,
                 "SELECT id, kind, at, citizen, detail FROM events WHERE id = ? AND citizen IS NOT NULL");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    CitizenEvent e;
    e.id = st.getInt(0);
    e.kind = st.getText(1);
    e.at = st.getInt(2);
    e.citizen = st.getText(3);
    e.detail = nlohmann::json::parse(st.getText(4), nullptr, false);
    return e;
}

std::int64_t TicketStore::appendCitizenEvent(const EventRow& event, const std::string& citizen) {
    Statement st(
        m_db,
        "INSERT INTO events(ticket_id, kind, at, counter_id, staff_id, service_id, detail, move_key, "
        "citizen) VALUES(?,?,?,?,?,?,?,?,?) RETURNING id");
    bindEvent(st, event, 1);
    st.bind(9, citizen);
    st.step();
    return st.getInt(0);
}

bool TicketStore::writeTicket(const Ticket& before, const Ticket& after, const EventRow& event,
                              Transaction* commit) {
    static constexpr Sql kWrite{
        "UPDATE tickets SET state = ?, counter_id = ?, staff_id = ?, cur_service_id = ?, leg = ?, recalls = "
        "?, "
        "queue_key = ?, updated_at = ? WHERE id = ? AND state = ? AND updated_at = ? RETURNING id",
        "WITH u AS (UPDATE tickets SET state = ?1, counter_id = ?2, staff_id = ?3, cur_service_id = ?4, leg "
        "= ?5, "
        "recalls = ?6, queue_key = ?7, updated_at = ?8 WHERE id = ?9 AND state = ?10 AND updated_at = ?11 "
        "RETURNING id) "
        "INSERT INTO events(ticket_id, kind, at, counter_id, staff_id, service_id, detail, move_key) "
        "SELECT u.id, ?13, ?14, ?15, ?16, ?17, ?18, ?19 FROM u RETURNING ticket_id"};
    Statement st(m_db, kWrite);
    st.bind(1, toString(after.state))
        .bind(2, after.counterId)
        .bind(3, after.staffId)
        .bind(4, after.curServiceId);
    st.bind(5, after.leg).bind(6, after.recalls).bind(7, after.queueKey).bind(8, after.updatedAt);
    st.bind(9, before.id).bind(10, toString(before.state)).bind(11, before.updatedAt);
    if (m_db.isPostgres()) {
        bindEvent(st, event, 12);  // ?12 (the event's ticket) stays unused: the UPDATE's row is the ticket
        // Committed even when the guard found the ticket moved: nothing was written then.
        if (commit) return commit->commitWith(st).has_value();
        return st.step();
    }
    const bool written = st.step();
    st.reset();
    if (written) appendEvent(event);
    if (commit && written) commit->commit();
    return written;
}

void appendEventRow(Database& db, const EventRow& event) {
    Statement st(db, kInsertEvent);
    bindEvent(st, event, 1);
    st.run();
}

namespace {
// Both directions of expiry: the events first (they read each ticket's state before the change),
// then the tickets, in two set statements; on PostgreSQL one statement does both.
int expireWhere(Database& db, const char* condition, const std::string& day, TimeMs now,
                const nlohmann::json& reason) {
    const std::string open = "state IN ('waiting', 'called', 'serving', 'held')";
    if (db.isPostgres()) {
        Statement st(
            db,
            std::string("WITH o AS (SELECT id, state, business_day, counter_id, cur_service_id FROM tickets "
                        "WHERE business_day ") +
                condition + " ? AND " + open +
                " FOR UPDATE), u AS (UPDATE tickets t SET state = 'expired', counter_id = NULL, "
                "updated_at = ? FROM o WHERE t.id = o.id RETURNING o.id, o.state, o.business_day, "
                "o.counter_id, o.cur_service_id) "
                "INSERT INTO events(ticket_id, kind, at, counter_id, service_id, detail) "
                "SELECT u.id, 'expire', ?, u.counter_id, u.cur_service_id, "
                "jsonb_build_object('from', u.state, 'business_day', u.business_day) || ?::jsonb FROM u "
                "RETURNING ticket_id");
        st.bind(1, day).bind(2, now).bind(3, now).bind(4, reason.dump());
        int n = 0;
        while (st.step()) ++n;
        return n;
    }
    Statement events(db,
                     std::string("INSERT INTO events(ticket_id, kind, at, counter_id, service_id, detail) "
                                 "SELECT id, 'expire', ?, counter_id, cur_service_id, "
                                 "json_patch(json_object('from', state, 'business_day', business_day), ?) "
                                 "FROM tickets WHERE business_day ") +
                         condition + " ? AND " + open + " ORDER BY id");
    events.bind(1, now).bind(2, reason.dump()).bind(3, day);
    events.run();
    const int n = db.changes();
    if (n == 0) return 0;
    Statement update(db,
                     std::string("UPDATE tickets SET state = 'expired', counter_id = NULL, updated_at = ? "
                                 "WHERE business_day ") +
                         condition + " ? AND " + open);
    update.bind(1, now).bind(2, day);
    update.run();
    return n;
}
}  // namespace

int TicketStore::expireBefore(const std::string& day, TimeMs now, const nlohmann::json& reason) {
    return expireWhere(m_db, "<", day, now, reason);
}

int TicketStore::expireAfter(const std::string& day, TimeMs now, const nlohmann::json& reason) {
    return expireWhere(m_db, ">", day, now, reason);
}

bool TicketStore::touchTicket(const Ticket& before, TimeMs at, const EventRow& event) {
    // The same text for both stores; on PostgreSQL the guard waits for a concurrent writer of the
    // row and then finds updated_at changed.
    Statement st(
        m_db, "UPDATE tickets SET updated_at = ? WHERE id = ? AND state = ? AND updated_at = ? RETURNING id");
    st.bind(1, at).bind(2, before.id).bind(3, toString(before.state)).bind(4, before.updatedAt);
    const bool written = st.step();
    st.reset();
    if (written) appendEvent(event);
    return written;
}

}  // namespace motcua::queue
