// Every string a citizen, an officer or the office head may read is NFC, carries no researcher's
// working note and follows one spelling style (hủy, khóa, xóa, as legal texts write them): checked
// over the string literals of the programs' sources and over the example office configuration.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>

#include "queue/catalogue.h"
#include "support/test_support.h"
#include "text/normalize.h"

using motcua::testing::readFile;
using motcua::testing::sourcePath;

namespace {

// The string literals of a C++ source, with their line numbers.
std::vector<std::pair<int, std::string>> literals(const std::string& source) {
    std::vector<std::pair<int, std::string>> out;
    static const std::regex literal(R"re("((?:[^"\\\n]|\\.)*)")re");
    int line = 1;
    std::size_t counted = 0;
    for (auto it = std::sregex_iterator(source.begin(), source.end(), literal); it != std::sregex_iterator();
         ++it) {
        const auto at = static_cast<std::size_t>(it->position(0));
        line += static_cast<int>(std::count(source.begin() + static_cast<std::ptrdiff_t>(counted),
                                            source.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
        counted = at;
        out.emplace_back(line, (*it)[1].str());
    }
    return out;
}

}  // namespace

TEST_CASE("User-facing strings are NFC, free of working notes and spelled one way", "[text][notes]") {
    std::size_t checked = 0;
    for (const char* dir : {"kiosk", "printer", "queue"}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(sourcePath(dir))) {
            const auto ext = entry.path().extension();
            if (ext != ".cpp" && ext != ".h") continue;
            const std::string text = readFile(entry.path());
            const auto name = entry.path().lexically_relative(sourcePath("")).string();
            CAPTURE(name);
            CHECK(motcua::text::isNfc(text));
            // The files that define and document the markers are the one place they may appear, and
            // the tone-placement helper names both spellings on purpose.
            const bool definesMarkers = name == "queue/catalogue.cpp" || name == "queue/catalogue.h";
            const bool namesBothStyles = name == "queue/vietnamese.h";
            for (const auto& [line, literal] : literals(text)) {
                CAPTURE(line, literal);
                ++checked;
                if (!definesMarkers) CHECK_FALSE(motcua::queue::findWorkingNote(literal));
                if (namesBothStyles) continue;
                for (const char* other : {"xoá", "Xoá", "XOÁ", "huỷ", "Huỷ", "HUỶ", "khoá", "Khoá", "KHOÁ"}) {
                    CHECK(literal.find(other) == std::string::npos);
                }
            }
        }
    }
    CHECK(checked > 1000);
    const std::string office = readFile(sourcePath("assets/office.toml"));
    CHECK(motcua::text::isNfc(office));
    CHECK_FALSE(motcua::queue::findWorkingNote(office));
    // Today's names: no service of a ministry merged away in 2025, no fixed "Bộ phận Một cửa" unit.
    CHECK(office.find("Lao động – Thương binh – Xã hội") == std::string::npos);
    CHECK(office.find("unit = \"Bộ phận Một cửa\"") == std::string::npos);
}
