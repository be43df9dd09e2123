// ICU's NFC and NFD normalizers, for code that works on icu::UnicodeString (tone marks taken apart
// and put back). The instances belong to ICU and live for the whole process. Both throw
// std::runtime_error when ICU's data is missing.
#pragma once

#include <unicode/normalizer2.h>

namespace motcua::text {

const icu::Normalizer2& nfcNormalizer();
const icu::Normalizer2& nfdNormalizer();

// text (UTF-8) as an icu::UnicodeString; invalid sequences become U+FFFD.
icu::UnicodeString toUnicodeString(std::string_view text);

}  // namespace motcua::text
