// From an issued ticket to paper: the words on the ticket (Vietnamese or English), the printer
// settings from the office config, and printing that never loses a ticket and never silently
// prints it twice: each attempt is recorded before it is sent (`print_started`) and its outcome
// after (`printed`, or `print_failed` saying whether it may have printed); the consoles show
// failures; the ticket stays valid.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "printer/print_error.h"
#include "printer/printer_settings.h"
#include "printer/printer_status.h"
#include "printer/printer_uri.h"
#include "printer/ticket_content.h"
#include "queue/queue_service.h"
#include "queue/ticket_links.h"

namespace motcua::printer {
class TicketRenderer;
}

namespace motcua::kiosk {

enum class Language { Vi, En };

// "khoảng 15 phút" / "about 15 minutes"; "sắp đến lượt" / "almost your turn" when nothing is ahead.
std::string waitText(int seconds, Language language);

// The ticket's words. office is the "office" settings object written by `motcua init`. With the
// ticket's link (when the office has a [web] public_url) the QR leads to its live page on
// motcua-web and the short code is printed under it; without, the QR is the online portal's.
printer::TicketContent ticketContent(const queue::IssuedTicket& issued, const nlohmann::json& office,
                                     const queue::BusinessCalendar& calendar, Language language,
                                     const std::optional<queue::TicketLink>& link = std::nullopt);
// The office's motcua-web address for tickets ("" when it has none).
std::string publicUrl(const nlohmann::json& office);

// Printer URI and settings from the office settings ("printer": {"uri", "width_dots", "qr"}).
// $MOTCUA_PRINTER overrides the URI (for tests and for trying another printer).
std::string printerUri(const nlohmann::json& office);

printer::PrinterSettings printerSettings(const nlohmann::json& office);

// What became of one attempt to print a ticket, as far as the printer lets anyone know.
enum class PrintOutcome {
    Printed,       // the printer took the whole ticket and reported no fault after it
    NotPrinted,    // no whole ticket came out: nothing reached the printer, or never its end (cut)
    MaybePrinted,  // the whole ticket may have reached the printer before the fault: it may be in
                   // the slot, or come out once the fault is cleared. Staff are told ("có thể đã
                   // in"); nothing prints it again by itself.
};
// "printed", "not_printed", "unknown": the `outcome` of the events.
std::string_view outcomeName(PrintOutcome outcome) noexcept;
// The outcome a failure means (from how much of the job may have reached the printer).
PrintOutcome outcomeOf(const printer::Failure& failure) noexcept;

struct PrintReport {
    PrintOutcome outcome = PrintOutcome::NotPrinted;
    std::optional<printer::PrintError> error;  // the fault, when not printed or maybe printed
    printer::Reached reached = printer::Reached::Nothing;
    printer::PrinterState stateBefore = printer::PrinterState::NotReported;
    std::string messageVi;  // the fault for the citizen's screen
    std::string messageEn;  // for the log
    std::size_t bytes = 0;
    std::chrono::milliseconds took{0};  // checking and sending: how long the printer took to answer

    bool printed() const noexcept { return outcome == PrintOutcome::Printed; }
    bool maybePrinted() const noexcept { return outcome == PrintOutcome::MaybePrinted; }
};

// The report of a ticket that could not even be drawn (fonts missing): nothing was sent.
PrintReport notRendered(const std::string& why);

// One attempt to print a ticket: rendered on the thread that draws (SDL_ttf is used from one thread
// only), sent from wherever the printer is talked to, recorded as events on the ticket.
struct PrintJob {
    // Unique for this attempt ("<host>:<pid>:<n>"); ties `print_started` to its outcome's event.
    std::string id;
    std::int64_t ticketId = 0;
    std::string number;
    Language language = Language::Vi;
    bool reprint = false;
    std::string bytes;
};

// Who is printing: this host and process, in `print_started`, so that a kiosk that starts again
// after being killed mid-print can tell its own unfinished jobs from another kiosk's.
struct PrintingProcess {
    std::string host;
    long pid = 0;
    static PrintingProcess current();
    // Whether pid is a process that still runs (on this host).
    static bool alive(long pid);
};

// The events of a print attempt (queue/EVENTS.md). `print_started` is recorded before the job is
// handed to the printer: if the program dies before the outcome is recorded, the ticket shows a
// start without an end, which is read as "may have printed", never as "not printed".
void recordPrintStarted(queue::QueueService& queue, const PrintJob& job, const std::string& printerUri);
// `printed` (printed) or `print_failed` with the outcome, the fault and how much reached the printer.
void recordPrintOutcome(queue::QueueService& queue, const PrintJob& job, const std::string& printerUri,
                        const PrintReport& report);
// `print_failed` with outcome "unknown" for a `print_started` whose process died before recording
// what became of it (found when the kiosk starts again).
void recordPrintInterrupted(queue::QueueService& queue, std::int64_t ticketId, const nlohmann::json& started);

// Prints tickets on one printer, keeping the fonts open between tickets (rendering is ~1 ms then).
// Each send opens the printer anew (with transport: the connect timeout, and in tests a fake USB bus
// behind "usb:"), so a printer plugged in or switched on later is found at the next ticket, and
// blocks until the printer has taken the ticket or failed: at most about the write timeout of
// printer::PrintOptions (5 s) without progress, plus the status questions.
//
// encode() and prepare() render (the thread that owns SDL_ttf); send(), check() and status() touch
// only the printer and may run on another thread, one call at a time.
class TicketPrinter {
  public:
    TicketPrinter(std::string uri, printer::PrinterSettings settings,
                  printer::TransportOptions transport = {});
    ~TicketPrinter();
    TicketPrinter(const TicketPrinter&) = delete;
    TicketPrinter& operator=(const TicketPrinter&) = delete;

    // Renders, records `print_started`, sends, records the outcome, all on the calling thread (the
    // CLI; the kiosk sends from its printer thread). The ticket itself is never touched.
    PrintReport print(queue::QueueService& queue, const queue::IssuedTicket& issued, Language language,
                      bool reprint = false);
    // The job for a ticket (renders; throws when the fonts cannot be used).
    // With the office's public_url set, the ticket's link is made here (queue/ticket_links.h).
    PrintJob prepare(queue::QueueService& queue, const queue::IssuedTicket& issued, Language language,
                     bool reprint);
    // Opens the printer and sends a job's bytes; the outcome as a report (no events).
    PrintReport send(const std::string& bytes);
    // Opens the printer and sends bytes with printer::printBytes (test prints).
    printer::Result<printer::PrinterState> sendBytes(std::string_view bytes);
    // The bytes that would be sent (for previews and tests).
    std::string encode(const printer::TicketContent& content);
    // Printer state without printing (the kiosk's status line and maintenance screen).
    printer::PrinterState status();
    // Whether the printer can print now: a failure when it cannot be opened (no USB printer, nothing
    // listening, no such queue) or reports a fault; else its state.
    printer::Result<printer::PrinterState> check();
    const std::string& uri() const noexcept { return m_uri; }

  private:
    std::string m_uri;
    printer::PrinterSettings m_settings;
    printer::TransportOptions m_transport;
    std::unique_ptr<printer::TicketRenderer> m_renderer;
};

}  // namespace motcua::kiosk
