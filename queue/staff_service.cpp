#include "queue/staff_service.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "queue/queue_service.h"

namespace motcua::queue {

namespace {

void ensureSodium() {
    static const int ready = sodium_init();
    if (ready < 0) throw std::runtime_error("libsodium could not be initialised");
}

StaffRole roleFrom(const std::string& text) {
    if (text == "supervisor") return StaffRole::Supervisor;
    if (text == "admin") return StaffRole::Admin;
    return StaffRole::Officer;
}

// The PIN rule a pin_set event records: 2 is validPin's (6 to 8 digits, not trivial); events from
// before it have none (4 to 8 digits).
constexpr int kPinRuleVersion = 2;

constexpr const char* kStaffSelect = "SELECT id, login, name, role, pin_hash <> '' FROM staff ";

StaffMember readStaff(const Statement& st) {
    return {st.getInt(0), st.getText(1), st.getText(2), roleFrom(st.getText(3)), st.getInt(4) != 0};
}

}  // namespace

const char* toString(StaffRole role) {
    switch (role) {
        case StaffRole::Officer: return "officer";
        case StaffRole::Supervisor: return "supervisor";
        case StaffRole::Admin: return "admin";
    }
    return "officer";
}

const char* toString(LoginOutcome outcome) {
    switch (outcome) {
        case LoginOutcome::Ok: return "ok";
        case LoginOutcome::WrongPin: return "wrong_pin";
        case LoginOutcome::Locked: return "locked";
        case LoginOutcome::UnknownStaff: return "unknown_staff";
        case LoginOutcome::NoPinSet: return "no_pin_set";
        case LoginOutcome::UnknownCounter: return "unknown_counter";
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
        for (std::size_t i = 1; i < pin.size() && run; ++i) run = (pin[i] - '0') == ((pin[i - 1] - '0') + step) % 10;
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
    : m_db(db), m_clock(clock), m_policy(policy) {}

std::vector<StaffMember> StaffService::list() {
    Statement st(m_db, std::string(kStaffSelect) + "WHERE active = 1 ORDER BY name");
    std::vector<StaffMember> out;
    while (st.step()) out.push_back(readStaff(st));
    return out;
}

std::vector<StaffMember> StaffService::pinsToRenew() {
    Statement st(m_db, std::string(kStaffSelect) +
                           "WHERE active = 1 AND pin_hash <> '' AND coalesce((SELECT json_extract(e.detail, '$.rule') "
                           "FROM events e WHERE e.staff_id = staff.id AND e.kind = 'pin_set' ORDER BY e.id DESC "
                           "LIMIT 1), 0) < ? ORDER BY name");
    st.bind(1, kPinRuleVersion);
    std::vector<StaffMember> out;
    while (st.step()) out.push_back(readStaff(st));
    return out;
}

std::optional<StaffMember> StaffService::find(const std::string& login) {
    Statement st(m_db, std::string(kStaffSelect) + "WHERE login = ? AND active = 1");
    st.bind(1, login);
    if (!st.step()) return std::nullopt;
    return readStaff(st);
}

std::optional<StaffMember> StaffService::byId(std::int64_t id) {
    Statement st(m_db, std::string(kStaffSelect) + "WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readStaff(st);
}

std::optional<std::int64_t> StaffService::counterId(int number) {
    Statement st(m_db, "SELECT id FROM counters WHERE number = ? AND active = 1");
    st.bind(1, number);
    if (!st.step()) return std::nullopt;
    return st.getInt(0);
}

void StaffService::appendEvent(const std::string& kind, std::optional<std::int64_t> counter,
                               std::optional<std::int64_t> staffId, const nlohmann::json& detail) {
    Statement st(m_db, "INSERT INTO events(kind, at, counter_id, staff_id, detail) VALUES(?,?,?,?,?)");
    st.bind(1, kind).bind(2, m_clock.now()).bind(3, counter).bind(4, staffId).bind(5, detail.dump());
    st.run();
}

Result<StaffMember> StaffService::setPin(const std::string& login, const std::string& pin, const Actor& actor) {
    if (!validPin(pin)) return Result<StaffMember>::failure(Outcome::Invalid, kPinRule);
    const std::string hash = hashPin(pin);  // slow on purpose: outside the write lock
    Transaction tx(m_db);
    auto member = find(login);
    if (!member) return Result<StaffMember>::failure(Outcome::NotFound, fmt::format("unknown staff login '{}'", login));
    if (actor.staffId && *actor.staffId != member->id) {
        auto who = byId(*actor.staffId);
        if (!who || who->role == StaffRole::Officer) {
            return Result<StaffMember>::failure(Outcome::NotAllowed, "only a supervisor may set another person's PIN");
        }
    }
    Statement up(m_db, "UPDATE staff SET pin_hash = ? WHERE id = ?");
    up.bind(1, hash).bind(2, member->id);
    up.run();
    // "rule": which PIN rule the PIN passed (2: 6 to 8 digits, not trivial); see pinsToRenew.
    appendEvent("pin_set", std::nullopt, member->id,
                {{"by", actor.staffId ? nlohmann::json(*actor.staffId) : nlohmann::json(nullptr)}, {"rule", kPinRuleVersion}});
    tx.commit();
    member->hasPin = true;
    return Result<StaffMember>::success(*member);
}

LoginResult StaffService::login(const std::string& loginName, const std::string& pin, int counter) {
    LoginResult result;
    Transaction tx(m_db);
    const TimeMs now = m_clock.now();
    Statement find(m_db, "SELECT id, login, name, role, pin_hash <> '', pin_hash FROM staff WHERE login = ? AND active = 1");
    find.bind(1, loginName);
    if (!find.step()) {
        result.outcome = LoginOutcome::UnknownStaff;
        result.message = "unknown staff login";
        result.messageVi = "Không có cán bộ này trong danh sách";
        return result;
    }
    const StaffMember member = readStaff(find);
    const std::string hash = find.getText(5);
    const auto counterRow = counterId(counter);
    if (!counterRow) {
        result.outcome = LoginOutcome::UnknownCounter;
        result.message = fmt::format("unknown counter {}", counter);
        result.messageVi = fmt::format("Không có quầy số {}", counter);
        return result;
    }
    if (hash.empty()) {
        result.outcome = LoginOutcome::NoPinSet;
        result.message = "no PIN set for this account: ask a supervisor (motcua staff set-pin)";
        result.messageVi = "Tài khoản chưa có mã PIN, vui lòng liên hệ trưởng bộ phận";
        return result;
    }

    // Lockout, from the events: failures since the last success or the last lock.
    Statement recent(m_db,
                     "SELECT kind, at, json_extract(detail, '$.until') FROM events WHERE staff_id = ? AND kind IN "
                     "('login', 'login_failed', 'login_locked') ORDER BY id DESC LIMIT ?");
    recent.bind(1, member.id).bind(2, m_policy.maxAttempts + 1);
    int failures = 0;
    while (recent.step()) {
        const std::string kind = recent.getText(0);
        if (kind == "login_locked") {
            const TimeMs until = recent.getInt(2);
            if (now < until) {
                result.outcome = LoginOutcome::Locked;
                result.lockedUntil = until;
                result.message = "account locked after too many wrong PINs";
                result.messageVi = "Tài khoản tạm khóa do nhập sai mã PIN quá nhiều lần";
                return result;
            }
            break;
        }
        if (kind == "login") break;
        ++failures;
    }

    result.staff = member;
    if (!verifyPin(hash, pin)) {
        ++failures;
        appendEvent("login_failed", counterRow, member.id, {{"failures", failures}});
        if (failures >= m_policy.maxAttempts) {
            const TimeMs until = now + static_cast<TimeMs>(m_policy.lockMinutes) * 60'000;
            appendEvent("login_locked", counterRow, member.id, {{"until", until}, {"failures", failures}});
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
    result.outcome = LoginOutcome::Ok;
    return result;
}

CounterSession StaffService::sessionLocked(int counter, std::int64_t id) {
    CounterSession s;
    s.counter = counter;
    Statement st(m_db,
                 "SELECT kind, at, staff_id, json_extract(detail, '$.reason') FROM events WHERE counter_id = ? AND kind IN "
                 "('login', 'logout', 'break_start', 'break_end') ORDER BY id DESC LIMIT 50");
    st.bind(1, id);
    std::optional<std::string> latestBreak;  // kind of the newest break event after the login
    TimeMs breakAt = 0;
    std::string reason;
    while (st.step()) {
        const std::string kind = st.getText(0);
        if (kind == "logout") break;
        if (kind == "login") {
            s.staff = byId(st.getInt(2));
            s.since = st.getInt(1);
            break;
        }
        if (!latestBreak) {
            latestBreak = kind;
            breakAt = st.getInt(1);
            reason = st.isNull(3) ? "" : st.getText(3);
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
    const auto id = counterId(counter);
    if (!id) {
        CounterSession none;
        none.counter = counter;
        return none;
    }
    return sessionLocked(counter, *id);
}

template <class F>
Result<CounterSession> StaffService::changeSession(std::int64_t staffId, int counter, const char* notHere, F&& act) {
    Transaction tx(m_db);
    const auto id = counterId(counter);
    if (!id) return Result<CounterSession>::failure(Outcome::NotFound, fmt::format("unknown counter {}", counter));
    const auto s = sessionLocked(counter, *id);
    if (!s.staff || s.staff->id != staffId) return Result<CounterSession>::failure(Outcome::NotAllowed, notHere);
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

Result<CounterSession> StaffService::startBreak(std::int64_t staffId, int counter, const std::string& reason) {
    if (reason.size() > 200) return Result<CounterSession>::failure(Outcome::Invalid, "break reason too long");
    // A ticket left called or serving at this counter on an earlier day does not keep the officer
    // from a break: close earlier days first (a write of its own, as the first queue move of the day
    // would make), so the check below sees only today's tickets.
    QueueService(m_db, m_clock).closeEarlierDays();
    return changeSession(staffId, counter, "this officer is not logged in at that counter",
                         [&](std::int64_t id, const CounterSession& s) -> std::optional<std::string> {
                             if (s.onBreak) return "already on a break";
                             Statement active(m_db, "SELECT number FROM tickets WHERE counter_id = ? AND state IN "
                                                    "('called', 'serving')");
                             active.bind(1, id);
                             if (active.step())
                                 return fmt::format("finish, hold or return {} before a break", active.getText(0));
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
