// The PostgreSQL store's connection (libpq over TCP or a Unix socket), for offices whose kiosk,
// lobby PC and officers' PCs share one queue. <libpq-fe.h> stays out of this header.
//
// Round trips are what cost on a LAN, so the connection batches: BEGIN is not sent on its own but
// with the transaction's first statement; writes whose results nobody reads (Statement::run inside
// a transaction) wait and go with the next statement that needs an answer, or with COMMIT; a
// statement is prepared in the same batch as its first execution. Each batch is one libpq pipeline:
// one request, one answer. A write that fails in a batch fails the transaction, as it would have
// on its own; the error is reported by the call that sent the batch.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "queue/database.h"

namespace motcua::queue {

// Thrown when a libpq call fails: the SQLSTATE and the server's (or libpq's) message.
class PgError : public DatabaseError {
  public:
    PgError(std::string_view call, std::string_view sqlState, std::string_view message, Kind kind);
    const std::string& sqlState() const noexcept { return m_sqlState; }

  private:
    std::string m_sqlState;
};

struct PgOptions {
    std::chrono::milliseconds lockTimeout{
        5000};                               // like SQLite's busy timeout: a move waits this long for a lock
    std::chrono::seconds connectTimeout{5};  // unless the URL says otherwise
    std::string applicationName = "motcua";  // shown in pg_stat_activity
    // How soon a dead link is noticed (see PgConnection::connectionKeywords): a request not
    // acknowledged by the server's TCP within tcpUserTimeout fails; an idle connection is probed
    // after keepalivesIdle. Unless the URL says otherwise.
    std::chrono::milliseconds tcpUserTimeout{5000};
    std::chrono::seconds keepalivesIdle{5};
};

// True for "postgresql://…" and "postgres://…" (libpq's URI forms).
bool isPostgresUrl(std::string_view location);

// The URL with any password replaced by "***", for messages and logs.
std::string redactedUrl(std::string_view url);

// Connects; throws PgError (ConnectionLost when the server cannot be reached).
std::shared_ptr<detail::Connection> connectPostgres(const std::string& url, const PgOptions& options = {});

// Where the PostgreSQL store keeps its tables: the schema named "motcua" in the database.
inline constexpr const char* kPgSchema = "motcua";

// The change feed's channel: a trigger NOTIFYs it with the new event id when events are appended.
inline constexpr const char* kPgChannel = "motcua_events";

// A connection whose server went away is re-opened by the next statement, in the background: each
// statement moves a connection attempt on without waiting for the network and throws ConnectionLost
// until the attempt has succeeded (see ensureUsable in postgres.cpp), so a screen that reads every
// frame never stops on a server that does not answer.
//
// Reconnects now and waits for the server (at most the connect timeout), for a caller that must know
// at once (a move whose COMMIT went unanswered). Prepared statements are forgotten. Throws PgError
// when the server is still unreachable.
void reconnectPostgres(Database& db);

// The connection's socket (-1 when there is none), for tests that look at its TCP options; and how
// many background connection attempts were started so far.
int postgresSocket(Database& db);
std::int64_t postgresConnectAttempts(Database& db);

// Counts the connections made so far: changes when the connection was re-opened, so a front end
// knows to reload everything and LISTEN again. 0 on SQLite.
std::uint64_t postgresGeneration(Database& db);

// Test seam for the unknown outcome of a COMMIT: the next COMMIT on db is made, then its answer is
// "lost" with the connection (ConnectionLost is thrown as if the network had failed).
void dropConnectionAfterNextCommit(Database& db);

// For the change feed: LISTEN on kPgChannel, and whether notifications arrived since the last call
// (reads what the socket already holds; never waits). False on SQLite.
void listenForChanges(Database& db);
bool takeNotifications(Database& db);

// Server facts for `motcua doctor`.
struct PgServerInfo {
    std::string version;    // "15.18"
    int versionNumber = 0;  // 150018
    bool ssl = false;
    std::string sslProtocol;  // "TLSv1.3" when ssl
    std::string user;
    std::string host;
    std::string database;
};
PgServerInfo postgresServerInfo(Database& db);

}  // namespace motcua::queue
