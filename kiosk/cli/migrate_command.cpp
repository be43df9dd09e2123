// `motcua migrate --to postgresql://…`: moves an office from the SQLite file to a PostgreSQL server
// (or back, --to FILE), then proves the copy: the rows of every table counted on both sides, and the
// office head's report of every business day computed from both and compared.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "kiosk/cli/cli.h"
#include "kiosk/cli/report_format.h"
#include "queue/copy_store.h"
#include "queue/postgres.h"
#include "queue/report.h"
#include "queue/store.h"

namespace motcua::cli {

namespace {

// The report of one day, as the office head would get it (JSON), or the refusal's message.
nlohmann::json dayReport(queue::Database& db, const std::string& day) {
    queue::ReportQuery query;
    query.from = day;
    query.to = day;
    const auto report = queue::computeReport(db, query);
    if (!report.ok()) return {{"error", report.message}};
    return reportToJson(*report.value, ReportRenderOptions{ReportLang::Vi, ""});
}

std::string shown(const std::string& location) {
    return queue::isPostgresUrl(location) ? queue::redactedUrl(location) : location;
}

void migrate(Context& ctx, const std::string& to) {
    const std::string from = ctx.databasePath().string();
    if (to == from) throw CommandError(Exit::Usage, "--to names the database in use; give the new database");
    auto& source = ctx.database();
    queue::Database target = [&] {
        try {
            return queue::openStore(to, queue::OpenPurpose::Initialise);
        } catch (const queue::StoreRefused& e) {
            throw CommandError(Exit::Database, e.what());
        }
    }();

    queue::CopyResult copied;
    try {
        copied = queue::copyDatabase(source, target);
    } catch (const queue::StoreRefused& e) {
        throw CommandError(Exit::Usage, e.what());
    }

    nlohmann::json out;
    out["from"] = shown(from);
    out["to"] = shown(to);
    out["tables"] = nlohmann::json::array();
    std::string text = fmt::format("copied {} into {} in one transaction:\n", shown(from), shown(to));
    bool same = true;
    for (const auto& t : copied.tables) {
        const bool equal = t.sourceRows == t.targetRows;
        same = same && equal;
        out["tables"].push_back({{"table", t.table}, {"source", t.sourceRows}, {"target", t.targetRows}});
        text += fmt::format("  {:<22} {:>8} rows{}\n", t.table, t.targetRows,
                            equal ? "" : fmt::format("  DIFFERENT: {} in the source", t.sourceRows));
    }
    std::vector<std::string> differing;
    for (const auto& day : copied.businessDays) {
        if (dayReport(source, day) != dayReport(target, day)) differing.push_back(day);
    }
    out["days"] = copied.businessDays.size();
    out["days_differing"] = differing;
    if (differing.empty()) {
        text += fmt::format("the reports of all {} business days are the same on both",
                            copied.businessDays.size());
    } else {
        text += fmt::format("the reports of {} of {} days differ: {}", differing.size(),
                            copied.businessDays.size(), fmt::join(differing, ", "));
    }
    if (!same || !differing.empty()) {
        ctx.print(out, text);
        throw CommandError::afterResult(Exit::Failure,
                                        "the copy does not match its source; keep using the source");
    }
    text +=
        fmt::format("\nnext: point every program at the new database (--db, MOTCUA_DB or [database] url)");
    ctx.print(out, text);
}

}  // namespace

void registerMigrateCommand(CLI::App& app, Context& ctx) {
    auto to = std::make_shared<std::string>();
    auto* m = app.add_subcommand(
        "migrate",
        "Copy the whole database (configuration, staff, catalogue, tickets, events) into a new one, e.g. a "
        "PostgreSQL server: --to postgresql://motcua@10.0.0.2/motcua. Stop the kiosk, displays and consoles "
        "first. "
        "The copy is checked: rows per table and every day's report on both sides");
    m->add_option("--to", *to,
                  "The new database: postgresql://USER@HOST/DB (password from ~/.pgpass) or a file")
        ->required();
    m->callback([&ctx, to] { ctx.action = [&ctx, to] { migrate(ctx, *to); }; });
}

}  // namespace motcua::cli
