#include "queue/file_access.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

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

}  // namespace motcua::queue
