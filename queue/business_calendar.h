// The office's business day: the local calendar date in the office time zone. Days roll over at
// local midnight; nothing is moved or deleted when they do.
#pragma once

#include <unicode/uversion.h>  // defines the versioned icu namespace; light, no ICU types

#include <memory>
#include <string>

#include "queue/clock.h"

U_NAMESPACE_BEGIN
class Calendar;
U_NAMESPACE_END

namespace motcua::queue {

class BusinessCalendar {
  public:
    // timeZone is an IANA id such as "Asia/Ho_Chi_Minh"; unknown ids throw std::invalid_argument.
    explicit BusinessCalendar(const std::string& timeZone);
    ~BusinessCalendar();
    BusinessCalendar(const BusinessCalendar&) = delete;
    BusinessCalendar& operator=(const BusinessCalendar&) = delete;

    // "YYYY-MM-DD" of the local date at t.
    std::string dayOf(TimeMs t) const;
    // The instant of local midnight starting the day that contains t.
    TimeMs startOfDay(TimeMs t) const;
    // ISO 8601 local time with offset, e.g. "2026-11-28T08:05:00+07:00".
    std::string isoLocal(TimeMs t) const;
    // Local "HH:MM".
    std::string clockText(TimeMs t) const;
    // Local weekday 1 = Monday .. 7 = Sunday, and minutes after local midnight.
    int weekday(TimeMs t) const;
    int minuteOfDay(TimeMs t) const;
    // The instant of a local date ("YYYY-MM-DD") at minute minutes after its midnight.
    TimeMs instantOf(const std::string& day, int minute) const;
    const std::string& timeZone() const noexcept { return m_timeZone; }

  private:
    std::string m_timeZone;
    std::unique_ptr<icu::Calendar> m_calendar;  // reused; this class is not thread-safe
};

}  // namespace motcua::queue
