// motcua printer list | status | test, and motcua print-preview. The printer comes from --to or
// $MOTCUA_PRINTER (the office config will provide the default later) through printer::openTransport.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/cli/cli.h"
#include "printer/cups_transport.h"
#include "printer/escpos_decoder.h"
#include "printer/escpos_encoder.h"
#include "printer/png_writer.h"
#include "printer/print_job.h"
#include "printer/printer_status.h"
#include "printer/printer_uri.h"
#include "printer/sample_ticket.h"
#include "printer/ticket_renderer.h"
#include "printer/usb_transport.h"
#include "queue/file_access.h"
#include "queue/office_config.h"

namespace motcua::cli {

namespace {

namespace pr = motcua::printer;

struct PrinterArgs {
    std::string to;
    int width = 576;
    bool nativeQr = false;
    std::string input;
    std::string output;
    bool force = false;
};

std::string printerUri(const PrinterArgs& args) {
    if (!args.to.empty()) return args.to;
    if (const char* env = std::getenv("MOTCUA_PRINTER"); env && *env) return env;
    throw CommandError(Exit::Usage,
                       "no printer given: use --to URI or set MOTCUA_PRINTER "
                       "(usb:, usb:VID:PID, cups:QUEUE, tcp:HOST:PORT, file:PATH)");
}

[[noreturn]] void fail(const pr::Failure& failure) {
    const Exit exit = failure.error == pr::PrintError::BadUri ? Exit::Usage : Exit::Printer;
    throw CommandError(exit, fmt::format("{} [{}] ({})", failure.describe(), pr::errorName(failure.error),
                                         pr::messageVi(failure.error)));
}

std::unique_ptr<pr::Transport> open(const PrinterArgs& args) {
    auto transport = pr::openTransport(printerUri(args));
    if (!transport) fail(transport.error());
    return std::move(*transport);
}

void listPrinters(Context& ctx) {
    nlohmann::json out = {{"usb", nlohmann::json::array()}, {"cups", nlohmann::json::array()}};
    std::string text;
    auto api = pr::makeLibusbApi();
    auto usb = pr::listUsbPrinters(*api);
    if (usb) {
        for (const auto& d : *usb) {
            const std::string uri = fmt::format("usb:{:04x}:{:04x}", d.vendorId, d.productId);
            out["usb"].push_back({{"uri", uri}, {"bus", d.bus}, {"address", d.address}});
            text += fmt::format("{:<24} USB printer, bus {} device {}\n", uri, d.bus, d.address);
        }
        if (usb->empty()) text += "USB:  no printer found\n";
    } else {
        out["usbError"] = usb.error().describe();
        text += "USB:  " + usb.error().describe() + "\n";
    }
    auto cups = pr::listCupsQueues();
    if (cups) {
        for (const auto& q : *cups) {
            out["cups"].push_back(
                {{"uri", "cups:" + q.name}, {"device", q.deviceUri}, {"default", q.isDefault}});
            text += fmt::format("{:<24} CUPS queue -> {}{}\n", "cups:" + q.name, q.deviceUri,
                                q.isDefault ? " (default)" : "");
        }
        if (cups->empty()) text += "CUPS: no queues\n";
    } else {
        out["cupsError"] = cups.error().describe();
        text += "CUPS: " + cups.error().describe() + "\n";
    }
    ctx.print(out, text);
}

void showStatus(Context& ctx, const PrinterArgs& args) {
    auto transport = open(args);
    auto status = pr::queryStatus(*transport);
    if (!status) fail(status.error());
    const pr::PrinterState state = status->state;
    std::string raw;
    for (unsigned char c : status->replies) raw += fmt::format("{:02X} ", c);
    ctx.print(
        {{"printer", transport->describe()},
         {"state", pr::stateName(state)},
         {"message", pr::stateMessageVi(state)},
         {"replies", raw}},
        fmt::format("{}: {} ({})", transport->describe(), pr::stateName(state), pr::stateMessageVi(state)));
    if (auto blocked = pr::blockingError(state)) {
        throw CommandError(Exit::Printer, fmt::format("printer cannot print: {}", pr::messageEn(*blocked)));
    }
}

void printTest(Context& ctx, const PrinterArgs& args) {
    pr::PrinterSettings settings;
    settings.widthDots = args.width;
    settings.qrMode = args.nativeQr ? pr::QrMode::Native : pr::QrMode::Raster;
    if (auto problem = pr::validateSettings(settings)) throw CommandError(Exit::Usage, *problem);
    // The office line as on a real ticket: the configured office's name and unit; none when the
    // config cannot be read (the test print is about the printer, not the config).
    std::string officeLine;
    try {
        const auto office = queue::loadOfficeConfig(ctx.officeConfigPath());
        officeLine = office.unit.empty() ? office.name : office.name + " – " + office.unit;
    } catch (const std::exception&) {
    }
    pr::TicketContent ticket = pr::sampleTicket(officeLine);
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm local{};
    localtime_r(&now, &local);
    char when[32];
    std::strftime(when, sizeof when, "%H:%M — %d/%m/%Y", &local);
    ticket.issuedAt = when;
    ticket.number = "T001";
    ticket.note = "Phiếu in thử: kiểm tra dấu tiếng Việt — Ắ Ặ Ẫ Ổ Ữ Ự Ỹ Đ ă â ê ô ơ ư đ.";
    std::string bytes;
    try {
        bytes = pr::encodeTicket(ticket, settings);
    } catch (const pr::RenderError& e) {
        throw CommandError(Exit::Failure, e.what());
    } catch (const motcua::fonts::TtfError& e) {
        throw CommandError(Exit::Failure, e.what());
    }
    ctx.checkPrinterOutput(printerUri(args), args.force);
    auto transport = open(args);
    auto printed = pr::printBytes(*transport, bytes);
    if (!printed) fail(printed.error());
    ctx.print({{"printer", transport->describe()},
               {"bytes", bytes.size()},
               {"stateBefore", pr::stateName(*printed)}},
              fmt::format("printed a test ticket on {} ({} bytes; printer was {})", transport->describe(),
                          bytes.size(), pr::stateName(*printed)));
}

void preview(Context& ctx, const PrinterArgs& args) {
    ctx.checkOutput(args.output, args.force);
    const std::string bytes = queue::readRegularFile(args.input, queue::kMaxTicketFileBytes);
    auto decoded = pr::decodeEscPos(bytes);
    if (!decoded) {
        throw CommandError(Exit::Usage, fmt::format("{} is not a ticket this program can show: {}",
                                                    args.input, decoded.error().message));
    }
    try {
        pr::writePng(decoded->picture, args.output);
    } catch (const pr::PngError& e) {
        throw CommandError(Exit::Failure, e.what());
    }
    ctx.print({{"input", args.input},
               {"output", args.output},
               {"width", decoded->picture.width()},
               {"height", decoded->picture.height()},
               {"cuts", decoded->cuts}},
              fmt::format("wrote {} ({} x {} dots, {} cut{})", args.output, decoded->picture.width(),
                          decoded->picture.height(), decoded->cuts, decoded->cuts == 1 ? "" : "s"));
}

}  // namespace

void registerPrinterCommands(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<PrinterArgs>();
    const char* toHelp =
        "Printer URI: usb:, usb:VID:PID, cups:QUEUE, tcp:HOST:PORT, file:PATH (default $MOTCUA_PRINTER)";

    auto* printer = app.add_subcommand("printer", "The ticket printer: list, status, test");
    printer->require_subcommand(1, 1);

    auto* list = printer->add_subcommand("list", "USB printers seen and CUPS queues");
    list->callback([&ctx] { ctx.action = [&ctx] { listPrinters(ctx); }; });

    auto* status = printer->add_subcommand("status", "Ask the printer for its status (DLE EOT)");
    status->add_option("--to", args->to, toHelp);
    status->callback([&ctx, args] { ctx.action = [&ctx, args] { showStatus(ctx, *args); }; });

    auto* test = printer->add_subcommand("test", "Print a test ticket with Vietnamese sample text");
    test->add_option("--to", args->to, toHelp);
    test->add_option("--width", args->width, "Printable width in dots: 576 (80 mm), 384 (58 mm), 512, 640");
    test->add_flag("--native-qr", args->nativeQr, "Let the printer draw the QR code (GS ( k)");
    test->add_flag("--force", args->force,
                   "Let a file: printer replace another database (never the one in use)");
    test->callback([&ctx, args] { ctx.action = [&ctx, args] { printTest(ctx, *args); }; });

    auto* pv = app.add_subcommand("print-preview", "Decode a ticket's ESC/POS bytes into a PNG picture");
    pv->add_option("IN", args->input, "ESC/POS file (as written by a file: printer)")->required();
    pv->add_option("OUT", args->output, "PNG to write")->required();
    pv->add_flag("--force", args->force, "Let OUT replace another database (never the one in use)");
    pv->callback([&ctx, args] { ctx.action = [&ctx, args] { preview(ctx, *args); }; });
}

}  // namespace motcua::cli
