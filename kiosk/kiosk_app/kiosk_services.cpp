#include "kiosk/kiosk_app/kiosk_services.h"

#include <filesystem>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "printer/sample_ticket.h"
#include "queue/sqlite.h"

namespace motcua::kiosk {

namespace {
// SQLite's primary result codes for a database held by another connection (sqlite3.h); kept out of
// this file's includes like the rest of the kiosk.
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;

bool isBusy(const queue::SqliteError& e) { return e.code() == kSqliteBusy || e.code() == kSqliteLocked; }

// Printing failed and the failure could not be recorded either (database busy).
PrintReport unrecorded(const std::string& why) {
    PrintReport report;
    report.error = printer::PrintError::IoError;
    report.messageVi = std::string(printer::messageVi(printer::PrintError::IoError));
    report.messageEn = why;
    return report;
}
}  // namespace

KioskServices::KioskServices(queue::Database& db, const queue::Clock& clock, KioskServicesOptions options)
    : m_db(db), m_clock(clock), m_options(std::move(options)), m_queue(db, clock), m_staff(db, clock) {
    try {
        m_catalogue = queue::loadCatalogue(db);
    } catch (const std::exception& e) {
        log(std::string("catalogue not available, browsing and search say it is being updated: ") + e.what());
        m_catalogue = {};
    }
    m_search = std::make_unique<queue::SearchIndex>(m_catalogue);
    std::string uri = m_options.printerUri;
    m_printerIsDefault = uri.empty();
    if (uri.empty()) {
        // No USB printer on this machine: a file printer beside the database, and the maintenance
        // screen says so.
        const auto choice = kiosk::choosePrinter(
            m_queue.office(), std::filesystem::path(db.path()).parent_path() / "kiosk-ticket.bin",
            m_options.printerTransport);
        uri = choice.uri;
        m_printerNote = choice.noteVi;
        if (choice.fallback) log(choice.noteEn);
    }
    m_printer = std::make_unique<TicketPrinter>(uri, printerSettings(m_queue.office()), m_options.printerTransport);
}

KioskServices::~KioskServices() = default;

void KioskServices::log(const std::string& line) const {
    if (m_options.log)
        m_options.log(line);
    else
        std::cerr << "motcua-kiosk: " << line << '\n';
}

template <typename F>
auto KioskServices::retrying(const char* what, F&& f) -> decltype(f()) {
    const int attempts = std::max(1, m_options.busyAttempts);
    for (int attempt = 1;; ++attempt) {
        try {
            return f();
        } catch (const queue::SqliteError& e) {
            if (!isBusy(e)) throw;
            log(fmt::format("{}: database busy (attempt {} of {}): {}", what, attempt, attempts, e.what()));
            if (attempt >= attempts) throw DatabaseBusy(e.what());
            std::this_thread::sleep_for(m_options.busyPause);
        }
    }
}

std::string KioskServices::office(const char* key) const {
    const auto& o = m_queue.office();
    if (!o.is_object() || !o.contains(key) || !o[key].is_string()) return {};
    return o[key].get<std::string>();
}

std::optional<std::vector<queue::ServiceStatus>> KioskServices::services() {
    try {
        return retrying("services", [&] { return m_queue.status().services; });
    } catch (const DatabaseBusy&) {
        return std::nullopt;
    }
}

std::vector<PriorityCategory> KioskServices::priorities() {
    try {
        return retrying("priorities", [&] {
            std::vector<PriorityCategory> out;
            queue::Statement st(m_db, "SELECT code, name, name_en FROM priority_categories ORDER BY sort_order, code");
            while (st.step()) out.push_back({st.getText(0), st.getText(1), st.getText(2)});
            return out;
        });
    } catch (const DatabaseBusy&) {
        return {};
    }
}

TakeResult KioskServices::take(const std::string& serviceCode, const std::optional<std::string>& priority) {
    TakeResult result;
    try {
        auto taken = retrying("take", [&] { return m_queue.take(serviceCode, priority); });
        switch (taken.outcome) {
            case queue::Outcome::Ok:
                result.issued = std::move(taken.value);
                return result;
            case queue::Outcome::CapReached:
                result.status = TakeStatus::CapReached;
                break;
            default:
                result.status = TakeStatus::Unavailable;
                break;
        }
        result.detail = taken.message;
    } catch (const DatabaseBusy& e) {
        result.status = TakeStatus::Busy;
        result.detail = e.what();
    }
    log(fmt::format("no ticket for {}: {}", serviceCode, result.detail));
    return result;
}

PrintReport KioskServices::print(const queue::IssuedTicket& issued, Language language) {
    try {
        auto report = m_printer->print(m_queue, issued, language);
        if (!report.printed) {
            log(fmt::format("ticket {} not printed ({} ms): {}", issued.ticket.number, report.took.count(),
                            report.messageEn));
        }
        return report;
    } catch (const std::exception& e) {
        // Recording the print_failed event itself failed (database busy): the ticket is still valid
        // and its number is on the screen.
        log(fmt::format("ticket {}: printing failed and was not recorded: {}", issued.ticket.number, e.what()));
        return unrecorded(e.what());
    }
}

PrintReport KioskServices::reprint(queue::IssuedTicket& issued, Language language) {
    try {
        try {
            if (auto now = retrying("reprint", [&] { return m_queue.estimate(issued.ticket.number); })) {
                issued = std::move(*now);
            }
        } catch (const DatabaseBusy&) {
            // The ticket as it was shown: a slightly old "people ahead" beats no paper.
        }
        auto report = m_printer->print(m_queue, issued, language, /*reprint=*/true);
        log(report.printed ? fmt::format("ticket {} printed again ({} ms)", issued.ticket.number, report.took.count())
                           : fmt::format("ticket {} not printed again ({} ms): {}", issued.ticket.number,
                                         report.took.count(), report.messageEn));
        return report;
    } catch (const std::exception& e) {
        log(fmt::format("ticket {}: reprinting failed and was not recorded: {}", issued.ticket.number, e.what()));
        return unrecorded(e.what());
    }
}

std::vector<queue::UnprintedTicket> KioskServices::unprintedTickets() {
    try {
        return retrying("unprinted tickets", [&] { return m_queue.unprintedToday(); });
    } catch (const DatabaseBusy&) {
        return {};
    }
}

printer::PrinterState KioskServices::printerState() {
    try {
        return m_printer->status();
    } catch (const std::exception& e) {
        log(std::string("printer status: ") + e.what());
        return printer::PrinterState::NotReported;
    }
}

std::string KioskServices::testPrint() {
    try {
        auto printed = m_printer->send(m_printer->encode(printer::sampleTicket()));
        if (!printed) {
            log("test print: " + printed.error().describe());
            return std::string(printer::messageVi(printed.error().error));
        }
        return {};
    } catch (const std::exception& e) {
        log(std::string("test print: ") + e.what());
        return std::string(printer::messageVi(printer::PrintError::IoError));
    }
}

std::vector<queue::RatingLevel> KioskServices::ratingLevels() const { return queue::ratingScale(m_queue.rating().levels); }

RateResult KioskServices::checkRatable(const std::string& number) {
    RateResult result;
    const auto canonical = queue::QueueService::canonicalNumber(number);
    result.number = canonical.value_or(number);
    if (!canonical) {
        result.status = RateStatus::Invalid;
        return result;
    }
    try {
        retrying("check rating", [&] {
            const auto ticket = m_queue.findToday(*canonical);
            if (!ticket) {
                result.status = RateStatus::Unknown;
            } else if (ticket->state != queue::TicketState::Done) {
                result.status = RateStatus::NotFinished;
            } else {
                queue::Statement rated(m_db, "SELECT 1 FROM events WHERE ticket_id = ? AND kind = 'rate'");
                rated.bind(1, ticket->id);
                result.status = rated.step() ? RateStatus::AlreadyRated : RateStatus::Ok;
            }
            return 0;
        });
    } catch (const DatabaseBusy&) {
        result.status = RateStatus::Busy;
    }
    return result;
}

RateResult KioskServices::rate(const std::string& number, const std::string& level) {
    RateResult result = checkRatable(number);
    if (result.status != RateStatus::Ok) return result;
    try {
        const auto rated = retrying("rate", [&] { return m_queue.rate(result.number, level, "kiosk"); });
        if (!rated.ok()) {
            // Someone rated it (at the counter) between the check and now, or it changed state.
            log(fmt::format("rating {} refused: {}", result.number, rated.message));
            result = checkRatable(result.number);
            if (result.status == RateStatus::Ok) result.status = RateStatus::Invalid;
        }
    } catch (const DatabaseBusy&) {
        result.status = RateStatus::Busy;
    }
    return result;
}

std::vector<queue::StaffMember> KioskServices::supervisors() {
    try {
        return retrying("supervisors", [&] {
            std::vector<queue::StaffMember> out;
            for (auto& s : m_staff.list())
                if (s.role != queue::StaffRole::Officer && s.hasPin) out.push_back(std::move(s));
            return out;
        });
    } catch (const DatabaseBusy&) {
        return {};
    }
}

SupervisorResult KioskServices::checkSupervisor(const std::string& login, const std::string& pin) {
    SupervisorResult result;
    const auto now = m_clock.now();
    if (now < m_lockedUntil) {
        result.status = SupervisorCheck::Locked;
        result.minutesLeft = static_cast<int>((m_lockedUntil - now + 59'999) / 60'000);
        return result;
    }
    const auto member = m_staff.find(login);
    if (!member || member->role == queue::StaffRole::Officer || !member->hasPin) {
        result.status = SupervisorCheck::NotAllowed;
        return result;
    }
    queue::Statement st(m_db, "SELECT pin_hash FROM staff WHERE login = ? AND active = 1");
    st.bind(1, login);
    const bool ok = st.step() && queue::verifyPin(st.getText(0), pin);
    if (ok) {
        m_wrongPins = 0;
        result.status = SupervisorCheck::Ok;
        log(fmt::format("maintenance opened by {}", login));
        return result;
    }
    log(fmt::format("wrong maintenance PIN for {}", login));
    if (++m_wrongPins >= m_options.maxPinAttempts) {
        m_wrongPins = 0;
        m_lockedUntil = now + static_cast<queue::TimeMs>(m_options.pinLockMinutes) * 60'000;
        result.status = SupervisorCheck::Locked;
        result.minutesLeft = m_options.pinLockMinutes;
        return result;
    }
    result.status = SupervisorCheck::WrongPin;
    return result;
}

void KioskServices::readAloud(const std::string& number, Language language) {
    if (!m_options.readAloud) return;
    try {
        m_options.readAloud(number, language);
    } catch (const std::exception& e) {
        log(std::string("reading the number aloud failed: ") + e.what());
    }
}

}  // namespace motcua::kiosk
