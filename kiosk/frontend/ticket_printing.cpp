#include "kiosk/frontend/ticket_printing.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>

#include "printer/escpos_encoder.h"
#include "printer/print_job.h"
#include "printer/printer_uri.h"
#include "printer/ticket_renderer.h"
#include "queue/wait_text.h"

namespace motcua::kiosk {

std::string waitText(int seconds, Language language) {
    return queue::expectedWaitText(seconds, language == Language::Vi);
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
    return fmt::format("{} · {}/{}/{}", calendar.clockText(at), day.substr(8, 2), day.substr(5, 2),
                       day.substr(0, 4));
}
}  // namespace

std::string publicUrl(const nlohmann::json& office) {
    const auto web = office.find("web");
    if (web == office.end() || !web->is_object()) return {};
    return web->value("public_url", std::string());
}

printer::TicketContent ticketContent(const queue::IssuedTicket& issued, const nlohmann::json& office,
                                     const queue::BusinessCalendar& calendar, Language language,
                                     const std::optional<queue::TicketLink>& link) {
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
    c.note = !vi && !issued.ticketNoteEn.empty() ? issued.ticketNoteEn : issued.ticketNote;
    if (!issued.dossierCode.empty()) {
        // A results or supplement number: the dossier it is for, above the service's note.
        std::string dossier = vi ? "Mã hồ sơ: " : "Dossier code: ";
        dossier += issued.dossierCode;
        if (!c.note.empty()) {
            dossier += ". ";
            dossier += c.note;
        }
        c.note = std::move(dossier);
    }
    c.hotline = office.value("hotline", std::string());
    c.qrPayload = office.value("online_portal", std::string());
    if (link && !publicUrl(office).empty()) {
        c.qrPayload = publicUrl(office) + "/t/" + link->token;
        c.qrCode = queue::TicketLinks::printedShortCode(link->shortCode);
    }
    c.labels.number = vi ? "SỐ THỨ TỰ CỦA ÔNG/BÀ" : "YOUR NUMBER";
    c.labels.counters = vi ? "Quầy phục vụ" : "Counters";
    c.labels.peopleAhead = vi ? "Số người chờ trước" : "People ahead of you";
    c.labels.estimatedWait = vi ? "Thời gian chờ dự kiến" : "Expected wait";
    c.labels.issuedAt = vi ? "Giờ lấy số" : "Issued at";
    c.labels.hotline = vi ? "Đường dây nóng" : "Hotline";
    c.labels.qrCaption = vi ? "Quét mã để nộp hồ sơ trực tuyến lần sau" : "Scan to apply online next time";
    if (link && !publicUrl(office).empty()) {
        // Where to type the code: the address without its scheme.
        std::string site = publicUrl(office);
        site = site.substr(site.find("://") + 3);
        c.labels.qrCaption =
            vi ? "Quét mã hoặc nhập mã dưới đây tại " + site + " để theo dõi số trên điện thoại"
               : "Scan, or type the code below at " + site + ", to follow your number on your phone";
    }
    return c;
}

std::string printerUri(const nlohmann::json& office) {
    if (const char* env = std::getenv("MOTCUA_PRINTER"); env && *env) return env;
    const auto printer = office.value("printer", nlohmann::json::object());
    if (printer.is_string()) return printer.get<std::string>();
    return printer.value("uri", std::string("usb:"));
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

std::string_view outcomeName(PrintOutcome outcome) noexcept {
    switch (outcome) {
        case PrintOutcome::Printed:
            return "printed";
        case PrintOutcome::NotPrinted:
            return "not_printed";
        case PrintOutcome::MaybePrinted:
            return "unknown";
    }
    return "unknown";
}

PrintOutcome outcomeOf(const printer::Failure& failure) noexcept {
    return failure.reached == printer::Reached::All ? PrintOutcome::MaybePrinted : PrintOutcome::NotPrinted;
}

PrintingProcess PrintingProcess::current() {
    PrintingProcess p;
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) == 0) p.host = host;
    p.pid = static_cast<long>(::getpid());
    return p;
}

bool PrintingProcess::alive(long pid) {
    if (pid <= 0) return false;
    // Signal 0 checks without sending; EPERM means it exists under another user.
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

namespace {
const char* languageCode(Language language) {
    return language == Language::En ? "en" : "vi";
}
}  // namespace

void recordPrintStarted(queue::QueueService& queue, const PrintJob& job, const std::string& printerUri) {
    const auto process = PrintingProcess::current();
    queue.recordDeviceEvent("print_started", job.ticketId,
                            {{"job", job.id},
                             {"printer", printerUri},
                             {"bytes", job.bytes.size()},
                             {"reprint", job.reprint},
                             {"language", languageCode(job.language)},
                             {"host", process.host},
                             {"pid", process.pid}});
}

void recordPrintOutcome(queue::QueueService& queue, const PrintJob& job, const std::string& printerUri,
                        const PrintReport& report) {
    if (report.printed()) {
        queue.recordDeviceEvent("printed", job.ticketId,
                                {{"job", job.id},
                                 {"reprint", job.reprint},
                                 {"printer", printerUri},
                                 {"bytes", job.bytes.size()},
                                 {"state", std::string(printer::stateName(report.stateBefore))}});
        return;
    }
    const auto error = report.error.value_or(printer::PrintError::IoError);
    queue.recordDeviceEvent("print_failed", job.ticketId,
                            {{"job", job.id},
                             {"outcome", std::string(outcomeName(report.outcome))},
                             {"reached", std::string(printer::reachedName(report.reached))},
                             {"error", std::string(printer::errorName(error))},
                             {"message", report.messageEn},
                             {"printer", printerUri},
                             {"reprint", job.reprint},
                             {"language", languageCode(job.language)}});
}

void recordPrintInterrupted(queue::QueueService& queue, std::int64_t ticketId,
                            const nlohmann::json& started) {
    queue.recordDeviceEvent(
        "print_failed", ticketId,
        {{"job", started.value("job", std::string())},
         {"outcome", std::string(outcomeName(PrintOutcome::MaybePrinted))},
         {"reached", std::string(printer::reachedName(printer::Reached::All))},
         {"error", "interrupted"},
         {"message",
          fmt::format("the kiosk stopped while printing (process {} on {}): the ticket may have printed",
                      started.value("pid", 0L), started.value("host", std::string("?")))},
         {"printer", started.value("printer", std::string())},
         {"reprint", started.value("reprint", false)},
         {"language", started.value("language", std::string("vi"))}});
}

TicketPrinter::TicketPrinter(std::string uri, printer::PrinterSettings settings,
                             printer::TransportOptions transport)
    : m_uri(std::move(uri)), m_settings(std::move(settings)), m_transport(std::move(transport)) {}

TicketPrinter::~TicketPrinter() = default;

std::string TicketPrinter::encode(const printer::TicketContent& content) {
    if (!m_renderer) m_renderer = std::make_unique<printer::TicketRenderer>(m_settings);
    return printer::encodeTicket(*m_renderer, content, m_settings);
}

PrintJob TicketPrinter::prepare(queue::QueueService& queue, const queue::IssuedTicket& issued,
                                Language language, bool reprint) {
    static std::atomic<std::uint64_t> next{0};
    static const PrintingProcess process = PrintingProcess::current();
    PrintJob job;
    job.id = fmt::format("{}:{}:{}", process.host, process.pid, ++next);
    job.ticketId = issued.ticket.id;
    job.number = issued.ticket.number;
    job.language = language;
    job.reprint = reprint;
    std::optional<queue::TicketLink> link;
    if (!publicUrl(queue.office()).empty()) {
        try {
            link = queue::TicketLinks(queue.database()).linkFor(issued.ticket, issued.ticket.issuedAt);
        } catch (const queue::DatabaseError&) {
            // The store cannot be written now: the ticket prints without its live page (the QR is
            // the portal's), rather than not at all.
        }
    }
    job.bytes = encode(ticketContent(issued, queue.office(), queue.calendar(), language, link));
    return job;
}

printer::Result<printer::PrinterState> TicketPrinter::sendBytes(std::string_view bytes) {
    auto transport = printer::openTransport(m_uri, m_transport);
    if (!transport) return transport.error();
    return printer::printBytes(**transport, bytes);
}

PrintReport TicketPrinter::send(const std::string& bytes) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    PrintReport report;
    report.bytes = bytes.size();
    auto printed = sendBytes(bytes);
    report.took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    if (printed) {
        report.outcome = PrintOutcome::Printed;
        report.stateBefore = *printed;
        return report;
    }
    const auto& failure = printed.error();
    report.outcome = outcomeOf(failure);
    report.error = failure.error;
    report.reached = failure.reached;
    report.messageVi = std::string(printer::messageVi(failure.error));
    report.messageEn = failure.describe();
    return report;
}

printer::PrinterState TicketPrinter::status() {
    auto state = check();
    return state ? *state : printer::PrinterState::NotReported;
}

printer::Result<printer::PrinterState> TicketPrinter::check() {
    auto transport = printer::openTransport(m_uri, m_transport);
    if (!transport) return transport.error();
    auto status = printer::queryStatus(**transport);
    if (!status) return status.error();
    if (auto blocked = printer::blockingError(status->state))
        return printer::Failure{*blocked, (*transport)->describe() + " reports " +
                                              std::string(printer::stateName(status->state))};
    return status->state;
}

PrintReport TicketPrinter::print(queue::QueueService& queue, const queue::IssuedTicket& issued,
                                 Language language, bool reprint) {
    PrintJob job;
    try {
        job = prepare(queue, issued, language, reprint);
    } catch (const std::exception& e) {
        // Fonts missing or unreadable: the ticket is valid, only the paper is missing.
        job.ticketId = issued.ticket.id;
        job.number = issued.ticket.number;
        job.language = language;
        job.reprint = reprint;
        auto report = notRendered(e.what());
        recordPrintOutcome(queue, job, m_uri, report);
        return report;
    }
    recordPrintStarted(queue, job, m_uri);
    auto report = send(job.bytes);
    recordPrintOutcome(queue, job, m_uri, report);
    return report;
}

PrintReport notRendered(const std::string& why) {
    PrintReport report;
    report.error = printer::PrintError::IoError;
    report.messageVi = std::string(printer::messageVi(printer::PrintError::IoError));
    report.messageEn = "the ticket could not be drawn: " + why;
    return report;
}

}  // namespace motcua::kiosk
