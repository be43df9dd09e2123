// `motcua report` end to end, in-process: formats, files, bad input and the empty period.
#include <algorithm>
#include <catch2/catch.hpp>

#include "kiosk/cli/report_format.h"
#include "report_fixture.h"

using namespace motcua::testing;
using Catch::Contains;

namespace {

constexpr const char* kBom = "\xEF\xBB\xBF";

int lines(const std::string& text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

int occurrences(const std::string& text, const std::string& what) {
    int n = 0;
    for (auto i = text.find(what); i != std::string::npos; i = text.find(what, i + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("report refuses bad input with one line and exit status 2", "[report][cli]") {
    ReportFixture f;
    f.scriptDay();
    struct Case {
        std::vector<std::string> args;
        const char* says;
    };
    const Case c = GENERATE(values<Case>({
        {{"report", "--from", "2026-12-01", "--to", "2026-11-30"}, "reversed"},
        {{"report", "--from", "2026-11-31"}, "not a date"},
        {{"report", "--from", "yesterday"}, "not a date"},
        {{"report", "--from", "2026-11-30", "--to", "30/11/2026"}, "not a date"},
        {{"report", "--from", "2026-11-30", "--service", "ZZ"},
         "unknown service 'ZZ' (services: HT, CT, XH)"},
        {{"report", "--from", "2026-11-30", "--counter", "7"}, "unknown counter 7 (counters: 1, 2, 3)"},
        {{"report", "--from", "2026-11-30", "--staff", "tuan"}, "unknown officer 'tuan'"},
        {{"report", "--from", "2026-11-30", "--counter", "one"}, "--counter"},
        {{"report", "--from", "2026-11-30", "--format", "pdf"}, "--format"},
        {{"report", "--from", "2026-11-30", "--lang", "fr"}, "--lang"},
    }));
    CAPTURE(c.args);
    const auto r = f.cli(c.args);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Contains(c.says));
    CHECK(lines(r.err) == 1);
    CHECK(r.out.empty());
}

TEST_CASE("report on a period with no data says so and exits 0", "[report][cli]") {
    ReportFixture f;
    f.scriptDay();
    SECTION("text") {
        const auto r = f.cli({"report", "--from", "2026-12-07", "--to", "2026-12-08"});
        CHECK(r.status == 0);
        CHECK_THAT(r.out, Contains("Không có dữ liệu nào được ghi trong kỳ này"));
        CHECK_THAT(r.out, Contains("2026-12-07"));
        CHECK_THAT(r.out, Contains("2026-12-08"));
    }
    SECTION("json") {
        const auto r = f.cli({"report", "--from", "2026-12-07", "--format", "json"});
        CHECK(r.status == 0);
        const auto j = nlohmann::json::parse(r.out);
        CHECK(j["empty"] == true);
        CHECK(j["per_day"].size() == 1);
        CHECK(j["visits"]["issued"] == 0);
    }
    SECTION("html") {
        const auto r = f.cli({"report", "--from", "2026-12-07", "--format", "html", "--lang", "en"});
        CHECK(r.status == 0);
        CHECK_THAT(r.out, Contains("No data recorded in this period."));
    }
}

TEST_CASE("report defaults to today in the office time zone", "[report][cli]") {
    ReportFixture f;
    f.scriptDay();
    f.clock.set(at(10, 0));  // Monday
    const auto r = f.cli({"--json", "report"});
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["period"]["from"] == "2026-11-30");
    CHECK(j["period"]["to"] == "2026-11-30");
    CHECK(j["visits"]["issued"] == 9);
    CHECK(j["generated_at"] == "2026-11-30T10:00:00+07:00");
}

TEST_CASE("report as text: aligned tables, Vietnamese only or English only", "[report][cli]") {
    ReportFixture f;
    f.scriptDay();
    SECTION("Vietnamese") {
        const auto r = f.cli({"report", "--from", "2026-11-30", "--to", "2026-12-02"});
        REQUIRE(r.status == 0);
        CHECK_THAT(r.out, Contains("UBND phường Thử Nghiệm – Bộ phận Một cửa"));
        CHECK_THAT(r.out, Contains("Theo lĩnh vực"));
        CHECK_THAT(r.out, Contains("Tỷ lệ phục vụ"));
        // No English words inside the Vietnamese report.
        for (const char* english : {"Per service", "% served", "(period)", "Office report", "(Day)"}) {
            CAPTURE(english);
            CHECK(r.out.find(english) == std::string::npos);
        }
        CHECK_THAT(r.out, Contains("60,0%"));  // 6 of 10, decimal comma
        CHECK_THAT(r.out, Contains("số được chuyển tính một lần ở mỗi lĩnh vực"));
        // The per-day table has a line for the empty Wednesday.
        CHECK_THAT(r.out, Contains("2026-12-02"));
        // Column alignment: every row of the per-day table is as wide as its rule (display columns).
        const auto start = r.out.find("Theo ngày\n");
        REQUIRE(start != std::string::npos);
        std::istringstream in(r.out.substr(start));
        std::string line, rule;
        std::vector<std::string> rows;
        std::getline(in, line);  // title
        std::getline(in, line);  // note
        std::getline(in, line);  // header
        std::getline(in, rule);
        for (int i = 0; i < 3 && std::getline(in, line); ++i) rows.push_back(line);
        REQUIRE(rows.size() == 3);
        for (const auto& row : rows) {
            CAPTURE(row);
            CHECK(motcua::cli::displayWidth(row) == motcua::cli::displayWidth(rule));
        }
    }
    SECTION("English") {
        const auto r = f.cli({"report", "--from", "2026-11-30", "--to", "2026-12-02", "--lang", "en"});
        REQUIRE(r.status == 0);
        CHECK_THAT(r.out, Contains("Per service"));
        CHECK_THAT(r.out, Contains("60.0%"));
        CHECK(r.out.find("Theo lĩnh vực") == std::string::npos);
    }
}

TEST_CASE("report as CSV: BOM, section markers, one row per day; or one file per table", "[report][cli]") {
    ReportFixture f;
    f.scriptDay();
    SECTION("one file with markers") {
        const auto file = (f.dir / "report.csv").string();
        const auto r =
            f.cli({"report", "--from", "2026-11-30", "--to", "2026-12-02", "--format", "csv", "--out", file});
        REQUIRE(r.status == 0);
        CHECK_THAT(r.out, Contains(file));
        const auto csv = readFile(file);
        REQUIRE(csv.rfind(kBom, 0) == 0);
        for (const char* id : {"summary", "per_channel", "times", "wait_distribution", "per_day",
                               "per_day_channel", "per_service", "per_service_channel", "per_counter",
                               "per_officer", "per_hour", "per_procedure", "satisfaction", "not_satisfied"}) {
            CAPTURE(id);
            CHECK_THAT(csv, Contains(std::string("\r\n## ") + id + ": "));
        }
        // Plain numbers for spreadsheets: Monday's row, 9 issued, 6 served, mean wait 61/7 = 8.7 min.
        CHECK_THAT(csv, Contains("2026-11-30,9,6,1,1,1,0,8.7,16.0,83.3,5,60.0\r\n"));
        CHECK_THAT(csv, Contains("2026-12-02,0,0,0,0,0,0,,,,0,\r\n"));
        // Text with commas is quoted.
        CHECK_THAT(csv,
                   Contains("\"Kỳ báo cáo: 2026-11-30 – 2026-12-02 (3 ngày, giờ Asia/Ho_Chi_Minh)\"\r\n"));
    }
    SECTION("a directory: one file per table") {
        const auto out = (f.dir / "tables").string() + "/";
        const auto r = f.cli({"--json", "report", "--from", "2026-11-30", "--format", "csv", "--out", out});
        REQUIRE(r.status == 0);
        const auto j = nlohmann::json::parse(r.out);
        CHECK(j["written"].size() == 17);  // heading + 16 tables
        const auto perDay = readFile(f.dir / "tables" / "per_day.csv");
        REQUIRE(perDay.rfind(kBom, 0) == 0);
        CHECK_THAT(perDay, Contains("Ngày,Cấp phiếu"));
        CHECK(lines(perDay) == 2);  // header + Monday
        CHECK_THAT(readFile(f.dir / "tables" / "report.csv"), Contains("UBND phường Thử Nghiệm"));
    }
}

TEST_CASE("report as JSON: one object with the figures in seconds", "[report][cli]") {
    ReportFixture f;
    f.scriptDay();
    const auto r = f.cli({"report", "--from", "2026-11-30", "--to", "2026-12-02", "--format", "json"});
    REQUIRE(r.status == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["visits"]["issued"] == 10);
    CHECK(j["visits"]["served_percent"] == 60.0);
    CHECK(j["wait"]["mean_s"].get<double>() == Approx(61.0 / 7 * 60).epsilon(1e-6));
    CHECK(j["wait"]["p90_s"] == 960.0);
    CHECK(j["service_time"]["served"]["p50_s"] == 780.0);
    CHECK(j["service_level"]["within"] == 5);
    CHECK(j["per_service_counts"] == "legs");
    CHECK(j["per_day"].size() == 3);
    CHECK(j["satisfaction"]["levels"]["hai_long"] == 2);
    CHECK(j["satisfaction"]["response_rate_percent"].get<double>() == Approx(500.0 / 6));
    CHECK(j["not_satisfied"][0]["number"] == "A003");
    CHECK(j["not_satisfied"][0]["rated_at"] == "2026-11-30T08:51:00+07:00");
    const auto& minh = *std::find_if(j["per_officer"].begin(), j["per_officer"].end(),
                                     [](auto& o) { return o["login"] == "minh"; });
    CHECK(minh["logged_in_s"] == 115 * 60.0);
    CHECK(minh["unclosed_sessions"] == 1);
}

TEST_CASE("report as HTML: self-contained, Vietnamese, charts inline, printable", "[report][cli]") {
    ReportFixture f;
    f.scriptDay();
    const auto file = (f.dir / "report.html").string();
    const auto r =
        f.cli({"report", "--from", "2026-11-30", "--to", "2026-12-02", "--format", "html", "--out", file});
    REQUIRE(r.status == 0);
    const auto html = readFile(file);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK_THAT(html, Contains("<html lang=\"vi\">"));
    CHECK_THAT(html, Contains("<meta charset=\"utf-8\">"));
    CHECK_THAT(html, Contains("Theo lĩnh vực"));
    CHECK_THAT(html, Contains("@page { size: A4"));
    CHECK_THAT(html, Contains("@media print"));
    // Three charts and the per-day chart, drawn inline.
    CHECK(occurrences(html, "<svg ") == 4);
    // Nothing from the network, no script.
    for (const char* banned : {"http://", "https://", "<script", "<link", "@import", "url("}) {
        CAPTURE(banned);
        CHECK(html.find(banned) == std::string::npos);
    }
    // Text from the database is escaped.
    CHECK_THAT(html, Contains("Lao động – Thương binh – Xã hội"));
    // Vietnamese only: no English sub-label under a column heading, "lượt công dân" not "lượt khách".
    for (const char* english : {"class=\"en\"", ">Issued<", ">Served<", ">Mean wait<", ">Count<", ">Share<",
                                ">No-show<", "Visits per day", "Lượt khách"}) {
        CAPTURE(english);
        CHECK(html.find(english) == std::string::npos);
    }
    CHECK_THAT(html, Contains("Lượt công dân theo ngày"));
}

TEST_CASE("HTML escapes what it is given", "[report]") {
    CHECK(motcua::cli::htmlEscape("<b>\"A&B\"</b> 'x'") ==
          "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; &#39;x&#39;");
    CHECK(motcua::cli::displayWidth("Người cao tuổi") == 14);
    CHECK(motcua::cli::displayWidth("Nguo\xCC\x9B\xCC\x80i") == 5);  // decomposed ư + grave: still 5 columns
    CHECK(motcua::cli::hoursText(115 * 60'000) == "1:55");
    CHECK(motcua::cli::percentText(83.333, motcua::cli::ReportLang::Vi) == "83,3%");
}
