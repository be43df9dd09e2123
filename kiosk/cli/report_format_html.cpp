// The HTML form of the report: one file the office head can open offline, print on A4, or attach
// to an e-mail. No script and no external resource: CSS and charts (SVG) are inline.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "kiosk/cli/report_format.h"
#include "text/utf8.h"

namespace motcua::cli {

using text::sequenceLength;

namespace {

using queue::Report;

constexpr const char* kStyle = R"css(
@page { size: A4; margin: 12mm 12mm 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1d2733;
       background: #fff; margin: 0 auto; padding: 16px 24px; max-width: 1120px; font-size: 14px; line-height: 1.35; }
header { border-bottom: 3px solid #a3262a; padding-bottom: 8px; margin-bottom: 12px; }
header .office { font-size: 15px; font-weight: 600; color: #a3262a; text-transform: uppercase; }
h1 { font-size: 22px; margin: 4px 0; }
h2 { font-size: 17px; margin: 22px 0 4px; color: #16324f; break-after: avoid; }
.meta { margin: 2px 0; color: #33414f; }
.empty { margin: 16px 0; padding: 12px 16px; border: 2px solid #c77c02; background: #fff6e5; font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 8px; margin: 12px 0; }
.card { border: 1px solid #c9d3dd; border-radius: 6px; padding: 8px 10px; break-inside: avoid; }
.card .value { font-size: 22px; font-weight: 700; color: #16324f; }
.card .label { font-size: 12px; color: #33414f; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
figure { margin: 8px 0; border: 1px solid #dde3e9; border-radius: 6px; padding: 8px; break-inside: avoid; }
figure.wide { grid-column: 1 / -1; }
figcaption { font-weight: 600; margin-bottom: 4px; }
svg { width: 100%; height: auto; display: block; }
svg text { font-family: inherit; font-size: 12px; fill: #1d2733; }
.note { margin: 0 0 6px; color: #4a5866; font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 12px; margin-bottom: 4px; }
table.narrow { width: auto; min-width: 50%; }
th, td { border: 1px solid #c9d3dd; padding: 3px 6px; vertical-align: top; }
th { background: #eef2f6; text-align: center; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #f8fafc; }
section { break-inside: auto; }
footer { margin-top: 18px; font-size: 11px; color: #4a5866; border-top: 1px solid #c9d3dd; padding-top: 6px; }
@media print {
  body { padding: 0; max-width: none; font-size: 10pt; }
  .cards { grid-template-columns: repeat(3, 1fr); }
  .charts { grid-template-columns: 1fr; }
  table { font-size: 8pt; }
  th, td { padding: 2px 4px; }
  tr, figure, .card { break-inside: avoid; }
  thead { display: table-header-group; }
}
)css";

// Colours of the satisfaction levels, best first (very satisfied .. not satisfied).
std::string levelColour(const queue::RatingLevel& l) {
    const std::string code = l.code;
    if (code == "rat_hai_long") return "#1b7f3b";
    if (code == "hai_long") return "#6cbf5a";
    if (code == "binh_thuong") return "#b8bec4";
    return "#c8302c";
}

std::string num(double v) {
    return fmt::format("{:.1f}", v);
}

// A "nice" axis maximum (1, 2, 5 × 10^k) at or above v, at least 1.
double niceMax(double v) {
    if (v <= 1) return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (m * p >= v) return m * p;
    }
    return 10 * p;
}

std::string tickText(double v) {
    return std::fabs(v - std::round(v)) < 1e-9 ? fmt::format("{}", static_cast<long long>(std::llround(v)))
                                               : fmt::format("{:.1f}", v);
}

// The chart's i-th of five horizontal grid lines (0 at the bottom) and its left-axis label, of 0..yMax.
void gridLine(std::ostringstream& s, int i, double left, double top, double plotW, double plotH,
              double yMax) {
    const double y = top + plotH - plotH * i / 4.0;
    s << fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#e3e8ee"/>)", left, num(y),
                     left + plotW, num(y));
    s << fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", left - 6, num(y + 4),
                     tickText(yMax * i / 4.0));
}

std::string noDataSvg(const std::string& text) {
    return fmt::format(
        R"(<svg viewBox="0 0 520 80" role="img"><rect x="0" y="0" width="520" height="80" fill="#f8fafc"/>)"
        R"(<text x="260" y="45" text-anchor="middle">{}</text></svg>)",
        htmlEscape(text));
}

// Arrivals (bars, left axis) and mean wait in minutes (line, right axis) per hour of the day.
std::string hourChart(const Report& r, ReportLang lang) {
    const bool vi = lang == ReportLang::Vi;
    if (r.perHour.empty()) return noDataSvg(vi ? "Không có lượt đến" : "No arrivals");
    const double W = 1040, H = 300, left = 52, right = 56, top = 16, bottom = 44;
    const double plotW = W - left - right, plotH = H - top - bottom;
    int maxArrivals = 0;
    double maxWait = 0;
    for (const auto& h : r.perHour) {
        maxArrivals = std::max(maxArrivals, h.arrivals);
        maxWait = std::max(maxWait, h.wait.meanMs / 60'000.0);
    }
    const double yMax = niceMax(maxArrivals), wMax = niceMax(maxWait);
    const double slot = plotW / static_cast<double>(r.perHour.size());
    std::ostringstream s;
    s << fmt::format(
        R"(<svg viewBox="0 0 {} {}" role="img" aria-label="{}">)", W, H,
        vi ? "Lượt đến và thời gian chờ trung bình theo giờ" : "Arrivals and mean wait per hour");
    for (int i = 0; i <= 4; ++i) {
        gridLine(s, i, left, top, plotW, plotH, yMax);
        s << fmt::format(R"(<text x="{}" y="{}" fill="#c77c02">{}</text>)", left + plotW + 6,
                         num(top + plotH - plotH * i / 4.0 + 4), tickText(wMax * i / 4.0));
    }
    std::string points;
    for (std::size_t i = 0; i < r.perHour.size(); ++i) {
        const auto& h = r.perHour[i];
        const double x = left + slot * static_cast<double>(i);
        const double bh = plotH * h.arrivals / yMax;
        s << fmt::format(
            R"(<rect x="{}" y="{}" width="{}" height="{}" fill="#2f6fa8"><title>{:02}:00 – {}</title></rect>)",
            num(x + slot * 0.15), num(top + plotH - bh), num(slot * 0.7), num(bh), h.hour, h.arrivals);
        if (h.arrivals > 0) {
            s << fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="#16324f">{}</text>)",
                             num(x + slot / 2), num(top + plotH - bh - 4), h.arrivals);
        }
        s << fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{:02}h</text>)", num(x + slot / 2),
                         num(top + plotH + 16), h.hour);
        if (h.wait.count > 0) {
            const double wy = top + plotH - plotH * (h.wait.meanMs / 60'000.0) / wMax;
            points += fmt::format("{},{} ", num(x + slot / 2), num(wy));
            s << fmt::format(R"(<circle cx="{}" cy="{}" r="4" fill="#c77c02"/>)", num(x + slot / 2), num(wy));
        }
    }
    if (!points.empty()) {
        s << fmt::format(R"(<polyline points="{}" fill="none" stroke="#c77c02" stroke-width="2.5"/>)",
                         points);
    }
    s << fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#33414f"/>)", left, num(top + plotH),
                     left + plotW, num(top + plotH));
    s << fmt::format(
        R"(<rect x="{}" y="{}" width="12" height="12" fill="#2f6fa8"/><text x="{}" y="{}">{}</text>)", left,
        H - 14, left + 16, H - 3, vi ? "Lượt đến (trục trái)" : "Arrivals (left axis)");
    s << fmt::format(
        R"(<rect x="{}" y="{}" width="12" height="12" fill="#c77c02"/><text x="{}" y="{}">{}</text>)",
        left + 260, H - 14, left + 276, H - 3,
        vi ? "Chờ trung bình, phút (trục phải)" : "Mean wait, minutes (right axis)");
    s << "</svg>";
    return s.str();
}

// Number of called visits per waiting-time bucket; buckets beyond the target in red.
std::string waitChart(const Report& r, ReportLang lang) {
    const bool vi = lang == ReportLang::Vi;
    if (r.wait.count == 0) return noDataSvg(vi ? "Chưa có lượt nào được gọi" : "No visit was called");
    const double W = 520, H = 280, left = 44, right = 12, top = 16, bottom = 56;
    const double plotW = W - left - right, plotH = H - top - bottom;
    int maxCount = 0;
    for (const auto& b : r.waitDistribution) maxCount = std::max(maxCount, b.count);
    const double yMax = niceMax(maxCount);
    const double slot = plotW / static_cast<double>(r.waitDistribution.size());
    std::ostringstream s;
    s << fmt::format(R"(<svg viewBox="0 0 {} {}" role="img" aria-label="{}">)", W, H,
                     vi ? "Phân bố thời gian chờ" : "Waiting-time distribution");
    for (int i = 0; i <= 4; ++i) gridLine(s, i, left, top, plotW, plotH, yMax);
    for (std::size_t i = 0; i < r.waitDistribution.size(); ++i) {
        const auto& b = r.waitDistribution[i];
        const double x = left + slot * static_cast<double>(i);
        const double bh = plotH * b.count / yMax;
        const bool over = b.fromMinutes >= r.serviceLevel.targetMinutes;
        s << fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>)", num(x + slot * 0.1),
                         num(top + plotH - bh), num(slot * 0.8), num(bh), over ? "#c8302c" : "#2f6fa8");
        if (b.count > 0) {
            s << fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)", num(x + slot / 2),
                             num(top + plotH - bh - 4), b.count);
        }
        const std::string label = b.toMinutes ? fmt::format("{}–{}", b.fromMinutes, *b.toMinutes)
                                              : fmt::format(">{}", b.fromMinutes);
        s << fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)", num(x + slot / 2),
                         num(top + plotH + 16), label);
    }
    s << fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#33414f"/>)", left, num(top + plotH),
                     left + plotW, num(top + plotH));
    s << fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)", num(left + plotW / 2),
                     num(top + plotH + 34), vi ? "phút chờ" : "minutes waited");
    s << fmt::format(
        R"(<rect x="{}" y="{}" width="12" height="12" fill="#c8302c"/><text x="{}" y="{}">{}</text>)", left,
        H - 14, left + 16, H - 3,
        htmlEscape(vi ? fmt::format("vượt chỉ tiêu {} phút", r.serviceLevel.targetMinutes)
                      : fmt::format("over the {}-minute target", r.serviceLevel.targetMinutes)));
    s << "</svg>";
    return s.str();
}

// One horizontal bar per counter, split by satisfaction level.
std::string satisfactionChart(const Report& r, ReportLang lang) {
    const bool vi = lang == ReportLang::Vi;
    std::vector<const queue::CounterRow*> rows;
    for (const auto& c : r.perCounter) rows.push_back(&c);
    if (rows.empty() || r.satisfaction.rated == 0)
        return noDataSvg(vi ? "Chưa có phiếu đánh giá" : "No ratings");
    const double W = 520, rowH = 30, top = 10, left = 150, right = 70;
    const double H = top + rowH * static_cast<double>(rows.size()) + 40;
    const double plotW = W - left - right;
    std::ostringstream s;
    s << fmt::format(R"(<svg viewBox="0 0 {} {}" role="img" aria-label="{}">)", W, num(H),
                     vi ? "Mức độ hài lòng theo quầy" : "Satisfaction per counter");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& c = *rows[i];
        const double y = top + rowH * static_cast<double>(i);
        std::string name = c.name.empty() ? fmt::format("{}", c.number) : c.name;
        if (displayWidth(name) > 22) {
            std::string cut;
            std::size_t w = 0;
            for (std::size_t k = 0; k < name.size() && w < 20;) {
                const std::size_t len = sequenceLength(static_cast<unsigned char>(name[k]));
                cut += name.substr(k, len);
                k += len;
                w = displayWidth(cut);
            }
            name = cut + "…";
        }
        s << fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", left - 8,
                         num(y + rowH / 2 + 4), htmlEscape(name));
        const int total = c.satisfaction.rated;
        if (total == 0) {
            s << fmt::format(R"(<text x="{}" y="{}" fill="#5b6b7b">{}</text>)", left, num(y + rowH / 2 + 4),
                             vi ? "chưa có đánh giá" : "no ratings");
            continue;
        }
        double x = left;
        for (std::size_t l = 0; l < r.levels.size(); ++l) {
            const int n = c.satisfaction.perLevel[l];
            if (n == 0) continue;
            const double w = plotW * n / total;
            s << fmt::format(
                R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>)",
                num(x), num(y + 4), num(w), num(rowH - 8), levelColour(r.levels[l]),
                htmlEscape(vi ? r.levels[l].nameVi : r.levels[l].nameEn), n);
            if (w >= 18) {
                s << fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="#fff">{}</text>)",
                                 num(x + w / 2), num(y + rowH / 2 + 4), n);
            }
            x += w;
        }
        s << fmt::format(R"(<text x="{}" y="{}">{}</text>)", left + plotW + 6, num(y + rowH / 2 + 4),
                         percentText(queue::percent(c.satisfaction.satisfied, total), lang));
    }
    double lx = 8;
    const double ly = top + rowH * static_cast<double>(rows.size()) + 16;
    for (const auto& l : r.levels) {
        const std::string name = vi ? l.nameVi : l.nameEn;
        s << fmt::format(
            R"(<rect x="{}" y="{}" width="12" height="12" fill="{}"/><text x="{}" y="{}">{}</text>)", num(lx),
            num(ly), levelColour(l), num(lx + 16), num(ly + 11), htmlEscape(name));
        lx += 26 + 7.0 * static_cast<double>(displayWidth(name));
    }
    s << "</svg>";
    return s.str();
}

// Issued and served visits per day (only drawn for periods of more than one day).
std::string dayChart(const Report& r, ReportLang lang) {
    const bool vi = lang == ReportLang::Vi;
    const double W = 1040, H = 240, left = 52, right = 12, top = 16, bottom = 48;
    const double plotW = W - left - right, plotH = H - top - bottom;
    int maxIssued = 0;
    for (const auto& d : r.perDay) maxIssued = std::max(maxIssued, d.visits.issued);
    const double yMax = niceMax(maxIssued);
    const double slot = plotW / static_cast<double>(r.perDay.size());
    const std::size_t labelEvery = std::max<std::size_t>(1, r.perDay.size() / 12);
    std::ostringstream s;
    s << fmt::format(R"(<svg viewBox="0 0 {} {}" role="img" aria-label="{}">)", W, H,
                     vi ? "Lượt công dân theo ngày" : "Visits per day");
    for (int i = 0; i <= 4; ++i) gridLine(s, i, left, top, plotW, plotH, yMax);
    for (std::size_t i = 0; i < r.perDay.size(); ++i) {
        const auto& d = r.perDay[i];
        const double x = left + slot * static_cast<double>(i);
        const double ih = plotH * d.visits.issued / yMax, sh = plotH * d.visits.served / yMax;
        s << fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="#9cc0e0"/>)",
                         num(x + slot * 0.1), num(top + plotH - ih), num(slot * 0.8), num(ih));
        s << fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="#2f6fa8"/>)",
                         num(x + slot * 0.25), num(top + plotH - sh), num(slot * 0.5), num(sh));
        if (i % labelEvery == 0) {
            s << fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)", num(x + slot / 2),
                             num(top + plotH + 16), d.day.substr(5));
        }
    }
    s << fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#33414f"/>)", left, num(top + plotH),
                     left + plotW, num(top + plotH));
    s << fmt::format(
        R"(<rect x="{}" y="{}" width="12" height="12" fill="#9cc0e0"/><text x="{}" y="{}">{}</text>)", left,
        H - 14, left + 16, H - 3, vi ? "Cấp phiếu" : "Issued");
    s << fmt::format(
        R"(<rect x="{}" y="{}" width="12" height="12" fill="#2f6fa8"/><text x="{}" y="{}">{}</text>)",
        left + 140, H - 14, left + 156, H - 3, vi ? "Đã phục vụ" : "Served");
    s << "</svg>";
    return s.str();
}

std::string heading(ReportLang lang, const std::string& vi, const std::string& en) {
    if (lang == ReportLang::En) return htmlEscape(en);
    return htmlEscape(vi);
}

void card(std::ostringstream& out, ReportLang lang, const std::string& value, const std::string& vi,
          const std::string& en) {
    out << fmt::format(R"(<div class="card"><div class="value">{}</div><div class="label">{}</div></div>)",
                       htmlEscape(value), heading(lang, vi, en));
}

}  // namespace

std::string renderReportHtml(const Report& r, const ReportRenderOptions& o) {
    const ReportLang lang = o.lang;
    const bool vi = lang == ReportLang::Vi;
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"" << (vi ? "vi" : "en")
        << "\">\n<head>\n<meta charset=\"utf-8\">\n";
    out << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    const ReportHeading h = reportHeading(r, o);
    out << "<title>" << htmlEscape((vi ? "Báo cáo hoạt động tiếp nhận " : "Office report ") + h.period)
        << "</title>\n";
    out << "<style>" << kStyle << "</style>\n</head>\n<body>\n<header>\n";
    if (!h.office.empty()) out << "<div class=\"office\">" << htmlEscape(h.office) << "</div>\n";
    out << "<h1>" << heading(lang, "Báo cáo hoạt động tiếp nhận", "Office report") << "</h1>\n";
    for (const auto* line : {&h.periodLine, &h.filterLine, &h.filterNote, &h.generatedLine}) {
        if (!line->empty()) out << "<p class=\"meta\">" << htmlEscape(*line) << "</p>\n";
    }
    out << "</header>\n";

    if (r.empty) {
        out << "<p class=\"empty\">"
            << heading(lang, "Không có dữ liệu nào được ghi trong kỳ này.",
                       "No data recorded in this period.")
            << "</p>\n";
    } else {
        out << "<div class=\"cards\">\n";
        card(out, lang, std::to_string(r.visits.issued), "Số phiếu đã cấp", "Tickets issued");
        card(out, lang, percentText(queue::percent(r.visits.served, r.visits.issued), lang), "Tỷ lệ phục vụ",
             "% served");
        card(out, lang, r.wait.count ? minutesText(r.wait.meanMs, lang) + (vi ? " phút" : " min") : "–",
             "Chờ trung bình", "Mean wait");
        card(out, lang,
             r.serviceLevel.served
                 ? percentText(queue::percent(r.serviceLevel.within, r.serviceLevel.served), lang)
                 : "–",
             fmt::format("Chờ ≤ {} phút", r.serviceLevel.targetMinutes),
             fmt::format("Wait ≤ {} min", r.serviceLevel.targetMinutes));
        card(out, lang, percentText(queue::percent(r.visits.noShow, r.visits.issued), lang), "Tỷ lệ vắng mặt",
             "No-show rate");
        card(out, lang,
             r.satisfaction.rated
                 ? percentText(queue::percent(r.satisfaction.satisfied, r.satisfaction.rated), lang)
                 : "–",
             "Hài lòng + rất hài lòng", "Satisfied");
        out << "</div>\n<div class=\"charts\">\n";
        out << "<figure class=\"wide\"><figcaption>"
            << heading(lang, "Lượt đến và thời gian chờ trung bình theo giờ",
                       "Arrivals and mean wait per hour")
            << "</figcaption>" << hourChart(r, lang) << "</figure>\n";
        out << "<figure><figcaption>" << heading(lang, "Phân bố thời gian chờ", "Waiting-time distribution")
            << "</figcaption>" << waitChart(r, lang) << "</figure>\n";
        out << "<figure><figcaption>"
            << heading(lang, "Mức độ hài lòng theo quầy", "Satisfaction per counter") << "</figcaption>"
            << satisfactionChart(r, lang) << "</figure>\n";
        if (r.perDay.size() > 1) {
            out << "<figure class=\"wide\"><figcaption>"
                << heading(lang, "Lượt công dân theo ngày", "Visits per day") << "</figcaption>"
                << dayChart(r, lang) << "</figure>\n";
        }
        out << "</div>\n";
    }

    for (const auto& t : reportTables(r, lang)) {
        out << "<section id=\"" << htmlEscape(t.id) << "\">\n<h2>" << heading(lang, t.titleVi, t.titleEn)
            << "</h2>\n";
        if (!t.note.empty()) out << "<p class=\"note\">" << htmlEscape(t.note) << "</p>\n";
        out << (t.columns.size() <= 3 ? "<table class=\"narrow\">\n<thead><tr>" : "<table>\n<thead><tr>");
        for (const auto& c : t.columns) {
            // One language per report: the Vietnamese report has no English sub-labels (audit wording table).
            out << "<th>" << htmlEscape(vi ? c.vi : c.en) << "</th>";
        }
        out << "</tr></thead>\n<tbody>\n";
        for (const auto& row : t.rows) {
            out << "<tr>";
            for (std::size_t i = 0; i < row.size(); ++i) {
                const bool numeric = i < t.columns.size() && t.columns[i].numeric;
                out << (numeric ? "<td class=\"num\">" : "<td>") << htmlEscape(row[i]) << "</td>";
            }
            out << "</tr>\n";
        }
        if (t.rows.empty()) {
            out << "<tr><td colspan=\"" << t.columns.size() << "\">" << (vi ? "(không có)" : "(none)")
                << "</td></tr>\n";
        }
        out << "</tbody>\n</table>\n</section>\n";
    }
    out << "<footer>"
        << htmlEscape(vi ? "Số liệu tính từ nhật ký sự kiện của hệ thống xếp hàng (motcua). Chờ: từ lấy số "
                           "đến lần gọi đầu; "
                           "phục vụ: từ bắt đầu đến kết thúc, không tính lượt vắng mặt; phân vị theo thứ "
                           "hạng gần nhất."
                         : "Figures computed from the queue's event log (motcua). Wait: issue to first call; "
                           "service: "
                           "start to finish, no-shows excluded; nearest-rank percentiles.")
        << "</footer>\n</body>\n</html>\n";
    return out.str();
}

}  // namespace motcua::cli
