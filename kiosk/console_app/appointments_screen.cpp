#include "kiosk/console_app/appointments_screen.h"

#include <fmt/format.h>

#include <algorithm>

#include "kiosk/ui/box.h"
#include "kiosk/ui/button.h"
#include "kiosk/ui/label.h"
#include "kiosk/ui/scroll_view.h"
#include "queue/ticket_links.h"

namespace motcua::console {

using namespace motcua::ui;
using queue::AppointmentState;

AppointmentRow appointmentRow(const queue::Appointment& a, queue::TimeMs now, int graceMinutes,
                              const std::vector<std::string>& counterServices,
                              const queue::BusinessCalendar& calendar) {
    AppointmentRow row;
    row.time = queue::slotText(a.startMinute, a.endMinute);
    row.service = a.serviceName;
    // All ten characters, as the phone and the kiosk print them: a citizen reads them out and the
    // officer finds the line; the last ones alone would not be unique in a busy day.
    row.code = queue::TicketLinks::printedShortCode(a.code);
    row.thisCounter =
        std::find(counterServices.begin(), counterServices.end(), a.serviceCode) != counterServices.end();
    const queue::TimeMs graceEnd = a.endsAt + graceMinutes * 60'000LL;
    switch (a.state) {
        case AppointmentState::CheckedIn:
            row.status = AppointmentStatus::CheckedIn;
            row.stateVi = "Đã lấy số " + a.ticketNumber.value_or("?");
            break;
        case AppointmentState::Cancelled:
            row.status = AppointmentStatus::Cancelled;
            row.stateVi = "Đã hủy";
            break;
        case AppointmentState::Expired:
            row.status = AppointmentStatus::Missed;
            row.stateVi = "Không đến (quá giờ hẹn)";
            break;
        case AppointmentState::Booked:
            // As QueueService::checkIn decides: a check-in is taken up to the slot's end plus the grace.
            if (now > graceEnd) {
                row.status = AppointmentStatus::Missed;
                row.stateVi = "Không đến (quá giờ hẹn)";
            } else if (now >= a.endsAt) {
                row.status = AppointmentStatus::Late;
                row.stateVi = fmt::format("Trễ · giữ chỗ đến {}", calendar.clockText(graceEnd));
            } else if (now >= a.startsAt) {
                row.status = AppointmentStatus::Due;
                row.stateVi = "Đến giờ hẹn · chưa lấy số";
            } else {
                row.status = AppointmentStatus::Coming;
                row.stateVi = "Chưa đến";
            }
            break;
    }
    return row;
}

namespace {

TextColour colourOf(AppointmentStatus status) {
    switch (status) {
        case AppointmentStatus::Due:
        case AppointmentStatus::CheckedIn:
            return TextColour::Primary;
        case AppointmentStatus::Late:
            return TextColour::Danger;
        case AppointmentStatus::Missed:
        case AppointmentStatus::Cancelled:
            return TextColour::Muted;
        case AppointmentStatus::Coming:
            break;
    }
    return TextColour::Normal;
}

}  // namespace

AppointmentsScreen::AppointmentsScreen(Console& console) : m_console(console) {
    reload();
}

void AppointmentsScreen::reload() {
    auto& session = m_console.session();
    const auto day = session.appointments();
    // Without the server the list stays as it was (the work screen says the server is lost).
    if (!day && session.offline()) return;
    std::vector<AppointmentRow> rows;
    if (day) {
        const queue::TimeMs now = m_console.clock().now();
        for (const auto& a : day->list)
            rows.push_back(
                appointmentRow(a, now, day->graceMinutes, session.view().services, m_console.calendar()));
    }
    if (rows != m_rows || m_rowWidgets.empty()) {
        m_rows = std::move(rows);
        m_dirty = true;
    }
}

void AppointmentsScreen::handleInput(const InputEvent& event) {
    if (event.type == InputType::Key) {
        switch (event.key) {
            case Key::Escape:
                m_console.screens().pop();
                return;
            case Key::PageDown:
            case Key::Down:
                page(true);
                return;
            case Key::PageUp:
            case Key::Up:
                page(false);
                return;
            default:
                break;
        }
    }
    WidgetScreen::handleInput(event);
}

void AppointmentsScreen::update(std::chrono::milliseconds dt) {
    m_sincePoll += dt;
    m_sinceRefresh += dt;
    bool read = false;
    if (m_sincePoll >= kPollInterval) {
        m_sincePoll = {};
        // Also keeps the session's counter and alerts current while this screen is on top.
        read = m_console.session().poll();
    }
    if (m_sinceRefresh >= kRefreshInterval) {
        m_sinceRefresh = {};
        read = true;
    }
    if (read) reload();
    if (m_dirty) {
        m_keepOffset = m_list ? m_list->offset() : 0;
        rebuild();
    }
    WidgetScreen::update(dt);
    updatePaging();
}

int AppointmentsScreen::rowTop(std::size_t i) const {
    return m_rowWidgets[i]->bounds().y - (m_list->bounds().y - m_list->offset());
}

void AppointmentsScreen::scrollToRow(int offset) {
    // A row's top at the top of the list (never half a row there): the last row top at or above
    // offset, as far as the list scrolls.
    const int target = std::min(offset, m_list->maxOffset());
    int best = 0;
    for (std::size_t i = 0; i < m_rowWidgets.size(); ++i)
        if (rowTop(i) <= target) best = rowTop(i);
    m_list->scrollTo(best);
}

void AppointmentsScreen::page(bool down) {
    if (!m_list || m_rowWidgets.empty()) return;
    const int offset = m_list->offset();
    const int height = m_list->bounds().height;
    if (down) {
        // The first row not wholly in view goes to the top.
        for (std::size_t i = 0; i < m_rowWidgets.size(); ++i) {
            if (rowTop(i) + m_rowWidgets[i]->bounds().height > offset + height) {
                scrollToRow(std::max(offset + 1, rowTop(i)));
                break;
            }
        }
    } else {
        // The row that was at the top ends up at the bottom: the first row whose top lies at most a
        // viewport above it.
        int target = 0;
        for (std::size_t i = 0; i < m_rowWidgets.size(); ++i) {
            if (rowTop(i) >= offset - height + m_rowWidgets[i]->bounds().height) {
                target = rowTop(i);
                break;
            }
        }
        m_list->scrollTo(std::min(target, std::max(0, offset - 1)));
    }
    updatePaging();
}

void AppointmentsScreen::updatePaging() {
    if (m_up) m_up->setEnabled(m_list && m_list->offset() > 0);
    if (m_down) m_down->setEnabled(m_list && m_list->moreBelow());
}

void AppointmentsScreen::layout(const LayoutContext& context, Size size) {
    const double scale = context.theme.textScale();
    if (size != m_arrangedFor || scale != m_arrangedScale) {
        m_arrangedFor = size;
        m_arrangedScale = scale;
        // The time and the code line up in columns: as wide as their widest text, plus a margin.
        const auto widthOf = [&](const char* text, FontRole role) {
            return context.metrics.measure(text, context.theme.font(role)).width + 8;
        };
        m_timeWidth = widthOf("00:00–00:00", FontRole::Body);
        m_codeWidth = widthOf("WWWWW-WWWWW", FontRole::Body);
        // Four columns while the field and the state keep about 640 pixels of normal text between them;
        // narrower (large text below full HD), two lines a row.
        const int rest = size.width - 2 * 20 - 3 * 16 - m_timeWidth - m_codeWidth;
        m_narrow = rest < static_cast<int>(640 * scale);
        m_keepOffset = m_list ? m_list->offset() : 0;
        rebuild();
    }
    WidgetScreen::layout(context, size);
    if (!m_list) return;
    if (m_scrollToNext) {
        m_scrollToNext = false;
        // The first appointment still expected at the top; when none is, the end of the day.
        const auto next =
            std::find_if(m_rows.begin(), m_rows.end(), [](const AppointmentRow& r) { return r.expected(); });
        scrollToRow(next == m_rows.end() ? m_list->maxOffset()
                                         : rowTop(static_cast<std::size_t>(next - m_rows.begin())));
    } else if (m_keepOffset > 0) {
        scrollToRow(m_keepOffset);
        m_keepOffset = 0;
    }
    updatePaging();
}

void AppointmentsScreen::rebuild() {
    m_dirty = false;
    m_list = nullptr;
    m_up = m_down = nullptr;
    m_rowWidgets.clear();
    const auto& view = m_console.session().view();
    const queue::TimeMs now = m_console.clock().now();

    auto root = std::make_unique<Box>(Axis::Vertical, 20, 10);
    auto header = std::make_unique<Box>(Axis::Horizontal, 0, 12);
    header->add(std::make_unique<Label>("Lịch hẹn hôm nay", FontRole::Heading), 1);
    header->add(std::make_unique<Label>(
        fmt::format("{} · {}", localDateVi(m_console.calendar(), now), m_console.calendar().clockText(now)),
        FontRole::Body, TextAlign::Right, TextColour::Muted));
    root->add(std::move(header));

    if (m_rows.empty()) {
        root->add(std::make_unique<Spacer>(), 1);
        root->add(std::make_unique<Label>("Hôm nay chưa có lịch hẹn nào.", FontRole::Heading,
                                          TextAlign::Center, TextColour::Primary));
        root->add(std::make_unique<Label>("Lịch hẹn công dân đặt trên trang /dat-lich hiện ở đây.",
                                          FontRole::Body, TextAlign::Center, TextColour::Muted));
        root->add(std::make_unique<Spacer>(), 1);
    } else {
        int expected = 0, checkedIn = 0, missed = 0, ours = 0;
        for (const auto& r : m_rows) {
            if (r.status == AppointmentStatus::Cancelled) continue;
            expected += r.expected() ? 1 : 0;
            checkedIn += r.status == AppointmentStatus::CheckedIn ? 1 : 0;
            missed += r.status == AppointmentStatus::Missed ? 1 : 0;
            ours += r.thisCounter ? 1 : 0;
        }
        root->add(std::make_unique<Label>(
            fmt::format("{} lịch hẹn: {} chưa đến · {} đã lấy số · {} không đến",
                        expected + checkedIn + missed, expected, checkedIn, missed),
            m_narrow ? FontRole::Small : FontRole::Body, TextAlign::Left, TextColour::Primary));
        // Every field's appointments, not only this counter's: a citizen with a booking may ask at any
        // counter, and an officer who saw only the own fields would answer "you have no appointment"
        // to someone who has one. The counter's own are marked "Quầy này" and the others dimmed, so
        // the officer's own stand out without hiding the rest.
        if (!m_narrow) {
            root->add(std::make_unique<Label>(
                fmt::format(
                    "\"Quầy này\": {} lịch hẹn của lĩnh vực quầy {} phục vụ; lịch hẹn lĩnh vực khác in mờ.",
                    ours, view.counter),
                FontRole::Small, TextAlign::Left, TextColour::Muted));
        }

        auto columns = [&](std::unique_ptr<Widget> time, std::unique_ptr<Widget> service,
                           std::unique_ptr<Widget> code, std::unique_ptr<Widget> state) {
            auto row = std::make_unique<Box>(Axis::Horizontal, 0, 16);
            row->add(std::move(time)).setFixedWidth(m_timeWidth);
            row->add(std::move(service), 2);
            row->add(std::move(code)).setFixedWidth(m_codeWidth);
            row->add(std::move(state), 3);
            return row;
        };
        const auto heading = [](const char* text) {
            return std::make_unique<Label>(text, FontRole::Small, TextAlign::Left, TextColour::Muted);
        };
        if (!m_narrow)
            root->add(columns(heading("Giờ hẹn"), heading("Lĩnh vực"), heading("Mã lịch hẹn"),
                              heading("Trạng thái")));

        auto list = std::make_unique<Box>(Axis::Vertical, 0, m_narrow ? 10 : 6);
        for (const auto& r : m_rows) {
            const bool past = !r.expected();
            const TextColour fieldColour = r.thisCounter && !past ? TextColour::Normal : TextColour::Muted;
            auto time = std::make_unique<Label>(r.time, FontRole::Body, TextAlign::Left,
                                                past ? TextColour::Muted : TextColour::Primary);
            auto state =
                std::make_unique<Label>(r.stateVi, FontRole::Body, TextAlign::Left, colourOf(r.status));
            std::unique_ptr<Box> row;
            if (m_narrow) {
                // Narrow (large text, a 4:3 screen): the time and the state on the first line, the field
                // and the code under the state.
                auto right = std::make_unique<Box>(Axis::Vertical, 0, 0);
                right->add(std::move(state));
                std::string what = r.service;
                if (r.thisCounter) what += " · Quầy này";
                what += " · mã " + r.code;
                right->add(std::make_unique<Label>(what, FontRole::Small, TextAlign::Left, fieldColour));
                row = std::make_unique<Box>(Axis::Horizontal, 0, 16);
                row->add(std::move(time)).setFixedWidth(m_timeWidth);
                row->add(std::move(right), 1);
            } else {
                // The field, and under it whether this counter serves it (a word, not only a colour).
                auto service = std::make_unique<Box>(Axis::Vertical, 0, 0);
                service->add(
                    std::make_unique<Label>(r.service, FontRole::Body, TextAlign::Left, fieldColour));
                if (r.thisCounter)
                    service->add(std::make_unique<Label>("Quầy này", FontRole::Small, TextAlign::Left,
                                                         past ? TextColour::Muted : TextColour::Primary));
                row = columns(std::move(time), std::move(service),
                              std::make_unique<Label>(r.code, FontRole::Body, TextAlign::Left,
                                                      past ? TextColour::Muted : TextColour::Normal),
                              std::move(state));
            }
            m_rowWidgets.push_back(row.get());
            list->add(std::move(row));
        }
        auto scroll = std::make_unique<ScrollView>(std::move(list));
        m_list = scroll.get();
        root->add(std::move(scroll), 1);
    }

    // Small text, the keys beside the labels: a low footer leaves the rows the room.
    auto buttons = std::make_unique<Grid>(m_rows.empty() ? 1 : 3, 12);
    buttons->add(std::make_unique<Button>(
        "Quay lại (Esc)", [this] { m_console.screens().pop(); }, ButtonStyle::Primary, FontRole::Small));
    if (!m_rows.empty()) {
        m_up = &buttons->add(std::make_unique<Button>(
            "Trang trước (PgUp)", [this] { page(false); }, ButtonStyle::Secondary, FontRole::Small));
        m_down = &buttons->add(std::make_unique<Button>(
            "Trang sau (PgDn)", [this] { page(true); }, ButtonStyle::Secondary, FontRole::Small));
    }
    root->add(std::move(buttons));
    setRoot(std::move(root));
}

}  // namespace motcua::console
