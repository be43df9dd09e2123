#include "text/normalize.h"

#include <unicode/unistr.h>

#include <stdexcept>

#include "text/icu_normalizers.h"

namespace motcua::text {

const icu::Normalizer2& nfcNormalizer() {
    UErrorCode status = U_ZERO_ERROR;
    const auto* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || !n) throw std::runtime_error("ICU NFC normalizer unavailable");
    return *n;
}

const icu::Normalizer2& nfdNormalizer() {
    UErrorCode status = U_ZERO_ERROR;
    const auto* n = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status) || !n) throw std::runtime_error("ICU NFD normalizer unavailable");
    return *n;
}

icu::UnicodeString toUnicodeString(std::string_view text) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::string toNfc(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const auto normalized = nfcNormalizer().normalize(toUnicodeString(text), status);
    if (U_FAILURE(status)) throw std::runtime_error("NFC normalisation failed");
    std::string out;
    normalized.toUTF8String(out);
    return out;
}

bool isNfc(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const bool result = nfcNormalizer().isNormalized(toUnicodeString(text), status);
    return U_SUCCESS(status) && result;
}

}  // namespace motcua::text
