// The writer of the crash test (tests/queue/crash_test.cpp): a program of its own, exec'd fresh for
// every run, so that it starts with no SQLite, ICU or libsodium state of the checker, as a kiosk
// restarted by systemd would (SQLite's documentation forbids carrying a connection across fork()).
// It opens its own connection and does a random sequence of writes steered towards the run's target
// kind, announcing each write before it ("> 12 finish") and reporting what it produced after it
// returned ("= 12 finish {json}"), each with one write(2) on file descriptor 3, until it is killed.
//
// Its settings come from the environment the checker sets (MOTCUA_CRASH_DIR, _RUN, _SEED, _TARGET,
// _CLOCK, _BACKUP, _FIELDS_A). Run by hand without MOTCUA_CRASH_DIR it explains itself and exits 2.
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "crash_office.h"
#include "queue/backup.h"
#include "queue/catalogue_files.h"
#include "queue/office_config.h"
#include "queue/queue_service.h"
#include "queue/staff_service.h"
#include "queue/store.h"
#include "queue_fixture.h"

using namespace motcua::queue;
using namespace motcua::testing;
using namespace motcua::testing::crash;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A write the service refused (a value, not an error): the child's picture of the state was wrong.
struct Refused {
    std::string message;
};

template <class R>
void mustSucceed(const R& r) {
    if (!r.ok()) throw Refused{r.message};
}

struct CounterState {
    int number = 0;
    std::vector<std::string> services;
    std::optional<std::string> ticket;  // called or serving
    std::string ticketState;
    std::string ticketService;
    std::optional<std::int64_t> staff;
    bool onBreak = false;
    // Called or serving since an earlier day: the next queue write (or a break starting) expires it
    // and so frees the counter.
    bool stale = false;
    bool serves(const std::string& service) const {
        return std::find(services.begin(), services.end(), service) != services.end();
    }
};

struct TicketRef {
    std::int64_t id = 0;
    std::string number;
    std::string service;  // current
    std::string state;
};

struct Snapshot {
    std::string day;
    std::vector<std::string> services;
    std::vector<CounterState> counters;
    std::vector<TicketRef> today;
    std::vector<std::string> rateable;
    std::vector<std::string> unlockedForgetful;
    std::map<std::string, std::int64_t> staffIds;
    int waiting = 0;
};

struct Step {
    std::string kind;
    std::optional<int> counter;  // where a prerequisite must happen
};

class CrashChild {
  public:
    CrashChild()
        : m_dir(envOr("MOTCUA_CRASH_DIR")),
          m_run(std::stoi(envOr("MOTCUA_CRASH_RUN", "0"))),
          m_rng(static_cast<std::mt19937::result_type>(std::stoull(envOr("MOTCUA_CRASH_SEED", "1")))),
          m_target(envOr("MOTCUA_CRASH_TARGET")),
          m_clock(std::stoll(envOr("MOTCUA_CRASH_CLOCK", std::to_string(kMonday0800)))),
          m_envBackup(envOr("MOTCUA_CRASH_BACKUP")),
          m_fieldsA(std::stoll(envOr("MOTCUA_CRASH_FIELDS_A", "0"))) {}

    void run() {
        open();
        m_oldBackupWillDo = uniform(0, 3) == 0;
        const int prefix = m_target == "expire" ? 0 : uniform(0, 4);
        bool targetDone = false;
        for (int op = 0; op < 400; ++op) {
            const Snapshot s = snapshot();
            Step step = !targetDone && op >= prefix ? plan(Step{m_target, {}}, s, 0) : randomStep(s);
            if (step.kind == "wait") {  // the forgetful officers are locked out: let the lock pass
                m_clock.advanceMinutes(16);
                continue;
            }
            if (step.kind == m_target) targetDone = true;
            m_clock.advance(uniform(1000, 20'000));
            ++m_seq;
            try {
                json out = execute(step, s);
                const auto took = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - m_started);
                out["ev"] = m_db->queryInt("SELECT COALESCE(MAX(id), 0) FROM events");
                out["us"] = took.count();
                send(fmt::format("= {} {} {}", m_seq, step.kind, out.dump()));
            } catch (const Refused& r) {
                send(fmt::format("! {} {} {}", m_seq, step.kind, r.message));
            }
            if (m_stopped) {
                for (;;) ::pause();  // the database was replaced: nothing more to do in this run
            }
        }
        send("END");
    }

    static void send(const std::string& line) {
        const std::string text = line + "\n";
        [[maybe_unused]] const auto n = ::write(3, text.data(), text.size());
    }

  private:
    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
    template <class T>
    const T& pick(const std::vector<T>& items) {
        return items.at(static_cast<std::size_t>(uniform(0, static_cast<int>(items.size()) - 1)));
    }

    fs::path live() const { return m_dir / "motcua.db"; }

    void open() {
        // A generous timeout: the parent may still be reading after the previous kill.
        m_db.emplace(openStore(live(), OpenPurpose::Use, StoreOptions{std::chrono::seconds(60)}));
        m_queue = std::make_unique<QueueService>(*m_db, m_clock);
        m_staff = std::make_unique<StaffService>(*m_db, m_clock);
    }
    void close() {
        m_staff.reset();
        m_queue.reset();
        m_db.reset();
    }

    void announce(const std::string& kind, const std::string& extra = {}) {
        send(fmt::format("> {} {}{}{}", m_seq, kind, extra.empty() ? "" : " ", extra));
        m_started = std::chrono::steady_clock::now();
    }

    Snapshot snapshot() {
        Snapshot s;
        s.day = m_queue->calendar().dayOf(m_clock.now());
        {
            Statement newest(*m_db, "SELECT MAX(business_day) FROM tickets");
            if (newest.step() && !newest.isNull(0)) s.day = std::max(s.day, newest.getText(0));
        }
        Statement services(*m_db, "SELECT code FROM services WHERE active = 1 ORDER BY code");
        while (services.step()) s.services.push_back(services.getText(0));
        Statement counters(*m_db, "SELECT id, number FROM counters WHERE active = 1 ORDER BY number");
        Statement links(*m_db,
                        "SELECT s.code FROM counter_services cs JOIN services s ON s.id = cs.service_id "
                        "WHERE cs.counter_id = ? AND s.active = 1");
        Statement active(*m_db,
                         "SELECT t.number, t.state, s.code, t.business_day FROM tickets t "
                         "JOIN services s ON s.id = t.cur_service_id "
                         "WHERE t.counter_id = ? AND t.state IN ('called', 'serving')");
        while (counters.step()) {
            CounterState c;
            c.number = static_cast<int>(counters.getInt(1));
            links.bind(1, counters.getInt(0));
            while (links.step()) c.services.push_back(links.getText(0));
            links.reset();
            active.bind(1, counters.getInt(0));
            if (active.step()) {
                if (active.getText(3) < s.day) {
                    c.stale = true;
                } else {
                    c.ticket = active.getText(0);
                    c.ticketState = active.getText(1);
                    c.ticketService = active.getText(2);
                }
            }
            active.reset();
            const auto session = m_staff->session(c.number);
            if (session.staff) c.staff = session.staff->id;
            c.onBreak = session.onBreak;
            s.counters.push_back(std::move(c));
        }
        Statement today(
            *m_db,
            "SELECT t.id, t.number, s.code, t.state, EXISTS(SELECT 1 FROM events e WHERE e.ticket_id = t.id "
            "AND e.kind = 'rate') FROM tickets t JOIN services s ON s.id = t.cur_service_id "
            "WHERE t.business_day = ? ORDER BY t.id");
        today.bind(1, s.day);
        while (today.step()) {
            TicketRef t{today.getInt(0), today.getText(1), today.getText(2), today.getText(3)};
            if (t.state == "waiting") ++s.waiting;
            if (t.state == "done" && today.getInt(4) == 0) s.rateable.push_back(t.number);
            s.today.push_back(std::move(t));
        }
        Statement staff(*m_db, "SELECT id, login FROM staff WHERE active = 1");
        while (staff.step()) s.staffIds[staff.getText(1)] = staff.getInt(0);
        // As StaffService::login decides: the newest lock, unless a login came after it, still holds.
        Statement recent(
            *m_db,
            "SELECT kind, json_extract(detail, '$.until') FROM events WHERE staff_id = ? AND kind IN "
            "('login', 'login_failed', 'login_locked') ORDER BY id DESC LIMIT 6");
        for (const auto& login : kForgetful) {
            bool locked = false;
            recent.bind(1, s.staffIds.at(login));
            while (recent.step()) {
                const std::string kind = recent.getText(0);
                if (kind == "login_locked") {
                    locked = m_clock.now() < recent.getInt(1);
                    break;
                }
                if (kind == "login") break;
            }
            recent.reset();
            if (!locked) s.unlockedForgetful.push_back(login);
        }
        return s;
    }

    std::vector<const CounterState*> counters(const Snapshot& s,
                                              const std::function<bool(const CounterState&)>& f) {
        std::vector<const CounterState*> out;
        for (const auto& c : s.counters) {
            if (f(c)) out.push_back(&c);
        }
        return out;
    }
    std::vector<const TicketRef*> tickets(const Snapshot& s, std::initializer_list<const char*> states) {
        std::vector<const TicketRef*> out;
        for (const auto& t : s.today) {
            for (const char* state : states) {
                if (t.state == state) out.push_back(&t);
            }
        }
        return out;
    }
    // (counter, ticket) pairs a call could take: a free counter and a ticket of a service it serves.
    std::vector<std::pair<int, std::string>> callable(const Snapshot& s, bool byNumber) {
        std::vector<std::pair<int, std::string>> out;
        for (const auto& c : s.counters) {
            if (c.ticket || c.onBreak) continue;
            for (const auto& t : s.today) {
                if ((t.state == "waiting" || (byNumber && t.state == "held")) && c.serves(t.service)) {
                    out.emplace_back(c.number, t.number);
                }
            }
        }
        return out;
    }

    bool feasible(const Step& step, const Snapshot& s) {
        const std::string& k = step.kind;
        if (k == "take" || k == "take_priority") return s.waiting < kMaxWaiting;
        if (k == "call_next") return !callable(s, false).empty();
        if (k == "call_number") return !callable(s, true).empty();
        if (k == "recall" || k == "start" || k == "noshow") {
            return !counters(s, [](const CounterState& c) { return c.ticketState == "called"; }).empty();
        }
        if (k == "finish")
            return !counters(s, [](const CounterState& c) { return c.ticketState == "serving"; }).empty();
        if (k == "return" || k == "hold" || k == "transfer") {
            return !counters(s, [](const CounterState& c) { return c.ticket.has_value(); }).empty();
        }
        if (k == "cancel") return !tickets(s, {"waiting", "held", "called"}).empty();
        if (k == "reactivate") return !tickets(s, {"noshow", "cancelled"}).empty();
        if (k == "rate") return !s.rateable.empty();
        if (k == "printed" || k == "print_failed") return !s.today.empty();
        if (k == "login_failed") return !s.unlockedForgetful.empty();
        if (k == "logout")
            return !counters(s, [](const CounterState& c) { return c.staff.has_value(); }).empty();
        if (k == "break_start") {
            return !counters(s, [](const CounterState& c) {
                        return c.staff && !c.onBreak && !c.ticket && !c.stale;
                    }).empty();
        }
        if (k == "break_end") return !counters(s, [](const CounterState& c) { return c.onBreak; }).empty();
        // Mostly a backup just made (a small step back), sometimes the last one of an earlier run.
        if (k == "restore") return !m_backups.empty() || (m_oldBackupWillDo && !m_envBackup.empty());
        return true;  // take (room permitting), login, set_pin, office_config, catalogue, expire, backup
    }

    // A step that frees a counter for calling.
    Step freeACounter(const Snapshot& s) {
        if (!counters(s, [](const CounterState& c) { return c.stale; }).empty()) return {"expire", {}};
        if (!counters(s, [](const CounterState& c) { return c.onBreak; }).empty()) return {"break_end", {}};
        if (!counters(s, [](const CounterState& c) { return c.ticketState == "called"; }).empty())
            return {"noshow", {}};
        return {"finish", {}};
    }

    Step prerequisite(const Step& want, const Snapshot& s) {
        const std::string& k = want.kind;
        if (k == "take" || k == "take_priority") return {"cancel", {}};
        if (k == "call_next" || k == "call_number") {
            const auto free = counters(s, [](const CounterState& c) { return !c.ticket && !c.onBreak; });
            if (free.empty()) return freeACounter(s);
            return {"take", pick(free)->number};
        }
        if (k == "recall" || k == "start" || k == "noshow" || k == "return" || k == "hold" ||
            k == "transfer") {
            return {"call_next", {}};
        }
        if (k == "finish") return {"start", {}};
        if (k == "cancel" || k == "printed" || k == "print_failed") return {"take", {}};
        if (k == "reactivate") return {"cancel", {}};
        if (k == "rate") return {"finish", {}};
        if (k == "login_failed") return {"wait", {}};
        if (k == "logout") return {"login", {}};
        if (k == "break_start") {
            const auto idle = counters(s, [](const CounterState& c) { return !c.ticket && !c.stale; });
            if (idle.empty()) return freeACounter(s);
            return {"login", pick(idle)->number};
        }
        if (k == "break_end") return {"break_start", {}};
        if (k == "restore") return {"backup", {}};
        throw std::runtime_error("no prerequisite for " + k);
    }

    Step plan(const Step& want, const Snapshot& s, int depth) {
        if (feasible(want, s)) return want;
        if (depth > 8) throw std::runtime_error("cannot reach " + m_target);
        const Step pre = prerequisite(want, s);
        if (pre.kind == "wait") return pre;
        return plan(pre, s, depth + 1);
    }

    Step randomStep(const Snapshot& s) {
        std::vector<const KindInfo*> options;
        std::vector<double> weights;
        for (const auto& k : kKinds) {
            if (k.weight > 0 && feasible(Step{k.name, {}}, s)) {
                options.push_back(&k);
                weights.push_back(k.weight);
            }
        }
        std::discrete_distribution<std::size_t> choose(weights.begin(), weights.end());
        return {options.at(choose(m_rng))->name, {}};
    }

    const CounterState& pickCounter(const Snapshot& s, const std::function<bool(const CounterState&)>& f) {
        return *pick(counters(s, f));
    }

    json execute(const Step& step, const Snapshot& s) {
        const std::string& k = step.kind;
        const std::string nonce = fmt::format("crash-{}-{}", m_run, m_seq);
        if (k == "take" || k == "take_priority") {
            std::string service = pick(s.services);
            if (step.counter) {
                for (const auto& c : s.counters) {
                    if (c.number == *step.counter && !c.services.empty()) service = pick(c.services);
                }
            }
            std::optional<std::string> priority;
            if (k == "take_priority") priority = pick(std::vector<std::string>{"cao_tuoi", "khuyet_tat"});
            announce(k);
            const auto r = m_queue->take(service, priority);
            mustSucceed(r);
            return {{"n", r.value->ticket.number},
                    {"svc", service},
                    {"prio", priority ? json(*priority) : json(nullptr)}};
        }
        if (k == "call_next") {
            std::set<int> candidates;
            for (const auto& [counter, number] : callable(s, false)) candidates.insert(counter);
            const int counter = pick(std::vector<int>(candidates.begin(), candidates.end()));
            announce(k);
            const auto r = m_queue->callNext(counter);
            mustSucceed(r);
            return {{"n", r.value->ticket.number}, {"c", counter}};
        }
        if (k == "call_number") {
            const auto [counter, number] = pick(callable(s, true));
            announce(k);
            const auto r = m_queue->callNumber(counter, number);
            mustSucceed(r);
            return {{"n", number}, {"c", counter}};
        }
        if (k == "recall" || k == "start" || k == "noshow") {
            const auto& c = pickCounter(s, [](const CounterState& x) { return x.ticketState == "called"; });
            announce(k);
            bool noShow = k == "noshow";
            if (k == "recall") {
                const auto r = m_queue->recall(c.number);
                mustSucceed(r);
                noShow = r.value->becameNoShow;
            } else {
                mustSucceed(k == "start" ? m_queue->start(c.number) : m_queue->noShow(c.number));
            }
            return {{"n", *c.ticket}, {"c", c.number}, {"noshow", noShow}};
        }
        if (k == "finish") {
            const auto& c = pickCounter(s, [](const CounterState& x) { return x.ticketState == "serving"; });
            const json detail = {{"outcome", kFinishOutcomes[uniform(0, 3)]},
                                 {"procedures", json::array({"1.001193"})},
                                 {"dossier_code", nonce}};
            announce(k);
            mustSucceed(m_queue->finish(c.number, Actor{c.staff}, detail));
            return {{"n", *c.ticket}, {"c", c.number}, {"dossier", nonce}};
        }
        if (k == "return" || k == "hold" || k == "transfer") {
            const auto& c = pickCounter(s, [](const CounterState& x) { return x.ticket.has_value(); });
            json out = {{"n", *c.ticket}, {"c", c.number}};
            if (k == "return") {
                const bool front = uniform(0, 1) == 1;
                announce(k);
                mustSucceed(m_queue->returnToQueue(c.number, front));
                out["front"] = front;
            } else if (k == "hold") {
                announce(k);
                mustSucceed(m_queue->hold(c.number));
            } else {
                std::vector<std::string> others;
                for (const auto& code : s.services) {
                    if (code != c.ticketService) others.push_back(code);
                }
                const std::string to = pick(others);
                announce(k);
                mustSucceed(m_queue->transfer(c.number, to));
                out["to"] = to;
            }
            return out;
        }
        if (k == "cancel" || k == "reactivate") {
            const auto candidates = k == "cancel" ? tickets(s, {"waiting", "held", "called"})
                                                  : tickets(s, {"noshow", "cancelled"});
            const std::string number = pick(candidates)->number;
            announce(k);
            mustSucceed(k == "cancel" ? m_queue->cancel(number) : m_queue->reactivate(number));
            return {{"n", number}};
        }
        if (k == "rate") {
            const std::string number = pick(s.rateable);
            const auto scale = ratingScale(m_queue->rating().levels);
            const std::string level =
                scale.at(static_cast<std::size_t>(uniform(0, static_cast<int>(scale.size()) - 1))).code;
            const std::string source = uniform(0, 1) ? "kiosk" : "counter";
            announce(k);
            mustSucceed(m_queue->rate(number, level, source));
            return {{"n", number}, {"level", level}, {"source", source}};
        }
        if (k == "printed" || k == "print_failed") {
            const auto& t = pick(s.today);
            const std::string printer = "file:" + nonce;
            const json detail =
                k == "printed" ? json{{"reprint", uniform(0, 3) == 0}, {"printer", printer}}
                               : json{{"error", "paper_out"}, {"message", "Hết giấy"}, {"printer", printer}};
            announce(k);
            m_queue->recordDeviceEvent(k, t.id, detail);
            return {{"t", t.id}, {"printer", printer}};
        }
        if (k == "login" || k == "login_failed") {
            const std::string login = k == "login" ? pick(kOfficers) : pick(s.unlockedForgetful);
            const std::int64_t id = s.staffIds.at(login);
            const CounterState& c =
                step.counter
                    ? pickCounter(s, [&](const CounterState& x) { return x.number == *step.counter; })
                    : pick(s.counters);
            const bool replaced = c.staff && *c.staff != id;
            announce(k);
            const auto r = m_staff->login(login, k == "login" ? kPin : kWrongPin, c.number);
            json out = {{"staff", id}, {"c", c.number}};
            if (k == "login") {
                if (r.outcome != LoginOutcome::Ok) throw Refused{r.message};
                out["replaced"] = replaced;
            } else {
                // Locked with "wrong PIN; ..." is this attempt reaching the limit (a write), not a
                // refusal of an account already locked.
                if (r.outcome != LoginOutcome::WrongPin &&
                    !(r.outcome == LoginOutcome::Locked && r.message.rfind("wrong PIN", 0) == 0)) {
                    throw Refused{r.message};
                }
                out["locked"] = r.outcome == LoginOutcome::Locked;
            }
            return out;
        }
        if (k == "logout" || k == "break_start" || k == "break_end") {
            const auto& c =
                k == "logout" ? pickCounter(s, [](const CounterState& x) { return x.staff.has_value(); })
                : k == "break_start" ? pickCounter(s,
                                                   [](const CounterState& x) {
                                                       return x.staff && !x.onBreak && !x.ticket && !x.stale;
                                                   })
                                     : pickCounter(s, [](const CounterState& x) { return x.onBreak; });
            announce(k);
            if (k == "logout") mustSucceed(m_staff->logout(*c.staff, c.number));
            if (k == "break_start")
                mustSucceed(m_staff->startBreak(*c.staff, c.number, uniform(0, 1) ? "họp" : "nghỉ trưa"));
            if (k == "break_end") mustSucceed(m_staff->endBreak(*c.staff, c.number));
            return {{"staff", *c.staff}, {"c", c.number}, {"break", c.onBreak}};
        }
        if (k == "set_pin") {
            const std::string login = pick(kAllStaff);
            announce(k, login);
            mustSucceed(m_staff->setPin(login, kPin));
            Statement hash(*m_db, "SELECT pin_hash FROM staff WHERE login = ?");
            hash.bind(1, login);
            hash.step();
            return {{"staff", s.staffIds.at(login)}, {"hash", hash.getText(0)}};
        }
        if (k == "office_config") {
            const int next = m_queue->office().value("name", std::string()) == kOfficeName2 ? 1 : 2;
            const auto config = parseOfficeConfig(officeToml(next), fmt::format("office-{}.toml", next));
            announce(k, std::to_string(next));
            applyOfficeConfig(*m_db, config);
            m_queue = std::make_unique<QueueService>(*m_db, m_clock);  // the new settings
            return {{"variant", next}};
        }
        if (k == "catalogue") {
            const bool nowA = m_db->queryInt("SELECT COUNT(*) FROM catalogue_fields") == m_fieldsA;
            const std::string next = nowA ? "B" : "A";
            const auto files = readCatalogueDir(m_dir / ("catalogue-" + next));
            announce(k, next);
            const auto imported = importCatalogue(*m_db, files, false);
            if (!imported.applied) throw Refused{"catalogue " + next + " was not applied"};
            return {{"variant", next}};
        }
        if (k == "expire") {
            announce(k);
            return {{"count", m_queue->closeEarlierDays()}};
        }
        if (k == "backup") {
            const fs::path file = m_dir / "backups" / fmt::format("b-{}-{}.db", m_run, m_seq);
            announce(k, file.string());
            backupDatabase(*m_db, file);
            m_backups.push_back(file);
            return {{"file", file.string()}};
        }
        if (k == "migrate") {
            // A copy of a database an older motcua made (schema 1), opened by this one: it switches
            // to WAL and adds the catalogue tables in one transaction. Another file: the shared
            // database is at the latest schema already.
            const fs::path file = m_dir / fmt::format("migrate-{}-{}.db", m_run, m_seq);
            fs::copy_file(m_dir / "schema-1.db", file);
            announce(k, file.string());
            openStore(file, OpenPurpose::Use);
            return {{"file", file.string()}};
        }
        if (k == "restore") {
            const fs::path candidate = !m_backups.empty() ? m_backups.back() : fs::path(m_envBackup);
            close();  // as `motcua restore` runs with the services stopped
            announce(k, candidate.string());
            const auto r = restoreDatabase(
                candidate, live(),
                std::chrono::system_clock::time_point(std::chrono::milliseconds(m_clock.now())));
            open();
            m_stopped = true;
            return {{"file", candidate.string()}, {"previous", r.previous ? r.previous->string() : ""}};
        }
        throw std::runtime_error("unknown kind " + k);
    }

    fs::path m_dir;
    int m_run;
    std::mt19937 m_rng;
    std::string m_target;
    ManualClock m_clock;
    std::string m_envBackup;
    std::int64_t m_fieldsA;  // how many fields catalogue A has (B has one fewer)
    std::optional<Database> m_db;
    std::unique_ptr<QueueService> m_queue;
    std::unique_ptr<StaffService> m_staff;
    std::vector<fs::path> m_backups;  // made in this run, reported
    int m_seq = 0;
    bool m_stopped = false;
    bool m_oldBackupWillDo = false;
    std::chrono::steady_clock::time_point m_started;
};

}  // namespace

int main() {
    if (envOr("MOTCUA_CRASH_DIR").empty()) {
        std::cerr
            << "motcua_queue_crash_child: the writer of motcua_queue_tests' crash test; it is started by\n"
               "that test with MOTCUA_CRASH_DIR and the run's settings in its environment.\n";
        return 2;
    }
    try {
        CrashChild child;
        child.run();
    } catch (const std::exception& e) {
        CrashChild::send(std::string("ERROR ") + e.what());
        return 1;
    }
    return 0;
}
