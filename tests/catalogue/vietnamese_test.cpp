#include "queue/vietnamese.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace motcua::queue;

namespace {
std::string typeTelex(const std::string& keys, ToneStyle style = ToneStyle::New) {
    std::string word;
    for (char k : keys) word = applyTelex(word, k, style);
    return word;
}
}  // namespace

TEST_CASE("Folding removes diacritics, đ and case", "[vietnamese][fold]") {
    CHECK(foldForSearch("Ủy ban nhân dân phường Đống Đa") == "uy ban nhan dan phuong dong da");
    CHECK(foldForSearch("ĐĂNG KÝ KHAI SINH") == "dang ky khai sinh");
    CHECK(foldForSearch("Chứng thực") == "chung thuc");
    // Decomposed input folds like composed input.
    CHECK(foldForSearch("Chu\xCC\x9B\xCC\x81ng") == "chung");
}

TEST_CASE("Old and new tone placement fold and key the same", "[vietnamese][fold]") {
    const auto [a, b] = GENERATE(table<std::string, std::string>(
        {{"hòa", "hoà"}, {"thủy", "thuỷ"}, {"Khỏe", "khoẻ"}, {"HÒA GIẢI", "hoà giải"}}));
    CAPTURE(a, b);
    CHECK(foldForSearch(a) == foldForSearch(b));
    const auto wa = splitWords(a);
    const auto wb = splitWords(b);
    REQUIRE(wa.size() == wb.size());
    for (std::size_t i = 0; i < wa.size(); ++i) CHECK(wa[i].toneKey == wb[i].toneKey);
    CHECK(normaliseTonePlacement(a, ToneStyle::New) == normaliseTonePlacement(b, ToneStyle::New));
}

TEST_CASE("Tone keys tell words apart that fold alike", "[vietnamese][fold]") {
    const auto bán = splitWords("bán");
    const auto bạn = splitWords("bạn");
    CHECK(bán[0].folded == bạn[0].folded);
    CHECK(bán[0].toneKey != bạn[0].toneKey);
}

TEST_CASE("Words keep their byte offsets in the original text", "[vietnamese][fold]") {
    const std::string text = "Đăng ký (lại) khai-sinh";
    const auto words = splitWords(text);
    REQUIRE(words.size() == 5);
    CHECK(words[0].folded == "dang");
    CHECK(text.substr(words[0].begin, words[0].end - words[0].begin) == "Đăng");
    CHECK(text.substr(words[2].begin, words[2].end - words[2].begin) == "lại");
    CHECK(words[4].folded == "sinh");
}

TEST_CASE("Tone placement moves only on oa, oe, uy without a final consonant", "[vietnamese][tone]") {
    CHECK(normaliseTonePlacement("hòa", ToneStyle::New) == "hoà");
    CHECK(normaliseTonePlacement("hoà", ToneStyle::Old) == "hòa");
    CHECK(normaliseTonePlacement("thủy", ToneStyle::New) == "thuỷ");
    CHECK(normaliseTonePlacement("hoàn", ToneStyle::Old) == "hoàn");
    CHECK(normaliseTonePlacement("quý", ToneStyle::Old) == "quý");
    CHECK(normaliseTonePlacement("Hòa giải ở cơ sở", ToneStyle::New) == "hoà giải ở cơ sở");
}

TEST_CASE("Telex typing builds Vietnamese words key by key", "[vietnamese][telex]") {
    const auto [keys, expected] = GENERATE(table<std::string, std::string>({
        {"tieengs", "tiếng"},  {"tieesng", "tiếng"},
        {"chuwngs", "chứng"},  {"thuwcj", "thực"},
        {"ddawng", "đăng"},    {"kys", "ký"},
        {"huowng", "hương"},   {"nuwowcs", "nước"},
        {"nuocws", "nước"},    {"w", "ư"},
        {"tw", "tư"},          {"hoaf", "hoà"},
        {"hoafn", "hoàn"},     {"thuyr", "thuỷ"},
        {"quys", "quý"},       {"gias", "giá"},
        {"khoong", "không"},   {"aaa", "aa"},
        {"ass", "as"},         {"asz", "a"},
        {"ddd", "dd"},         {"Ddaats", "Đất"},
        {"DDAATS", "ĐẤT"},     {"vieejc", "việc"},
        {"nguwowif", "người"}, {"khuyeets", "khuyết"},
        {"hooj", "hộ"},        {"tichj", "tịch"},
    }));
    CAPTURE(keys);
    CHECK(typeTelex(keys) == expected);
}

TEST_CASE("Telex can place tones in the old style", "[vietnamese][telex]") {
    CHECK(typeTelex("hoaf", ToneStyle::Old) == "hòa");
    CHECK(typeTelex("thuyr", ToneStyle::Old) == "thủy");
    CHECK(typeTelex("hoafn", ToneStyle::Old) == "hoàn");
}

TEST_CASE("Keys that are not letters are appended", "[vietnamese][telex]") {
    CHECK(applyTelex("ab", '1') == "ab1");
    CHECK(applyTelex("", ' ') == " ");
}

TEST_CASE("decodeTelex reads Telex leftovers and leaves other words alone", "[vietnamese][telex]") {
    CHECK(decodeTelex("chuwngs") == "chứng");
    CHECK(decodeTelex("sinhh") == "sinhh");
    CHECK(decodeTelex("khai") == "khai");
    CHECK(decodeTelex("chứng") == "chứng");
    CHECK(decodeTelex("12a") == "12a");
    CHECK(decodeTelex("") == "");
}

TEST_CASE("Edit distance counts a swap as one edit", "[vietnamese][distance]") {
    CHECK(editDistance("khai", "khai", 1) == 0);
    CHECK(editDistance("khai", "kahi", 1) == 1);
    CHECK(editDistance("khai", "kai", 1) == 1);
    CHECK(editDistance("khai", "khaii", 1) == 1);
    CHECK(editDistance("khai", "khoi", 1) == 1);
    CHECK(editDistance("khai", "kohi", 1) == 2);
    CHECK(editDistance("a", "abcdef", 1) == 2);
}

TEST_CASE("The collator sorts in Vietnamese alphabetical order", "[vietnamese][collation]") {
    VietnameseCollator collator;
    std::vector<std::string> words = {"Ư", "Y", "Đống Đa", "Ăn", "Ô", "Ơ", "an", "Dân", "Ê", "E", "Â", "Bảo"};
    std::sort(words.begin(), words.end(), [&](const auto& a, const auto& b) { return collator.less(a, b); });
    const std::vector<std::string> expected = {"an", "Ăn", "Â", "Bảo", "Dân", "Đống Đa",
                                               "E",  "Ê",  "Ô", "Ơ",   "Ư",   "Y"};
    CHECK(words == expected);
    CHECK(collator.sortKey("Đất") > collator.sortKey("Dân"));
    CHECK(collator.compare("hòa", "hòa") == 0);
}
