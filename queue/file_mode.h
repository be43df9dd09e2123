// Who may read the database files. They hold the staff PIN hashes, so nobody outside the office's
// motcua group may read them: never world-readable, whatever the umask.
//
// When the system group "motcua" exists (the Debian package creates it) and the file can be given
// that group: the database and its -wal/-shm are 0660 (members run `motcua` commands, and SQLite
// needs write access to the -shm even to read), backups 0640. Otherwise only the owner: 0600.
// SQLite creates the -wal and -shm with the mode of the database file.
#pragma once

#include <sys/types.h>

#include <filesystem>

namespace motcua::queue {

enum class FileRole { Database, Backup };

// Gives path the group motcua when possible and the mode for role that goes with the result;
// returns the mode set. Never fails: a file that cannot be changed keeps its mode.
mode_t restrictAccess(const std::filesystem::path& path, FileRole role);

// Creates an empty file at path (it must not exist) with the database mode and group, before SQLite
// opens it, so it never exists with a wider mode. Returns false when it cannot be created.
bool createDatabaseFile(const std::filesystem::path& path);

// restrictAccess for the database at path and its -wal, -shm and -journal where they exist.
void restrictDatabaseAccess(const std::filesystem::path& path);

}  // namespace motcua::queue
