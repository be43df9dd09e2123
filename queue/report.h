// The office head's report: figures for a period of business days, computed from the event log
// (queue/EVENTS.md) and nothing else, so any period can be recomputed at any time. No formatting
// here: kiosk/cli/report_format.h turns a Report into text, CSV, JSON or HTML.
//
// Definitions (also printed with the report):
// - A visit is one ticket (one number). A leg is the part of a visit spent in one service: leg 1
//   starts at `issue`, each `transfer` starts the next leg in the new service. Figures per service
//   count legs, so a transferred ticket counts once in each service it went through; every other
//   figure counts visits.
// - A visit belongs to the business day it was issued on; its outcome is its last closing event
//   (`finish` served, `noshow`, `cancel`, `expire`); a `reactivate` reopens it; a visit with none
//   of those is open (not closed in the log yet).
// - Visit wait = first `call` − `issue`. Leg wait = the leg's first `call` − the leg's start. Waits
//   after a `return` or `reactivate` are not added: the office had already called the citizen.
// - Service time = the time between `start` and the next `finish`, `transfer`, `hold`, `return` or
//   `cancel`, summed over the leg; a leg that expires while serving adds none. No-shows are never
//   started, so they never enter service time.
// - Percentiles use the nearest rank: p-th percentile of n sorted samples is sample ceil(p·n/100).
// - Service level: served visits whose visit wait was within call_order.wait_target_minutes.
// - A visit's channel is how its number was taken: the `channel` of its issue event ("" for the kiosk
//   or an officer's CLI, "online" for motcua-web's /lay-so, "appointment" for a booked appointment
//   checked in). A channel the log records that this version does not know is counted as its own.
// - Officers' time comes from `login`/`logout`/`break_start`/`break_end` events (no ticket). A
//   session with no logout ends at the officer's last recorded event of that day and is counted as
//   unclosed; a break with no end ends with its session.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "queue/clock.h"
#include "queue/office_config.h"
#include "queue/queue_service.h"
#include "queue/sqlite.h"

namespace motcua::queue {

struct ReportQuery {
    std::string from;                    // office-local date YYYY-MM-DD, inclusive
    std::string to;                      // inclusive
    std::optional<std::string> service;  // service code
    std::optional<int> counter;          // counter number
    std::optional<std::string> staff;    // staff login, or the numeric staff id
};

// A longer period is refused (the per-day table has one row per day).
inline constexpr int kMaxReportDays = 3660;

struct DurationStats {
    int count = 0;
    double meanMs = 0;  // 0 when count is 0, like the others
    TimeMs p50 = 0;
    TimeMs p90 = 0;
    TimeMs max = 0;
    TimeMs total = 0;
};
// Sorts samples in place.
DurationStats summarise(std::vector<TimeMs>& samples);
// The nearest-rank percentile (1..100) of sorted samples; 0 for none.
TimeMs nearestRank(const std::vector<TimeMs>& sorted, int percentile);

enum class VisitOutcome { Served, NoShow, Cancelled, Expired, Open };
inline constexpr VisitOutcome kVisitOutcomes[] = {VisitOutcome::Served, VisitOutcome::NoShow,
                                                  VisitOutcome::Cancelled, VisitOutcome::Expired,
                                                  VisitOutcome::Open};
const char* toString(VisitOutcome outcome);

// Percentages are 0 when the denominator is 0.
double percent(std::int64_t part, std::int64_t whole);

struct VisitCounts {
    int issued = 0;
    int served = 0;
    int noShow = 0;
    int cancelled = 0;
    int expired = 0;
    int open = 0;
    int transferred = 0;  // visits with at least one transfer; also counted under their outcome
    int priority = 0;     // visits issued with a priority category
    int count(VisitOutcome outcome) const;
};

struct ServiceLevel {
    int targetMinutes = 0;
    int within = 0;  // served visits with visit wait <= target
    int served = 0;
};

struct SatisfactionCounts {
    std::vector<int> perLevel;  // parallel to Report::levels
    int rated = 0;
    int satisfied = 0;  // levels that count as satisfied (rất hài lòng, hài lòng)
};

struct WaitByOutcome {
    VisitOutcome outcome = VisitOutcome::Served;
    DurationStats wait;  // visits with this outcome that were called at least once
};

// How numbers are taken (the issue event's "channel", queue/EVENTS.md): "" walk-in (the kiosk, or an
// officer with the CLI), "online" (motcua-web's /lay-so), "appointment" (an appointment checked in).
// Every report lists these three, zeros included, then any other channel of the visits it counts.
inline constexpr const char* kWalkInChannel = "";
inline constexpr const char* kOnlineChannel = "online";
inline constexpr const char* kAppointmentChannel = "appointment";
inline constexpr const char* kKnownChannels[] = {kWalkInChannel, kOnlineChannel, kAppointmentChannel};

struct ChannelRow {
    std::string channel;  // one of Report::channels
    VisitCounts visits;
    // Numbers taken online: checked in at the kiosk (or by `motcua checkin`), and no-shows made
    // because a called number was not checked in in time (README, "Checking in numbers taken online").
    int checkedIn = 0;
    int noShowNotCheckedIn = 0;
    DurationStats wait;  // visit waits of its called visits
    ServiceLevel serviceLevel;
};

struct DayRow {
    std::string day;
    VisitCounts visits;
    std::vector<int> issuedByChannel;  // visits issued that day, parallel to Report::channels
    DurationStats wait;                // visit waits of the day's called visits
    ServiceLevel serviceLevel;
    SatisfactionCounts satisfaction;
};

struct ServiceRow {
    std::string code;
    std::string name;
    std::string nameEn;
    int legs = 0;
    std::vector<int> legsByChannel;  // legs, by the channel of their visit, parallel to Report::channels
    int transferredIn = 0;           // legs that began with a transfer into this service
    int served = 0;
    int noShow = 0;
    int transferredOut = 0;
    int cancelled = 0;
    int expired = 0;
    int open = 0;
    DurationStats wait;         // leg waits
    DurationStats service;      // service time of served legs
    ServiceLevel serviceLevel;  // served legs with leg wait <= target
};

struct BreakReason {
    std::string reason;  // "" when none was given
    int count = 0;
    TimeMs ms = 0;
};

// Per counter and per officer: what happened there (events), service time of the legs finished there.
struct DeskRow {
    int calls = 0;  // `call` events (every call, including calls from hold)
    int recalls = 0;
    int served = 0;  // `finish` events
    int noShow = 0;  // `noshow` events
    int transfersOut = 0;
    DurationStats service;  // service time of legs finished here
    TimeMs servingMs = 0;   // all serving intervals started here (also of legs transferred on)
    SatisfactionCounts satisfaction;
};

struct CounterRow : DeskRow {
    int number = 0;
    std::string name;
};

struct OfficerRow : DeskRow {
    std::optional<std::int64_t> id;  // nullopt: events recorded without an officer
    std::string login;
    std::string name;
    int sessions = 0;
    int unclosedSessions = 0;
    TimeMs loggedInMs = 0;
    int breaks = 0;
    TimeMs breakMs = 0;
    std::vector<BreakReason> breakReasons;
};

struct HourRow {
    int hour = 0;  // local hour of the day, 0..23
    int arrivals = 0;
    DurationStats wait;  // visit waits of the visits issued in this hour that were called
};

struct ProcedureRow {
    std::string code;             // "" for finishes that recorded no procedure
    std::string name;             // from the catalogue when it knows the code
    std::vector<int> perOutcome;  // parallel to kProcedureOutcomes
    int total = 0;
};
// The finish outcomes (kFinishOutcomes) and "" for a finish that recorded none.
inline constexpr const char* kProcedureOutcomes[] = {"received", "guidance", "returned", "incomplete", ""};

// Waits w with from < w <= to (the first bucket also holds 0), so a wait exactly on the target
// falls in a bucket within it, as in the service level.
struct WaitBucket {
    int fromMinutes = 0;
    std::optional<int> toMinutes;  // inclusive; nullopt: open-ended
    int count = 0;
};

struct UnsatisfiedTicket {
    std::string day;
    std::string number;
    std::string serviceCode;
    std::optional<int> counter;
    std::string officer;  // login, "" when not recorded
    TimeMs ratedAt = 0;
    std::string ratedAtLocal;  // ISO 8601 local time
    std::string ratedClock;    // local "HH:MM"
};

struct Report {
    ReportQuery query;  // as given, service code and staff login canonical
    std::string officeName;
    std::string officeUnit;
    std::string timeZone;
    std::string filterServiceName;  // the names of the filters, for headings
    std::string filterCounterName;
    std::string filterStaffName;
    int days = 0;
    std::vector<RatingLevel> levels;  // the configured scale, plus any other level found in the log
    bool empty = true;                // no visit and no officer session in the period

    VisitCounts visits;
    std::vector<std::string> channels;   // kKnownChannels, then any other found, sorted
    std::vector<ChannelRow> perChannel;  // parallel to channels
    int legs = 0;
    int transfers = 0;
    int reactivations = 0;
    int recalls = 0;
    DurationStats wait;                        // all called visits
    std::vector<WaitByOutcome> waitByOutcome;  // every outcome, in kVisitOutcomes order
    DurationStats serviceServed;               // legs ended by finish
    DurationStats serviceTransferred;          // legs served, then transferred on
    ServiceLevel serviceLevel;
    std::vector<WaitBucket> waitDistribution;  // visit waits of called visits
    SatisfactionCounts satisfaction;

    std::vector<DayRow> perDay;  // every day of the period, in order, zeros included
    std::vector<ServiceRow> perService;
    std::vector<CounterRow> perCounter;
    std::vector<OfficerRow> perOfficer;
    std::vector<HourRow> perHour;  // a contiguous span of hours covering opening hours and activity
    std::vector<ProcedureRow> perProcedure;
    std::vector<UnsatisfiedTicket> unsatisfied;
};

// Computes the report in one read transaction. Bad input comes back as a value: Outcome::Invalid
// for a malformed or reversed date range, Outcome::NotFound for an unknown service, counter or
// officer (the message is one line for the person at the terminal).
Result<Report> computeReport(Database& db, const ReportQuery& query);

// "YYYY-MM-DD" that names a real date; the days-from-epoch of it.
std::optional<std::int64_t> parseIsoDate(const std::string& text);
std::string isoDateFromDays(std::int64_t days);

}  // namespace motcua::queue
