// What the kiosk's screens ask of the rest of motcua, in one place: the office settings, the
// services and their waiting counts, taking a ticket, printing it, rating, the catalogue and its
// search index, and the supervisor check for the maintenance screen. Expected outcomes (busy
// database, unreachable server, daily cap, unknown number, wrong PIN) come back as values; screens
// never see the store.
//
// Not thread-safe (one QueueService on one connection); used from the UI thread only. The printer
// alone has a thread of its own (see the printing section).
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kiosk/frontend/printer_thread.h"
#include "kiosk/frontend/ticket_printing.h"
#include "kiosk/kiosk_app/card_reader.h"
#include "queue/catalogue.h"
#include "queue/change_watcher.h"
#include "queue/citizen_card.h"
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
    std::string definition;  // what it covers, from the office config ("" when the office gives none)
    std::string definitionEn;
    std::string legalBasis;  // the law the definition is taken from
    std::string legalBasisEn;
};

// The line under a priority choice: "definition (legal basis)" in the language, "" when the office
// gives no definition in it.
std::string priorityExplanation(const PriorityCategory& category, bool english);

// Offline: the PostgreSQL server cannot be reached (several PCs share the queue); no number is
// issued until it can. ClockWrong: the PC's clock disagrees with what is recorded (staff must see).
// OutsideHours: numbers are not issued now (closedVi/closedEn say when they are again).
// CitizenLimit: the citizen who scanned their ID card has taken the numbers the office allows today
// (limit says which, and the reference staff use to lift it).
enum class TakeStatus { Ok, Busy, CapReached, Unavailable, Offline, ClockWrong, OutsideHours, CitizenLimit };
struct TakeResult {
    TakeStatus status = TakeStatus::Ok;
    std::optional<queue::IssuedTicket> issued;
    std::string detail;  // English, for the log
    std::string closedVi, closedEn;  // OutsideHours: "Bộ phận đã hết giờ nhận số hôm nay. Mời ông/bà ..."
    std::optional<queue::CitizenLimitRefusal> limit;  // CitizenLimit
    // Offline: the move key of a take (or check-in) whose answer was lost with the server, so that
    // whether it issued a number is not known yet (KioskServices::settleTake tells once it answers).
    std::string unsettledKey;
};

// What became of a take whose answer was lost with the server (TakeResult::unsettledKey).
enum class Settled { Pending, Issued, NotIssued };
struct TakeSettlement {
    Settled state = Settled::Pending;
    std::optional<queue::IssuedTicket> issued;  // Issued: the number, to print now
};

// An appointment's check-in (QueueService::checkIn): the take's result, and why no number was
// issued when that was the booking's fault (problem; appointment says which day or number).
struct CheckInResult {
    TakeResult take;
    queue::CheckInProblem problem = queue::CheckInProblem::None;
    std::optional<queue::Appointment> appointment;
    // The code named one of today's numbers taken online (QueueService::checkInCode): that number.
    std::optional<queue::Ticket> ticket;
};

// The citizen of this visit as their ID card identified them: the keyed id (never the number) and
// whether they are 60 or over on the office's date. Kept for the visit only.
struct VisitCitizen {
    std::string id;
    bool elderly = false;
};
enum class CardStatus { Read, Unreadable, Off };
struct CardResult {
    CardStatus status = CardStatus::Off;
    std::optional<VisitCitizen> citizen;
    bool chip = false;  // read by the chip reader (acceptCard), not from the QR scanner's line
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
    // Whether numbers (for a service; empty: the office) are issued now, and the words if not.
    queue::IssuingState issuing(const std::string& serviceCode = {}) const {
        return m_queue.issuingState(serviceCode);
    }
    // Takes the settings again when `motcua init` changed them (hours, calendar, priority definitions):
    // true when they changed. A busy or lost database leaves the settings as they were.
    bool reloadSettings();

    // Whether the database server cannot be reached now (several PCs on PostgreSQL; always false on
    // SQLite). Asked every frame (the App's lost-server banner), at most every kServerCheckMs of the
    // clock, and cheap while the server is there: the store's change feed (queue::ChangeWatcher) only
    // looks at what the connection already holds, no round trip. When it shows something (a change
    // elsewhere, the connection gone or re-opened), and while lost, the event log is read, which
    // tells and re-opens a lost connection (at most every 2 s). A take that finds the server gone
    // marks it lost too.
    bool serverLost();
    static constexpr queue::TimeMs kServerCheckMs = 500;

    // One ticket, one transaction, tried once: a take that fails (server lost, cap, ...) is not kept
    // to be made later. The caller guards against issuing twice for one request.
    // citizen: the keyed id of a citizen who scanned their card (the office's per-citizen limits apply).
    // Checks in the appointment the code names and issues its number (tried once, as take), or the
    // number taken online it names (the same number, to print again: QueueService::checkInCode).
    CheckInResult checkIn(const std::string& code, const std::optional<std::string>& citizen);
    // Whether the office takes appointments ([appointments] enabled).
    bool appointmentsEnabled() const;
    // Whether numbers taken online are checked in at the kiosk ([web] take_online and
    // online_checkin_minutes > 0): the home screen then has "Tôi có mã trên điện thoại".
    bool onlineCheckInEnabled() const;
    // dossierCode: a number of a results or supplement service is taken with its dossier's code.
    TakeResult take(const std::string& serviceCode, const std::optional<std::string>& priority,
                    const std::optional<std::string>& citizen = {}, const std::string& dossierCode = {});
    // The active services of kind results or supplement (their numbers are taken with a dossier code,
    // on the dossier screen, never from the list of services); empty when the office has none.
    std::vector<queue::ServiceStatus> dossierServices();
    bool hasDossierServices() const { return m_queue.hasDossierServices(); }
    // Whether a service's numbers are taken with a dossier code.
    bool takesDossierCode(const std::string& serviceCode) const {
        return m_queue.serviceKind(serviceCode) != queue::ServiceKind::Submit;
    }
    // Every take and check-in carries a move key of its own (queue::newMoveKey). When the server went
    // while it was on its way (TakeStatus::Offline), the COMMIT may or may not have reached it: the
    // screen that made it asks here, every frame, until the server answers: Pending while it cannot
    // be reached, then Issued (with the number: the screen shows and prints it, once) or NotIssued
    // (the citizen may take a number again). Settled keys are forgotten.
    // A key no screen has asked about for kAbandonedMs (the citizen left) the kiosk settles by itself
    // once the server answers, and logs a number issued that way (it is in the queue, never printed).
    TakeSettlement settleTake(const std::string& key);
    static constexpr queue::TimeMs kAbandonedMs = 5000;
    // The keys not settled yet (for tests and the log).
    std::vector<std::string> unsettledTakes() const;

    // The ID card scanner ([citizen_id] enabled, and the office's key file readable): its settings.
    bool readsCards() const noexcept { return m_citizenKey.has_value(); }
    const queue::CitizenIdConfig& cardSettings() const noexcept { return m_queue.citizenId(); }
    // Reads a scanned line as an ID card. Off when the kiosk reads no cards; Unreadable for a line that
    // is not a card's QR (nothing is kept or logged of it). Only the keyed id leaves this function.
    CardResult readCard(const std::string& line);
    // A card the chip reader read (card_reader.h): checked as a scanned one (queue::checkCitizenCard),
    // then the same as readCard. A reading with a problem is Unreadable (the problem is logged).
    CardResult acceptCard(const queue::CardReading& reading);
    // The chip reader, when the kiosk has one (KioskOptions::cardReader); its readings reach the
    // visit through pollCardReader(), called once a frame. Logged by its describe().
    void setCardReader(std::unique_ptr<CardReader> reader);
    bool hasCardReader() const noexcept { return m_cardReader != nullptr; }
    // What the chip reader read since the last call, as readCard's result; nullopt when it read
    // nothing (or there is no reader). Cards off: the reading is dropped and Off returned.
    std::optional<CardResult> pollCardReader();
    // The priority category offered to an elderly citizen, when the office has it ("" otherwise).
    std::string elderlyCategory();
    // Printing. The printer is talked to on its own thread (PrinterThread), so nothing here waits
    // for it; what it found out is recorded and handed to the screens by pollPrinter(), which the
    // program calls once a frame.
    //
    // Starts printing a ticket and returns at once: the job's id, for printOutcome(). `print_started`
    // is recorded first. nullopt when a job for this ticket is already on its way (one at a time per
    // ticket: a second tap cannot print it twice). Never throws.
    std::optional<std::string> startPrint(const queue::IssuedTicket& issued, Language language,
                                          bool reprint = false);
    // The same ticket again (`reprint` true), with the people ahead and the wait as they are now:
    // issued is updated to them (kept as it is when the number is no longer today's).
    std::optional<std::string> startReprint(queue::IssuedTicket& issued, Language language);
    // A job's outcome once it is known (recorded as `printed` / `print_failed`), handed out once.
    std::optional<PrintReport> printOutcome(const std::string& job);
    // Whether a job for this ticket is queued or being sent.
    bool printing(std::int64_t ticketId) const;
    // Records and hands out what the printer thread has finished. Cheap when nothing has.
    void pollPrinter();
    // Printer work queued, running, or finished and not yet handed out.
    bool printerBusy() const;
    // Lets the job in progress finish (waiting at most grace), drops the queued ones (recorded as
    // not printed: nothing was sent) and records every outcome. The printer takes no work after.
    // Returns whether the job in progress finished within grace.
    bool finishPrinting(std::chrono::milliseconds grace);

    // Blocking forms (tests and tools; a screen uses the ones above): start, wait, poll.
    PrintReport print(const queue::IssuedTicket& issued, Language language);
    PrintReport reprint(queue::IssuedTicket& issued, Language language);

    // Today's tickets whose last print did not end printed (QueueService::unprintedToday); empty
    // when the database stays busy.
    std::vector<queue::UnprintedTicket> unprintedTickets();
    // The printer's state, asked on the printer thread; then() runs from pollPrinter().
    void askPrinterState(std::function<void(printer::PrinterState)> then);
    // Prints the sample ticket on the printer thread; then() gets "" on success, else the reason in
    // Vietnamese.
    void testPrint(std::function<void(std::string)> then);
    // Blocking form of askPrinterState (tests).
    printer::PrinterState printerState();
    const std::string& printerUri() const noexcept { return m_printer->uri(); }
    // Whether the printer URI came from the office default rather than a choice (--printer).
    bool printerIsDefault() const noexcept { return m_printerIsDefault; }
    // The printer's last known problem (from the check at start-up or the last print), or nullopt
    // when the last attempt worked. Staff were told through a `printer_problem` or `print_failed`.
    const std::optional<printer::Failure>& printerProblem() const noexcept { return m_printerProblem; }

    std::vector<queue::RatingLevel> ratingLevels() const;
    // Checks a number without rating it (to tell the citizen before asking how it went).
    RateResult checkRatable(const std::string& number);
    RateResult rate(const std::string& number, const std::string& level);

    // Active supervisors and admins who have a PIN.
    std::vector<queue::StaffMember> supervisors();
    // Through StaffService: the office's one PIN policy, its lockout (kept in the event log, so a
    // restart does not reset it) and every attempt logged.
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
    bool m_serverLost = false;
    queue::TimeMs m_lastServerCheck = 0;
    std::optional<queue::ChangeWatcher> m_watcher;  // PostgreSQL: made at the first serverLost()
    KioskServicesOptions m_options;
    queue::QueueService m_queue;
    queue::StaffService m_staff;
    // readCard and acceptCard: read(today) gives the checked card; what names it in the log.
    CardResult cardOf(const std::function<queue::CardReading(const queue::CivilDate&)>& read,
                      const char* what);

    std::optional<queue::CitizenKey> m_citizenKey;
    std::unique_ptr<CardReader> m_cardReader;
    // Move keys of takes whose answer was lost with the server, and when a screen last asked.
    std::map<std::string, queue::TimeMs> m_unsettled;
    void settleAbandoned();
    std::string unsettled(const std::string& key);  // keeps key as unsettled; returns it
    queue::Catalogue m_catalogue;
    std::unique_ptr<queue::SearchIndex> m_search;
    void finishJob(const PrintJob& job, PrintReport report);
    void notePrinter(const std::optional<printer::Failure>& problem, bool atStart);
    void recoverInterruptedPrints();
    PrintReport awaitOutcome(const std::optional<std::string>& job, const queue::IssuedTicket& issued);

    std::unique_ptr<TicketPrinter> m_printer;
    bool m_printerIsDefault = true;
    std::optional<printer::Failure> m_printerProblem;
    std::set<std::int64_t> m_ticketsPrinting;
    // Outcomes not yet collected by printOutcome(), oldest first (a screen closed meanwhile never
    // collects its own: the oldest go beyond kKeptOutcomes).
    std::deque<std::pair<std::string, PrintReport>> m_outcomes;
    static constexpr std::size_t kKeptOutcomes = 32;
    // Last: its tasks use the members above; destroyed (joined) first.
    std::unique_ptr<PrinterThread> m_printerThread;
};

// The database stayed busy after every attempt, or (offline) its server cannot be reached.
class DatabaseBusy : public std::runtime_error {
  public:
    explicit DatabaseBusy(const std::string& what, bool offline = false)
        : std::runtime_error(what), m_offline(offline) {}
    bool offline() const noexcept { return m_offline; }

  private:
    bool m_offline;
};

}  // namespace motcua::kiosk
