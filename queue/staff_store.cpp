#include "queue/staff_store.h"

namespace motcua::queue {

namespace {

StaffRole roleFrom(const std::string& text) {
    if (text == "supervisor") return StaffRole::Supervisor;
    if (text == "admin") return StaffRole::Admin;
    return StaffRole::Officer;
}

// Never the hash itself: the kiosk's and display's PostgreSQL roles may not read that column. Whether
// one is set is a column of its own, derived from it by the database (has_pin).
constexpr const char* kStaffSelect = "SELECT id, login, name, role, has_pin FROM staff ";

StaffMember readStaff(const Statement& st) {
    return {st.getInt(0), st.getText(1), st.getText(2), roleFrom(st.getText(3)), st.getInt(4) != 0};
}

std::vector<SessionEvent> readSessionEvents(Statement& st) {
    std::vector<SessionEvent> out;
    while (st.step()) {
        SessionEvent e;
        e.kind = st.getText(0);
        e.at = st.getInt(1);
        e.staffId = st.getOptInt(2);
        e.reason = st.getOptText(3);
        e.until = st.getOptInt(4);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace

const char* toString(StaffRole role) {
    switch (role) {
        case StaffRole::Officer:
            return "officer";
        case StaffRole::Supervisor:
            return "supervisor";
        case StaffRole::Admin:
            return "admin";
    }
    return "officer";
}

std::vector<StaffMember> StaffStore::list() {
    Statement st(m_db, std::string(kStaffSelect) + "WHERE active = 1 ORDER BY name");
    std::vector<StaffMember> out;
    while (st.step()) out.push_back(readStaff(st));
    return out;
}

std::vector<StaffMember> StaffStore::pinsSetBeforeRule(int rule) {
    // The rule a PIN passed is in its newest pin_set event's detail ("rule"); none: before rules.
    const std::string newestRule =
        m_db.isPostgres()
            ? "coalesce((SELECT (e.detail->>'rule')::int FROM events e WHERE e.staff_id = staff.id AND "
              "e.kind = 'pin_set' ORDER BY e.id DESC LIMIT 1), 0)"
            : "coalesce((SELECT json_extract(e.detail, '$.rule') FROM events e WHERE e.staff_id = staff.id "
              "AND "
              "e.kind = 'pin_set' ORDER BY e.id DESC LIMIT 1), 0)";
    Statement st(m_db, std::string(kStaffSelect) + "WHERE active = 1 AND has_pin = 1 AND " + newestRule +
                           " < ? ORDER BY name");
    st.bind(1, rule);
    std::vector<StaffMember> out;
    while (st.step()) out.push_back(readStaff(st));
    return out;
}

std::optional<StaffMember> StaffStore::find(const std::string& login) {
    Statement st(m_db, std::string(kStaffSelect) + "WHERE login = ? AND active = 1");
    st.bind(1, login);
    if (!st.step()) return std::nullopt;
    return readStaff(st);
}

std::optional<StaffMember> StaffStore::byId(std::int64_t id) {
    Statement st(m_db, std::string(kStaffSelect) + "WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readStaff(st);
}

std::optional<std::pair<StaffMember, std::string>> StaffStore::withPinHash(const std::string& login) {
    Statement st(m_db,
                 "SELECT id, login, name, role, has_pin, pin_hash FROM staff WHERE login = ? AND active = 1");
    st.bind(1, login);
    if (!st.step()) return std::nullopt;
    return std::make_pair(readStaff(st), st.getText(5));
}

std::optional<std::pair<StaffMember, std::string>> StaffStore::supervisorWithPinHash(
    const std::string& login) {
    static constexpr Sql kSupervisor{
        "SELECT id, login, name, role, has_pin, pin_hash FROM staff WHERE login = ? AND active = 1 AND role "
        "<> 'officer' "
        "AND pin_hash <> ''",
        "SELECT id, login, name, role, has_pin, motcua.supervisor_pin_hash(login) FROM staff WHERE login = ? "
        "AND active = 1 "
        "AND role <> 'officer' AND has_pin = 1"};
    Statement st(m_db, kSupervisor);
    st.bind(1, login);
    if (!st.step() || st.isNull(5)) return std::nullopt;
    return std::make_pair(readStaff(st), st.getText(5));
}

void StaffStore::setPinHash(std::int64_t staffId, const std::string& hash) {
    Statement up(m_db, "UPDATE staff SET pin_hash = ? WHERE id = ?");
    up.bind(1, hash).bind(2, staffId);
    up.run();
}

std::optional<std::int64_t> StaffStore::counterId(int number) {
    Statement st(m_db, "SELECT id FROM counters WHERE number = ? AND active = 1");
    st.bind(1, number);
    if (!st.step()) return std::nullopt;
    return st.getInt(0);
}

std::vector<SessionEvent> StaffStore::loginAttempts(std::int64_t staffId, int limit) {
    static constexpr Sql kAttempts{
        "SELECT kind, at, staff_id, json_extract(detail, '$.reason'), json_extract(detail, '$.until') FROM "
        "events "
        "WHERE staff_id = ? AND kind IN ('login', 'login_failed', 'login_locked', 'supervisor_unlock') ORDER "
        "BY id DESC LIMIT ?",
        "SELECT kind, at, staff_id, detail->>'reason', (detail->>'until')::bigint FROM events "
        "WHERE staff_id = ? AND kind IN ('login', 'login_failed', 'login_locked', 'supervisor_unlock') ORDER "
        "BY id DESC LIMIT ?"};
    Statement st(m_db, kAttempts);
    st.bind(1, staffId).bind(2, limit);
    return readSessionEvents(st);
}

std::vector<SessionEvent> StaffStore::counterSessionEvents(std::int64_t counterId, int limit) {
    static constexpr Sql kEvents{
        "SELECT kind, at, staff_id, json_extract(detail, '$.reason'), NULL FROM events WHERE counter_id = ? "
        "AND kind IN "
        "('login', 'logout', 'break_start', 'break_end') ORDER BY id DESC LIMIT ?",
        "SELECT kind, at, staff_id, detail->>'reason', NULL::bigint FROM events WHERE counter_id = ? AND "
        "kind IN "
        "('login', 'logout', 'break_start', 'break_end') ORDER BY id DESC LIMIT ?"};
    Statement st(m_db, kEvents);
    st.bind(1, counterId).bind(2, limit);
    return readSessionEvents(st);
}

std::vector<std::pair<int, std::int64_t>> StaffStore::counters() {
    Statement st(m_db, "SELECT number, id FROM counters WHERE active = 1 ORDER BY number");
    std::vector<std::pair<int, std::int64_t>> out;
    while (st.step()) out.emplace_back(static_cast<int>(st.getInt(0)), st.getInt(1));
    return out;
}

std::optional<std::string> StaffStore::activeTicketAt(std::int64_t counterId) {
    Statement st(m_db, "SELECT number FROM tickets WHERE counter_id = ? AND state IN ('called', 'serving')");
    st.bind(1, counterId);
    if (!st.step()) return std::nullopt;
    return st.getText(0);
}

}  // namespace motcua::queue
