#include "queue/text.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <stdexcept>

namespace motcua::queue {

bool isValidUtf8(std::string_view text) noexcept {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    int32_t i = 0;
    while (i < length) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) return false;
    }
    return true;
}

namespace {
const icu::Normalizer2& nfc() {
    UErrorCode status = U_ZERO_ERROR;
    const auto* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || !n) throw std::runtime_error("ICU NFC normalizer unavailable");
    return *n;
}
}  // namespace

std::string toNfc(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const auto input = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    const auto normalized = nfc().normalize(input, status);
    if (U_FAILURE(status)) throw std::runtime_error("NFC normalisation failed");
    std::string out;
    normalized.toUTF8String(out);
    return out;
}

bool isNfc(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const auto input = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    const bool result = nfc().isNormalized(input, status);
    return U_SUCCESS(status) && result;
}

std::size_t codePointCount(std::string_view text) noexcept {
    std::size_t n = 0;
    for (unsigned char c : text) {
        if ((c & 0xC0) != 0x80) ++n;
    }
    return n;
}

}  // namespace motcua::queue
