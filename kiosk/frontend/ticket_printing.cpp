#include "kiosk/frontend/ticket_printing.h"

#include <cstdlib>

#include <fmt/format.h>

#include "printer/escpos_encoder.h"
#include "printer/print_job.h"
#include "printer/printer_uri.h"
#include "printer/ticket_renderer.h"
#include "printer/usb_transport.h"

namespace motcua::kiosk {

std::string waitText(int seconds, Language language) {
    const bool vi = language == Language::Vi;
    if (seconds <= 0) return vi ? "Sắp đến lượt" : "Almost your turn";
    const int minutes = (seconds + 59) / 60;
    if (minutes < 60) return vi ? fmt::format("Khoảng {} phút", minutes) : fmt::format("About {} min", minutes);
    const int hours = minutes / 60, rest = minutes % 60;
    if (rest == 0) return vi ? fmt::format("Khoảng {} giờ", hours) : fmt::format("About {} h", hours);
    return vi ? fmt::format("Khoảng {} giờ {} phút", hours, rest) : fmt::format("About {} h {} min", hours, rest);
}

namespace {
std::string joinCounters(const std::vector<int>& counters) {
    std::string out;
    for (std::size_t i = 0; i < counters.size(); ++i) out += (i ? ", " : "") + std::to_string(counters[i]);
    return out;
}

std::string dateText(const queue::BusinessCalendar& calendar, queue::TimeMs at) {
    // businessDay is YYYY-MM-DD; print DD/MM/YYYY as is usual in Việt Nam.
    const std::string day = calendar.dayOf(at);
    return fmt::format("{} · {}/{}/{}", calendar.clockText(at), day.substr(8, 2), day.substr(5, 2), day.substr(0, 4));
}
}  // namespace

printer::TicketContent ticketContent(const queue::IssuedTicket& issued, const nlohmann::json& office,
                                     const queue::BusinessCalendar& calendar, Language language) {
    const bool vi = language == Language::Vi;
    printer::TicketContent c;
    const std::string name = office.value("name", std::string());
    const std::string unit = office.value("unit", std::string());
    c.officeName = unit.empty() ? name : name + " – " + unit;
    c.number = issued.ticket.number;
    c.service = vi || issued.serviceNameEn.empty() ? issued.ticket.currentServiceName : issued.serviceNameEn;
    c.counters = joinCounters(issued.counters);
    if (issued.ticket.priority) {
        c.priority = vi ? "ƯU TIÊN" : "PRIORITY";
        if (!issued.ticket.priorityName.empty() && vi) c.priority += " – " + issued.ticket.priorityName;
    }
    c.peopleAhead = issued.ahead;
    c.estimatedWait = waitText(issued.estimatedWaitSeconds, language);
    c.issuedAt = dateText(calendar, issued.ticket.issuedAt);
    c.note = issued.ticketNote;
    c.hotline = office.value("hotline", std::string());
    c.qrPayload = office.value("online_portal", std::string());
    c.labels.number = vi ? "SỐ THỨ TỰ CỦA ÔNG/BÀ" : "YOUR NUMBER";
    c.labels.counters = vi ? "Quầy phục vụ" : "Counters";
    c.labels.peopleAhead = vi ? "Số người chờ trước" : "People ahead of you";
    c.labels.estimatedWait = vi ? "Thời gian chờ dự kiến" : "Expected wait";
    c.labels.issuedAt = vi ? "Giờ lấy số" : "Issued at";
    c.labels.hotline = vi ? "Đường dây nóng" : "Hotline";
    c.labels.qrCaption = vi ? "Quét mã để nộp hồ sơ trực tuyến lần sau" : "Scan to apply online next time";
    return c;
}

std::string printerUri(const nlohmann::json& office) {
    if (const char* env = std::getenv("MOTCUA_PRINTER"); env && *env) return env;
    const auto printer = office.value("printer", nlohmann::json::object());
    if (printer.is_string()) return printer.get<std::string>();
    return printer.value("uri", std::string("usb:"));
}

PrinterChoice choosePrinter(const nlohmann::json& office, const std::filesystem::path& fallbackFile,
                            const printer::TransportOptions& transport) {
    PrinterChoice choice;
    choice.uri = printerUri(office);
    if (choice.uri != "usb:") return choice;
    auto api = transport.usbApi ? transport.usbApi() : printer::makeLibusbApi();
    const auto found = printer::listUsbPrinters(*api);
    if (found && !found->empty()) return choice;
    choice.uri = "file:" + fallbackFile.string();
    choice.fallback = true;
    choice.noteVi = "Không tìm thấy máy in USB: phiếu được ghi vào tệp " + fallbackFile.string();
    choice.noteEn = "no USB printer found: tickets are written to " + fallbackFile.string();
    return choice;
}

printer::PrinterSettings printerSettings(const nlohmann::json& office) {
    printer::PrinterSettings settings;
    const auto printer = office.value("printer", nlohmann::json::object());
    if (printer.is_object()) {
        settings.widthDots = printer.value("width_dots", settings.widthDots);
        if (printer.value("qr", std::string("raster")) == "native") settings.qrMode = printer::QrMode::Native;
    }
    return settings;
}

TicketPrinter::TicketPrinter(std::string uri, printer::PrinterSettings settings, printer::TransportOptions transport)
    : m_uri(std::move(uri)), m_settings(std::move(settings)), m_transport(std::move(transport)) {}

TicketPrinter::~TicketPrinter() = default;

std::string TicketPrinter::encode(const printer::TicketContent& content) {
    if (!m_renderer) m_renderer = std::make_unique<printer::TicketRenderer>(m_settings);
    return printer::encodeTicket(*m_renderer, content, m_settings);
}

printer::Result<printer::PrinterState> TicketPrinter::send(std::string_view bytes) {
    auto transport = printer::openTransport(m_uri, m_transport);
    if (!transport) return transport.error();
    return printer::printBytes(**transport, bytes);
}

printer::PrinterState TicketPrinter::status() {
    auto transport = printer::openTransport(m_uri, m_transport);
    if (!transport) return printer::PrinterState::NotReported;
    auto status = printer::queryStatus(**transport);
    return status ? status->state : printer::PrinterState::NotReported;
}

PrintReport TicketPrinter::print(queue::QueueService& queue, const queue::IssuedTicket& issued, Language language,
                                 bool reprint) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    PrintReport report;
    auto fail = [&](printer::PrintError error, const std::string& detail) {
        report.took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
        report.error = error;
        report.messageVi = std::string(printer::messageVi(error));
        report.messageEn = fmt::format("{}{}", printer::messageEn(error), detail.empty() ? "" : ": " + detail);
        queue.recordDeviceEvent("print_failed", issued.ticket.id,
                                {{"error", std::string(printer::errorName(error))},
                                 {"message", report.messageEn},
                                 {"printer", m_uri},
                                 {"language", language == Language::En ? "en" : "vi"}});
        return report;
    };
    std::string bytes;
    try {
        bytes = encode(ticketContent(issued, queue.office(), queue.calendar(), language));
    } catch (const std::exception& e) {
        // Fonts missing or unreadable: the ticket is valid, only the paper is missing.
        return fail(printer::PrintError::IoError, e.what());
    }
    report.bytes = bytes.size();
    auto printed = send(bytes);
    if (!printed) return fail(printed.error().error, printed.error().detail);
    report.took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    report.printed = true;
    report.stateBefore = *printed;
    queue.recordDeviceEvent("printed", issued.ticket.id,
                            {{"reprint", reprint}, {"printer", m_uri}, {"bytes", bytes.size()},
                             {"state", std::string(printer::stateName(*printed))}});
    return report;
}

}  // namespace motcua::kiosk
