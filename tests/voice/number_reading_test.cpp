#include "kiosk/voice/number_reading.h"

#include <catch2/catch.hpp>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace motcua::voice;

namespace {

// An independent reader of Vietnamese number words back into a value, used to check every reading
// from 0 to 9999 (and beyond) round-trips. Accepts every variant the options produce.
std::uint64_t parseVietnamese(const std::string& text) {
    static const std::map<std::string, int> kDigit = {
        {"không", 0}, {"một", 1}, {"mốt", 1}, {"hai", 2}, {"ba", 3},  {"bốn", 4}, {"tư", 4},
        {"năm", 5},   {"lăm", 5}, {"sáu", 6}, {"bảy", 7}, {"tám", 8}, {"chín", 9}};
    std::istringstream in(text);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    // Finished parts with the magnitude of the scale word that closed them. A scale word right after
    // another multiplies the last part ("nghìn tỷ", "tỷ tỷ"); otherwise it multiplies the group being
    // read plus every finished part of a smaller magnitude.
    struct Part {
        std::uint64_t value;
        std::uint64_t magnitude;
    };
    std::vector<Part> parts;
    std::uint64_t group = 0;
    std::uint64_t pending = 0;
    bool havePending = false;
    bool lastWasScale = false;
    for (const std::string& w : words) {
        bool scale = false;
        if (auto d = kDigit.find(w); d != kDigit.end()) {
            pending = static_cast<std::uint64_t>(d->second);
            havePending = true;
        } else if (w == "trăm") {
            group += pending * 100;
            havePending = false;
        } else if (w == "mười") {
            group += 10;
        } else if (w == "mươi") {
            group += pending * 10;
            havePending = false;
        } else if (w == "linh" || w == "lẻ") {
        } else if (w == "nghìn" || w == "ngàn" || w == "triệu" || w == "tỷ") {
            const std::uint64_t m = w == "triệu" ? 1'000'000 : w == "tỷ" ? 1'000'000'000 : 1000;
            scale = true;
            if (lastWasScale) {
                REQUIRE_FALSE(parts.empty());
                parts.back().value *= m;
                parts.back().magnitude *= m;
            } else {
                if (havePending) group += pending;
                havePending = false;
                std::uint64_t x = group;
                while (!parts.empty() && parts.back().magnitude < m) {
                    x += parts.back().value;
                    parts.pop_back();
                }
                parts.push_back({x * m, m});
                group = 0;
            }
        } else {
            FAIL("unexpected word '" << w << "' in '" << text << "'");
        }
        lastWasScale = scale;
    }
    if (havePending) group += pending;
    std::uint64_t total = group;
    for (const Part& part : parts) total += part.value;
    return total;
}

}  // namespace

TEST_CASE("numbers are read the Vietnamese way", "[voice][numbers]") {
    const auto [n, words] = GENERATE(table<std::uint64_t, std::string>({
        {0, "không"},
        {1, "một"},
        {4, "bốn"},
        {5, "năm"},
        {10, "mười"},
        {11, "mười một"},
        {14, "mười bốn"},
        {15, "mười lăm"},
        {20, "hai mươi"},
        {21, "hai mươi mốt"},
        {24, "hai mươi tư"},
        {25, "hai mươi lăm"},
        {31, "ba mươi mốt"},
        {55, "năm mươi lăm"},
        {99, "chín mươi chín"},
        {100, "một trăm"},
        {101, "một trăm linh một"},
        {104, "một trăm linh bốn"},
        {105, "một trăm linh năm"},
        {110, "một trăm mười"},
        {111, "một trăm mười một"},
        {115, "một trăm mười lăm"},
        {121, "một trăm hai mươi mốt"},
        {500, "năm trăm"},
        {1000, "một nghìn"},
        {1001, "một nghìn không trăm linh một"},
        {1005, "một nghìn không trăm linh năm"},
        {1010, "một nghìn không trăm mười"},
        {1012, "một nghìn không trăm mười hai"},
        {1015, "một nghìn không trăm mười lăm"},
        {1021, "một nghìn không trăm hai mươi mốt"},
        {1100, "một nghìn một trăm"},
        {1234, "một nghìn hai trăm ba mươi tư"},
        {2020, "hai nghìn không trăm hai mươi"},
        {9999, "chín nghìn chín trăm chín mươi chín"},
        {10000, "mười nghìn"},
        {15000, "mười lăm nghìn"},
        {21000, "hai mươi mốt nghìn"},
        {100000, "một trăm nghìn"},
        {1000000, "một triệu"},
        {1000005, "một triệu không trăm linh năm"},
        {2500000, "hai triệu năm trăm nghìn"},
        {1000000000, "một tỷ"},
    }));
    CAPTURE(n);
    CHECK(readNumber(n) == words);
}

TEST_CASE("reading options: lẻ, ngàn, bốn", "[voice][numbers]") {
    SECTION("lẻ instead of linh") {
        NumberReading southern{
            .zeroTens = ZeroTensWord::Le, .thousand = ThousandWord::Ngan, .fourAsTu = true};
        CHECK(readNumber(105, southern) == "một trăm lẻ năm");
        CHECK(readNumber(2004, southern) == "hai ngàn không trăm lẻ bốn");
        CHECK(readNumber(1000, southern) == "một ngàn");
    }
    SECTION("bốn instead of tư") {
        NumberReading plain{.fourAsTu = false};
        CHECK(readNumber(24, plain) == "hai mươi bốn");
        CHECK(readNumber(24) == "hai mươi tư");
        CHECK(readNumber(14, plain) == "mười bốn");
        CHECK(readNumber(14) == "mười bốn");  // never "mười tư" in a number
    }
}

TEST_CASE("every number from 0 to 9999 reads back to itself, with every option", "[voice][numbers]") {
    const auto zeroTens = GENERATE(ZeroTensWord::Linh, ZeroTensWord::Le);
    const auto thousand = GENERATE(ThousandWord::Nghin, ThousandWord::Ngan);
    const bool tu = GENERATE(true, false);
    const NumberReading reading{zeroTens, thousand, tu};
    for (std::uint64_t n = 0; n <= 9999; ++n) {
        const std::vector<std::string> words = numberWords(n, reading);
        const std::string text = readNumber(n, reading);
        CAPTURE(n, text);
        REQUIRE(parseVietnamese(text) == n);
        REQUIRE_FALSE(words.empty());
        for (std::size_t i = 0; i < words.size(); ++i) {
            const std::string& w = words[i];
            const std::string before = i > 0 ? words[i - 1] : "";
            // The special forms appear only where the rules allow them.
            if (w == "mốt") REQUIRE(before == "mươi");
            if (w == "lăm") REQUIRE((before == "mươi" || before == "mười"));
            if (w == "tư") REQUIRE((tu && before == "mươi"));
            if (w == "linh" || w == "lẻ") REQUIRE(before == "trăm");
            if (w == "mươi") REQUIRE((before != "một" && before != "không"));
            if (w == "không") REQUIRE((n == 0 || (i + 1 < words.size() && words[i + 1] == "trăm")));
            // No unit after mươi is said as "một" or "năm".
            if (before == "mươi") REQUIRE((w != "một" && w != "năm"));
            REQUIRE(numberWordClip(w).has_value());
        }
        if (tu && n % 10 == 4 && n % 100 >= 24) REQUIRE(words.back() == "tư");
    }
}

TEST_CASE("large numbers up to the 64-bit limit read back to themselves", "[voice][numbers]") {
    const std::uint64_t n = GENERATE(12'345ULL, 100'001ULL, 1'000'000'001ULL, 999'999'999'999ULL,
                                     1'000'000'000'000ULL, 18'446'744'073'709'551'615ULL);
    CAPTURE(n, readNumber(n));
    CHECK(parseVietnamese(readNumber(n)) == n);
}

TEST_CASE("digits are read one by one, other characters skipped", "[voice][numbers]") {
    CHECK(digitWords("012") == std::vector<std::string>{"không", "một", "hai"});
    CHECK(digitWords("9-0") == std::vector<std::string>{"chín", "không"});
    CHECK(digitWords("").empty());
    CHECK(digitWord(7) == "bảy");
    CHECK_THROWS(digitWord(10));
}

TEST_CASE("letters have their Vietnamese names and clip names", "[voice][numbers]") {
    const auto [letter, name, clip] = GENERATE(table<std::string, std::string, std::string>({
        {"A", "a", "chu-a"},
        {"b", "bê", "chu-b"},
        {"C", "xê", "chu-c"},
        {"D", "dê", "chu-d"},
        {"Đ", "đê", "chu-dd"},
        {"đ", "đê", "chu-dd"},
        {"E", "e", "chu-e"},
        {"F", "ép", "chu-f"},
        {"G", "giê", "chu-g"},
        {"H", "hát", "chu-h"},
        {"K", "ca", "chu-k"},
        {"L", "e lờ", "chu-l"},
        {"Q", "quy", "chu-q"},
        {"Y", "i dài", "chu-y"},
    }));
    CAPTURE(letter);
    CHECK(letterName(letter) == name);
    CHECK(letterClip(letter) == clip);
}

TEST_CASE("characters that are not letters have no name", "[voice][numbers]") {
    CHECK_FALSE(letterName("1").has_value());
    CHECK_FALSE(letterName("-").has_value());
    CHECK_FALSE(letterName("AB").has_value());
    CHECK_FALSE(letterClip("Ư").has_value());
}
