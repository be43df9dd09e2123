// Every character a citizen or an officer can see is drawn by the fonts the programs load (no
// missing-glyph boxes): the string literals of the kiosk, lobby and counter displays, console, UI
// toolkit, ticket printing and ticket layout; the procedure catalogue (assets/catalogue/*.tsv); the
// values of office.toml and calendar.toml; in both languages (the English texts are literals and
// columns beside the Vietnamese ones). Pictograms (kiosk/ui/icons.h) must be in the icon font.
//
// The texts are read from the source tree rather than listed here, so a string added tomorrow is
// checked too. Only what can be shown is read: literals, not comments; TOML values, not comments.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "kiosk/ui/font_cache.h"
#include "kiosk/ui/sdl_context.h"
#include "support/test_support.h"
#include "text/utf8.h"

using namespace motcua;
using namespace motcua::ui;
using motcua::testing::readFile;
using motcua::testing::sourcePath;
namespace fs = std::filesystem;

namespace {

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// The string literals of a C++ source file, escapes resolved (\uXXXX, \UXXXXXXXX, \n, \"...), raw
// strings as written; comments and character literals skipped.
std::vector<std::string> cppStringLiterals(const std::string& src) {
    std::vector<std::string> out;
    std::size_t i = 0;
    const std::size_t n = src.size();
    while (i < n) {
        if (src.compare(i, 2, "//") == 0) {
            i = src.find('\n', i);
            if (i == std::string::npos) break;
            continue;
        }
        if (src.compare(i, 2, "/*") == 0) {
            i = src.find("*/", i + 2);
            if (i == std::string::npos) break;
            i += 2;
            continue;
        }
        if (src[i] == '\'') {
            // A character literal (or a digit separator: 1'000): skip to its closing quote on the line.
            const bool separator = i > 0 && std::isalnum(static_cast<unsigned char>(src[i - 1])) &&
                                   i + 1 < n && std::isdigit(static_cast<unsigned char>(src[i + 1]));
            if (separator) {
                ++i;
                continue;
            }
            ++i;
            while (i < n && src[i] != '\'' && src[i] != '\n') i += src[i] == '\\' ? 2 : 1;
            ++i;
            continue;
        }
        if (src[i] == 'R' && i + 1 < n && src[i + 1] == '"' &&
            (i == 0 || !std::isalnum(static_cast<unsigned char>(src[i - 1])) || src[i - 1] == '8')) {
            const std::size_t open = src.find('(', i + 2);
            const std::string delimiter = ")" + src.substr(i + 2, open - i - 2) + "\"";
            const std::size_t close = src.find(delimiter, open);
            out.push_back(src.substr(open + 1, close - open - 1));
            i = close + delimiter.size();
            continue;
        }
        if (src[i] != '"') {
            ++i;
            continue;
        }
        std::string literal;
        ++i;
        while (i < n && src[i] != '"') {
            if (src[i] != '\\') {
                literal += src[i++];
                continue;
            }
            const char e = src[i + 1];
            if (e == 'u' || e == 'U') {
                const int digits = e == 'u' ? 4 : 8;
                appendUtf8(literal,
                           static_cast<char32_t>(std::stoul(src.substr(i + 2, digits), nullptr, 16)));
                i += 2 + digits;
            } else if (e == 'x') {
                std::size_t end = i + 2;
                while (end < n && std::isxdigit(static_cast<unsigned char>(src[end]))) ++end;
                literal += static_cast<char>(std::stoul(src.substr(i + 2, end - i - 2), nullptr, 16));
                i = end;
            } else {
                literal += e == 'n' ? '\n' : e == 't' ? ' ' : e;
                i += 2;
            }
        }
        ++i;
        out.push_back(std::move(literal));
    }
    return out;
}

// The string values of a TOML file ("basic", 'literal' and """multi-line"""), comments skipped.
std::vector<std::string> tomlStrings(const std::string& src) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < src.size()) {
        if (src[i] == '#') {
            i = src.find('\n', i);
            if (i == std::string::npos) break;
            continue;
        }
        if (src[i] != '"' && src[i] != '\'') {
            ++i;
            continue;
        }
        const char quote = src[i];
        const bool multi = src.compare(i, 3, std::string(3, quote)) == 0;
        const std::string end = multi ? std::string(3, quote) : std::string(1, quote);
        std::size_t close = i + end.size();
        while (close < src.size() && src.compare(close, end.size(), end) != 0)
            close += (quote == '"' && src[close] == '\\') ? 2 : 1;
        out.push_back(src.substr(i + end.size(), close - i - end.size()));
        i = close + end.size();
    }
    return out;
}

// Each code point that is not ASCII, with where it was first seen.
using Sightings = std::map<char32_t, std::string>;

void note(Sightings& seen, const std::string& text, const std::string& where) {
    for (char32_t c : text::decodeUtf8(text))
        if (c >= 0x80 && !seen.count(c)) seen[c] = fmt::format("{}: \"{}\"", where, text.substr(0, 120));
}

std::vector<fs::path> sourcesUnder(const std::string& dir) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(sourcePath(dir))) {
        const auto ext = entry.path().extension();
        if (entry.is_regular_file() && (ext == ".cpp" || ext == ".h")) files.push_back(entry.path());
    }
    return files;
}

// The folders whose literals are shown or printed (the voice's texts are spoken; the CLI's are for a
// technician's terminal).
const std::vector<std::string> kShownSources = {"kiosk/kiosk_app", "kiosk/display_app", "kiosk/console_app",
                                                "kiosk/ui",        "kiosk/frontend",    "printer"};

Sightings everythingShown() {
    Sightings seen;
    for (const auto& dir : kShownSources)
        for (const auto& file : sourcesUnder(dir))
            for (const auto& literal : cppStringLiterals(readFile(file)))
                note(seen, literal, fs::relative(file, sourcePath(".")).string());
    for (const auto& entry : fs::directory_iterator(sourcePath("assets/catalogue")))
        if (entry.path().extension() == ".tsv")
            note(seen, readFile(entry.path()), "assets/catalogue/" + entry.path().filename().string());
    for (const char* toml : {"assets/office.toml", "assets/calendar.toml"})
        for (const auto& value : tomlStrings(readFile(sourcePath(toml)))) note(seen, value, toml);
    return seen;
}

// The pictograms of kiosk/ui/icons.h: name -> code point.
std::map<std::string, char32_t> pictograms() {
    std::map<std::string, char32_t> out;
    const std::string header = readFile(sourcePath("kiosk/ui/icons.h"));
    const std::regex constant(R"(char32_t\s+(k\w+)\s*=\s*0x([0-9A-Fa-f]+))");
    for (auto it = std::sregex_iterator(header.begin(), header.end(), constant); it != std::sregex_iterator();
         ++it)
        out[(*it)[1]] = static_cast<char32_t>(std::stoul((*it)[2], nullptr, 16));
    return out;
}

std::string utf8(char32_t c) {
    std::string s;
    appendUtf8(s, c);
    return s;
}

}  // namespace

TEST_CASE("The source and data readers find literals, escapes and TOML values, not comments",
          "[ui][text][glyphs]") {
    const auto literals = cppStringLiterals(
        "// \"not this\" →\n"
        "/* nor \"this\" */ auto a = \"Lấy số\"; char c = '\"'; int n = 1'000;\n"
        "auto b = u8\"\\u2192 x\\\"y\"; auto r = R\"(raw \"quoted\")\";\n");
    CHECK(literals == std::vector<std::string>{"Lấy số", "→ x\"y", "raw \"quoted\""});
    const auto values = tomlStrings(
        "# \"comment\" ≤\nname = \"UBND phường\" # tail “x”\nen = 'Ward'\n"
        "note = \"\"\"two\nlines\"\"\"\n");
    CHECK(values == std::vector<std::string>{"UBND phường", "Ward", "two\nlines"});
    Sightings seen;
    note(seen, "a → b", "x");
    CHECK(seen.count(U'→'));
}

TEST_CASE("Every character on the screens and tickets has a glyph in the fonts the programs load",
          "[ui][sdl][text][glyphs]") {
    SdlContext sdl({true});
    TtfContext ttf(sdl);
    FontCache fonts(ttf, FontSet::locate());
    const Sightings seen = everythingShown();
    // Enough was read to mean something: every Vietnamese letter with its tone marks is somewhere.
    CHECK(seen.size() > 120);
    CHECK(seen.count(U'ự'));
    CHECK(seen.count(U'Đ'));
    std::vector<std::string> missing;
    for (const auto weight : {FontWeight::Regular, FontWeight::Bold})
        for (const auto& [c, where] : seen)
            if (!fonts.covers(utf8(c), {weight, 32}))
                missing.push_back(fmt::format("U+{:04X} {} ({}) in {}", static_cast<unsigned>(c), utf8(c),
                                              weight == FontWeight::Bold ? "bold" : "regular", where));
    INFO(fmt::format("{} characters read; missing:\n{}", seen.size(), fmt::join(missing, "\n")));
    CHECK(missing.empty());
    // The check can fail: the arrows the Noto text face does not have.
    CHECK_FALSE(fonts.covers("←→", {FontWeight::Regular, 32}));
}

TEST_CASE("Every pictogram is in the icon font", "[ui][sdl][glyphs]") {
    SdlContext sdl({true});
    TtfContext ttf(sdl);
    FontCache fonts(ttf, FontSet::locate());
    REQUIRE_FALSE(fonts.fonts().icons.empty());
    const auto icons = pictograms();
    CHECK(icons.size() >= 40);
    CHECK(icons.at("kHeadphones") == 0xF01F);
    std::vector<std::string> missing;
    for (const auto& [name, c] : icons)
        if (!fonts.covers(utf8(c), {FontWeight::Icon, 48}))
            missing.push_back(fmt::format("{} U+{:04X}", name, static_cast<unsigned>(c)));
    INFO(fmt::format("{}", fmt::join(missing, ", ")));
    CHECK(missing.empty());
    // The check can fail: a Vietnamese letter is not a pictogram.
    CHECK_FALSE(fonts.covers("ự", {FontWeight::Icon, 48}));
}
