// The HTML report rendered by a real headless Chromium (Debian `chromium`, installed by
// scripts/install-deps.sh): the screenshot must not be blank, the charts must be drawn, and the page
// must raise no script error. Without chromium these tests fail; they never skip.
#include <fmt/format.h>
#include <png.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <sstream>

#include "report_fixture.h"

using namespace motcua::testing;

namespace {

struct Rgb {
    int r, g, b;
};

struct Screenshot {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> rgb;  // width * height * 3
    Rgb at(int x, int y) const {
        const auto i =
            (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 3;
        return {rgb[i], rgb[i + 1], rgb[i + 2]};
    }
};

// Decodes a PNG with libpng's simplified API; throws with libpng's message.
Screenshot readPng(const std::filesystem::path& path) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str())) {
        throw std::runtime_error(fmt::format("cannot read {}: {}", path.string(), image.message));
    }
    image.format = PNG_FORMAT_RGB;
    Screenshot shot;
    shot.width = static_cast<int>(image.width);
    shot.height = static_cast<int>(image.height);
    shot.rgb.resize(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, shot.rgb.data(), 0, nullptr)) {
        const std::string message = image.message;
        png_image_free(&image);
        throw std::runtime_error("cannot decode " + path.string() + ": " + message);
    }
    return shot;
}

struct Render {
    int status = -1;
    std::string log;  // chromium's stderr
    std::string dom;  // --dump-dom output
    std::filesystem::path png;
};

// Screenshot (A4 portrait at 150 dpi: 1240 × 1754) and DOM dump of a local file, each in its own
// profile directory so tests can run in parallel.
Render renderInChromium(const TempDir& dir, const std::filesystem::path& html) {
    REQUIRE(std::system("command -v chromium > /dev/null 2>&1") == 0);  // scripts/install-deps.sh installs it
    Render r;
    r.png = dir / "shot.png";
    const std::string common =
        "timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions "
        "--hide-scrollbars --enable-logging=stderr --v=0 --user-data-dir=" +
        shellQuote((dir / "profile").string());
    const std::string url = "file://" + html.string();
    const auto shotCmd =
        fmt::format("{} --window-size=1240,1754 --screenshot={} {} > /dev/null 2> {}", common,
                    shellQuote(r.png.string()), shellQuote(url), shellQuote((dir / "shot.log").string()));
    r.status = std::system(shotCmd.c_str());
    const auto domCmd =
        fmt::format("{} --dump-dom {} > {} 2> {}", common, shellQuote(url),
                    shellQuote((dir / "dom.html").string()), shellQuote((dir / "dom.log").string()));
    const int domStatus = std::system(domCmd.c_str());
    if (r.status == 0) r.status = domStatus;
    r.log = readFile(dir / "shot.log") + readFile(dir / "dom.log");
    r.dom = readFile(dir / "dom.html");
    return r;
}

// Prints a local file to PDF as a person would (no header or footer); returns the PDF bytes.
std::string printToPdf(const TempDir& dir, const std::filesystem::path& html) {
    const auto pdf = dir / "print.pdf";
    const auto cmd = fmt::format(
        "timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions "
        "--user-data-dir={} --no-pdf-header-footer --print-to-pdf={} {} > /dev/null 2>&1",
        shellQuote((dir / "print-profile").string()), shellQuote(pdf.string()),
        shellQuote("file://" + html.string()));
    REQUIRE(std::system(cmd.c_str()) == 0);
    return readFile(pdf);
}

// Chromium reports page console messages and uncaught exceptions as ":CONSOLE" log lines.
std::vector<std::string> scriptErrors(const std::string& log) {
    std::vector<std::string> errors;
    std::istringstream in(log);
    for (std::string line; std::getline(in, line);) {
        if (line.find(":CONSOLE") != std::string::npos || line.find("Uncaught") != std::string::npos) {
            errors.push_back(line);
        }
    }
    return errors;
}

double nonWhiteShare(const Screenshot& s) {
    std::size_t n = 0;
    for (int y = 0; y < s.height; ++y) {
        for (int x = 0; x < s.width; ++x) {
            const auto p = s.at(x, y);
            if (p.r < 235 || p.g < 235 || p.b < 235) ++n;
        }
    }
    return static_cast<double>(n) / (static_cast<double>(s.width) * s.height);
}

// Pixels close to a colour (anti-aliasing aside).
std::size_t pixelsNear(const Screenshot& s, Rgb c) {
    std::size_t n = 0;
    for (int y = 0; y < s.height; ++y) {
        for (int x = 0; x < s.width; ++x) {
            const auto p = s.at(x, y);
            if (std::abs(p.r - c.r) < 12 && std::abs(p.g - c.g) < 12 && std::abs(p.b - c.b) < 12) ++n;
        }
    }
    return n;
}

}  // namespace

TEST_CASE("The HTML report renders in headless Chromium: not blank, charts drawn, no script error",
          "[report][html][chromium]") {
    ReportFixture f;
    f.scriptDay();
    const auto html = f.dir / "report.html";
    const auto run = f.cli(
        {"report", "--from", "2026-11-30", "--to", "2026-12-02", "--format", "html", "--out", html.string()});
    REQUIRE(run.status == 0);

    const auto r = renderInChromium(f.dir, html);
    INFO(r.log);
    REQUIRE(r.status == 0);
    CHECK(scriptErrors(r.log).empty());

    // The DOM Chromium built has the Vietnamese headings and the charts.
    CHECK_THAT(r.dom, Catch::Contains("Báo cáo hoạt động tiếp nhận"));
    CHECK_THAT(r.dom, Catch::Contains("Mức độ hài lòng theo quầy"));
    CHECK_THAT(r.dom, Catch::Contains("<svg"));

    const auto shot = readPng(r.png);
    CHECK(shot.width == 1240);
    CHECK(shot.height == 1754);
    const double ink = nonWhiteShare(shot);
    CAPTURE(ink);
    CHECK(ink > 0.03);  // text, cards, charts: far from a blank page
    CHECK(ink < 0.6);   // and not a solid fill either
    // The charts are painted: the arrival bars' blue, the over-target wait bar's red and the
    // "very satisfied" green cover real areas, not just a legend swatch.
    CHECK(pixelsNear(shot, {0x2f, 0x6f, 0xa8}) > 2000);
    CHECK(pixelsNear(shot, {0xc8, 0x30, 0x2c}) > 500);
    CHECK(pixelsNear(shot, {0x1b, 0x7f, 0x3b}) > 300);

    // Printed, every page is A4 portrait (595 × 842 pt): the @page rule is honoured.
    const auto pdf = printToPdf(f.dir, html);
    REQUIRE(pdf.rfind("%PDF-", 0) == 0);
    int pages = 0;
    for (auto i = pdf.find("/MediaBox ["); i != std::string::npos; i = pdf.find("/MediaBox [", i + 1)) {
        double x0 = -1, y0 = -1, w = 0, h = 0;
        std::istringstream box(pdf.substr(i + 11, 80));
        box >> x0 >> y0 >> w >> h;
        CAPTURE(w, h);
        CHECK(std::abs(w - 595.3) < 1.5);
        CHECK(std::abs(h - 841.9) < 1.5);
        ++pages;
    }
    CHECK(pages >= 2);

    // Kept for a person to look at when MOTCUA_REPORT_SCREENSHOT names a file.
    if (const char* keep = std::getenv("MOTCUA_REPORT_SCREENSHOT"); keep && *keep) {
        std::filesystem::copy_file(r.png, keep, std::filesystem::copy_options::overwrite_existing);
        std::filesystem::copy_file(html, std::string(keep) + ".html",
                                   std::filesystem::copy_options::overwrite_existing);
    }
}

TEST_CASE("The render checks catch a blank page and a script error", "[report][html][chromium]") {
    TempDir dir;
    const auto html = dir / "broken.html";
    writeFile(html,
              "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
              "<script>notDefinedAnywhere();</script></body></html>");
    const auto r = renderInChromium(dir, html);
    REQUIRE(r.status == 0);
    CHECK_FALSE(scriptErrors(r.log).empty());
    CHECK(nonWhiteShare(readPng(r.png)) < 0.001);
}
