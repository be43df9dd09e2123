// `motcua report`: the office head's report for a period, computed from the event log.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "kiosk/cli/cli.h"
#include "kiosk/cli/report_format.h"
#include "queue/file_access.h"
#include "queue/queue_service.h"
#include "queue/report.h"

namespace motcua::cli {

namespace {

struct ReportArgs {
    std::string from;
    std::string to;
    std::string service;
    std::optional<int> counter;
    std::string staff;
    std::string format;
    std::string lang = "vi";
    std::string out;
    bool force = false;
};

constexpr const char* kReportHelp =
    "Report for the office head from the event log: visits, waits and service times (mean, p50, p90, max), "
    "service level, per day / service (per leg) / counter / officer / hour / procedure, satisfaction.\n"
    "Dates are office-local days (YYYY-MM-DD), inclusive; both default to today.\n"
    "CSV: UTF-8 with a byte-order mark; one file, each table after a marker row '## <table id>: <title>'. "
    "With --out DIR/ (an existing directory or a path ending in '/') one file per table instead.";

void runReport(Context& ctx, const ReportArgs& args) {
    const std::string format = args.format.empty() ? (ctx.json ? "json" : "text") : args.format;
    const bool toDirectory = !args.out.empty() && format == "csv" &&
                             (args.out.back() == '/' || std::filesystem::is_directory(args.out));
    const bool toFile = !toDirectory && !args.out.empty() && args.out != "-";
    if (toFile) ctx.checkOutput(args.out, args.force);

    queue::QueueService queue(ctx.database(), ctx.clock);
    const auto today = queue.calendar().dayOf(ctx.clock.now());
    queue::ReportQuery query;
    query.from = args.from.empty() ? today : args.from;
    query.to = args.to.empty() ? (args.from.empty() ? today : query.from) : args.to;
    if (!args.service.empty()) query.service = args.service;
    query.counter = args.counter;
    if (!args.staff.empty()) query.staff = args.staff;

    ReportRenderOptions options;
    options.lang = args.lang == "en" ? ReportLang::En : ReportLang::Vi;
    options.generatedAt = queue.calendar().isoLocal(ctx.clock.now());

    auto result = queue::computeReport(ctx.database(), query);
    if (!result.ok()) throw CommandError(Exit::Usage, result.message);
    const auto& report = *result.value;

    if (toDirectory) {
        std::error_code ec;
        std::filesystem::create_directories(args.out, ec);
        if (ec) throw CommandError(Exit::Usage, fmt::format("cannot create directory {}", args.out));
        nlohmann::json files = nlohmann::json::array();
        const auto tables = renderReportCsvFiles(report, options);
        // Every file is checked before the first is written.
        for (const auto& table : tables)
            ctx.checkOutput(std::filesystem::path(args.out) / table.first, args.force);
        for (const auto& [name, bytes] : tables) {
            const auto path = std::filesystem::path(args.out) / name;
            queue::writeFileAtomically(path, bytes);
            files.push_back(path.string());
        }
        ctx.print({{"written", files}}, fmt::format("wrote {} CSV files to {}", files.size(), args.out));
        return;
    }

    std::string bytes;
    if (format == "text") {
        bytes = renderReportText(report, options);
    } else if (format == "csv") {
        bytes = renderReportCsv(report, options);
    } else if (format == "json") {
        bytes = reportToJson(report, options).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                "\n";
    } else {
        bytes = renderReportHtml(report, options);
    }
    if (!toFile) {
        ctx.out << bytes;
        return;
    }
    // Written beside it, then renamed, so a reader never sees half a report.
    queue::writeFileAtomically(args.out, bytes);
    // The report went to the file; stdout says where (as JSON with --json).
    ctx.print({{"written", args.out}, {"format", format}, {"empty", report.empty}},
              fmt::format("wrote the {} report for {} – {} to {}", format, query.from, query.to, args.out));
}

}  // namespace

void registerReportCommands(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<ReportArgs>();
    auto* sub = app.add_subcommand("report", kReportHelp);
    sub->add_option("--from", args->from, "First day, YYYY-MM-DD (office-local; default today)");
    sub->add_option("--to", args->to, "Last day, YYYY-MM-DD, inclusive (default: --from)");
    sub->add_option("--service", args->service, "Only visits with a leg in this service (code, e.g. HT)");
    sub->add_option("--counter", args->counter, "Only what happened at this counter (number)");
    sub->add_option("--staff", args->staff, "Only what this officer did (login or staff id)");
    sub->add_option("--format", args->format, "text (default), csv, json or html (--json means json)")
        ->check(CLI::IsMember({"text", "csv", "json", "html"}));
    sub->add_option("--lang", args->lang, "vi: Vietnamese only (default); en: English")
        ->check(CLI::IsMember({"vi", "en"}));
    sub->add_option("--out", args->out,
                    "Write to this file instead of stdout (CSV: a directory for one file per table)");
    sub->add_flag("--force", args->force, "Let --out replace another database (never the one in use)");
    sub->callback([&ctx, args] { ctx.action = [&ctx, args] { runReport(ctx, *args); }; });
}

}  // namespace motcua::cli
