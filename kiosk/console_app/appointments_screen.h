// Today's appointments (issue 21, point 3), opened from the work screen's "Lịch hẹn hôm nay" button,
// which is there only while the office has booking on ([appointments] enabled). Each appointment of
// the office's business day, in slot order: its time, its field, its code as the citizen's phone shows
// it ("ABCDE-FGHJK"; no personal data is stored) and its state: not come yet, in its slot, late (its
// slot is over but the grace is not), checked in with the number the kiosk gave, missed (expired),
// cancelled. The screen opens scrolled to the first appointment still expected, so the next due ones
// are the first an officer sees; the earlier ones are a page up. Read again when the database changes
// and every kRefreshInterval (a state changes with the clock alone). Escape or "Quay lại" goes back.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "kiosk/console_app/console.h"
#include "kiosk/ui/screen.h"

namespace motcua::ui {
class Button;
class ScrollView;
}  // namespace motcua::ui

namespace motcua::console {

enum class AppointmentStatus { Coming, Due, Late, CheckedIn, Missed, Cancelled };

// One line of the list, as shown.
struct AppointmentRow {
    std::string time;     // "09:00–09:30"
    std::string service;  // the field's name
    std::string code;     // as printed: "ABCDE-FGHJK"
    std::string stateVi;  // "Chưa đến", "Đã lấy số A001", …
    AppointmentStatus status = AppointmentStatus::Coming;
    bool thisCounter = false;  // the field is one this counter serves
    // The citizen may still come and check in.
    bool expected() const {
        return status == AppointmentStatus::Coming || status == AppointmentStatus::Due ||
               status == AppointmentStatus::Late;
    }
    friend bool operator==(const AppointmentRow&, const AppointmentRow&) = default;
};

// The row of an appointment at now; counterServices: the codes this counter serves.
AppointmentRow appointmentRow(const queue::Appointment& appointment, queue::TimeMs now, int graceMinutes,
                              const std::vector<std::string>& counterServices,
                              const queue::BusinessCalendar& calendar);

class AppointmentsScreen final : public ui::WidgetScreen {
  public:
    static constexpr std::chrono::milliseconds kPollInterval{250};
    static constexpr std::chrono::milliseconds kRefreshInterval{10'000};

    explicit AppointmentsScreen(Console& console);

    void handleInput(const ui::InputEvent& event) override;
    void update(std::chrono::milliseconds dt) override;
    void layout(const ui::LayoutContext& context, ui::Size size) override;

    const std::vector<AppointmentRow>& rows() const noexcept { return m_rows; }
    // The list's viewport (null when the day has no appointment).
    const ui::ScrollView* list() const noexcept { return m_list; }
    // PageDown / PageUp: a viewport further, one row kept from the page before.
    void page(bool down);

  private:
    // Reads the day again; rebuilds when a row changed.
    void reload();
    void rebuild();
    void updatePaging();
    // Row i's top in the list's content (after a layout).
    int rowTop(std::size_t i) const;
    void scrollToRow(int offset);

    Console& m_console;
    std::vector<AppointmentRow> m_rows;
    std::chrono::milliseconds m_sincePoll{0};
    std::chrono::milliseconds m_sinceRefresh{0};
    bool m_dirty = true;
    // Scroll to the first appointment still expected at the next layout (on opening).
    bool m_scrollToNext = true;
    int m_keepOffset = 0;  // the offset to keep when the list is rebuilt while open
    ui::Size m_arrangedFor{};
    double m_arrangedScale = 0;
    int m_timeWidth = 0, m_codeWidth = 0;  // the fixed columns, measured for the text size
    bool m_narrow = false;                 // two lines a row (see layout())
    ui::ScrollView* m_list = nullptr;
    std::vector<ui::Widget*> m_rowWidgets;
    ui::Button* m_up = nullptr;
    ui::Button* m_down = nullptr;
};

}  // namespace motcua::console
