// From an issued ticket to paper: the words on the ticket (Vietnamese or English), the printer
// settings from the office config, and printing that never loses a ticket: a failure is reported
// as a value and as a `print_failed` event the consoles show; the ticket stays valid.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "printer/print_error.h"
#include "printer/printer_settings.h"
#include "printer/printer_status.h"
#include "printer/printer_uri.h"
#include "printer/ticket_content.h"
#include "queue/queue_service.h"

namespace motcua::printer {
class TicketRenderer;
}

namespace motcua::kiosk {

enum class Language { Vi, En };

// "khoảng 15 phút" / "about 15 minutes"; "sắp đến lượt" / "almost your turn" when nothing is ahead.
std::string waitText(int seconds, Language language);

// The ticket's words. office is the "office" settings object written by `motcua init`.
printer::TicketContent ticketContent(const queue::IssuedTicket& issued, const nlohmann::json& office,
                                     const queue::BusinessCalendar& calendar, Language language);

// Printer URI and settings from the office settings ("printer": {"uri", "width_dots", "qr"}).
// $MOTCUA_PRINTER overrides the URI (for tests and for trying another printer).
std::string printerUri(const nlohmann::json& office);

// The printer to use on this machine: the configured one, except that "usb:" (the first USB
// printer) with no USB printer attached falls back to a file printer at fallbackFile (the ticket's
// bytes, with a PNG preview beside them), so a machine without a printer still works. note says
// so for the maintenance screen; empty when the configured printer is used.
struct PrinterChoice {
    std::string uri;
    bool fallback = false;
    std::string noteVi;
    std::string noteEn;
};
PrinterChoice choosePrinter(const nlohmann::json& office, const std::filesystem::path& fallbackFile,
                            const printer::TransportOptions& transport = {});
printer::PrinterSettings printerSettings(const nlohmann::json& office);

struct PrintReport {
    bool printed = false;
    std::optional<printer::PrintError> error;  // why it did not print
    printer::PrinterState stateBefore = printer::PrinterState::NotReported;
    std::string messageVi;  // for the citizen's screen
    std::string messageEn;  // for the log
    std::size_t bytes = 0;
    std::chrono::milliseconds took{0};  // rendering, checking and sending: how long the screen waited
};

// Prints tickets on one printer, keeping the fonts open between tickets (rendering is ~1 ms then).
// Each ticket opens the printer anew (with transport: the connect timeout, and in tests a fake USB
// bus behind "usb:") and blocks until the printer has taken it or failed: at most about the write
// timeout of printer::PrintOptions (5 s) without progress, plus the status questions.
class TicketPrinter {
public:
    TicketPrinter(std::string uri, printer::PrinterSettings settings, printer::TransportOptions transport = {});
    ~TicketPrinter();
    TicketPrinter(const TicketPrinter&) = delete;
    TicketPrinter& operator=(const TicketPrinter&) = delete;

    // Renders, checks the printer, sends. On failure appends a `print_failed` event (so staff see
    // it); on success a `printed` event (reprint as given). The ticket itself is never touched.
    PrintReport print(queue::QueueService& queue, const queue::IssuedTicket& issued, Language language,
                      bool reprint = false);
    // Opens the printer and sends bytes with printer::printBytes (test prints).
    printer::Result<printer::PrinterState> send(std::string_view bytes);
    // The bytes that would be sent (for previews and tests).
    std::string encode(const printer::TicketContent& content);
    // Printer state without printing (the kiosk's status line and maintenance screen).
    printer::PrinterState status();
    const std::string& uri() const noexcept { return m_uri; }

private:
    std::string m_uri;
    printer::PrinterSettings m_settings;
    printer::TransportOptions m_transport;
    std::unique_ptr<printer::TicketRenderer> m_renderer;
};

}  // namespace motcua::kiosk
