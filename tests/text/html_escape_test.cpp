#include "text/html_escape.h"

#include <catch2/catch.hpp>

using motcua::text::htmlEscape;

TEST_CASE("htmlEscape turns HTML's special characters into references and leaves the rest alone",
          "[text][html]") {
    CHECK(htmlEscape("<a href=\"x\" title='y'>Tôi & bạn</a>") ==
          "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tôi &amp; bạn&lt;/a&gt;");
    // Already escaped text is escaped again: the caller escapes raw text once.
    CHECK(htmlEscape("&amp;") == "&amp;amp;");
    CHECK(htmlEscape("").empty());
    // Vietnamese with its diacritics, bytes unchanged (combining marks too).
    CHECK(htmlEscape("Hộ tịch – Chứng thực") == "Hộ tịch – Chứng thực");
    CHECK(htmlEscape("Ho\xcc\x82\xcc\xa3") == "Ho\xcc\x82\xcc\xa3");
}
