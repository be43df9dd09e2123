#include "queue/business_calendar.h"

#include <fmt/format.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <cstdio>
#include <stdexcept>

namespace motcua::queue {

BusinessCalendar::BusinessCalendar(const std::string& timeZone) : m_timeZone(timeZone) {
    icu::TimeZone* zone = icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(timeZone));
    icu::UnicodeString id;
    zone->getID(id);
    if (id == icu::UnicodeString("Etc/Unknown")) {
        delete zone;
        throw std::invalid_argument("unknown time zone: " + timeZone);
    }
    UErrorCode status = U_ZERO_ERROR;
    // The calendar adopts (takes ownership of) the zone.
    m_calendar = std::make_unique<icu::GregorianCalendar>(zone, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU calendar creation failed");
}

BusinessCalendar::~BusinessCalendar() = default;

namespace {
struct Fields {
    int year, month, day, hour, minute, second, weekday, offsetMinutes;
};

Fields fieldsAt(icu::Calendar& cal, TimeMs t) {
    UErrorCode status = U_ZERO_ERROR;
    cal.setTime(static_cast<UDate>(t), status);
    Fields f{};
    f.year = cal.get(UCAL_YEAR, status);
    f.month = cal.get(UCAL_MONTH, status) + 1;
    f.day = cal.get(UCAL_DATE, status);
    f.hour = cal.get(UCAL_HOUR_OF_DAY, status);
    f.minute = cal.get(UCAL_MINUTE, status);
    f.second = cal.get(UCAL_SECOND, status);
    const int dow = cal.get(UCAL_DAY_OF_WEEK, status);  // 1 = Sunday
    f.weekday = dow == UCAL_SUNDAY ? 7 : dow - 1;
    f.offsetMinutes = (cal.get(UCAL_ZONE_OFFSET, status) + cal.get(UCAL_DST_OFFSET, status)) / 60000;
    if (U_FAILURE(status)) throw std::runtime_error("ICU calendar field lookup failed");
    return f;
}
}  // namespace

std::string BusinessCalendar::dayOf(TimeMs t) const {
    const auto f = fieldsAt(*m_calendar, t);
    return fmt::format("{:04}-{:02}-{:02}", f.year, f.month, f.day);
}

TimeMs BusinessCalendar::startOfDay(TimeMs t) const {
    UErrorCode status = U_ZERO_ERROR;
    m_calendar->setTime(static_cast<UDate>(t), status);
    m_calendar->set(UCAL_HOUR_OF_DAY, 0);
    m_calendar->set(UCAL_MINUTE, 0);
    m_calendar->set(UCAL_SECOND, 0);
    m_calendar->set(UCAL_MILLISECOND, 0);
    const UDate start = m_calendar->getTime(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU start of day failed");
    return static_cast<TimeMs>(start);
}

std::string BusinessCalendar::isoLocal(TimeMs t) const {
    const auto f = fieldsAt(*m_calendar, t);
    const int off = f.offsetMinutes;
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", f.year, f.month, f.day, f.hour,
                       f.minute, f.second, off < 0 ? '-' : '+', std::abs(off) / 60, std::abs(off) % 60);
}

std::string BusinessCalendar::clockText(TimeMs t) const {
    const auto f = fieldsAt(*m_calendar, t);
    return fmt::format("{:02}:{:02}", f.hour, f.minute);
}

int BusinessCalendar::weekday(TimeMs t) const {
    return fieldsAt(*m_calendar, t).weekday;
}

int BusinessCalendar::minuteOfDay(TimeMs t) const {
    const auto f = fieldsAt(*m_calendar, t);
    return f.hour * 60 + f.minute;
}

TimeMs BusinessCalendar::instantOf(const std::string& day, int minute) const {
    int y = 0, m = 0, d = 0;
    if (std::sscanf(day.c_str(), "%d-%d-%d", &y, &m, &d) != 3)
        throw std::invalid_argument("not a date: " + day);
    UErrorCode status = U_ZERO_ERROR;
    m_calendar->clear();
    m_calendar->set(y, m - 1, d, minute / 60, minute % 60, 0);
    const UDate at = m_calendar->getTime(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU local time failed");
    return static_cast<TimeMs>(at);
}

}  // namespace motcua::queue
