// Files a person names on a command line or in a config: only regular files, read with a size
// bound, so /dev/zero, a FIFO or a folder is refused at once instead of hanging or filling memory.
#pragma once

#include <cstddef>
#include <filesystem>
#include <stdexcept>
#include <string>

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

}  // namespace motcua::queue
