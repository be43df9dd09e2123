// Presenting a queue::Report: text for the terminal, CSV for the office's spreadsheet, one JSON
// object, and a self-contained printable HTML page with inline SVG charts. The figures are the
// report's; nothing here computes a figure beyond rounding, percentages and unit changes.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "queue/report.h"
#include "text/html_escape.h"

namespace motcua::cli {

enum class ReportLang {
    Vi,  // Vietnamese only (no English sub-labels); decimal comma
    En,  // English only; decimal point
};

struct ReportRenderOptions {
    ReportLang lang = ReportLang::Vi;
    std::string generatedAt;  // ISO local time the report was made, shown in the heading
};

// One table of the report as display strings, shared by the text, CSV and HTML forms.
struct ReportColumn {
    std::string vi;
    std::string en;
    bool numeric = true;  // right-aligned
};
struct ReportTable {
    std::string id;  // stable, ASCII: the CSV section marker and the CSV file name
    std::string titleVi;
    std::string titleEn;
    std::string note;  // what is counted (per visit or per leg), in the report's language
    std::vector<ReportColumn> columns;
    std::vector<std::vector<std::string>> rows;
};

// The words above the tables, shared by the text, CSV and HTML forms; a line is empty when it does not
// apply.
struct ReportHeading {
    std::string office;         // "name – unit", or either, or empty
    std::string period;         // "2026-12-07", or "2026-12-01 – 2026-12-07"
    std::string periodLine;     // "Kỳ báo cáo: … (N ngày, giờ …)"
    std::string filterLine;     // "Lọc: lĩnh vực HT – Hộ tịch; …"
    std::string filterNote;     // what a filtered report counts
    std::string generatedLine;  // "Lập lúc: …"
};
ReportHeading reportHeading(const queue::Report& report, const ReportRenderOptions& options);

// The tables in report order. For an empty report only the per-day table (all zeros).
// csv: numbers with a decimal point and no unit whatever the language, for spreadsheets.
std::vector<ReportTable> reportTables(const queue::Report& report, ReportLang lang, bool csv = false);

std::string renderReportText(const queue::Report& report, const ReportRenderOptions& options);

// One UTF-8 file with a byte-order mark (so spreadsheets open Vietnamese correctly). Each table
// starts with a marker row "## <id>: <title>", then its header row and rows, then an empty line.
std::string renderReportCsv(const queue::Report& report, const ReportRenderOptions& options);
// One file per table: {"<id>.csv", contents with a byte-order mark}, the first "report.csv" with the
// heading (office, period, filters).
std::vector<std::pair<std::string, std::string>> renderReportCsvFiles(const queue::Report& report,
                                                                      const ReportRenderOptions& options);

// Durations in seconds, percentages 0..100; every table's figures, plus the period and definitions.
nlohmann::json reportToJson(const queue::Report& report, const ReportRenderOptions& options);

// One HTML document: no script, no external resource (CSS and SVG inline), printable on A4.
std::string renderReportHtml(const queue::Report& report, const ReportRenderOptions& options);

// Helpers shared by the renderers.
using text::htmlEscape;  // text/html_escape.h
// Terminal columns taken by UTF-8 text (combining marks take none).
std::size_t displayWidth(const std::string& text);
std::string minutesText(double ms, ReportLang lang);       // "4,5" / "4.5"
std::string percentText(double percent, ReportLang lang);  // "87,5%" / "87.5%"
std::string hoursText(queue::TimeMs ms);                   // "7:05" (h:mm)
// "Lấy số tại kiosk/quầy" / "Walk-in (kiosk or counter)" for "", likewise online and appointment; any
// other channel by its code ("Hình thức khác: sms").
std::string channelName(const std::string& channel, ReportLang lang);

}  // namespace motcua::cli
