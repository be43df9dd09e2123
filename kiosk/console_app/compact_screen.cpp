#include "kiosk/console_app/compact_screen.h"

#include <fmt/format.h>

#include <algorithm>

#include "kiosk/console_app/work_screen.h"
#include "kiosk/ui/box.h"
#include "kiosk/ui/button.h"
#include "kiosk/ui/card.h"
#include "kiosk/ui/connection_banner.h"
#include "kiosk/ui/label.h"

namespace motcua::console {

using namespace motcua::ui;
using queue::TicketState;

namespace {
// The moves the strip offers itself, in this order after the next move; the rest open the full console.
constexpr Move kStripMoves[] = {Move::CallNext, Move::Recall, Move::Start, Move::Finish, Move::NoShow};

bool needsRoom(Move move) {
    return move == Move::Finish || move == Move::Transfer || move == Move::CallNumber;
}
}  // namespace

CompactScreen::CompactScreen(Console& console) : m_console(console) {}

void CompactScreen::onShow() {
    m_console.setCompact(true);
    m_console.session().refresh();
    m_dirty = true;
}

void CompactScreen::openFull(std::optional<Move> move) {
    m_console.setCompact(false);
    auto work = std::make_unique<WorkScreen>(m_console, /*returnToCompact=*/true);
    if (move) work->performAfterShow(*move);
    m_console.screens().push(std::move(work));
}

void CompactScreen::perform(Move move) {
    auto& s = m_console.session();
    if (!allowed(s.view(), move)) return;
    if (needsRoom(move)) {
        // The full console makes the move (with its own screens) and hands back to the strip.
        openFull(move);
        return;
    }
    const std::string seen = m_shown;
    ActionResult result;
    switch (move) {
        case Move::CallNext:
            result = s.callNext(seen);
            break;
        case Move::Recall:
            result = s.recall(seen);
            break;
        case Move::Start:
            result = s.start(seen);
            break;
        case Move::NoShow:
            result = s.noShow(seen);
            break;
        default:
            return;
    }
    m_console.tell(result);
    m_dirty = true;
}

void CompactScreen::handleInput(const InputEvent& event) {
    if (event.type == InputType::Key) {
        for (const Move move :
             {Move::CallNext, Move::Recall, Move::Start, Move::Finish, Move::NoShow, Move::ReturnFront,
              Move::ReturnBack, Move::Hold, Move::Transfer, Move::CallNumber}) {
            if (moveKey(move) == event.key) {
                perform(move);
                return;
            }
        }
        if (event.key == Key::F11 || event.key == Key::F12) {
            openFull();
            return;
        }
    }
    WidgetScreen::handleInput(event);
}

void CompactScreen::update(std::chrono::milliseconds dt) {
    m_sincePoll += dt;
    if (m_sincePoll >= kPollInterval) {
        m_sincePoll = {};
        if (m_console.session().poll()) m_dirty = true;
    }
    if (m_console.notice().has_value() != m_noticeShown) m_dirty = true;
    if (m_console.session().offline() != m_offlineShown) m_dirty = true;
    // The minutes left to check in count down with the clock, as on the full console.
    m_sinceClock += dt;
    if (m_sinceClock >= WorkScreen::kClockInterval) {
        m_sinceClock = {};
        m_console.session().refresh();
        m_dirty = true;
    }
    if (m_dirty) rebuild();
    WidgetScreen::update(dt);
}

void CompactScreen::layout(const LayoutContext& context, Size size) {
    if (size.width != m_arrangedWidth) {
        m_arrangedWidth = size.width;
        const TextStyle style = context.theme.font(FontRole::Small);
        m_nextMoveWidth = 0;
        for (const Move move : {Move::CallNext, Move::Start, Move::Finish})
            m_nextMoveWidth =
                std::max(m_nextMoveWidth, context.metrics.measure(moveLabel(move), style).width);
        m_nextMoveWidth += 2 * context.theme.spacing() + 4;
        m_narrow = false;
        rebuild();
        WidgetScreen::layout(context, size);
        if (m_info && m_info->bounds().width < kMinInfoWidth) {
            m_narrow = true;
            rebuild();
        }
    }
    WidgetScreen::layout(context, size);
}

void CompactScreen::rebuild() {
    m_dirty = false;
    const auto& view = m_console.session().view();
    m_shown = view.current ? view.current->ticket.number : std::string();
    m_noticeShown = m_console.notice().has_value();
    m_offlineShown = m_console.session().offline();

    auto row = std::make_unique<Box>(Axis::Horizontal, 8, 8);
    // The ticket: number, state and service, a priority mark.
    auto& number =
        row->add(std::make_unique<Label>(view.current ? view.current->ticket.number : "—", FontRole::Heading,
                                         TextAlign::Center, TextColour::Primary));
    number.setFixedWidth(130);
    auto info = std::make_unique<Box>(Axis::Vertical, 0, 0);
    std::string state = view.onBreak    ? "Quầy đang tạm nghỉ"
                        : !view.current ? fmt::format("Chưa có số · {} người chờ", view.waiting.size())
                        : view.current->ticket.state == TicketState::Called ? "Đang gọi"
                                                                            : "Đang phục vụ";
    TextColour stateColour = TextColour::Normal;
    std::string detail = view.current ? view.current->ticket.currentServiceName : view.counterName;
    TextColour detailColour = TextColour::Muted;
    // A number taken online and not checked in at the kiosk (called: the deadline exists only then): the
    // citizen may not be in the building, and it becomes a no-show by itself when the minutes are up, as
    // the full console's ticket card says. Two short lines in red in place of the state and the service
    // (an online number has no priority badge, so the lines have the strip's whole width for the state).
    if (const auto left = view.current ? checkInMinutesLeft(view.current->checkIn, view.now) : std::nullopt) {
        state = "Chưa xác nhận tại kiosk";
        detail = *left > 0 ? fmt::format("Vắng mặt sau {} phút", *left) : "Đang chuyển thành vắng mặt";
        stateColour = detailColour = TextColour::Danger;
    }
    info->add(std::make_unique<Label>(state, FontRole::Small, TextAlign::Left, stateColour));
    // The strip is one line high: the notice's first clause ("Đã gọi số A001", "Mã PIN này dễ đoán"),
    // its reason ("— Số ưu tiên được gọi trước …", "(cần 6–8 chữ số …)") is in the full console. A
    // number awaiting its check-in keeps its minutes left unless the notice is a refusal.
    if (const auto notice = m_console.notice();
        notice && (notice->error || stateColour == TextColour::Normal)) {
        detail = firstClause(notice->text);
        detailColour = notice->error ? TextColour::Danger : TextColour::Muted;
    }
    info->add(std::make_unique<Label>(detail, FontRole::Small, TextAlign::Left, detailColour));
    if (view.current && view.current->ticket.priority) {
        auto badge =
            std::make_unique<Label>("Ưu tiên", FontRole::Small, TextAlign::Center, TextColour::OnEmphasis);
        row->add(std::make_unique<Card>(CardStyle::Emphasis, std::move(badge)));
    }
    m_info = info.get();
    if (m_offlineShown)
        m_info = &row->add(std::make_unique<ui::ConnectionBanner>(false, FontRole::Small), 1);
    else
        row->add(std::move(info), 1);
    // The moves: the next one filled, each with its key, each as wide as its label (one line); the same
    // places in every state. Narrow: the next move alone, in a place as wide as the widest of them.
    const Move next = nextMove(view);
    for (const Move move : kStripMoves) {
        if (m_narrow && move != next) continue;
        auto& b = row->add(std::make_unique<Button>(
            moveLabel(move), [this, move] { perform(move); },
            move == next && allowed(view, move) ? ButtonStyle::Primary : ButtonStyle::Secondary,
            FontRole::Small));
        b.setSecondary(keyName(moveKey(move)));
        b.setEnabled(allowed(view, move));
        if (m_narrow) b.setFixedWidth(m_nextMoveWidth);
    }
    // As wide as "Mở rộng" on one line, "F12" under it (a fixed 120 px wrapped it to three lines).
    row->add(std::make_unique<Button>(
                 "Mở rộng", [this] { openFull(); }, ButtonStyle::Secondary, FontRole::Small))
        .setSecondary("F12");
    setRoot(std::move(row));
}

}  // namespace motcua::console
