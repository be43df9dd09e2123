// Every statement appointments need (queue/appointments.h), for both stores. The rules are in
// AppointmentBook and QueueService::checkIn; this class only reads and writes rows.
//
// Concurrency: booking counts a slot's bookings and inserts in one write transaction. SQLite's
// BEGIN IMMEDIATE makes that serial; on PostgreSQL lockService() takes a transaction-scoped advisory
// lock on the service (class 5) first, so two phones never both take a slot's last place. Check-in
// is a guarded UPDATE (… WHERE state = 'booked'): of two kiosks checking in one code, the second
// changes no row and its number is rolled back.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "queue/clock.h"
#include "queue/database.h"

namespace motcua::queue {

enum class AppointmentState { Booked, CheckedIn, Expired, Cancelled };
const char* toString(AppointmentState state);

struct Appointment {
    std::int64_t id = 0;
    std::string code;  // 10 characters of kShortCodeAlphabet (ticket_links.h), as stored
    std::int64_t serviceId = 0;
    std::string serviceCode, serviceName, serviceNameEn;
    std::string day;  // the business day, "YYYY-MM-DD"
    int startMinute = 0, endMinute = 0;
    TimeMs startsAt = 0, endsAt = 0;
    AppointmentState state = AppointmentState::Booked;
    std::optional<std::string> ticketNumber;  // the number issued at check-in
    TimeMs createdAt = 0;
};

class AppointmentStore {
  public:
    explicit AppointmentStore(Database& db) : m_db(db) {}

    struct NewAppointment {
        std::string code;
        std::int64_t serviceId = 0;
        std::string day;
        int startMinute = 0, endMinute = 0;
        TimeMs startsAt = 0, endsAt = 0;
        std::string holder;
        TimeMs at = 0;
    };
    // PostgreSQL: serialises bookings of the service until the transaction ends (no-op on SQLite).
    void lockService(std::int64_t serviceId);
    // Live bookings (booked or checked in) of the service on the day, by slot start minute.
    std::map<int, int> bookedPerSlot(std::int64_t serviceId, const std::string& day);
    struct HolderUsage {
        int day = 0;      // live bookings of the holder on the day
        int service = 0;  // of which for the service
    };
    HolderUsage holderUsage(const std::string& holder, const std::string& day, std::int64_t serviceId);
    // The new row's id, or nullopt when the code is taken (draw another).
    std::optional<std::int64_t> insert(const NewAppointment& a);
    std::optional<Appointment> byCode(const std::string& code);
    std::optional<Appointment> byId(std::int64_t id);
    // The day's appointments by slot, then booking order.
    std::vector<Appointment> ofDay(const std::string& day);
    // A holder's live bookings from the day on, soonest first.
    std::vector<Appointment> ofHolder(const std::string& holder, const std::string& fromDay);
    // Booked appointments whose slot ended before now - graceMs become expired; returns how many.
    int expireLate(TimeMs now, TimeMs graceMs);
    // booked -> checked_in with the ticket; false when the row is no longer booked (nothing written).
    bool markCheckedIn(std::int64_t id, std::int64_t ticketId, TimeMs now);
    // booked -> cancelled (the slot's place is free again); holder: only that phone's booking. False
    // when the row is not booked, or another phone's (nothing written).
    bool markCancelled(std::int64_t id, const std::optional<std::string>& holder, TimeMs now);

  private:
    std::vector<Appointment> read(Statement& st);

    Database& m_db;
};

}  // namespace motcua::queue
