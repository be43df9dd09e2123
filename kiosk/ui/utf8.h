// UTF-8 <-> code points, for the keyboard and text wrapping. Invalid bytes decode as U+FFFD.
#pragma once

#include <string>
#include <string_view>

namespace motcua::ui {

std::u32string decodeUtf8(std::string_view text);
std::string encodeUtf8(std::u32string_view text);
void appendUtf8(std::string& out, char32_t c);
// Removes the last code point (not grapheme) of text; no-op on empty text.
void popBackCodePoint(std::string& text);

}  // namespace motcua::ui
