#include "queue/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "queue/business_calendar.h"
#include "queue/settings_store.h"

namespace motcua::queue {

namespace {

constexpr TimeMs kHourMs = 3'600'000;
constexpr TimeMs kDayMs = 24 * kHourMs;
// Bounds (minutes) of the waiting-time distribution; the last bucket is open-ended.
constexpr int kWaitBucketBounds[] = {0, 5, 10, 15, 20, 30, 45, 60};
constexpr const char* kNotSatisfiedLevel = "khong_hai_long";

// Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// A read of the settings table as JSON; an empty object when missing or unreadable.
nlohmann::json settingObject(Database& db, const char* key) {
    auto value = readSetting(db, key);
    return value.is_object() ? value : nlohmann::json::object();
}

struct ServiceInfo {
    std::string code, name, nameEn;
    int sortOrder = 0;
    bool active = true;
};
struct CounterInfo {
    int number = 0;
    std::string name;
    bool active = true;
};
struct StaffInfo {
    std::string login, name;
};

// Satisfaction by level code, turned into SatisfactionCounts once the levels are known.
using LevelTally = std::map<std::string, int>;

struct DeskAcc {
    DeskRow row;
    std::vector<TimeMs> serviceSamples;
    LevelTally levels;
};

struct ServiceAcc {
    ServiceRow row;
    std::vector<TimeMs> waits, services;
    std::map<std::string, int> legsByChannel;
};

struct ChannelAcc {
    VisitCounts visits;
    int checkedIn = 0;
    int noShowNotCheckedIn = 0;
    std::vector<TimeMs> waits;
    ServiceLevel serviceLevel;
};

struct DayAcc {
    VisitCounts visits;
    std::map<std::string, int> issuedByChannel;
    std::vector<TimeMs> waits;
    ServiceLevel serviceLevel;
    LevelTally levels;
};

struct HourAcc {
    int arrivals = 0;
    std::vector<TimeMs> waits;
};

enum class LegEnd { Open, Served, NoShow, TransferredOut, Cancelled, Expired };

struct Leg {
    std::int64_t serviceId = 0;
    TimeMs startAt = 0;
    bool byTransfer = false;
    std::optional<TimeMs> firstCall;
    LegEnd end = LegEnd::Open;
    TimeMs servingMs = 0;
    bool touchedCounter = false;  // an event of this leg at the filter's counter
    bool touchedStaff = false;    // an event of this leg by the filter's officer
};

struct Rated {
    std::string level;
    std::size_t leg = 0;
    std::optional<std::int64_t> counterId, staffId;
    TimeMs at = 0;
};

struct Visit {
    std::int64_t id = 0;
    std::string day;
    std::string number;
    bool priority = false;
    std::string channel;  // of the issue event; "" walk-in
    std::int64_t issuedServiceId = 0;
    TimeMs issuedAt = 0;
    std::optional<TimeMs> firstCall;
    VisitOutcome outcome = VisitOutcome::Open;
    int transfers = 0;
    int reactivations = 0;
    int recalls = 0;
    std::vector<Leg> legs;
    std::optional<Rated> rated;
    bool checkedIn = false;           // a check_in event (a number taken online, at the office)
    bool noShowNotCheckedIn = false;  // its last no-show: called, never checked in in time
};

struct Serving {
    TimeMs since = 0;
    std::optional<std::int64_t> counterId, staffId;
};

struct Filter {
    std::optional<std::int64_t> serviceId, counterId, staffId;
};

void addLevel(LevelTally& tally, const std::string& level) {
    ++tally[level];
}

SatisfactionCounts toCounts(const LevelTally& tally, const std::vector<RatingLevel>& levels) {
    SatisfactionCounts out;
    out.perLevel.assign(levels.size(), 0);
    for (std::size_t i = 0; i < levels.size(); ++i) {
        const auto it = tally.find(levels[i].code);
        if (it == tally.end()) continue;
        out.perLevel[i] = it->second;
        out.rated += it->second;
        if (levels[i].satisfied) out.satisfied += it->second;
    }
    return out;
}

void countOutcome(VisitCounts& c, VisitOutcome outcome) {
    switch (outcome) {
        case VisitOutcome::Served:
            ++c.served;
            break;
        case VisitOutcome::NoShow:
            ++c.noShow;
            break;
        case VisitOutcome::Cancelled:
            ++c.cancelled;
            break;
        case VisitOutcome::Expired:
            ++c.expired;
            break;
        case VisitOutcome::Open:
            ++c.open;
            break;
    }
}

// Everything the streaming pass over the event log accumulates.
class Accumulator {
  public:
    Accumulator(const Filter& filter, int waitTargetMinutes, std::int64_t fromDays, int days,
                const BusinessCalendar& calendar)
        : m_days(static_cast<std::size_t>(days)),
          m_filter(filter),
          m_targetMs(static_cast<TimeMs>(waitTargetMinutes) * 60'000),
          m_fromDays(fromDays),
          m_calendar(calendar) {
        for (auto& d : m_days) d.serviceLevel.targetMinutes = waitTargetMinutes;
        m_serviceLevel.targetMinutes = waitTargetMinutes;
    }

    // One event of the ticket currently being read (events arrive ordered by ticket, then id).
    struct Row {
        std::string_view kind;
        TimeMs at;
        std::optional<std::int64_t> counterId, staffId, serviceId;
        std::optional<std::string> text;  // finish: outcome; rate: level; issue: channel; noshow: reason
        std::optional<std::string> procedures;  // finish: JSON array of codes
    };

    void beginTicket(std::int64_t id, std::string day, std::string number, bool priority,
                     std::int64_t serviceId) {
        m_visit = Visit{};
        m_visit.id = id;
        m_visit.day = std::move(day);
        m_visit.number = std::move(number);
        m_visit.priority = priority;
        m_visit.issuedServiceId = serviceId;
        m_serving.reset();
    }

    void event(const Row& e) {
        Visit& v = m_visit;
        if (v.legs.empty()) {
            // Every ticket starts with `issue`; keep a leg even if the log begins otherwise.
            v.legs.push_back(
                Leg{e.serviceId.value_or(v.issuedServiceId), e.at, false, {}, LegEnd::Open, 0, false, false});
            v.issuedAt = e.at;
        }
        Leg* leg = &v.legs.back();
        if (m_filter.counterId && e.counterId == m_filter.counterId) leg->touchedCounter = true;
        if (m_filter.staffId && e.staffId == m_filter.staffId) leg->touchedStaff = true;
        DeskAcc* counter = nullptr;
        DeskAcc* officer = nullptr;
        const bool deskKind = e.kind == "call" || e.kind == "recall" || e.kind == "finish" ||
                              e.kind == "noshow" || e.kind == "transfer" || e.kind == "rate";
        if (deskKind && eventMatches(*leg, e)) {
            if (e.counterId) counter = &m_counters[*e.counterId];
            officer = &m_officers[e.staffId.value_or(-1)];
        }
        const auto desk = [&](auto&& f) {
            if (counter) f(counter->row);
            if (officer) f(officer->row);
        };

        if (e.kind == "issue") {
            v.issuedAt = e.at;
            leg->startAt = e.at;
            v.channel = e.text.value_or(kWalkInChannel);
        } else if (e.kind == "call") {
            if (!leg->firstCall) leg->firstCall = e.at;
            if (!v.firstCall) v.firstCall = e.at;
            desk([](DeskRow& r) { ++r.calls; });
        } else if (e.kind == "recall") {
            ++v.recalls;
            desk([](DeskRow& r) { ++r.recalls; });
        } else if (e.kind == "start") {
            m_serving = Serving{e.at, e.counterId, e.staffId};
        } else if (e.kind == "finish") {
            closeServing(*leg, e.at);
            leg->end = LegEnd::Served;
            v.outcome = VisitOutcome::Served;
            desk([](DeskRow& r) { ++r.served; });
            if (counter) counter->serviceSamples.push_back(leg->servingMs);
            if (officer) officer->serviceSamples.push_back(leg->servingMs);
            if (eventMatches(*leg, e)) countProcedures(e);
        } else if (e.kind == "noshow") {
            leg->end = LegEnd::NoShow;
            v.outcome = VisitOutcome::NoShow;
            v.noShowNotCheckedIn = e.text == kNotCheckedInReason;
            desk([](DeskRow& r) { ++r.noShow; });
        } else if (e.kind == "return" || e.kind == "hold") {
            closeServing(*leg, e.at);
        } else if (e.kind == "transfer") {
            closeServing(*leg, e.at);
            leg->end = LegEnd::TransferredOut;
            ++v.transfers;
            desk([](DeskRow& r) { ++r.transfersOut; });
            v.legs.push_back(
                Leg{e.serviceId.value_or(leg->serviceId), e.at, true, {}, LegEnd::Open, 0, false, false});
        } else if (e.kind == "cancel") {
            closeServing(*leg, e.at);
            leg->end = LegEnd::Cancelled;
            v.outcome = VisitOutcome::Cancelled;
        } else if (e.kind == "check_in") {
            v.checkedIn = true;
        } else if (e.kind == "reactivate") {
            leg->end = LegEnd::Open;
            v.outcome = VisitOutcome::Open;
            ++v.reactivations;
        } else if (e.kind == "expire") {
            m_serving.reset();  // serving overnight is not service time
            leg->end = LegEnd::Expired;
            v.outcome = VisitOutcome::Expired;
        } else if (e.kind == "rate" && e.text) {
            if (eventMatches(*leg, e)) {
                v.rated = Rated{*e.text, v.legs.size() - 1, e.counterId, e.staffId, e.at};
                if (counter) addLevel(counter->levels, *e.text);
                if (officer) addLevel(officer->levels, *e.text);
            }
        }
    }

    void endTicket() {
        const Visit& v = m_visit;
        bool visitMatches = false;
        for (const auto& leg : v.legs) {
            if (!legMatches(leg)) continue;
            visitMatches = true;
            addLeg(leg, v.channel);
        }
        if (!visitMatches) return;

        m_visits.issued += 1;
        countOutcome(m_visits, v.outcome);
        if (v.transfers > 0) ++m_visits.transferred;
        if (v.priority) ++m_visits.priority;
        ChannelAcc& channel = m_channels[v.channel];
        ++channel.visits.issued;
        countOutcome(channel.visits, v.outcome);
        if (v.transfers > 0) ++channel.visits.transferred;
        if (v.priority) ++channel.visits.priority;
        if (v.checkedIn) ++channel.checkedIn;
        if (v.outcome == VisitOutcome::NoShow && v.noShowNotCheckedIn) ++channel.noShowNotCheckedIn;
        m_transfers += v.transfers;
        m_reactivations += v.reactivations;
        m_recalls += v.recalls;

        const auto dayIndex = parseIsoDate(v.day).value_or(m_fromDays) - m_fromDays;
        DayAcc* day = dayIndex >= 0 && static_cast<std::size_t>(dayIndex) < m_days.size()
                          ? &m_days[static_cast<std::size_t>(dayIndex)]
                          : nullptr;
        if (day) {
            ++day->visits.issued;
            countOutcome(day->visits, v.outcome);
            if (v.transfers > 0) ++day->visits.transferred;
            if (v.priority) ++day->visits.priority;
            ++day->issuedByChannel[v.channel];
        }
        const int hour = m_calendar.minuteOfDay(v.issuedAt) / 60;
        HourAcc& h = m_hours[static_cast<std::size_t>(std::clamp(hour, 0, 23))];
        ++h.arrivals;

        if (v.firstCall) {
            const TimeMs wait = std::max<TimeMs>(0, *v.firstCall - v.issuedAt);
            m_waits.push_back(wait);
            m_waitsByOutcome[static_cast<std::size_t>(v.outcome)].push_back(wait);
            h.waits.push_back(wait);
            channel.waits.push_back(wait);
            if (day) day->waits.push_back(wait);
            if (v.outcome == VisitOutcome::Served) {
                const bool within = wait <= m_targetMs;
                ++m_serviceLevel.served;
                m_serviceLevel.within += within ? 1 : 0;
                ++channel.serviceLevel.served;
                channel.serviceLevel.within += within ? 1 : 0;
                if (day) {
                    ++day->serviceLevel.served;
                    day->serviceLevel.within += within ? 1 : 0;
                }
            }
        }
        if (v.rated) {
            addLevel(m_levels, v.rated->level);
            if (day) addLevel(day->levels, v.rated->level);
            m_seenLevels.insert(v.rated->level);
            if (v.rated->level == kNotSatisfiedLevel) {
                m_unsatisfied.push_back({v.day, v.number, v.legs[v.rated->leg].serviceId, v.rated->counterId,
                                         v.rated->staffId, v.rated->at});
            }
        }
    }

    struct Unsatisfied {
        std::string day, number;
        std::int64_t serviceId;
        std::optional<std::int64_t> counterId, staffId;
        TimeMs at;
    };

    // Results, read by computeReport once every ticket has been seen.
    VisitCounts m_visits;
    int m_legs = 0;
    int m_transfers = 0;
    int m_reactivations = 0;
    int m_recalls = 0;
    std::vector<TimeMs> m_waits;
    std::array<std::vector<TimeMs>, 5> m_waitsByOutcome;
    std::vector<TimeMs> m_servedServiceTimes, m_transferredServiceTimes;
    ServiceLevel m_serviceLevel;
    LevelTally m_levels;
    std::set<std::string> m_seenLevels;
    std::vector<DayAcc> m_days;
    std::array<HourAcc, 24> m_hours{};
    std::map<std::int64_t, ServiceAcc> m_services;
    std::map<std::string, ChannelAcc> m_channels;  // by channel, "" walk-in
    std::map<std::int64_t, DeskAcc> m_counters;
    std::map<std::int64_t, DeskAcc> m_officers;  // -1: events without an officer
    std::map<std::string, std::vector<int>> m_procedures;
    std::vector<Unsatisfied> m_unsatisfied;

  private:
    bool legMatches(const Leg& leg) const {
        if (m_filter.serviceId && leg.serviceId != *m_filter.serviceId) return false;
        if (m_filter.counterId && !leg.touchedCounter) return false;
        if (m_filter.staffId && !leg.touchedStaff) return false;
        return true;
    }
    bool eventMatches(const Leg& leg, const Row& e) const {
        if (m_filter.serviceId && leg.serviceId != *m_filter.serviceId) return false;
        if (m_filter.counterId && e.counterId != m_filter.counterId) return false;
        if (m_filter.staffId && e.staffId != m_filter.staffId) return false;
        return true;
    }

    void closeServing(Leg& leg, TimeMs at) {
        if (!m_serving) return;
        const TimeMs ms = std::max<TimeMs>(0, at - m_serving->since);
        leg.servingMs += ms;
        const bool matches = (!m_filter.serviceId || leg.serviceId == *m_filter.serviceId) &&
                             (!m_filter.counterId || m_serving->counterId == m_filter.counterId) &&
                             (!m_filter.staffId || m_serving->staffId == m_filter.staffId);
        if (matches) {
            if (m_serving->counterId) m_counters[*m_serving->counterId].row.servingMs += ms;
            m_officers[m_serving->staffId.value_or(-1)].row.servingMs += ms;
        }
        m_serving.reset();
    }

    void countProcedures(const Row& e) {
        std::size_t outcome = std::size(kProcedureOutcomes) - 1;
        if (e.text) {
            for (std::size_t i = 0; i + 1 < std::size(kProcedureOutcomes); ++i) {
                if (*e.text == kProcedureOutcomes[i]) outcome = i;
            }
        }
        std::vector<std::string> codes;
        if (e.procedures) {
            const auto list = nlohmann::json::parse(*e.procedures, nullptr, false);
            if (list.is_array()) {
                for (const auto& c : list) {
                    if (c.is_string() && !c.get<std::string>().empty()) codes.push_back(c.get<std::string>());
                }
            }
        }
        if (codes.empty()) codes.emplace_back();
        for (const auto& code : codes) {
            auto& counts = m_procedures[code];
            counts.resize(std::size(kProcedureOutcomes), 0);
            ++counts[outcome];
        }
    }

    void addLeg(const Leg& leg, const std::string& channel) {
        ++m_legs;
        ServiceAcc& s = m_services[leg.serviceId];
        ++s.row.legs;
        ++s.legsByChannel[channel];
        if (leg.byTransfer) ++s.row.transferredIn;
        switch (leg.end) {
            case LegEnd::Served:
                ++s.row.served;
                break;
            case LegEnd::NoShow:
                ++s.row.noShow;
                break;
            case LegEnd::TransferredOut:
                ++s.row.transferredOut;
                break;
            case LegEnd::Cancelled:
                ++s.row.cancelled;
                break;
            case LegEnd::Expired:
                ++s.row.expired;
                break;
            case LegEnd::Open:
                ++s.row.open;
                break;
        }
        if (leg.firstCall) {
            const TimeMs wait = std::max<TimeMs>(0, *leg.firstCall - leg.startAt);
            s.waits.push_back(wait);
            if (leg.end == LegEnd::Served) {
                ++s.row.serviceLevel.served;
                s.row.serviceLevel.within += wait <= m_targetMs ? 1 : 0;
            }
        }
        s.row.serviceLevel.targetMinutes = static_cast<int>(m_targetMs / 60'000);
        if (leg.end == LegEnd::Served) {
            s.services.push_back(leg.servingMs);
            m_servedServiceTimes.push_back(leg.servingMs);
        } else if (leg.end == LegEnd::TransferredOut && leg.servingMs > 0) {
            m_transferredServiceTimes.push_back(leg.servingMs);
        }
    }

    Filter m_filter;
    TimeMs m_targetMs;
    std::int64_t m_fromDays;
    const BusinessCalendar& m_calendar;
    Visit m_visit;
    std::optional<Serving> m_serving;
};

// The instant of local midnight that starts the office-local date `days` (days from 1970-01-01).
TimeMs localMidnight(const BusinessCalendar& calendar, std::int64_t days) {
    // Noon UTC of the date is on the same local date for every offset within ±12 h; step for others.
    TimeMs t = days * kDayMs + 12 * kHourMs;
    const std::string want = isoDateFromDays(days);
    for (int i = 0; i < 4; ++i) {
        const std::string got = calendar.dayOf(t);
        if (got == want) break;
        t += got < want ? 6 * kHourMs : -6 * kHourMs;
    }
    return calendar.startOfDay(t);
}

struct Session {
    std::int64_t staffId;
    std::optional<std::int64_t> counterId;
    TimeMs loginAt;
    std::optional<TimeMs> breakSince;
    std::string breakReason;
};

}  // namespace

TimeMs nearestRank(const std::vector<TimeMs>& sorted, int p) {
    if (sorted.empty()) return 0;
    const auto n = static_cast<std::int64_t>(sorted.size());
    std::int64_t rank = (static_cast<std::int64_t>(p) * n + 99) / 100;  // ceil(p·n/100)
    rank = std::clamp<std::int64_t>(rank, 1, n);
    return sorted[static_cast<std::size_t>(rank - 1)];
}

DurationStats summarise(std::vector<TimeMs>& samples) {
    DurationStats s;
    if (samples.empty()) return s;
    std::sort(samples.begin(), samples.end());
    s.count = static_cast<int>(samples.size());
    for (auto v : samples) s.total += v;
    s.meanMs = static_cast<double>(s.total) / s.count;
    s.p50 = nearestRank(samples, 50);
    s.p90 = nearestRank(samples, 90);
    s.max = samples.back();
    return s;
}

const char* toString(VisitOutcome outcome) {
    switch (outcome) {
        case VisitOutcome::Served:
            return "served";
        case VisitOutcome::NoShow:
            return "noshow";
        case VisitOutcome::Cancelled:
            return "cancelled";
        case VisitOutcome::Expired:
            return "expired";
        case VisitOutcome::Open:
            return "open";
    }
    return "unknown";
}

double percent(std::int64_t part, std::int64_t whole) {
    return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

int VisitCounts::count(VisitOutcome outcome) const {
    switch (outcome) {
        case VisitOutcome::Served:
            return served;
        case VisitOutcome::NoShow:
            return noShow;
        case VisitOutcome::Cancelled:
            return cancelled;
        case VisitOutcome::Expired:
            return expired;
        case VisitOutcome::Open:
            return open;
    }
    return 0;
}

std::optional<std::int64_t> parseIsoDate(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    }
    const int y = std::stoi(text.substr(0, 4));
    const int m = std::stoi(text.substr(5, 2));
    const int d = std::stoi(text.substr(8, 2));
    if (y < 1970 || m < 1 || m > 12 || d < 1) return std::nullopt;
    static constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    const int last = kMonthDays[m - 1] + (m == 2 && leap ? 1 : 0);
    if (d > last) return std::nullopt;
    return daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::string isoDateFromDays(std::int64_t z) {
    // H. Hinnant's civil_from_days.
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return fmt::format("{:04}-{:02}-{:02}", y + (m <= 2), m, d);
}

Result<Report> computeReport(Database& db, const ReportQuery& query) {
    const auto fromDays = parseIsoDate(query.from);
    if (!fromDays) {
        return Result<Report>::failure(Outcome::Invalid,
                                       fmt::format("--from '{}' is not a date (YYYY-MM-DD)", query.from));
    }
    const auto toDays = parseIsoDate(query.to);
    if (!toDays) {
        return Result<Report>::failure(Outcome::Invalid,
                                       fmt::format("--to '{}' is not a date (YYYY-MM-DD)", query.to));
    }
    if (*toDays < *fromDays) {
        return Result<Report>::failure(
            Outcome::Invalid,
            fmt::format("the period is reversed: --from {} is after --to {}", query.from, query.to));
    }
    const std::int64_t days = *toDays - *fromDays + 1;
    if (days > kMaxReportDays) {
        return Result<Report>::failure(
            Outcome::Invalid,
            fmt::format("the period has {} days; a report covers at most {}", days, kMaxReportDays));
    }

    Transaction tx(db, Transaction::Kind::Snapshot);  // one consistent snapshot
    Report report;
    report.query = query;
    report.days = static_cast<int>(days);

    const auto office = settingObject(db, "office");
    const auto callOrder = settingObject(db, "call_order");
    const auto rating = settingObject(db, "rating");
    report.officeName = office.value("name", std::string());
    report.officeUnit = office.value("unit", std::string());
    report.timeZone = office.value("time_zone", std::string("Asia/Ho_Chi_Minh"));
    const int waitTarget = callOrder.value("wait_target_minutes", CallOrderConfig{}.waitTargetMinutes);
    const int ratingLevels = rating.value("levels", RatingConfig{}.levels);
    const BusinessCalendar calendar(report.timeZone);

    std::map<std::int64_t, ServiceInfo> services;
    {
        Statement st(db, "SELECT id, code, name, name_en, sort_order, active FROM services");
        while (st.step()) {
            services[st.getInt(0)] = {st.getText(1), st.getText(2), st.getText(3),
                                      static_cast<int>(st.getInt(4)), st.getInt(5) != 0};
        }
    }
    std::map<std::int64_t, CounterInfo> counters;
    {
        Statement st(db, "SELECT id, number, name, active FROM counters");
        while (st.step())
            counters[st.getInt(0)] = {static_cast<int>(st.getInt(1)), st.getText(2), st.getInt(3) != 0};
    }
    std::map<std::int64_t, StaffInfo> staff;
    {
        Statement st(db, "SELECT id, login, name FROM staff");
        while (st.step()) staff[st.getInt(0)] = {st.getText(1), st.getText(2)};
    }

    Filter filter;
    if (query.service) {
        std::vector<std::string> known;
        for (const auto& [id, s] : services) {
            if (s.code == *query.service) filter.serviceId = id;
            known.push_back(s.code);
        }
        if (!filter.serviceId) {
            return Result<Report>::failure(
                Outcome::NotFound,
                fmt::format("unknown service '{}' (services: {})", *query.service, fmt::join(known, ", ")));
        }
        report.filterServiceName = services[*filter.serviceId].name;
    }
    if (query.counter) {
        std::vector<int> known;
        for (const auto& [id, c] : counters) {
            if (c.number == *query.counter) filter.counterId = id;
            known.push_back(c.number);
        }
        if (!filter.counterId) {
            std::sort(known.begin(), known.end());
            return Result<Report>::failure(
                Outcome::NotFound,
                fmt::format("unknown counter {} (counters: {})", *query.counter, fmt::join(known, ", ")));
        }
        report.filterCounterName = counters[*filter.counterId].name;
    }
    if (query.staff) {
        for (const auto& [id, s] : staff) {
            if (s.login == *query.staff || std::to_string(id) == *query.staff) filter.staffId = id;
        }
        if (!filter.staffId) {
            return Result<Report>::failure(
                Outcome::NotFound,
                fmt::format("unknown officer '{}' (give a staff login or id)", *query.staff));
        }
        report.query.staff = staff[*filter.staffId].login;
        report.filterStaffName = staff[*filter.staffId].name;
    }

    const TimeMs periodStart = localMidnight(calendar, *fromDays);
    const TimeMs periodEnd = localMidnight(calendar, *toDays + 1);

    Accumulator acc(filter, waitTarget, *fromDays, static_cast<int>(days), calendar);
    {
        static constexpr Sql kTicketEvents{
            "SELECT t.id, t.business_day, t.number, t.priority IS NOT NULL, t.service_id, "
            "e.kind, e.at, e.counter_id, e.staff_id, e.service_id, "
            "CASE e.kind WHEN 'finish' THEN json_extract(e.detail, '$.outcome') "
            "WHEN 'rate' THEN json_extract(e.detail, '$.level') "
            "WHEN 'issue' THEN json_extract(e.detail, '$.channel') "
            "WHEN 'noshow' THEN json_extract(e.detail, '$.reason') END, "
            "CASE e.kind WHEN 'finish' THEN json_extract(e.detail, '$.procedures') END "
            "FROM tickets t JOIN events e ON e.ticket_id = t.id "
            "WHERE t.business_day BETWEEN ? AND ? ORDER BY t.id, e.id",
            "SELECT t.id, t.business_day, t.number, t.priority IS NOT NULL, t.service_id, "
            "e.kind, e.at, e.counter_id, e.staff_id, e.service_id, "
            "CASE e.kind WHEN 'finish' THEN e.detail->>'outcome' WHEN 'rate' THEN e.detail->>'level' "
            "WHEN 'issue' THEN e.detail->>'channel' WHEN 'noshow' THEN e.detail->>'reason' END, "
            "CASE e.kind WHEN 'finish' THEN (e.detail->'procedures')::text END "
            "FROM tickets t JOIN events e ON e.ticket_id = t.id "
            "WHERE t.business_day BETWEEN ? AND ? ORDER BY t.id, e.id"};
        Statement st(db, kTicketEvents);
        st.bind(1, query.from).bind(2, query.to);
        std::optional<std::int64_t> current;
        std::string kind;
        while (st.step()) {
            const std::int64_t id = st.getInt(0);
            if (id != current) {
                if (current) acc.endTicket();
                acc.beginTicket(id, st.getText(1), st.getText(2), st.getInt(3) != 0, st.getInt(4));
                current = id;
            }
            kind = st.getText(5);
            Accumulator::Row row{kind,
                                 st.getInt(6),
                                 st.getOptInt(7),
                                 st.getOptInt(8),
                                 st.getOptInt(9),
                                 st.getOptText(10),
                                 st.getOptText(11)};
            acc.event(row);
        }
        if (current) acc.endTicket();
    }

    // Officers' sessions and breaks (events without a ticket).
    struct TimeAcc {
        int sessions = 0, unclosed = 0, breaks = 0;
        TimeMs loggedIn = 0, onBreak = 0;
        std::map<std::string, BreakReason> reasons;
    };
    std::map<std::int64_t, TimeAcc> officerTime;
    {
        Statement last(db,
                       "SELECT MAX(at) FROM events WHERE staff_id = ? AND at >= ? AND at < ? "
                       "AND kind NOT IN ('login', 'login_failed', 'login_locked', 'pin_set')");
        std::map<std::int64_t, Session> open;
        const auto endBreak = [&](Session& s, TimeMs at) {
            if (!s.breakSince) return;
            const TimeMs ms = std::max<TimeMs>(0, at - *s.breakSince);
            auto& t = officerTime[s.staffId];
            t.onBreak += ms;
            ++t.breaks;
            auto& r = t.reasons[s.breakReason];
            r.reason = s.breakReason;
            ++r.count;
            r.ms += ms;
            s.breakSince.reset();
        };
        // at: the logout; nullopt: none, so the session ends at the officer's last recorded event
        // before `bound` (the next login) and within the login's day.
        const auto endSession = [&](Session& s, std::optional<TimeMs> at, std::optional<TimeMs> bound) {
            auto& t = officerTime[s.staffId];
            ++t.sessions;
            TimeMs end = s.loginAt;
            if (at) {
                end = *at;
            } else {
                ++t.unclosed;
                // Next local midnight; +25 h lands in the next day whatever the day's length.
                TimeMs limit = calendar.startOfDay(calendar.startOfDay(s.loginAt) + kDayMs + kHourMs);
                if (bound) limit = std::min(limit, *bound);
                last.bind(1, s.staffId).bind(2, s.loginAt).bind(3, limit);
                if (last.step() && !last.isNull(0)) end = std::max(end, last.getInt(0));
                last.reset();
            }
            endBreak(s, end);
            t.loggedIn += end - s.loginAt;
        };
        static constexpr Sql kSessions{
            "SELECT kind, at, counter_id, staff_id, "
            "CASE kind WHEN 'break_start' THEN json_extract(detail, '$.reason') END FROM events "
            "WHERE ticket_id IS NULL AND at >= ? AND at < ? AND staff_id IS NOT NULL AND "
            "kind IN ('login', 'logout', 'break_start', 'break_end') ORDER BY at, id",
            "SELECT kind, at, counter_id, staff_id, "
            "CASE kind WHEN 'break_start' THEN detail->>'reason' END FROM events "
            "WHERE ticket_id IS NULL AND at >= ? AND at < ? AND staff_id IS NOT NULL AND "
            "kind IN ('login', 'logout', 'break_start', 'break_end') ORDER BY at, id"};
        Statement st(db, kSessions);
        st.bind(1, periodStart).bind(2, periodEnd);
        while (st.step()) {
            const std::string kind = st.getText(0);
            const TimeMs at = st.getInt(1);
            const auto counterId = st.getOptInt(2);
            const std::int64_t staffId = st.getInt(3);
            if (filter.staffId && staffId != *filter.staffId) continue;
            auto it = open.find(staffId);
            if (kind == "login") {
                if (filter.counterId && counterId != filter.counterId) continue;
                if (it != open.end()) {
                    endSession(it->second, std::nullopt, at);
                    open.erase(it);
                }
                open.emplace(staffId, Session{staffId, counterId, at, std::nullopt, {}});
            } else if (it == open.end()) {
                continue;  // before a login in the period, or at a filtered-out counter
            } else if (kind == "logout") {
                endSession(it->second, at, std::nullopt);
                open.erase(it);
            } else if (kind == "break_start") {
                endBreak(it->second, at);
                it->second.breakSince = at;
                it->second.breakReason = st.getOptText(4).value_or("");
            } else if (kind == "break_end") {
                endBreak(it->second, at);
            }
        }
        for (auto& [id, s] : open) endSession(s, std::nullopt, std::nullopt);
    }

    // Rating levels: the configured scale, plus any other known level found in the log.
    for (const auto& level : ratingScale(4)) {
        bool configured = false;
        for (const auto& l : ratingScale(ratingLevels))
            configured = configured || std::string_view(l.code) == level.code;
        if (configured || acc.m_seenLevels.count(level.code)) report.levels.push_back(level);
    }

    report.visits = acc.m_visits;
    // Channels: the known ones always (zeros say "none taken that way"), then any other in the log.
    for (const char* known : kKnownChannels) report.channels.emplace_back(known);
    for (const auto& [channel, a] : acc.m_channels) {
        if (std::find(report.channels.begin(), report.channels.end(), channel) == report.channels.end())
            report.channels.push_back(channel);
    }
    const auto byChannel = [&](const std::map<std::string, int>& counts) {
        std::vector<int> out;
        for (const auto& channel : report.channels) {
            const auto it = counts.find(channel);
            out.push_back(it == counts.end() ? 0 : it->second);
        }
        return out;
    };
    for (const auto& channel : report.channels) {
        auto& a = acc.m_channels[channel];
        ChannelRow row;
        row.channel = channel;
        row.visits = a.visits;
        row.checkedIn = a.checkedIn;
        row.noShowNotCheckedIn = a.noShowNotCheckedIn;
        row.wait = summarise(a.waits);
        row.serviceLevel = a.serviceLevel;
        row.serviceLevel.targetMinutes = waitTarget;
        report.perChannel.push_back(std::move(row));
    }
    report.legs = acc.m_legs;
    report.transfers = acc.m_transfers;
    report.reactivations = acc.m_reactivations;
    report.recalls = acc.m_recalls;
    report.wait = summarise(acc.m_waits);
    for (auto outcome : kVisitOutcomes) {
        report.waitByOutcome.push_back(
            {outcome, summarise(acc.m_waitsByOutcome[static_cast<std::size_t>(outcome)])});
    }
    report.serviceServed = summarise(acc.m_servedServiceTimes);
    report.serviceTransferred = summarise(acc.m_transferredServiceTimes);
    report.serviceLevel = acc.m_serviceLevel;
    for (std::size_t i = 0; i < std::size(kWaitBucketBounds); ++i) {
        WaitBucket b;
        b.fromMinutes = kWaitBucketBounds[i];
        if (i + 1 < std::size(kWaitBucketBounds)) b.toMinutes = kWaitBucketBounds[i + 1];
        for (auto w : acc.m_waits) {  // sorted by summarise
            const bool above = i == 0 ? w >= 0 : w > b.fromMinutes * 60'000LL;
            if (above && (!b.toMinutes || w <= *b.toMinutes * 60'000LL)) ++b.count;
        }
        report.waitDistribution.push_back(b);
    }
    report.satisfaction = toCounts(acc.m_levels, report.levels);

    for (std::int64_t d = 0; d < days; ++d) {
        auto& a = acc.m_days[static_cast<std::size_t>(d)];
        DayRow row;
        row.day = isoDateFromDays(*fromDays + d);
        row.visits = a.visits;
        row.issuedByChannel = byChannel(a.issuedByChannel);
        row.wait = summarise(a.waits);
        row.serviceLevel = a.serviceLevel;
        row.satisfaction = toCounts(a.levels, report.levels);
        report.perDay.push_back(std::move(row));
    }

    const bool unfiltered = !filter.serviceId && !filter.counterId && !filter.staffId;
    // Services: those with legs, every active one when nothing is filtered, in the office's order.
    std::vector<std::int64_t> serviceIds;
    for (const auto& [id, s] : services) {
        if (acc.m_services.count(id) || (s.active && (unfiltered || filter.serviceId == id)))
            serviceIds.push_back(id);
    }
    std::sort(serviceIds.begin(), serviceIds.end(), [&](auto a, auto b) {
        return std::tie(services[a].sortOrder, services[a].code) <
               std::tie(services[b].sortOrder, services[b].code);
    });
    for (auto id : serviceIds) {
        auto& a = acc.m_services[id];
        ServiceRow row = a.row;
        row.legsByChannel = byChannel(a.legsByChannel);
        row.code = services[id].code;
        row.name = services[id].name;
        row.nameEn = services[id].nameEn;
        row.wait = summarise(a.waits);
        row.service = summarise(a.services);
        row.serviceLevel.targetMinutes = waitTarget;
        report.perService.push_back(std::move(row));
    }

    const auto finishDesk = [&](DeskAcc& a, DeskRow& row) {
        row = a.row;
        row.service = summarise(a.serviceSamples);
        row.satisfaction = toCounts(a.levels, report.levels);
    };
    std::vector<std::int64_t> counterIds;
    for (const auto& [id, c] : counters) {
        if (acc.m_counters.count(id) || (c.active && (unfiltered || filter.counterId == id)))
            counterIds.push_back(id);
    }
    std::sort(counterIds.begin(), counterIds.end(),
              [&](auto a, auto b) { return counters[a].number < counters[b].number; });
    for (auto id : counterIds) {
        CounterRow row;
        finishDesk(acc.m_counters[id], row);
        row.number = counters[id].number;
        row.name = counters[id].name;
        report.perCounter.push_back(std::move(row));
    }

    // Officers: those with desk activity or (unless a service is chosen) a session, by login;
    // events without an officer last.
    std::set<std::int64_t> officerIds;
    for (const auto& [id, a] : acc.m_officers) officerIds.insert(id);
    if (!filter.serviceId) {
        for (const auto& [id, t] : officerTime) officerIds.insert(id);
    }
    std::vector<std::int64_t> officerOrder(officerIds.begin(), officerIds.end());
    std::sort(officerOrder.begin(), officerOrder.end(), [&](auto a, auto b) {
        if ((a < 0) != (b < 0)) return b < 0;
        return staff[a].login < staff[b].login;
    });
    for (auto id : officerOrder) {
        OfficerRow row;
        finishDesk(acc.m_officers[id], row);
        if (id >= 0) {
            row.id = id;
            row.login = staff[id].login;
            row.name = staff[id].name;
        }
        if (const auto t = officerTime.find(id); t != officerTime.end()) {
            row.sessions = t->second.sessions;
            row.unclosedSessions = t->second.unclosed;
            row.loggedInMs = t->second.loggedIn;
            row.breaks = t->second.breaks;
            row.breakMs = t->second.onBreak;
            for (const auto& [reason, r] : t->second.reasons) row.breakReasons.push_back(r);
        }
        report.perOfficer.push_back(std::move(row));
    }

    // Hours: the span of the opening hours and of the arrivals.
    int firstHour = 24, lastHour = -1;
    if (office.contains("opening_hours") && office["opening_hours"].is_array()) {
        for (const auto& h : office["opening_hours"]) {
            if (!h.is_object()) continue;
            const int open = h.value("open_minute", -1), close = h.value("close_minute", -1);
            if (open < 0 || close <= open) continue;
            firstHour = std::min(firstHour, open / 60);
            lastHour = std::max(lastHour, std::min(23, (close - 1) / 60));
        }
    }
    for (int h = 0; h < 24; ++h) {
        if (acc.m_hours[static_cast<std::size_t>(h)].arrivals == 0) continue;
        firstHour = std::min(firstHour, h);
        lastHour = std::max(lastHour, h);
    }
    for (int h = firstHour; h <= lastHour; ++h) {
        auto& a = acc.m_hours[static_cast<std::size_t>(h)];
        report.perHour.push_back({h, a.arrivals, summarise(a.waits)});
    }

    // Procedures, with names from the catalogue.
    std::optional<Statement> procedureName;
    procedureName.emplace(db, "SELECT name FROM catalogue_procedures WHERE code = ?");
    for (const auto& [code, counts] : acc.m_procedures) {
        ProcedureRow row;
        row.code = code;
        row.perOutcome = counts;
        for (int c : counts) row.total += c;
        if (procedureName && !code.empty()) {
            procedureName->bind(1, code);
            if (procedureName->step()) row.name = procedureName->getText(0);
            procedureName->reset();
        }
        report.perProcedure.push_back(std::move(row));
    }
    // Most handled first; the "none recorded" row last.
    std::stable_sort(report.perProcedure.begin(), report.perProcedure.end(),
                     [](const auto& a, const auto& b) {
                         if (a.code.empty() != b.code.empty()) return b.code.empty();
                         return a.total > b.total;
                     });

    for (const auto& u : acc.m_unsatisfied) {
        UnsatisfiedTicket t;
        t.day = u.day;
        t.number = u.number;
        t.serviceCode = services[u.serviceId].code;
        if (u.counterId) t.counter = counters[*u.counterId].number;
        if (u.staffId) t.officer = staff[*u.staffId].login;
        t.ratedAt = u.at;
        t.ratedAtLocal = calendar.isoLocal(u.at);
        t.ratedClock = calendar.clockText(u.at);
        report.unsatisfied.push_back(std::move(t));
    }
    std::sort(report.unsatisfied.begin(), report.unsatisfied.end(),
              [](const auto& a, const auto& b) { return a.ratedAt < b.ratedAt; });

    bool anyDesk = false;
    for (const auto& o : report.perOfficer) anyDesk = anyDesk || o.sessions > 0 || o.calls > 0;
    report.empty = report.visits.issued == 0 && !anyDesk;
    return Result<Report>::success(std::move(report));
}

}  // namespace motcua::queue
