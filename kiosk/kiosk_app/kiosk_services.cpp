#include "kiosk/kiosk_app/kiosk_services.h"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <thread>

#include "printer/sample_ticket.h"
#include "queue/database.h"

namespace motcua::kiosk {

namespace {}  // namespace

KioskServices::KioskServices(queue::Database& db, const queue::Clock& clock, KioskServicesOptions options)
    : m_db(db), m_clock(clock), m_options(std::move(options)), m_queue(db, clock), m_staff(db, clock) {
    try {
        m_catalogue = queue::loadCatalogue(db);
    } catch (const std::exception& e) {
        log(std::string("catalogue not available, browsing and search say it is being updated: ") + e.what());
        m_catalogue = {};
    }
    m_search = std::make_unique<queue::SearchIndex>(m_catalogue);
    if (const auto& card = m_queue.citizenId(); card.enabled) {
        try {
            m_citizenKey = queue::CitizenKey::load(card.keyFile);
        } catch (const queue::CitizenKeyError& e) {
            log(std::string("ID cards are not read (run 'motcua init' to create the office's key): ") +
                e.what());
        }
    }
    // The printer as configured, whatever is attached now: a missing printer is a fault the kiosk
    // says, never a reason to print somewhere else. Each ticket looks for it again.
    std::string uri = m_options.printerUri;
    m_printerIsDefault = uri.empty();
    if (uri.empty()) uri = kiosk::printerUri(m_queue.office());
    m_printer =
        std::make_unique<TicketPrinter>(uri, printerSettings(m_queue.office()), m_options.printerTransport);
    m_printerThread = std::make_unique<PrinterThread>();
    recoverInterruptedPrints();
    if (uri != "none") {
        // Look at the printer now, so that staff hear of a missing one before the first citizen
        // does; the answer comes with the first frames.
        m_printerThread->post<printer::Result<printer::PrinterState>>(
            [printer = m_printer.get()] { return printer->check(); },
            [this](printer::Result<printer::PrinterState> checked) {
                notePrinter(checked ? std::nullopt : std::optional(checked.error()), true);
            });
    }
}

KioskServices::~KioskServices() {
    try {
        finishPrinting(std::chrono::milliseconds(0));
    } catch (const std::exception& e) {
        log(std::string("printing at exit: ") + e.what());
    }
}

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
        } catch (const queue::DatabaseError& e) {
            if (e.isConnectionLost()) {
                m_serverLost = true;
                log(fmt::format("{}: no connection to the database server: {}", what, e.what()));
                throw DatabaseBusy(e.what(), true);
            }
            if (!e.isBusy()) throw;
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

std::string priorityExplanation(const PriorityCategory& category, bool english) {
    const std::string& definition = english ? category.definitionEn : category.definition;
    const std::string& basis = english ? category.legalBasisEn : category.legalBasis;
    if (definition.empty()) return {};
    return basis.empty() ? definition : definition + " (" + basis + ")";
}

std::vector<PriorityCategory> KioskServices::priorities() {
    try {
        return retrying("priorities", [&] {
            std::vector<PriorityCategory> out;
            const auto& office = m_queue.office();
            const auto definitions = office.is_object() && office.contains("priority_definitions")
                                         ? office["priority_definitions"]
                                         : nlohmann::json::object();
            for (auto& c : m_queue.priorityCategories()) {
                PriorityCategory p{c.code, c.name, c.nameEn, {}, {}, {}, {}};
                if (definitions.is_object() && definitions.contains(p.code) &&
                    definitions[p.code].is_object()) {
                    p.definition = definitions[p.code].value("vi", "");
                    p.definitionEn = definitions[p.code].value("en", "");
                    p.legalBasis = definitions[p.code].value("basis", "");
                    p.legalBasisEn = definitions[p.code].value("basis_en", "");
                }
                out.push_back(std::move(p));
            }
            return out;
        });
    } catch (const DatabaseBusy&) {
        return {};
    }
}

bool KioskServices::serverLost() {
    if (!m_db.isPostgres()) return false;
    const queue::TimeMs now = m_clock.now();
    if (m_lastServerCheck != 0 && now >= m_lastServerCheck && now - m_lastServerCheck < kServerCheckMs)
        return m_serverLost;
    m_lastServerCheck = now;
    try {
        if (!m_watcher) m_watcher.emplace(m_db);
        // Nothing arrived on the connection: it is as it was. Otherwise (a change elsewhere, the
        // connection gone or re-opened) reading the log tells, and re-opens a lost connection.
        if (!m_watcher->changed() && !m_serverLost) return false;
        m_watcher->reconnected();
        m_watcher->newEvents(m_queue);
        if (m_serverLost) log("the database server can be reached again");
        m_serverLost = false;
        settleAbandoned();
    } catch (const queue::DatabaseError& e) {
        if (!e.isConnectionLost()) throw;
        if (!m_serverLost) log(std::string("lost the database server (reconnecting): ") + e.what());
        m_serverLost = true;
    }
    return m_serverLost;
}

std::string KioskServices::unsettled(const std::string& key) {
    if (key.empty()) return key;  // lost before the move began: nothing was sent
    m_unsettled[key] = m_clock.now();
    return key;
}

TakeSettlement KioskServices::settleTake(const std::string& key) {
    TakeSettlement out;
    const auto it = m_unsettled.find(key);
    if (it == m_unsettled.end()) {
        out.state = Settled::NotIssued;  // not a key of this kiosk's (or settled already)
        return out;
    }
    it->second = m_clock.now();
    if (serverLost()) return out;
    try {
        out.issued = retrying("settle a take", [&] { return m_queue.takenBefore(key); });
    } catch (const DatabaseBusy&) {
        return out;  // still lost (or busy): asked again next frame
    }
    m_unsettled.erase(it);
    out.state = out.issued ? Settled::Issued : Settled::NotIssued;
    log(out.issued
            ? fmt::format("a take whose answer was lost with the server had issued {}: shown and printed now",
                          out.issued->ticket.number)
            : std::string("a take whose answer was lost with the server had issued nothing"));
    return out;
}

std::vector<std::string> KioskServices::unsettledTakes() const {
    std::vector<std::string> keys;
    for (const auto& [key, asked] : m_unsettled) keys.push_back(key);
    return keys;
}

void KioskServices::settleAbandoned() {
    for (auto it = m_unsettled.begin(); it != m_unsettled.end();) {
        if (m_clock.now() - it->second < kAbandonedMs) {
            ++it;  // its screen is still waiting on it
            continue;
        }
        std::optional<queue::IssuedTicket> issued;
        try {
            issued = m_queue.takenBefore(it->first);
        } catch (const queue::DatabaseError&) {
            return;  // lost again: the next check tries
        }
        if (issued)
            log(fmt::format(
                "{} was issued by a take whose answer was lost with the server, and the citizen had "
                "left the screen: it is in the queue but was never printed",
                issued->ticket.number));
        it = m_unsettled.erase(it);
    }
}

bool KioskServices::reloadSettings() {
    if (m_serverLost) return false;
    try {
        return m_queue.reloadSettings();
    } catch (const queue::DatabaseError&) {
        return false;  // busy or lost: the next check tries again (the screens report a lost server)
    }
}

CardResult KioskServices::readCard(const std::string& line) {
    return cardOf([&](const queue::CivilDate& today) { return queue::readCitizenCard(line, today); },
                  "an ID card scan");
}

CardResult KioskServices::acceptCard(const queue::CardReading& reading) {
    auto result = cardOf(
        [&](const queue::CivilDate& today) {
            return reading.ok() ? queue::checkCitizenCard(*reading.card, today) : reading;
        },
        "an ID card on the chip reader");
    result.chip = true;
    return result;
}

CardResult KioskServices::cardOf(const std::function<queue::CardReading(const queue::CivilDate&)>& read,
                                 const char* what) {
    if (!m_citizenKey) return {CardStatus::Off, std::nullopt};
    const auto today = queue::parseIsoDate(m_queue.businessDay());
    if (!today) return {CardStatus::Unreadable, std::nullopt};
    const auto reading = read(*today);
    if (!reading.ok()) {
        log(fmt::format("{} was not read: {}", what, queue::toString(reading.problem)));
        return {CardStatus::Unreadable, std::nullopt};
    }
    return {CardStatus::Read, VisitCitizen{m_citizenKey->idOf(reading.card->number),
                                           queue::isElderly(reading.card->birthDate, *today)}};
}

void KioskServices::setCardReader(std::unique_ptr<CardReader> reader) {
    m_cardReader = std::move(reader);
    if (!m_cardReader) return;
    log("ID card chip reader: " + m_cardReader->describe() +
        (m_citizenKey ? std::string() : std::string(" (not used: the office reads no ID cards)")));
}

std::optional<CardResult> KioskServices::pollCardReader() {
    if (!m_cardReader) return std::nullopt;
    auto reading = m_cardReader->poll();
    if (!reading) return std::nullopt;
    return acceptCard(*reading);
}

std::string KioskServices::elderlyCategory() {
    const auto& code = m_queue.citizenId().elderlyCategory;
    for (const auto& p : priorities())
        if (p.code == code) return code;
    return {};
}

std::vector<queue::ServiceStatus> KioskServices::dossierServices() {
    std::vector<queue::ServiceStatus> out;
    if (!m_queue.hasDossierServices()) return out;  // from the settings: no query
    auto all = services();
    if (!all) return out;  // busy or lost: the ticket screen says so when a number is asked for
    for (auto& s : *all)
        if (takesDossierCode(s.code)) out.push_back(std::move(s));
    return out;
}

TakeResult KioskServices::take(const std::string& serviceCode, const std::optional<std::string>& priority,
                               const std::optional<std::string>& citizen, const std::string& dossierCode) {
    TakeResult result;
    std::string key;
    try {
        // The hours of the moment, also when motcua init changed them since the kiosk last looked.
        reloadSettings();
        if (!m_unsettled.empty() && !m_serverLost) settleAbandoned();
        queue::Actor actor;
        actor.moveKey = queue::newMoveKey();
        key = actor.moveKey;
        actor.dossierCode = dossierCode;
        auto taken = retrying("take", [&] { return m_queue.take(serviceCode, priority, actor, citizen); });
        switch (taken.outcome) {
            case queue::Outcome::Ok:
                m_serverLost = false;
                result.issued = std::move(taken.value);
                return result;
            case queue::Outcome::CapReached:
                result.status = TakeStatus::CapReached;
                break;
            case queue::Outcome::ClockWrong:
                result.status = TakeStatus::ClockWrong;
                break;
            case queue::Outcome::CitizenLimit:
                result.status = TakeStatus::CitizenLimit;
                if (citizen)
                    result.limit =
                        retrying("limit", [&] { return m_queue.citizenLimit(*citizen, serviceCode); });
                if (!result.limit) result.status = TakeStatus::Unavailable;  // lifted meanwhile: try again
                break;
            case queue::Outcome::OutsideHours: {
                result.status = TakeStatus::OutsideHours;
                const auto hours = m_queue.issuingState(serviceCode);
                result.closedVi = hours.messageVi;
                result.closedEn = hours.messageEn;
                break;
            }
            default:
                result.status = TakeStatus::Unavailable;
                break;
        }
        result.detail = taken.message;
    } catch (const DatabaseBusy& e) {
        result.status = e.offline() ? TakeStatus::Offline : TakeStatus::Busy;
        result.detail = e.what();
        if (e.offline()) result.unsettledKey = unsettled(key);
    }
    log(fmt::format("no ticket for {}: {}", serviceCode, result.detail));
    return result;
}

bool KioskServices::appointmentsEnabled() const {
    return queue::appointmentConfigFromSettings(m_queue.office()).enabled;
}

bool KioskServices::onlineCheckInEnabled() const {
    const auto web = m_queue.office().value("web", nlohmann::json::object());
    return web.value("take_online", true) && m_queue.onlineCheckInMinutes() > 0;
}

CheckInResult KioskServices::checkIn(const std::string& code, const std::optional<std::string>& citizen) {
    CheckInResult result;
    std::string key;
    try {
        queue::Actor actor;
        actor.moveKey = queue::newMoveKey();
        key = actor.moveKey;
        auto in = retrying("check in", [&] { return m_queue.checkInCode(code, actor, citizen); });
        result.problem = in.problem;
        result.appointment = std::move(in.appointment);
        result.ticket = std::move(in.ticket);
        auto& taken = in.result;
        switch (taken.outcome) {
            case queue::Outcome::Ok:
                m_serverLost = false;
                result.take.issued = std::move(taken.value);
                return result;
            case queue::Outcome::ClockWrong:
                result.take.status = TakeStatus::ClockWrong;
                break;
            case queue::Outcome::OutsideHours: {
                result.take.status = TakeStatus::OutsideHours;
                const auto hours =
                    m_queue.issuingState(result.appointment ? result.appointment->serviceCode : "");
                result.take.closedVi = hours.messageVi;
                result.take.closedEn = hours.messageEn;
                break;
            }
            default:
                result.take.status = TakeStatus::Unavailable;
                break;
        }
        result.take.detail = taken.message;
    } catch (const DatabaseBusy& e) {
        result.take.status = e.offline() ? TakeStatus::Offline : TakeStatus::Busy;
        result.take.detail = e.what();
        if (e.offline()) result.take.unsettledKey = unsettled(key);
    }
    // The code is the booking's secret: never logged.
    log(fmt::format("no number for a code from a phone: {}", result.take.detail));
    return result;
}

void KioskServices::recoverInterruptedPrints() {
    // A print this host's kiosk started and never finished: the process was killed (or the power
    // went) between sending and recording. The ticket may be in the slot: say so, never print again.
    const auto me = PrintingProcess::current();
    for (const auto& u : unprintedTickets()) {
        if (u.last != queue::UnprintedTicket::Last::Unfinished) continue;
        const long pid = u.detail.value("pid", 0L);
        if (u.detail.value("host", std::string()) != me.host || pid == me.pid || PrintingProcess::alive(pid))
            continue;
        try {
            retrying("record interrupted print", [&] {
                recordPrintInterrupted(m_queue, u.ticket.id, u.detail);
                return 0;
            });
            log(fmt::format(
                "ticket {}: the kiosk (process {}) stopped while printing it; it may have printed",
                u.ticket.number, pid));
        } catch (const DatabaseBusy& e) {
            log(fmt::format("ticket {}: interrupted print not recorded: {}", u.ticket.number, e.what()));
        }
    }
}

void KioskServices::notePrinter(const std::optional<printer::Failure>& problem, bool atStart) {
    const bool wasFine = !m_printerProblem;
    m_printerProblem = problem;
    if (!problem) {
        if (!wasFine) log("printer " + m_printer->uri() + " works again");
        return;
    }
    if (!atStart) return;  // a print's failure has its own print_failed event
    log(fmt::format("printer {} cannot print: {}", m_printer->uri(), problem->describe()));
    try {
        retrying("record printer problem", [&] {
            m_queue.recordDeviceEvent("printer_problem", std::nullopt,
                                      {{"error", std::string(printer::errorName(problem->error))},
                                       {"message", problem->describe()},
                                       {"message_vi", std::string(printer::messageVi(problem->error))},
                                       {"printer", m_printer->uri()},
                                       {"when", "start"}});
            return 0;
        });
    } catch (const DatabaseBusy& e) {
        log(std::string("printer problem not recorded: ") + e.what());
    }
}

std::optional<std::string> KioskServices::startPrint(const queue::IssuedTicket& issued, Language language,
                                                     bool reprint) {
    if (m_ticketsPrinting.count(issued.ticket.id)) {
        log(fmt::format("ticket {} is already being printed: not sent again", issued.ticket.number));
        return std::nullopt;
    }
    PrintJob job;
    try {
        job = m_printer->prepare(m_queue, issued, language, reprint);
    } catch (const std::exception& e) {
        // Fonts missing or unreadable: the ticket is valid, only the paper is missing.
        job = PrintJob{fmt::format("unrendered:{}", issued.ticket.id),
                       issued.ticket.id,
                       issued.ticket.number,
                       language,
                       reprint,
                       {}};
        finishJob(job, notRendered(e.what()));
        return job.id;
    }
    try {
        retrying("record print start", [&] {
            recordPrintStarted(m_queue, job, m_printer->uri());
            return 0;
        });
    } catch (const DatabaseBusy& e) {
        // Paper for the citizen matters more than the record; the outcome is tried again after.
        log(fmt::format("ticket {}: print start not recorded: {}", job.number, e.what()));
    }
    m_ticketsPrinting.insert(job.ticketId);
    m_printerThread->post<PrintReport>(
        [printer = m_printer.get(), bytes = job.bytes] { return printer->send(bytes); },
        [this, job](PrintReport report) { finishJob(job, std::move(report)); },
        [this, job] {
            // Never sent: the kiosk stopped first.
            PrintReport report;
            report.error = printer::PrintError::IoError;
            report.messageVi = std::string(printer::messageVi(*report.error));
            report.messageEn = "not sent: the kiosk stopped first";
            finishJob(job, std::move(report));
        });
    return job.id;
}

std::optional<std::string> KioskServices::startReprint(queue::IssuedTicket& issued, Language language) {
    if (printing(issued.ticket.id)) return startPrint(issued, language, true);  // refused, logged
    try {
        if (auto now = retrying("reprint", [&] { return m_queue.estimate(issued.ticket.number); })) {
            issued = std::move(*now);
        }
    } catch (const DatabaseBusy&) {
        // The ticket as it was shown: a slightly old "people ahead" beats no paper.
    }
    return startPrint(issued, language, true);
}

void KioskServices::finishJob(const PrintJob& job, PrintReport report) {
    m_ticketsPrinting.erase(job.ticketId);
    if (report.error)
        notePrinter(printer::Failure{*report.error, report.messageEn, report.reached}, false);
    else
        notePrinter(std::nullopt, false);
    const std::string what = job.reprint ? "printed again" : "printed";
    switch (report.outcome) {
        case PrintOutcome::Printed:
            if (job.reprint) log(fmt::format("ticket {} {} ({} ms)", job.number, what, report.took.count()));
            break;
        case PrintOutcome::NotPrinted:
            log(fmt::format("ticket {} not {} ({} ms): {}", job.number, what, report.took.count(),
                            report.messageEn));
            break;
        case PrintOutcome::MaybePrinted:
            log(fmt::format("ticket {} may have {} ({} ms), staff told: {}", job.number, what,
                            report.took.count(), report.messageEn));
            break;
    }
    try {
        retrying("record print outcome", [&] {
            recordPrintOutcome(m_queue, job, m_printer->uri(), report);
            return 0;
        });
    } catch (const std::exception& e) {
        // The ticket is still valid and its number on the screen; the log keeps what happened.
        log(fmt::format("ticket {}: print outcome ({}) not recorded: {}", job.number,
                        outcomeName(report.outcome), e.what()));
    }
    m_outcomes.emplace_back(job.id, std::move(report));
    while (m_outcomes.size() > kKeptOutcomes) m_outcomes.pop_front();
}

std::optional<PrintReport> KioskServices::printOutcome(const std::string& job) {
    for (auto it = m_outcomes.begin(); it != m_outcomes.end(); ++it) {
        if (it->first != job) continue;
        PrintReport report = std::move(it->second);
        m_outcomes.erase(it);
        return report;
    }
    return std::nullopt;
}

bool KioskServices::printing(std::int64_t ticketId) const {
    return m_ticketsPrinting.count(ticketId) > 0;
}

void KioskServices::pollPrinter() {
    if (m_printerThread) m_printerThread->deliver();
}

bool KioskServices::printerBusy() const {
    return m_printerThread && m_printerThread->pending() > 0;
}

bool KioskServices::finishPrinting(std::chrono::milliseconds grace) {
    if (!m_printerThread) return true;
    const bool finished = m_printerThread->stop(grace);
    m_printerThread->deliver();
    return finished;
}

PrintReport KioskServices::awaitOutcome(const std::optional<std::string>& job,
                                        const queue::IssuedTicket& issued) {
    if (!job) {
        PrintReport busy;
        busy.error = printer::PrintError::Busy;
        busy.messageVi = std::string(printer::messageVi(*busy.error));
        busy.messageEn = fmt::format("ticket {} is already being printed", issued.ticket.number);
        return busy;
    }
    for (;;) {
        pollPrinter();
        if (auto report = printOutcome(*job)) return *report;
        if (!m_printerThread->waitUntilIdle(std::chrono::minutes(2)) && !m_printerThread->pending())
            throw std::runtime_error("the printer thread stopped");
    }
}

PrintReport KioskServices::print(const queue::IssuedTicket& issued, Language language) {
    return awaitOutcome(startPrint(issued, language), issued);
}

PrintReport KioskServices::reprint(queue::IssuedTicket& issued, Language language) {
    return awaitOutcome(startReprint(issued, language), issued);
}

std::vector<queue::UnprintedTicket> KioskServices::unprintedTickets() {
    try {
        return retrying("unprinted tickets", [&] { return m_queue.unprintedToday(); });
    } catch (const DatabaseBusy&) {
        return {};
    }
}

void KioskServices::askPrinterState(std::function<void(printer::PrinterState)> then) {
    m_printerThread->post<printer::PrinterState>([printer = m_printer.get()] { return printer->status(); },
                                                 std::move(then));
}

printer::PrinterState KioskServices::printerState() {
    std::optional<printer::PrinterState> state;
    askPrinterState([&state](printer::PrinterState s) { state = s; });
    while (!state) {
        m_printerThread->waitUntilIdle(std::chrono::minutes(2));
        pollPrinter();
        if (!state && !m_printerThread->pending()) return printer::PrinterState::NotReported;
    }
    return *state;
}

void KioskServices::testPrint(std::function<void(std::string)> then) {
    std::string bytes;
    try {
        // The office line as on a real ticket: the configured name and unit.
        const std::string name = office("name");
        const std::string unit = office("unit");
        bytes = m_printer->encode(printer::sampleTicket(unit.empty() ? name : name + " – " + unit));
    } catch (const std::exception& e) {
        log(std::string("test print: ") + e.what());
        then(std::string(printer::messageVi(printer::PrintError::IoError)));
        return;
    }
    m_printerThread->post<printer::Result<printer::PrinterState>>(
        [printer = m_printer.get(), bytes = std::move(bytes)] { return printer->sendBytes(bytes); },
        [this, then = std::move(then)](printer::Result<printer::PrinterState> printed) {
            if (printed) return then({});
            log("test print: " + printed.error().describe());
            then(std::string(printer::messageVi(printed.error().error)));
        });
}

std::vector<queue::RatingLevel> KioskServices::ratingLevels() const {
    return queue::ratingScale(m_queue.rating().levels);
}

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
                result.status = m_queue.isRated(*ticket) ? RateStatus::AlreadyRated : RateStatus::Ok;
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
    queue::LoginResult checked;
    try {
        checked = retrying("supervisor PIN", [&] { return m_staff.checkSupervisor(login, pin, "kiosk"); });
    } catch (const DatabaseBusy&) {
        result.status = SupervisorCheck::WrongPin;  // nothing could be checked; the screen asks again
        return result;
    }
    switch (checked.outcome) {
        case queue::LoginOutcome::Ok:
            result.status = SupervisorCheck::Ok;
            log(fmt::format("maintenance opened by {}", login));
            break;
        case queue::LoginOutcome::WrongPin:
            result.status = SupervisorCheck::WrongPin;
            log(fmt::format("wrong maintenance PIN for {}", login));
            break;
        case queue::LoginOutcome::Locked:
            result.status = SupervisorCheck::Locked;
            result.minutesLeft = static_cast<int>(
                std::max<queue::TimeMs>(0, checked.lockedUntil - m_clock.now()) / 60'000 + 1);
            log(fmt::format("maintenance PIN of {} locked", login));
            break;
        default:
            result.status = SupervisorCheck::NotAllowed;
            break;
    }
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
