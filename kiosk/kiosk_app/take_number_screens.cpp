#include "kiosk/kiosk_app/take_number_screens.h"

#include <fmt/format.h>

#include "kiosk/ui/scroll_view.h"
#include "kiosk/ui/spinner.h"
#include "printer/printer_status.h"

namespace motcua::kiosk {

namespace {

std::string countersText(const std::vector<int>& counters, Language language) {
    std::string list;
    for (std::size_t i = 0; i < counters.size(); ++i) list += (i ? ", " : "") + std::to_string(counters[i]);
    return say(words::kCounters, language, list);
}

std::string waitingText(const queue::ServiceStatus& s, Language language) {
    std::string text = s.waiting == 0 ? words::kNobodyWaiting.pick(language) : say(words::kWaiting, language, s.waiting);
    if (!s.counters.empty()) text += " · " + countersText(s.counters, language);
    return text;
}

const std::string& nameIn(const queue::ServiceStatus& s, Language language) {
    return language == Language::En && !s.nameEn.empty() ? s.nameEn : s.name;
}

}  // namespace

void ServicesScreen::onShow() {
    m_services = m_session.services().services();
    m_loaded = true;
    requestRebuild();
}

void ServicesScreen::build() {
    if (!m_loaded) {
        m_services = m_session.services().services();
        m_loaded = true;
    }
    auto list = std::make_unique<Box>(Axis::Vertical, 0);
    m_list = list.get();
    if (!m_services) {
        list->add(std::make_unique<Label>(t(words::kBusy), FontRole::Heading, TextAlign::Left, TextColour::Danger));
    } else {
        for (const auto& s : *m_services) {
            auto& b = list->add(std::make_unique<Button>(nameIn(s, lang()), [this, code = s.code] {
                m_session.showConfirm(code);
            }));
            b.setSecondary(waitingText(s, lang()));
        }
    }
    setRoot(makePage(t(words::kChooseService), std::make_unique<ui::ScrollView>(std::move(list))));
}

void ServicesScreen::adapt(bool) {}

ConfirmScreen::ConfirmScreen(KioskSession& session, std::string serviceCode, std::string procedureName)
    : KioskScreen(session), m_serviceCode(std::move(serviceCode)), m_procedureName(std::move(procedureName)) {
    if (auto services = m_session.services().services())
        for (auto& s : *services)
            if (s.code == m_serviceCode) m_service = s;
    m_priorities = m_session.services().priorities();
}

void ConfirmScreen::onShow() {
    // Back from the ticket screen (a busy database): the citizen may try again.
    m_confirmed = false;
    if (m_confirm) m_confirm->setEnabled(true);
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

void ConfirmScreen::build() {
    auto content = std::make_unique<Box>(Axis::Vertical, 0);
    const std::string serviceName = m_service ? nameIn(*m_service, lang()) : m_serviceCode;
    content->add(std::make_unique<Label>(serviceName, FontRole::Heading, TextAlign::Left, TextColour::Primary));
    if (!m_procedureName.empty()) content->add(std::make_unique<Label>(m_procedureName, FontRole::Body));
    if (m_service) content->add(std::make_unique<Label>(waitingText(*m_service, lang()), FontRole::Body, TextAlign::Left,
                                                        TextColour::Muted));
    if (!m_priorities.empty()) {
        content->add(std::make_unique<Label>(t(words::kPriorityQuestion), FontRole::Heading));
        auto choices = std::make_unique<Box>(Axis::Vertical, 0);
        auto option = [&](const std::string& label, std::optional<std::string> code) {
            const bool selected = m_priority == code;
            auto& b = choices->add(std::make_unique<Button>(label + (selected ? (lang() == Language::En ? " (chosen)" : " (đã chọn)") : ""),
                                                            [this, code] { choose(code); },
                                                            selected ? ButtonStyle::Primary : ButtonStyle::Secondary));
            (void)b;
        };
        option(t(words::kNoPriority), std::nullopt);
        for (const auto& p : m_priorities)
            option(std::string(t(words::kPriority)) + ": " + (lang() == Language::En && !p.nameEn.empty() ? p.nameEn : p.name),
                   p.code);
        m_choices = choices.get();
        content->add(std::make_unique<ui::ScrollView>(std::move(choices)), 1);
    } else {
        content->add(std::make_unique<ui::Spacer>(), 1);
    }
    auto& confirmButton = content->add(std::make_unique<Button>(t(words::kConfirm), [this] { confirm(); }, ButtonStyle::Primary,
                                                          FontRole::Title));
    confirmButton.setEnabled(!m_confirmed);
    m_confirm = &confirmButton;
    setRoot(makePage(t(words::kConfirmTitle), std::move(content)));
}

void ConfirmScreen::adapt(bool) {}

TicketScreen::TicketScreen(KioskSession& session, std::string serviceCode, std::optional<std::string> priority)
    : KioskScreen(session), m_serviceCode(std::move(serviceCode)), m_priority(std::move(priority)) {}

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
        case Phase::Printing:
            if (auto report = m_session.services().printOutcome(*m_job)) {
                m_print = std::move(report);
                m_job.reset();
                m_phase = Phase::Finished;
                requestRebuild();
            }
            break;
        case Phase::Finished: break;
    }
    KioskScreen::update(dt);  // builds again when asked, and moves the spinner
}

void TicketScreen::adapt(bool isLandscape) {
    if (m_columns) m_columns->setAxis(isLandscape ? Axis::Horizontal : Axis::Vertical);
}

void TicketScreen::takeAndPrint() {
    auto& services = m_session.services();
    auto taken = services.take(m_serviceCode, m_priority);
    if (!taken.issued) {
        m_failure = taken.status;
        m_phase = Phase::Finished;
        return;
    }
    m_issued = std::move(taken.issued);
    startPrint(false);
    // The number is on the screen now: read it aloud now, not after the printer.
    if (m_session.largeText()) services.readAloud(m_issued->ticket.number, lang());
}

void TicketScreen::startPrint(bool again) {
    auto& services = m_session.services();
    m_job = again ? services.startReprint(*m_issued, lang()) : services.startPrint(*m_issued, lang());
    if (again) ++m_reprints;
    // Refused only while this ticket is being printed elsewhere (maintenance): wait for nothing.
    m_phase = m_job ? Phase::Printing : Phase::Finished;
}

void TicketScreen::build() {
    m_columns = nullptr;
    auto box = std::make_unique<Box>(Axis::Vertical, Box::kThemed);
    if (m_phase == Phase::Taking) {
        box->add(std::make_unique<ui::Spacer>(), 1);
        box->add(std::make_unique<Label>(t(words::kPrinting), FontRole::Title, TextAlign::Center, TextColour::Primary));
        box->add(std::make_unique<Label>(t(words::kPrintingWait), FontRole::Heading, TextAlign::Center, TextColour::Muted));
        box->add(std::make_unique<ui::Spacer>(), 1);
        setRoot(std::move(box));
        return;
    }
    if (m_failure) {
        const Phrase& why = *m_failure == TakeStatus::Busy         ? words::kBusy
                            : *m_failure == TakeStatus::CapReached ? words::kCapReached
                                                                   : words::kServiceUnavailable;
        auto message = std::make_unique<Box>(Axis::Vertical, 0);
        message->add(std::make_unique<Label>(t(why), FontRole::Heading, TextAlign::Left, TextColour::Danger));
        setRoot(makePage(t(words::kTakeNumber), std::move(message)));
        return;
    }
    const auto& issued = *m_issued;
    const bool printed = m_print && m_print->printed();
    const bool maybePrinted = m_print && m_print->maybePrinted();
    // Landscape: the number on the left, what to do next on the right; portrait: one column.
    auto left = std::make_unique<Box>(Axis::Vertical, 0);
    auto right = std::make_unique<Box>(Axis::Vertical, 0);
    left->add(std::make_unique<Label>(t(words::kYourNumber), FontRole::Heading, TextAlign::Center));
    left->add(std::make_unique<Label>(issued.ticket.number, FontRole::Huge, TextAlign::Center, TextColour::Primary));
    std::string service = lang() == Language::En && !issued.serviceNameEn.empty() ? issued.serviceNameEn
                                                                                    : issued.ticket.currentServiceName;
    if (issued.ticket.priority) service += " · " + std::string(t(words::kPriority)) + ": " + issued.ticket.priorityName;
    left->add(std::make_unique<Label>(service, FontRole::Heading, TextAlign::Center));
    if (printing()) {
        // The number is already here; the paper is on its way, and the screen shows it is alive.
        left->add(std::make_unique<ui::Spinner>());
        left->add(std::make_unique<Label>(t(words::kPrinting), FontRole::Heading, TextAlign::Center, TextColour::Primary));
    } else if (maybePrinted) {
        // The printer took the ticket, then failed: it may be in the slot, or come out later.
        left->add(std::make_unique<Label>(t(words::kMaybePrinted), FontRole::Heading, TextAlign::Center,
                                         TextColour::Primary));
        left->add(std::make_unique<Label>(t(words::kMaybePrintedNext), FontRole::Body, TextAlign::Center,
                                         TextColour::Danger));
    } else if (!m_print && !printing()) {
        // Not printed because this ticket is being printed from elsewhere (maintenance) right now.
        left->add(std::make_unique<Label>(t(words::kTakeTicket), FontRole::Body, TextAlign::Center, TextColour::Muted));
    } else if (!printed) {
        // The number must be remembered: say so first, in the danger colour, with why.
        left->add(std::make_unique<Label>(t(words::kPrintFailed), FontRole::Heading, TextAlign::Center, TextColour::Danger));
        if (m_reprints > 0)
            left->add(std::make_unique<Label>(t(words::kPrintAgainFailed), FontRole::Body, TextAlign::Center, TextColour::Danger));
        // The fault's own message ends with what to do ("vui lòng báo cán bộ"); without one, at least
        // say that staff have been told (print_failed reaches the consoles).
        if (m_print && m_print->error)
            left->add(std::make_unique<Label>(printProblem(*m_print->error, lang()), FontRole::Heading, TextAlign::Center,
                                             TextColour::Danger));
        else
            left->add(std::make_unique<Label>(t(words::kStaffTold), FontRole::Body, TextAlign::Center, TextColour::Muted));
    } else if (m_reprints > 0) {
        // Printed after all: the citizen pressed "In lại phiếu" and waits for this.
        left->add(std::make_unique<Label>(t(words::kTakeTicket), FontRole::Heading, TextAlign::Center, TextColour::Primary));
    } else {
        left->add(std::make_unique<Label>(t(words::kTakeTicket), FontRole::Body, TextAlign::Center, TextColour::Muted));
    }
    right->add(std::make_unique<Label>(t(words::kPleaseWait), FontRole::Title, TextAlign::Center));
    right->add(std::make_unique<Label>(say(words::kAhead, lang(), issued.ahead), FontRole::Heading, TextAlign::Center));
    right->add(std::make_unique<Label>(say(words::kExpectedWait, lang(), waitText(issued.estimatedWaitSeconds, lang())),
                                     FontRole::Heading, TextAlign::Center));
    if (!issued.counters.empty()) {
        std::string list;
        for (std::size_t i = 0; i < issued.counters.size(); ++i) list += (i ? ", " : "") + std::to_string(issued.counters[i]);
        right->add(std::make_unique<Label>(say(words::kServedAt, lang(), list), FontRole::Body, TextAlign::Center));
    }
    if (!issued.ticketNote.empty())
        right->add(std::make_unique<Label>(issued.ticketNote, FontRole::Body, TextAlign::Center, TextColour::Muted));
    right->add(std::make_unique<ui::Spacer>(), 1);
    {
        // "Xong" is there while the printer works too. "In lại phiếu" only when no whole ticket came
        // out: not while printing, not when it may have printed, not without a printer configured.
        // Two buttons go side by side so that they fit under the failure message in portrait; with
        // large text their labels are a size smaller, so that each stays on one line.
        auto buttons = std::make_unique<Box>(Axis::Horizontal, 0);
        const bool canRetry = m_print && !printed && !maybePrinted && !printing() &&
                              m_print->error != printer::PrintError::NotConfigured;
        const FontRole role = canRetry && m_session.largeText() ? FontRole::Heading : FontRole::Title;
        if (canRetry) {
            buttons->add(std::make_unique<Button>(t(words::kPrintAgain), [this] {
                if (m_phase != Phase::Finished) return;  // two taps in one frame: one print
                startPrint(true);
                requestRebuild();
            }, ButtonStyle::Secondary, role), 1);
        }
        buttons->add(std::make_unique<Button>(t(words::kDone), [this] { m_session.endVisit(); }, ButtonStyle::Primary, role),
                     1);
        right->add(std::move(buttons));
    }
    m_columns = box.get();
    box->setAxis(landscape() ? Axis::Horizontal : Axis::Vertical);
    box->add(std::move(left), 1);
    box->add(std::move(right), 1);
    setRoot(std::move(box));
}

}  // namespace motcua::kiosk
