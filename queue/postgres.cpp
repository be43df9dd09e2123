#include "queue/postgres.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <unordered_map>
#include <vector>

namespace motcua::queue {

namespace {

constexpr Oid kInt8Oid = 20;
constexpr Oid kFloat8Oid = 701;

struct ConnCloser {
    void operator()(PGconn* conn) const noexcept { PQfinish(conn); }
};
using ConnHandle = std::unique_ptr<PGconn, ConnCloser>;

struct ResultClearer {
    void operator()(PGresult* result) const noexcept { PQclear(result); }
};
using ResultHandle = std::unique_ptr<PGresult, ResultClearer>;

DatabaseError::Kind kindOfState(std::string_view state) {
    if (state.size() != 5) return DatabaseError::Kind::Other;
    const auto cls = state.substr(0, 2);
    if (cls == "08" || state == "57P01" || state == "57P02" || state == "57P03")
        return DatabaseError::Kind::ConnectionLost;
    if (cls == "23") return DatabaseError::Kind::Constraint;
    if (state == "40001" || state == "40P01") return DatabaseError::Kind::Retry;
    if (state == "55P03" || state == "57014") return DatabaseError::Kind::Busy;
    if (state == "42501") return DatabaseError::Kind::Denied;
    if (state == "25006") return DatabaseError::Kind::ReadOnly;
    if (state == "XX001" || state == "XX002") return DatabaseError::Kind::Corrupt;
    return DatabaseError::Kind::Other;
}

std::string firstLine(std::string_view text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
    const auto nl = text.find('\n');
    return std::string(nl == std::string_view::npos ? text : text.substr(0, nl));
}

PgError errorFromResult(std::string_view call, const PGresult* result, PGconn* conn) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string message = primary ? primary : (conn ? PQerrorMessage(conn) : "no connection");
    auto kind = state ? kindOfState(state) : DatabaseError::Kind::Other;
    if (conn && PQstatus(conn) == CONNECTION_BAD) kind = DatabaseError::Kind::ConnectionLost;
    return PgError(call, state ? state : "", firstLine(message), kind);
}

PgError connectionError(std::string_view call, PGconn* conn) {
    const std::string message = conn ? firstLine(PQerrorMessage(conn)) : "out of memory";
    return PgError(call, "08006", message.empty() ? "connection to the server was lost" : message,
                   DatabaseError::Kind::ConnectionLost);
}

// '?' and '?NNN' become '$N' / '$NNN'; quoted text, identifiers and comments are left alone.
std::string translatePlaceholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 8);
    int next = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (c == '\'' || c == '"') {
            const std::size_t end = sql.find(c, i + 1);
            const std::size_t stop = end == std::string_view::npos ? sql.size() : end + 1;
            out.append(sql.substr(i, stop - i));
            i = stop - 1;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            const std::size_t end = sql.find('\n', i);
            const std::size_t stop = end == std::string_view::npos ? sql.size() : end;
            out.append(sql.substr(i, stop - i));
            i = stop - 1;
        } else if (c == '?') {
            std::size_t j = i + 1;
            while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') ++j;
            if (j > i + 1) {
                out += '$';
                out.append(sql.substr(i + 1, j - i - 1));
                i = j - 1;
            } else {
                out += fmt::format("${}", ++next);
            }
        } else {
            out += c;
        }
    }
    return out;
}

struct Params {
    std::vector<std::optional<std::string>> values;  // [0] is $1
    std::vector<Oid> types;

    void set(int index, std::optional<std::string> value, Oid type) {
        if (index < 1)
            throw PgError("bind", "", fmt::format("parameter index {} out of range", index),
                          DatabaseError::Kind::Other);
        const auto i = static_cast<std::size_t>(index - 1);
        if (values.size() <= i) {
            values.resize(i + 1);
            types.resize(i + 1, 0);
        }
        values[i] = std::move(value);
        types[i] = type;
    }
};

// A statement waiting to be sent: its text (already in PostgreSQL's placeholder form) and values.
struct Pending {
    std::string sql;
    Params params;
};

class PgConnection;

class PgStatement final : public detail::StatementImpl {
  public:
    PgStatement(PgConnection& conn, std::string sql) : m_conn(conn) { m_pending.sql = std::move(sql); }

    void bindInt(int index, std::int64_t value) override {
        m_pending.params.set(index, std::to_string(value), kInt8Oid);
    }
    void bindDouble(int index, double value) override {
        m_pending.params.set(index, fmt::format("{}", value), kFloat8Oid);
    }
    void bindText(int index, std::string_view value) override {
        m_pending.params.set(index, std::string(value), 0);
    }
    void bindNull(int index, NullType type) override {
        m_pending.params.set(index, std::nullopt, type == NullType::Int ? kInt8Oid : 0);
    }
    bool step() override;
    void run() override;
    const Pending& pending() const noexcept { return m_pending; }
    void reset() override {
        m_result.reset();
        m_row = -1;
        m_pending.params = {};
    }
    bool isNull(int column) const override { return PQgetisnull(row(), m_row, column) == 1; }
    std::int64_t getInt(int column) const override {
        const char* text = PQgetvalue(row(), m_row, column);
        const std::size_t size = static_cast<std::size_t>(PQgetlength(row(), m_row, column));
        std::int64_t value = 0;
        const auto [end, ec] = std::from_chars(text, text + size, value);
        if (ec == std::errc() && end == text + size) return value;
        const std::string_view s(text, size);
        if (s == "t" || s == "true") return 1;
        if (s == "f" || s == "false" || s.empty()) return 0;
        return static_cast<std::int64_t>(std::strtod(text, nullptr));  // a numeric such as 12.0
    }
    double getDouble(int column) const override {
        return std::strtod(PQgetvalue(row(), m_row, column), nullptr);
    }
    std::string getText(int column) const override {
        return std::string(PQgetvalue(row(), m_row, column),
                           static_cast<std::size_t>(PQgetlength(row(), m_row, column)));
    }
    int columnCount() const override { return m_result ? PQnfields(m_result.get()) : 0; }

  private:
    const PGresult* row() const {
        if (!m_result || m_row < 0 || m_row >= PQntuples(m_result.get())) {
            throw PgError("column", "", "no current row", DatabaseError::Kind::Other);
        }
        return m_result.get();
    }
    PgConnection& m_conn;
    Pending m_pending;
    ResultHandle m_result;
    int m_row = -1;
};

class PgConnection final : public detail::Connection {
  public:
    PgConnection(std::string url, PgOptions options)
        : m_url(std::move(url)), m_shown(redactedUrl(m_url)), m_options(std::move(options)) {
        connect();
    }

    Dialect dialect() const noexcept override { return Dialect::Postgres; }

    void exec(std::string_view sql) override {
        ensureUsable();
        if (!m_queue.empty()) roundTrip(nullptr, nullptr);
        std::string text(sql);
        if (m_pendingBegin) {
            text = *m_pendingBegin + "; " + text;
            m_pendingBegin.reset();
            m_inTransaction = true;
        }
        ResultHandle result(PQexec(m_conn.get(), text.c_str()));
        ++m_roundTrips;
        const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            throw errorFromResult("PQexec", result.get(), m_conn.get());
        m_changes = std::atoi(PQcmdTuples(result.get()));
    }

    std::unique_ptr<detail::StatementImpl> prepare(std::string_view sql) override {
        return std::make_unique<PgStatement>(*this, translatePlaceholders(sql));
    }

    void begin(Transaction::Kind kind) override {
        ensureUsable();
        m_pendingBegin = kind == Transaction::Kind::Immediate
                             ? "BEGIN"
                             : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
    }

    void commit() override {
        if (!m_inTransaction && m_queue.empty()) {  // nothing was sent: nothing to commit
            m_pendingBegin.reset();
            return;
        }
        roundTrip(nullptr, "COMMIT");
        m_inTransaction = false;
        maybeDropAfterCommit();
    }

    std::optional<std::int64_t> commitWith(detail::StatementImpl& st) override;

    void rollback() noexcept override {
        m_pendingBegin.reset();
        m_queue.clear();
        if (!m_inTransaction) return;
        m_inTransaction = false;
        if (m_conn && PQstatus(m_conn.get()) == CONNECTION_OK) {
            if (PQpipelineStatus(m_conn.get()) != PQ_PIPELINE_OFF) drainPipeline();
            PQclear(PQexec(m_conn.get(), "ROLLBACK"));
            ++m_roundTrips;
        }
    }

    int changes() override {
        if (!m_queue.empty()) roundTrip(nullptr, nullptr);
        return m_changes;
    }
    bool isReadOnly() override { return false; }
    const std::string& path() const noexcept override { return m_shown; }
    std::int64_t roundTrips() const noexcept override { return m_roundTrips; }

    // Runs p now, with whatever waits before it, and returns its result.
    ResultHandle execute(const Pending& p) {
        ensureUsable();
        return roundTrip(&p, nullptr);
    }
    // Inside a transaction the write waits for the next request; outside it runs now.
    void enqueue(const Pending& p) {
        ensureUsable();
        if (m_inTransaction || m_pendingBegin) {
            m_queue.push_back(p);
        } else {
            roundTrip(&p, nullptr);
        }
    }

    PGconn* raw() const noexcept { return m_conn.get(); }
    void dropAfterNextCommit() noexcept { m_dropAfterCommit = true; }
    std::uint64_t generation() const noexcept { return m_generation; }

    // Re-opens the connection now, waiting for the server (at most connect_timeout): for a move
    // that must learn whether its COMMIT was applied before it answers.
    void reconnect() {
        m_connecting.reset();
        m_pendingBegin.reset();
        m_queue.clear();
        m_inTransaction = false;
        connect();
    }

    int socket() const noexcept { return m_conn ? PQsocket(m_conn.get()) : -1; }
    std::int64_t connectAttempts() const noexcept { return m_connectAttempts; }

  private:
    // The connection keywords: ours first, then the URL (expand_dbname applies the URL where it
    // stands; later keywords win, so the URL is given last and its own settings prevail).
    //  - connect_timeout bounds a blocking connect (the first one, reconnectPostgres); a connect made
    //    in the background (below) is bounded by the same time, counted here.
    //  - keepalives and tcp_user_timeout: a pulled cable or a dead server PC is noticed in seconds,
    //    not after the system's 2 h keepalive or 15 min of retransmissions: a request that gets no
    //    TCP acknowledgement for tcpUserTimeout fails (ConnectionLost), and an idle connection (a
    //    display LISTENing) is probed after keepalivesIdle and dropped once tcpUserTimeout passes
    //    without an answer.
    void connectionKeywords(std::vector<const char*>& keys, std::vector<const char*>& values) {
        m_keywordText = {std::to_string(m_options.connectTimeout.count()),
                         std::to_string(m_options.keepalivesIdle.count()),
                         std::to_string(std::max<std::int64_t>(1, m_options.keepalivesIdle.count() / 2)),
                         std::to_string(m_options.tcpUserTimeout.count())};
        keys = {
            "connect_timeout",     "application_name", "client_encoding",  "keepalives", "keepalives_idle",
            "keepalives_interval", "keepalives_count", "tcp_user_timeout", "dbname",     nullptr};
        values = {m_keywordText[0].c_str(),
                  m_options.applicationName.c_str(),
                  "UTF8",
                  "1",
                  m_keywordText[1].c_str(),
                  m_keywordText[2].c_str(),
                  "2",
                  m_keywordText[3].c_str(),
                  m_url.c_str(),
                  nullptr};
    }

    // Connects and waits for the answer (at most connect_timeout).
    void connect() {
        std::vector<const char*> keys, values;
        connectionKeywords(keys, values);
        ConnHandle conn(PQconnectdbParams(keys.data(), values.data(), 1));
        ++m_roundTrips;
        if (!conn || PQstatus(conn.get()) != CONNECTION_OK) throw connectionError("connect", conn.get());
        adopt(std::move(conn));
    }

    // A new connection replaces the old one: prepared statements are gone; a LISTEN must be repeated
    // (the generation tells the change feed).
    void adopt(ConnHandle conn) {
        m_prepared.clear();
        m_conn = std::move(conn);
        m_pendingBegin.reset();
        m_queue.clear();
        m_inTransaction = false;
        ++m_generation;
        // The server's NOTICEs ("policy … does not exist, skipping" while `init` re-creates the
        // roles' policies) are for a DBA at psql, not for an officer's terminal or a kiosk's log.
        PQsetNoticeProcessor(
            m_conn.get(), [](void*, const char*) {}, nullptr);
        // A move waits for a lock as long as an SQLite writer waits for the file (busy timeout); a
        // transaction left open by a hung client is ended by the server. Tables live in schema motcua.
        // (The server has just answered the whole handshake; this request is bounded like any other.)
        exec(
            fmt::format("SET lock_timeout = {}; SET idle_in_transaction_session_timeout = 60000; "
                        "SET search_path = {}, public",
                        m_options.lockTimeout.count(), kPgSchema));
    }

    // Outside a transaction a dead connection is re-opened without ever waiting for the network: the
    // screens call this from their frame loop (every read while the server is lost), and a server
    // that does not answer (a pulled cable, a PC that is off, an address that drops packets) must not
    // stop a frame. A connection attempt is started (PQconnectStartParams) and each call moves it on
    // as far as the socket allows without waiting (poll with timeout 0, then PQconnectPoll); until it
    // is complete the call throws ConnectionLost, as for a dead server. An attempt that has not
    // completed after connectTimeout is given up; the next starts 2 s after the last one ended, so a
    // refused connection is not retried on every frame. (A host name in the URL is resolved by libpq
    // inside this call, which can wait for DNS; an office LAN names its server by address.)
    // Inside a transaction a dead connection is reported: the transaction is gone with it.
    void ensureUsable() {
        if (m_conn && PQstatus(m_conn.get()) == CONNECTION_OK) return;
        if (m_inTransaction) throw connectionError("query", m_conn.get());
        if (advanceReconnect()) return;
        throw PgError("connect", "08006",
                      m_lastConnectError.empty()
                          ? std::string("no connection to the database server; reconnecting")
                          : "no connection to the database server; reconnecting (" + m_lastConnectError + ")",
                      DatabaseError::Kind::ConnectionLost);
    }

    // One step of the background connection attempt; true when the connection is ready.
    bool advanceReconnect() {
        const auto now = std::chrono::steady_clock::now();
        if (!m_connecting) {
            if (now < m_nextReconnect) return false;
            std::vector<const char*> keys, values;
            connectionKeywords(keys, values);
            m_connecting.reset(PQconnectStartParams(keys.data(), values.data(), 1));
            ++m_connectAttempts;
            m_connectDeadline = now + m_options.connectTimeout;
            m_connectWants = PGRES_POLLING_WRITING;  // as libpq's documentation says to begin
            if (!m_connecting || PQstatus(m_connecting.get()) == CONNECTION_BAD) return giveUpAttempt(now);
        }
        for (;;) {
            pollfd p{PQsocket(m_connecting.get()),
                     static_cast<short>(m_connectWants == PGRES_POLLING_READING ? POLLIN : POLLOUT), 0};
            if (p.fd < 0) return giveUpAttempt(now);
            const int ready = ::poll(&p, 1, 0);
            if (ready == 0) {
                if (now >= m_connectDeadline) {
                    m_lastConnectError = fmt::format("the server did not answer within {} s",
                                                     m_options.connectTimeout.count());
                    m_connecting.reset();
                    m_nextReconnect = now + kReconnectPause;
                }
                return false;
            }
            if (ready < 0) {
                if (errno == EINTR) continue;
                return giveUpAttempt(now);
            }
            const PostgresPollingStatusType status = PQconnectPoll(m_connecting.get());
            if (status == PGRES_POLLING_OK) {
                m_lastConnectError.clear();
                adopt(std::move(m_connecting));
                return true;
            }
            if (status == PGRES_POLLING_FAILED) return giveUpAttempt(now);
            m_connectWants = status;
        }
    }

    bool giveUpAttempt(std::chrono::steady_clock::time_point now) {
        m_lastConnectError = m_connecting ? firstLine(PQerrorMessage(m_connecting.get())) : "out of memory";
        m_connecting.reset();
        m_nextReconnect = now + kReconnectPause;
        return false;
    }

    static constexpr std::chrono::seconds kReconnectPause{2};

    void drainPipeline() noexcept {
        while (PGresult* r = PQgetResult(m_conn.get())) {
            const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
            PQclear(r);
            if (sync && !PQisBusy(m_conn.get())) break;
        }
        PQexitPipelineMode(m_conn.get());
    }

    struct Sent {
        enum class Kind { Begin, Prepare, Execute, Trailer } kind;
        const std::string* sql = nullptr;  // for Prepare: which statement becomes known
        bool target = false;
    };

    void sendExecute(const Pending& p, bool target, std::vector<Sent>& sent) {
        PGconn* c = m_conn.get();
        auto it = m_prepared.find(p.sql);
        if (it == m_prepared.end()) {
            const std::string name = fmt::format("m{}", m_nextName++);
            if (PQsendPrepare(c, name.c_str(), p.sql.c_str(), static_cast<int>(p.params.types.size()),
                              p.params.types.data()) != 1) {
                throw connectionError("PQsendPrepare", c);
            }
            it = m_prepared.emplace(p.sql, PreparedName{name, false}).first;
            sent.push_back({Sent::Kind::Prepare, &it->first, false});
        }
        std::vector<const char*> values;
        values.reserve(p.params.values.size());
        for (const auto& v : p.params.values) values.push_back(v ? v->c_str() : nullptr);
        if (PQsendQueryPrepared(c, it->second.name.c_str(), static_cast<int>(values.size()), values.data(),
                                nullptr, nullptr, 0) != 1) {
            throw connectionError("PQsendQueryPrepared", c);
        }
        sent.push_back({Sent::Kind::Execute, nullptr, target});
    }

    // One request, one answer: [BEGIN] [prepare+execute what waits] [target] [trailer] Sync.
    ResultHandle roundTrip(const Pending* target, const char* trailer) {
        PGconn* c = m_conn.get();
        std::vector<Sent> sent;
        if (PQenterPipelineMode(c) != 1) throw connectionError("PQenterPipelineMode", c);
        std::vector<Pending> queue;
        queue.swap(m_queue);
        try {
            if (m_pendingBegin) {
                if (PQsendQueryParams(c, m_pendingBegin->c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) !=
                    1) {
                    throw connectionError("PQsendQueryParams(BEGIN)", c);
                }
                sent.push_back({Sent::Kind::Begin});
                m_pendingBegin.reset();
                m_inTransaction = true;
            }
            for (const auto& p : queue) sendExecute(p, false, sent);
            if (target) sendExecute(*target, true, sent);
            if (trailer) {
                if (PQsendQueryParams(c, trailer, 0, nullptr, nullptr, nullptr, nullptr, 0) != 1) {
                    throw connectionError("PQsendQueryParams", c);
                }
                sent.push_back({Sent::Kind::Trailer});
            }
            if (PQpipelineSync(c) != 1) throw connectionError("PQpipelineSync", c);
        } catch (...) {
            forgetUnconfirmedPrepares();
            if (PQstatus(c) == CONNECTION_OK) drainPipeline();
            throw;
        }
        ++m_roundTrips;

        ResultHandle targetResult;
        std::optional<PgError> failure;
        for (const auto& s : sent) {
            ResultHandle r(PQgetResult(c));
            if (!r) {
                failure = failure.value_or(connectionError("PQgetResult", c));
                break;
            }
            const auto status = PQresultStatus(r.get());
            if (status == PGRES_FATAL_ERROR) {
                if (!failure) failure = errorFromResult("query", r.get(), c);
            } else if (status != PGRES_PIPELINE_ABORTED) {
                if (s.kind == Sent::Kind::Prepare) m_prepared[*s.sql].confirmed = true;
                if (s.kind == Sent::Kind::Execute || s.kind == Sent::Kind::Trailer) {
                    m_changes = std::atoi(PQcmdTuples(r.get()));
                }
            }
            // Each command's results end with a null pointer.
            while (ResultHandle extra{PQgetResult(c)}) {
            }
            if (s.target) targetResult = std::move(r);
        }
        if (PQstatus(c) == CONNECTION_OK) {
            ResultHandle sync(PQgetResult(c));
            PQexitPipelineMode(c);
        }
        forgetUnconfirmedPrepares();
        if (PQstatus(c) != CONNECTION_OK && !failure) failure = connectionError("query", c);
        if (failure) {
            if (failure->isConnectionLost())
                m_inTransaction = false;  // the server rolled it back, or is gone
            throw *failure;
        }
        return targetResult;
    }

    void forgetUnconfirmedPrepares() {
        for (auto it = m_prepared.begin(); it != m_prepared.end();) {
            it = it->second.confirmed ? std::next(it) : m_prepared.erase(it);
        }
    }

    struct PreparedName {
        std::string name;
        bool confirmed = false;
    };

    std::string m_url;
    std::string m_shown;
    PgOptions m_options;
    ConnHandle m_conn;
    std::unordered_map<std::string, PreparedName> m_prepared;
    int m_nextName = 0;
    std::optional<std::string> m_pendingBegin;
    std::vector<Pending> m_queue;
    bool m_inTransaction = false;
    int m_changes = 0;
    std::int64_t m_roundTrips = 0;
    std::uint64_t m_generation = 0;
    std::chrono::steady_clock::time_point m_nextReconnect{};
    ConnHandle m_connecting;  // the background connection attempt (ensureUsable), if one is under way
    PostgresPollingStatusType m_connectWants = PGRES_POLLING_WRITING;
    std::chrono::steady_clock::time_point m_connectDeadline{};
    std::string m_lastConnectError;
    std::int64_t m_connectAttempts = 0;
    std::vector<std::string> m_keywordText;
    bool m_dropAfterCommit = false;

  public:
    // After a COMMIT the server answered: for the test seam, the answer is "lost" with the socket.
    void maybeDropAfterCommit() {
        if (!m_dropAfterCommit) return;
        m_dropAfterCommit = false;
        ::shutdown(PQsocket(m_conn.get()), SHUT_RDWR);
        PQconsumeInput(m_conn.get());  // libpq notices the socket is gone
        m_inTransaction = false;
        throw PgError("COMMIT", "08006", "connection lost before the answer to COMMIT arrived (test seam)",
                      DatabaseError::Kind::ConnectionLost);
    }
};

bool PgStatement::step() {
    if (!m_result) {
        m_result = m_conn.execute(m_pending);
        m_row = -1;
        if (!m_result) return false;
    }
    ++m_row;
    return m_row < PQntuples(m_result.get());
}

std::optional<std::int64_t> PgConnection::commitWith(detail::StatementImpl& st) {
    auto& statement = dynamic_cast<PgStatement&>(st);
    ensureUsable();
    ResultHandle result = roundTrip(&statement.pending(), "COMMIT");
    m_inTransaction = false;
    st.reset();
    maybeDropAfterCommit();
    if (!result || PQntuples(result.get()) == 0 || PQgetisnull(result.get(), 0, 0)) return std::nullopt;
    return std::strtoll(PQgetvalue(result.get(), 0, 0), nullptr, 10);
}

void PgStatement::run() {
    m_result.reset();
    m_row = -1;
    m_conn.enqueue(m_pending);
}

PgConnection& pg(Database& db) {
    auto* conn = dynamic_cast<PgConnection*>(&db.connection());
    if (!conn) throw DatabaseError("not a PostgreSQL connection", DatabaseError::Kind::Other);
    return *conn;
}

}  // namespace

PgError::PgError(std::string_view call, std::string_view sqlState, std::string_view message, Kind kind)
    : DatabaseError(sqlState.empty() ? fmt::format("{}: {}", call, message)
                                     : fmt::format("{}: {} (SQLSTATE {})", call, message, sqlState),
                    kind),
      m_sqlState(sqlState) {}

bool isPostgresUrl(std::string_view location) {
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string redactedUrl(std::string_view url) {
    std::string out(url);
    const auto scheme = out.find("://");
    if (scheme == std::string::npos) return out;
    const auto authorityEnd = out.find_first_of("/?", scheme + 3);
    const auto at = out.rfind('@', authorityEnd == std::string::npos ? out.size() : authorityEnd);
    if (at != std::string::npos && at > scheme) {
        const auto colon = out.find(':', scheme + 3);
        if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
    for (const char* key : {"password="}) {
        auto pos = out.find(key);
        while (pos != std::string::npos) {
            const auto start = pos + std::string_view(key).size();
            const auto end = out.find('&', start);
            out.replace(start, (end == std::string::npos ? out.size() : end) - start, "***");
            pos = out.find(key, start);
        }
    }
    return out;
}

std::shared_ptr<detail::Connection> connectPostgres(const std::string& url, const PgOptions& options) {
    return std::make_shared<PgConnection>(url, options);
}

void reconnectPostgres(Database& db) {
    pg(db).reconnect();
}

void dropConnectionAfterNextCommit(Database& db) {
    pg(db).dropAfterNextCommit();
}

void listenForChanges(Database& db) {
    if (!db.isPostgres()) return;
    db.exec(fmt::format("LISTEN {}", kPgChannel));
}

bool takeNotifications(Database& db) {
    if (!db.isPostgres()) return false;
    PGconn* c = pg(db).raw();
    if (!c || PQconsumeInput(c) != 1) return true;  // lost: the caller's next read reports it
    bool any = false;
    while (PGnotify* n = PQnotifies(c)) {
        any = true;
        PQfreemem(n);
    }
    return any;
}

PgServerInfo postgresServerInfo(Database& db) {
    PgServerInfo info;
    Statement st(
        db,
        "SELECT current_setting('server_version'), current_setting('server_version_num')::int, current_user, "
        "current_database()");
    if (st.step()) {
        info.version = st.getText(0);
        info.versionNumber = static_cast<int>(st.getInt(1));
        info.user = st.getText(2);
        info.database = st.getText(3);
    }
    PGconn* c = pg(db).raw();
    info.ssl = PQsslInUse(c) == 1;
    if (info.ssl) {
        if (const char* p = PQsslAttribute(c, "protocol")) info.sslProtocol = p;
    }
    if (const char* h = PQhost(c)) info.host = h;
    return info;
}

int postgresSocket(Database& db) {
    return pg(db).socket();
}

std::int64_t postgresConnectAttempts(Database& db) {
    return pg(db).connectAttempts();
}

std::uint64_t postgresGeneration(Database& db) {
    return db.isPostgres() ? pg(db).generation() : 0;
}

}  // namespace motcua::queue
