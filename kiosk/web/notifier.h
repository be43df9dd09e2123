// Messages to citizens about their number, outside the live page: "you are called (counter X)" and
// "3 numbers before you", to be sent by SMS or a Zalo Official Account. motcua ships no vendor SDK:
// a Notifier is the seam, with two implementations, a log line per message (LogNotifier) and a hook,
// a command the office configures that is run once per message (CommandNotifier: the office's own
// script calls its SMS gateway or Zalo OA).
//
// NoticeTracker decides which messages the live tickets call for: each ticket gets each kind at most
// once. motcua-web feeds it from the same refresh that updates the live pages (web_app.h).
//
// Personal data: a notice names the ticket (number, service, counter), never the citizen. `contact`
// carries only the phone number a citizen gave on their ticket's live page to be notified at
// (contact.h; asked only when a hook is configured), else it is empty and a hook sees the ticket alone.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "queue/ticket_links.h"

namespace motcua::web {

enum class NoticeKind {
    Soon,    // 3 or fewer numbers before it
    Called,  // called to a counter
};
const char* toString(NoticeKind kind);  // "soon", "called"

struct Notice {
    NoticeKind kind = NoticeKind::Called;
    std::int64_t ticketId = 0;
    std::string day;  // the ticket's business day
    std::string number;
    std::string serviceCode;
    std::optional<int> counter;  // Called: the counter, when known
    int ahead = 0;               // Soon: numbers before it
    std::string textVi;          // the message, ready to send
    std::string textEn;
    // Where the citizen asked to be told (the mobile number they gave on the live page, 0xxxxxxxxx),
    // only when they gave one for this purpose; empty otherwise.
    std::string contact;
};

// The message of a notice, in one language.
std::string noticeText(NoticeKind kind, const std::string& number, const std::optional<int>& counter,
                       int ahead, bool vietnamese);

class Notifier {
  public:
    virtual ~Notifier() = default;
    // Runs on motcua-web's store thread, between requests: returns at once, never waits on a
    // network or a process. Never throws; a notice that cannot be sent is logged.
    virtual void send(const Notice& notice) = 0;
};

// One line per notice on `log` (motcua-web: the journal): kind, ticket number, service, counter or
// numbers ahead. Never the contact.
class LogNotifier : public Notifier {
  public:
    explicit LogNotifier(std::ostream& log) : m_log(log) {}
    void send(const Notice& notice) override;

  private:
    std::ostream& m_log;
    std::mutex m_mutex;
};

// Several notifiers, each told every notice (the log and the hook).
class NotifierList : public Notifier {
  public:
    void add(Notifier& notifier) { m_notifiers.push_back(&notifier); }
    bool empty() const { return m_notifiers.empty(); }
    void send(const Notice& notice) override;

  private:
    std::vector<Notifier*> m_notifiers;
};

struct HookOptions {
    // The program and its arguments, from the office's configuration (splitCommandLine). Data never
    // becomes part of it: no shell is involved.
    std::vector<std::string> argv;
    std::chrono::milliseconds timeout{10'000};  // then the hook's process group is killed
    std::size_t maxQueued = 1000;               // notices waiting beyond this are dropped (logged)
};

// Runs the hook once per notice, one at a time, on a thread of its own, so a slow or hung SMS
// gateway never holds up a page. The hook gets:
// - stdin: the Vietnamese message (UTF-8, one line, ending in a newline);
// - environment: PATH, LANG, LC_ALL, LC_CTYPE and TZ as motcua-web has them (nothing else of its
//   environment, which may hold the database's password), and MOTCUA_NOTICE_KIND (soon|called),
//   MOTCUA_NOTICE_NUMBER, MOTCUA_NOTICE_SERVICE (code), MOTCUA_NOTICE_COUNTER (called; else empty),
//   MOTCUA_NOTICE_AHEAD, MOTCUA_NOTICE_DAY, MOTCUA_NOTICE_TEXT_VI, MOTCUA_NOTICE_TEXT_EN,
//   MOTCUA_NOTICE_CONTACT (empty unless the citizen gave one);
// - no other open file of motcua-web (its sockets are closed in the child); stdout to /dev/null,
//   stderr to motcua-web's (the journal).
// Exit status 0 is success. A non-zero status, a signal, a command that cannot be started, or one
// still running after the timeout (its process group is killed) is logged; the notice is not
// retried, so it is sent at most once.
class CommandNotifier : public Notifier {
  public:
    CommandNotifier(HookOptions options, std::ostream& log);
    // Stops after the running hook (if any); notices still queued are dropped and counted in the log.
    ~CommandNotifier() override;
    CommandNotifier(const CommandNotifier&) = delete;
    CommandNotifier& operator=(const CommandNotifier&) = delete;

    void send(const Notice& notice) override;
    // Waits until every notice queued so far has been handled (tests; orderly shutdown).
    void drain();

  private:
    void run();
    void runHook(const Notice& notice);
    void logLine(const std::string& line);

    HookOptions m_options;
    std::ostream& m_log;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<Notice> m_queue;
    bool m_busy = false;
    bool m_stopping = false;
    std::thread m_thread;
};

// A configured command line as words: blanks separate words; '…' and "…" quote (a backslash escapes
// the next character outside single quotes); nothing is expanded. nullopt (with `error` set) for an
// unterminated quote or an empty line.
std::optional<std::vector<std::string>> splitCommandLine(std::string_view line, std::string* error = nullptr);

// Which notices the day's live tickets call for. observe() is given every linked ticket of the day
// after each change; a ticket gets Soon once when it first waits with 3 or fewer before it, and
// Called once when it is first seen called (a recall sends nothing more). The first observe() only
// records what is already so, so a restarted motcua-web does not send again what it may have sent
// (a call that happened while it was down is not announced).
class NoticeTracker {
  public:
    static constexpr int kSoonAhead = 3;

    std::vector<Notice> observe(const std::map<std::int64_t, queue::LiveTicket>& tickets,
                                const std::string& day);

  private:
    bool m_started = false;
    std::string m_day;
    std::set<std::pair<std::int64_t, NoticeKind>> m_sent;
};

}  // namespace motcua::web
