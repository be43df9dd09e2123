// ASCII helpers for codes, numbers and fields read from scanners, forms and files (PINs, card
// fields, dossier codes, URL parts): whether a text is all digits, and splitting at a separator.
#pragma once

#include <algorithm>
#include <string_view>
#include <vector>

namespace motcua::text {

// True when s is not empty and every character is 0-9.
inline bool isDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The parts of s between separators, empty ones included ("a||b" -> "a", "", "b"); views into s.
inline std::vector<std::string_view> split(std::string_view s, char separator) {
    std::vector<std::string_view> parts;
    for (;;) {
        const auto at = s.find(separator);
        parts.push_back(s.substr(0, at));
        if (at == std::string_view::npos) return parts;
        s.remove_prefix(at + 1);
    }
}

}  // namespace motcua::text
