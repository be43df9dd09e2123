#include "queue/postgres_backup.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <vector>

#include "queue/backup.h"
#include "queue/postgres.h"
#include "queue/postgres_store.h"
#include "queue/store.h"

namespace motcua::queue {

namespace fs = std::filesystem;

namespace {

struct ToolRun {
    int status = -1;  // exit status; -1 when it could not run or died of a signal
    std::string out;
    std::string err;
};

// Runs a PostgreSQL client tool with argv (no shell), collecting its output. The environment is
// inherited: PGPASSFILE, PGSERVICEFILE and PGSSL* reach the tool as they reach libpq here.
ToolRun runTool(const std::vector<std::string>& args) {
    ToolRun run;
    int outPipe[2];
    int errPipe[2];
    if (::pipe2(outPipe, O_CLOEXEC) != 0) return run;
    if (::pipe2(errPipe, O_CLOEXEC) != 0) {
        ::close(outPipe[0]);
        ::close(outPipe[1]);
        return run;
    }
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(outPipe[1], STDOUT_FILENO);
        ::dup2(errPipe[1], STDERR_FILENO);
        const int null = ::open("/dev/null", O_RDONLY);
        if (null >= 0) ::dup2(null, STDIN_FILENO);
        ::execvp(argv[0], argv.data());
        const std::string message = fmt::format("{}: {}\n", args[0], std::strerror(errno));
        [[maybe_unused]] auto written = ::write(STDERR_FILENO, message.data(), message.size());
        ::_exit(127);
    }
    ::close(outPipe[1]);
    ::close(errPipe[1]);
    if (pid < 0) {
        ::close(outPipe[0]);
        ::close(errPipe[0]);
        run.err = std::strerror(errno);
        return run;
    }
    std::array<pollfd, 2> fds{{{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}}};
    std::array<std::string*, 2> sinks{&run.out, &run.err};
    int open = 2;
    while (open > 0) {
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            char buffer[4096];
            const auto n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[i]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            }
        }
    }
    for (auto& f : fds) {
        if (f.fd >= 0) ::close(f.fd);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

// The first line of a tool's complaint, without its "pg_dump: error: " prefix.
std::string firstError(const ToolRun& run, const std::string& tool) {
    std::string text = run.err.empty() ? fmt::format("exit status {}", run.status) : run.err;
    const auto end = text.find('\n');
    if (end != std::string::npos) text.resize(end);
    for (const std::string& prefix : {tool + ": error: ", tool + ": "}) {
        if (text.rfind(prefix, 0) == 0) {
            text.erase(0, prefix.size());
            break;
        }
    }
    return text;
}

// Backups hold staff PIN hashes: owner and group only.
constexpr mode_t kBackupMode = 0640;

// pg_dump of schema motcua into target through a temporary file beside it.
void dumpInto(const std::string& url, const fs::path& target) {
    const fs::path temp =
        target.parent_path() / fmt::format(".{}.tmp-{}", target.filename().string(), ::getpid());
    std::error_code ec;
    fs::remove(temp, ec);
    const auto run = runTool({"pg_dump", "--format=custom", "--schema=motcua", "--no-owner",
                              "--file=" + temp.string(), "--dbname=" + url});
    if (run.status != 0) {
        fs::remove(temp, ec);
        throw StoreRefused(fmt::format("pg_dump failed: {}", firstError(run, "pg_dump")));
    }
    ::chmod(temp.c_str(), kBackupMode);
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        fs::remove(temp, ec);
        throw StoreRefused(
            fmt::format("{}: cannot rename to {}: {}", temp.string(), target.string(), reason));
    }
}

DatabaseSummary summariseDump(Database& db, const fs::path& file) {
    DatabaseSummary summary;
    summary.path = file;
    std::error_code ec;
    summary.bytes = fs::file_size(file, ec);
    if (ec) summary.bytes = 0;
    summary.schemaVersion = schemaVersionOf(db);
    summary.tickets = db.queryInt("SELECT count(*) FROM tickets");
    summary.events = db.queryInt("SELECT count(*) FROM events");
    return summary;
}

}  // namespace

std::string postgresBackupFileName(std::chrono::system_clock::time_point when) {
    return fmt::format("motcua-{}.dump", backupStamp(when));
}

bool isPostgresDump(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    char magic[5] = {};
    return in.read(magic, sizeof magic) && std::string_view(magic, sizeof magic) == "PGDMP";
}

DatabaseSummary backupPostgres(Database& db, const std::string& url, const fs::path& target, bool overwrite) {
    std::error_code ec;
    const auto status = fs::status(target, ec);
    if (fs::is_directory(status))
        throw StoreRefused(fmt::format("{}: is a folder; give a file name", target.string()));
    if (fs::exists(status) && !overwrite) {
        throw StoreRefused(fmt::format("{}: already exists (use --force to replace it)", target.string()));
    }
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    if (!fs::is_directory(folder, ec)) throw StoreRefused(fmt::format("{}: no such folder", folder.string()));
    dumpInto(url, folder / target.filename());
    return summariseDump(db, target);
}

PostgresRestore restorePostgres(const fs::path& candidate, const std::string& url,
                                std::chrono::system_clock::time_point now) {
    std::error_code ec;
    if (!fs::is_regular_file(candidate, ec)) {
        throw StoreRefused(fmt::format("{}: no such backup file", candidate.string()));
    }
    if (!isPostgresDump(candidate)) {
        throw StoreRefused(
            fmt::format("{}: not a PostgreSQL backup made by 'motcua backup' (pg_dump custom format); "
                        "to bring a SQLite office onto this server use 'motcua migrate --to'",
                        candidate.string()));
    }
    const auto listed = runTool({"pg_restore", "--list", candidate.string()});
    if (listed.status != 0) {
        throw StoreRefused(
            fmt::format("{}: unreadable backup: {}", candidate.string(), firstError(listed, "pg_restore")));
    }
    if (listed.out.find("TABLE motcua meta") == std::string::npos) {
        throw StoreRefused(
            fmt::format("{}: a PostgreSQL dump, but not of a motcua database", candidate.string()));
    }

    Database db(connectPostgres(
        url, PgOptions{std::chrono::milliseconds(5000), std::chrono::seconds(5), "motcua-restore"}));
    {
        Statement others(
            db,
            "SELECT count(*), string_agg(DISTINCT application_name, ', ') FROM pg_stat_activity WHERE "
            "datname = current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'motcua%'");
        if (others.step() && others.getInt(0) > 0) {
            throw StoreRefused(
                fmt::format("{} motcua program(s) are connected ({}): stop the kiosk, displays and "
                            "consoles first, then restore",
                            others.getInt(0), others.getText(1)));
        }
    }

    PostgresRestore result;
    const fs::path folder = candidate.has_parent_path() ? candidate.parent_path() : fs::path(".");
    result.previous = folder / fmt::format("motcua-before-restore-{}.dump", backupStamp(now));
    dumpInto(url, result.previous);

    const auto restored =
        runTool({"pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                 "--single-transaction", "--exit-on-error", "--dbname=" + url, candidate.string()});
    if (restored.status != 0) {
        throw StoreRefused(fmt::format("{}: pg_restore failed, the database is as it was: {}",
                                       candidate.string(), firstError(restored, "pg_restore")));
    }
    // Privileges were left out of the restore (the roles of another server may differ): grant ours.
    ensurePostgresRoles(db);
    auto opened = openStore(url, OpenPurpose::Use);
    result.restored = summariseDump(opened, candidate);
    return result;
}

}  // namespace motcua::queue
