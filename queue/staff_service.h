// Officers: PINs (libsodium Argon2id, never stored or logged in clear), login at a counter with a
// lockout after repeated wrong PINs, logout, breaks. Everything is an event; who is logged in where,
// who is on a break and whether an account is locked are all derived from the event log.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "queue/clock.h"
#include "queue/database.h"
#include "queue/queue_service.h"
#include "queue/staff_store.h"

namespace motcua::queue {

enum class LoginOutcome { Ok, WrongPin, Locked, UnknownStaff, NoPinSet, UnknownCounter, NotSupervisor };
const char* toString(LoginOutcome outcome);

struct LoginResult {
    LoginOutcome outcome = LoginOutcome::WrongPin;
    std::optional<StaffMember> staff;
    int attemptsLeft = 0;    // after a wrong PIN
    TimeMs lockedUntil = 0;  // when Locked
    std::string message;     // one line, English
    std::string messageVi;   // one line, Vietnamese, for the console
    // Ok with a PIN that today's rule (validPin) refuses: one set before the rule, kept working so
    // nobody is locked out by an upgrade. The console asks the officer to have a new one set.
    bool pinNeedsChange = false;
};

struct StaffPolicy {
    int maxAttempts = 5;
    int lockMinutes = 15;
};

// Who works at a counter now, derived from login/logout/break events.
struct CounterSession {
    int counter = 0;
    std::optional<StaffMember> staff;
    TimeMs since = 0;
    bool onBreak = false;
    std::string breakReason;
    TimeMs breakSince = 0;
};

class StaffService {
  public:
    StaffService(Database& db, const Clock& clock, StaffPolicy policy = {});

    std::vector<StaffMember> list();
    std::optional<StaffMember> find(const std::string& login);
    std::optional<StaffMember> byId(std::int64_t id);

    // A new PIN must pass validPin. Stored only as an Argon2id hash.
    Result<StaffMember> setPin(const std::string& login, const std::string& pin, const Actor& actor = {});
    LoginResult login(const std::string& login, const std::string& pin, int counter);
    // A supervisor (or admin) unlocking a device, such as the kiosk's maintenance screen: the same PIN
    // policy and lockout as counter logins, every attempt in the event log ("supervisor_unlock" on
    // success, with the device). NotSupervisor for anyone else.
    LoginResult checkSupervisor(const std::string& login, const std::string& pin, const std::string& device);
    Result<CounterSession> logout(std::int64_t staffId, int counter);
    Result<CounterSession> startBreak(std::int64_t staffId, int counter, const std::string& reason);
    Result<CounterSession> endBreak(std::int64_t staffId, int counter);
    CounterSession session(int counter);
    // Every active counter's session, by counter number.
    std::map<int, CounterSession> sessions();

    // Active staff whose PIN was not set under today's rule (set by an older motcua, or given as a
    // hash in office.toml): they still log in, and should have a new PIN set.
    std::vector<StaffMember> pinsToRenew();

    // 6 to 8 digits, and not one of the first a person guesses: one digit repeated (000000), a run
    // up or down (123456, 987654, also wrapping: 890123), a repeated block (121212, 123123, 168168,
    // 12341234), or a common keypad pattern (147258, 112233, 123321, 159357). A 4-digit PIN is
    // found from its Argon2id hash in about 25 minutes on one core; 6 digits take 100 times longer.
    static bool validPin(const std::string& pin);
    static constexpr const char* kPinRule =
        "a PIN is 6 to 8 digits and not easy to guess (not one digit repeated, not a run such as 123456 or "
        "987654, not a repeated pattern such as 121212 or 123123)";

  private:
    LoginResult checkPin(const StaffMember& member, const std::string& hash, const std::string& pin,
                         std::optional<std::int64_t> counterRow, const nlohmann::json& where);
    void appendEvent(const std::string& kind, std::optional<std::int64_t> counterId,
                     std::optional<std::int64_t> staffId, const nlohmann::json& detail);
    CounterSession sessionLocked(int counter, std::int64_t counterId);
    // One change to the session of the officer logged in at a counter, in one transaction: refused
    // with notHere unless staffId is logged in there; act(counterId, session) appends its events, or
    // returns why it cannot (nothing is then written).
    template <class F>
    Result<CounterSession> changeSession(std::int64_t staffId, int counter, const char* notHere, F&& act);

    Database& m_db;
    StaffStore m_store;
    const Clock& m_clock;
    StaffPolicy m_policy;
};

// Hashes a PIN with libsodium's Argon2id (crypto_pwhash_str); verifies in constant time.
std::string hashPin(const std::string& pin);
bool verifyPin(const std::string& hash, const std::string& pin);

}  // namespace motcua::queue
