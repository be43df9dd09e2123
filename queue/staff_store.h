// Every statement StaffService's rules need (officers, PINs, the session events of counters), for
// both stores. StaffService decides (lockout, who may do what); this class only reads and writes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "queue/database.h"
#include "queue/ticket_store.h"

namespace motcua::queue {

enum class StaffRole { Officer, Supervisor, Admin };
const char* toString(StaffRole role);

struct StaffMember {
    std::int64_t id = 0;
    std::string login;
    std::string name;
    StaffRole role = StaffRole::Officer;
    bool hasPin = false;
};

// One login, login_failed, login_locked, logout or break event, newest first.
struct SessionEvent {
    std::string kind;
    TimeMs at = 0;
    std::optional<std::int64_t> staffId;
    std::optional<std::string> reason;  // detail.reason
    std::optional<TimeMs> until;        // detail.until (login_locked)
};

class StaffStore {
  public:
    explicit StaffStore(Database& db) : m_db(db) {}

    std::vector<StaffMember> list();
    // Active staff with a PIN set under an older PIN rule than rule (see StaffService::pinsToRenew).
    std::vector<StaffMember> pinsSetBeforeRule(int rule);
    std::optional<StaffMember> find(const std::string& login);
    std::optional<StaffMember> byId(std::int64_t id);
    // The member and their PIN hash ("" when none is set). On PostgreSQL only the console's role may
    // read hashes.
    std::optional<std::pair<StaffMember, std::string>> withPinHash(const std::string& login);
    void setPinHash(std::int64_t staffId, const std::string& hash);
    // The same for a supervisor or admin only. On PostgreSQL through motcua.supervisor_pin_hash(), a
    // function of the owner's that the kiosk's role may call (it may not read the staff table's
    // hashes): a kiosk can check a supervisor's PIN, never fetch an officer's hash.
    std::optional<std::pair<StaffMember, std::string>> supervisorWithPinHash(const std::string& login);
    std::optional<std::int64_t> counterId(int number);
    // The newest login, login_failed and login_locked events of an officer (at most limit).
    std::vector<SessionEvent> loginAttempts(std::int64_t staffId, int limit);
    // The newest session events (login, logout, breaks) at a counter (at most limit).
    std::vector<SessionEvent> counterSessionEvents(std::int64_t counterId, int limit);
    // The active counters' numbers and ids.
    std::vector<std::pair<int, std::int64_t>> counters();
    std::optional<std::string> activeTicketAt(std::int64_t counterId);
    void appendEvent(const EventRow& event) { appendEventRow(m_db, event); }

  private:
    Database& m_db;
};

}  // namespace motcua::queue
