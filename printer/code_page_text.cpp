#include "printer/code_page_text.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <optional>
#include <vector>

#include "text/icu_normalizers.h"

namespace motcua::printer {

namespace {

// Vietnamese tones in the order TCVN-3 lays them out: grave, hook, tilde, acute, dot below.
constexpr std::array<char32_t, 5> kToneMarks{0x0300, 0x0309, 0x0303, 0x0301, 0x0323};

int toneIndex(char32_t mark) {
    for (std::size_t i = 0; i < kToneMarks.size(); ++i) {
        if (kToneMarks[i] == mark) return static_cast<int>(i) + 1;
    }
    return 0;
}

// A letter split into its base (with circumflex, breve or horn kept: â, ă, ơ ...) and tone
// (0 none, 1..5 as kToneMarks).
struct Letter {
    char32_t base;
    int tone;
};

// Splits NFC-or-not text into letters: NFD, pull the tone mark out, recompose the rest.
std::vector<Letter> splitLetters(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2& nfc = text::nfcNormalizer();
    icu::UnicodeString decomposed = text::nfdNormalizer().normalize(text::toUnicodeString(utf8), status);
    std::vector<Letter> letters;
    if (U_FAILURE(status)) return letters;
    int32_t i = 0;
    while (i < decomposed.length()) {
        const UChar32 base = decomposed.char32At(i);
        i += U16_LENGTH(base);
        icu::UnicodeString cluster(base);
        int tone = 0;
        while (i < decomposed.length()) {
            const UChar32 mark = decomposed.char32At(i);
            if (u_getCombiningClass(mark) == 0) break;
            i += U16_LENGTH(mark);
            if (const int t = toneIndex(static_cast<char32_t>(mark)); t != 0 && tone == 0) {
                tone = t;
            } else {
                cluster.append(mark);
            }
        }
        icu::UnicodeString composed = nfc.normalize(cluster, status);
        // A base with marks that do not compose into one code point is not a Vietnamese letter.
        const char32_t single =
            composed.countChar32() == 1 ? static_cast<char32_t>(composed.char32At(0)) : 0xFFFD;
        letters.push_back({single, tone});
    }
    return letters;
}

std::optional<std::uint8_t> cp1258Byte(char32_t c) {
    if (c < 0x80) return static_cast<std::uint8_t>(c);
    switch (c) {
        case U'Ă':
            return 0xC3;
        case U'ă':
            return 0xE3;
        case U'Đ':
            return 0xD0;
        case U'đ':
            return 0xF0;
        case U'Ơ':
            return 0xD5;
        case U'ơ':
            return 0xF5;
        case U'Ư':
            return 0xDD;
        case U'ư':
            return 0xFD;
        case U'₫':
            return 0xFE;
        case U'€':
            return 0x80;
        case U'…':
            return 0x85;
        case U'‘':
            return 0x91;
        case U'’':
            return 0x92;
        case U'“':
            return 0x93;
        case U'”':
            return 0x94;
        case U'•':
            return 0x95;
        case U'–':
            return 0x96;
        case U'—':
            return 0x97;
        default:
            break;
    }
    // Latin-1 letters keep their byte, except the cells CP1258 gives to Vietnamese.
    if (c >= 0xA0 && c <= 0xFF) {
        switch (c) {
            case 0xC3:
            case 0xCC:
            case 0xD0:
            case 0xD2:
            case 0xD5:
            case 0xDD:
            case 0xDE:
            case 0xE3:
            case 0xEC:
            case 0xF0:
            case 0xF2:
            case 0xF5:
            case 0xFD:
            case 0xFE:
                return std::nullopt;
            default:
                return static_cast<std::uint8_t>(c);
        }
    }
    return std::nullopt;
}

constexpr std::array<std::uint8_t, 6> kCp1258Tones{0, 0xCC, 0xD2, 0xDE, 0xEC, 0xF2};

// TCVN-3 lower-case vowels: the bare letter's byte, then grave, hook, tilde, acute, dot below.
struct TcvnVowel {
    char32_t letter;
    std::array<std::uint8_t, 6> codes;
};
constexpr std::array<TcvnVowel, 12> kTcvnVowels{{
    {U'a', {0x61, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9}},
    {U'ă', {0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6}},
    {U'â', {0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB}},
    {U'e', {0x65, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1}},
    {U'ê', {0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6}},
    {U'i', {0x69, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE}},
    {U'o', {0x6F, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4}},
    {U'ô', {0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9}},
    {U'ơ', {0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE}},
    {U'u', {0x75, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4}},
    {U'ư', {0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9}},
    {U'y', {0x79, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE}},
}};

// Upper-case letters with a modifier but no tone sit in both pages at A1..A7.
std::optional<std::uint8_t> tcvnUpperBare(char32_t c) {
    switch (c) {
        case U'Ă':
            return 0xA1;
        case U'Â':
            return 0xA2;
        case U'Ê':
            return 0xA3;
        case U'Ô':
            return 0xA4;
        case U'Ơ':
            return 0xA5;
        case U'Ư':
            return 0xA6;
        case U'Đ':
            return 0xA7;
        default:
            return std::nullopt;
    }
}

}  // namespace

EncodedText encodeCp1258(std::string_view utf8) {
    EncodedText out;
    for (const Letter& letter : splitLetters(utf8)) {
        const auto byte = cp1258Byte(letter.base);
        if (!byte) {
            out.bytes.push_back('?');
            ++out.unmappable;
            continue;
        }
        out.bytes.push_back(static_cast<char>(*byte));
        if (letter.tone != 0)
            out.bytes.push_back(static_cast<char>(kCp1258Tones[static_cast<std::size_t>(letter.tone)]));
    }
    return out;
}

EncodedText encodeTcvn3(std::string_view utf8, std::uint8_t lowerPage, std::uint8_t upperPage,
                        std::uint8_t& currentPage) {
    EncodedText out;
    auto select = [&](std::uint8_t page) {
        if (page == currentPage) return;
        out.bytes += "\x1b\x74";
        out.bytes.push_back(static_cast<char>(page));
        currentPage = page;
    };
    for (const Letter& letter : splitLetters(utf8)) {
        const char32_t c = letter.base;
        if (letter.tone == 0) {
            if (c < 0x80) {
                // The upper page shows ASCII lower case as capitals.
                if (c >= U'a' && c <= U'z') select(lowerPage);
                out.bytes.push_back(static_cast<char>(c));
                continue;
            }
            if (c == U'đ') {
                select(lowerPage);
                out.bytes.push_back(static_cast<char>(0xAE));
                continue;
            }
            if (auto upper = tcvnUpperBare(c)) {
                out.bytes.push_back(static_cast<char>(*upper));
                continue;
            }
        }
        const auto lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
        const bool isUpper = lower != c;
        bool found = false;
        for (const auto& vowel : kTcvnVowels) {
            if (vowel.letter != lower) continue;
            select(isUpper ? upperPage : lowerPage);
            out.bytes.push_back(static_cast<char>(vowel.codes[static_cast<std::size_t>(letter.tone)]));
            found = true;
            break;
        }
        if (!found) {
            out.bytes.push_back('?');
            ++out.unmappable;
        }
    }
    return out;
}

}  // namespace motcua::printer
