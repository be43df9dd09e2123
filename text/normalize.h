// Unicode normalisation of UTF-8 text. Everything motcua stores, shows, prints or compares is NFC
// (composed: "ế" is one code point), whatever the keyboard, file or terminal gave.
#pragma once

#include <string>
#include <string_view>

namespace motcua::text {

// Unicode NFC. Invalid UTF-8 sequences become U+FFFD. Throws std::runtime_error only when ICU's
// normalisation data is missing (a broken installation).
std::string toNfc(std::string_view text);
bool isNfc(std::string_view text);

}  // namespace motcua::text
