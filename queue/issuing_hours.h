// When numbers are issued: the office's windows per weekday ([[opening_hours]], e.g. a morning and
// an afternoon shift), its calendar of public holidays and make-up working days, and a cut-off
// before the day's last window closes ("nhận số đến 16:30"). Written once here: take() refuses
// outside a window, and the kiosk, the lobby display and the CLI say when numbers are issued again
// with the words below. Tickets already issued are served whatever the hour.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "queue/business_calendar.h"
#include "queue/clock.h"
#include "queue/office_config.h"

namespace motcua::queue {

enum class IssuingClosed {
    BeforeOpening,  // today's first window has not opened yet
    Break,          // between two windows of today (lunch)
    DayOver,        // today's last window (with its cut-off) is over
    DayOff,         // a public holiday or day off in the calendar
    NotWorkingDay,  // no window on this weekday (Saturday, Sunday)
};

struct IssuingState {
    bool open = true;
    IssuingClosed reason = IssuingClosed::DayOver;  // when !open
    std::string dayOffName, dayOffNameEn;           // DayOff
    // When !open: when numbers are issued again; nullopt when no window opens within a year.
    std::optional<TimeMs> nextOpen;
    // When open: the minute of the day this window stops issuing; nullopt when always open.
    std::optional<int> issueUntilMinute;
    // When !open: what the citizen reads ("Bộ phận đã hết giờ nhận số hôm nay. Mời ông/bà quay lại
    // lúc 8:00 sáng thứ Ba, 08/12/2026."), and the same in English.
    std::string messageVi, messageEn;
};

// The windows of one local date, before any cut-off.
struct DayWindows {
    std::vector<std::pair<int, int>> windows;  // [open, close) minutes after local midnight
    std::string dayOffName, dayOffNameEn;      // set when the calendar gives the day off
    std::string workingDayName;                // set on a make-up working day
};

class IssuingHours {
  public:
    // office: the "office" setting (its opening_hours); issuing: the "issuing" setting
    // (issuingSettings()). An office with no opening_hours issues at any hour.
    IssuingHours(const nlohmann::json& office, const nlohmann::json& issuing);
    explicit IssuingHours(const OfficeConfig& config);

    bool enforced() const noexcept { return !m_windows.empty(); }
    IssuingState at(TimeMs now, const BusinessCalendar& calendar, const std::string& serviceCode = {}) const;
    DayWindows day(const std::string& date) const;
    // The first date after `date` with a window; "" when none within a year.
    std::string nextWorkingDay(const std::string& date) const;
    // The late note (Vietnamese, English) for a ticket of the service issued at now, or nullopt.
    std::optional<std::pair<std::string, std::string>> lateNote(TimeMs now, const BusinessCalendar& calendar,
                                                                const std::string& serviceCode) const;
    int cutoffFor(const std::string& serviceCode) const;
    // The day's windows with the service's cut-off applied to the last one (appointment slots lie in
    // them).
    std::vector<std::pair<int, int>> issuingWindows(const std::string& date,
                                                    const std::string& serviceCode) const;

  private:
    struct Window {
        std::vector<int> weekdays;
        int open = 0, close = 0;
    };
    struct Late {
        int afterMinute = 0;
        std::string note, noteEn;
    };
    std::vector<Window> m_windows;
    int m_cutoff = 0;
    std::vector<std::pair<std::string, int>> m_serviceCutoffs;
    std::vector<std::pair<std::string, Late>> m_late;
    std::vector<CalendarDayOff> m_daysOff;
    std::vector<CalendarWorkingDay> m_workingDays;
};

// A local date in words: "thứ Ba, 08/12/2026" / "Tuesday, 08/12/2026".
std::string dateInWordsVi(const std::string& date);
std::string dateInWordsEn(const std::string& date);
// The weekday of a "YYYY-MM-DD" date, 1 = Monday .. 7 = Sunday.
int weekdayOf(const std::string& date);
// The date n days after `date`.
std::string addDays(const std::string& date, int n);

}  // namespace motcua::queue
