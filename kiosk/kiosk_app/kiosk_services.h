// What the kiosk's screens ask of the rest of motcua, in one place: the office settings, the
// services and their waiting counts, taking a ticket, printing it, rating, the catalogue and its
// search index, and the supervisor check for the maintenance screen. Expected outcomes (busy
// database, daily cap, unknown number, wrong PIN) come back as values; screens never see SQLite.
//
// Not thread-safe (one QueueService on one connection); used from the UI thread only.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/frontend/ticket_printing.h"
#include "queue/catalogue.h"
#include "queue/clock.h"
#include "queue/office_config.h"
#include "queue/queue_service.h"
#include "queue/search.h"
#include "queue/staff_service.h"

namespace motcua::kiosk {

struct PriorityCategory {
    std::string code;
    std::string name;
    std::string nameEn;
};

enum class TakeStatus { Ok, Busy, CapReached, Unavailable };
struct TakeResult {
    TakeStatus status = TakeStatus::Ok;
    std::optional<queue::IssuedTicket> issued;
    std::string detail;  // English, for the log
};

enum class RateStatus { Ok, Invalid, Unknown, NotFinished, AlreadyRated, Busy };
struct RateResult {
    RateStatus status = RateStatus::Ok;
    std::string number;  // canonical ("A012") when it parsed, else as typed
};

enum class SupervisorCheck { Ok, WrongPin, Locked, NotAllowed };
struct SupervisorResult {
    SupervisorCheck status = SupervisorCheck::WrongPin;
    int minutesLeft = 0;  // Locked
};

// Reads a freshly printed number aloud (the voice); must return at once.
using NumberReader = std::function<void(const std::string& number, Language language)>;
using LogSink = std::function<void(const std::string&)>;

struct KioskServicesOptions {
    // Printer URI; empty: the office's (printerUri(office), which honours $MOTCUA_PRINTER).
    std::string printerUri;
    // How the printer is opened: the connect timeout, and the USB seam (tests put a fake USB
    // printer behind "usb:"; empty: libusb).
    printer::TransportOptions printerTransport;
    // A busy database (another process holding the write lock past the busy timeout) is tried this
    // many times in all, with a pause between, before the citizen is told.
    int busyAttempts = 3;
    std::chrono::milliseconds busyPause{150};
    // Wrong supervisor PINs before the maintenance screen locks, and for how long.
    int maxPinAttempts = 5;
    int pinLockMinutes = 5;
    NumberReader readAloud;  // may be empty: no voice
    LogSink log;             // empty: stderr
};

class KioskServices {
public:
    // db and clock must outlive this. Loads the catalogue (a missing or broken one is logged and
    // leaves the catalogue empty: taking numbers still works).
    KioskServices(queue::Database& db, const queue::Clock& clock, KioskServicesOptions options = {});
    ~KioskServices();
    KioskServices(const KioskServices&) = delete;
    KioskServices& operator=(const KioskServices&) = delete;

    // The "office" settings: name, unit, slogan, online_portal, ...; "" for a missing key.
    std::string office(const char* key) const;

    const queue::Catalogue& catalogue() const noexcept { return m_catalogue; }
    const queue::SearchIndex& searchIndex() const noexcept { return *m_search; }
    bool hasCatalogue() const noexcept { return !m_catalogue.procedures().empty(); }

    // Services with today's waiting counts; nullopt when the database stays busy.
    std::optional<std::vector<queue::ServiceStatus>> services();
    std::vector<PriorityCategory> priorities();

    // One ticket, one transaction. The caller guards against issuing twice for one request.
    TakeResult take(const std::string& serviceCode, const std::optional<std::string>& priority);
    // Prints (recording printed / print_failed events); never throws. Blocks until the printer has
    // taken the ticket or failed (TicketPrinter).
    PrintReport print(const queue::IssuedTicket& issued, Language language);
    // Prints one of today's tickets again (`printed` with reprint = true), with the people ahead and
    // the wait as they are now: issued is updated to them (kept as it is when the number is no
    // longer today's). Never throws.
    PrintReport reprint(queue::IssuedTicket& issued, Language language);
    // Today's tickets whose last print failed (QueueService::unprintedToday); empty when the
    // database stays busy.
    std::vector<queue::UnprintedTicket> unprintedTickets();
    printer::PrinterState printerState();
    // Prints the sample ticket; "" on success, else the reason in Vietnamese.
    std::string testPrint();
    const std::string& printerUri() const noexcept { return m_printer->uri(); }
    // Whether the printer URI came from the office default rather than a choice (--printer).
    bool printerIsDefault() const noexcept { return m_printerIsDefault; }
    // Why the printer is not the configured one (no USB printer: a file printer), or empty.
    const std::string& printerNote() const noexcept { return m_printerNote; }

    std::vector<queue::RatingLevel> ratingLevels() const;
    // Checks a number without rating it (to tell the citizen before asking how it went).
    RateResult checkRatable(const std::string& number);
    RateResult rate(const std::string& number, const std::string& level);

    // Active supervisors and admins who have a PIN.
    std::vector<queue::StaffMember> supervisors();
    SupervisorResult checkSupervisor(const std::string& login, const std::string& pin);

    void readAloud(const std::string& number, Language language);
    void log(const std::string& line) const;

    queue::QueueService& queue() noexcept { return m_queue; }
    const queue::Clock& clock() const noexcept { return m_clock; }

private:
    template <typename F>
    auto retrying(const char* what, F&& f) -> decltype(f());

    queue::Database& m_db;
    const queue::Clock& m_clock;
    KioskServicesOptions m_options;
    queue::QueueService m_queue;
    queue::StaffService m_staff;
    queue::Catalogue m_catalogue;
    std::unique_ptr<queue::SearchIndex> m_search;
    std::unique_ptr<TicketPrinter> m_printer;
    bool m_printerIsDefault = true;
    std::string m_printerNote;
    int m_wrongPins = 0;
    queue::TimeMs m_lockedUntil = 0;
};

// The database stayed busy after every attempt.
class DatabaseBusy : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace motcua::kiosk
