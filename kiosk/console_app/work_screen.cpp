#include "kiosk/console_app/work_screen.h"

#include <fmt/format.h>

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

Key moveKey(Move move) {
    for (const auto& m : kMoves)
        if (m.move == move) return m.key;
    return Key::Unknown;
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
            m_console.screens().push(std::make_unique<FinishScreen>(m_console, number));
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

void WorkScreen::rebuild() {
    m_dirty = false;
    const auto& view = m_console.session().view();
    m_shown = view.current ? view.current->ticket.number : std::string();
    m_noticeShown = m_console.notice().has_value();
    m_offlineShown = m_console.session().offline();

    auto root = std::make_unique<Box>(Axis::Vertical, 16, 12);
    auto header = std::make_unique<Box>(Axis::Horizontal, 0, 12);
    const auto& officer = m_console.session().officer();
    // Small: a real counter name is long ("Quầy 5 – Hỗ trợ dịch vụ công trực tuyến"); one line keeps the
    // last row of buttons on a 768-pixel screen.
    header->add(
        std::make_unique<Label>(fmt::format("{} · {}", view.counterName, officer.name), FontRole::Small), 1);
    header->add(std::make_unique<Label>(m_console.calendar().clockText(view.now), FontRole::Body,
                                        TextAlign::Right, TextColour::Muted));
    auto& pause = header->add(std::make_unique<Button>(
        view.onBreak ? "Tiếp tục làm việc (F11)" : "Tạm nghỉ (F11)", [this] { toggleBreak(); },
        view.onBreak ? ButtonStyle::Primary : ButtonStyle::Secondary, FontRole::Small));
    pause.setFixedWidth(320);  // one width in both states: nothing beside it moves
    auto& out = header->add(std::make_unique<Button>(
        "Đăng xuất",
        [this] {
            m_console.session().logout();
            m_console.screens().popToRoot();
        },
        ButtonStyle::Secondary, FontRole::Small));
    out.setFixedWidth(170);
    root->add(std::move(header));
    // The notice line is always there, empty or not, so the buttons below never move; while the server
    // cannot be reached it holds the lost-server banner instead.
    const auto notice = m_console.notice();
    if (m_offlineShown) {
        root->add(std::make_unique<ui::ConnectionBanner>(false, FontRole::Small))
            .setFixedHeight(kNoticeHeight);
    } else {
        auto& noticeLine = root->add(
            std::make_unique<Label>(notice ? notice->text : std::string(), FontRole::Small, TextAlign::Left,
                                    notice && notice->error ? TextColour::Danger : TextColour::Primary));
        noticeLine.setFixedHeight(kNoticeHeight);
    }

    auto body = std::make_unique<Box>(Axis::Horizontal, 0, 20);
    auto left = std::make_unique<Box>(Axis::Vertical, 0, 12);
    left->add(buildTicketCard());
    left->add(buildActions(), 1);
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
    card->setFixedHeight(kTicketCardHeight);
    if (view.onBreak) {
        card->add(std::make_unique<Label>(fmt::format("Quầy đang tạm nghỉ: {}", view.breakReason),
                                          FontRole::Heading, TextAlign::Left, TextColour::Danger));
        card->add(std::make_unique<Label>(
            fmt::format("Từ {} ({}). Không gọi số được cho đến khi bấm \"Tiếp tục làm việc\".",
                        cal.clockText(view.breakSince), minutes(view.breakSince, view.now)),
            FontRole::Small, TextAlign::Left, TextColour::Muted));
    }
    if (!view.current) {
        if (!view.onBreak) {
            card->add(std::make_unique<Label>("Quầy chưa có số nào", FontRole::Heading));
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
    line->add(std::make_unique<Label>(t.number, FontRole::Title, TextAlign::Left, TextColour::Primary));
    auto info = std::make_unique<Box>(Axis::Vertical, 0, 2);
    info->add(std::make_unique<Label>(stateVi(t.state), FontRole::Body));
    std::string what = t.currentServiceName;
    if (t.priority) what += " · Ưu tiên: " + t.priorityName;
    if (t.leg > 1) what += fmt::format(" · chuyển từ lĩnh vực khác (lượt {})", t.leg);
    info->add(std::make_unique<Label>(what, FontRole::Small, TextAlign::Left, TextColour::Muted));
    line->add(std::move(info), 1);
    card->add(std::move(line));
    std::string timesText = fmt::format("Lấy số {}", cal.clockText(times.issued));
    if (times.called) {
        timesText += fmt::format(" · Gọi {} · Đã chờ {}", cal.clockText(*times.called),
                                 minutes(times.queued, *times.called));
    }
    if (times.started)
        timesText += fmt::format(" · Bắt đầu {} · Đang phục vụ {}", cal.clockText(*times.started),
                                 minutes(*times.started, view.now));
    if (t.recalls > 0) timesText += fmt::format(" · Gọi lại {} lần", t.recalls);
    card->add(std::make_unique<Label>(timesText, FontRole::Small));
    return card;
}

std::unique_ptr<Widget> WorkScreen::buildActions() {
    const auto& view = m_console.session().view();
    auto box = std::make_unique<Box>(Axis::Vertical, 0, 10);
    const auto& first = kMoves[0];
    // The move that usually comes next is the one filled in: call, then start, then finish.
    const Move next = nextMove(view);
    auto& call = box->add(std::make_unique<Button>(
        first.label, [this] { perform(Move::CallNext); },
        next == Move::CallNext ? ButtonStyle::Primary : ButtonStyle::Secondary, FontRole::Button));
    call.setSecondary(view.waiting.empty() ? "F1 · không có ai chờ"
                                           : fmt::format("F1 · tiếp theo: {}", view.waiting.front().number));
    call.setEnabled(allowed(view, Move::CallNext));
    // Every label on one line ("Về cuối hàng chờ" too), so the three rows fit a 1366x768 laptop.
    auto grid = std::make_unique<Grid>(3, 10);
    for (std::size_t i = 1; i < std::size(kMoves); ++i) {
        const auto& m = kMoves[i];
        auto& b = grid->add(std::make_unique<Button>(
            m.label, [this, move = m.move] { perform(move); },
            m.move == next && allowed(view, m.move) ? ButtonStyle::Primary : ButtonStyle::Secondary,
            FontRole::Small));
        b.setSecondary(keyName(m.key));
        b.setEnabled(allowed(view, m.move));
    }
    box->add(std::move(grid));
    return box;
}

std::unique_ptr<Widget> WorkScreen::buildSide() {
    auto& session = m_console.session();
    const auto& view = session.view();
    auto side = std::make_unique<Box>(Axis::Vertical, 0, 8);
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
    side->add(std::make_unique<Label>(fmt::format("Hàng chờ của quầy: {} người", view.waiting.size()),
                                      FontRole::Body, TextAlign::Left, TextColour::Primary));
    if (!view.nextReasonVi.empty())
        side->add(std::make_unique<Label>(
            fmt::format("Vì sao {} tiếp theo: {}", view.waiting.front().number, view.nextReasonVi),
            FontRole::Small, TextAlign::Left, TextColour::Muted));
    auto list = std::make_unique<Box>(Axis::Vertical, 0, 4);
    const int target = session.queue().callOrder().waitTargetMinutes;
    for (std::size_t i = 0; i < view.waiting.size(); ++i) {
        const auto& t = view.waiting[i];
        const int waited = waitedMinutes(t, view.now);
        std::string text =
            fmt::format("{}. {} · {} · chờ {} phút", i + 1, t.number, t.currentServiceName, waited);
        if (t.priority) text += " · " + t.priorityName;
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
    side->add(std::make_unique<ScrollView>(std::move(list)), 1);
    if (!view.held.empty()) {
        std::string held = "Đang tạm giữ ở quầy:";
        for (const auto& t : view.held) held += " " + t.number;
        side->add(std::make_unique<Label>(held + " (gọi lại bằng F10)", FontRole::Small, TextAlign::Left,
                                          TextColour::Normal));
    }
    return side;
}

}  // namespace motcua::console
