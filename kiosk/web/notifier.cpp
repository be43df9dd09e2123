#include "kiosk/web/notifier.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace motcua::web {

namespace {

// A file descriptor closed once.
class Fd {
  public:
    explicit Fd(int fd = -1) : m_fd(fd) {}
    ~Fd() { reset(); }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }
    void reset() {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
    }

  private:
    int m_fd;
};

// The environment of one hook run: PATH, the locale and time zone of motcua-web's, and the notice.
// Nothing else of motcua-web's environment: MOTCUA_DB may hold the database's password.
std::vector<std::string> hookEnvironment(const Notice& n) {
    std::vector<std::string> env;
    bool path = false;
    for (char** e = environ; e && *e; ++e) {
        const std::string_view entry(*e);
        for (const char* keep : {"PATH=", "LANG=", "LC_ALL=", "LC_CTYPE=", "TZ="}) {
            if (entry.starts_with(keep)) env.emplace_back(entry);
        }
        path = path || entry.starts_with("PATH=");
    }
    if (!path) env.emplace_back("PATH=/usr/local/bin:/usr/bin:/bin");
    const auto add = [&](const char* name, const std::string& value) {
        std::string entry = name;
        entry += '=';
        entry += value;
        env.push_back(std::move(entry));
    };
    add("MOTCUA_NOTICE_KIND", toString(n.kind));
    add("MOTCUA_NOTICE_NUMBER", n.number);
    add("MOTCUA_NOTICE_SERVICE", n.serviceCode);
    add("MOTCUA_NOTICE_COUNTER", n.counter ? std::to_string(*n.counter) : std::string());
    add("MOTCUA_NOTICE_AHEAD", std::to_string(n.ahead));
    add("MOTCUA_NOTICE_DAY", n.day);
    add("MOTCUA_NOTICE_TEXT_VI", n.textVi);
    add("MOTCUA_NOTICE_TEXT_EN", n.textEn);
    add("MOTCUA_NOTICE_CONTACT", n.contact);
    return env;
}

std::vector<char*> pointers(std::vector<std::string>& words) {
    std::vector<char*> out;
    for (auto& w : words) out.push_back(w.data());
    out.push_back(nullptr);
    return out;
}

// "A012 (HT)": what a log line names; never the contact.
std::string noticeLabel(const Notice& n) {
    return fmt::format("{} {} ({})", toString(n.kind), n.number, n.serviceCode);
}

// Waits for the child up to `timeout`; nullopt when it is still running then. A pidfd tells when it
// ends without polling; on a kernel without pidfd_open (< 5.3) the wait polls every 10 ms.
std::optional<int> waitFor(pid_t pid, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const Fd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    for (;;) {
        int status = 0;
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) return status;
        if (r < 0 && errno != EINTR) return -1;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return std::nullopt;
        if (pidfd.get() >= 0) {
            pollfd p{pidfd.get(), POLLIN, 0};
            ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 60'000)));
        } else {
            ::poll(nullptr, 0, static_cast<int>(std::min<long long>(left.count(), 10)));
        }
    }
}

}  // namespace

const char* toString(NoticeKind kind) {
    return kind == NoticeKind::Soon ? "soon" : "called";
}

std::string noticeText(NoticeKind kind, const std::string& number, const std::optional<int>& counter,
                       int ahead, bool vi) {
    if (kind == NoticeKind::Called) {
        if (!counter)
            return vi ? fmt::format("Số {}: mời ông/bà đến quầy.", number)
                      : fmt::format("Number {}: please go to the counter.", number);
        return vi ? fmt::format("Số {}: mời ông/bà đến Quầy {}.", number, *counter)
                  : fmt::format("Number {}: please go to counter {}.", number, *counter);
    }
    if (ahead <= 0) {
        return vi ? fmt::format("Số {}: ông/bà là người tiếp theo. Mời ông/bà đến gần khu vực các quầy.",
                                number)
                  : fmt::format("Number {}: you are next. Please come close to the counters.", number);
    }
    return vi ? fmt::format(
                    "Số {}: còn {} số nữa là đến lượt ông/bà. Mời ông/bà quay lại gần khu vực các quầy.",
                    number, ahead)
              : fmt::format("Number {}: {} more before your turn. Please come back close to the counters.",
                            number, ahead);
}

void LogNotifier::send(const Notice& n) {
    std::string line = "motcua-web: notice ";
    line += noticeLabel(n);
    if (n.kind == NoticeKind::Called && n.counter) line += fmt::format(" counter {}", *n.counter);
    if (n.kind == NoticeKind::Soon) line += fmt::format(" {} ahead", n.ahead);
    line += '\n';
    const std::lock_guard lock(m_mutex);
    m_log << line << std::flush;
}

void NotifierList::send(const Notice& notice) {
    for (auto* n : m_notifiers) n->send(notice);
}

CommandNotifier::CommandNotifier(HookOptions options, std::ostream& log)
    : m_options(std::move(options)), m_log(log) {
    if (m_options.argv.empty()) throw std::invalid_argument("the notice hook has no command");
    m_thread = std::thread([this] { run(); });
}

CommandNotifier::~CommandNotifier() {
    std::size_t dropped = 0;
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
        dropped = m_queue.size();
        m_queue.clear();
    }
    m_wake.notify_all();
    m_thread.join();
    if (dropped > 0) logLine(fmt::format("motcua-web: {} notice(s) not sent: stopping", dropped));
}

void CommandNotifier::send(const Notice& notice) {
    {
        const std::lock_guard lock(m_mutex);
        if (m_queue.size() < m_options.maxQueued) {
            m_queue.push_back(notice);
            m_wake.notify_one();
            return;
        }
    }
    logLine(fmt::format("motcua-web: notice {} dropped: {} notices wait for the hook", noticeLabel(notice),
                        m_options.maxQueued));
}

void CommandNotifier::drain() {
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return (m_queue.empty() && !m_busy) || m_stopping; });
}

void CommandNotifier::run() {
    // A hook that exits without reading its stdin must not end motcua-web with SIGPIPE: this thread
    // blocks it, and a write then fails with EPIPE (consumed below).
    sigset_t sigpipe;
    sigemptyset(&sigpipe);
    sigaddset(&sigpipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &sigpipe, nullptr);
    for (;;) {
        Notice notice;
        {
            std::unique_lock lock(m_mutex);
            m_busy = false;
            m_idle.notify_all();
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_stopping) return;
            notice = std::move(m_queue.front());
            m_queue.pop_front();
            m_busy = true;
        }
        try {
            runHook(notice);
        } catch (const std::exception& e) {
            logLine(fmt::format("motcua-web: notice {} not sent: {}", noticeLabel(notice), e.what()));
        }
    }
}

void CommandNotifier::runHook(const Notice& notice) {
    const std::string label = noticeLabel(notice);
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0)
        throw std::runtime_error(fmt::format("pipe: {}", std::strerror(errno)));
    Fd readEnd(pipeFds[0]), writeEnd(pipeFds[1]);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, readEnd.get(), 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    // Not one of motcua-web's sockets or database files reaches the hook.
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Its own process group, so a timeout ends whatever it started too; signals as by default.
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    auto argv = m_options.argv;
    auto env = hookEnvironment(notice);
    auto argvPointers = pointers(argv);
    auto envPointers = pointers(env);
    pid_t pid = 0;
    const int spawned =
        ::posix_spawnp(&pid, argv[0].c_str(), &actions, &attr, argvPointers.data(), envPointers.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    readEnd.reset();
    if (spawned != 0) {
        logLine(fmt::format("motcua-web: notice {} not sent: cannot start {}: {}", label, argv[0],
                            std::strerror(spawned)));
        return;
    }

    // The message is far smaller than a pipe's buffer: this write does not wait for the hook.
    std::string input = notice.textVi;
    input += '\n';
    if (::write(writeEnd.get(), input.data(), input.size()) < 0 && errno == EPIPE) {
        const timespec zero{0, 0};
        sigset_t sigpipe;
        sigemptyset(&sigpipe);
        sigaddset(&sigpipe, SIGPIPE);
        ::sigtimedwait(&sigpipe, nullptr, &zero);
    }
    writeEnd.reset();

    const auto status = waitFor(pid, m_options.timeout);
    if (!status) {
        ::kill(-pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        logLine(fmt::format("motcua-web: notice {} not sent: {} still ran after {} ms and was stopped", label,
                            argv[0], m_options.timeout.count()));
        return;
    }
    if (*status < 0) {
        logLine(fmt::format("motcua-web: notice {}: cannot wait for {}: {}", label, argv[0],
                            std::strerror(errno)));
    } else if (WIFEXITED(*status) && WEXITSTATUS(*status) != 0) {
        logLine(fmt::format("motcua-web: notice {} not sent: {} exited with status {}", label, argv[0],
                            WEXITSTATUS(*status)));
    } else if (WIFSIGNALED(*status)) {
        logLine(fmt::format("motcua-web: notice {} not sent: {} ended by signal {}", label, argv[0],
                            WTERMSIG(*status)));
    }
}

void CommandNotifier::logLine(const std::string& line) {
    const std::lock_guard lock(m_mutex);
    m_log << line << '\n' << std::flush;
}

std::optional<std::vector<std::string>> splitCommandLine(std::string_view line, std::string* error) {
    std::vector<std::string> words;
    std::string word;
    bool inWord = false;
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote == '\'') {
            if (c == '\'') {
                quote = 0;
            } else {
                word += c;
            }
        } else if (c == '\\' && i + 1 < line.size()) {
            word += line[++i];
            inWord = true;
        } else if (quote == '"') {
            if (c == '"') {
                quote = 0;
            } else {
                word += c;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
            inWord = true;
        } else if (c == ' ' || c == '\t' || c == '\n') {
            if (inWord) words.push_back(std::move(word));
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (quote) {
        if (error) *error = fmt::format("unterminated {} quote", quote == '"' ? "double" : "single");
        return std::nullopt;
    }
    if (inWord) words.push_back(std::move(word));
    if (words.empty()) {
        if (error) *error = "no command";
        return std::nullopt;
    }
    return words;
}

std::vector<Notice> NoticeTracker::observe(const std::map<std::int64_t, queue::LiveTicket>& tickets,
                                           const std::string& day) {
    using queue::TicketState;
    std::vector<Notice> out;
    if (day != m_day) {
        m_sent.clear();
        m_day = day;
    }
    const bool baseline = !m_started;
    m_started = true;
    for (const auto& [id, t] : tickets) {
        std::optional<NoticeKind> kind;
        if (t.state == TicketState::Waiting && t.ahead <= kSoonAhead) kind = NoticeKind::Soon;
        if (t.state == TicketState::Called) kind = NoticeKind::Called;
        if (!kind || !m_sent.insert({id, *kind}).second) continue;
        // Called implies the heads-up is no longer news.
        if (*kind == NoticeKind::Called) m_sent.insert({id, NoticeKind::Soon});
        if (baseline) continue;
        Notice n;
        n.kind = *kind;
        n.ticketId = id;
        n.day = day;
        n.number = t.number;
        n.serviceCode = t.serviceCode;
        n.counter = t.counter;
        n.ahead = t.ahead;
        n.textVi = noticeText(n.kind, n.number, n.counter, n.ahead, true);
        n.textEn = noticeText(n.kind, n.number, n.counter, n.ahead, false);
        out.push_back(std::move(n));
    }
    return out;
}

}  // namespace motcua::web
