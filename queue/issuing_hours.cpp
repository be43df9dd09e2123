#include "queue/issuing_hours.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace motcua::queue {

namespace {

std::chrono::sys_days toDays(const std::string& date) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (std::sscanf(date.c_str(), "%d-%u-%u", &y, &m, &d) != 3)
        throw std::invalid_argument("not a date: " + date);
    const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
    if (!ymd.ok()) throw std::invalid_argument("not a date: " + date);
    return std::chrono::sys_days(ymd);
}

std::string fromDays(std::chrono::sys_days days) {
    const std::chrono::year_month_day ymd(days);
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

std::string dayMonthYear(const std::string& date) {
    const std::chrono::year_month_day ymd(toDays(date));
    return fmt::format("{:02}/{:02}/{:04}", static_cast<unsigned>(ymd.day()),
                       static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
}

std::string clockWords(int minute) {
    return fmt::format("{}:{:02}", minute / 60, minute % 60);
}

// "sáng", "trưa", "chiều", "tối": the part of the day a Vietnamese speaker names with the hour.
const char* partOfDayVi(int minute) {
    if (minute < 11 * 60) return "sáng";
    if (minute < 13 * 60) return "trưa";
    if (minute < 18 * 60) return "chiều";
    return "tối";
}

const char* partOfDayEn(int minute) {
    if (minute < 12 * 60) return "this morning";
    if (minute < 18 * 60) return "this afternoon";
    return "this evening";
}

}  // namespace

int weekdayOf(const std::string& date) {
    return static_cast<int>(std::chrono::weekday(toDays(date)).iso_encoding());
}

std::string addDays(const std::string& date, int n) {
    return fromDays(toDays(date) + std::chrono::days(n));
}

std::string dateInWordsVi(const std::string& date) {
    static const char* const kNames[] = {"",        "thứ Hai", "thứ Ba",  "thứ Tư",
                                         "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"};
    return fmt::format("{}, {}", kNames[weekdayOf(date)], dayMonthYear(date));
}

std::string dateInWordsEn(const std::string& date) {
    static const char* const kNames[] = {"",         "Monday", "Tuesday",  "Wednesday",
                                         "Thursday", "Friday", "Saturday", "Sunday"};
    return fmt::format("{}, {}", kNames[weekdayOf(date)], dayMonthYear(date));
}

IssuingHours::IssuingHours(const nlohmann::json& office, const nlohmann::json& issuing) {
    if (office.is_object() && office.contains("opening_hours") && office["opening_hours"].is_array()) {
        for (const auto& h : office["opening_hours"]) {
            m_windows.push_back(
                {h.value("days", std::vector<int>{}), h.value("open_minute", 0), h.value("close_minute", 0)});
        }
    }
    if (!issuing.is_object()) return;
    m_cutoff = issuing.value("cutoff_minutes", 0);
    if (issuing.contains("services") && issuing["services"].is_object()) {
        for (const auto& [code, s] : issuing["services"].items()) {
            if (s.contains("cutoff_minutes"))
                m_serviceCutoffs.emplace_back(code, s["cutoff_minutes"].get<int>());
            if (s.contains("late_after_minute")) {
                m_late.emplace_back(
                    code, Late{s["late_after_minute"].get<int>(), s.value("late_note", std::string()),
                               s.value("late_note_en", std::string())});
            }
        }
    }
    if (issuing.contains("calendar") && issuing["calendar"].is_object()) {
        const auto& c = issuing["calendar"];
        for (const auto& d : c.value("days_off", nlohmann::json::array())) {
            m_daysOff.push_back({d.value("from", std::string()), d.value("to", std::string()),
                                 d.value("name", std::string()), d.value("name_en", std::string())});
        }
        for (const auto& w : c.value("working_days", nlohmann::json::array())) {
            m_workingDays.push_back({w.value("date", std::string()), w.value("name", std::string()),
                                     w.value("name_en", std::string()), w.value("hours_of", 1)});
        }
    }
}

IssuingHours::IssuingHours(const OfficeConfig& config)
    : IssuingHours(
          [&] {
              nlohmann::json hours = nlohmann::json::array();
              for (const auto& h : config.openingHours)
                  hours.push_back(
                      {{"days", h.weekdays}, {"open_minute", h.openMinute}, {"close_minute", h.closeMinute}});
              return nlohmann::json{{"opening_hours", hours}};
          }(),
          issuingSettings(config)) {}

int IssuingHours::cutoffFor(const std::string& serviceCode) const {
    for (const auto& [code, minutes] : m_serviceCutoffs)
        if (code == serviceCode) return minutes;
    return m_cutoff;
}

DayWindows IssuingHours::day(const std::string& date) const {
    DayWindows out;
    for (const auto& off : m_daysOff) {
        if (date >= off.from && date <= off.to) {  // ISO dates order as text
            out.dayOffName = off.name;
            out.dayOffNameEn = off.nameEn.empty() ? off.name : off.nameEn;
            return out;
        }
    }
    int weekday = weekdayOf(date);
    for (const auto& w : m_workingDays) {
        if (w.date == date) {
            out.workingDayName = w.name;
            weekday = w.hoursOf;
        }
    }
    for (const auto& w : m_windows) {
        if (std::find(w.weekdays.begin(), w.weekdays.end(), weekday) != w.weekdays.end())
            out.windows.emplace_back(w.open, w.close);
    }
    std::sort(out.windows.begin(), out.windows.end());
    return out;
}

std::vector<std::pair<int, int>> IssuingHours::issuingWindows(const std::string& date,
                                                              const std::string& serviceCode) const {
    auto windows = day(date).windows;
    if (!windows.empty()) {
        auto& last = windows.back();
        last.second -= cutoffFor(serviceCode);
        if (last.second <= last.first) windows.pop_back();
    }
    return windows;
}

std::string IssuingHours::nextWorkingDay(const std::string& date) const {
    for (int n = 1; n <= 366; ++n) {
        const std::string next = addDays(date, n);
        if (!day(next).windows.empty()) return next;
    }
    return {};
}

IssuingState IssuingHours::at(TimeMs now, const BusinessCalendar& calendar,
                              const std::string& serviceCode) const {
    IssuingState state;
    if (!enforced()) return state;
    const std::string today = calendar.dayOf(now);
    const int minute = calendar.minuteOfDay(now);
    const auto windows = issuingWindows(today, serviceCode);
    for (const auto& [open, until] : windows) {
        if (minute >= open && minute < until) {
            state.issueUntilMinute = until;
            return state;
        }
    }
    state.open = false;
    const auto later =
        std::find_if(windows.begin(), windows.end(), [&](const auto& w) { return w.first > minute; });
    if (later != windows.end()) {
        state.reason = later == windows.begin() ? IssuingClosed::BeforeOpening : IssuingClosed::Break;
        state.nextOpen = calendar.instantOf(today, later->first);
        const std::string at = clockWords(later->first);
        if (state.reason == IssuingClosed::BeforeOpening) {
            state.messageVi = fmt::format("Bộ phận chưa đến giờ nhận số. Mời ông/bà quay lại lúc {} {} nay.",
                                          at, partOfDayVi(later->first));
            state.messageEn = fmt::format("Numbers are not issued yet. Please come back at {} {}.", at,
                                          partOfDayEn(later->first));
        } else {
            const bool lunch = (later - 1)->second <= 13 * 60 && later->first >= 11 * 60;
            state.messageVi = fmt::format("Bộ phận đang {}. Mời ông/bà quay lại lúc {} {} nay.",
                                          lunch ? "nghỉ trưa" : "tạm nghỉ", at, partOfDayVi(later->first));
            state.messageEn =
                fmt::format("The office is on {}. Please come back at {} {}.",
                            lunch ? "its lunch break" : "a break", at, partOfDayEn(later->first));
        }
        return state;
    }
    const DayWindows whole = day(today);
    if (!whole.dayOffName.empty()) {
        state.reason = IssuingClosed::DayOff;
        state.dayOffName = whole.dayOffName;
        state.dayOffNameEn = whole.dayOffNameEn;
    } else {
        state.reason = whole.windows.empty() ? IssuingClosed::NotWorkingDay : IssuingClosed::DayOver;
    }
    std::string headVi, headEn;
    switch (state.reason) {
        case IssuingClosed::DayOff:
            headVi = fmt::format("Hôm nay Bộ phận nghỉ ({}), không nhận số.", state.dayOffName);
            headEn = fmt::format("The office is closed today ({}).", state.dayOffNameEn);
            break;
        case IssuingClosed::NotWorkingDay:
            headVi = "Hôm nay Bộ phận không làm việc.";
            headEn = "The office is closed today.";
            break;
        default:
            headVi = "Bộ phận đã hết giờ nhận số hôm nay.";
            headEn = "Numbers are no longer issued today.";
            break;
    }
    for (int n = 1; n <= 366; ++n) {
        const std::string next = addDays(today, n);
        const auto nextWindows = issuingWindows(next, serviceCode);
        if (nextWindows.empty()) continue;
        const int open = nextWindows.front().first;
        state.nextOpen = calendar.instantOf(next, open);
        state.messageVi = fmt::format("{} Mời ông/bà quay lại lúc {} {} {}.", headVi, clockWords(open),
                                      partOfDayVi(open), dateInWordsVi(next));
        state.messageEn =
            fmt::format("{} Please come back at {} on {}.", headEn, clockWords(open), dateInWordsEn(next));
        return state;
    }
    state.messageVi = headVi + " Giờ nhận số sắp tới chưa được công bố.";
    state.messageEn = headEn + " The next issuing hours are not published yet.";
    return state;
}

std::optional<std::pair<std::string, std::string>> IssuingHours::lateNote(
    TimeMs now, const BusinessCalendar& calendar, const std::string& serviceCode) const {
    for (const auto& [code, late] : m_late) {
        if (code != serviceCode || calendar.minuteOfDay(now) < late.afterMinute) continue;
        const std::string next = nextWorkingDay(calendar.dayOf(now));
        const auto fill = [&](std::string text, const std::string& day) {
            const std::string key = "{next_working_day}";
            if (const auto at = text.find(key); at != std::string::npos) text.replace(at, key.size(), day);
            return text;
        };
        const std::string vi = next.empty() ? std::string("ngày làm việc tiếp theo") : dateInWordsVi(next);
        const std::string en = next.empty() ? std::string("the next working day") : dateInWordsEn(next);
        return std::pair{fill(late.note, vi), fill(late.noteEn, en)};
    }
    return std::nullopt;
}

}  // namespace motcua::queue
