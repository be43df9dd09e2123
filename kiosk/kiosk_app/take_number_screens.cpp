#include "kiosk/kiosk_app/take_number_screens.h"

#include <fmt/format.h>

#include "kiosk/ui/card.h"
#include "kiosk/ui/icon_view.h"
#include "kiosk/ui/scroll_view.h"
#include "kiosk/ui/spinner.h"
#include "printer/printer_status.h"
#include "queue/issuing_hours.h"

namespace motcua::kiosk {

namespace {

std::string countersText(const std::vector<int>& counters, Language language) {
    std::string list;
    for (std::size_t i = 0; i < counters.size(); ++i) list += (i ? ", " : "") + std::to_string(counters[i]);
    return say(words::kCounters, language, list);
}

std::string waitingText(const queue::ServiceStatus& s, Language language) {
    std::string text =
        s.waiting == 0 ? words::kNobodyWaiting.pick(language) : say(words::kWaiting, language, s.waiting);
    if (!s.counters.empty()) text += " · " + countersText(s.counters, language);
    return text;
}

// No number while the server cannot be reached: the calm card (as for a print failure), not an error.
std::unique_ptr<ui::Widget> serverLostCard(Language language) {
    auto row = std::make_unique<Box>(Axis::Horizontal, 0);
    row->add(std::make_unique<ui::IconView>(ui::icons::kCloudOff, FontRole::Title, TextColour::OnNotice));
    row->add(std::make_unique<Label>(words::kServerLost.pick(language), FontRole::Heading, TextAlign::Left,
                                     TextColour::OnNotice),
             1);
    return std::make_unique<ui::Card>(ui::CardStyle::Notice, std::move(row));
}

// The services a number is taken for from the list: not those of results or additional papers,
// whose numbers are taken with the dossier's code (dossier_screen.h).
std::optional<std::vector<queue::ServiceStatus>> listedServices(KioskServices& services) {
    auto all = services.services();
    if (all) std::erase_if(*all, [&](const auto& s) { return services.takesDossierCode(s.code); });
    return all;
}

const std::string& nameIn(const queue::ServiceStatus& s, Language language) {
    return language == Language::En && !s.nameEn.empty() ? s.nameEn : s.name;
}

}  // namespace

void ServicesScreen::onShow() {
    m_services = listedServices(m_session.services());
    m_loaded = true;
    requestRebuild();
    KioskScreen::onShow();
}

void ServicesScreen::build() {
    if (!m_loaded) {
        m_services = listedServices(m_session.services());
        m_loaded = true;
    }
    m_builtLandscape = landscape();
    // Rows with a chevron: two columns in landscape, one in portrait.
    auto list = std::make_unique<ui::Grid>(landscape() ? 2 : 1);
    std::unique_ptr<ui::Widget> content;
    if (!m_services) {
        // Without the server there is no list: say why, kindly (not "busy").
        if (m_session.services().serverLost())
            content = serverLostCard(lang());
        else
            content = std::make_unique<Label>(t(words::kBusy), FontRole::Heading, TextAlign::Left,
                                              TextColour::Danger);
    } else {
        // Closed (the office's hours, or a service's own cut-off passed): the office's card first, and a
        // closed service looks closed (not tappable) and says when it takes numbers again.
        const auto office = m_session.services().issuing();
        m_closedShown = office.open ? std::string() : office.messageVi;
        auto column = std::make_unique<Box>(Axis::Vertical, 0);
        if (!office.open) column->add(closedCard(office, lang(), false));
        for (const auto& s : *m_services) {
            const auto issuing = office.open ? m_session.services().issuing(s.code) : office;
            auto& b = list->add(std::make_unique<Button>(
                nameIn(s, lang()), [this, code = s.code] { m_session.showConfirm(code); },
                ButtonStyle::Secondary, FontRole::Heading));
            if (issuing.open) {
                b.setSecondary(waitingText(s, lang()));
            } else {
                b.setEnabled(false);
                b.setIcon(ui::icons::kSchedule);
                b.setSecondary(office.open ? (lang() == Language::En ? issuing.messageEn : issuing.messageVi)
                                           : std::string(t(words::kServiceClosed)));
                m_closedShown += "|" + s.code;
            }
            b.setShape(ButtonShape::Row);
        }
        column->add(std::move(list));
        content = std::move(column);
    }
    Page page;
    page.title = t(words::kChooseService);
    page.content = std::move(content);
    page.step = 1;
    setRoot(makePage(std::move(page)));
}

void ServicesScreen::adapt(bool isLandscape) {
    if (isLandscape != m_builtLandscape) requestRebuild();
}

void ServicesScreen::update(std::chrono::milliseconds dt) {
    // The hours move on while the citizen reads: about once a second, rebuilt when what is closed
    // changed (a cut-off passed, the lunch break began or ended).
    m_sinceCheck += dt;
    if (m_sinceCheck >= std::chrono::seconds(1) && m_services) {
        m_sinceCheck = {};
        auto& services = m_session.services();
        if (services.reloadSettings()) requestRebuild();
        const auto office = services.issuing();
        std::string closed = office.open ? std::string() : office.messageVi;
        for (const auto& s : *m_services)
            if (!(office.open ? services.issuing(s.code) : office).open) closed += "|" + s.code;
        if (closed != m_closedShown) requestRebuild();
    }
    KioskScreen::update(dt);
}

ConfirmScreen::ConfirmScreen(KioskSession& session, std::string serviceCode, std::string procedureName)
    : KioskScreen(session), m_serviceCode(std::move(serviceCode)), m_procedureName(std::move(procedureName)) {
    if (auto services = m_session.services().services())
        for (auto& s : *services)
            if (s.code == m_serviceCode) m_service = s;
    m_priorities = m_session.services().priorities();
    // The citizen's ID card says they are 60 or over: the elderly priority is offered, already chosen.
    if (const auto& citizen = m_session.citizen(); citizen && citizen->elderly) {
        if (auto code = m_session.services().elderlyCategory(); !code.empty()) {
            m_priority = std::move(code);
            m_priorityFromCard = true;
        }
    }
}

void ConfirmScreen::onShow() {
    // Back from the ticket screen (a busy database): the citizen may try again.
    m_confirmed = false;
    if (m_confirm) m_confirm->setEnabled(true);
    KioskScreen::onShow();
}

void ConfirmScreen::choose(std::optional<std::string> priority) {
    m_priority = std::move(priority);
    requestRebuild();
}

void ConfirmScreen::confirm() {
    // Two taps in the same frame both arrive here before any screen changes: only the first counts.
    if (m_confirmed) return;
    m_confirmed = true;
    if (m_confirm) m_confirm->setEnabled(false);
    m_session.showTicket(m_serviceCode, m_priority);
}

namespace {
// The pictogram of a priority category (by the codes of the office config; others: a person).
char32_t priorityIcon(const std::string& code) {
    if (code == "cao_tuoi") return ui::icons::kElderly;
    if (code == "khuyet_tat") return ui::icons::kAccessible;
    if (code == "mang_thai") return ui::icons::kPregnantWoman;
    if (code == "nguoi_co_cong") return ui::icons::kMilitaryTech;
    return ui::icons::kPerson;
}
}  // namespace

void ConfirmScreen::build() {
    auto content = std::make_unique<Box>(Axis::Vertical, 0);
    const std::string serviceName = m_service ? nameIn(*m_service, lang()) : m_serviceCode;
    if (!m_procedureName.empty()) content->add(std::make_unique<Label>(m_procedureName, FontRole::Body));
    if (m_service)
        content->add(std::make_unique<Label>(waitingText(*m_service, lang()), FontRole::Body, TextAlign::Left,
                                             TextColour::Muted));
    if (!m_priorities.empty()) {
        content->add(std::make_unique<Label>(t(words::kPriorityQuestion), FontRole::Heading));
        if (m_priorityFromCard)
            content->add(std::make_unique<Label>(t(words::kCardPriorityChosen), FontRole::Body,
                                                 TextAlign::Left, TextColour::Primary));
        // Radio choices: one is always chosen ("Không ưu tiên" at first), each with its pictogram and,
        // where the office gives one, what the category covers.
        auto choices = std::make_unique<ui::Grid>(landscape() ? 2 : 1);
        auto option = [&](const std::string& label, const std::string& definition, char32_t icon,
                          std::optional<std::string> code) {
            auto& b = choices->add(std::make_unique<Button>(
                label, [this, code] { choose(code); }, ButtonStyle::Secondary, FontRole::Button));
            b.setShape(ButtonShape::Radio);
            b.setSelected(m_priority == code);
            b.setSecondary(definition);
            b.setIcon(icon);
        };
        option(t(words::kNoPriority), "", ui::icons::kPerson, std::nullopt);
        for (const auto& p : m_priorities) {
            const bool en = lang() == Language::En;
            option(en && !p.nameEn.empty() ? p.nameEn : p.name, priorityExplanation(p, en),
                   priorityIcon(p.code), p.code);
        }
        m_choices = nullptr;
        content->add(std::move(choices));
    }
    m_builtLandscape = landscape();
    // Landscape: beside "Quay lại" and "Trang chủ" (Page::pinnedBesideNavigation), in their size of
    // text, so the priority choices have the room.
    auto confirmButton = std::make_unique<Button>(
        t(words::kConfirm), [this] { confirm(); }, ButtonStyle::Primary,
        landscape() ? FontRole::Heading : FontRole::Title);
    confirmButton->setIcon(ui::icons::kPrint);
    confirmButton->setShape(ButtonShape::Inline);
    confirmButton->setEnabled(!m_confirmed);
    m_confirm = confirmButton.get();
    Page page;
    page.title = std::string(t(words::kConfirmTitle)) + " " + serviceName;
    // The service's name is the office's data and may take two lines of large text: on a 1366x768
    // screen it scrolls with the choices rather than pushing "Quay lại" and "Trang chủ" off screen.
    page.titleScrolls = true;
    page.content = std::move(content);
    page.pinned = std::move(confirmButton);
    page.pinnedBesideNavigation = true;
    page.step = 2;
    setRoot(makePage(std::move(page)));
}

void ConfirmScreen::adapt(bool isLandscape) {
    if (isLandscape != m_builtLandscape) requestRebuild();
}

TicketScreen::TicketScreen(KioskSession& session, std::string serviceCode,
                           std::optional<std::string> priority)
    : KioskScreen(session), m_serviceCode(std::move(serviceCode)), m_priority(std::move(priority)) {}

TicketScreen::TicketScreen(KioskSession& session, CheckInCode appointment)
    : KioskScreen(session), m_appointmentCode(std::move(appointment.code)) {}

TicketScreen::TicketScreen(KioskSession& session, DossierTake dossier)
    : KioskScreen(session),
      m_serviceCode(std::move(dossier.serviceCode)),
      m_dossierCode(std::move(dossier.dossierCode)) {}

void TicketScreen::update(std::chrono::milliseconds dt) {
    switch (m_phase) {
        case Phase::Taking:
            if (!m_takingShown) {
                m_takingShown = true;  // "Đang in phiếu số…" is drawn this frame
                break;
            }
            takeAndPrint();
            requestRebuild();
            break;
        case Phase::Unsettled:
            settle();
            break;
        case Phase::Printing:
            if (auto report = m_session.services().printOutcome(*m_job)) {
                m_print = std::move(report);
                m_job.reset();
                m_phase = Phase::Finished;
                requestRebuild();
            }
            break;
        case Phase::Finished:
            break;
    }
    KioskScreen::update(dt);  // builds again when asked, and moves the spinner
}

void TicketScreen::adapt(bool isLandscape) {
    if (m_columns) m_columns->setAxis(isLandscape ? Axis::Horizontal : Axis::Vertical);
}

void TicketScreen::takeAndPrint() {
    auto& services = m_session.services();
    const auto& citizen = m_session.citizen();
    TakeResult taken;
    if (m_appointmentCode) {
        auto in = services.checkIn(*m_appointmentCode, citizen ? std::optional(citizen->id) : std::nullopt);
        m_checkInProblem = in.problem;
        m_appointment = std::move(in.appointment);
        m_onlineTicket = std::move(in.ticket);
        taken = std::move(in.take);
    } else {
        taken = services.take(m_serviceCode, m_priority, citizen ? std::optional(citizen->id) : std::nullopt,
                              m_dossierCode);
    }
    if (!taken.issued) {
        m_failure = taken.status;
        m_limit = taken.limit;
        m_closedVi = taken.closedVi;
        m_closedEn = taken.closedEn;
        m_unsettledKey = taken.unsettledKey;
        m_phase = m_unsettledKey.empty() ? Phase::Finished : Phase::Unsettled;
        return;
    }
    issuedNow(std::move(*taken.issued));
}

void TicketScreen::issuedNow(queue::IssuedTicket issued) {
    m_failure.reset();
    m_issued = std::move(issued);
    startPrint(false);
    // The number is on the screen now: read it aloud now, not after the printer.
    if (m_session.largeText()) m_session.services().readAloud(m_issued->ticket.number, lang());
}

void TicketScreen::settle() {
    auto settled = m_session.services().settleTake(m_unsettledKey);
    if (settled.state == Settled::Pending) return;
    m_unsettledKey.clear();
    if (settled.issued) {
        issuedNow(std::move(*settled.issued));  // the COMMIT had reached the server: this is their number
    } else {
        m_notIssued = true;
        m_phase = Phase::Finished;
    }
    requestRebuild();
}

void TicketScreen::startPrint(bool again) {
    auto& services = m_session.services();
    m_job = again ? services.startReprint(*m_issued, lang()) : services.startPrint(*m_issued, lang());
    if (again) ++m_reprints;
    // Refused only while this ticket is being printed elsewhere (maintenance): wait for nothing.
    m_phase = m_job ? Phase::Printing : Phase::Finished;
}

std::string TicketScreen::spokenSummary() const {
    if (!m_issued) return {};
    // The number letter by letter and digit by digit ("A, không, không, một"), then what the ticket says.
    const auto& issued = *m_issued;
    std::string number;
    for (char c : issued.ticket.number) {
        if (!number.empty()) number += ", ";
        number += c;
    }
    const Language l = lang();
    std::string text = say(words::kYourNumberSpoken, l, number);
    text += ". " + (l == Language::En && !issued.serviceNameEn.empty() ? issued.serviceNameEn
                                                                       : issued.ticket.currentServiceName);
    if (issued.ticket.priority)
        text += ". " + std::string(t(words::kPriority)) + ": " + issued.ticket.priorityName;
    if (!issued.counters.empty()) text += ". " + countersText(issued.counters, l);
    text += ". " + say(words::kAhead, l, issued.ahead);
    text += ". " + say(words::kExpectedWait, l, waitText(issued.estimatedWaitSeconds, l));
    if (printing() || !m_print) return text;
    if (m_print->printed()) return text + ". " + t(words::kTakeTicket);
    if (m_print->maybePrinted())
        return text + ". " + t(words::kMaybePrinted) + " " + t(words::kMaybePrintedNext);
    return text + ". " + t(words::kPrintFailed) + ". " + t(words::kStaffTold);
}

void TicketScreen::build() {
    m_columns = nullptr;
    if (m_phase == Phase::Taking) {
        auto box = std::make_unique<Box>(Axis::Vertical, Box::kThemed);
        box->add(std::make_unique<ui::Spacer>(), 1);
        box->add(std::make_unique<Label>(t(words::kPrinting), FontRole::Title, TextAlign::Center,
                                         TextColour::Primary));
        box->add(std::make_unique<Label>(t(words::kPrintingWait), FontRole::Heading, TextAlign::Center,
                                         TextColour::Muted));
        box->add(std::make_unique<ui::Spacer>(), 1);
        setRoot(withHeader(std::move(box)));
        return;
    }
    if (m_failure && *m_failure == TakeStatus::Offline) {
        auto column = std::make_unique<Box>(Axis::Vertical, 0);
        if (m_notIssued) {
            // The server answered: the take had issued nothing.
            column->add(std::make_unique<Label>(t(words::kServerBackNoNumber), FontRole::Heading,
                                                TextAlign::Left, TextColour::Primary));
        } else {
            column->add(serverLostCard(lang()));
            if (m_phase == Phase::Unsettled)
                column->add(std::make_unique<Label>(t(words::kServerLostMaybeIssued), FontRole::Heading,
                                                    TextAlign::Left, TextColour::Primary));
        }
        setRoot(makePage(t(words::kTakeNumber), std::move(column)));
        return;
    }
    if (m_failure && m_appointmentCode && m_checkInProblem != queue::CheckInProblem::None &&
        m_checkInProblem != queue::CheckInProblem::NotIssued) {
        // The booking's own problem: what it is, in one line, then back to the start.
        std::string why;
        const bool online = m_session.services().onlineCheckInEnabled();
        const std::string number = m_onlineTicket ? m_onlineTicket->number : std::string();
        switch (m_checkInProblem) {
            case queue::CheckInProblem::BadCode:
                why = t(online ? words::kPhoneCodeBad : words::kCheckInBadCode);
                break;
            case queue::CheckInProblem::NotOnline:
                why = say(words::kOnlineNotOnline, lang(), number);
                break;
            case queue::CheckInProblem::Closed:
                why = say(words::kOnlineClosed, lang(), number);
                break;
            case queue::CheckInProblem::OtherDay:
                why = say(words::kCheckInOtherDay, lang(),
                          !m_appointment           ? std::string()
                          : lang() == Language::En ? queue::dateInWordsEn(m_appointment->day)
                                                   : queue::dateInWordsVi(m_appointment->day));
                break;
            case queue::CheckInProblem::AlreadyCheckedIn:
                why = m_onlineTicket
                          ? say(words::kOnlineAlready, lang(), number)
                          : say(words::kCheckInAlready, lang(),
                                m_appointment ? m_appointment->ticketNumber.value_or("") : std::string());
                break;
            case queue::CheckInProblem::Late:
                why = t(words::kCheckInLate);
                break;
            case queue::CheckInProblem::Cancelled:
                why = t(words::kCheckInCancelled);
                break;
            default:
                why = t(online ? words::kPhoneCodeUnknown : words::kCheckInUnknown);
                break;
        }
        auto message = std::make_unique<Box>(Axis::Vertical, 0);
        message->add(std::make_unique<Label>(why, FontRole::Heading, TextAlign::Left, TextColour::Danger));
        setRoot(makePage(t(online ? words::kPhoneCode : words::kAppointment), std::move(message)));
        return;
    }
    if (m_failure) {
        const Phrase& why = *m_failure == TakeStatus::Busy         ? words::kBusy
                            : *m_failure == TakeStatus::CapReached ? words::kCapReached
                                                                   : words::kServiceUnavailable;
        auto message = std::make_unique<Box>(Axis::Vertical, 0);
        if (*m_failure == TakeStatus::CitizenLimit && m_limit) {
            // What happened, then what to do instead: the online portal, or staff (with the reference
            // a supervisor lifts the limit by).
            const bool perDay = m_limit->which == queue::CitizenLimitRefusal::Which::PerDay;
            message->add(std::make_unique<Label>(perDay
                                                     ? say(words::kLimitPerDay, lang(), m_limit->taken)
                                                     : say(words::kLimitPerField, lang(), m_limit->allowed),
                                                 FontRole::Heading, TextAlign::Left, TextColour::Danger));
            if (const auto portal = m_session.services().office("online_portal"); !portal.empty())
                message->add(
                    std::make_unique<Label>(say(words::kLimitOnline, lang(), portal), FontRole::Body));
            message->add(
                std::make_unique<Label>(say(words::kLimitStaff, lang(), m_limit->reference), FontRole::Body));
            // The card's banner would cover the title of what matters now.
            m_session.app().banner().hide();
            setRoot(makePage(t(words::kLimitTitle), std::move(message)));
            return;
        }
        if (*m_failure == TakeStatus::OutsideHours && !m_closedVi.empty()) {
            message->add(std::make_unique<Label>(lang() == Language::En ? m_closedEn : m_closedVi,
                                                 FontRole::Heading, TextAlign::Left, TextColour::Danger));
            if (const auto hours = m_session.services().office("opening_hours_text"); !hours.empty())
                message->add(
                    std::make_unique<Label>(hours, FontRole::Body, TextAlign::Left, TextColour::Muted));
            setRoot(makePage(t(words::kTakeNumber), std::move(message)));
            return;
        }
        message->add(std::make_unique<Label>(t(why), FontRole::Heading, TextAlign::Left, TextColour::Danger));
        setRoot(makePage(t(words::kTakeNumber), std::move(message)));
        return;
    }
    const auto& issued = *m_issued;
    const bool printed = m_print && m_print->printed();
    const bool maybePrinted = m_print && m_print->maybePrinted();
    // Not printed here because this ticket is being printed from elsewhere (maintenance) right now.
    const bool printedElsewhere = !m_print && !printing();
    auto left = std::make_unique<Box>(Axis::Vertical, 0);
    auto right = std::make_unique<Box>(Axis::Vertical, 0);
    left->add(std::make_unique<Label>(t(words::kYourNumber), FontRole::Heading, TextAlign::Center));
    left->add(std::make_unique<Label>(issued.ticket.number, FontRole::Huge, TextAlign::Center,
                                      TextColour::Primary));
    std::string service = lang() == Language::En && !issued.serviceNameEn.empty()
                              ? issued.serviceNameEn
                              : issued.ticket.currentServiceName;
    if (issued.ticket.priority)
        service += " · " + std::string(t(words::kPriority)) + ": " + issued.ticket.priorityName;
    left->add(std::make_unique<Label>(service, FontRole::Heading, TextAlign::Center));
    // A results or supplement number: the dossier it is for, under the service.
    if (!issued.dossierCode.empty())
        left->add(std::make_unique<Label>(say(words::kDossierOnTicket, lang(), issued.dossierCode),
                                          FontRole::Body, TextAlign::Center));
    if (m_onlineTicket)
        left->add(std::make_unique<Label>(t(words::kOnlineCheckedIn), FontRole::Heading, TextAlign::Center,
                                          TextColour::Primary));
    if (issued.ticket.dueAt)
        left->add(std::make_unique<Label>(
            say(words::kAppointmentAt, lang(),
                m_session.services().queue().calendar().clockText(*issued.ticket.dueAt)),
            FontRole::Heading, TextAlign::Center, TextColour::Primary));
    if (printing()) {
        // The number is already here; the paper is on its way, and the screen shows it is alive.
        left->add(std::make_unique<ui::Spinner>());
        left->add(std::make_unique<Label>(t(words::kPrinting), FontRole::Heading, TextAlign::Center,
                                          TextColour::Primary));
    }
    if (maybePrinted || (m_print && !printed)) {
        // One calm card, first in the second column (beside the number in landscape, under it in
        // portrait): what happened, what to do, and that staff already know. A ticket that may have
        // printed sends the citizen to the slot first; one that did not asks them to remember the number.
        auto card = std::make_unique<Box>(Axis::Vertical, 0);
        auto head = std::make_unique<Box>(Axis::Horizontal, 0);
        head->add(std::make_unique<ui::IconView>(ui::icons::kWarning, FontRole::Title, TextColour::OnNotice));
        head->add(std::make_unique<Label>(t(maybePrinted ? words::kMaybePrinted : words::kPrintFailed),
                                          FontRole::Heading, TextAlign::Left, TextColour::OnNotice),
                  1);
        card->add(std::move(head));
        if (maybePrinted) {
            card->add(std::make_unique<Label>(t(words::kMaybePrintedNext), FontRole::Body, TextAlign::Left,
                                              TextColour::OnNotice));
        } else {
            if (m_reprints > 0)
                card->add(std::make_unique<Label>(t(words::kPrintAgainFailed), FontRole::Body,
                                                  TextAlign::Left, TextColour::OnNotice));
            if (m_print->error)
                card->add(std::make_unique<Label>(printProblem(*m_print->error, lang()), FontRole::Body,
                                                  TextAlign::Left, TextColour::OnNotice));
            card->add(std::make_unique<Label>(t(words::kStaffTold), FontRole::Body, TextAlign::Left,
                                              TextColour::OnNotice));
        }
        right->add(std::make_unique<ui::Card>(ui::CardStyle::Notice, std::move(card)));
    }
    if (m_onlineTicket && issued.ticket.counter &&
        (issued.ticket.state == queue::TicketState::Called ||
         issued.ticket.state == queue::TicketState::Held)) {
        // Checked in after the number was called: go to the counter now, not to a seat.
        right->add(std::make_unique<Label>(say(words::kOnlineCalledNow, lang(), *issued.ticket.counter),
                                           FontRole::Heading, TextAlign::Center, TextColour::Danger));
    } else {
        right->add(std::make_unique<Label>(t(words::kPleaseWait), FontRole::Heading, TextAlign::Center));
    }
    auto facts = std::make_unique<Box>(Axis::Vertical, 0);
    facts->add(std::make_unique<Label>(say(words::kAhead, lang(), issued.ahead), FontRole::Heading,
                                       TextAlign::Left));
    facts->add(std::make_unique<Label>(
        say(words::kExpectedWait, lang(), waitText(issued.estimatedWaitSeconds, lang())), FontRole::Heading,
        TextAlign::Left));
    if (!issued.counters.empty()) {
        std::string list;
        for (std::size_t i = 0; i < issued.counters.size(); ++i)
            list += (i ? ", " : "") + std::to_string(issued.counters[i]);
        facts->add(
            std::make_unique<Label>(say(words::kServedAt, lang(), list), FontRole::Heading, TextAlign::Left));
    }
    if (!issued.ticketNote.empty()) {
        const bool en = lang() == Language::En && !issued.ticketNoteEn.empty();
        facts->add(std::make_unique<Label>(en ? issued.ticketNoteEn : issued.ticketNote, FontRole::Body,
                                           TextAlign::Left, TextColour::Muted));
    }
    right->add(std::make_unique<ui::Card>(ui::CardStyle::Surface, std::move(facts)));
    if (printed || printedElsewhere) {
        // The one thing to do now, the loudest thing on screen: last, nearest the printer slot under the
        // screen, pointing down at it.
        auto take = std::make_unique<Box>(Axis::Vertical, 0);
        take->add(std::make_unique<Label>(t(words::kTakeTicket), FontRole::Title, TextAlign::Center,
                                          TextColour::OnEmphasis));
        take->add(std::make_unique<ui::IconView>(ui::icons::kDoubleArrowDown, FontRole::Title,
                                                 TextColour::OnEmphasis));
        right->add(std::make_unique<ui::Card>(ui::CardStyle::Emphasis, std::move(take)));
    }
    // "Xong" is there while the printer works too. "In lại phiếu" only when no whole ticket came out:
    // not while printing, not when it may have printed, not without a printer configured.
    auto buttons = std::make_unique<Box>(Axis::Horizontal, 0);
    const bool canRetry = m_print && !printed && !maybePrinted && !printing() &&
                          m_print->error != printer::PrintError::NotConfigured;
    if (canRetry) {
        auto& again = buttons->add(std::make_unique<Button>(
                                       t(words::kPrintAgain),
                                       [this] {
                                           if (m_phase != Phase::Finished)
                                               return;  // two taps in one frame: one print
                                           startPrint(true);
                                           requestRebuild();
                                       },
                                       ButtonStyle::Secondary, FontRole::Heading),
                                   1);
        again.setIcon(ui::icons::kPrint);
        again.setShape(ButtonShape::Inline);
    }
    auto& done = buttons->add(
        std::make_unique<Button>(
            t(words::kDone), [this] { m_session.endVisit(); }, ButtonStyle::Primary, FontRole::Heading),
        1);
    done.setIcon(ui::icons::kCheckCircle);
    done.setShape(ButtonShape::Inline);
    // Landscape: the number on the left, what to do next on the right; portrait: one column.
    auto columns = std::make_unique<Box>(landscape() ? Axis::Horizontal : Axis::Vertical, 0);
    columns->add(std::move(left), 1);
    columns->add(std::move(right), 1);
    m_columns = columns.get();
    Page page;
    page.content = std::move(columns);
    page.pinned = std::move(buttons);
    page.withNavigation = false;
    // The take-number flow's last step; a number checked in for an appointment or taken with a
    // dossier code came by another way (no field chosen, no priority asked): no steps shown.
    page.step = m_appointmentCode || !m_dossierCode.empty() ? 0 : 3;
    setRoot(makePage(std::move(page)));
}

}  // namespace motcua::kiosk
