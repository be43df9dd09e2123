// One schema migration as compiled into the program: the SQL files of queue/migrations/ (SQLite) and
// queue/migrations/postgres/ (PostgreSQL), turned into lists of these by CMake (migrations*.inc).
#pragma once

namespace motcua::queue {

struct Migration {
    int version;       // the schema version the migration brings the database to
    const char* name;  // the file name without ".sql", for messages
    const char* sql;
};

}  // namespace motcua::queue
