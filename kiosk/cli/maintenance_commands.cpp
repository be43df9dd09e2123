// motcua backup | restore | doctor: what the installer and the daily timer run on the office PC.
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "fonts/font_locator.h"
#include "kiosk/cli/cli.h"
#include "kiosk/cli/disk_space.h"
#include "kiosk/frontend/ticket_printing.h"
#include "printer/printer_status.h"
#include "printer/printer_uri.h"
#include "queue/backup.h"
#include "queue/integrity.h"
#include "queue/office_config.h"
#include "queue/postgres.h"
#include "queue/postgres_backup.h"
#include "queue/queue_service.h"
#include "queue/staff_service.h"
#include "queue/store.h"

namespace motcua::cli {

namespace {

namespace fs = std::filesystem;

struct MaintenanceArgs {
    std::string path;
    bool force = false;
    int keep = 0;
};

std::string sizeText(std::uintmax_t bytes) {
    if (bytes < 1024 * 1024) return fmt::format("{:.1f} KB", static_cast<double>(bytes) / 1024.0);
    if (bytes < 1024ull * 1024 * 1024)
        return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return fmt::format("{:.1f} GB", static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
}

nlohmann::json toJson(const queue::DatabaseSummary& s) {
    return {{"path", s.path.string()},
            {"bytes", s.bytes},
            {"schema_version", s.schemaVersion},
            {"tickets", s.tickets},
            {"events", s.events}};
}

std::string summaryText(const queue::DatabaseSummary& s) {
    return fmt::format("{}, {} tickets, {} events, schema {}", sizeText(s.bytes), s.tickets, s.events,
                       s.schemaVersion);
}

void backup(Context& ctx, const MaintenanceArgs& args) {
    fs::path target = args.path;
    std::error_code ec;
    const bool intoFolder = fs::is_directory(target, ec);
    const std::string location = ctx.databasePath().string();
    const bool server = queue::looksLikeUrl(location);
    if (intoFolder) {
        const auto now = std::chrono::system_clock::now();
        target /= server ? queue::postgresBackupFileName(now) : queue::backupFileName(now);
    }
    if (!intoFolder && args.keep > 0) {
        throw CommandError(Exit::Usage, "--keep needs a folder to back up into, not a file name");
    }
    auto& db = ctx.database();
    queue::DatabaseSummary summary;
    try {
        summary = server ? queue::backupPostgres(db, location, target, args.force)
                         : queue::backupDatabase(db, target, args.force);
    } catch (const queue::StoreRefused& e) {
        throw CommandError(Exit::Usage, e.what());
    }
    std::vector<fs::path> removed;
    if (args.keep > 0)
        removed = queue::pruneBackups(target.parent_path(), static_cast<std::size_t>(args.keep));

    nlohmann::json out = toJson(summary);
    out["database"] = ctx.databasePath().string();
    out["removed"] = nlohmann::json::array();
    for (const auto& r : removed) out["removed"].push_back(r.string());
    std::string text = fmt::format("backup written: {} ({})", summary.path.string(), summaryText(summary));
    if (!removed.empty())
        text += fmt::format("\nremoved {} older backups (keeping {})", removed.size(), args.keep);
    ctx.print(out, text);
}

void restoreOnServer(Context& ctx, const MaintenanceArgs& args) {
    const std::string url = ctx.databasePath().string();
    const auto result = queue::restorePostgres(args.path, url, std::chrono::system_clock::now());
    nlohmann::json out = toJson(result.restored);
    out["from"] = args.path;
    out["previous"] = result.previous.string();
    ctx.print(out,
              fmt::format("restored {} into {} ({})\nwhat the database held before is kept as {}", args.path,
                          queue::redactedUrl(url), summaryText(result.restored), result.previous.string()));
}

void restore(Context& ctx, const MaintenanceArgs& args) {
    const fs::path live = ctx.databasePath();
    if (queue::looksLikeUrl(live.string())) {
        restoreOnServer(ctx, args);
        return;
    }
    const auto result = queue::restoreDatabase(args.path, live, std::chrono::system_clock::now());
    nlohmann::json out = toJson(result.restored);
    out["from"] = args.path;
    out["previous"] = result.previous ? nlohmann::json(result.previous->string()) : nlohmann::json(nullptr);
    out["kept_aside"] = keptAsideJson(result.keptAside);
    std::string text =
        fmt::format("restored {} into {} ({})", args.path, live.string(), summaryText(result.restored));
    if (result.previous)
        text += fmt::format("\nthe previous database is kept as {}", result.previous->string());
    else if (result.keptAside.empty())
        text += "\nthere was no database before";
    text += keptAsideText(result.keptAside);
    ctx.print(out, text);
}

// ---- doctor -------------------------------------------------------------------------------------

enum class Verdict { Ok, Warn, Fail };

std::string_view verdictName(Verdict v) {
    switch (v) {
        case Verdict::Ok:
            return "OK";
        case Verdict::Warn:
            return "WARN";
        case Verdict::Fail:
            return "FAIL";
    }
    return "?";
}

struct Check {
    explicit Check(std::string checkName) : name(std::move(checkName)) {}
    std::string name;
    Verdict verdict = Verdict::Ok;
    std::string message;
    std::string fix;  // what to do about a WARN or FAIL
};

Check checkFonts() {
    Check c("fonts");
    const auto regular = fonts::findFont("Noto Sans", fonts::FontWeight::Regular);
    const auto bold = fonts::findFont("Noto Sans", fonts::FontWeight::Bold);
    if (!regular) {
        c.verdict = Verdict::Fail;
        c.message = "fontconfig finds no Noto Sans covering Vietnamese: screens and tickets cannot show text";
        c.fix = "apt-get install fonts-noto-core fontconfig, then fc-cache -f";
        return c;
    }
    c.message = fmt::format("Noto Sans (Vietnamese): {}", regular->string());
    if (!bold) {
        c.verdict = Verdict::Warn;
        c.message += "; no bold face, headings will be regular";
        c.fix = "apt-get install --reinstall fonts-noto-core";
    }
    return c;
}

// What to run to restore: the newest backup in the backups folder beside the database, if any.
std::string restoreAdvice(const fs::path& database) {
    const fs::path folder = (database.has_parent_path() ? database.parent_path() : fs::path(".")) / "backups";
    const auto backups = queue::listBackups(folder);
    const std::string newest =
        backups.empty() ? (folder / "motcua-YYYYMMDD-HHMMSS.db").string() : backups.back().string();
    return fmt::format("stop the motcua programs, then restore the latest good backup: motcua restore {}",
                       newest);
}

// The PostgreSQL store: the server answers, runs a version motcua is built for, the connection is
// encrypted when it crosses the network, and the roles the programs log in with exist.
Check checkServer(const std::string& url) {
    Check c("database");
    const std::string shown = queue::redactedUrl(url);
    try {
        auto db = queue::openStore(url, queue::OpenPurpose::Use);
        const auto info = queue::postgresServerInfo(db);
        const auto tickets = db.queryInt("SELECT count(*) FROM tickets");
        const auto events = db.queryInt("SELECT count(*) FROM events");
        std::vector<std::string> missing;
        for (const char* role : {"motcua_display", "motcua_kiosk", "motcua_console", "motcua_web"}) {
            queue::Statement st(db, "SELECT count(*) FROM pg_roles WHERE rolname = ?");
            st.bind(1, role);
            if (st.step() && st.getInt(0) == 0) missing.emplace_back(role);
        }
        const auto noPin = db.queryInt("SELECT count(*) FROM staff WHERE active = 1 AND pin_hash = ''");
        const bool local = info.host.empty() || info.host[0] == '/' || info.host == "localhost" ||
                           info.host.rfind("127.", 0) == 0 || info.host == "::1";
        c.message = fmt::format("{}: PostgreSQL {}, user {}, schema {}, {}, {} tickets, {} events", shown,
                                info.version, info.user, queue::schemaVersionOf(db),
                                info.ssl ? fmt::format("encrypted ({})", info.sslProtocol) : "not encrypted",
                                tickets, events);
        if (!missing.empty()) {
            c.verdict = Verdict::Fail;
            c.message += fmt::format("; roles missing: {}", fmt::join(missing, ", "));
            c.fix =
                fmt::format("run 'motcua --db {} init' as the schema's owner (it creates the roles)", shown);
        } else if (info.versionNumber < 150000) {
            c.verdict = Verdict::Warn;
            c.fix = "motcua is built and tested for PostgreSQL 15 (Debian 12's); upgrade the server";
        } else if (!info.ssl && !local) {
            c.verdict = Verdict::Warn;
            c.fix =
                "the office network can read the traffic: enable ssl on the server and add "
                "sslmode=verify-full "
                "to the URL (README: Several PCs in one office)";
        } else if (noPin > 0) {
            c.verdict = Verdict::Warn;
            c.message += fmt::format("; {} staff without a PIN cannot log in", noPin);
            c.fix = "set their PINs: motcua staff set-pin CODE";
        }
    } catch (const queue::StoreRefused& e) {
        c.verdict = Verdict::Fail;
        c.message = e.what();
        c.fix =
            "check that the server runs and this PC may connect (pg_hba.conf, firewall, ~/.pgpass), or run "
            "'motcua init' on a new database";
    } catch (const queue::DatabaseError& e) {
        c.verdict = Verdict::Fail;
        c.message = fmt::format("{}: {}", shown, e.what());
        c.fix = "check the server's log and this user's privileges";
    }
    return c;
}

// The business day comes from this PC's clock: a clock far from the recorded days is a problem
// before it files tickets under the wrong day.
Check checkClock(Context& ctx) {
    Check c("clock");
    try {
        queue::QueueService queue(ctx.database(), ctx.clock);
        if (const auto problem = queue.clockCheck()) {
            c.verdict = Verdict::Fail;
            c.message = *problem;
            c.fix =
                "set the clock right (timedatectl; NTP), then run 'motcua close-day' to repair the recorded "
                "days";
            return c;
        }
        c.message = fmt::format("business day {} in {}", queue.calendar().dayOf(ctx.clock.now()),
                                queue.calendar().timeZone());
    } catch (const CommandError&) {
        c.message = "not checked: no database";
    } catch (const queue::DatabaseError& e) {
        c.message = fmt::format("not checked: {}", e.what());
    }
    return c;
}

Check checkDatabase(Context& ctx) {
    Check c("database");
    const fs::path path = ctx.databasePath();
    if (queue::looksLikeUrl(path.string())) return checkServer(path.string());
    try {
        auto db = queue::openStore(path, queue::OpenPurpose::Use);
        const auto version = db.queryInt("PRAGMA user_version");
        const std::string journal = [&] {
            queue::Statement st(db, "PRAGMA journal_mode");
            return st.step() ? st.getText(0) : std::string();
        }();
        const std::string check = queue::checkIntegrity(db, queue::IntegrityDepth::Full);
        if (check != "ok") {
            // Nothing else is read from a damaged file: the counts could fail or mislead.
            c.verdict = Verdict::Fail;
            c.message = fmt::format("{}: damaged, the integrity check says: {}", path.string(), check);
            c.fix = restoreAdvice(path);
            return c;
        }
        const auto summary = queue::summarise(db, path);
        const auto noPin = db.queryInt("SELECT count(*) FROM staff WHERE active = 1 AND pin_hash = ''");
        c.message = fmt::format("{}: schema {}, {} mode, integrity {}, {} tickets, {} events", path.string(),
                                version, journal, check, summary.tickets, summary.events);
        if (journal != "wal") {
            c.verdict = Verdict::Warn;
            c.fix = "the database is not in WAL mode; run 'motcua init' once to set it";
        }
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0 && (st.st_mode & S_IROTH) != 0) {
            c.verdict = Verdict::Warn;
            c.message += fmt::format("; readable by everyone (mode {:04o}) though it holds staff PIN hashes",
                                     st.st_mode & 07777);
            c.fix = fmt::format("chmod 0640 {}", path.string());
        } else if (noPin > 0 && c.verdict == Verdict::Ok) {
            c.verdict = Verdict::Warn;
            c.message += fmt::format("; {} staff without a PIN cannot log in", noPin);
            c.fix = "set their PINs: motcua staff set-pin CODE";
        } else if (c.verdict == Verdict::Ok) {
            queue::StaffService staff(db, ctx.clock);
            if (const auto renew = staff.pinsToRenew(); !renew.empty()) {
                std::vector<std::string> logins;
                for (const auto& s : renew) logins.push_back(s.login);
                c.verdict = Verdict::Warn;
                c.message +=
                    fmt::format("; {} staff have a PIN set before the 6-digit rule (or in office.toml): {}",
                                renew.size(), fmt::join(logins, ", "));
                c.fix = "give each a new PIN of 6 to 8 digits: motcua staff set-pin LOGIN";
            }
        }
    } catch (const queue::StoreRefused& e) {
        c.verdict = Verdict::Fail;
        c.message = e.what();
        if (fs::exists(path) || !queue::orphanedFiles(path).empty()) {
            c.fix = restoreAdvice(path);
        } else {
            c.fix = "run 'sudo -u motcua motcua init' after editing the office config";
        }
    } catch (const queue::DatabaseError& e) {
        c.verdict = Verdict::Fail;
        c.message = fmt::format("{}: {}", path.string(), e.what());
        c.fix = "check the disk and the file's owner (motcua:motcua), or restore a backup";
    }
    return c;
}

Check checkConfig(Context& ctx, std::optional<queue::OfficeConfig>& config) {
    Check c("config");
    const fs::path path = ctx.officeConfigPath();
    try {
        config = queue::loadOfficeConfig(path);
        c.message = fmt::format("{}: {} ({} services, {} counters, {} staff)", path.string(), config->name,
                                config->services.size(), config->counters.size(), config->staff.size());
        if (path.string().find("/assets/office.toml") != std::string::npos) {
            c.verdict = Verdict::Warn;
            c.message += "; this is the bundled example";
            c.fix = "copy it to /etc/motcua/office.toml, edit it for this office, then run 'motcua init'";
        }
    } catch (const queue::ConfigError& e) {
        c.verdict = Verdict::Fail;
        c.message = e.what();
        c.fix = fmt::format("correct {} at the line shown, then run 'motcua init'", path.string());
    }
    return c;
}

Check checkPrinter(const std::optional<queue::OfficeConfig>& config) {
    Check c("printer");
    std::string uri;
    if (const char* env = std::getenv("MOTCUA_PRINTER"); env && *env) {
        uri = env;
    } else if (config) {
        uri = config->printer;
    } else {
        c.verdict = Verdict::Warn;
        c.message = "not checked: the office config did not load";
        c.fix = "fix the config first";
        return c;
    }
    auto parsed = printer::parsePrinterUri(uri);
    if (!parsed) {
        c.verdict = Verdict::Fail;
        c.message = parsed.error().describe();
        c.fix = "set [printer] uri in the office config (usb:, usb:VID:PID, cups:QUEUE, tcp:HOST:9100, none)";
        return c;
    }
    if (parsed->kind == printer::PrinterUri::Kind::None) {
        c.verdict = Verdict::Warn;
        c.message = "no printer configured (none): the kiosk shows the number on screen";
        c.fix = "set [printer] uri in the office config; see /usr/share/doc/motcua/udev/README.md";
        return c;
    }
    if (parsed->kind == printer::PrinterUri::Kind::File) {
        const fs::path file = parsed->name;
        const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
        if (::access(dir.c_str(), W_OK) != 0) {
            c.verdict = Verdict::Fail;
            c.message = fmt::format("{}: folder {} is not writable", uri, dir.string());
            c.fix = "choose a writable file or a real printer";
        } else {
            c.message = fmt::format("{}: tickets are written to a file (for testing)", uri);
        }
        return c;
    }
    auto transport = printer::openTransport(uri);
    if (!transport) {
        c.verdict = Verdict::Fail;
        c.message = fmt::format("{}: {}", uri, transport.error().describe());
        c.fix =
            "check the cable and power; for USB the udev rule and group lp "
            "(see /usr/share/doc/motcua/udev/README.md); 'motcua printer list' shows what is found";
        return c;
    }
    auto status = printer::queryStatus(**transport);
    if (!status) {
        c.verdict = Verdict::Fail;
        c.message = fmt::format("{}: {}", uri, status.error().describe());
        c.fix = "the printer does not take data: check it is on and online";
        return c;
    }
    const auto state = status->state;
    c.message = fmt::format("{}: {}", uri, printer::stateName(state));
    switch (state) {
        case printer::PrinterState::Ready:
            break;
        case printer::PrinterState::NotReported:
            c.message += " (reachable; it does not report its status)";
            break;
        case printer::PrinterState::PaperNearEnd:
            c.verdict = Verdict::Warn;
            c.fix = "load a new paper roll soon";
            break;
        default:
            c.verdict = Verdict::Fail;
            c.fix = std::string(printer::stateMessageVi(state));
            break;
    }
    return c;
}

// Free space where the database and its backups are written (thresholds in disk_space.h).
Check checkDisk(Context& ctx) {
    Check c("disk");
    const fs::path database = ctx.databasePath();
    if (queue::looksLikeUrl(database.string())) {
        // The data lives on the server PC: its disk is the server's to watch (motcua doctor there).
        c.message = fmt::format("the database is on a server ({}); check the disk on that PC",
                                queue::redactedUrl(database.string()));
        return c;
    }
    const fs::path folder = database.has_parent_path() ? database.parent_path() : fs::path(".");
    std::error_code ec;
    std::uintmax_t databaseBytes = 0;
    for (const char* suffix : {"", "-wal"}) {
        const auto size = fs::file_size(database.string() + suffix, ec);
        if (!ec) databaseBytes += size;
    }
    struct Place {
        fs::path path;
        bool backups;
    };
    std::vector<Place> places = {{folder, false}};
    // Backups on another file system (a second disk, a USB stick) are checked on their own.
    struct stat folderStat {
    }, backupsStat{};
    const fs::path backups = folder / "backups";
    if (::stat(folder.c_str(), &folderStat) == 0 && ::stat(backups.c_str(), &backupsStat) == 0 &&
        folderStat.st_dev != backupsStat.st_dev) {
        places.push_back({backups, true});
    }
    std::vector<std::string> parts;
    for (const auto& place : places) {
        const auto space = fs::space(place.path, ec);
        if (ec) {
            c.verdict = Verdict::Warn;
            parts.push_back(
                fmt::format("{}: cannot tell the free space ({})", place.path.string(), ec.message()));
            c.fix = "check that the folder exists and is readable";
            continue;
        }
        parts.push_back(fmt::format("{}: {} free", place.path.string(), sizeText(space.available)));
        const DiskRoom room = assessDiskRoom(space.available, databaseBytes);
        if (room == DiskRoom::TooLow) {
            c.verdict = Verdict::Fail;
            c.fix = fmt::format(
                "free space on {} now: the next backup cannot be written and the database may "
                "refuse tickets (remove old files, or copy old backups away)",
                place.path.string());
        } else if (room == DiskRoom::Low && !place.backups && c.verdict == Verdict::Ok) {
            c.verdict = Verdict::Warn;
            c.fix = fmt::format("free some space on {} (copy old backups away): keep at least {} free",
                                place.path.string(), sizeText(std::max(kDiskWarnBytes, 3 * databaseBytes)));
        }
    }
    c.message = fmt::format("{} (database {})", fmt::join(parts, "; "), sizeText(databaseBytes));
    return c;
}

// Playback devices are /dev/snd/pcmC<card>D<device>p. The CLI does not link SDL: this checks what
// SDL's ALSA backend would open.
Check checkSound() {
    Check c("sound");
    std::vector<std::string> devices;
    bool accessible = false;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/dev/snd", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("pcmC", 0) == 0 && name.back() == 'p') {
            devices.push_back(name);
            if (::access(entry.path().c_str(), R_OK | W_OK) == 0) accessible = true;
        }
    }
    if (devices.empty()) {
        c.verdict = Verdict::Warn;
        c.message = "no sound device: announcements will be silent (the chime and voice need one)";
        c.fix = "connect speakers or the TV's HDMI audio; check 'aplay -l'";
        return c;
    }
    std::sort(devices.begin(), devices.end());
    c.message = fmt::format("playback devices: {}", fmt::join(devices, ", "));
    if (!accessible) {
        c.verdict = Verdict::Warn;
        c.message += "; none can be opened by this user";
        c.fix = "add the user to group audio (the motcua user is, when installed from the package)";
    }
    return c;
}

Check checkDisplay() {
    Check c("display");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    const char* x11 = std::getenv("DISPLAY");
    if (wayland && *wayland) {
        c.message = fmt::format("Wayland session {}", wayland);
        return c;
    }
    if (x11 && *x11) {
        c.message = fmt::format("X session {}", x11);
        return c;
    }
    std::vector<std::string> cards;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/dev/dri", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("card", 0) == 0) cards.push_back(entry.path().string());
    }
    if (cards.empty()) {
        c.verdict = Verdict::Fail;
        c.message = "no graphics device (/dev/dri/card*) and no session: the kiosk and displays cannot show";
        c.fix = "connect a screen and check the graphics driver (ls /dev/dri)";
        return c;
    }
    std::sort(cards.begin(), cards.end());
    c.message = fmt::format("no session in this shell; graphics devices {} for the kiosk session",
                            fmt::join(cards, ", "));
    if (!fs::exists("/usr/bin/sway")) {
        c.verdict = Verdict::Warn;
        c.fix = "apt-get install sway (the kiosk session, motcua-session.service, runs sway)";
    }
    return c;
}

void doctor(Context& ctx) {
    std::optional<queue::OfficeConfig> config;
    std::vector<Check> checks;
    checks.push_back(checkFonts());
    checks.push_back(checkDatabase(ctx));
    checks.push_back(checkDisk(ctx));
    checks.push_back(checkClock(ctx));
    checks.push_back(checkConfig(ctx, config));
    checks.push_back(checkPrinter(config));
    checks.push_back(checkSound());
    checks.push_back(checkDisplay());

    int failures = 0, warnings = 0;
    nlohmann::json list = nlohmann::json::array();
    std::ostringstream text;
    for (const auto& c : checks) {
        if (c.verdict == Verdict::Fail) ++failures;
        if (c.verdict == Verdict::Warn) ++warnings;
        std::string name(verdictName(c.verdict));
        for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        list.push_back({{"check", c.name},
                        {"status", name},
                        {"message", c.message},
                        {"fix", c.fix.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.fix)}});
        text << fmt::format("{:<5} {:<9} {}\n", verdictName(c.verdict), c.name, c.message);
        if (!c.fix.empty()) text << fmt::format("{:<15} fix: {}\n", "", c.fix);
    }
    text << fmt::format("{} failed, {} warnings", failures, warnings);
    ctx.print({{"checks", list}, {"failures", failures}, {"warnings", warnings}}, text.str());
    if (failures > 0) {
        throw CommandError::afterResult(
            Exit::Failure, fmt::format("doctor: {} check{} failed", failures, failures == 1 ? "" : "s"));
    }
}

}  // namespace

void registerMaintenanceCommands(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<MaintenanceArgs>();

    auto* b = app.add_subcommand(
        "backup", "Copy the database to PATH while motcua runs (a folder: a dated file in it)");
    b->add_option("path", args->path, "Backup file, or a folder for motcua-YYYYMMDD-HHMMSS.db")->required();
    b->add_flag("--force", args->force, "Replace PATH if it exists");
    b->add_option("--keep", args->keep, "With a folder: keep only the newest N dated backups in it")
        ->check(CLI::Range(1, 100000));
    b->callback([&ctx, args] { ctx.action = [&ctx, args] { backup(ctx, *args); }; });

    auto* r = app.add_subcommand(
        "restore", "Replace the database with a backup; the old one is kept beside it with a timestamp");
    r->add_option("path", args->path, "A backup made by 'motcua backup'")->required();
    r->callback([&ctx, args] { ctx.action = [&ctx, args] { restore(ctx, *args); }; });

    auto* d = app.add_subcommand(
        "doctor",
        "Check fonts, database, free disk space, config, printer, sound and display, and say what to fix "
        "(exit 1 on FAIL)");
    d->callback([&ctx] { ctx.action = [&ctx] { doctor(ctx); }; });
}

}  // namespace motcua::cli
