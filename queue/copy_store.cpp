#include "queue/copy_store.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "queue/store.h"

namespace motcua::queue {

namespace {

// The columns a row is copied by: stored ones only (has_pin is computed by each database).
std::vector<std::string> columnsOf(Database& db, const std::string& table) {
    std::vector<std::string> columns;
    if (db.isPostgres()) {
        Statement st(db,
                     "SELECT column_name FROM information_schema.columns WHERE table_schema = 'motcua' AND "
                     "table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position");
        st.bind(1, table);
        while (st.step()) columns.push_back(st.getText(0));
    } else {
        Statement st(db, "SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid");
        st.bind(1, table);
        while (st.step()) columns.push_back(st.getText(0));
    }
    return columns;
}

std::int64_t countRows(Database& db, const std::string& table) {
    return db.queryInt(fmt::format("SELECT count(*) FROM {}", table));
}

// Tables whose id is generated: after the copy the target's next id must follow the copied ones.
constexpr const char* kIdentityTables[] = {"services", "counters", "staff",
                                           "tickets",  "events",   "appointments"};

void advanceIds(Database& target) {
    for (const char* table : kIdentityTables) {
        if (target.isPostgres()) {
            target.exec(
                fmt::format("SELECT setval(pg_get_serial_sequence('motcua.{0}', 'id'), COALESCE((SELECT "
                            "max(id) FROM {0}), 0) + 1, "
                            "false)",
                            table));
        }
        // SQLite's INTEGER PRIMARY KEY takes max(id) + 1 by itself.
    }
}

}  // namespace

const std::vector<std::string>& copiedTables() {
    static const std::vector<std::string> tables{
        "settings",
        "services",
        "counters",
        "counter_services",
        "staff",
        "priority_categories",
        "tickets",
        "events",
        "ticket_links",
        "appointments",
        "catalogue_fields",
        "catalogue_procedures",
        "catalogue_documents",
        "catalogue_legal_basis",
        "catalogue_synonyms",
    };
    return tables;
}

CopyResult copyDatabase(Database& source, Database& target) {
    const int sourceVersion = schemaVersionOf(source);
    const int targetVersion = schemaVersionOf(target);
    if (sourceVersion != targetVersion) {
        throw StoreRefused(
            fmt::format("the source is at schema {} and the target at schema {}; open both with this "
                        "motcua first so they are migrated to the same version",
                        sourceVersion, targetVersion));
    }

    CopyResult result;
    Transaction read(source, Transaction::Kind::Snapshot);
    Transaction write(target, Transaction::Kind::Immediate);

    const auto targetTickets = countRows(target, "tickets");
    const auto targetEvents = countRows(target, "events");
    if (targetTickets > 0 || targetEvents > 0) {
        throw StoreRefused(
            fmt::format("{} already holds {} tickets and {} events: migrate only into a new, empty "
                        "database (nothing was copied)",
                        target.path(), targetTickets, targetEvents));
    }

    std::vector<std::vector<std::string>> columns;
    for (const auto& table : copiedTables()) {
        auto from = columnsOf(source, table);
        auto to = columnsOf(target, table);
        auto sortedFrom = from;
        auto sortedTo = to;
        std::sort(sortedFrom.begin(), sortedFrom.end());
        std::sort(sortedTo.begin(), sortedTo.end());
        if (sortedFrom != sortedTo) {
            throw StoreRefused(
                fmt::format("table {} has columns ({}) in the source but ({}) in the target; nothing was "
                            "copied",
                            table, fmt::join(from, ", "), fmt::join(to, ", ")));
        }
        columns.push_back(std::move(from));
    }

    // Configuration a `motcua init` put in the target is replaced: children first.
    for (auto it = copiedTables().rbegin(); it != copiedTables().rend(); ++it)
        target.exec("DELETE FROM " + *it);

    for (std::size_t t = 0; t < copiedTables().size(); ++t) {
        const auto& table = copiedTables()[t];
        const auto& cols = columns[t];
        std::string placeholders;
        for (std::size_t i = 0; i < cols.size(); ++i) placeholders += (i == 0 ? "?" : ", ?");
        const std::string list = fmt::format("{}", fmt::join(cols, ", "));
        // Rows in key order, so a parent's row is in before a child that refers to it (events of a
        // ticket, a ticket's service) and ids come out as they were.
        Statement select(source, fmt::format("SELECT {} FROM {} ORDER BY 1", list, table));
        Statement insert(target, fmt::format("INSERT INTO {} ({}) VALUES ({})", table, list, placeholders));
        std::int64_t rows = 0;
        while (select.step()) {
            insert.reset();
            for (int c = 0; c < static_cast<int>(cols.size()); ++c) {
                if (select.isNull(c)) {
                    insert.bind(c + 1, nullptr);
                } else {
                    // Both databases read a bound text as the column's type ('42' into a BIGINT).
                    insert.bind(c + 1, select.getText(c));
                }
            }
            insert.run();
            ++rows;
        }
        result.tables.push_back({table, rows, 0});
    }
    advanceIds(target);
    {
        Statement days(source, "SELECT DISTINCT business_day FROM tickets ORDER BY business_day");
        while (days.step()) result.businessDays.push_back(days.getText(0));
    }
    write.commit();
    read.commit();

    for (auto& copy : result.tables) copy.targetRows = countRows(target, copy.table);
    return result;
}

}  // namespace motcua::queue
