#include "kiosk/console_app/work_screen.h"

#include <fmt/format.h>

#include "kiosk/console_app/appointments_screen.h"
#include "kiosk/console_app/choice_screen.h"
#include "kiosk/console_app/finish_screen.h"
#include "kiosk/console_app/number_screen.h"
#include "kiosk/ui/box.h"
#include "kiosk/ui/button.h"
#include "kiosk/ui/card.h"
#include "kiosk/ui/connection_banner.h"
#include "kiosk/ui/label.h"
#include "kiosk/ui/scroll_view.h"

namespace motcua::console {

using namespace motcua::ui;
using queue::TicketState;

namespace {

struct MoveInfo {
    Move move;
    const char* label;
    Key key;
};

// In the order of the buttons; call next is the big one above the others.
constexpr MoveInfo kMoves[] = {
    {Move::CallNext, "Gọi số tiếp theo", Key::F1},
    {Move::Recall, "Gọi lại", Key::F2},
    {Move::Start, "Bắt đầu", Key::F3},
    {Move::Finish, "Hoàn thành", Key::F4},
    {Move::NoShow, "Vắng mặt", Key::F5},
    {Move::ReturnFront, "Về đầu hàng chờ", Key::F6},
    {Move::ReturnBack, "Về cuối hàng chờ", Key::F7},
    {Move::Hold, "Tạm giữ", Key::F8},
    {Move::Transfer, "Chuyển", Key::F9},
    {Move::CallNumber, "Gọi số cụ thể", Key::F10},
};

const char* stateVi(TicketState state) {
    switch (state) {
        case TicketState::Called:
            return "Đang gọi — chờ công dân đến quầy";
        case TicketState::Serving:
            return "Đang phục vụ";
        default:
            return "";
    }
}

// Tight, these moves are behind "Thao tác khác" (the strip's five are buttons of their own).
bool isOtherMove(Move move) {
    return move == Move::ReturnFront || move == Move::ReturnBack || move == Move::Hold ||
           move == Move::Transfer || move == Move::CallNumber;
}

}  // namespace

Move nextMove(const CounterView& view) {
    if (view.current && view.current->ticket.state == TicketState::Called) return Move::Start;
    if (view.current && view.current->ticket.state == TicketState::Serving) return Move::Finish;
    return Move::CallNext;
}

const char* moveLabel(Move move) {
    for (const auto& m : kMoves)
        if (m.move == move) return m.label;
    return "";
}

std::string firstClause(const std::string& text) {
    std::size_t end = text.size();
    for (const char* mark : {" — ", " (", ". "}) end = std::min(end, text.find(mark));
    return text.substr(0, end);
}

Key moveKey(Move move) {
    for (const auto& m : kMoves)
        if (m.move == move) return m.key;
    return Key::Unknown;
}

std::optional<long long> checkInMinutesLeft(const queue::OnlineCheckInState& checkIn, queue::TimeMs now) {
    if (!checkIn.deadline) return std::nullopt;
    return static_cast<long long>((*checkIn.deadline - now + 59'999) / 60'000);
}

std::string checkInLine(const queue::OnlineCheckInState& checkIn, queue::TimeMs now) {
    const auto left = checkInMinutesLeft(checkIn, now);
    if (!left) return {};
    std::string text = "Chưa xác nhận có mặt tại kiosk";
    if (*left > 0)
        text += fmt::format(" · còn {} phút", *left);
    else
        text += " · đang chuyển thành vắng mặt";
    return text;
}

namespace {

std::string minutes(queue::TimeMs from, queue::TimeMs to) {
    return fmt::format("{} phút", std::max<queue::TimeMs>(0, to - from) / 60'000);
}

}  // namespace

WorkScreen::WorkScreen(Console& console, bool returnToCompact)
    : m_console(console), m_returnToCompact(returnToCompact) {}

void WorkScreen::onShow() {
    // Back from the move's own screen (finish, transfer, a given number): the strip takes over again.
    if (m_returnToCompact && m_moveStarted) {
        m_console.screens().pop();
        return;
    }
    m_console.session().refresh();
    m_dirty = true;
}

std::string WorkScreen::seen() const {
    return m_shown;
}

void WorkScreen::handleInput(const InputEvent& event) {
    if (event.type == InputType::Key) {
        for (const auto& m : kMoves) {
            if (m.key == event.key) {
                if (allowed(m_console.session().view(), m.move)) perform(m.move);
                return;
            }
        }
        if (event.key == Key::F11) {
            toggleBreak();
            return;
        }
        if (event.key == Key::Escape && m_returnToCompact) {
            m_console.screens().pop();
            return;
        }
        if (event.key == Key::F12) {
            m_console.session().refresh();
            m_dirty = true;
            return;
        }
    }
    WidgetScreen::handleInput(event);
}

void WorkScreen::update(std::chrono::milliseconds dt) {
    if (m_pendingMove) {
        const Move move = *m_pendingMove;
        m_pendingMove.reset();
        m_moveStarted = true;
        perform(move);
    }
    m_sincePoll += dt;
    m_sinceClock += dt;
    if (m_sincePoll >= kPollInterval) {
        m_sincePoll = {};
        if (m_console.session().poll()) m_dirty = true;
    }
    if (m_console.notice().has_value() != m_noticeShown) m_dirty = true;
    if (m_console.session().offline() != m_offlineShown) m_dirty = true;
    if (m_sinceClock >= kClockInterval) {
        m_sinceClock = {};
        m_console.session().refresh();
        m_dirty = true;
    }
    if (m_dirty) rebuild();
    WidgetScreen::update(dt);
}

void WorkScreen::after(const ActionResult& result) {
    m_console.tell(result);
    m_dirty = true;
}

void WorkScreen::perform(Move move) {
    auto& s = m_console.session();
    const std::string number = seen();
    switch (move) {
        case Move::CallNext:
            after(s.callNext(number));
            return;
        case Move::Recall:
            after(s.recall(number));
            return;
        case Move::Start:
            after(s.start(number));
            return;
        case Move::NoShow:
            after(s.noShow(number));
            return;
        case Move::ReturnFront:
            after(s.returnToQueue(number, true));
            return;
        case Move::ReturnBack:
            after(s.returnToQueue(number, false));
            return;
        case Move::Hold:
            after(s.hold(number));
            return;
        case Move::Finish:
            m_console.screens().push(std::make_unique<FinishScreen>(
                m_console, number, s.view().current ? s.view().current->times.dossierCode : std::string()));
            return;
        case Move::CallNumber:
            m_console.screens().push(std::make_unique<NumberScreen>(m_console, number));
            return;
        case Move::Transfer: {
            std::vector<Choice> choices;
            const auto& current = s.view().current;
            for (const auto& svc : s.services()) {
                if (current && svc.code == current->ticket.currentServiceCode) continue;
                choices.push_back({svc.name, svc.code, fmt::format("{} người đang chờ", svc.waiting)});
            }
            m_console.screens().push(std::make_unique<ChoiceScreen>(
                m_console, fmt::format("Chuyển số {} sang lĩnh vực khác", number),
                "Số giữ nguyên; công dân chờ ở hàng chờ của lĩnh vực mới.", std::move(choices),
                [this, number](const std::string& code) {
                    after(m_console.session().transfer(number, code));
                }));
            return;
        }
    }
}

void WorkScreen::checkPriority() {
    const auto& view = m_console.session().view();
    if (!view.current || !view.current->ticket.priority) return;
    const auto& t = view.current->ticket;
    const std::string number = t.number;
    std::string definition = m_console.session().priorityDefinitionVi(*t.priority);
    if (definition.empty())
        definition = "Cấu hình của bộ phận chưa ghi định nghĩa: kiểm tra theo quy định hiện hành.";
    std::vector<Choice> choices{
        {"Đúng đối tượng ưu tiên", "yes", "Giấy tờ của công dân khớp với diện ưu tiên đã chọn"},
        {"Không đúng đối tượng", "no", "Ghi nhận lại; công dân vẫn được phục vụ"},
    };
    m_console.screens().push(std::make_unique<ChoiceScreen>(
        m_console, fmt::format("Kiểm tra ưu tiên của số {}: {}", number, t.priorityName), definition,
        std::move(choices), [this, number](const std::string& value) {
            after(m_console.session().checkPriority(number, value == "yes"));
        }));
}

void WorkScreen::toggleBreak() {
    if (m_console.session().view().onBreak) {
        after(m_console.session().endBreak());
        return;
    }
    std::vector<Choice> reasons;
    for (const auto& r : kBreakReasons) reasons.push_back({r, r, ""});
    m_console.screens().push(std::make_unique<ChoiceScreen>(
        m_console, "Tạm nghỉ", "Trong khi nghỉ, quầy không gọi số; màn hình phòng chờ hiện quầy tạm dừng.",
        std::move(reasons),
        [this](const std::string& reason) { after(m_console.session().startBreak(reason)); }));
}

void WorkScreen::layout(const LayoutContext& context, Size size) {
    const double scale = context.theme.textScale();
    if (size != m_arrangedFor || scale != m_arrangedScale) {
        m_arrangedFor = size;
        m_arrangedScale = scale;
        const auto lineOf = [&](FontRole role) {
            return context.metrics.lineHeight(context.theme.font(role));
        };
        m_noticeHeight = std::max(kNoticeHeight, lineOf(FontRole::Small) + 2);
        m_cardHeight = std::max(kTicketCardHeight, static_cast<int>(kTicketCardHeight * scale));
        // The arrangement whose last row of moves lies inside the window (see below).
        m_dense = false;
        m_tight = false;
        m_scrollMoves = false;
        // The pause button as wide as the wider of its two labels (one width in both states): a fixed
        // width for the widest text size squeezed the officer's name onto three lines at 1024 px.
        const TextStyle small = context.theme.font(FontRole::Small);
        for (const bool dense : {false, true}) {
            int& width = dense ? m_pauseWidthDense : m_pauseWidthRegular;
            width = 0;
            for (const bool onBreak : {false, true})
                width = std::max(width, context.metrics.measure(pauseLabel(onBreak, dense), small).width);
            width += 2 * context.theme.spacing() + 4;
        }
        const auto fits = [&] { return !m_moves || m_moves->bounds().bottom() <= size.height - kPadding; };
        rebuild();
        WidgetScreen::layout(context, size);
        // Regular, then dense, then tight (each keeps the one before's changes); the moves scroll only
        // where even the tight one does not fit.
        for (bool* arrangement : {&m_dense, &m_tight}) {
            if (fits()) break;
            *arrangement = true;
            rebuild();
            WidgetScreen::layout(context, size);
        }
        if (!fits()) {
            m_scrollMoves = true;
            rebuild();
        }
    }
    WidgetScreen::layout(context, size);
}

void WorkScreen::rebuild() {
    m_dirty = false;
    const auto& view = m_console.session().view();
    m_shown = view.current ? view.current->ticket.number : std::string();
    m_noticeShown = m_console.notice().has_value();
    m_offlineShown = m_console.session().offline();

    auto root = std::make_unique<Box>(Axis::Vertical, kPadding, 12);
    auto header = std::make_unique<Box>(Axis::Horizontal, 0, 12);
    const auto& officer = m_console.session().officer();
    // Small: a real counter name is long ("Quầy 5 – Hỗ trợ dịch vụ công trực tuyến"); one line keeps the
    // last row of buttons on a 768-pixel screen.
    header->add(
        std::make_unique<Label>(fmt::format("{} · {}", view.counterName, officer.name), FontRole::Small), 1);
    if (!m_tight)
        header->add(std::make_unique<Label>(m_console.calendar().clockText(view.now), FontRole::Body,
                                            TextAlign::Right, TextColour::Muted));
    auto& pause = header->add(std::make_unique<Button>(
        pauseLabel(view.onBreak, m_dense), [this] { toggleBreak(); },
        view.onBreak ? ButtonStyle::Primary : ButtonStyle::Secondary, FontRole::Small));
    // One width in both states: nothing beside it moves.
    pause.setFixedWidth(m_dense ? m_pauseWidthDense : m_pauseWidthRegular);
    auto& out = header->add(std::make_unique<Button>(
        "Đăng xuất",
        [this] {
            m_console.session().logout();
            m_console.screens().popToRoot();
        },
        ButtonStyle::Secondary, FontRole::Small));
    out.setFixedWidth(static_cast<int>(170 * m_arrangedScale));
    root->add(std::move(header));
    // The notice line is always there, empty or not, so the buttons below never move; while the server
    // cannot be reached it holds the lost-server banner instead.
    const auto notice = m_console.notice();
    auto noticeRow = std::make_unique<Box>(Axis::Horizontal, 0, 12);
    if (m_offlineShown) {
        noticeRow->add(std::make_unique<ui::ConnectionBanner>(false, FontRole::Small), 1)
            .setFixedHeight(m_noticeHeight);
    } else {
        // Dense: the notice's first clause ("Đã gọi số A002"); its reason does not fit one line.
        const std::string text = !notice ? std::string() : m_dense ? firstClause(notice->text) : notice->text;
        auto& noticeLine = noticeRow->add(
            std::make_unique<Label>(text, FontRole::Small, TextAlign::Left,
                                    notice && notice->error ? TextColour::Danger : TextColour::Primary),
            1);
        noticeLine.setFixedHeight(m_noticeHeight);
    }
    // Dense, the side column has no room to spare (its list is a line or two): today's appointments
    // go at the right of the notice line, which then holds a short first clause and is as tall as
    // ever, so no move shifts. The regular arrangement has them at the foot of the side column.
    if (m_dense && view.appointmentsToday) {
        auto& open = noticeRow->add(appointmentsButton());
        open.setFixedHeight(m_noticeHeight);
    }
    root->add(std::move(noticeRow)).setFixedHeight(m_noticeHeight);

    auto body = std::make_unique<Box>(Axis::Horizontal, 0, 20);
    auto left = std::make_unique<Box>(Axis::Vertical, 0, 12);
    // Dense: the ticket goes to the top of the side column, the moves have the left one to themselves.
    if (!m_dense) left->add(buildTicketCard());
    auto moves = buildActions();
    m_moves = moves.get();
    if (m_scrollMoves) {
        left->add(std::make_unique<ScrollView>(std::move(moves)), 1);
    } else {
        left->add(std::move(moves));
        // Tight: the ticket's times under the moves, where the two columns of moves leave room; the
        // side column keeps its height for the waiting list.
        if (m_tight && view.current) left->add(std::make_unique<Label>(timesText(), FontRole::Small));
        left->add(std::make_unique<Spacer>(), 1);
    }
    body->add(std::move(left), 3);
    body->add(buildSide(), 2);
    root->add(std::move(body), 1);
    setRoot(std::move(root));
}

std::unique_ptr<Widget> WorkScreen::buildTicketCard() {
    const auto& view = m_console.session().view();
    const auto& cal = m_console.calendar();
    auto card = std::make_unique<Box>(Axis::Vertical, 0, 4);
    // As tall in every state (no ticket, called, serving, on a break): the buttons stay where they are.
    // Dense, it is in the side column, above no button: as tall as it needs.
    if (!m_dense) card->setFixedHeight(m_cardHeight);
    // Dense: a title line and one line under it (the times follow it).
    const FontRole title = m_dense ? FontRole::Body : FontRole::Heading;
    if (view.onBreak) {
        card->add(std::make_unique<Label>(fmt::format("Quầy đang tạm nghỉ: {}", view.breakReason), title,
                                          TextAlign::Left, TextColour::Danger));
        std::string since =
            fmt::format("Từ {} ({}).", cal.clockText(view.breakSince), minutes(view.breakSince, view.now));
        if (!m_dense) since += " Không gọi số được cho đến khi bấm \"Tiếp tục làm việc\".";
        card->add(std::make_unique<Label>(since, FontRole::Small, TextAlign::Left, TextColour::Muted));
    }
    if (!view.current) {
        if (!view.onBreak) {
            card->add(std::make_unique<Label>("Quầy chưa có số nào", title));
            card->add(std::make_unique<Label>(
                view.waiting.empty()
                    ? "Chưa có ai chờ ở các lĩnh vực của quầy."
                    : fmt::format("Bấm \"Gọi số tiếp theo\" (F1) để gọi số {}.", view.waiting.front().number),
                FontRole::Small, TextAlign::Left, TextColour::Muted));
        }
        return card;
    }
    const auto& t = view.current->ticket;
    const auto& times = view.current->times;
    auto line = std::make_unique<Box>(Axis::Horizontal, 0, 24);
    line->add(std::make_unique<Label>(t.number, m_dense ? FontRole::Heading : FontRole::Title,
                                      TextAlign::Left, TextColour::Primary));
    auto info = std::make_unique<Box>(Axis::Vertical, 0, 2);
    info->add(std::make_unique<Label>(stateVi(t.state), m_dense ? FontRole::Small : FontRole::Body));
    std::string what = t.currentServiceName;
    if (t.priority) {
        what += " · Ưu tiên: " + t.priorityName;
        if (times.priorityChecked)
            what += times.priorityConfirmed ? " (đã kiểm tra)" : " (không đúng đối tượng)";
    }
    if (t.leg > 1 && !m_dense) what += fmt::format(" · chuyển từ lĩnh vực khác (lượt {})", t.leg);
    info->add(std::make_unique<Label>(what, FontRole::Small, TextAlign::Left, TextColour::Muted));
    // A results or supplement number: the dossier the citizen came for, to look up before they sit.
    if (!times.dossierCode.empty())
        info->add(std::make_unique<Label>("Mã hồ sơ: " + times.dossierCode, FontRole::Small, TextAlign::Left,
                                          TextColour::Primary));
    // A number taken online, called and not checked in at the kiosk: the citizen may not be in the
    // building. It becomes a no-show by itself when the time is up (QueueService::noShowsNotCheckedIn).
    // One line: the card's height is fixed.
    if (const auto& in = view.current->checkIn; in.deadline) {
        info->add(std::make_unique<Label>(checkInLine(in, view.now), FontRole::Small, TextAlign::Left,
                                          TextColour::Danger));
    } else if (in.online) {
        info->add(std::make_unique<Label>(
            in.checkedIn ? "Số lấy trực tuyến · đã xác nhận có mặt tại kiosk" : "Số lấy trực tuyến",
            FontRole::Small, TextAlign::Left, TextColour::Muted));
    }
    line->add(std::move(info), 1);
    card->add(std::move(line));
    if (!m_dense) card->add(std::make_unique<Label>(timesText(), FontRole::Small));
    return card;
}

std::string WorkScreen::timesText() const {
    const auto& view = m_console.session().view();
    const auto& cal = m_console.calendar();
    if (!view.current) return {};
    const auto& t = view.current->ticket;
    const auto& times = view.current->times;
    std::string text = fmt::format("Lấy số {}", cal.clockText(times.issued));
    if (times.called) {
        text += fmt::format(" · Gọi {} · Đã chờ {}", cal.clockText(*times.called),
                            minutes(times.queued, *times.called));
    }
    if (times.started)
        text += fmt::format(" · Bắt đầu {} · Đang phục vụ {}", cal.clockText(*times.started),
                            minutes(*times.started, view.now));
    if (t.recalls > 0) text += fmt::format(" · Gọi lại {} lần", t.recalls);
    if (m_dense && t.leg > 1) text += fmt::format(" · chuyển từ lĩnh vực khác (lượt {})", t.leg);
    return text;
}

std::unique_ptr<Widget> WorkScreen::buildActions() {
    const auto& view = m_console.session().view();
    auto box = std::make_unique<Box>(Axis::Vertical, 0, 10);
    const auto& first = kMoves[0];
    // The move that usually comes next is the one filled in: call, then start, then finish.
    const Move next = nextMove(view);
    // Dense: the key beside the label, one line a button (the next number is at the top of the list).
    auto& call = box->add(std::make_unique<Button>(
        m_dense ? fmt::format("{} ({})", first.label, keyName(first.key)) : std::string(first.label),
        [this] { perform(Move::CallNext); },
        next == Move::CallNext ? ButtonStyle::Primary : ButtonStyle::Secondary, FontRole::Button));
    if (!m_dense)
        call.setSecondary(view.waiting.empty()
                              ? "F1 · không có ai chờ"
                              : fmt::format("F1 · tiếp theo: {}", view.waiting.front().number));
    call.setEnabled(allowed(view, Move::CallNext));
    // Every label on one line ("Về cuối hàng chờ" too), so the three rows fit a 1366x768 laptop.
    // Tight (large text on a 1024x768 screen): two columns of the moves of every ticket (as on the
    // compact strip) and "Thao tác khác", which lists the rest; their F-keys work as ever.
    auto grid = std::make_unique<Grid>(m_tight ? 2 : 3, 10);
    for (std::size_t i = 1; i < std::size(kMoves); ++i) {
        const auto& m = kMoves[i];
        if (m_tight && isOtherMove(m.move)) continue;
        auto& b = grid->add(std::make_unique<Button>(
            m_dense ? fmt::format("{} ({})", m.label, keyName(m.key)) : std::string(m.label),
            [this, move = m.move] { perform(move); },
            m.move == next && allowed(view, m.move) ? ButtonStyle::Primary : ButtonStyle::Secondary,
            FontRole::Small));
        if (!m_dense) b.setSecondary(keyName(m.key));
        b.setEnabled(allowed(view, m.move));
    }
    if (m_tight) {
        bool any = false;
        for (const auto& m : kMoves) any = any || (isOtherMove(m.move) && allowed(view, m.move));
        auto& other = grid->add(std::make_unique<Button>(
            "Thao tác khác (F6–F10)", [this] { chooseOtherMove(); }, ButtonStyle::Secondary,
            FontRole::Small));
        other.setEnabled(any);
    }
    box->add(std::move(grid));
    return box;
}

std::string WorkScreen::pauseLabel(bool onBreak, bool dense) {
    // Dense: the short form ("Tiếp tục" under the ticket card's "Quầy đang tạm nghỉ").
    if (dense) return onBreak ? "Tiếp tục (F11)" : "Tạm nghỉ (F11)";
    return onBreak ? "Tiếp tục làm việc (F11)" : "Tạm nghỉ (F11)";
}

void WorkScreen::chooseOtherMove() {
    const auto& view = m_console.session().view();
    std::vector<Choice> choices;
    for (const auto& m : kMoves) {
        if (!isOtherMove(m.move) || !allowed(view, m.move)) continue;
        choices.push_back(
            {fmt::format("{} ({})", m.label, keyName(m.key)), std::to_string(static_cast<int>(m.move)), ""});
    }
    m_console.screens().push(std::make_unique<ChoiceScreen>(
        m_console, "Thao tác khác", "Mỗi thao tác cũng có phím tắt riêng (F6–F10).", std::move(choices),
        [this](const std::string& value) { m_pendingMove = static_cast<Move>(std::stoi(value)); }));
}

std::unique_ptr<Button> WorkScreen::appointmentsButton() {
    // Only while the office takes bookings (the view has no count otherwise).
    return std::make_unique<Button>(
        fmt::format("Lịch hẹn hôm nay ({})", m_console.session().view().appointmentsToday.value_or(0)),
        [this] { m_console.screens().push(std::make_unique<AppointmentsScreen>(m_console)); },
        ButtonStyle::Secondary, FontRole::Small);
}

std::unique_ptr<Widget> WorkScreen::buildSide() {
    auto& session = m_console.session();
    const auto& view = session.view();
    auto side = std::make_unique<Box>(Axis::Vertical, 0, 8);
    if (m_dense) {
        side->add(buildTicketCard());
        if (view.current && !m_tight) side->add(std::make_unique<Label>(timesText(), FontRole::Small));
    }
    if (view.current && view.current->ticket.priority) {
        // The officer checks the citizen's papers against the category and records what was found.
        const auto& t = view.current->ticket;
        const auto& times = view.current->times;
        if (m_dense) {
            // The ticket above says whether it was checked: the button alone, one line of the column.
            side->add(std::make_unique<Button>(
                times.priorityChecked ? "Kiểm tra lại ưu tiên" : "Kiểm tra ưu tiên",
                [this] { checkPriority(); }, ButtonStyle::Secondary, FontRole::Small));
        } else {
            auto row = std::make_unique<Box>(Axis::Horizontal, 0, 8);
            const std::string state = !times.priorityChecked    ? "chưa kiểm tra giấy tờ"
                                      : times.priorityConfirmed ? "đã kiểm tra: đúng đối tượng"
                                                                : "đã kiểm tra: không đúng đối tượng";
            row->add(
                std::make_unique<Label>(
                    fmt::format("Số {} ưu tiên ({}): {}", t.number, t.priorityName, state), FontRole::Small,
                    TextAlign::Left, times.priorityChecked ? TextColour::Muted : TextColour::Primary),
                1);
            // Not filled: the filled button is the next move.
            auto& check = row->add(std::make_unique<Button>(
                times.priorityChecked ? "Kiểm tra lại ưu tiên" : "Kiểm tra ưu tiên",
                [this] { checkPriority(); }, ButtonStyle::Secondary, FontRole::Small));
            check.setFixedWidth(260);
            side->add(std::move(row));
        }
    }
    for (const auto& alert : session.alerts()) {
        auto row = std::make_unique<Box>(Axis::Horizontal, 0, 8);
        row->add(std::make_unique<Label>(alert.textVi, FontRole::Small, TextAlign::Left, TextColour::Danger),
                 1);
        auto& seenButton = row->add(std::make_unique<Button>(
            "Đã xem",
            [this, key = alert.key] {
                m_console.session().dismissAlert(key);
                m_dirty = true;
            },
            ButtonStyle::Secondary, FontRole::Small));
        seenButton.setFixedWidth(130);
        side->add(std::move(row));
    }
    // Dense: the short heading keeps to one line of the narrow column.
    side->add(std::make_unique<Label>(m_dense
                                          ? fmt::format("Hàng chờ: {} người", view.waiting.size())
                                          : fmt::format("Hàng chờ của quầy: {} người", view.waiting.size()),
                                      FontRole::Body, TextAlign::Left, TextColour::Primary));
    auto list = std::make_unique<Box>(Axis::Vertical, 0, 4);
    std::unique_ptr<Label> reasonAfterRows;
    if (!view.nextReasonVi.empty()) {
        auto reason = std::make_unique<Label>(
            fmt::format("Vì sao {} tiếp theo: {}", view.waiting.front().number, view.nextReasonVi),
            FontRole::Small, TextAlign::Left, TextColour::Muted);
        // Dense: the reason scrolls with the list under the ticket, after its rows (the rows first in
        // the little room there is; a priority ticket's check left the reason alone in view).
        if (m_dense)
            reasonAfterRows = std::move(reason);
        else
            side->add(std::move(reason));
    }
    // Tight: a row on one line of the narrow column; the field's name only where the list has more
    // than one field.
    bool oneField = true;
    for (const auto& t : view.waiting)
        oneField = oneField && t.currentServiceName == view.waiting.front().currentServiceName;
    const int target = session.queue().callOrder().waitTargetMinutes;
    for (std::size_t i = 0; i < view.waiting.size(); ++i) {
        const auto& t = view.waiting[i];
        const int waited = waitedMinutes(t, view.now);
        std::string text = m_tight && oneField ? fmt::format("{}. {} · chờ {} phút", i + 1, t.number, waited)
                                               : fmt::format("{}. {} · {} · chờ {} phút", i + 1, t.number,
                                                             t.currentServiceName, waited);
        if (t.priority && !m_tight) text += " · " + t.priorityName;  // tight: the badge alone
        auto row = std::make_unique<Box>(Axis::Horizontal, 0, 8);
        if (t.priority) {
            // A badge, not only words at the end of a line: priority tickets stand out in the list.
            auto badge = std::make_unique<Label>("Ưu tiên", FontRole::Small, TextAlign::Center,
                                                 TextColour::OnEmphasis);
            row->add(std::make_unique<Card>(CardStyle::Emphasis, std::move(badge)));
        }
        row->add(std::make_unique<Label>(text, FontRole::Small, TextAlign::Left,
                                         waited >= target ? TextColour::Danger : TextColour::Normal),
                 1);
        list->add(std::move(row));
    }
    if (view.waiting.empty())
        list->add(
            std::make_unique<Label>("Không có ai chờ.", FontRole::Small, TextAlign::Left, TextColour::Muted));
    if (reasonAfterRows) list->add(std::move(reasonAfterRows));
    side->add(std::make_unique<ScrollView>(std::move(list)), 1);
    if (!view.held.empty()) {
        std::string held = "Đang tạm giữ ở quầy:";
        for (const auto& t : view.held) held += " " + t.number;
        side->add(std::make_unique<Label>(held + " (gọi lại bằng F10)", FontRole::Small, TextAlign::Left,
                                          TextColour::Normal));
    }
    // At the foot of the side column, away from the moves (dense: in the notice line).
    if (!m_dense && view.appointmentsToday) side->add(appointmentsButton());
    return side;
}

}  // namespace motcua::console
