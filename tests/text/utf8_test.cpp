#include "text/utf8.h"

#include <catch2/catch.hpp>

using namespace motcua::text;

TEST_CASE("UTF-8 decodes to code points and encodes back, bad bytes as U+FFFD", "[text][utf8]") {
    CHECK(decodeUtf8("Hộ tịch") == U"Hộ tịch");
    CHECK(encodeUtf8(U"Hộ tịch") == "Hộ tịch");
    CHECK(encodeUtf8(U"a\u00e9\u1ec7\U0001F600") == "a\xC3\xA9\xE1\xBB\x87\xF0\x9F\x98\x80");
    CHECK(decodeUtf8("a\xFF"
                     "b") == U"a\uFFFDb");
    CHECK(decodeUtf8("a\xE1\xBB") == U"a\uFFFD");  // cut short at the end
    CHECK(decodeUtf8("\xC3(") == U"\uFFFD(");      // a lead byte without its continuation
}

TEST_CASE("isValidUtf8 refuses what is not UTF-8", "[text][utf8]") {
    CHECK(isValidUtf8("Chứng thực"));
    CHECK(isValidUtf8(""));
    CHECK_FALSE(isValidUtf8("\xFF"));
    CHECK_FALSE(isValidUtf8("ab\xE1\xBB"));
    CHECK_FALSE(isValidUtf8("\xC0\xAF"));      // overlong '/'
    CHECK_FALSE(isValidUtf8("\xED\xA0\x80"));  // a UTF-16 surrogate
}

TEST_CASE("Counting and stepping go by code points, never into the middle of one", "[text][utf8]") {
    const std::string s = "Đất đai";  // Đ, ấ and đ take 2, 3 and 2 bytes
    CHECK(codePointCount(s) == 7);
    CHECK(sequenceLength(static_cast<unsigned char>(s[0])) == 2);
    CHECK(sequenceLength(static_cast<unsigned char>(s[2])) == 3);
    CHECK(sequenceLength('a') == 1);
    CHECK(sequenceLength(0x80) == 1);  // a stray continuation byte is stepped over alone
    CHECK(sequenceLength(0xF0) == 4);
    CHECK(codePointStart(s, 3) == 2);  // inside ấ
    CHECK(codePointStart(s, 2) == 2);
    CHECK(codePointStart(s, s.size()) == s.size());
    CHECK(truncateUtf8(s, 4) == "Đ");  // ấ does not fit in the 4th byte
    CHECK(truncateUtf8(s, 5) == "Đấ");
    CHECK(truncateUtf8(s, 100) == s);

    std::string typed = "Đấ";
    popBackCodePoint(typed);
    CHECK(typed == "Đ");
    popBackCodePoint(typed);
    CHECK(typed.empty());
    popBackCodePoint(typed);
    CHECK(typed.empty());
}
