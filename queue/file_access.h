// Files a person names on a command line or in a config. Inputs: only regular files, read with a
// size bound, so /dev/zero, a FIFO or a folder is refused at once instead of hanging or filling
// memory. Outputs: never over the database in use (or its -wal/-shm/-journal), never over another
// SQLite database unless forced, never over something that is not a regular file; written beside
// the target and renamed, so a reader sees the old file or the new one.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace motcua::queue {

// A file could not be read or written as asked. what() is one line: "PATH: reason".
class FileAccessError : public std::runtime_error {
  public:
    FileAccessError(const std::filesystem::path& path, const std::string& reason)
        : std::runtime_error(path.string() + ": " + reason), m_reason(reason) {}
    const std::string& reason() const noexcept { return m_reason; }

  private:
    std::string m_reason;
};

// Size bounds of the inputs (far above any real file; the example office.toml is 5 KB, the
// office's whole catalogue 50 KB, a ticket's ESC/POS bytes under 24 KB).
inline constexpr std::size_t kMaxConfigBytes = 1u << 20;       // 1 MiB
inline constexpr std::size_t kMaxCatalogueBytes = 64u << 20;   // 64 MiB per file
inline constexpr std::size_t kMaxTicketFileBytes = 16u << 20;  // 16 MiB

// Reads the regular file at path whole. Throws FileAccessError, without blocking, for anything else
// (a FIFO, a device such as /dev/zero, a folder, a socket), for a file larger than maxBytes, and
// when it cannot be opened. Not for a database this process has open: closing a descriptor drops
// every POSIX lock the process holds on that file, SQLite's included.
std::string readRegularFile(const std::filesystem::path& path, std::size_t maxBytes);

// The first bytes (up to n) of the file at path, read through SQLite's VFS, which never drops the
// locks of this process's own connections to that file; nullopt when it cannot be read.
std::optional<std::string> readFileStart(const std::filesystem::path& path, std::size_t n);

enum class DatabaseKind {
    NotDatabase,  // missing, unreadable, or not an SQLite file
    Sqlite,       // an SQLite database of another program
    Motcua,       // an SQLite database with motcua's application_id
};
// What the file at path is, from its header (through readFileStart).
DatabaseKind databaseKind(const std::filesystem::path& path);

struct OutputRules {
    std::filesystem::path database;  // the database in use; empty when there is none
    bool force = false;              // allows replacing another SQLite database (never the one in use)
};

// Why path must not be written as an output file, or nullopt when it may be. Refused always: the
// database in use and its -wal/-shm/-journal (also through a symlink or hard link); an SQLite
// database another program has open; anything that exists and is not a regular file. Refused unless
// rules.force: any other SQLite database (motcua's or not) and the -wal/-shm/-journal beside one.
std::optional<std::string> outputRefusal(const std::filesystem::path& path, const OutputRules& rules);

// Writes bytes to path: into a new file beside it (".NAME.tmp-PID", created exclusively, never an
// existing file), flushed to disk, then renamed over path; the temporary file is removed on
// failure. Check outputRefusal first. Throws FileAccessError.
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace motcua::queue
