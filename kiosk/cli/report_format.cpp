#include "kiosk/cli/report_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "text/utf8.h"

namespace motcua::cli {

using text::decodeUtf8;

namespace {

using queue::DurationStats;
using queue::Report;
using queue::SatisfactionCounts;
using queue::ServiceLevel;
using queue::VisitOutcome;

constexpr const char* kBom = "\xEF\xBB\xBF";

// Number formatting for one table set: display (language decimal mark, units) or CSV (plain).
struct Numbers {
    ReportLang lang;
    bool csv;

    std::string minutes(double ms) const {
        return csv ? fmt::format("{:.1f}", ms / 60'000.0) : minutesText(ms, lang);
    }
    std::string pct(double p) const { return csv ? fmt::format("{:.1f}", p) : percentText(p, lang); }
    std::string hours(queue::TimeMs ms) const {
        return csv ? fmt::format("{:.2f}", ms / 3'600'000.0) : hoursText(ms);
    }
    std::string dash() const { return csv ? "" : "–"; }
    // Minutes of a statistic, or a dash when it has no samples.
    std::string stat(const DurationStats& s, double ms) const { return s.count == 0 ? dash() : minutes(ms); }
    std::string pctOf(std::int64_t part, std::int64_t whole) const {
        return whole == 0 ? dash() : pct(queue::percent(part, whole));
    }
};

std::string title(ReportLang lang, const std::string& vi, const std::string& en) {
    return lang == ReportLang::Vi ? vi : en;
}

std::string outcomeName(VisitOutcome o, ReportLang lang) {
    const bool vi = lang == ReportLang::Vi;
    switch (o) {
        case VisitOutcome::Served:
            return vi ? "đã phục vụ" : "served";
        case VisitOutcome::NoShow:
            return vi ? "vắng mặt" : "no-show";
        case VisitOutcome::Cancelled:
            return vi ? "đã hủy" : "cancelled";
        case VisitOutcome::Expired:
            return vi ? "hết hạn cuối ngày" : "expired at day end";
        case VisitOutcome::Open:
            return vi ? "chưa kết thúc" : "still open";
    }
    return "";
}

std::string procedureOutcomeName(const std::string& code, ReportLang lang) {
    const bool vi = lang == ReportLang::Vi;
    if (code == "received") return vi ? "Tiếp nhận hồ sơ" : "Received";
    if (code == "guidance") return vi ? "Hướng dẫn" : "Guidance";
    if (code == "returned") return vi ? "Trả kết quả" : "Result returned";
    if (code == "incomplete") return vi ? "Hồ sơ chưa đủ" : "Incomplete";
    return vi ? "Không ghi" : "Not recorded";
}

std::string levelName(const queue::RatingLevel& l, ReportLang lang) {
    return lang == ReportLang::Vi ? l.nameVi : l.nameEn;
}

std::string officerName(const queue::OfficerRow& o, ReportLang lang) {
    if (!o.id) return lang == ReportLang::Vi ? "(không ghi cán bộ)" : "(no officer recorded)";
    return o.name.empty() ? o.login : fmt::format("{} ({})", o.name, o.login);
}

std::string bucketName(const queue::WaitBucket& b, ReportLang lang) {
    if (!b.toMinutes)
        return lang == ReportLang::Vi ? fmt::format("> {} phút", b.fromMinutes)
                                      : fmt::format("> {} min", b.fromMinutes);
    return fmt::format("{}–{} {}", b.fromMinutes, *b.toMinutes, lang == ReportLang::Vi ? "phút" : "min");
}

// A channel code from the log, shown as it is but for control characters.
std::string printableCode(const std::string& code) {
    std::string out;
    for (char c : code) out += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? '?' : c;
    return out;
}

ReportColumn col(std::string vi, std::string en, bool numeric = true) {
    return ReportColumn{std::move(vi), std::move(en), numeric};
}

// A channel's column header: short words for the known ones, the code for any other.
ReportColumn channelColumn(const std::string& channel) {
    if (channel == queue::kWalkInChannel) return col("Tại kiosk/quầy", "Walk-in");
    if (channel == queue::kOnlineChannel) return col("Trực tuyến", "Online");
    if (channel == queue::kAppointmentChannel) return col("Đặt lịch hẹn", "Appointment");
    return col(printableCode(channel), printableCode(channel));
}

// One column per channel and a total, for the per-day and per-service channel tables.
ReportTable channelTable(std::string id, std::string titleVi, std::string titleEn, std::string note,
                         ReportColumn first, const Report& r) {
    ReportTable t{std::move(id),   std::move(titleVi), std::move(titleEn),
                  std::move(note), {std::move(first)}, {}};
    for (const auto& channel : r.channels) t.columns.push_back(channelColumn(channel));
    t.columns.push_back(col("Tổng", "Total"));
    return t;
}

std::vector<std::string> channelCells(std::string first, const std::vector<int>& counts) {
    std::vector<std::string> cells{std::move(first)};
    int total = 0;
    for (int c : counts) {
        cells.push_back(std::to_string(c));
        total += c;
    }
    cells.push_back(std::to_string(total));
    return cells;
}

ReportTable perDayTable(const Report& r, ReportLang lang, const Numbers& n) {
    const bool vi = lang == ReportLang::Vi;
    ReportTable t{
        "per_day",
        "Theo ngày",
        "Per day",
        vi ? "Theo lượt công dân, theo ngày cấp phiếu; ngày không có số liệu ghi 0. Thời gian tính bằng phút."
           : "Per visit, by the day the ticket was issued; days with nothing recorded show zeros. Times in "
             "minutes.",
        {col("Ngày", "Day", false), col("Cấp phiếu", "Issued"), col("Phục vụ", "Served"),
         col("Vắng", "No-show"), col("Hủy", "Cancelled"), col("Hết hạn", "Expired"), col("Chưa xong", "Open"),
         col("Chờ TB", "Mean wait"), col("Chờ p90", "p90 wait"), col("Trong chỉ tiêu", "≤ target"),
         col("Đánh giá", "Ratings"), col("Hài lòng", "Satisfied")},
        {}};
    for (const auto& d : r.perDay) {
        t.rows.push_back({d.day, std::to_string(d.visits.issued), std::to_string(d.visits.served),
                          std::to_string(d.visits.noShow), std::to_string(d.visits.cancelled),
                          std::to_string(d.visits.expired), std::to_string(d.visits.open),
                          n.stat(d.wait, d.wait.meanMs), n.stat(d.wait, static_cast<double>(d.wait.p90)),
                          n.pctOf(d.serviceLevel.within, d.serviceLevel.served),
                          std::to_string(d.satisfaction.rated),
                          n.pctOf(d.satisfaction.satisfied, d.satisfaction.rated)});
    }
    return t;
}

}  // namespace

std::size_t displayWidth(const std::string& text) {
    std::size_t width = 0;
    for (const char32_t cp : decodeUtf8(text)) {
        const bool combining = (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
                               (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF);
        if (!combining) ++width;
    }
    return width;
}

std::string minutesText(double ms, ReportLang lang) {
    std::string s = fmt::format("{:.1f}", ms / 60'000.0);
    if (lang == ReportLang::Vi) std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

std::string percentText(double p, ReportLang lang) {
    std::string s = fmt::format("{:.1f}%", p);
    if (lang == ReportLang::Vi) std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

std::string channelName(const std::string& channel, ReportLang lang) {
    const bool vi = lang == ReportLang::Vi;
    if (channel == queue::kWalkInChannel) return vi ? "Lấy số tại kiosk/quầy" : "Walk-in (kiosk or counter)";
    if (channel == queue::kOnlineChannel) return vi ? "Lấy số trực tuyến" : "Taken online";
    if (channel == queue::kAppointmentChannel) return vi ? "Đặt lịch hẹn" : "Booked appointment";
    return fmt::format("{}: {}", vi ? "Hình thức khác" : "Other channel", printableCode(channel));
}

std::string hoursText(queue::TimeMs ms) {
    const auto minutes = static_cast<long long>(std::llround(static_cast<double>(ms) / 60'000.0));
    return fmt::format("{}:{:02}", minutes / 60, minutes % 60);
}

std::vector<ReportTable> reportTables(const Report& r, ReportLang lang, bool csv) {
    const Numbers n{lang, csv};
    const bool vi = lang == ReportLang::Vi;
    std::vector<ReportTable> tables;
    if (r.empty) {
        tables.push_back(perDayTable(r, lang, n));
        return tables;
    }
    const auto count = [](auto v) { return std::to_string(v); };
    const auto visits = r.visits;

    {
        ReportTable t{"summary",
                      "Tổng hợp",
                      "Summary",
                      vi ? "Theo lượt công dân: mỗi số thứ tự tính một lần, theo kết quả cuối cùng."
                         : "Per visit: each ticket counts once, by its final outcome.",
                      {col("Chỉ tiêu", "Figure", false), col("Giá trị", "Value")},
                      {}};
        const auto row = [&](const std::string& v, const std::string& e, std::string value) {
            t.rows.push_back({vi ? v : e, std::move(value)});
        };
        row("Số phiếu đã cấp", "Tickets issued", count(visits.issued));
        row("Đã phục vụ", "Served", count(visits.served));
        row("Vắng mặt", "No-show", count(visits.noShow));
        row("Đã hủy", "Cancelled", count(visits.cancelled));
        row("Hết hạn cuối ngày", "Expired at day end", count(visits.expired));
        row("Chưa kết thúc", "Still open", count(visits.open));
        row("Có chuyển lĩnh vực", "Transferred", count(visits.transferred));
        row("Diện ưu tiên", "Priority", count(visits.priority));
        row("Tỷ lệ phục vụ", "% served", n.pctOf(visits.served, visits.issued));
        row("Tỷ lệ vắng mặt", "No-show rate", n.pctOf(visits.noShow, visits.issued));
        row("Lượt theo lĩnh vực", "Service legs", count(r.legs));
        row("Lượt chuyển", "Transfers", count(r.transfers));
        row("Lượt gọi lại", "Recalls", count(r.recalls));
        row("Kích hoạt lại", "Reactivated", count(r.reactivations));
        row(fmt::format("Đã phục vụ, chờ ≤ {} phút", r.serviceLevel.targetMinutes),
            fmt::format("Served within the {}-minute target", r.serviceLevel.targetMinutes),
            csv ? count(r.serviceLevel.within)
                : fmt::format("{} / {} ({})", r.serviceLevel.within, r.serviceLevel.served,
                              n.pctOf(r.serviceLevel.within, r.serviceLevel.served)));
        row("Tỷ lệ trong chỉ tiêu", "Service level %", n.pctOf(r.serviceLevel.within, r.serviceLevel.served));
        row("Số phiếu đánh giá", "Ratings", count(r.satisfaction.rated));
        row("Hài lòng + rất hài lòng", "Satisfied + very satisfied",
            n.pctOf(r.satisfaction.satisfied, r.satisfaction.rated));
        row("Tỷ lệ phản hồi", "Response rate: rated / served", n.pctOf(r.satisfaction.rated, visits.served));
        tables.push_back(std::move(t));
    }

    {
        ReportTable t{
            "per_channel",
            "Theo hình thức lấy số",
            "Per channel (how the number was taken)",
            vi ? "Theo lượt công dân. Tại kiosk/quầy: lấy số ở kiosk hoặc do cán bộ cấp; trực tuyến: lấy số "
                 "trên trang web của bộ phận (điện thoại); đặt lịch hẹn: số cấp khi công dân đến theo lịch "
                 "hẹn đã đặt. Số lấy trực tuyến: đã xác nhận có mặt tại kiosk, và vắng vì được gọi mà "
                 "chưa xác nhận trong thời hạn. Thời gian tính bằng phút."
               : "Per visit. Walk-in: taken at the kiosk or given by an officer; online: taken on the "
                 "office's web page (phone); appointment: given on arrival for a booked appointment. Numbers "
                 "taken online: checked in at the kiosk, and no-shows for not being checked in in time "
                 "once called. Times in minutes.",
            {col("Hình thức", "Channel", false), col("Cấp phiếu", "Issued"), col("Phục vụ", "Served"),
             col("Vắng", "No-show"), col("Đã xác nhận", "Checked in"),
             col("Vắng do chưa xác nhận", "No-show, not checked in"), col("Hủy", "Cancelled"),
             col("Hết hạn", "Expired"), col("Chưa xong", "Open"), col("Tỷ lệ vắng", "No-show rate"),
             col("Chờ TB", "Mean wait"), col("Chờ p90", "p90 wait"), col("Trong chỉ tiêu", "≤ target")},
            {}};
        for (const auto& c : r.perChannel) {
            // Only a number taken online is checked in; the others show a dash there.
            const bool online = c.channel == queue::kOnlineChannel;
            t.rows.push_back({channelName(c.channel, lang), count(c.visits.issued), count(c.visits.served),
                              count(c.visits.noShow), online ? count(c.checkedIn) : n.dash(),
                              online ? count(c.noShowNotCheckedIn) : n.dash(), count(c.visits.cancelled),
                              count(c.visits.expired), count(c.visits.open),
                              n.pctOf(c.visits.noShow, c.visits.issued), n.stat(c.wait, c.wait.meanMs),
                              n.stat(c.wait, static_cast<double>(c.wait.p90)),
                              n.pctOf(c.serviceLevel.within, c.serviceLevel.served)});
        }
        tables.push_back(std::move(t));
    }

    {
        ReportTable t{
            "times",
            "Thời gian chờ và phục vụ (phút)",
            "Waiting and service time (minutes)",
            vi ? "Chờ: từ lấy số đến lần gọi đầu (theo lượt công dân). Phục vụ: từ bắt đầu đến kết thúc, "
                 "không bao giờ tính lượt vắng mặt."
               : "Wait: issue to first call (per visit). Service: start to finish; no-shows never count.",
            {col("Chỉ tiêu", "Figure", false), col("Số lượt", "Count"), col("TB", "Mean"), col("p50", "p50"),
             col("p90", "p90"), col("Tối đa", "Max")},
            {}};
        const auto row = [&](const std::string& label, const DurationStats& s) {
            t.rows.push_back({label, count(s.count), n.stat(s, s.meanMs),
                              n.stat(s, static_cast<double>(s.p50)), n.stat(s, static_cast<double>(s.p90)),
                              n.stat(s, static_cast<double>(s.max))});
        };
        row(vi ? "Chờ – mọi lượt được gọi" : "Wait – all called visits", r.wait);
        for (const auto& w : r.waitByOutcome) {
            if (w.wait.count == 0 && w.outcome != VisitOutcome::Served) continue;
            row((vi ? "Chờ – " : "Wait – ") + outcomeName(w.outcome, lang), w.wait);
        }
        row(vi ? "Phục vụ – hoàn thành" : "Service – finished", r.serviceServed);
        if (r.serviceTransferred.count > 0) {
            row(vi ? "Phục vụ – trước khi chuyển lĩnh vực" : "Service – before a transfer",
                r.serviceTransferred);
        }
        tables.push_back(std::move(t));
    }

    {
        ReportTable t{"wait_distribution",
                      "Phân bố thời gian chờ",
                      "Waiting-time distribution",
                      vi ? "Mọi lượt công dân đã được gọi." : "All called visits.",
                      {col("Thời gian chờ", "Wait", false), col("Số lượt", "Visits"), col("Tỷ lệ", "Share")},
                      {}};
        for (const auto& b : r.waitDistribution) {
            t.rows.push_back({bucketName(b, lang), count(b.count), n.pctOf(b.count, r.wait.count)});
        }
        tables.push_back(std::move(t));
    }

    tables.push_back(perDayTable(r, lang, n));

    {
        auto t = channelTable(
            "per_day_channel", "Theo ngày và hình thức lấy số", "Per day and channel",
            vi ? "Số phiếu cấp theo ngày lấy số." : "Tickets issued, by the day they were taken.",
            col("Ngày", "Day", false), r);
        for (const auto& d : r.perDay) t.rows.push_back(channelCells(d.day, d.issuedByChannel));
        tables.push_back(std::move(t));
    }

    {
        ReportTable t{
            "per_service",
            "Theo lĩnh vực",
            "Per service",
            vi ? "Theo lĩnh vực: số được chuyển tính một lần ở mỗi lĩnh vực đã qua; chờ tính từ "
                 "lúc vào hàng chờ của lĩnh vực đó (lấy số hoặc được chuyển đến). Thời gian tính bằng phút."
               : "Per leg: a transferred ticket counts once in each service it went through; the wait "
                 "runs from entering that service's queue (issue or transfer). Times in minutes.",
            {col("Lĩnh vực", "Service", false), col("Lượt", "Legs"), col("Chuyển đến", "Transf. in"),
             col("Phục vụ", "Served"), col("Vắng", "No-show"), col("Chuyển đi", "Transf. out"),
             col("Hủy", "Cancelled"), col("Hết hạn", "Expired"), col("Chưa xong", "Open"),
             col("Chờ TB", "Mean wait"), col("Chờ p90", "p90 wait"), col("Phục vụ TB", "Mean svc"),
             col("Phục vụ p90", "p90 svc"), col("Trong chỉ tiêu", "≤ target")},
            {}};
        for (const auto& s : r.perService) {
            const std::string name = vi || s.nameEn.empty() ? s.name : s.nameEn;
            t.rows.push_back({fmt::format("{} – {}", s.code, name), count(s.legs), count(s.transferredIn),
                              count(s.served), count(s.noShow), count(s.transferredOut), count(s.cancelled),
                              count(s.expired), count(s.open), n.stat(s.wait, s.wait.meanMs),
                              n.stat(s.wait, static_cast<double>(s.wait.p90)),
                              n.stat(s.service, s.service.meanMs),
                              n.stat(s.service, static_cast<double>(s.service.p90)),
                              n.pctOf(s.serviceLevel.within, s.serviceLevel.served)});
        }
        tables.push_back(std::move(t));
    }

    {
        auto t = channelTable(
            "per_service_channel", "Theo lĩnh vực và hình thức lấy số", "Per service and channel",
            vi ? "Lượt ở mỗi lĩnh vực (như bảng theo lĩnh vực), theo hình thức lấy số của công dân."
               : "Legs in each service (as in the per-service table), by how the citizen's number was taken.",
            col("Lĩnh vực", "Service", false), r);
        for (const auto& sr : r.perService) {
            const std::string name = vi || sr.nameEn.empty() ? sr.name : sr.nameEn;
            t.rows.push_back(channelCells(fmt::format("{} – {}", sr.code, name), sr.legsByChannel));
        }
        tables.push_back(std::move(t));
    }

    const auto deskColumns = [&](const std::string& vi0, const std::string& en0) {
        return std::vector<ReportColumn>{col(vi0, en0, false),
                                         col("Gọi", "Calls"),
                                         col("Gọi lại", "Recalls"),
                                         col("Phục vụ", "Served"),
                                         col("Vắng", "No-show"),
                                         col("Chuyển đi", "Transferred"),
                                         col("Phục vụ TB", "Mean svc"),
                                         col("Phục vụ p90", "p90 svc"),
                                         col("Giờ phục vụ", csv ? "Serving (h)" : "Serving (h:mm)"),
                                         col("Đánh giá", "Ratings"),
                                         col("Hài lòng", "Satisfied")};
    };
    const auto deskCells = [&](const queue::DeskRow& d) {
        return std::vector<std::string>{count(d.calls),
                                        count(d.recalls),
                                        count(d.served),
                                        count(d.noShow),
                                        count(d.transfersOut),
                                        n.stat(d.service, d.service.meanMs),
                                        n.stat(d.service, static_cast<double>(d.service.p90)),
                                        n.hours(d.servingMs),
                                        count(d.satisfaction.rated),
                                        n.pctOf(d.satisfaction.satisfied, d.satisfaction.rated)};
    };

    {
        ReportTable t{"per_counter",
                      "Theo quầy",
                      "Per counter",
                      vi ? "Các thao tác ghi tại quầy; thời gian phục vụ tính cho quầy bắt đầu phục vụ. Thời "
                           "gian tính bằng phút."
                         : "What was recorded at each counter; serving time goes to the counter that started "
                           "it. Times in minutes.",
                      deskColumns("Quầy", "Counter"),
                      {}};
        for (const auto& c : r.perCounter) {
            auto cells = deskCells(c);
            cells.insert(cells.begin(), c.name.empty() ? fmt::format("{}", c.number) : c.name);
            t.rows.push_back(std::move(cells));
        }
        tables.push_back(std::move(t));
    }

    {
        auto columns = deskColumns("Cán bộ", "Officer");
        columns.push_back(col("Đăng nhập", csv ? "Logged in (h)" : "Logged in (h:mm)"));
        columns.push_back(col("Nghỉ (lần)", "Breaks"));
        columns.push_back(col("Nghỉ (giờ)", csv ? "Breaks (h)" : "Breaks (h:mm)"));
        columns.push_back(col("% phục vụ", "% serving"));
        columns.push_back(col("Ghi chú", "Notes", false));
        ReportTable t{
            "per_officer",
            "Theo cán bộ",
            "Per officer",
            vi ? "% phục vụ = giờ phục vụ / (giờ đăng nhập − giờ nghỉ). Phiên không đăng xuất kết thúc ở "
                 "thao tác cuối cùng trong ngày."
               : "% serving = serving time / (logged-in time − breaks). A session without logout ends at "
                 "the officer's last recorded action that day.",
            columns,
            {}};
        for (const auto& o : r.perOfficer) {
            auto cells = deskCells(o);
            cells.insert(cells.begin(), officerName(o, lang));
            cells.push_back(o.sessions > 0 ? n.hours(o.loggedInMs) : n.dash());
            cells.push_back(count(o.breaks));
            cells.push_back(o.sessions > 0 ? n.hours(o.breakMs) : n.dash());
            cells.push_back(n.pctOf(o.servingMs, o.loggedInMs - o.breakMs));
            std::vector<std::string> notes;
            for (const auto& b : o.breakReasons) {
                const std::string reason = b.reason.empty() ? (vi ? "nghỉ" : "break") : b.reason;
                notes.push_back(fmt::format("{} ×{} {}", reason, b.count, hoursText(b.ms)));
            }
            if (o.unclosedSessions > 0) {
                notes.push_back(vi ? fmt::format("{} phiên không đăng xuất", o.unclosedSessions)
                                   : fmt::format("{} session(s) without logout", o.unclosedSessions));
            }
            cells.push_back(fmt::format("{}", fmt::join(notes, "; ")));
            t.rows.push_back(std::move(cells));
        }
        tables.push_back(std::move(t));
    }

    {
        ReportTable t{
            "per_hour",
            "Theo giờ trong ngày",
            "Per hour of the day",
            vi ? "Lượt công dân theo giờ lấy số (giờ địa phương); chờ (phút) của các lượt đến trong giờ đó."
               : "Visits by the local hour they took a number; waits (minutes) of the visits that arrived "
                 "then.",
            {col("Giờ", "Hour", false), col("Lượt đến", "Arrivals"), col("Chờ TB", "Mean wait"),
             col("Chờ p90", "p90 wait")},
            {}};
        for (const auto& h : r.perHour) {
            t.rows.push_back({fmt::format("{:02}:00–{:02}:00", h.hour, h.hour + 1), count(h.arrivals),
                              n.stat(h.wait, h.wait.meanMs),
                              n.stat(h.wait, static_cast<double>(h.wait.p90))});
        }
        tables.push_back(std::move(t));
    }

    {
        ReportTable t{"per_procedure",
                      "Theo thủ tục và kết quả",
                      "Per procedure and outcome",
                      vi ? "Theo lần kết thúc phục vụ; một lần ghi nhiều thủ tục được tính cho từng thủ tục."
                         : "Per finish; a finish that records several procedures counts for each.",
                      {col("Thủ tục", "Procedure", false)},
                      {}};
        for (const char* o : queue::kProcedureOutcomes) {
            t.columns.push_back(
                col(procedureOutcomeName(o, ReportLang::Vi), procedureOutcomeName(o, ReportLang::En)));
        }
        t.columns.push_back(col("Tổng", "Total"));
        for (const auto& p : r.perProcedure) {
            std::vector<std::string> cells;
            if (p.code.empty()) {
                cells.push_back(vi ? "(không ghi thủ tục)" : "(no procedure recorded)");
            } else {
                cells.push_back(p.name.empty() ? p.code : fmt::format("{} {}", p.code, p.name));
            }
            for (int c : p.perOutcome) cells.push_back(count(c));
            cells.push_back(count(p.total));
            t.rows.push_back(std::move(cells));
        }
        tables.push_back(std::move(t));
    }

    {
        ReportTable t{
            "satisfaction",
            "Mức độ hài lòng",
            "Satisfaction",
            vi ? fmt::format("{} phiếu đánh giá trên {} lượt đã phục vụ (tỷ lệ phản hồi {}).",
                             r.satisfaction.rated, visits.served,
                             Numbers{lang, false}.pctOf(r.satisfaction.rated, visits.served))
               : fmt::format("{} ratings for {} served visits (response rate {}).", r.satisfaction.rated,
                             visits.served, Numbers{lang, false}.pctOf(r.satisfaction.rated, visits.served)),
            {col("Mức", "Level", false), col("Số phiếu", "Ratings"), col("Tỷ lệ", "Share")},
            {}};
        for (std::size_t i = 0; i < r.levels.size(); ++i) {
            const int c = r.satisfaction.perLevel[i];
            t.rows.push_back({levelName(r.levels[i], lang), count(c), n.pctOf(c, r.satisfaction.rated)});
        }
        t.rows.push_back({vi ? "Hài lòng + rất hài lòng" : "Satisfied + very satisfied",
                          count(r.satisfaction.satisfied),
                          n.pctOf(r.satisfaction.satisfied, r.satisfaction.rated)});
        tables.push_back(std::move(t));
    }

    const auto byDesk = [&](const std::string& id, const std::string& vi0, const std::string& en0,
                            const std::string& tvi, const std::string& ten) {
        ReportTable t{id, tvi, ten, "", {col(vi0, en0, false)}, {}};
        for (const auto& l : r.levels) t.columns.push_back(col(l.nameVi, l.nameEn));
        t.columns.push_back(col("Tổng", "Total"));
        t.columns.push_back(col("Hài lòng", "Satisfied"));
        return t;
    };
    const auto levelCells = [&](const SatisfactionCounts& s) {
        std::vector<std::string> cells;
        for (int c : s.perLevel) cells.push_back(count(c));
        cells.push_back(count(s.rated));
        cells.push_back(n.pctOf(s.satisfied, s.rated));
        return cells;
    };
    {
        auto t = byDesk("satisfaction_by_counter", "Quầy", "Counter", "Hài lòng theo quầy",
                        "Satisfaction per counter");
        for (const auto& c : r.perCounter) {
            auto cells = levelCells(c.satisfaction);
            cells.insert(cells.begin(), c.name);
            t.rows.push_back(std::move(cells));
        }
        tables.push_back(std::move(t));
    }
    {
        auto t = byDesk("satisfaction_by_officer", "Cán bộ", "Officer", "Hài lòng theo cán bộ",
                        "Satisfaction per officer");
        for (const auto& o : r.perOfficer) {
            if (o.satisfaction.rated == 0 && o.served == 0) continue;
            auto cells = levelCells(o.satisfaction);
            cells.insert(cells.begin(), officerName(o, lang));
            t.rows.push_back(std::move(cells));
        }
        tables.push_back(std::move(t));
    }
    {
        ReportTable t{
            "not_satisfied",
            "Phiếu đánh giá “Không hài lòng”",
            "Tickets rated “not satisfied”",
            vi ? "Để lãnh đạo xem lại từng trường hợp." : "For the office head to follow up each one.",
            {col("Ngày", "Day", false), col("Số thứ tự", "Ticket", false), col("Lĩnh vực", "Service", false),
             col("Quầy", "Counter"), col("Cán bộ", "Officer", false), col("Lúc", "At", false)},
            {}};
        for (const auto& u : r.unsatisfied) {
            t.rows.push_back({u.day, u.number, u.serviceCode, u.counter ? count(*u.counter) : n.dash(),
                              u.officer.empty() ? n.dash() : u.officer, u.ratedClock});
        }
        tables.push_back(std::move(t));
    }
    return tables;
}

ReportHeading reportHeading(const Report& r, const ReportRenderOptions& o) {
    const bool vi = o.lang == ReportLang::Vi;
    ReportHeading h;
    h.office = r.officeName;
    if (!r.officeUnit.empty()) h.office += h.office.empty() ? r.officeUnit : " – " + r.officeUnit;
    h.period = r.query.from == r.query.to ? r.query.from : r.query.from + " – " + r.query.to;
    h.periodLine = vi ? fmt::format("Kỳ báo cáo: {} ({} ngày, giờ {})", h.period, r.days, r.timeZone)
                      : fmt::format("Period: {} ({} days, {} time)", h.period, r.days, r.timeZone);
    std::vector<std::string> filters;
    if (r.query.service)
        filters.push_back(
            fmt::format("{} {} – {}", vi ? "lĩnh vực" : "service", *r.query.service, r.filterServiceName));
    if (r.query.counter)
        filters.push_back(
            fmt::format("{} {} – {}", vi ? "quầy" : "counter", *r.query.counter, r.filterCounterName));
    if (r.query.staff)
        filters.push_back(
            fmt::format("{} {} – {}", vi ? "cán bộ" : "officer", *r.query.staff, r.filterStaffName));
    if (!filters.empty()) {
        h.filterLine = fmt::format("{}: {}", vi ? "Lọc" : "Filter", fmt::join(filters, "; "));
        h.filterNote = vi ? "Lượt công dân có ít nhất một lượt khớp bộ lọc; các bảng theo lĩnh vực, quầy, "
                            "cán bộ chỉ tính phần khớp."
                          : "Visits with at least one matching leg; per-service, counter and officer "
                            "tables count only the matching part.";
    }
    if (!o.generatedAt.empty())
        h.generatedLine = fmt::format("{}: {}", vi ? "Lập lúc" : "Generated", o.generatedAt);
    return h;
}

namespace {

// The lines above the tables: who, which period, which filters, when.
std::vector<std::string> headingLines(const Report& r, const ReportRenderOptions& o) {
    const bool vi = o.lang == ReportLang::Vi;
    const ReportHeading h = reportHeading(r, o);
    std::vector<std::string> lines;
    if (!h.office.empty()) lines.push_back(h.office);
    lines.push_back(vi ? "BÁO CÁO HOẠT ĐỘNG TIẾP NHẬN" : "OFFICE REPORT");
    lines.push_back(h.periodLine);
    for (const auto* line : {&h.filterLine, &h.filterNote, &h.generatedLine}) {
        if (!line->empty()) lines.push_back(*line);
    }
    if (r.empty) {
        lines.push_back(vi ? "Không có dữ liệu nào được ghi trong kỳ này."
                           : "No data recorded in this period.");
    }
    return lines;
}

std::string tableTitle(const ReportTable& t, ReportLang lang) {
    return title(lang, t.titleVi, t.titleEn);
}

std::string pad(const std::string& text, std::size_t width, bool right) {
    const std::size_t w = displayWidth(text);
    const std::string fill(w < width ? width - w : 0, ' ');
    return right ? fill + text : text + fill;
}

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

void csvRow(std::ostringstream& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csvField(cells[i]);
    out << "\r\n";
}

std::string columnHeader(const ReportColumn& c, ReportLang lang) {
    return lang == ReportLang::Vi ? c.vi : c.en;
}

void csvTable(std::ostringstream& out, const ReportTable& t, ReportLang lang) {
    std::vector<std::string> header;
    for (const auto& c : t.columns) header.push_back(columnHeader(c, lang));
    csvRow(out, header);
    for (const auto& row : t.rows) csvRow(out, row);
}

}  // namespace

std::string renderReportText(const Report& r, const ReportRenderOptions& o) {
    std::ostringstream out;
    for (const auto& line : headingLines(r, o)) out << line << '\n';
    for (const auto& t : reportTables(r, o.lang)) {
        out << '\n' << tableTitle(t, o.lang) << '\n';
        if (!t.note.empty()) out << t.note << '\n';
        std::vector<std::vector<std::string>> header(1);
        for (const auto& c : t.columns) header[0].push_back(o.lang == ReportLang::Vi ? c.vi : c.en);
        std::vector<std::size_t> widths(t.columns.size(), 0);
        const auto measure = [&](const std::vector<std::string>& cells) {
            for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
                widths[i] = std::max(widths[i], displayWidth(cells[i]));
            }
        };
        for (const auto& h : header) measure(h);
        for (const auto& row : t.rows) measure(row);
        const auto line = [&](const std::vector<std::string>& cells) {
            std::string s;
            for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
                if (i) s += "  ";
                s += pad(cells[i], widths[i], t.columns[i].numeric);
            }
            while (!s.empty() && s.back() == ' ') s.pop_back();
            out << s << '\n';
        };
        for (const auto& h : header) line(h);
        std::size_t total = 0;
        for (auto w : widths) total += w;
        total += widths.empty() ? 0 : 2 * (widths.size() - 1);
        std::string rule;
        for (std::size_t i = 0; i < total; ++i) rule += "─";
        out << rule << '\n';
        for (const auto& row : t.rows) line(row);
        if (t.rows.empty()) out << (o.lang == ReportLang::Vi ? "(không có)" : "(none)") << '\n';
    }
    return out.str();
}

std::string renderReportCsv(const Report& r, const ReportRenderOptions& o) {
    std::ostringstream out;
    out << kBom;
    for (const auto& line : headingLines(r, o)) csvRow(out, {line});
    for (const auto& t : reportTables(r, o.lang, true)) {
        out << "\r\n";
        csvRow(out, {fmt::format("## {}: {}", t.id, tableTitle(t, o.lang))});
        csvTable(out, t, o.lang);
    }
    return out.str();
}

std::vector<std::pair<std::string, std::string>> renderReportCsvFiles(const Report& r,
                                                                      const ReportRenderOptions& o) {
    std::vector<std::pair<std::string, std::string>> files;
    std::ostringstream heading;
    heading << kBom;
    for (const auto& line : headingLines(r, o)) csvRow(heading, {line});
    files.emplace_back("report.csv", heading.str());
    for (const auto& t : reportTables(r, o.lang, true)) {
        std::ostringstream out;
        out << kBom;
        csvTable(out, t, o.lang);
        files.emplace_back(t.id + ".csv", out.str());
    }
    return files;
}

namespace {

double seconds(double ms) {
    return std::round(ms) / 1000.0;
}

nlohmann::json statsJson(const DurationStats& s) {
    return {{"count", s.count},
            {"mean_s", seconds(s.meanMs)},
            {"p50_s", seconds(static_cast<double>(s.p50))},
            {"p90_s", seconds(static_cast<double>(s.p90))},
            {"max_s", seconds(static_cast<double>(s.max))}};
}

nlohmann::json levelJson(const ServiceLevel& l) {
    return {{"target_minutes", l.targetMinutes},
            {"within", l.within},
            {"served", l.served},
            {"percent", queue::percent(l.within, l.served)}};
}

nlohmann::json satisfactionJson(const SatisfactionCounts& s, const Report& r) {
    nlohmann::json levels = nlohmann::json::object();
    for (std::size_t i = 0; i < r.levels.size(); ++i) levels[r.levels[i].code] = s.perLevel[i];
    return {{"rated", s.rated},
            {"satisfied", s.satisfied},
            {"satisfied_percent", queue::percent(s.satisfied, s.rated)},
            {"levels", levels}};
}

nlohmann::json visitsJson(const queue::VisitCounts& v) {
    return {{"issued", v.issued},
            {"served", v.served},
            {"noshow", v.noShow},
            {"cancelled", v.cancelled},
            {"expired", v.expired},
            {"open", v.open},
            {"transferred", v.transferred},
            {"priority", v.priority},
            {"served_percent", queue::percent(v.served, v.issued)},
            {"noshow_percent", queue::percent(v.noShow, v.issued)}};
}

nlohmann::json deskJson(const queue::DeskRow& d, const Report& r) {
    return {{"calls", d.calls},
            {"recalls", d.recalls},
            {"served", d.served},
            {"noshow", d.noShow},
            {"transfers_out", d.transfersOut},
            {"service_time", statsJson(d.service)},
            {"serving_s", seconds(static_cast<double>(d.servingMs))},
            {"satisfaction", satisfactionJson(d.satisfaction, r)}};
}

}  // namespace

nlohmann::json reportToJson(const Report& r, const ReportRenderOptions& o) {
    nlohmann::json j;
    j["office"] = {{"name", r.officeName}, {"unit", r.officeUnit}, {"time_zone", r.timeZone}};
    j["period"] = {{"from", r.query.from}, {"to", r.query.to}, {"days", r.days}};
    j["filters"] = {{"service", r.query.service ? nlohmann::json(*r.query.service) : nlohmann::json(nullptr)},
                    {"counter", r.query.counter ? nlohmann::json(*r.query.counter) : nlohmann::json(nullptr)},
                    {"staff", r.query.staff ? nlohmann::json(*r.query.staff) : nlohmann::json(nullptr)}};
    j["generated_at"] = o.generatedAt;
    j["empty"] = r.empty;
    j["definitions"] = {
        {"visit", "one ticket; counts once, by its final outcome, on the day it was issued"},
        {"channel",
         "how the number was taken: null walk-in (kiosk or officer), online (web page), "
         "appointment (booked, checked in); any other recorded channel as it is"},
        {"leg", "the part of a visit in one service; a transferred ticket has one leg per service"},
        {"wait", "first call minus issue (per visit); per service: first call of the leg minus its start"},
        {"service_time", "start to finish (summed over holds and returns); no-shows never count"},
        {"percentiles", "nearest rank"},
        {"service_level", "served visits whose wait was within the target"},
        {"response_rate", "ratings / served visits"},
    };
    j["visits"] = visitsJson(r.visits);
    // A channel's code; null for walk-in (no channel recorded).
    const auto channelCode = [](const std::string& c) {
        return c == queue::kWalkInChannel ? nlohmann::json(nullptr) : nlohmann::json(c);
    };
    const auto channelCounts = [&](const std::vector<int>& counts, const char* key) {
        nlohmann::json out = nlohmann::json::array();
        for (std::size_t i = 0; i < r.channels.size() && i < counts.size(); ++i)
            out.push_back({{"channel", channelCode(r.channels[i])}, {key, counts[i]}});
        return out;
    };
    nlohmann::json channels = nlohmann::json::array();
    for (const auto& c : r.perChannel) {
        const bool online = c.channel == queue::kOnlineChannel;  // only these are checked in
        channels.push_back({{"channel", channelCode(c.channel)},
                            {"name", channelName(c.channel, ReportLang::Vi)},
                            {"name_en", channelName(c.channel, ReportLang::En)},
                            {"visits", visitsJson(c.visits)},
                            {"checked_in", online ? nlohmann::json(c.checkedIn) : nlohmann::json(nullptr)},
                            {"noshow_not_checked_in",
                             online ? nlohmann::json(c.noShowNotCheckedIn) : nlohmann::json(nullptr)},
                            {"wait", statsJson(c.wait)},
                            {"service_level", levelJson(c.serviceLevel)}});
    }
    j["per_channel"] = channels;
    j["legs"] = r.legs;
    j["transfers"] = r.transfers;
    j["recalls"] = r.recalls;
    j["reactivations"] = r.reactivations;
    j["wait"] = statsJson(r.wait);
    nlohmann::json byOutcome = nlohmann::json::object();
    for (const auto& w : r.waitByOutcome) byOutcome[queue::toString(w.outcome)] = statsJson(w.wait);
    j["wait_by_outcome"] = byOutcome;
    j["service_time"] = {{"served", statsJson(r.serviceServed)},
                         {"before_transfer", statsJson(r.serviceTransferred)}};
    j["service_level"] = levelJson(r.serviceLevel);
    nlohmann::json buckets = nlohmann::json::array();
    for (const auto& b : r.waitDistribution) {
        buckets.push_back(
            {{"from_minutes", b.fromMinutes},
             {"to_minutes", b.toMinutes ? nlohmann::json(*b.toMinutes) : nlohmann::json(nullptr)},
             {"count", b.count}});
    }
    j["wait_distribution"] = buckets;
    auto satisfaction = satisfactionJson(r.satisfaction, r);
    satisfaction["response_rate_percent"] = queue::percent(r.satisfaction.rated, r.visits.served);
    nlohmann::json scale = nlohmann::json::array();
    for (const auto& l : r.levels) {
        scale.push_back(
            {{"code", l.code}, {"name", l.nameVi}, {"name_en", l.nameEn}, {"satisfied", l.satisfied}});
    }
    satisfaction["scale"] = scale;
    j["satisfaction"] = satisfaction;

    nlohmann::json days = nlohmann::json::array();
    for (const auto& d : r.perDay) {
        days.push_back({{"day", d.day},
                        {"visits", visitsJson(d.visits)},
                        {"issued_by_channel", channelCounts(d.issuedByChannel, "issued")},
                        {"wait", statsJson(d.wait)},
                        {"service_level", levelJson(d.serviceLevel)},
                        {"satisfaction", satisfactionJson(d.satisfaction, r)}});
    }
    j["per_day"] = days;
    nlohmann::json services = nlohmann::json::array();
    for (const auto& s : r.perService) {
        services.push_back({{"code", s.code},
                            {"name", s.name},
                            {"name_en", s.nameEn},
                            {"legs", s.legs},
                            {"legs_by_channel", channelCounts(s.legsByChannel, "legs")},
                            {"transferred_in", s.transferredIn},
                            {"served", s.served},
                            {"noshow", s.noShow},
                            {"transferred_out", s.transferredOut},
                            {"cancelled", s.cancelled},
                            {"expired", s.expired},
                            {"open", s.open},
                            {"wait", statsJson(s.wait)},
                            {"service_time", statsJson(s.service)},
                            {"service_level", levelJson(s.serviceLevel)}});
    }
    j["per_service"] = services;
    j["per_service_counts"] = "legs";
    nlohmann::json counters = nlohmann::json::array();
    for (const auto& c : r.perCounter) {
        auto cj = deskJson(c, r);
        cj["number"] = c.number;
        cj["name"] = c.name;
        counters.push_back(cj);
    }
    j["per_counter"] = counters;
    nlohmann::json officers = nlohmann::json::array();
    for (const auto& of : r.perOfficer) {
        auto oj = deskJson(of, r);
        oj["id"] = of.id ? nlohmann::json(*of.id) : nlohmann::json(nullptr);
        oj["login"] = of.login;
        oj["name"] = of.name;
        oj["sessions"] = of.sessions;
        oj["unclosed_sessions"] = of.unclosedSessions;
        oj["logged_in_s"] = seconds(static_cast<double>(of.loggedInMs));
        oj["breaks"] = of.breaks;
        oj["break_s"] = seconds(static_cast<double>(of.breakMs));
        oj["serving_percent_of_available"] = queue::percent(of.servingMs, of.loggedInMs - of.breakMs);
        nlohmann::json reasons = nlohmann::json::array();
        for (const auto& b : of.breakReasons) {
            reasons.push_back(
                {{"reason", b.reason}, {"count", b.count}, {"s", seconds(static_cast<double>(b.ms))}});
        }
        oj["break_reasons"] = reasons;
        officers.push_back(oj);
    }
    j["per_officer"] = officers;
    nlohmann::json hours = nlohmann::json::array();
    for (const auto& h : r.perHour)
        hours.push_back({{"hour", h.hour}, {"arrivals", h.arrivals}, {"wait", statsJson(h.wait)}});
    j["per_hour"] = hours;
    nlohmann::json procedures = nlohmann::json::array();
    for (const auto& p : r.perProcedure) {
        nlohmann::json outcomes = nlohmann::json::object();
        for (std::size_t i = 0; i < std::size(queue::kProcedureOutcomes); ++i) {
            const std::string key =
                *queue::kProcedureOutcomes[i] ? queue::kProcedureOutcomes[i] : "unspecified";
            outcomes[key] = p.perOutcome[i];
        }
        procedures.push_back({{"code", p.code.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.code)},
                              {"name", p.name},
                              {"outcomes", outcomes},
                              {"total", p.total}});
    }
    j["per_procedure"] = procedures;
    nlohmann::json unsatisfied = nlohmann::json::array();
    for (const auto& u : r.unsatisfied) {
        unsatisfied.push_back({{"day", u.day},
                               {"number", u.number},
                               {"service", u.serviceCode},
                               {"counter", u.counter ? nlohmann::json(*u.counter) : nlohmann::json(nullptr)},
                               {"officer", u.officer},
                               {"rated_at", u.ratedAtLocal}});
    }
    j["not_satisfied"] = unsatisfied;
    return j;
}

}  // namespace motcua::cli
