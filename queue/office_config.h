// The office configuration file (TOML): who the office is, its services, counters, staff, priority
// categories and call-order settings. `motcua init` loads it into the database.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "queue/clock.h"
#include "queue/database.h"

namespace motcua::queue {

class Database;

// A problem in the config file. what() is one line: "FILE:LINE: KEY: problem".
class ConfigError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// What a service's numbers are for: handing in a new dossier (the default), collecting a result
// ("results": trả kết quả) or bringing additional papers to a dossier ("supplement": bổ sung hồ sơ).
// Numbers of the last two are taken at the kiosk with the code of the dossier's receipt
// (queue/dossier_code.h), which the number carries for the officer who calls it.
enum class ServiceKind { Submit, Results, Supplement };
// "results", "supplement"; "" for Submit (the office.toml and settings words).
const char* serviceKindWord(ServiceKind kind);
std::optional<ServiceKind> serviceKindFromWord(const std::string& word);

struct ServiceConfig {
    std::string code;    // stable identifier, e.g. "HT"
    std::string name;    // shown to citizens, Vietnamese
    std::string nameEn;  // English option
    std::string prefix;  // ticket number prefix, e.g. "A"
    std::optional<int> dailyCap;
    std::string ticketNote;  // printed on the ticket, e.g. the 15:00 rule for certification
    // Numbers stop this many minutes before the day's last window closes ("nhận số đến 16:30");
    // nullopt: the office's [office] issue_cutoff_minutes.
    std::optional<int> cutoffMinutes;
    // A ticket issued at or after this minute of the day carries lateNote instead of ticketNote
    // (chứng thực after 15:00: Nghị định 23/2015/NĐ-CP, Điều 7). "{next_working_day}" in the note is
    // replaced by that day in words ("thứ Ba, 08/12/2026").
    std::optional<int> lateAfterMinute;
    std::string lateNote;
    std::string lateNoteEn;
    ServiceKind kind = ServiceKind::Submit;
};

struct CounterConfig {
    int number = 0;
    std::string name;
    // A short name for the lobby TV ("Hộ tịch"), read from 6 m; empty: the display shortens `name`.
    std::string displayName;
    std::vector<std::string> services;  // service codes this counter calls from
};

struct StaffConfig {
    std::string login;
    std::string name;
    std::string role;     // officer | supervisor | admin
    std::string pinHash;  // libsodium Argon2id string, or empty (no PIN set yet)
};

struct PriorityCategoryConfig {
    std::string code;
    std::string name;
    std::string nameEn;
    // What the category covers, as the kiosk shows it under the choice, and the law it is taken from
    // ("Luật Người cao tuổi 2009, Điều 2"); empty: nothing is shown (no source, nothing invented).
    std::string definition;
    std::string definitionEn;
    std::string legalBasis;
    std::string legalBasisEn;
};

struct OpeningSession {
    std::vector<int> weekdays;  // 1 = Monday ... 7 = Sunday
    int openMinute = 0;         // minutes after local midnight
    int closeMinute = 0;
};

// The office's calendar file (TOML, edited by the office): public holidays and the Government's
// make-up working days, year by year, each year with the source it was taken from.
struct CalendarYear {
    int year = 0;
    std::string source;    // the decision or notice the year's days come from
    bool complete = true;  // false: some of the year's days are not published yet (note says which)
    std::string note;
};
struct CalendarDayOff {
    std::string from, to;  // "YYYY-MM-DD", inclusive; to == from for one day
    std::string name, nameEn;
};
struct CalendarWorkingDay {
    std::string date;  // a Saturday or Sunday worked to make up for a day off moved next to a holiday
    std::string name, nameEn;
    int hoursOf = 1;  // the weekday (1 = Monday .. 7) whose opening hours apply that day
};
struct OfficeCalendar {
    std::string sourceName;
    std::vector<CalendarYear> years;
    std::vector<CalendarDayOff> daysOff;
    std::vector<CalendarWorkingDay> workingDays;
};

// Throws ConfigError "FILE:LINE: KEY: problem". Every day must fall in a year listed in [[years]]
// with its source; a make-up working day must not also be a day off.
OfficeCalendar parseOfficeCalendar(std::string_view text, const std::string& sourceName);
OfficeCalendar loadOfficeCalendar(const std::filesystem::path& path);

struct CallOrderConfig {
    // After this many normal tickets a counter calls one waiting priority ticket; 0 = priority
    // tickets always go first.
    int priorityInterleave = 3;
    // A ticket recalled more than this many times becomes a no-show on the next recall.
    int recallLimit = 3;
    // Service minutes assumed per citizen until the service has history.
    int defaultServiceMinutes = 6;
    // How many recent services of the same kind the wait estimate averages.
    int estimateSamples = 20;
    // The office's waiting-time target (service level in reports, alerts on consoles).
    int waitTargetMinutes = 15;
};

// [citizen_id]: the citizen's ID card at the kiosk and the per-citizen limits (citizen_card.h).
struct CitizenIdConfig {
    // The kiosk reads the card's QR from a keyboard-wedge scanner and applies the limits below to
    // citizens who scan it. Off: no card is read and nobody is limited per citizen.
    bool enabled = false;
    // The office's secret key for citizen ids (CitizenKey), created by `motcua init`; relative to the
    // config file's folder. Every kiosk of the office needs a copy of the same file.
    std::string keyFile = "citizen.key";
    // Numbers a citizen may take per business day, and per field (service); 0: no limit. iHanoi's
    // online numbers: 2 a day, 1 per field.
    int perDay = 2;
    int perField = 1;
    // A scanner types a whole line within milliseconds; a person does not. A line counts as a scan
    // when it has at least scannerMinLength characters, each within scannerKeyGapMs of the one
    // before, and ends with Enter.
    int scannerKeyGapMs = 30;
    int scannerMinLength = 40;
    // The priority category a citizen whose card says they are 60 or over is offered (người cao tuổi).
    std::string elderlyCategory = "cao_tuoi";
};

struct RatingConfig {
    // 3: Rất hài lòng / Hài lòng / Không hài lòng; 4 adds Bình thường.
    int levels = 3;
    // The counter's rating screen goes back to idle after this many seconds without an answer.
    int timeoutSeconds = 60;
};

// The satisfaction levels of a scale, best first: codes stored in events, and their labels.
struct RatingLevel {
    const char* code;
    const char* nameVi;
    const char* nameEn;
    bool satisfied;  // counts towards "hài lòng + rất hài lòng"
};
std::vector<RatingLevel> ratingScale(int levels);

// [web]: the citizens' pages of motcua-web.
struct WebConfig {
    // Where citizens reach motcua-web ("https://motcua.example.gov.vn"): the printed ticket's QR and
    // short code lead to public_url + "/t/...". Empty: no QR on tickets.
    std::string publicUrl;
    bool takeOnline = true;      // /lay-so issues numbers (false: the page says it is closed)
    int perPhoneDaily = 2;       // numbers a phone (signed cookie) may take a day
    int perPhonePerService = 1;  // of which per service
    int perAddressPerHour = 20;  // numbers taken from one network address per hour
    // A number taken online and called must be checked in at the kiosk (its code or QR) within this
    // many minutes of its call, or it is a no-show (QueueService::noShowsNotCheckedIn). 0: no check-in.
    int onlineCheckinMinutes = 0;
};

// [appointments]: booking a time slot on motcua-web's /dat-lich and checking it in at the kiosk
// (queue/appointments.h).
struct AppointmentConfig {
    bool enabled = false;  // off: /dat-lich says booking is closed, and nothing can be booked
    // Bookable days: today and the next daysAhead working days of the office calendar (iHanoi: 6).
    int daysAhead = 6;
    // Slots run from each opening window's start (numbers' cut-off applied to the day's last window)
    // in steps of slotMinutes; a slot that would end after its window is not offered.
    int slotMinutes = 30;
    int capacity = 2;  // bookings a slot of one service holds
    // A booking not checked in by its slot's end plus this many minutes is expired.
    int graceMinutes = 15;
    int perPhoneDaily = 2;       // bookings one phone holds for one day
    int perPhonePerService = 1;  // of which per service (field)
};

// How calls are announced in the lobby (read by the display through the voice library).
struct VoiceConfig {
    std::string wording;  // template with {number} {counter} {counter_name} {field}; empty: default
    std::string numbers = "digits";  // digits ("a không một hai") | number ("a mười hai")
    std::string voice = "vi";        // espeak-ng voice: vi (northern), vi-vn-x-central, vi-vn-x-south
    int rateWpm = 150;
    int repeats = 2;
    bool chime = true;
    std::string clipDirectory;  // recorded clips; empty: assets/voice (clips win when present)
};

struct OfficeConfig {
    std::string sourceName;  // file the config came from (for messages)
    std::string name;        // e.g. "UBND phường Ngô Quyền"
    std::string unit;        // e.g. "Điểm Phục vụ hành chính công"
    std::string address;
    std::string hotline;
    std::string slogan;
    // The office's logo for the kiosk header: a PNG file; empty: a plain pictogram (never the national
    // emblem, whose use is regulated).
    std::string logo;
    // The kiosk touchscreen's density, for 15 mm touch targets; 0: the kiosk's default.
    double kioskDpi = 0;
    std::string onlinePortal;  // e.g. https://dichvucong.hanoi.gov.vn
    std::string timeZone = "Asia/Ho_Chi_Minh";
    std::vector<OpeningSession> openingHours;
    std::string openingHoursText;  // as shown to citizens
    // Numbers stop this many minutes before the last window of the day closes (services may differ).
    int issueCutoffMinutes = 0;
    // [office] calendar: the calendar file as written (relative to the config file's folder), and
    // what loadOfficeConfig read from it (empty when there is none).
    std::string calendarFile;
    OfficeCalendar calendar;
    std::vector<ServiceConfig> services;
    std::vector<CounterConfig> counters;
    std::vector<StaffConfig> staff;
    std::vector<PriorityCategoryConfig> priorities;
    CallOrderConfig callOrder;
    RatingConfig rating;
    CitizenIdConfig citizenId;
    VoiceConfig voice;
    std::string printer = "usb:";      // printer URI (see printer/)
    int printerWidthDots = 576;        // 576 (80 mm), 384 (58 mm), 512, 640
    std::string printerQr = "raster";  // raster | native
    // [database] url: where every program of the office finds the shared queue when neither --db nor
    // $MOTCUA_DB says ("postgresql://kiosk@10.0.0.2/motcua"); empty: the SQLite file.
    std::string databaseUrl;
    // [office] clock_guard_days: how far ahead of the last recorded activity the clock may be before
    // nothing is issued until staff confirm the date (QueueService::clockProblem).
    int clockGuardDays = 31;
    WebConfig web;
    AppointmentConfig appointments;
};

// The "appointments" object of the "office" setting applyOfficeConfig writes, and the config read
// back from it (defaults for a missing value).
nlohmann::json appointmentSettings(const AppointmentConfig& config);
AppointmentConfig appointmentConfigFromSettings(const nlohmann::json& office);

// parseOfficeConfig leaves the calendar empty; loadOfficeConfig also reads [office] calendar.
OfficeConfig parseOfficeConfig(std::string_view text, const std::string& sourceName);
OfficeConfig loadOfficeConfig(const std::filesystem::path& path);

// The "citizen_id" setting applyOfficeConfig writes (the key file's path made absolute by
// loadOfficeConfig), and the config read back from it (defaults for a missing setting).
nlohmann::json citizenIdSettings(const CitizenIdConfig& config);
CitizenIdConfig citizenIdFromSettings(const nlohmann::json& settings);

// The "issuing" setting applyOfficeConfig writes: cut-offs, late notes and the calendar (the
// windows are the office's opening_hours). Read back by IssuingHours.
nlohmann::json issuingSettings(const OfficeConfig& config);

// What applyOfficeConfig did beyond writing the settings: tickets of today that were waiting (or
// held) for a service the file renamed, moved to the service that took over its prefix.
struct ConfigApplied {
    std::vector<std::string> movedTickets;  // "A004 (HT → HT2)"
};

// Writes the office's services, counters, staff, priority categories and settings in one
// transaction. A service that is no longer in the file is retired, never deleted. Today's open
// tickets of a retired service move (with a `service_renamed` event) to the file's service with the
// same prefix, which goes on numbering after them; when no service takes the prefix, the config is
// refused (ConfigError naming the tickets) and nothing changes: nobody would call them.
ConfigApplied applyOfficeConfig(Database& db, const OfficeConfig& config, const Clock& clock);
ConfigApplied applyOfficeConfig(Database& db, const OfficeConfig& config);

}  // namespace motcua::queue
