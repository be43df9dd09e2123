// Vietnamese text as bytes of a printer code page, for the optional text mode. Only printers
// whose self-test proves the page prints Vietnamese should get these bytes; raster is the default.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace motcua::printer {

struct EncodedText {
    std::string bytes;
    int unmappable = 0;  // characters sent as '?'
};

// Windows-1258: every toned letter is sent as its base letter (a, ă, â, ê, ô, ơ, ư ...) followed by
// the combining tone byte (0xCC grave, 0xEC acute, 0xD2 hook, 0xDE tilde, 0xF2 dot below), even
// where a precomposed byte exists, so all toned letters print the same way. "Số" -> 53 F4 EC.
EncodedText encodeCp1258(std::string_view utf8);

// TCVN 5712 VN3 ("ABC"): precomposed lower-case letters in the lower page; upper-case toned letters
// are the lower-case codes in the upper page, so ESC t switches are inserted as needed.
// currentPage is the page selected before the text (updated to the page selected after it).
EncodedText encodeTcvn3(std::string_view utf8, std::uint8_t lowerPage, std::uint8_t upperPage,
                        std::uint8_t& currentPage);

}  // namespace motcua::printer
