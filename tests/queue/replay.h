// Rebuilds ticket state from the event log alone, and compares it with the tickets table.
#pragma once

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

#include "queue/queue_service.h"

namespace motcua::testing {

struct Rebuilt {
    std::string state = "waiting";
    std::optional<int> counter;
    std::string service;
    int recalls = 0;
    int leg = 1;
    bool rated = false;
};

// Replays the event log one event at a time, knowing nothing of the tickets table, and checks that
// every event is a move the queue allows from the state the earlier events left, with a "from" that
// names that state: a lost, duplicated or half-written event breaks the chain. Sessions are checked
// the same way: per counter, logins, logouts and breaks; per officer, the run of wrong PINs towards
// a lockout and no attempt while locked. Problems are collected, not thrown.
class EventLogChecker {
  public:
    struct Session {
        std::optional<std::int64_t> staff;
        bool onBreak = false;
    };

    explicit EventLogChecker(int maxAttempts = 5) : m_maxAttempts(maxAttempts) {}

    void add(const queue::Event& e) {
        if (e.id <= m_lastId) problem(e, fmt::format("id not after the previous event's {}", m_lastId));
        m_lastId = e.id;
        if (e.ticketId) {
            ticketEvent(e);
        } else {
            sessionEvent(e);
        }
        m_previous = e;
    }

    const std::map<std::int64_t, Rebuilt>& tickets() const { return m_tickets; }
    const std::map<int, Session>& sessions() const { return m_sessions; }
    const std::vector<std::string>& problems() const { return m_problems; }
    std::int64_t lastId() const { return m_lastId; }

  private:
    struct Officer {
        int failures = 0;  // wrong PINs since the last login or lock
        queue::TimeMs lockedUntil = 0;
    };

    static std::string text(const nlohmann::json& detail, const char* key) {
        if (!detail.is_object() || !detail.contains(key) || !detail[key].is_string()) return {};
        return detail[key].get<std::string>();
    }
    static std::optional<std::int64_t> integer(const nlohmann::json& detail, const char* key) {
        if (!detail.is_object() || !detail.contains(key) || !detail[key].is_number_integer())
            return std::nullopt;
        return detail[key].get<std::int64_t>();
    }

    void problem(const queue::Event& e, const std::string& what) {
        m_problems.push_back(fmt::format("event {} ({} {}{}): {}", e.id, e.kind, e.number,
                                         e.counter ? fmt::format(" at counter {}", *e.counter) : "", what));
    }

    void release(std::int64_t id, const Rebuilt& t) {
        if (!t.counter) return;
        auto active = m_active.find(*t.counter);
        if (active != m_active.end() && active->second == id) m_active.erase(active);
    }

    void ticketEvent(const queue::Event& e) {
        const std::int64_t id = *e.ticketId;
        auto found = m_tickets.find(id);
        if (e.kind == "issue") {
            if (found != m_tickets.end()) problem(e, "issued a second time");
            if (text(e.detail, "number") != e.number) problem(e, "detail names another number");
            Rebuilt t;
            t.service = e.serviceCode;
            m_tickets[id] = t;
            return;
        }
        if (found == m_tickets.end()) {
            problem(e, "for a ticket never issued");
            return;
        }
        Rebuilt& t = found->second;
        const std::string from = text(e.detail, "from");
        auto in = [&](std::initializer_list<const char*> states) {
            for (const char* s : states) {
                if (t.state == s) return true;
            }
            problem(e, fmt::format("not allowed from state {}", t.state));
            return false;
        };
        auto fromMatches = [&] {
            if (from != t.state) problem(e, fmt::format("says from {} but the ticket was {}", from, t.state));
        };
        auto atItsCounter = [&] {
            if (e.counter != t.counter) {
                problem(e, fmt::format("the ticket is at counter {}",
                                       t.counter ? std::to_string(*t.counter) : "none"));
            }
        };

        if (e.kind == "call") {
            in({"waiting", "held"});
            fromMatches();
            if (!e.counter) {
                problem(e, "a call without a counter");
            } else if (auto active = m_active.find(*e.counter);
                       active != m_active.end() && active->second != id) {
                problem(e, fmt::format("counter {} already has ticket {}", *e.counter, active->second));
            }
            t.state = "called";
            t.counter = e.counter;
            t.recalls = 0;
            if (e.counter) m_active[*e.counter] = id;
        } else if (e.kind == "recall") {
            in({"called"});
            atItsCounter();
            const auto recalls = integer(e.detail, "recalls");
            if (recalls != t.recalls + 1)
                problem(e, fmt::format("recalls {} after {}", recalls.value_or(-1), t.recalls));
            t.recalls = static_cast<int>(recalls.value_or(t.recalls + 1));
        } else if (e.kind == "start") {
            in({"called"});
            atItsCounter();
            t.state = "serving";
        } else if (e.kind == "finish") {
            in({"serving"});
            atItsCounter();
            release(id, t);
            t.state = "done";
            t.counter.reset();
        } else if (e.kind == "noshow") {
            in({"called"});
            atItsCounter();
            if (integer(e.detail, "recalls") != t.recalls) problem(e, "recalls differ from the ticket's");
            release(id, t);
            t.state = "noshow";
            t.counter.reset();
        } else if (e.kind == "hold") {
            in({"called", "serving"});
            fromMatches();
            atItsCounter();
            release(id, t);
            t.state = "held";
        } else if (e.kind == "return") {
            in({"called", "serving"});
            fromMatches();
            atItsCounter();
            release(id, t);
            t.state = "waiting";
            t.counter.reset();
            t.recalls = 0;
        } else if (e.kind == "transfer") {
            in({"called", "serving"});
            fromMatches();
            atItsCounter();
            if (text(e.detail, "from_service") != t.service)
                problem(e, "from_service is not the ticket's service");
            const auto leg = integer(e.detail, "leg");
            if (leg != t.leg + 1) problem(e, fmt::format("leg {} after {}", leg.value_or(-1), t.leg));
            release(id, t);
            t.state = "waiting";
            t.counter.reset();
            t.service = text(e.detail, "to_service");
            t.leg = static_cast<int>(leg.value_or(t.leg + 1));
            t.recalls = 0;
        } else if (e.kind == "cancel") {
            in({"waiting", "held", "called"});
            fromMatches();
            if (t.counter) atItsCounter();
            release(id, t);
            t.state = "cancelled";
            t.counter.reset();
        } else if (e.kind == "reactivate") {
            in({"noshow", "cancelled"});
            fromMatches();
            t.state = "waiting";
            t.recalls = 0;
        } else if (e.kind == "expire") {
            in({"waiting", "called", "serving", "held"});
            fromMatches();
            release(id, t);
            t.state = "expired";
            t.counter.reset();
        } else if (e.kind == "rate") {
            in({"done"});
            if (t.rated) problem(e, "rated a second time");
            t.rated = true;
        } else if (e.kind == "service_renamed") {
            in({"waiting", "called", "serving", "held"});
            fromMatches();
            if (text(e.detail, "from_service") != t.service)
                problem(e, "from_service is not the ticket's service");
            t.service = text(e.detail, "to_service");
        } else if (e.kind == "print_failed" || e.kind == "printed") {
            // device reports do not move the ticket
        } else {
            problem(e, "unknown event kind");
        }
    }

    void sessionEvent(const queue::Event& e) {
        if (e.kind == "printed" || e.kind == "print_failed" || e.kind == "pin_set" ||
            e.kind == "clock_confirmed")
            return;
        if (!e.staffId) {
            problem(e, "a session event without an officer");
            return;
        }
        Officer& officer = m_officers[*e.staffId];
        if (e.kind == "login_failed" || e.kind == "login_locked" || e.kind == "login") {
            if (e.at < officer.lockedUntil && e.kind != "login_locked")
                problem(e, "while the account was locked");
        }
        if (e.kind == "login_failed") {
            const auto failures = integer(e.detail, "failures");
            if (failures != officer.failures + 1) {
                problem(e, fmt::format("failures {} after {}", failures.value_or(-1), officer.failures));
            }
            officer.failures = static_cast<int>(failures.value_or(officer.failures + 1));
            return;
        }
        if (e.kind == "login_locked") {
            const auto failures = integer(e.detail, "failures");
            if (!m_previous || m_previous->kind != "login_failed" || m_previous->staffId != e.staffId ||
                failures != officer.failures || officer.failures < m_maxAttempts) {
                problem(e, "a lock that does not follow the wrong PIN that reached the limit");
            }
            officer.lockedUntil = integer(e.detail, "until").value_or(0);
            officer.failures = 0;
            return;
        }
        if (!e.counter) {
            problem(
                e, e.kind == "login" || e.kind == "logout" || e.kind == "break_start" || e.kind == "break_end"
                       ? "a session event without a counter"
                       : "unknown event kind");
            return;
        }
        Session& s = m_sessions[*e.counter];
        const bool theirs = s.staff == e.staffId;
        if (e.kind == "login") {
            if (s.staff && !theirs) problem(e, fmt::format("officer {} was still logged in there", *s.staff));
            s.staff = e.staffId;
            s.onBreak = false;
            officer.failures = 0;
        } else if (e.kind == "logout") {
            if (!theirs) problem(e, "this officer was not logged in there");
            // Logging out ends a break first (break_end); a login by another officer replaces the
            // session, break and all (the report's sessions end the break with it).
            if (s.onBreak && text(e.detail, "reason") != "replaced")
                problem(e, "logged out during a break never ended");
            s.staff.reset();
            s.onBreak = false;
        } else if (e.kind == "break_start") {
            if (!theirs || s.onBreak) problem(e, "not logged in there, or already on a break");
            if (m_active.count(*e.counter)) problem(e, "the counter still has a called or serving ticket");
            s.onBreak = true;
        } else if (e.kind == "break_end") {
            if (!theirs || !s.onBreak) problem(e, "no break of this officer to end");
            s.onBreak = false;
        } else {
            problem(e, "unknown event kind");
        }
    }

    int m_maxAttempts;
    std::int64_t m_lastId = 0;
    std::optional<queue::Event> m_previous;
    std::map<std::int64_t, Rebuilt> m_tickets;
    std::map<int, std::int64_t> m_active;  // counter -> its called or serving ticket
    std::map<int, Session> m_sessions;
    std::map<std::int64_t, Officer> m_officers;
    std::vector<std::string> m_problems;
};

// Replays the whole event log into ticket states, checking every move (see EventLogChecker).
inline EventLogChecker replayLog(queue::QueueService& q) {
    EventLogChecker log;
    for (const auto& e : q.events(0, 1'000'000)) log.add(e);
    return log;
}

inline std::map<std::int64_t, Rebuilt> replay(queue::QueueService& q) {
    return replayLog(q).tickets();
}

// Where the tickets table differs from the replayed tickets, one line each.
inline std::vector<std::string> ticketMismatches(queue::Database& db,
                                                 const std::map<std::int64_t, Rebuilt>& rebuilt) {
    queue::Statement st(
        db,
        "SELECT t.id, t.number, t.state, c.number, s.code, t.recalls, t.leg FROM tickets t "
        "JOIN services s ON s.id = t.cur_service_id LEFT JOIN counters c ON c.id = t.counter_id");
    std::vector<std::string> out;
    std::size_t compared = 0;
    while (st.step()) {
        const auto id = st.getInt(0);
        const auto found = rebuilt.find(id);
        if (found == rebuilt.end()) {
            out.push_back(fmt::format("ticket {} ({}) has no issue event", id, st.getText(1)));
            continue;
        }
        ++compared;
        const Rebuilt& r = found->second;
        // Counter numbers are positive: 0 stands for none.
        const int counter = st.isNull(3) ? 0 : static_cast<int>(st.getInt(3));
        const auto shown = [](int c) { return c ? std::to_string(c) : std::string("none"); };
        if (r.state != st.getText(2) || r.counter.value_or(0) != counter || r.service != st.getText(4) ||
            r.recalls != st.getInt(5) || r.leg != st.getInt(6)) {
            out.push_back(fmt::format(
                "ticket {} ({}): table says {} at {} in {}, recalls {}, leg {}; the log says {} at "
                "{} in {}, recalls {}, leg {}",
                id, st.getText(1), st.getText(2), shown(counter), st.getText(4), st.getInt(5), st.getInt(6),
                r.state, shown(r.counter.value_or(0)), r.service, r.recalls, r.leg));
        }
    }
    if (compared != rebuilt.size()) {
        out.push_back(
            fmt::format("the log issued {} tickets, the table has {} of them", rebuilt.size(), compared));
    }
    return out;
}

// Checks every ticket row against the replayed events, and every event against the moves allowed;
// returns how many tickets were compared.
inline int checkTicketsMatchEvents(queue::Database& db, queue::QueueService& q) {
    const auto log = replayLog(q);
    for (const auto& p : log.problems()) FAIL_CHECK(p);
    for (const auto& m : ticketMismatches(db, log.tickets())) FAIL_CHECK(m);
    return static_cast<int>(log.tickets().size());
}

}  // namespace motcua::testing
