#include "kiosk/cli/cli.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "printer/file_transport.h"
#include "printer/printer_uri.h"
#include "queue/clock.h"
#include "queue/file_access.h"
#include "queue/integrity.h"
#include "queue/store.h"
#include "text/utf8.h"

namespace motcua::cli {

namespace {

constexpr std::size_t kMaxArgumentBytes = 1024;

constexpr const char* kExitStatusHelp =
    "Exit status: 0 done; 2 bad usage or input; 3 nothing waiting; 4 not allowed in the current state;\n"
    "5 database error (missing, not a motcua database, newer schema, read-only, locked past the timeout);\n"
    "6 the printer could not print.";

// Commands that never write into the database (backup checks its copy in full instead).
bool commandReadsOnly(const CLI::App& app) {
    static const std::set<std::string> kReading = {
        "services",       "counters",         "status",           "events",           "report",    "backup",
        "catalogue show", "catalogue fields", "catalogue search", "catalogue export", "staff list"};
    std::string command;
    for (const CLI::App* sub = &app; !sub->get_subcommands().empty();) {
        sub = sub->get_subcommands().front();
        command += (command.empty() ? "" : " ") + sub->get_name();
    }
    return kReading.count(command) > 0;
}

}  // namespace

Context::Context(std::ostream& o, std::ostream& e, queue::Clock& c) : out(o), err(e), clock(c) {}

std::filesystem::path Context::databasePath() const {
    return queue::databaseLocation(dbPath.empty() ? std::nullopt : std::optional<std::string>(dbPath),
                                   officeConfigPath());
}

queue::Database& Context::database() {
    if (!m_db) {
        try {
            queue::Database db = queue::openStore(databasePath(), queue::OpenPurpose::Use);
            if (!readsOnly) queue::refuseDamaged(db);
            m_db.emplace(std::move(db));
        } catch (const queue::StoreRefused& e) {
            throw CommandError(Exit::Database, e.what());
        }
    }
    return *m_db;
}

std::filesystem::path Context::officeConfigPath() const {
    if (!configPath.empty()) return configPath;
    if (const char* env = std::getenv("MOTCUA_CONFIG"); env && *env) return env;
    // The office's own file, then the example the package installs, then (in a build tree) the
    // source tree's; the last one is named in the message when none exists.
    for (const std::filesystem::path& candidate : {std::filesystem::path("/etc/motcua/office.toml"),
                                                   std::filesystem::path(MOTCUA_SHARE_DIR) / "office.toml"}) {
        std::error_code ec;
        if (std::filesystem::exists(candidate, ec)) return candidate;
    }
    return std::filesystem::path(MOTCUA_ASSETS_DIR) / "office.toml";
}

void Context::checkOutput(const std::filesystem::path& path, bool force) const {
    if (auto refusal = queue::outputRefusal(path, {databasePath(), force}))
        throw CommandError(Exit::Usage, *refusal);
}

void Context::checkPrinterOutput(const std::string& uri, bool force) const {
    const auto parsed = printer::parsePrinterUri(uri);
    if (!parsed || parsed->kind != printer::PrinterUri::Kind::File) return;
    const std::filesystem::path file = parsed->name;
    checkOutput(file, force);
    checkOutput(printer::FileTransport::previewPath(file), force);
}

nlohmann::json keptAsideJson(const std::vector<std::filesystem::path>& kept) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& file : kept) list.push_back(file.string());
    return list;
}

std::string keptAsideText(const std::vector<std::filesystem::path>& kept) {
    std::string text;
    for (const auto& file : kept) {
        const std::string name = file.filename().string();
        text += fmt::format("\nthe database file was missing; its leftover {} is kept as {}",
                            name.substr(0, name.find(".orphan-")), file.string());
    }
    return text;
}

void Context::print(const nlohmann::json& value, const std::string& text) {
    if (json) {
        out << value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
        out << text;
        if (!text.empty() && text.back() != '\n') out << '\n';
    }
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    queue::SystemClock clock;
    return run(argc, argv, out, err, clock);
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err, queue::Clock& clock) {
    Context ctx(out, err, clock);
    // A usage error can stop the parser before it reaches --json, so the promise "with --json, every
    // failure is one object on stdout" looks at the arguments themselves.
    for (int i = 1; i < argc && std::string_view(argv[i]) != "--"; ++i) {
        if (std::string_view(argv[i]) == "--json") ctx.json = true;
    }

    // Failures: one line on stderr; with --json also one JSON object on stdout, so a script reading
    // stdout always gets an object.
    auto fail = [&](Exit exit, const std::string& message, bool resultPrinted = false) {
        err << "motcua: " << message << '\n';
        if (ctx.json && !resultPrinted) {
            out << nlohmann::json{{"error", message}, {"exit", static_cast<int>(exit)}}.dump(
                       -1, ' ', false, nlohmann::json::error_handler_t::replace)
                << '\n';
        }
        return static_cast<int>(exit);
    };

    // Refuse unreadable arguments before anything else looks at them.
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (arg.size() > kMaxArgumentBytes) {
            return fail(Exit::Usage, fmt::format("argument {} is too long ({} bytes, at most {})", i,
                                                 arg.size(), kMaxArgumentBytes));
        }
        if (!text::isValidUtf8(arg))
            return fail(Exit::Usage, fmt::format("argument {} is not valid UTF-8", i));
    }

    CLI::App app{"motcua: queue tickets and procedure kiosk for a one-stop office (Bộ phận Một cửa)",
                 "motcua"};
    app.footer(kExitStatusHelp);
    app.option_defaults()->always_capture_default(false);
    app.add_option("--db", ctx.dbPath,
                   "Database file (default $MOTCUA_DB or $XDG_DATA_HOME/motcua/motcua.db)");
    app.add_option("--config", ctx.configPath, "Office configuration (TOML)");
    app.add_flag("--json", ctx.json, "Print one JSON object instead of text");
    app.require_subcommand(1, 1);
    app.fallthrough();

    registerQueueCommands(app, ctx);
    registerCatalogueCommands(app, ctx);
    registerPrinterCommands(app, ctx);
    registerReportCommands(app, ctx);
    registerMaintenanceCommands(app, ctx);
    registerStaffCommands(app, ctx);
    registerMigrateCommand(app, ctx);
    registerCalendarCommand(app, ctx);
    registerAppointmentsCommand(app, ctx);
    for (auto* sub : app.get_subcommands({})) sub->footer(kExitStatusHelp);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        out << app.help();
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        out << app.help("", CLI::AppFormatMode::All);
        return 0;
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {
            // --help on a subcommand arrives here as a success "error".
            app.exit(e, out, err);
            return 0;
        }
        return fail(Exit::Usage, std::string(e.what()) + " (see 'motcua --help')");
    }

    ctx.readsOnly = commandReadsOnly(app);
    try {
        if (ctx.action) ctx.action();
        return 0;
    } catch (const CommandError& e) {
        return fail(e.exit(), e.what(), e.resultPrinted());
    } catch (const queue::FileAccessError& e) {
        return fail(Exit::Usage, e.what());
    } catch (const queue::StoreRefused& e) {
        return fail(Exit::Database, e.what());
    } catch (const queue::DatabaseError& e) {
        if (e.isConnectionLost())
            return fail(Exit::Database, std::string("lost the database server: ") + e.what());
        return fail(Exit::Database, std::string("database error: ") + e.what());
    } catch (const std::exception& e) {
        return fail(Exit::Failure, std::string("internal error: ") + e.what());
    }
}

}  // namespace motcua::cli
