#include "queue/backup.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <ctime>
#include <memory>
#include <regex>
#include <vector>

#include "queue/file_access.h"
#include "queue/file_mode.h"
#include "queue/integrity.h"
#include "queue/store.h"

namespace motcua::queue {

namespace fs = std::filesystem;

namespace {

struct BackupFinisher {
    void operator()(sqlite3_backup* backup) const noexcept { sqlite3_backup_finish(backup); }
};
using BackupHandle = std::unique_ptr<sqlite3_backup, BackupFinisher>;

// Closes a file descriptor on scope exit.
class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (m_fd >= 0) ::close(m_fd);
    }
    int get() const noexcept { return m_fd; }

  private:
    int m_fd;
};

constexpr const char* kTempSuffixes[] = {"", "-wal", "-shm", "-journal"};
constexpr int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP};

// The temporary files a signal handler removes: fixed storage, as a handler may not allocate.
char g_signalTemps[std::size(kTempSuffixes)][PATH_MAX];
struct sigaction g_previousActions[std::size(kCleanupSignals)];

extern "C" void removeTempsOnSignal(int signal) {
    for (const char* path : g_signalTemps) {
        if (path[0] != '\0') ::unlink(path);
    }
    // Then whatever the signal did before (end the process, as a rule).
    for (std::size_t i = 0; i < std::size(kCleanupSignals); ++i) {
        if (kCleanupSignals[i] == signal) ::sigaction(signal, &g_previousActions[i], nullptr);
    }
    ::raise(signal);
}

// Removes a temporary file (with its -wal/-shm/-journal) on scope exit unless released (after it
// was renamed into place), and also when SIGINT, SIGTERM or SIGHUP ends the process meanwhile
// (Ctrl-C, systemctl stop, a closed terminal). SIGKILL cannot be caught: the next backup or restore
// removes what a killed one left (removeAbandonedTemporaries). One at a time per process.
class TempFile {
  public:
    explicit TempFile(fs::path path) : m_path(std::move(path)) {
        std::size_t i = 0;
        for (const char* suffix : kTempSuffixes) {
            const std::string full = m_path.string() + suffix;
            if (full.size() < PATH_MAX) std::memcpy(g_signalTemps[i], full.c_str(), full.size() + 1);
            ++i;
        }
        struct sigaction action {};
        action.sa_handler = removeTempsOnSignal;
        sigemptyset(&action.sa_mask);
        for (std::size_t k = 0; k < std::size(kCleanupSignals); ++k) {
            ::sigaction(kCleanupSignals[k], &action, &g_previousActions[k]);
        }
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    ~TempFile() {
        restoreSignals();
        if (m_path.empty()) return;
        std::error_code ec;
        for (const char* suffix : kTempSuffixes) fs::remove(m_path.string() + suffix, ec);
    }
    const fs::path& path() const noexcept { return m_path; }
    // The file is in place (renamed): nothing to remove any more.
    void release() noexcept {
        restoreSignals();
        m_path.clear();
    }

  private:
    void restoreSignals() noexcept {
        if (!m_signalsHeld) return;
        for (std::size_t k = 0; k < std::size(kCleanupSignals); ++k) {
            ::sigaction(kCleanupSignals[k], &g_previousActions[k], nullptr);
        }
        for (auto& path : g_signalTemps) path[0] = '\0';
        m_signalsHeld = false;
    }

    fs::path m_path;
    bool m_signalsHeld = true;
};

std::string sidecar(const fs::path& path, const char* suffix) {
    return path.string() + suffix;
}

// Same file, or the same path once made absolute (for files that do not exist yet).
bool samePath(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec) && fs::equivalent(a, b, ec)) return true;
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

fs::path temporaryBeside(const fs::path& target, const char* what) {
    return target.parent_path() / fmt::format(".{}.{}-{}", target.filename().string(), what, ::getpid());
}

// A backup or restore killed half-way leaves its temporary file (".NAME.tmp-PID", ".NAME.restore-PID"
// and their -wal/-shm/-journal) beside the target. Removes those of target's name, and those of any
// dated backup name (the timer's next backup has another name than the killed one had), whose
// process is gone; a live one may still be working.
void removeAbandonedTemporaries(const fs::path& target) {
    static const std::regex kTemporary(R"(\.(.+)\.(tmp|restore)-([0-9]{1,9})(-wal|-shm|-journal)?)");
    static const std::regex kDatedBackup(R"(motcua-\d{8}-\d{6}\.db)");
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    std::vector<fs::path> abandoned;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        std::smatch m;
        if (!std::regex_match(name, m, kTemporary)) continue;
        const std::string base = m[1];
        if (base != target.filename().string() && !std::regex_match(base, kDatedBackup)) continue;
        const pid_t pid = static_cast<pid_t>(std::stol(m[3]));
        if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
        abandoned.push_back(entry.path());
    }
    for (const auto& path : abandoned) fs::remove(path, ec);
}

// Makes a rename durable: fsync the directory that holds the entry.
void syncDirectory(const fs::path& dir) {
    FileDescriptor fd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() >= 0) ::fsync(fd.get());
}

void renameOrThrow(const fs::path& from, const fs::path& to) {
    if (::rename(from.c_str(), to.c_str()) != 0) {
        throw StoreRefused(
            fmt::format("{}: cannot rename to {}: {}", from.string(), to.string(), std::strerror(errno)));
    }
}

// Rewrites "<temp path>: reason" from openStore into "<candidate>: reason".
StoreRefused refusedAs(const StoreRefused& e, const fs::path& temp, const fs::path& candidate) {
    std::string message = e.what();
    const std::string from = temp.string();
    for (auto at = message.find(from); at != std::string::npos; at = message.find(from, at)) {
        message.replace(at, from.size(), candidate.string());
        at += candidate.string().size();
    }
    return StoreRefused(message);
}

}  // namespace

DatabaseSummary summarise(Database& db, const fs::path& path) {
    DatabaseSummary summary;
    summary.path = path;
    std::error_code ec;
    summary.bytes = fs::file_size(path, ec);
    if (ec) summary.bytes = 0;
    summary.schemaVersion = static_cast<int>(db.queryInt("PRAGMA user_version"));
    summary.tickets = db.queryInt("SELECT count(*) FROM tickets");
    summary.events = db.queryInt("SELECT count(*) FROM events");
    return summary;
}

std::string backupStamp(std::chrono::system_clock::time_point when) {
    const std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm local{};
    ::localtime_r(&t, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", &local);
    return text;
}

std::string backupFileName(std::chrono::system_clock::time_point when) {
    return fmt::format("motcua-{}.db", backupStamp(when));
}

std::vector<fs::path> listBackups(const fs::path& folder) {
    static const std::regex kName(R"(motcua-\d{8}-\d{6}\.(db|dump))");  // SQLite file, pg_dump
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        if (entry.is_regular_file(ec) && std::regex_match(entry.path().filename().string(), kName)) {
            found.push_back(entry.path());
        }
    }
    // The name sorts by time.
    std::sort(found.begin(), found.end());
    return found;
}

std::vector<fs::path> pruneBackups(const fs::path& folder, std::size_t keep) {
    auto all = listBackups(folder);
    std::vector<fs::path> removed;
    if (all.size() <= keep) return removed;
    for (std::size_t i = 0; i < all.size() - keep; ++i) {
        std::error_code ec;
        if (fs::remove(all[i], ec)) removed.push_back(all[i]);
    }
    return removed;
}

bool databaseInUseElsewhere(const fs::path& path) {
    // SQLite's unix VFS holds a shared lock on the "DMS" byte of the -shm file (offset 120 + 8 = 128)
    // for as long as a WAL connection is open: https://www.sqlite.org/walformat.html#the_dms_lock.
    // F_GETLK reports a conflicting lock of another process (never of this one).
    constexpr off_t kDmsOffset = 128;
    FileDescriptor fd(::open(sidecar(path, "-shm").c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return false;
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = kDmsOffset;
    lock.l_len = 1;
    if (::fcntl(fd.get(), F_GETLK, &lock) != 0) return false;
    return lock.l_type != F_UNLCK;
}

DatabaseSummary backupDatabase(Database& source, const fs::path& target, bool overwrite) {
    const fs::path live = source.path();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        if (samePath(target, sidecar(live, suffix))) {
            throw StoreRefused(
                fmt::format("{}: that is the live database; choose another file", target.string()));
        }
    }
    std::error_code ec;
    const auto status = fs::status(target, ec);
    if (fs::is_directory(status)) {
        throw StoreRefused(fmt::format("{}: is a folder; give a file name", target.string()));
    }
    if (fs::exists(status) && !overwrite) {
        throw StoreRefused(fmt::format("{}: already exists (use --force to replace it)", target.string()));
    }
    // Even with overwrite: never a device or FIFO, never a database another program has open.
    if (auto refusal = outputRefusal(target, {live, true})) throw StoreRefused(*refusal);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    if (!fs::is_directory(folder, ec)) {
        throw StoreRefused(fmt::format("{}: no such folder", folder.string()));
    }

    removeAbandonedTemporaries(target);
    removeAbandonedTemporaries(live);  // a killed restore's, beside the database
    TempFile temp(temporaryBeside(target, "tmp"));
    fs::remove(temp.path(), ec);
    {
        // Create the file with the backup mode before SQLite opens it, whatever the umask.
        FileDescriptor fd(::open(temp.path().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
        if (fd.get() < 0) {
            throw StoreRefused(
                fmt::format("{}: cannot create: {}", temp.path().string(), std::strerror(errno)));
        }
    }
    restrictAccess(temp.path(), FileRole::Backup);
    DatabaseSummary summary;
    {
        Database copy(temp.path().string(), OpenMode::ReadWrite, std::chrono::milliseconds(5000));
        copy.exec("PRAGMA synchronous = FULL");
        BackupHandle backup(sqlite3_backup_init(copy.handle(), "main", source.handle(), "main"));
        if (!backup) throw SqliteError::fromHandle("sqlite3_backup_init", copy.handle());
        // One step over every page: the read transaction on the source is held for the whole copy,
        // so the snapshot is consistent while other processes commit to the WAL.
        int rc = SQLITE_OK;
        for (int attempt = 0;; ++attempt) {
            rc = sqlite3_backup_step(backup.get(), -1);
            if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && attempt < 200) {
                sqlite3_sleep(25);
                continue;
            }
            break;
        }
        const int finish = sqlite3_backup_finish(backup.release());
        if (rc != SQLITE_DONE) throw SqliteError("sqlite3_backup_step", rc, sqlite3_errstr(rc));
        if (finish != SQLITE_OK) throw SqliteError::fromHandle("sqlite3_backup_finish", copy.handle());
        // The copy is a single self-contained file: no -wal beside it to lose on the way.
        copy.exec("PRAGMA journal_mode = DELETE");
        const std::string check = checkIntegrity(copy, IntegrityDepth::Full);
        if (check != "ok")
            throw StoreRefused(
                fmt::format("{}: the copy failed its integrity check: {}", target.string(), check));
        summary = summarise(copy, temp.path());
    }
    renameOrThrow(temp.path(), target);
    temp.release();
    syncDirectory(folder);
    summary.path = target;
    return summary;
}

std::vector<fs::path> setAsideOrphanedFiles(const fs::path& path, std::chrono::system_clock::time_point now) {
    std::vector<fs::path> kept;
    for (const auto& orphan : orphanedFiles(path)) {
        fs::path aside = orphan.string() + ".orphan-" + backupStamp(now);
        std::error_code ec;
        for (int n = 2; fs::exists(fs::symlink_status(aside, ec)); ++n) {
            aside = fmt::format("{}.orphan-{}-{}", orphan.string(), backupStamp(now), n);
        }
        renameOrThrow(orphan, aside);
        kept.push_back(aside);
    }
    if (!kept.empty()) syncDirectory(path.has_parent_path() ? path.parent_path() : fs::path("."));
    return kept;
}

RestoreResult restoreDatabase(const fs::path& candidate, const fs::path& live,
                              std::chrono::system_clock::time_point now) {
    std::error_code ec;
    if (!fs::is_regular_file(candidate, ec)) {
        throw StoreRefused(fmt::format("{}: no such file", candidate.string()));
    }
    if (samePath(candidate, live)) {
        throw StoreRefused(fmt::format("{}: that is the live database already", candidate.string()));
    }
    if (fs::file_size(sidecar(candidate, "-wal"), ec) > 0 && !ec) {
        throw StoreRefused(
            fmt::format("{}: has a -wal file beside it, so it may be a database in use; copy it with "
                        "'motcua --db {} backup FILE' and restore that",
                        candidate.string(), candidate.string()));
    }
    if (databaseInUseElsewhere(live)) {
        throw StoreRefused(
            fmt::format("{}: in use by another program; stop the motcua services first "
                        "(systemctl stop motcua-kiosk motcua-display motcua-session)",
                        live.string()));
    }
    const fs::path folder = live.has_parent_path() ? live.parent_path() : fs::path(".");
    if (!fs::is_directory(folder, ec)) {
        throw StoreRefused(fmt::format("{}: no such folder", folder.string()));
    }

    removeAbandonedTemporaries(live);
    TempFile temp(temporaryBeside(live, "restore"));
    fs::remove(temp.path(), ec);
    fs::copy_file(candidate, temp.path(), fs::copy_options::overwrite_existing, ec);
    if (ec) throw StoreRefused(fmt::format("{}: cannot copy: {}", candidate.string(), ec.message()));
    restrictAccess(temp.path(), FileRole::Database);

    struct stat liveStat {};
    const bool hadLive = ::stat(live.c_str(), &liveStat) == 0;
    RestoreResult result;
    {
        Database db = [&] {
            try {
                return openStore(temp.path(), OpenPurpose::Use);
            } catch (const StoreRefused& e) {
                throw refusedAs(e, temp.path(), candidate);
            } catch (const SqliteError& e) {
                throw StoreRefused(
                    fmt::format("{}: not a usable database ({})", candidate.string(), e.what()));
            }
        }();
        const std::string check = checkIntegrity(db, IntegrityDepth::Full);
        if (check != "ok") {
            throw StoreRefused(fmt::format("{}: fails the integrity check ({}); nothing restored",
                                           candidate.string(), check));
        }
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        result.restored = summarise(db, live);
    }
    // The connection above was the last one: SQLite removed the copy's -wal and -shm on close.
    if (hadLive) {
        // Same owner, group and mode as the database it replaces (the services' user).
        ::chmod(temp.path().c_str(), liveStat.st_mode & 07777);
        if (::geteuid() == 0) {
            if (::chown(temp.path().c_str(), liveStat.st_uid, liveStat.st_gid) != 0) {
                throw StoreRefused(
                    fmt::format("{}: cannot set owner: {}", temp.path().string(), std::strerror(errno)));
            }
        }
        // A -wal left by a writer that crashed holds committed data of the old database: fold it into
        // the file first, so the kept copy is whole by itself and a restore killed before the rename
        // below leaves the live file as it was.
        if (fs::file_size(sidecar(live, "-wal"), ec) > 0 && !ec) {
            try {
                Database old(live.string(), OpenMode::ReadWrite, std::chrono::seconds(5));
                old.exec("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (const SqliteError&) {
                // Unreadable: the -wal is moved beside the kept copy below, as it is.
            }
        }
        fs::path kept = sidecar(live, fmt::format(".{}.bak", backupStamp(now)).c_str());
        for (int n = 2; fs::exists(kept, ec); ++n)
            kept = sidecar(live, fmt::format(".{}-{}.bak", backupStamp(now), n).c_str());
        if (::link(live.c_str(), kept.c_str()) != 0) {
            throw StoreRefused(fmt::format("{}: cannot keep the old database as {}: {}", live.string(),
                                           kept.string(), std::strerror(errno)));
        }
        // A -wal left by a crash belongs to the old database; it must not be applied to the new one.
        if (fs::exists(sidecar(live, "-wal"), ec))
            renameOrThrow(sidecar(live, "-wal"), sidecar(kept, "-wal"));
        fs::remove(sidecar(live, "-shm"), ec);
        result.previous = kept;
    } else {
        result.keptAside = setAsideOrphanedFiles(live, now);
    }
    renameOrThrow(temp.path(), live);
    temp.release();
    syncDirectory(folder);
    std::error_code sizeError;
    result.restored.bytes = fs::file_size(live, sizeError);
    return result;
}

}  // namespace motcua::queue
