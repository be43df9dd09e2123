#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/cli/cli.h"
#include "kiosk/frontend/ticket_printing.h"
#include "printer/printer_uri.h"
#include "queue/backup.h"
#include "queue/citizen_card.h"
#include "queue/integrity.h"
#include "queue/office_config.h"
#include "queue/queue_service.h"
#include "queue/store.h"

namespace motcua::cli {

namespace {

using queue::Outcome;
using queue::QueueService;

Exit exitFor(Outcome outcome) {
    switch (outcome) {
        case Outcome::Ok:
            return Exit::Ok;
        case Outcome::NothingWaiting:
            return Exit::NothingWaiting;
        case Outcome::NotAllowed:
        case Outcome::CapReached:
        case Outcome::ClockWrong:
        case Outcome::OutsideHours:
        case Outcome::CitizenLimit:
            return Exit::NotAllowed;
        case Outcome::NotFound:
        case Outcome::Invalid:
            return Exit::Usage;
    }
    return Exit::Failure;
}

template <class T>
const T& require(const queue::Result<T>& result) {
    if (!result.ok()) throw CommandError(exitFor(result.outcome), result.message);
    return *result.value;
}

std::string ticketLine(const queue::Ticket& t) {
    std::string line = fmt::format("{} {} ({})", t.number, queue::toString(t.state), t.currentServiceCode);
    if (t.priority) line += fmt::format(" priority:{}", *t.priority);
    if (t.counter) line += fmt::format(" counter {}", *t.counter);
    if (t.recalls > 0) line += fmt::format(" recalls {}", t.recalls);
    if (t.leg > 1) line += fmt::format(" leg {}", t.leg);
    return line;
}

std::string minutesText(int seconds) {
    if (seconds < 60) return seconds == 0 ? "now" : "under a minute";
    return fmt::format("about {} min", (seconds + 59) / 60);
}

struct Args {
    std::string to;
    std::string lang = "vi";
    std::string service;
    std::string priority;
    std::string dossier;
    std::string code;
    std::string number;
    int counter = 0;
    bool front = false;
    bool force = false;
    std::int64_t since = 0;
    int limit = 1000;
};

// Adds a subcommand whose action runs with a QueueService on the database.
CLI::App* queueCommand(CLI::App& app, Context& ctx, const std::string& name, const std::string& help,
                       std::function<void(QueueService&)> body) {
    auto* sub = app.add_subcommand(name, help);
    sub->callback([&ctx, body] {
        ctx.action = [&ctx, body] {
            QueueService service(ctx.database(), ctx.clock);
            body(service);
        };
    });
    return sub;
}

void printTicket(Context& ctx, QueueService& q, const queue::Ticket& t, const std::string& verb) {
    ctx.print(queue::toJson(t, q.calendar()), fmt::format("{}: {}", verb, ticketLine(t)));
}

}  // namespace

void registerQueueCommands(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<Args>();

    auto* init =
        app.add_subcommand("init", "Create or update the database from the office config (idempotent)");
    init->callback([&ctx] {
        ctx.action = [&ctx] {
            queue::OfficeConfig config;
            try {
                config = queue::loadOfficeConfig(ctx.officeConfigPath());
            } catch (const queue::ConfigError& e) {
                throw CommandError(Exit::Usage, e.what());
            }
            // A printer URI the printer library cannot open, or a file: printer pointed at the database
            // (the first ticket would replace it), is refused here rather than at the kiosk.
            try {
                if (auto parsed = printer::parsePrinterUri(config.printer); !parsed) {
                    throw CommandError(Exit::Usage, parsed.error().describe());
                }
                ctx.checkPrinterOutput(config.printer, false);
            } catch (const CommandError& e) {
                throw CommandError(Exit::Usage, fmt::format("{}: printer.uri: {}",
                                                            ctx.officeConfigPath().string(), e.what()));
            }
            // The office's key for citizen ids (issue 19): made once, at install, when the office reads
            // ID cards; never replaced (every id stored depends on it). Before the database: a key that
            // cannot be used changes nothing.
            nlohmann::json citizenKey = nullptr;
            std::string keyText;
            if (config.citizenId.enabled) {
                try {
                    const bool created = queue::CitizenKey::loadOrCreate(config.citizenId.keyFile).second;
                    citizenKey = {{"path", config.citizenId.keyFile}, {"created", created}};
                    keyText = fmt::format("\ncitizen key {}: {} (copy it to every kiosk of the office)",
                                          created ? "created" : "kept", config.citizenId.keyFile);
                } catch (const queue::CitizenKeyError& e) {
                    throw CommandError(Exit::NotAllowed, e.what());
                }
            }
            // The -wal/-shm of a deleted database are kept under another name, never deleted.
            const auto keptAside =
                queue::setAsideOrphanedFiles(ctx.databasePath(), std::chrono::system_clock::now());
            auto db = queue::openStore(ctx.databasePath(), queue::OpenPurpose::Initialise);
            queue::refuseDamaged(db);
            queue::ConfigApplied applied;
            try {
                applied = queue::applyOfficeConfig(db, config, ctx.clock);
            } catch (const queue::ConfigError& e) {
                throw CommandError(Exit::NotAllowed, e.what());
            }
            const auto path = db.path();
            std::string text =
                fmt::format("initialised {} from {}: {} services, {} counters, {} staff (schema {})", path,
                            ctx.officeConfigPath().string(), config.services.size(), config.counters.size(),
                            config.staff.size(), queue::latestSchemaVersion()) +
                keyText;
            if (!applied.movedTickets.empty()) {
                text += fmt::format("\nmoved to the service that took over their prefix: {}",
                                    fmt::join(applied.movedTickets, ", "));
            }
            ctx.print({{"database", path},
                       {"config", ctx.officeConfigPath().string()},
                       {"schema_version", queue::latestSchemaVersion()},
                       {"services", config.services.size()},
                       {"counters", config.counters.size()},
                       {"staff", config.staff.size()},
                       {"kept_aside", keptAsideJson(keptAside)},
                       {"moved_tickets", applied.movedTickets},
                       {"citizen_key", citizenKey}},
                      text + keptAsideText(keptAside));
        };
    });

    queueCommand(app, ctx, "services", "List the services and their waiting counts", [&ctx](QueueService& q) {
        const auto st = q.status();
        nlohmann::json list = nlohmann::json::array();
        std::ostringstream text;
        for (const auto& s : st.services) {
            list.push_back({{"code", s.code},
                            {"name", s.name},
                            {"name_en", s.nameEn},
                            {"prefix", s.prefix},
                            {"daily_cap", s.dailyCap ? nlohmann::json(*s.dailyCap) : nlohmann::json(nullptr)},
                            {"counters", s.counters},
                            {"waiting", s.waiting}});
            text << fmt::format("{:<4} {:<3} {} (counters {}; waiting {})\n", s.code, s.prefix, s.name,
                                fmt::join(s.counters, ","), s.waiting);
        }
        ctx.print({{"services", list}}, text.str());
    });

    queueCommand(
        app, ctx, "counters", "List the counters and the services they call", [&ctx](QueueService& q) {
            const auto st = q.status();
            nlohmann::json list = nlohmann::json::array();
            std::ostringstream text;
            for (const auto& c : st.counters) {
                list.push_back({{"number", c.number}, {"name", c.name}, {"services", c.services}});
                text << fmt::format("{:>3}  {} [{}]\n", c.number, c.name, fmt::join(c.services, ", "));
            }
            ctx.print({{"counters", list}}, text.str());
        });

    auto* take =
        queueCommand(app, ctx, "take", "Issue a ticket for a service", [&ctx, args](QueueService& q) {
            std::optional<std::string> priority;
            if (!args->priority.empty()) priority = args->priority;
            queue::Actor actor;
            actor.dossierCode = args->dossier;
            const auto issued = require(q.take(args->service, priority, actor));
            auto j = queue::toJson(issued.ticket, q.calendar());
            j["ahead"] = issued.ahead;
            j["estimated_wait_s"] = issued.estimatedWaitSeconds;
            j["estimate_basis"] = issued.basis == queue::EstimateBasis::History ? "history" : "default";
            j["estimate_samples"] = issued.historySamples;
            j["counters"] = issued.counters;
            j["note"] = issued.ticketNote;
            if (!issued.dossierCode.empty()) j["dossier_code"] = issued.dossierCode;
            ctx.print(j, fmt::format(
                             "{} issued for {}{}: {} ahead, estimated wait {} ({}){}", issued.ticket.number,
                             issued.ticket.currentServiceName,
                             issued.ticket.priority ? " (priority: " + issued.ticket.priorityName + ")" : "",
                             issued.ahead, minutesText(issued.estimatedWaitSeconds),
                             issued.basis == queue::EstimateBasis::History
                                 ? fmt::format("from the last {} services", issued.historySamples)
                                 : "no history yet: default service time",
                             issued.ticketNote.empty() ? "" : "\nnote: " + issued.ticketNote) +
                             (issued.dossierCode.empty() ? "" : "\ndossier: " + issued.dossierCode));
        });
    take->add_option("SERVICE", args->service, "Service code (see 'motcua services')")->required();
    take->add_option("--priority", args->priority, "Priority category code (see the office config)");
    take->add_option("--dossier", args->dossier,
                     "The dossier receipt's code, for a service of kind results or supplement "
                     "(e.g. 000.00.06.G04.250701.0501)");

    // The kiosk's check-in of a code from a citizen's phone (QueueService::checkInCode), for staff
    // checking a citizen in at the desk when the kiosk cannot: a number taken online (its phone page's
    // code) is checked in and keeps its place; an appointment's code issues its number.
    auto* checkin = queueCommand(
        app, ctx, "checkin", "Check in a number taken online (or an appointment) by the code on the phone",
        [&ctx, args](QueueService& q) {
            const auto in = q.checkInCode(args->code);
            if (!in.result.ok() && in.problem == queue::CheckInProblem::AlreadyCheckedIn && in.ticket) {
                // Idempotent: checking in twice is no error, and changes nothing.
                auto j = queue::toJson(*in.ticket, q.calendar());
                j["checked_in"] = true;
                j["already"] = true;
                ctx.print(j, fmt::format("{} was already checked in", in.ticket->number));
                return;
            }
            const auto& issued = require(in.result);
            auto j = queue::toJson(issued.ticket, q.calendar());
            j["checked_in"] = true;
            j["already"] = false;
            j["online"] = in.ticket.has_value();
            j["ahead"] = issued.ahead;
            ctx.print(
                j, in.ticket
                       ? fmt::format("{} checked in: {} ahead", issued.ticket.number, issued.ahead)
                       : fmt::format("appointment checked in: {} issued for {}, {} ahead",
                                     issued.ticket.number, issued.ticket.currentServiceName, issued.ahead));
        });
    checkin->add_option("CODE", args->code, "The 10-character code on the phone (ABCDE-FGHJK)")->required();

    auto* call = queueCommand(
        app, ctx, "call", "Call the next ticket (or a given number) to a counter",
        [&ctx, args](QueueService& q) {
            const auto r = require(args->number.empty() ? q.callNext(args->counter)
                                                        : q.callNumber(args->counter, args->number));
            auto j = queue::toJson(r.ticket, q.calendar());
            j["reason"] = queue::reasonCode(r.reason);
            j["reason_text"] = r.reasonEn;
            j["reason_vi"] = r.reasonVi;
            ctx.print(j, fmt::format("counter {} calls {} ({})", args->counter, r.ticket.number, r.reasonEn));
        });
    call->add_option("COUNTER", args->counter, "Counter number")->required();
    call->add_option("--number", args->number,
                     "Call this ticket number (e.g. A012), out of order or from hold");

    auto* recall =
        queueCommand(app, ctx, "recall", "Call the counter's ticket again", [&ctx, args](QueueService& q) {
            const auto r = require(q.recall(args->counter));
            auto j = queue::toJson(r.ticket, q.calendar());
            j["became_noshow"] = r.becameNoShow;
            ctx.print(j, r.becameNoShow ? fmt::format("{} reached the recall limit and is now a no-show",
                                                      r.ticket.number)
                                        : fmt::format("recalled: {}", ticketLine(r.ticket)));
        });
    recall->add_option("COUNTER", args->counter, "Counter number")->required();

    struct Simple {
        const char* name;
        const char* help;
        const char* verb;
        queue::Result<queue::Ticket> (*run)(QueueService&, int);
    };
    const Simple simple[] = {
        {"start", "Start serving the called ticket", "serving",
         [](QueueService& q, int c) { return q.start(c); }},
        {"finish", "Finish serving the ticket", "finished",
         [](QueueService& q, int c) { return q.finish(c); }},
        {"noshow", "Mark the called ticket as a no-show", "no-show",
         [](QueueService& q, int c) { return q.noShow(c); }},
        {"hold", "Park the counter's ticket (call it back later with call --number)", "held",
         [](QueueService& q, int c) { return q.hold(c); }},
    };
    for (const auto& s : simple) {
        auto* sub = queueCommand(app, ctx, s.name, s.help, [&ctx, args, s](QueueService& q) {
            printTicket(ctx, q, require(s.run(q, args->counter)), s.verb);
        });
        sub->add_option("COUNTER", args->counter, "Counter number")->required();
    }

    auto* ret = queueCommand(app, ctx, "return", "Put the counter's ticket back in the queue",
                             [&ctx, args](QueueService& q) {
                                 printTicket(ctx, q, require(q.returnToQueue(args->counter, args->front)),
                                             args->front ? "back at the front" : "back in the queue");
                             });
    ret->add_option("COUNTER", args->counter, "Counter number")->required();
    ret->add_flag("--front", args->front, "Ahead of everyone waiting for its service (default: at the back)");

    auto* transfer = queueCommand(
        app, ctx, "transfer", "Move the counter's ticket to another service, keeping its number",
        [&ctx, args](QueueService& q) {
            printTicket(ctx, q, require(q.transfer(args->counter, args->service)), "transferred");
        });
    transfer->add_option("COUNTER", args->counter, "Counter number")->required();
    transfer->add_option("SERVICE", args->service, "Service code")->required();

    auto* cancel = queueCommand(
        app, ctx, "cancel", "Cancel one of today's tickets",
        [&ctx, args](QueueService& q) { printTicket(ctx, q, require(q.cancel(args->number)), "cancelled"); });
    cancel->add_option("NUMBER", args->number, "Ticket number, e.g. A012")->required();

    auto* reactivate =
        queueCommand(app, ctx, "reactivate", "Put a no-show or cancelled ticket of today back in the queue",
                     [&ctx, args](QueueService& q) {
                         printTicket(ctx, q, require(q.reactivate(args->number)), "reactivated");
                     });
    reactivate->add_option("NUMBER", args->number, "Ticket number, e.g. A012")->required();

    auto* print = queueCommand(
        app, ctx, "print", "Print (or reprint) one of today's tickets", [&ctx, args](QueueService& q) {
            const auto canonical = QueueService::canonicalNumber(args->number);
            if (!canonical)
                throw CommandError(Exit::Usage, "a ticket number is a letter prefix and digits, e.g. A012");
            const auto issued = q.estimate(*canonical);
            if (!issued) throw CommandError(Exit::Usage, fmt::format("no ticket {} today", *canonical));
            const std::string uri = args->to.empty() ? kiosk::printerUri(q.office()) : args->to;
            ctx.checkPrinterOutput(uri, args->force);
            kiosk::TicketPrinter printer(uri, kiosk::printerSettings(q.office()));
            const auto report =
                printer.print(q, *issued, args->lang == "en" ? kiosk::Language::En : kiosk::Language::Vi,
                              /*reprint=*/true);
            if (report.maybePrinted()) {
                throw CommandError(
                    Exit::Printer,
                    fmt::format("{} may have printed: {} ({}); look in the printer's slot before printing "
                                "it again; the ticket stays valid",
                                issued->ticket.number, report.messageEn, report.messageVi));
            }
            if (!report.printed()) {
                throw CommandError(Exit::Printer,
                                   fmt::format("{} not printed: {} ({}); the ticket stays valid",
                                               issued->ticket.number, report.messageEn, report.messageVi));
            }
            ctx.print({{"number", issued->ticket.number},
                       {"printer", uri},
                       {"bytes", report.bytes},
                       {"ahead", issued->ahead},
                       {"estimated_wait_s", issued->estimatedWaitSeconds}},
                      fmt::format("printed {} on {} ({} bytes)", issued->ticket.number, uri, report.bytes));
        });
    print->add_option("NUMBER", args->number, "Ticket number of today, e.g. A012")->required();
    print->add_option("--to", args->to,
                      "Printer URI (default: the office config's printer, or $MOTCUA_PRINTER)");
    print->add_option("--lang", args->lang, "Ticket language")->check(CLI::IsMember({"vi", "en"}));
    print->add_flag("--force", args->force,
                    "Let a file: printer replace another database (never the one in use)");

    queueCommand(
        app, ctx, "close-day",
        "Close tickets left open from earlier days as expired; after a clock that was wrong, also expire "
        "open tickets dated after today and accept the clock (each repair is in the event log)",
        [&ctx](QueueService& q) {
            const auto r = q.closeDay();
            std::string text =
                fmt::format("{} ticket(s) from earlier days closed as expired", r.expiredEarlier);
            if (r.expiredFuture > 0) {
                text += fmt::format(
                    "\n{} open ticket(s) dated after today (newest {}) closed as expired: the "
                    "clock was ahead when they were issued",
                    r.expiredFuture, r.futureDay.value_or("?"));
            }
            if (r.clockConfirmed) text += "\nthe clock's time is accepted from now on (clock_confirmed)";
            ctx.print({{"expired", r.expiredEarlier},
                       {"expired_future", r.expiredFuture},
                       {"future_day", r.futureDay ? nlohmann::json(*r.futureDay) : nlohmann::json(nullptr)},
                       {"future_tickets", r.futureTickets},
                       {"clock_confirmed", r.clockConfirmed}},
                      text);
        });

    queueCommand(
        app, ctx, "status", "Counters with their current ticket, and waiting counts",
        [&ctx](QueueService& q) {
            const auto st = q.status();
            nlohmann::json counters = nlohmann::json::array();
            nlohmann::json services = nlohmann::json::array();
            std::ostringstream text;
            text << fmt::format("{} — business day {}\n", q.office().value("name", std::string("motcua")),
                                st.businessDay);
            for (const auto& c : st.counters) {
                counters.push_back({{"number", c.number},
                                    {"name", c.name},
                                    {"services", c.services},
                                    {"ticket", c.current ? queue::toJson(*c.current, q.calendar())
                                                         : nlohmann::json(nullptr)},
                                    {"held", c.held}});
                text << fmt::format(
                    "counter {:>2}  {:<10} {}\n", c.number,
                    c.current ? fmt::format("{} {}", c.current->number, queue::toString(c.current->state))
                              : "-",
                    c.name);
            }
            for (const auto& s : st.services) {
                services.push_back({{"code", s.code},
                                    {"name", s.name},
                                    {"waiting", s.waiting},
                                    {"priority_waiting", s.priorityWaiting},
                                    {"issued_today", s.issuedToday},
                                    {"counters", s.counters}});
                text << fmt::format("{:<4} waiting {:>3} (priority {}), issued today {:>3}  {}\n", s.code,
                                    s.waiting, s.priorityWaiting, s.issuedToday, s.name);
            }
            ctx.print({{"business_day", st.businessDay}, {"counters", counters}, {"services", services}},
                      text.str());
        });

    auto* events = queueCommand(
        app, ctx, "events", "The event log (every ticket move), oldest first", [&ctx, args](QueueService& q) {
            const auto list = q.events(args->since, args->limit);
            nlohmann::json arr = nlohmann::json::array();
            std::ostringstream text;
            for (const auto& e : list) {
                arr.push_back(
                    {{"id", e.id},
                     {"ticket", e.number.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.number)},
                     {"kind", e.kind},
                     {"at", q.calendar().isoLocal(e.at)},
                     {"counter", e.counter ? nlohmann::json(*e.counter) : nlohmann::json(nullptr)},
                     {"staff_id", e.staffId ? nlohmann::json(*e.staffId) : nlohmann::json(nullptr)},
                     {"service", e.serviceCode},
                     {"detail", e.detail}});
                text << fmt::format("{:>6} {} {:<10} {:<6} {}{} {}\n", e.id, q.calendar().isoLocal(e.at),
                                    e.kind, e.number, e.serviceCode,
                                    e.counter ? fmt::format(" counter {}", *e.counter) : "", e.detail.dump());
            }
            ctx.print({{"events", arr}, {"last_id", list.empty() ? args->since : list.back().id}},
                      text.str());
        });
    events->add_option("--since", args->since, "Only events after this id")->check(CLI::NonNegativeNumber);
    events->add_option("--limit", args->limit, "At most this many events")->check(CLI::Range(1, 100000));
}

}  // namespace motcua::cli
