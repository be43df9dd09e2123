#include "kiosk/kiosk_app/rating_screen.h"

#include <fmt/format.h>

#include <algorithm>

#include "kiosk/ui/rating_look.h"
#include "kiosk/ui/scroll_view.h"
#include "printer/printer_status.h"

namespace motcua::kiosk {

namespace {
constexpr std::size_t kMaxNumberLength = 8;
constexpr std::size_t kMaxPinLength = 8;

// Rows of keys, the last row with the clear key; each key a big button, all rows as wide as the widest.
// A row longer than maxColumns (an office with many services has many letters) is split into even
// rows, so keys keep their size and their words whole however many letters the office uses.
std::unique_ptr<ui::Widget> keypad(const std::vector<std::vector<std::string>>& given,
                                   const std::function<void(const std::string&)>& onKey,
                                   std::size_t maxColumns = 6) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& row : given) {
        if (row.empty()) continue;
        const std::size_t parts = (row.size() + maxColumns - 1) / maxColumns;
        const std::size_t per = (row.size() + parts - 1) / parts;
        for (std::size_t from = 0; from < row.size(); from += per)
            rows.emplace_back(row.begin() + static_cast<std::ptrdiff_t>(from),
                              row.begin() + static_cast<std::ptrdiff_t>(std::min(row.size(), from + per)));
    }
    std::size_t columns = 1;
    for (const auto& row : rows) columns = std::max(columns, row.size());
    auto pad = std::make_unique<ui::Grid>(static_cast<int>(columns));
    pad->setKeptWhole(true);  // every key in view at once (kiosk/ui/layout_check.h)
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < columns; ++i) {
            if (i < row.size()) {
                const std::string key = row[i];
                pad->add(std::make_unique<Button>(
                    key, [onKey, key] { onKey(key); }, ButtonStyle::Secondary, FontRole::Heading));
            } else {
                pad->add(std::make_unique<ui::Spacer>());
            }
        }
    }
    return pad;
}
}  // namespace

RatingScreen::RatingScreen(KioskSession& session) : KioskScreen(session) {
    if (auto services = m_session.services().services())
        for (const auto& s : *services) m_prefixes.push_back(s.prefix);
    // Letters in alphabetical order on the keypad (the office lists its services in its own order).
    std::sort(m_prefixes.begin(), m_prefixes.end());
    m_prefixes.erase(std::unique(m_prefixes.begin(), m_prefixes.end()), m_prefixes.end());
}

void RatingScreen::typeKey(const std::string& key) {
    if (key == t(words::kClear)) {
        m_number.clear();
    } else if (m_number.size() < kMaxNumberLength) {
        m_number += key;
    }
    m_problem.reset();
    requestRebuild();
}

void RatingScreen::check() {
    const auto result = m_session.services().checkRatable(m_number);
    m_checkedNumber = result.number;
    if (result.status == RateStatus::Ok) {
        m_step = Step::Level;
        m_problem.reset();
    } else {
        m_problem = result.status;
    }
    requestRebuild();
}

void RatingScreen::rate(const std::string& level) {
    const auto result = m_session.services().rate(m_checkedNumber, level);
    if (result.status == RateStatus::Ok) {
        m_step = Step::Thanks;
    } else {
        m_step = Step::Number;
        m_problem = result.status;
    }
    requestRebuild();
}

void RatingScreen::build() {
    m_builtLandscape = landscape();
    m_builtLow = lowLandscape();
    if (m_step == Step::Number) {
        buildNumber();
        return;
    }
    if (m_step == Step::Level) {
        buildLevel();
        return;
    }
    auto content = std::make_unique<Box>(Axis::Vertical, 0);
    content->add(std::make_unique<ui::Spacer>(), 1);
    content->add(std::make_unique<Label>(t(words::kRateThanks), FontRole::Title, TextAlign::Center,
                                         TextColour::Primary));
    content->add(std::make_unique<ui::Spacer>(), 1);
    auto done = std::make_unique<Button>(
        t(words::kDone), [this] { m_session.endVisit(); }, ButtonStyle::Primary, FontRole::Title);
    Page page;
    page.title = t(words::kRateTitle);
    page.content = std::move(content);
    page.pinned = std::move(done);
    page.withNavigation = false;
    setRoot(makePage(std::move(page)));
}

void RatingScreen::buildLevel() {
    // The number and the question on one line in landscape, so the faces keep their height under the
    // header on a 768 px screen.
    auto content = std::make_unique<Box>(Axis::Vertical, 0);
    if (landscape()) {
        content->add(std::make_unique<Label>(m_checkedNumber + " · " + t(words::kRateQuestion),
                                             m_builtLow ? FontRole::Body : FontRole::Heading,
                                             TextAlign::Center, TextColour::Primary));
    } else {
        content->add(std::make_unique<Label>(m_checkedNumber, FontRole::Title, TextAlign::Center,
                                             TextColour::Primary));
        content->add(std::make_unique<Label>(t(words::kRateQuestion), FontRole::Heading, TextAlign::Center));
    }
    // The same faces and colours as the counter tablet (kiosk/ui/rating_look.h).
    const auto levels = m_session.services().ratingLevels();
    auto choices = std::make_unique<ui::Grid>(
        landscape() ? static_cast<int>(std::max<std::size_t>(1, levels.size())) : 1);
    choices->setKeptWhole(true);  // every answer in view at once (kiosk/ui/layout_check.h)
    for (std::size_t i = 0; i < levels.size(); ++i) {
        const auto& level = levels[i];
        auto& b = choices->add(std::make_unique<Button>(
            lang() == Language::En ? level.nameEn : level.nameVi,
            [this, code = std::string(level.code)] { rate(code); }, ButtonStyle::Primary, FontRole::Heading));
        const auto look = ui::ratingLook(i, levels.size(), level.satisfied);
        b.setIcon(look.face);
        b.setColours(look.fill, look.text);
        b.setShape(landscape() ? ButtonShape::Centered : ButtonShape::Inline);
        // Tall answers (portrait has the room: a thumb and poor sight find them at once).
        b.setMinHeight(!landscape() ? 180 : m_builtLow ? 0 : 260);
    }
    content->add(std::move(choices));
    setRoot(makePage(m_builtLow ? std::string() : std::string(t(words::kRateTitle)), std::move(content)));
}

void RatingScreen::buildNumber() {
    // What to type, the number as typed, why it cannot be rated.
    // On a 768 px screen in landscape the words take body text, two lines beside the number.
    const FontRole wordsRole = m_builtLow ? FontRole::Body : FontRole::Heading;
    auto instruction = std::make_unique<Label>(t(words::kRateEnter), wordsRole);
    auto number = std::make_unique<Label>(m_number.empty() ? "_" : m_number, FontRole::Title,
                                          TextAlign::Center, TextColour::Primary);
    std::unique_ptr<Label> problem;
    if (m_problem) {
        const Phrase& why = *m_problem == RateStatus::Unknown        ? words::kRateUnknown
                            : *m_problem == RateStatus::NotFinished  ? words::kRateNotFinished
                            : *m_problem == RateStatus::AlreadyRated ? words::kRateAlready
                            : *m_problem == RateStatus::Busy         ? words::kBusy
                                                                     : words::kRateInvalid;
        problem =
            std::make_unique<Label>(say(why, lang(), m_checkedNumber), wordsRole,
                                    landscape() ? TextAlign::Left : TextAlign::Center, TextColour::Danger);
    }
    auto onKey = [this](const std::string& key) { typeKey(key); };
    Page page;
    page.title = m_builtLow ? std::string() : std::string(t(words::kRateTitle));
    auto content = std::make_unique<Box>(Axis::Vertical, 0);
    if (landscape()) {
        // Landscape: the keys across the whole width under the number, so they are wide and take two
        // rows (the letters, the digits), whole under the header even on a 768 px screen in large
        // text; "Xóa" beside the number it clears; what to type, or why the number cannot be rated,
        // beside it (scrolling when it is longer than its room); "Tiếp tục" beside "Quay lại" and
        // "Trang chủ".
        auto words = std::make_unique<Box>(Axis::Vertical, 0);
        if (problem) {
            words->add(std::move(problem));
        } else {
            words->add(std::move(instruction));
        }
        auto top = std::make_unique<Box>(Axis::Horizontal, 0);
        top->add(std::make_unique<ui::ScrollView>(std::move(words)), 3);
        top->add(std::move(number), 1);
        auto clearColumn = std::make_unique<Box>(Axis::Vertical, 0);
        auto& clear = clearColumn->add(std::make_unique<Button>(
            t(words::kClear), [this] { typeKey(t(words::kClear)); }, ButtonStyle::Secondary,
            FontRole::Heading));
        clear.setIcon(ui::icons::kBackspace);
        clear.setShape(ButtonShape::Inline);
        clearColumn->add(std::make_unique<ui::Spacer>(), 1);
        top->add(std::move(clearColumn));
        content->add(std::move(top), 1);
        std::vector<std::vector<std::string>> rows;
        if (!m_prefixes.empty()) rows.push_back(m_prefixes);
        rows.push_back({"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"});
        content->add(keypad(rows, onKey, 10));
        page.middleScrolls = false;
        page.pinnedBesideNavigation = true;
        page.pinnedWeight = 1;  // "Trang chủ" whole on a 1366 px screen in large text
    } else {
        content->add(std::move(instruction));
        content->add(std::move(number));
        if (problem) content->add(std::move(problem));
        std::vector<std::vector<std::string>> rows;
        if (!m_prefixes.empty()) rows.push_back(m_prefixes);
        rows.push_back({"1", "2", "3", "4", "5"});
        rows.push_back({"6", "7", "8", "9", "0"});
        rows.back().push_back(t(words::kClear));
        // Six keys a row ("Xóa" stays whole in large text).
        content->add(keypad(rows, onKey, 6));
    }
    auto go = std::make_unique<Button>(
        t(words::kContinue), [this] { check(); }, ButtonStyle::Primary,
        landscape() ? FontRole::Button : FontRole::Title);
    go->setEnabled(!m_number.empty());
    if (landscape()) {
        go->setIcon(ui::icons::kArrowForward);
        go->setShape(ButtonShape::Inline);
    }
    page.content = std::move(content);
    page.pinned = std::move(go);
    setRoot(makePage(std::move(page)));
}

AdminPinScreen::AdminPinScreen(KioskSession& session) : KioskScreen(session) {
    m_supervisors = m_session.services().supervisors();
    if (m_supervisors.size() == 1) m_chosen = 0;
}

void AdminPinScreen::typeDigit(char digit) {
    if (m_pin.size() < kMaxPinLength) m_pin += digit;
    requestRebuild();
}

void AdminPinScreen::submit() {
    if (!m_chosen) return;
    const auto& who = m_supervisors[*m_chosen];
    const auto result = m_session.services().checkSupervisor(who.login, m_pin);
    m_pin.clear();
    switch (result.status) {
        case SupervisorCheck::Ok:
            m_message.clear();
            m_session.screens().pop();
            m_session.showMaintenance(who.name);
            return;
        case SupervisorCheck::Locked:
            m_message = say(words::kAdminLocked, Language::Vi, result.minutesLeft);
            break;
        case SupervisorCheck::WrongPin:
        case SupervisorCheck::NotAllowed:
            m_message = words::kAdminWrongPin.vi;
            break;
    }
    requestRebuild();
}

void AdminPinScreen::build() {
    // Staff screens are in Vietnamese whatever the citizen chose.
    auto content = std::make_unique<Box>(Axis::Vertical, 0);
    if (m_supervisors.empty()) {
        content->add(std::make_unique<Label>(words::kAdminNoSupervisor.vi, FontRole::Heading));
        setRoot(makePage(words::kAdminTitle.vi, std::move(content)));
        return;
    }
    if (!m_chosen) {
        content->add(std::make_unique<Label>(words::kAdminWho.vi, FontRole::Heading));
        for (std::size_t i = 0; i < m_supervisors.size(); ++i)
            content->add(std::make_unique<Button>(m_supervisors[i].name, [this, i] {
                m_chosen = i;
                requestRebuild();
            }));
        setRoot(makePage(words::kAdminTitle.vi, std::move(content)));
        return;
    }
    content->add(std::make_unique<Label>(say(words::kAdminPin, Language::Vi, m_supervisors[*m_chosen].name),
                                         FontRole::Heading));
    std::string dots;
    for (std::size_t i = 0; i < m_pin.size(); ++i) dots += i ? " •" : "•";
    content->add(std::make_unique<Label>(dots.empty() ? "–" : dots, FontRole::Title, TextAlign::Center));
    if (!m_message.empty())
        content->add(
            std::make_unique<Label>(m_message, FontRole::Heading, TextAlign::Center, TextColour::Danger));
    content->add(
        keypad({{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {words::kClear.vi, "0", words::kOk.vi}},
               [this](const std::string& key) {
                   if (key == words::kClear.vi) {
                       m_pin.clear();
                       requestRebuild();
                   } else if (key == words::kOk.vi) {
                       submit();
                   } else {
                       typeDigit(key[0]);
                   }
               }),
        1);
    setRoot(makePage(words::kAdminTitle.vi, std::move(content)));
}

MaintenanceScreen::MaintenanceScreen(KioskSession& session, std::string supervisor)
    : KioskScreen(session), m_supervisor(std::move(supervisor)) {}

void MaintenanceScreen::onShow() {
    askState();
    m_unprinted = m_session.services().unprintedTickets();
    m_listed = true;
    requestRebuild();
}

void MaintenanceScreen::askState() {
    m_state = words::kChecking.vi;
    ++m_asking;
    m_session.services().askPrinterState(whileShown([this](printer::PrinterState state) {
        --m_asking;
        m_state = std::string(printer::stateMessageVi(state));
        requestRebuild();
    }));
}

namespace {
// "Máy in hết giấy: vui lòng báo cán bộ." -> "Máy in hết giấy": staff need the fault, not the advice.
std::string faultOnly(const std::string& message) {
    return message.substr(0, message.find(':'));
}

// Why a listed ticket has no paper, for staff: the fault, and whether it may have printed.
std::string unprintedWhy(const queue::UnprintedTicket& u) {
    using Last = queue::UnprintedTicket::Last;
    if (u.last == Last::Unfinished) return words::kPrintUnfinished.vi;
    const auto error = printer::errorFromName(u.error);
    std::string why = error ? faultOnly(printProblem(*error, Language::Vi)) : u.error;
    if (u.error == "interrupted") why = words::kPrintInterrupted.vi;
    if (u.last == Last::MaybePrinted) why += " · " + std::string(words::kMaybePrintedStaff.vi);
    return why;
}
}  // namespace

void MaintenanceScreen::reprint(queue::UnprintedTicket ticket) {
    if (m_reprintJob) return;  // one at a time: the answer to the last one first
    auto& services = m_session.services();
    queue::IssuedTicket issued;
    issued.ticket = ticket.ticket;
    // The paper is for the citizen: in the language they took the number in; the screen stays Vietnamese.
    m_reprintJob = services.startReprint(issued, ticket.language == "en" ? Language::En : Language::Vi);
    m_reprintNumber = ticket.ticket.number;
    m_reprintResult = m_reprintJob ? say(words::kReprinting, Language::Vi, m_reprintNumber)
                                   : say(words::kAlreadyPrinting, Language::Vi, m_reprintNumber);
    requestRebuild();
}

void MaintenanceScreen::update(std::chrono::milliseconds dt) {
    if (m_reprintJob) {
        if (auto report = m_session.services().printOutcome(*m_reprintJob)) {
            m_reprintJob.reset();
            const std::string problem =
                report->error ? faultOnly(printProblem(*report->error, Language::Vi)) : std::string();
            m_reprintResult = report->printed() ? say(words::kReprinted, Language::Vi, m_reprintNumber)
                              : report->maybePrinted()
                                  ? say(words::kReprintMaybe, Language::Vi, m_reprintNumber, problem)
                                  : say(words::kReprintNotDone, Language::Vi, m_reprintNumber, problem);
            m_unprinted = m_session.services().unprintedTickets();
            requestRebuild();
        }
    }
    KioskScreen::update(dt);
}

void MaintenanceScreen::build() {
    auto& services = m_session.services();
    if (m_state.empty()) askState();
    auto content = std::make_unique<Box>(Axis::Vertical, 0);
    content->add(std::make_unique<Label>("Người mở: " + m_supervisor, FontRole::Body, TextAlign::Left,
                                         TextColour::Muted));
    content->add(std::make_unique<Label>(
        "Máy in: " + services.printerUri() +
            (services.printerIsDefault() ? " (theo cấu hình văn phòng)" : " (chọn khi khởi động)"),
        FontRole::Heading));
    content->add(std::make_unique<Label>("Trạng thái, giấy: " + m_state, FontRole::Heading));
    if (!m_testResult.empty())
        content->add(
            std::make_unique<Label>(m_testResult, FontRole::Heading, TextAlign::Left, TextColour::Primary));
    content->add(std::make_unique<Button>("Kiểm tra lại máy in", [this] {
        askState();
        requestRebuild();
    }));
    content->add(std::make_unique<Button>("In thử", [this] {
        m_testResult = "In thử: đang gửi phiếu mẫu…";
        ++m_asking;
        m_session.services().testPrint(whileShown([this](const std::string& problem) {
            --m_asking;
            m_testResult =
                problem.empty() ? "In thử: đã gửi phiếu mẫu tới máy in." : "In thử không được: " + problem;
            requestRebuild();
        }));
        requestRebuild();
    }));

    // Citizens whose ticket did not print: once the printer works, their paper can follow.
    if (!m_listed) {
        m_unprinted = services.unprintedTickets();
        m_listed = true;
    }
    content->add(std::make_unique<Label>(words::kUnprintedTitle.vi, FontRole::Heading));
    if (!m_reprintResult.empty())
        content->add(
            std::make_unique<Label>(m_reprintResult, FontRole::Body, TextAlign::Left, TextColour::Primary));
    auto list = std::make_unique<Box>(Axis::Vertical, 0);
    if (m_unprinted.empty())
        list->add(std::make_unique<Label>(words::kUnprintedNone.vi, FontRole::Body, TextAlign::Left,
                                          TextColour::Muted));
    const auto& calendar = services.queue().calendar();
    for (std::size_t i = 0; i < m_unprinted.size(); ++i) {
        const auto& u = m_unprinted[i];
        const std::string why = unprintedWhy(u);
        auto& row = list->add(std::make_unique<Box>(Axis::Horizontal, 0));
        row.add(std::make_unique<Label>(u.ticket.number + " · " + u.ticket.currentServiceName + " · " +
                                            calendar.clockText(u.failedAt) + " · " + why,
                                        FontRole::Body),
                1);
        row.add(std::make_unique<Button>(words::kReprintShort.vi, [this, i] {
            if (i < m_unprinted.size()) reprint(m_unprinted[i]);
        }));
    }
    content->add(std::make_unique<ui::ScrollView>(std::move(list)), 1);
    content->add(std::make_unique<Button>(
        "Trở lại màn hình cho công dân", [this] { m_session.endVisit(); }, ButtonStyle::Primary));
    content->add(std::make_unique<Button>("Thoát chương trình", [this] {
        m_session.services().log("exit requested from the maintenance screen by " + m_supervisor);
        m_session.exitProgram();
    }));
    auto page = std::make_unique<Box>(Axis::Vertical, Box::kThemed);
    page->add(
        std::make_unique<Label>("Bảo trì máy lấy số", FontRole::Title, TextAlign::Left, TextColour::Primary));
    page->add(std::move(content), 1);
    setRoot(std::move(page));
}

}  // namespace motcua::kiosk
