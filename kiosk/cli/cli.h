// The motcua command line: `motcua [--db PATH] [--config PATH] [--json] COMMAND ...`.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "queue/database.h"

namespace CLI {
class App;
}

namespace motcua::queue {
class Clock;
}

namespace motcua::cli {

// Exit statuses, documented in --help and README.
enum class Exit : int {
    Ok = 0,
    Failure = 1,         // an unexpected internal error
    Usage = 2,           // bad usage or input
    NothingWaiting = 3,  // no ticket to call
    NotAllowed = 4,      // the move is not allowed in the current state
    Database = 5,        // database refused, unreadable, or locked past the timeout
    Printer = 6,         // the printer could not print (the ticket, if any, stays valid)
};

// A failure that ends a command with one line on stderr and the given status.
class CommandError : public std::runtime_error {
  public:
    CommandError(Exit exit, const std::string& message) : std::runtime_error(message), m_exit(exit) {}
    Exit exit() const noexcept { return m_exit; }

    // A failure whose command has already printed its result (e.g. `doctor` with its checks): with
    // --json, stdout then holds that one object and no second error object is added.
    static CommandError afterResult(Exit exit, const std::string& message) {
        CommandError e(exit, message);
        e.m_resultPrinted = true;
        return e;
    }
    bool resultPrinted() const noexcept { return m_resultPrinted; }

  private:
    Exit m_exit;
    bool m_resultPrinted = false;
};

// What every command gets: the global options, output streams, the clock, and the database opened
// on first use.
class Context {
  public:
    Context(std::ostream& out, std::ostream& err, queue::Clock& clock);

    std::ostream& out;
    std::ostream& err;
    queue::Clock& clock;
    std::string dbPath;      // empty: the default path
    std::string configPath;  // empty: the bundled or installed office config
    bool json = false;
    // The command only reads the database: database() skips the quick check for damage (linear in
    // the file's size: about a second per 100 MB), which guards writes.
    bool readsOnly = false;

    std::filesystem::path databasePath() const;
    // Opens the existing database (refusal -> CommandError(Exit::Database)); for a command that
    // writes, a damaged one is refused too (queue::refuseDamaged).
    queue::Database& database();
    // The office config file to read: --config, else $MOTCUA_CONFIG, /etc/motcua/office.toml, or
    // the bundled assets/office.toml.
    std::filesystem::path officeConfigPath() const;

    // Refuses (CommandError, exit 2) to write an output file at path over the database in use, its
    // -wal/-shm/-journal, a database another program has open, or anything that is not a regular
    // file; over another SQLite database only with force (queue::outputRefusal).
    void checkOutput(const std::filesystem::path& path, bool force) const;
    // The same for a printer URI: a file: printer writes PATH and its picture PATH.png.
    void checkPrinterOutput(const std::string& uri, bool force) const;

    // Prints a JSON object (with --json) or the text form.
    void print(const nlohmann::json& value, const std::string& text);

    // Set by the chosen subcommand's callback; run after parsing.
    std::function<void()> action;

  private:
    std::optional<queue::Database> m_db;
};

// The -wal/-shm of a deleted database that init or restore set aside (queue::setAsideOrphanedFiles):
// as a JSON array of paths, and as text lines (each starting with a newline; empty when none).
nlohmann::json keptAsideJson(const std::vector<std::filesystem::path>& kept);
std::string keptAsideText(const std::vector<std::filesystem::path>& kept);

// Each group of commands registers its subcommands on the app.
void registerQueueCommands(CLI::App& app, Context& ctx);
void registerCatalogueCommands(CLI::App& app, Context& ctx);
void registerPrinterCommands(CLI::App& app, Context& ctx);
void registerReportCommands(CLI::App& app, Context& ctx);
void registerMaintenanceCommands(CLI::App& app, Context& ctx);
void registerStaffCommands(CLI::App& app, Context& ctx);
void registerMigrateCommand(CLI::App& app, Context& ctx);
void registerCalendarCommand(CLI::App& app, Context& ctx);
void registerAppointmentsCommand(CLI::App& app, Context& ctx);

// Runs the command line in-process and returns the exit status. Tests call this directly.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err, queue::Clock& clock);

}  // namespace motcua::cli
