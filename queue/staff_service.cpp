#include "queue/staff_service.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "queue/queue_service.h"

namespace motcua::queue {

namespace {

void ensureSodium() {
    static const int ready = sodium_init();
    if (ready < 0) throw std::runtime_error("libsodium could not be initialised");
}

// The PIN rule a pin_set event records: 2 is validPin's (6 to 8 digits, not trivial); events from
// before it have none (4 to 8 digits).
constexpr int kPinRuleVersion = 2;

}  // namespace

const char* toString(LoginOutcome outcome) {
    switch (outcome) {
        case LoginOutcome::Ok:
            return "ok";
        case LoginOutcome::WrongPin:
            return "wrong_pin";
        case LoginOutcome::Locked:
            return "locked";
        case LoginOutcome::UnknownStaff:
            return "unknown_staff";
        case LoginOutcome::NoPinSet:
            return "no_pin_set";
        case LoginOutcome::UnknownCounter:
            return "unknown_counter";
        case LoginOutcome::NotSupervisor:
            return "not_supervisor";
    }
    return "unknown";
}

std::string hashPin(const std::string& pin) {
    ensureSodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("Argon2id hashing failed (out of memory?)");
    }
    return out;
}

bool verifyPin(const std::string& hash, const std::string& pin) {
    ensureSodium();
    if (hash.empty()) return false;
    return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

bool StaffService::validPin(const std::string& pin) {
    if (pin.size() < 6 || pin.size() > 8) return false;
    if (!std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    // One block repeated: 000000, 121212, 123123, 12341234.
    for (std::size_t period = 1; period <= pin.size() / 2; ++period) {
        bool repeats = true;
        for (std::size_t i = period; i < pin.size() && repeats; ++i) repeats = pin[i] == pin[i - period];
        if (repeats) return false;
    }
    // Each digit one more (or one less) than the one before, modulo 10: 123456, 890123, 987654.
    for (const int step : {1, 9}) {
        bool run = true;
        for (std::size_t i = 1; i < pin.size() && run; ++i)
            run = (pin[i] - '0') == ((pin[i - 1] - '0') + step) % 10;
        if (run) return false;
    }
    static constexpr std::string_view kCommon[] = {"112233", "123321", "147258", "159357", "258369", "369258",
                                                   "147852", "102030", "111222", "123654", "654123"};
    for (const auto common : kCommon) {
        if (pin.compare(0, common.size(), common) == 0 && pin.size() <= common.size() + 2) return false;
    }
    return true;
}

StaffService::StaffService(Database& db, const Clock& clock, StaffPolicy policy)
    : m_db(db), m_store(db), m_clock(clock), m_policy(policy) {}

std::vector<StaffMember> StaffService::list() {
    return m_store.list();
}
std::vector<StaffMember> StaffService::pinsToRenew() {
    return m_store.pinsSetBeforeRule(kPinRuleVersion);
}
std::optional<StaffMember> StaffService::find(const std::string& login) {
    return m_store.find(login);
}
std::optional<StaffMember> StaffService::byId(std::int64_t id) {
    return m_store.byId(id);
}

void StaffService::appendEvent(const std::string& kind, std::optional<std::int64_t> counter,
                               std::optional<std::int64_t> staffId, const nlohmann::json& detail) {
    m_store.appendEvent(
        EventRow{std::nullopt, kind, m_clock.now(), counter, staffId, std::nullopt, detail, {}});
}

Result<StaffMember> StaffService::setPin(const std::string& login, const std::string& pin,
                                         const Actor& actor) {
    if (!validPin(pin)) return Result<StaffMember>::failure(Outcome::Invalid, kPinRule);
    const std::string hash = hashPin(pin);  // slow on purpose: outside the write lock
    Transaction tx(m_db);
    auto member = find(login);
    if (!member)
        return Result<StaffMember>::failure(Outcome::NotFound,
                                            fmt::format("unknown staff login '{}'", login));
    if (actor.staffId && *actor.staffId != member->id) {
        auto who = byId(*actor.staffId);
        if (!who || who->role == StaffRole::Officer) {
            return Result<StaffMember>::failure(Outcome::NotAllowed,
                                                "only a supervisor may set another person's PIN");
        }
    }
    m_store.setPinHash(member->id, hash);
    // "rule": which PIN rule the PIN passed (2: 6 to 8 digits, not trivial); see pinsToRenew.
    appendEvent("pin_set", std::nullopt, member->id,
                {{"by", actor.staffId ? nlohmann::json(*actor.staffId) : nlohmann::json(nullptr)},
                 {"rule", kPinRuleVersion}});
    tx.commit();
    member->hasPin = true;
    return Result<StaffMember>::success(*member);
}

// The PIN check that counter logins and supervisors' unlocking of a device share: the lockout
// comes from the events (failures since the last success or the last lock), a wrong PIN is recorded,
// and the account is locked for lockMinutes after maxAttempts failures in a row. Ok records nothing:
// the caller records its success.
LoginResult StaffService::checkPin(const StaffMember& member, const std::string& hash, const std::string& pin,
                                   std::optional<std::int64_t> counterRow, const nlohmann::json& where) {
    LoginResult result;
    const TimeMs now = m_clock.now();
    if (hash.empty()) {
        result.outcome = LoginOutcome::NoPinSet;
        result.message = "no PIN set for this account: ask a supervisor (motcua staff set-pin)";
        result.messageVi = "Tài khoản chưa có mã PIN, vui lòng liên hệ trưởng bộ phận";
        return result;
    }
    int failures = 0;
    for (const auto& attempt : m_store.loginAttempts(member.id, m_policy.maxAttempts + 1)) {
        if (attempt.kind == "login_locked") {
            const TimeMs until = attempt.until.value_or(0);
            if (now < until) {
                result.outcome = LoginOutcome::Locked;
                result.lockedUntil = until;
                result.message = "account locked after too many wrong PINs";
                result.messageVi = "Tài khoản tạm khóa do nhập sai mã PIN quá nhiều lần";
                return result;
            }
            break;
        }
        if (attempt.kind == "login" || attempt.kind == "supervisor_unlock") break;
        ++failures;
    }
    result.staff = member;
    if (verifyPin(hash, pin)) {
        result.outcome = LoginOutcome::Ok;
        return result;
    }
    ++failures;
    nlohmann::json detail = where;
    detail["failures"] = failures;
    appendEvent("login_failed", counterRow, member.id, detail);
    if (failures >= m_policy.maxAttempts) {
        const TimeMs until = now + static_cast<TimeMs>(m_policy.lockMinutes) * 60'000;
        detail["until"] = until;
        appendEvent("login_locked", counterRow, member.id, detail);
        result.outcome = LoginOutcome::Locked;
        result.lockedUntil = until;
        result.message = fmt::format("wrong PIN; account locked for {} minutes", m_policy.lockMinutes);
        result.messageVi = fmt::format("Sai mã PIN. Tài khoản bị khóa {} phút", m_policy.lockMinutes);
    } else {
        result.outcome = LoginOutcome::WrongPin;
        result.attemptsLeft = m_policy.maxAttempts - failures;
        result.message = fmt::format("wrong PIN ({} attempts left)", result.attemptsLeft);
        result.messageVi = fmt::format("Sai mã PIN (còn {} lần thử)", result.attemptsLeft);
    }
    return result;
}

LoginResult StaffService::login(const std::string& loginName, const std::string& pin, int counter) {
    LoginResult result;
    Transaction tx(m_db);
    const auto found = m_store.withPinHash(loginName);
    if (!found) {
        result.outcome = LoginOutcome::UnknownStaff;
        result.message = "unknown staff login";
        result.messageVi = "Không có cán bộ này trong danh sách";
        return result;
    }
    const auto& [member, hash] = *found;
    const auto counterRow = m_store.counterId(counter);
    if (!counterRow) {
        result.outcome = LoginOutcome::UnknownCounter;
        result.message = fmt::format("unknown counter {}", counter);
        result.messageVi = fmt::format("Không có quầy số {}", counter);
        return result;
    }
    result = checkPin(member, hash, pin, counterRow, nlohmann::json::object());
    if (result.outcome != LoginOutcome::Ok) {
        tx.commit();  // failed attempts are kept: they drive the lockout
        return result;
    }
    // One officer per counter: a previous session there ends with this login.
    const auto previous = sessionLocked(counter, *counterRow);
    if (previous.staff && previous.staff->id != member.id) {
        appendEvent("logout", counterRow, previous.staff->id, {{"reason", "replaced"}});
    }
    result.pinNeedsChange = !validPin(pin);
    appendEvent("login", counterRow, member.id,
                result.pinNeedsChange ? nlohmann::json{{"weak_pin", true}} : nlohmann::json::object());
    tx.commit();
    return result;
}

LoginResult StaffService::checkSupervisor(const std::string& loginName, const std::string& pin,
                                          const std::string& device) {
    LoginResult result;
    Transaction tx(m_db);
    const auto found = m_store.supervisorWithPinHash(loginName);
    if (!found) {
        result.outcome = LoginOutcome::NotSupervisor;
        result.message = "not a supervisor with a PIN";
        result.messageVi = "Không phải trưởng bộ phận có mã PIN";
        return result;
    }
    const auto& [member, hash] = *found;
    result = checkPin(member, hash, pin, std::nullopt, {{"device", device}});
    if (result.outcome == LoginOutcome::Ok)
        appendEvent("supervisor_unlock", std::nullopt, member.id, {{"device", device}});
    tx.commit();
    return result;
}

CounterSession StaffService::sessionLocked(int counter, std::int64_t id) {
    CounterSession s;
    s.counter = counter;
    std::optional<std::string> latestBreak;  // kind of the newest break event after the login
    TimeMs breakAt = 0;
    std::string reason;
    for (const auto& e : m_store.counterSessionEvents(id, 50)) {
        if (e.kind == "logout") break;
        if (e.kind == "login") {
            if (e.staffId) s.staff = byId(*e.staffId);
            s.since = e.at;
            break;
        }
        if (!latestBreak) {
            latestBreak = e.kind;
            breakAt = e.at;
            reason = e.reason.value_or("");
        }
    }
    if (s.staff && latestBreak == "break_start") {
        s.onBreak = true;
        s.breakReason = reason;
        s.breakSince = breakAt;
    }
    return s;
}

CounterSession StaffService::session(int counter) {
    const auto id = m_store.counterId(counter);
    if (!id) {
        CounterSession none;
        none.counter = counter;
        return none;
    }
    return sessionLocked(counter, *id);
}

std::map<int, CounterSession> StaffService::sessions() {
    std::map<int, CounterSession> out;
    for (const auto& [number, id] : m_store.counters()) out.emplace(number, sessionLocked(number, id));
    return out;
}

template <class F>
Result<CounterSession> StaffService::changeSession(std::int64_t staffId, int counter, const char* notHere,
                                                   F&& act) {
    Transaction tx(m_db);
    const auto id = m_store.counterId(counter);
    if (!id)
        return Result<CounterSession>::failure(Outcome::NotFound, fmt::format("unknown counter {}", counter));
    const auto s = sessionLocked(counter, *id);
    if (!s.staff || s.staff->id != staffId)
        return Result<CounterSession>::failure(Outcome::NotAllowed, notHere);
    if (const std::optional<std::string> refused = act(*id, s))
        return Result<CounterSession>::failure(Outcome::NotAllowed, *refused);
    auto after = sessionLocked(counter, *id);
    tx.commit();
    return Result<CounterSession>::success(after);
}

Result<CounterSession> StaffService::logout(std::int64_t staffId, int counter) {
    return changeSession(staffId, counter, "this officer is not logged in at that counter",
                         [&](std::int64_t id, const CounterSession& s) -> std::optional<std::string> {
                             if (s.onBreak) appendEvent("break_end", id, staffId, {{"reason", "logout"}});
                             appendEvent("logout", id, staffId, nlohmann::json::object());
                             return std::nullopt;
                         });
}

Result<CounterSession> StaffService::startBreak(std::int64_t staffId, int counter,
                                                const std::string& reason) {
    if (reason.size() > 200)
        return Result<CounterSession>::failure(Outcome::Invalid, "break reason too long");
    // A ticket left called or serving at this counter on an earlier day does not keep the officer
    // from a break: close earlier days first (a write of its own, as the first queue move of the day
    // would make), so the check below sees only today's tickets.
    QueueService(m_db, m_clock).closeEarlierDays();
    return changeSession(staffId, counter, "this officer is not logged in at that counter",
                         [&](std::int64_t id, const CounterSession& s) -> std::optional<std::string> {
                             if (s.onBreak) return "already on a break";
                             if (const auto active = m_store.activeTicketAt(id))
                                 return fmt::format("finish, hold or return {} before a break", *active);
                             appendEvent("break_start", id, staffId, {{"reason", reason}});
                             return std::nullopt;
                         });
}

Result<CounterSession> StaffService::endBreak(std::int64_t staffId, int counter) {
    return changeSession(staffId, counter, "no break to end at that counter",
                         [&](std::int64_t id, const CounterSession& s) -> std::optional<std::string> {
                             if (!s.onBreak) return "no break to end at that counter";
                             appendEvent("break_end", id, staffId, nlohmann::json::object());
                             return std::nullopt;
                         });
}

}  // namespace motcua::queue
