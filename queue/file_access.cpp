#include "queue/file_access.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "queue/backup.h"
#include "queue/store.h"

namespace motcua::queue {

namespace fs = std::filesystem;

namespace {

// Closes a file descriptor on scope exit.
class Descriptor {
  public:
    explicit Descriptor(int fd) : m_fd(fd) {}
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    ~Descriptor() {
        if (m_fd >= 0) ::close(m_fd);
    }
    int get() const noexcept { return m_fd; }

  private:
    int m_fd;
};

std::string kindOf(mode_t mode) {
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "a special file";
}

std::string sizeText(std::size_t bytes) {
    if (bytes >= (1u << 20)) return fmt::format("{} MiB", bytes >> 20);
    return fmt::format("{} KiB", bytes >> 10);
}

// Same file (also through a link), or the same path once made absolute (for files not there yet).
bool samePath(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (fs::equivalent(a, b, ec)) return true;
    const auto ca = fs::weakly_canonical(a, ec);
    if (ec) return false;
    const auto cb = fs::weakly_canonical(b, ec);
    return !ec && ca == cb;
}

constexpr const char* kSidecars[] = {"-wal", "-shm", "-journal"};

}  // namespace

std::string readRegularFile(const fs::path& path, std::size_t maxBytes) {
    // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting for one.
    Descriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
    if (fd.get() < 0) throw FileAccessError(path, fmt::format("cannot read: {}", std::strerror(errno)));
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        throw FileAccessError(path, fmt::format("cannot read: {}", std::strerror(errno)));
    }
    if (!S_ISREG(st.st_mode)) {
        throw FileAccessError(path, fmt::format("is {}, not a regular file", kindOf(st.st_mode)));
    }
    if (static_cast<std::uintmax_t>(st.st_size) > maxBytes) {
        throw FileAccessError(path, fmt::format("too large ({} bytes, at most {})",
                                                static_cast<std::uintmax_t>(st.st_size), sizeText(maxBytes)));
    }
    std::string bytes;
    bytes.reserve(static_cast<std::size_t>(st.st_size));
    char chunk[65536];
    for (;;) {
        const ssize_t n = ::read(fd.get(), chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw FileAccessError(path, fmt::format("cannot read: {}", std::strerror(errno)));
        if (n == 0) break;
        bytes.append(chunk, static_cast<std::size_t>(n));
        // The file may grow while it is read.
        if (bytes.size() > maxBytes) {
            throw FileAccessError(path, fmt::format("too large (more than {})", sizeText(maxBytes)));
        }
    }
    return bytes;
}

std::optional<std::string> readFileStart(const fs::path& path, std::size_t n) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    sqlite3_vfs* vfs = sqlite3_vfs_find(nullptr);
    const std::string full = fs::absolute(path, ec).string();
    if (ec) return std::nullopt;
    sqlite3_filename name = sqlite3_create_filename(full.c_str(), "", "", 0, nullptr);
    std::vector<char> storage(static_cast<std::size_t>(vfs->szOsFile));
    auto* file = reinterpret_cast<sqlite3_file*>(storage.data());
    int outFlags = 0;
    std::optional<std::string> bytes;
    if (vfs->xOpen(vfs, name, file, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &outFlags) == SQLITE_OK) {
        sqlite3_int64 size = 0;
        if (file->pMethods->xFileSize(file, &size) == SQLITE_OK) {
            std::string start(std::min<std::size_t>(n, static_cast<std::size_t>(size)), '\0');
            if (start.empty() ||
                file->pMethods->xRead(file, start.data(), static_cast<int>(start.size()), 0) == SQLITE_OK) {
                bytes = std::move(start);
            }
        }
    }
    if (file->pMethods) file->pMethods->xClose(file);
    sqlite3_free_filename(name);
    return bytes;
}

DatabaseKind databaseKind(const fs::path& path) {
    const auto header = readFileStart(path, 100);
    if (!header || header->size() < 100 || std::memcmp(header->data(), "SQLite format 3\0", 16) != 0) {
        return DatabaseKind::NotDatabase;
    }
    // application_id: a big-endian 32-bit integer at offset 68 of the header.
    const auto byte = [&](std::size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>((*header)[i]));
    };
    const std::uint32_t id = byte(68) << 24 | byte(69) << 16 | byte(70) << 8 | byte(71);
    return id == static_cast<std::uint32_t>(kApplicationId) ? DatabaseKind::Motcua : DatabaseKind::Sqlite;
}

std::optional<std::string> outputRefusal(const fs::path& path, const OutputRules& rules) {
    const std::string shown = path.string();
    if (!rules.database.empty()) {
        if (samePath(path, rules.database)) {
            return fmt::format("{}: that is the database in use; choose another file", shown);
        }
        for (const char* suffix : kSidecars) {
            if (samePath(path, rules.database.string() + suffix)) {
                return fmt::format("{}: that is the {} file of the database in use; choose another file",
                                   shown, suffix + 1);
            }
        }
    }
    // A file named like the -wal of a database is taken for one by SQLite, whether or not it exists.
    for (const char* suffix : kSidecars) {
        const std::string_view s(suffix);
        if (shown.size() <= s.size() || shown.compare(shown.size() - s.size(), s.size(), s) != 0) continue;
        const fs::path base = shown.substr(0, shown.size() - s.size());
        if (databaseKind(base) != DatabaseKind::NotDatabase && !rules.force) {
            return fmt::format("{}: is the {} file of the database {}; choose another file (or --force)",
                               shown, suffix + 1, base.string());
        }
    }
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (!fs::exists(status)) return std::nullopt;
    if (!fs::is_regular_file(status)) {
        struct stat st {};
        const std::string kind = ::stat(path.c_str(), &st) == 0 ? kindOf(st.st_mode) : "not a regular file";
        return fmt::format("{}: is {}; refusing to replace it", shown, kind);
    }
    if (const auto kind = databaseKind(path); kind != DatabaseKind::NotDatabase) {
        const char* what = kind == DatabaseKind::Motcua ? "a motcua database" : "an SQLite database";
        if (databaseInUseElsewhere(path)) {
            return fmt::format("{}: is {} a running program has open; choose another file", shown, what);
        }
        if (!rules.force)
            return fmt::format("{}: is {}; choose another file (or --force to replace it)", shown, what);
    }
    return std::nullopt;
}

void writeFileAtomically(const fs::path& path, std::string_view bytes) {
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    const fs::path temp = folder / fmt::format(".{}.tmp-{}", path.filename().string(), ::getpid());
    // O_EXCL: an existing file of that name (someone else's) is never truncated or renamed.
    Descriptor fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
    if (fd.get() < 0) throw FileAccessError(path, fmt::format("cannot write: {}", std::strerror(errno)));
    const auto fail = [&](const char* what) {
        const std::string reason = std::strerror(errno);
        ::unlink(temp.c_str());
        return FileAccessError(path, fmt::format("{}: {}", what, reason));
    };
    for (std::size_t done = 0; done < bytes.size();) {
        const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw fail("cannot write");
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0) throw fail("cannot write");
    if (::rename(temp.c_str(), path.c_str()) != 0) throw fail("cannot replace");
}

}  // namespace motcua::queue
