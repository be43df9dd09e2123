#include "kiosk/ui/vietnamese_input.h"

#include <catch2/catch.hpp>
#include <string>

#include "text/normalize.h"

using namespace motcua::ui;

namespace {
struct Case {
    const char* input;
    const char* expected;
};
}  // namespace

TEST_CASE("Telex keystrokes compose Vietnamese words with new-style tone placement", "[ui][vietnamese]") {
    const auto c = GENERATE(values<Case>({
        {"vieetj", "việt"},
        {"hoaf", "hoà"},
        {"dduwowngf", "đường"},
        {"thuys", "thuý"},
        {"hoef", "hoè"},
        {"tieengs", "tiếng"},
        {"tieesng", "tiếng"},
        {"huowng", "hương"},
        {"nuocws", "nước"},
        {"quas", "quá"},
        {"quys", "quý"},
        {"giaf", "già"},
        {"gif", "gì"},
        {"nguyeenx", "nguyễn"},
        {"khoer", "khoẻ"},
        {"hoanf", "hoàn"},
        {"huyeenf", "huyền"},
        {"muaf", "mùa"},
        {"chuwax", "chữa"},
        {"tuoir", "tuỏi"},
        {"tuooir", "tuổi"},
        {"nguowif", "người"},
        {"khuyeenr", "khuyển"},
        {"ass", "as"},
        {"aaa", "aa"},
        {"aw", "ă"},
        {"awf", "ằ"},
        {"ddd", "dd"},
        {"w", "ư"},
        {"tw", "tư"},
        {"Vieetj Nam", "Việt Nam"},
        {"DDaf Nawngx", "Đà Nẵng"},
        {"hoaz", "hoaz"},  // nothing to remove: z is typed
        {"hoafz", "hoa"},
        {"xin chaof", "xin chào"},
        {"thur tucj", "thủ tục"},
        {"chuwngs thuwcj", "chứng thực"},
        {"khai sinh", "khai sinh"},
        {"123s", "123s"},
        {"oaij", "oại"},
        {"ngoaif", "ngoài"},
    }));
    CAPTURE(c.input);
    const std::string out = telexCompose(c.input);
    CHECK(out == c.expected);
    CHECK(motcua::text::isNfc(out));
}

TEST_CASE("Old-style placement puts the tone on the first vowel of oa, oe, uy", "[ui][vietnamese]") {
    CHECK(telexCompose("hoaf", ToneStyle::Old) == "hòa");
    CHECK(telexCompose("thuys", ToneStyle::Old) == "thúy");
    CHECK(telexCompose("hoanf", ToneStyle::Old) == "hoàn");  // a final consonant decides in both styles
}

TEST_CASE("Tone keys move the tone as letters are added", "[ui][vietnamese]") {
    std::string text = telexCompose("hoaf");
    REQUIRE(text == "hoà");
    text = telexType(text, U'n');
    CHECK(text == "hoàn");
    text = telexCompose("tuyeen");
    text = applyTone(text, Tone::Acute);
    CHECK(text == "tuyến");
}

TEST_CASE("Direct diacritic and tone keys change the word being typed", "[ui][vietnamese]") {
    SECTION("ê then ngã on nguyen gives nguyễn") {
        std::string text = "nguyen";
        text = applyLetterKey(text, U'ê');
        CHECK(text == "nguyên");
        text = applyTone(text, Tone::Tilde);
        CHECK(text == "nguyễn");
    }
    SECTION("tone first, letter after: the tone moves to the marked vowel") {
        std::string text = applyTone("tieng", Tone::Acute);
        CHECK(text == "tiéng");
        text = applyLetterKey(text, U'ê');
        CHECK(text == "tiếng");
    }
    SECTION("ư and ơ on huong give hương") {
        std::string text = applyLetterKey("huong", U'ư');
        text = applyLetterKey(text, U'ơ');
        CHECK(text == "hương");
    }
    SECTION("đ on an initial d keeps case") {
        CHECK(applyLetterKey("Dong", U'đ') == "Đong");
        CHECK(applyLetterKey("dong", U'Đ') == "đong");
    }
    SECTION("a letter key with nothing to change is typed") {
        CHECK(applyLetterKey("", U'ă') == "ă");
        CHECK(applyLetterKey("b", U'ơ') == "bơ");
        CHECK(applyLetterKey("xin ch", U'ư') == "xin chư");
    }
    SECTION("the same tone again takes it off; another tone replaces it") {
        const auto c = GENERATE(values<Tone>({Tone::Acute, Tone::Grave, Tone::Hook, Tone::Tilde, Tone::Dot}));
        CAPTURE(static_cast<int>(c));
        const std::string toned = applyTone("hoa", c);
        CHECK(toned != "hoa");
        CHECK(toneOfLastWord(toned) == c);
        CHECK(applyTone(toned, c) == "hoa");
    }
    SECTION("only the last word changes") {
        CHECK(applyTone("thu tuc", Tone::Dot) == "thu tục");
        CHECK(applyLetterKey("dang ky ket hon", U'ô') == "dang ky ket hôn");
    }
    SECTION("a word without a vowel is left alone") {
        CHECK(applyTone("ng", Tone::Acute) == "ng");
        CHECK(applyTone("", Tone::Acute).empty());
    }
    SECTION("the five tones on a, in order") {
        CHECK(applyTone("a", Tone::Acute) == "á");
        CHECK(applyTone("a", Tone::Grave) == "à");
        CHECK(applyTone("a", Tone::Hook) == "ả");
        CHECK(applyTone("a", Tone::Tilde) == "ã");
        CHECK(applyTone("a", Tone::Dot) == "ạ");
    }
}

TEST_CASE("Decomposed input is composed to NFC before editing", "[ui][vietnamese]") {
    const std::string decomposed = "vie\xCC\x82\xCC\xA3t";  // e + combining circumflex + combining dot below
    REQUIRE_FALSE(motcua::text::isNfc(decomposed));
    const std::string out = applyTone(decomposed, Tone::Dot);  // same tone: taken off
    CHECK(out == "viêt");
    CHECK(telexType(decomposed, U' ') == "việt ");
}
