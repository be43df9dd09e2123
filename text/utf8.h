// UTF-8 as bytes and code points: checking, counting, stepping, decoding and encoding. Code points, not
// graphemes: a letter with a combining tone is two code points (NFC text has none of those in
// Vietnamese).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::text {

bool isValidUtf8(std::string_view text) noexcept;

// Number of code points (valid UTF-8 assumed: counts the bytes that are not continuation bytes).
std::size_t codePointCount(std::string_view text) noexcept;

// The first character that must not appear in a one-line name or label, or nullopt: control
// characters (C0 such as ESC, BEL, tab and newline; DEL; C1) and the bidirectional embedding,
// override and isolate controls (U+202A..U+202E, U+2066..U+2069), which reorder what a screen
// or a ticket shows. Invalid sequences are skipped.
std::optional<char32_t> forbiddenInName(std::string_view text) noexcept;

// Length of the sequence that starts with lead byte c: 1 to 4 (1 for a stray continuation byte, so
// malformed text is stepped through byte by byte).
std::size_t sequenceLength(unsigned char lead) noexcept;

// The start of the code point that byte pos belongs to (pos itself unless it is a continuation
// byte); 0 when nothing before pos starts one. pos may be text.size() (returned as is).
std::size_t codePointStart(std::string_view text, std::size_t pos) noexcept;

// text cut to at most maxBytes bytes without splitting a code point.
std::string_view truncateUtf8(std::string_view text, std::size_t maxBytes) noexcept;

// Removes the last code point of text; no-op on empty text.
void popBackCodePoint(std::string& text);

// Invalid bytes decode as U+FFFD.
std::u32string decodeUtf8(std::string_view text);
std::string encodeUtf8(std::u32string_view text);
void appendUtf8(std::string& out, char32_t c);

}  // namespace motcua::text
