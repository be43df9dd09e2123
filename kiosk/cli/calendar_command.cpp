// `motcua calendar`: shows the office's issuing hours and calendar file and checks them.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "kiosk/cli/cli.h"
#include "queue/business_calendar.h"
#include "queue/issuing_hours.h"
#include "queue/office_config.h"

namespace motcua::cli {

namespace {

std::string hhmm(int minute) {
    return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

std::string windowsText(const std::vector<std::pair<int, int>>& windows) {
    if (windows.empty()) return "closed";
    std::string out;
    for (const auto& [open, close] : windows)
        out += fmt::format("{}{}–{}", out.empty() ? "" : ", ", hhmm(open), hhmm(close));
    return out;
}

struct CalendarArgs {
    std::string file;
    int year = 0;
};

}  // namespace

void registerCalendarCommand(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<CalendarArgs>();
    auto* sub = app.add_subcommand(
        "calendar",
        "Show and check the issuing hours and the calendar file (holidays, make-up working days)");
    sub->add_option("--file", args->file,
                    "Check this calendar file instead of the office config's [office] calendar");
    sub->add_option("--year", args->year, "The year to list (default: this year)")
        ->check(CLI::Range(2000, 2100));
    sub->callback([&ctx, args] {
        ctx.action = [&ctx, args] {
            queue::OfficeConfig config;
            try {
                config = queue::loadOfficeConfig(ctx.officeConfigPath());
                if (!args->file.empty()) config.calendar = queue::loadOfficeCalendar(args->file);
            } catch (const queue::ConfigError& e) {
                throw CommandError(Exit::Usage, e.what());
            }
            const queue::BusinessCalendar zone(config.timeZone);
            const queue::IssuingHours hours(config);
            const auto now = ctx.clock.now();
            const std::string today = zone.dayOf(now);
            const int year = args->year ? args->year : std::stoi(today.substr(0, 4));
            const auto& cal = config.calendar;

            nlohmann::json j;
            std::string text;
            std::vector<std::string> warnings;
            j["file"] = cal.sourceName;
            text +=
                fmt::format("calendar file: {}\n",
                            cal.sourceName.empty() ? "(none: [office] calendar is not set)" : cal.sourceName);
            if (cal.sourceName.empty())
                warnings.push_back(
                    "no calendar file: public holidays are not known, numbers are issued on them");

            nlohmann::json week = nlohmann::json::array();
            text += "issuing windows:\n";
            static const char* const kDays[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
            // A plain week (no holiday): the windows of each weekday, from the first Monday of the year 2001.
            for (int weekday = 1; weekday <= 7; ++weekday) {
                queue::OfficeConfig plain = config;
                plain.calendar = {};
                const auto windows =
                    queue::IssuingHours(plain).day(queue::addDays("2001-01-01", weekday - 1)).windows;
                week.push_back({{"weekday", weekday}, {"windows", windowsText(windows)}});
                text += fmt::format("  {} {}\n", kDays[weekday], windowsText(windows));
            }
            j["week"] = week;
            if (!hours.enforced()) warnings.push_back("no [[opening_hours]]: numbers are issued at any hour");
            j["cutoff_minutes"] = config.issueCutoffMinutes;
            text += fmt::format("numbers stop {} min before the day's last window closes",
                                config.issueCutoffMinutes);
            for (const auto& s : config.services) {
                if (s.cutoffMinutes) text += fmt::format("; {}: {} min", s.code, *s.cutoffMinutes);
            }
            text += "\n";
            for (const auto& s : config.services) {
                if (s.lateAfterMinute)
                    text += fmt::format("{} after {}: {}\n", s.code, hhmm(*s.lateAfterMinute), s.lateNote);
            }

            nlohmann::json years = nlohmann::json::array();
            text += "years:\n";
            bool thisYear = false, nextYear = false;
            const int current = std::stoi(today.substr(0, 4));
            for (const auto& y : cal.years) {
                years.push_back(
                    {{"year", y.year}, {"source", y.source}, {"complete", y.complete}, {"note", y.note}});
                text += fmt::format("  {}{}: {}\n", y.year, y.complete ? "" : " (incomplete)", y.source);
                if (!y.complete)
                    warnings.push_back(fmt::format("{} is incomplete: {}", y.year,
                                                   y.note.empty() ? "see the file" : y.note));
                thisYear = thisYear || y.year == current;
                nextYear = nextYear || y.year == current + 1;
            }
            j["years"] = years;
            if (!cal.sourceName.empty() && !thisYear)
                warnings.push_back(fmt::format("{} (this year) has no [[years]] entry", current));
            if (!cal.sourceName.empty() && !nextYear)
                warnings.push_back(fmt::format("{} (next year) has no [[years]] entry", current + 1));

            const std::string prefix = std::to_string(year);
            nlohmann::json off = nlohmann::json::array(), worked = nlohmann::json::array();
            text += fmt::format("days off in {}:\n", year);
            for (const auto& d : cal.daysOff) {
                if (d.from.substr(0, 4) != prefix && d.to.substr(0, 4) != prefix) continue;
                off.push_back({{"from", d.from}, {"to", d.to}, {"name", d.name}, {"name_en", d.nameEn}});
                text += d.from == d.to ? fmt::format("  {}  {}  {}\n", d.from,
                                                     queue::dateInWordsEn(d.from).substr(0, 3), d.name)
                                       : fmt::format("  {} .. {}  {}\n", d.from, d.to, d.name);
            }
            text += fmt::format("make-up working days in {}:\n", year);
            for (const auto& w : cal.workingDays) {
                if (w.date.substr(0, 4) != prefix) continue;
                worked.push_back({{"date", w.date}, {"name", w.name}, {"hours_of", w.hoursOf}});
                text += fmt::format("  {}  {}  (hours of {})  {}\n", w.date,
                                    queue::dateInWordsEn(w.date).substr(0, 3), kDays[w.hoursOf], w.name);
            }
            j["days_off"] = off;
            j["working_days"] = worked;

            const auto state = hours.at(now, zone);
            j["now"] = {{"time", zone.isoLocal(now)},
                        {"issuing", state.open},
                        {"message_vi", state.messageVi},
                        {"message_en", state.messageEn}};
            text +=
                fmt::format("now {}: {}\n", zone.isoLocal(now),
                            state.open ? "numbers are issued" : state.messageEn + " / " + state.messageVi);
            j["warnings"] = warnings;
            for (const auto& w : warnings) text += "warning: " + w + "\n";
            if (!text.empty() && text.back() == '\n') text.pop_back();
            ctx.print(j, text);
        };
    });
}

}  // namespace motcua::cli
