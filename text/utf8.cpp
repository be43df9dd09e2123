#include "text/utf8.h"

#include <unicode/utf8.h>

namespace motcua::text {

namespace {
bool isContinuation(unsigned char c) noexcept {
    return (c & 0xC0) == 0x80;
}

// The first of text's code points for which stop(c) holds, decoded by ICU's U8_NEXT (an ill-formed
// sequence is one negative value).
template <class Stop>
std::optional<UChar32> findCodePoint(std::string_view text, Stop stop) noexcept {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    int32_t i = 0;
    while (i < length) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (stop(c)) return c;
    }
    return std::nullopt;
}
}  // namespace

bool isValidUtf8(std::string_view text) noexcept {
    return !findCodePoint(text, [](UChar32 c) { return c < 0; });
}

std::size_t codePointCount(std::string_view text) noexcept {
    std::size_t n = 0;
    for (unsigned char c : text) {
        if (!isContinuation(c)) ++n;
    }
    return n;
}

std::optional<char32_t> forbiddenInName(std::string_view text) noexcept {
    const auto found = findCodePoint(text, [](UChar32 c) {
        return c >= 0 && (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
                          (c >= 0x2066 && c <= 0x2069));
    });
    if (!found) return std::nullopt;
    return static_cast<char32_t>(*found);
}

std::size_t sequenceLength(unsigned char lead) noexcept {
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    if (lead >= 0xC0) return 2;
    return 1;
}

std::size_t codePointStart(std::string_view text, std::size_t pos) noexcept {
    if (pos >= text.size()) return pos;
    while (pos > 0 && isContinuation(static_cast<unsigned char>(text[pos]))) --pos;
    return pos;
}

std::string_view truncateUtf8(std::string_view text, std::size_t maxBytes) noexcept {
    if (text.size() <= maxBytes) return text;
    return text.substr(0, codePointStart(text, maxBytes));
}

void popBackCodePoint(std::string& text) {
    if (!text.empty()) text.resize(codePointStart(text, text.size() - 1));
}

std::u32string decodeUtf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        int extra = 0;
        char32_t cp = 0;
        if (c < 0x80) {
            cp = c;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        if (i + static_cast<std::size_t>(extra) >= text.size()) {
            out.push_back(U'\uFFFD');
            break;
        }
        bool ok = true;
        for (int k = 1; k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if (!isContinuation(cc)) {
                ok = false;
                break;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (!ok) {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        out.push_back(cp);
        i += static_cast<std::size_t>(extra) + 1;
    }
    return out;
}

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

std::string encodeUtf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t c : text) appendUtf8(out, c);
    return out;
}

}  // namespace motcua::text
