#include "queue/appointment_store.h"

#include <string_view>

namespace motcua::queue {

namespace {

constexpr const char* kSelect =
    "SELECT a.id, a.code, a.service_id, s.code, s.name, s.name_en, a.business_day, a.start_minute, "
    "a.end_minute, a.starts_at, a.ends_at, a.state, t.number, a.created_at FROM appointments a "
    "JOIN services s ON s.id = a.service_id LEFT JOIN tickets t ON t.id = a.ticket_id ";

AppointmentState stateFrom(std::string_view text) {
    if (text == "checked_in") return AppointmentState::CheckedIn;
    if (text == "expired") return AppointmentState::Expired;
    if (text == "cancelled") return AppointmentState::Cancelled;
    return AppointmentState::Booked;
}

}  // namespace

const char* toString(AppointmentState state) {
    switch (state) {
        case AppointmentState::Booked:
            return "booked";
        case AppointmentState::CheckedIn:
            return "checked_in";
        case AppointmentState::Expired:
            return "expired";
        case AppointmentState::Cancelled:
            return "cancelled";
    }
    return "booked";
}

std::vector<Appointment> AppointmentStore::read(Statement& st) {
    std::vector<Appointment> out;
    while (st.step()) {
        Appointment a;
        a.id = st.getInt(0);
        a.code = st.getText(1);
        a.serviceId = st.getInt(2);
        a.serviceCode = st.getText(3);
        a.serviceName = st.getText(4);
        a.serviceNameEn = st.isNull(5) ? std::string() : st.getText(5);
        a.day = st.getText(6);
        a.startMinute = static_cast<int>(st.getInt(7));
        a.endMinute = static_cast<int>(st.getInt(8));
        a.startsAt = st.getInt(9);
        a.endsAt = st.getInt(10);
        a.state = stateFrom(st.getText(11));
        a.ticketNumber = st.getOptText(12);
        a.createdAt = st.getInt(13);
        out.push_back(std::move(a));
    }
    return out;
}

void AppointmentStore::lockService(std::int64_t serviceId) {
    if (!m_db.isPostgres()) return;
    // In a statement of its own, so the counts read after it see every booking committed before.
    Statement lock(m_db, "SELECT pg_advisory_xact_lock(5, CAST(? AS INTEGER))");
    lock.bind(1, serviceId);
    lock.run();
}

std::map<int, int> AppointmentStore::bookedPerSlot(std::int64_t serviceId, const std::string& day) {
    Statement st(m_db,
                 "SELECT start_minute, COUNT(*) FROM appointments WHERE service_id = ? AND business_day = ? "
                 "AND state IN ('booked', 'checked_in') GROUP BY start_minute");
    st.bind(1, serviceId).bind(2, day);
    std::map<int, int> out;
    while (st.step()) out[static_cast<int>(st.getInt(0))] = static_cast<int>(st.getInt(1));
    return out;
}

AppointmentStore::HolderUsage AppointmentStore::holderUsage(const std::string& holder, const std::string& day,
                                                            std::int64_t serviceId) {
    Statement st(m_db,
                 "SELECT COUNT(*), COALESCE(SUM(CASE WHEN service_id = ? THEN 1 ELSE 0 END), 0) FROM "
                 "appointments WHERE holder = ? AND business_day = ? AND state IN ('booked', 'checked_in')");
    st.bind(1, serviceId).bind(2, holder).bind(3, day);
    HolderUsage u;
    if (st.step()) {
        u.day = static_cast<int>(st.getInt(0));
        u.service = static_cast<int>(st.getInt(1));
    }
    return u;
}

std::optional<std::int64_t> AppointmentStore::insert(const NewAppointment& a) {
    Statement st(
        m_db,
        "INSERT INTO appointments(code, service_id, business_day, start_minute, end_minute, starts_at, "
        "ends_at, holder, state, created_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
        "'booked', ?9, ?9) ON CONFLICT (code) DO NOTHING RETURNING id");
    st.bind(1, a.code).bind(2, a.serviceId).bind(3, a.day).bind(4, a.startMinute).bind(5, a.endMinute);
    st.bind(6, a.startsAt).bind(7, a.endsAt).bind(8, a.holder).bind(9, a.at);
    if (!st.step()) return std::nullopt;
    return st.getInt(0);
}

std::optional<Appointment> AppointmentStore::byCode(const std::string& code) {
    Statement st(m_db, std::string(kSelect) + "WHERE a.code = ?");
    st.bind(1, code);
    auto all = read(st);
    if (all.empty()) return std::nullopt;
    return std::move(all.front());
}

std::optional<Appointment> AppointmentStore::byId(std::int64_t id) {
    Statement st(m_db, std::string(kSelect) + "WHERE a.id = ?");
    st.bind(1, id);
    auto all = read(st);
    if (all.empty()) return std::nullopt;
    return std::move(all.front());
}

std::vector<Appointment> AppointmentStore::ofDay(const std::string& day) {
    Statement st(m_db, std::string(kSelect) + "WHERE a.business_day = ? ORDER BY a.starts_at, a.id");
    st.bind(1, day);
    return read(st);
}

std::vector<Appointment> AppointmentStore::ofHolder(const std::string& holder, const std::string& fromDay) {
    Statement st(m_db, std::string(kSelect) +
                           "WHERE a.holder = ? AND a.business_day >= ? AND a.state IN ('booked', "
                           "'checked_in') ORDER BY a.starts_at, a.id");
    st.bind(1, holder).bind(2, fromDay);
    return read(st);
}

int AppointmentStore::expireLate(TimeMs now, TimeMs graceMs) {
    Statement st(m_db,
                 "UPDATE appointments SET state = 'expired', updated_at = ?1 WHERE state = 'booked' AND "
                 "ends_at + ?2 < ?1 RETURNING id");
    st.bind(1, now).bind(2, graceMs);
    int n = 0;
    while (st.step()) ++n;
    return n;
}

bool AppointmentStore::markCheckedIn(std::int64_t id, std::int64_t ticketId, TimeMs now) {
    Statement st(
        m_db,
        "UPDATE appointments SET state = 'checked_in', ticket_id = ?, updated_at = ? WHERE id = ? AND "
        "state = 'booked' RETURNING id");
    st.bind(1, ticketId).bind(2, now).bind(3, id);
    return st.step();
}

bool AppointmentStore::markCancelled(std::int64_t id, const std::optional<std::string>& holder, TimeMs now) {
    Statement st(m_db, holder
                           ? "UPDATE appointments SET state = 'cancelled', updated_at = ? WHERE id = ? AND "
                             "state = 'booked' AND holder = ? RETURNING id"
                           : "UPDATE appointments SET state = 'cancelled', updated_at = ? WHERE id = ? AND "
                             "state = 'booked' RETURNING id");
    st.bind(1, now).bind(2, id);
    if (holder) st.bind(3, *holder);
    return st.step();
}

}  // namespace motcua::queue
