#include "queue/file_mode.h"

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <optional>
#include <vector>

namespace motcua::queue {

namespace {

constexpr const char* kGroup = "motcua";

std::optional<gid_t> motcuaGroup() {
    std::vector<char> buffer(16384);
    group entry{};
    group* found = nullptr;
    if (::getgrnam_r(kGroup, &entry, buffer.data(), buffer.size(), &found) != 0 || !found)
        return std::nullopt;
    return found->gr_gid;
}

mode_t modeFor(FileRole role, bool shared) {
    if (!shared) return 0600;
    return role == FileRole::Database ? 0660 : 0640;
}

}  // namespace

mode_t restrictAccess(const std::filesystem::path& path, FileRole role) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return 0;
    const auto group = motcuaGroup();
    // chown by path, never through a descriptor of our own: closing one would drop this process's
    // SQLite locks on the file. Only the owner (or root) may change the group, and only to one of
    // its own groups (or any, as root).
    const bool shared =
        group && (st.st_gid == *group || ::chown(path.c_str(), static_cast<uid_t>(-1), *group) == 0);
    const mode_t mode = modeFor(role, shared);
    if ((st.st_mode & 07777) != mode && ::chmod(path.c_str(), mode) != 0) return st.st_mode & 07777;
    return mode;
}

bool createDatabaseFile(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    ::close(fd);
    restrictAccess(path, FileRole::Database);
    return true;
}

void restrictDatabaseAccess(const std::filesystem::path& path) {
    restrictAccess(path, FileRole::Database);
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        const std::filesystem::path sidecar = path.string() + suffix;
        std::error_code ec;
        if (std::filesystem::exists(sidecar, ec)) restrictAccess(sidecar, FileRole::Database);
    }
}

}  // namespace motcua::queue
