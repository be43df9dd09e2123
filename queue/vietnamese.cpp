#include "queue/vietnamese.h"

#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "text/icu_normalizers.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace motcua::queue {

using text::appendUtf8;
using text::nfdNormalizer;
using text::toNfc;
using text::toUnicodeString;

namespace {

constexpr UChar32 kCombiningGrave = 0x0300;  // huyền
constexpr UChar32 kCombiningAcute = 0x0301;  // sắc
constexpr UChar32 kCombiningCircumflex = 0x0302;
constexpr UChar32 kCombiningTilde = 0x0303;  // ngã
constexpr UChar32 kCombiningBreve = 0x0306;
constexpr UChar32 kCombiningHook = 0x0309;  // hỏi
constexpr UChar32 kCombiningHorn = 0x031B;
constexpr UChar32 kCombiningDotBelow = 0x0323;  // nặng

// The folded form of one code point: "" for combining marks.
std::string foldCodePoint(UChar32 c) {
    if (c == 0x0111 || c == 0x0110) return "d";
    if (u_charType(c) == U_NON_SPACING_MARK) return "";
    icu::UnicodeString decomposition;
    std::string out;
    if (nfdNormalizer().getDecomposition(c, decomposition)) {
        for (int32_t i = 0; i < decomposition.length();) {
            const UChar32 d = decomposition.char32At(i);
            i += U16_LENGTH(d);
            if (u_charType(d) == U_NON_SPACING_MARK) continue;
            appendUtf8(out, u_foldCase(d, U_FOLD_CASE_DEFAULT));
        }
    } else {
        appendUtf8(out, u_foldCase(c, U_FOLD_CASE_DEFAULT));
    }
    return out;
}

// Folded forms of the code points below U+2000 (Latin, Vietnamese, combining marks), built once.
constexpr UChar32 kFoldTableSize = 0x2000;
const std::vector<std::string>& foldTable() {
    static const std::vector<std::string> table = [] {
        std::vector<std::string> t(kFoldTableSize);
        for (UChar32 c = 0; c < kFoldTableSize; ++c) t[static_cast<std::size_t>(c)] = foldCodePoint(c);
        return t;
    }();
    return table;
}

void appendFolded(std::string& out, UChar32 c) {
    if (c >= 0 && c < kFoldTableSize) {
        out += foldTable()[static_cast<std::size_t>(c)];
    } else {
        out += foldCodePoint(c);
    }
}

bool isWordCodePoint(UChar32 c) {
    return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK;
}

int toneOfMark(UChar32 mark) {
    switch (mark) {
        case kCombiningAcute:
            return 1;
        case kCombiningGrave:
            return 2;
        case kCombiningHook:
            return 3;
        case kCombiningTilde:
            return 4;
        case kCombiningDotBelow:
            return 5;
        default:
            return 0;
    }
}

UChar32 markOfTone(int tone) {
    static constexpr std::array<UChar32, 6> marks = {
        0, kCombiningAcute, kCombiningGrave, kCombiningHook, kCombiningTilde, kCombiningDotBelow};
    return marks[static_cast<std::size_t>(tone)];
}

// A word as a typist sees it: letters with their modifier, and one tone for the whole syllable.
enum class Modifier { None, Circumflex, Breve, Horn, Stroke };

struct Letter {
    UChar32 base = 0;  // lower case for letters
    Modifier modifier = Modifier::None;
    bool upper = false;
};

struct Syllable {
    std::vector<Letter> letters;
    int tone = 0;  // 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng
};

bool isVowel(UChar32 c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

Syllable parseSyllable(std::string_view word) {
    Syllable s;
    UErrorCode status = U_ZERO_ERROR;
    const auto decomposed = nfdNormalizer().normalize(toUnicodeString(word), status);
    if (U_FAILURE(status)) throw std::runtime_error("NFD normalisation failed");
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (const int tone = toneOfMark(c); tone != 0) {
            s.tone = tone;
            continue;
        }
        if (!s.letters.empty() &&
            (c == kCombiningCircumflex || c == kCombiningBreve || c == kCombiningHorn)) {
            s.letters.back().modifier = c == kCombiningCircumflex ? Modifier::Circumflex
                                        : c == kCombiningBreve    ? Modifier::Breve
                                                                  : Modifier::Horn;
            continue;
        }
        Letter letter;
        if (c == 0x0111 || c == 0x0110) {
            letter.base = 'd';
            letter.modifier = Modifier::Stroke;
            letter.upper = c == 0x0110;
        } else if (c < 0x80 && u_isalpha(c)) {
            letter.base = u_tolower(c);
            letter.upper = u_isupper(c);
        } else {
            letter.base = c;
        }
        s.letters.push_back(letter);
    }
    return s;
}

struct VowelCluster {
    std::size_t begin = 0;
    std::size_t end = 0;  // empty when begin == end
};

// The syllable's vowel nucleus, with the u of "qu" and the i of "gi" counted as consonants.
VowelCluster vowelCluster(const std::vector<Letter>& letters) {
    std::size_t i = 0;
    while (i < letters.size() && !isVowel(letters[i].base)) ++i;
    if (i == letters.size()) return {i, i};
    const auto nextIsVowel = [&](std::size_t k) {
        return k + 1 < letters.size() && isVowel(letters[k + 1].base);
    };
    if (i > 0 && nextIsVowel(i) &&
        ((letters[i].base == 'u' && letters[i - 1].base == 'q') ||
         (letters[i].base == 'i' && letters[i - 1].base == 'g' && i == 1))) {
        ++i;
    }
    std::size_t j = i;
    while (j < letters.size() && isVowel(letters[j].base)) ++j;
    return {i, j};
}

// Index of the letter that carries the tone, or letters.size() when the syllable has no vowel.
std::size_t tonePosition(const std::vector<Letter>& letters, ToneStyle style) {
    const auto [begin, end] = vowelCluster(letters);
    if (begin == end) return letters.size();
    const std::size_t n = end - begin;
    if (n == 1) return begin;
    for (std::size_t k = end; k-- > begin;) {
        if (letters[k].modifier != Modifier::None) return k;
    }
    if (n >= 3) return begin + 1;
    if (end < letters.size()) return begin + 1;  // a final consonant follows: hoàn, tuýp
    const UChar32 first = letters[begin].base;
    const UChar32 second = letters[begin + 1].base;
    const bool movable =
        (first == 'o' && (second == 'a' || second == 'e')) || (first == 'u' && second == 'y');
    if (movable && style == ToneStyle::New) return begin + 1;
    return begin;
}

std::string renderSyllable(const Syllable& s, ToneStyle style) {
    const std::size_t toneAt = s.tone == 0 ? s.letters.size() : tonePosition(s.letters, style);
    icu::UnicodeString out;
    for (std::size_t k = 0; k < s.letters.size(); ++k) {
        const Letter& l = s.letters[k];
        if (l.modifier == Modifier::Stroke) {
            out.append(static_cast<UChar32>(l.upper ? 0x0110 : 0x0111));
        } else {
            out.append(l.upper ? u_toupper(l.base) : l.base);
            if (l.modifier == Modifier::Circumflex) out.append(kCombiningCircumflex);
            if (l.modifier == Modifier::Breve) out.append(kCombiningBreve);
            if (l.modifier == Modifier::Horn) out.append(kCombiningHorn);
        }
        if (k == toneAt) out.append(markOfTone(s.tone));
    }
    std::string utf8;
    out.toUTF8String(utf8);
    return toNfc(utf8);
}

int toneOfKey(char key) {
    switch (key) {
        case 's':
            return 1;
        case 'f':
            return 2;
        case 'r':
            return 3;
        case 'x':
            return 4;
        case 'j':
            return 5;
        default:
            return 0;
    }
}

// The last run of vowels in the word (the one a modifier key acts on), even if consonants follow.
VowelCluster lastVowelRun(const std::vector<Letter>& letters) {
    std::size_t end = letters.size();
    while (end > 0 && !isVowel(letters[end - 1].base)) --end;
    std::size_t begin = end;
    while (begin > 0 && isVowel(letters[begin - 1].base)) --begin;
    return {begin, end};
}

void appendKey(Syllable& s, char key) {
    Letter letter;
    const auto c = static_cast<unsigned char>(key);
    letter.base = u_tolower(static_cast<UChar32>(c));
    letter.upper = u_isupper(static_cast<UChar32>(c));
    s.letters.push_back(letter);
}

// Applies a modifier to the vowel of the last run with the given base; false if there is none.
bool toggleModifier(Syllable& s, UChar32 base, Modifier modifier, char key) {
    const auto [begin, end] = lastVowelRun(s.letters);
    for (std::size_t k = end; k-- > begin;) {
        if (s.letters[k].base != base) continue;
        if (s.letters[k].modifier == modifier) {
            s.letters[k].modifier = Modifier::None;
            appendKey(s, key);
        } else {
            s.letters[k].modifier = modifier;
        }
        return true;
    }
    return false;
}

bool applyW(Syllable& s, char key) {
    const auto [begin, end] = lastVowelRun(s.letters);
    for (std::size_t k = begin; k + 1 < end; ++k) {
        Letter& u = s.letters[k];
        Letter& o = s.letters[k + 1];
        if (u.base == 'u' && o.base == 'o' &&
            (u.modifier == Modifier::None || u.modifier == Modifier::Horn) &&
            (o.modifier == Modifier::None || o.modifier == Modifier::Horn)) {
            if (u.modifier == Modifier::Horn && o.modifier == Modifier::Horn) {
                u.modifier = o.modifier = Modifier::None;
                appendKey(s, key);
            } else {
                u.modifier = o.modifier = Modifier::Horn;
            }
            return true;
        }
    }
    if (toggleModifier(s, 'a', Modifier::Breve, key)) return true;
    if (toggleModifier(s, 'o', Modifier::Horn, key)) return true;
    if (toggleModifier(s, 'u', Modifier::Horn, key)) return true;
    return false;
}

}  // namespace

std::string foldForSearch(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) continue;
        appendFolded(out, c);
    }
    return out;
}

std::vector<FoldedWord> splitWords(std::string_view text) {
    std::vector<FoldedWord> words;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    FoldedWord current;
    bool inWord = false;
    const auto finish = [&](std::size_t end) {
        current.end = end;
        const std::string_view original = text.substr(current.begin, current.end - current.begin);
        // toneKey: lower case letters and modifiers in NFD without tone marks, then the tone digit.
        const Syllable syllable = parseSyllable(original);
        icu::UnicodeString key;
        for (const Letter& l : syllable.letters) {
            if (l.modifier == Modifier::Stroke) {
                key.append(static_cast<UChar32>(0x0111));
                continue;
            }
            key.append(u_tolower(l.base));
            if (l.modifier == Modifier::Circumflex) key.append(kCombiningCircumflex);
            if (l.modifier == Modifier::Breve) key.append(kCombiningBreve);
            if (l.modifier == Modifier::Horn) key.append(kCombiningHorn);
        }
        key.append(static_cast<UChar32>('0' + syllable.tone));
        key.toUTF8String(current.toneKey);
        if (!current.folded.empty()) words.push_back(std::move(current));
        current = FoldedWord{};
        inWord = false;
    };
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c >= 0 && isWordCodePoint(c)) {
            if (!inWord) {
                inWord = true;
                current.begin = static_cast<std::size_t>(start);
            }
            appendFolded(current.folded, c);
        } else if (inWord) {
            finish(static_cast<std::size_t>(start));
        }
    }
    if (inWord) finish(text.size());
    return words;
}

std::string normaliseTonePlacement(std::string_view text, ToneStyle style) {
    std::string out;
    std::size_t copied = 0;
    for (const FoldedWord& w : splitWords(text)) {
        out.append(text.substr(copied, w.begin - copied));
        Syllable s = parseSyllable(text.substr(w.begin, w.end - w.begin));
        for (Letter& l : s.letters) {
            l.upper = false;
            if (l.base >= 0x80) l.base = u_tolower(l.base);
        }
        out += renderSyllable(s, style);
        copied = w.end;
    }
    out.append(text.substr(copied));
    return toNfc(out);
}

std::string applyTelex(std::string_view current, char key, ToneStyle style) {
    Syllable s = parseSyllable(current);
    const auto c = static_cast<unsigned char>(key);
    if (c >= 0x80 || !u_isalpha(static_cast<UChar32>(c))) {
        std::string out = renderSyllable(s, style);
        out.push_back(key);
        return out;
    }
    const char lower = static_cast<char>(u_tolower(static_cast<UChar32>(c)));
    const bool hasVowel = vowelCluster(s.letters).begin != vowelCluster(s.letters).end;
    if (const int tone = toneOfKey(lower); tone != 0 && hasVowel) {
        if (s.tone == tone) {
            s.tone = 0;
            appendKey(s, key);
        } else {
            s.tone = tone;
        }
    } else if (lower == 'z' && s.tone != 0) {
        s.tone = 0;
    } else if (lower == 'a' || lower == 'e' || lower == 'o') {
        if (!toggleModifier(s, static_cast<UChar32>(lower), Modifier::Circumflex, key)) appendKey(s, key);
    } else if (lower == 'w') {
        if (!applyW(s, key)) {
            if (hasVowel) {
                appendKey(s, key);
            } else {
                Letter u;
                u.base = 'u';
                u.modifier = Modifier::Horn;
                u.upper = u_isupper(static_cast<UChar32>(c));
                s.letters.push_back(u);
            }
        }
    } else if (lower == 'd' && !s.letters.empty() && s.letters.front().base == 'd') {
        Letter& first = s.letters.front();
        if (first.modifier == Modifier::Stroke) {
            first.modifier = Modifier::None;
            appendKey(s, key);
        } else {
            first.modifier = Modifier::Stroke;
        }
    } else {
        appendKey(s, key);
    }
    return renderSyllable(s, style);
}

std::string decodeTelex(std::string_view word, ToneStyle style) {
    if (word.empty()) return std::string(word);
    for (char ch : word) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80 || !u_isalpha(static_cast<UChar32>(c))) return std::string(word);
    }
    std::string out;
    for (char ch : word) out = applyTelex(out, ch, style);
    return out;
}

std::size_t editDistance(std::string_view a, std::string_view b, std::size_t limit) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    if ((n > m ? n - m : m - n) > limit) return limit + 1;
    // Three rows of the optimal-string-alignment table.
    std::vector<std::size_t> twoBack(m + 1), previous(m + 1), row(m + 1);
    for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        row[0] = i;
        std::size_t best = row[0];
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                row[j] = std::min(row[j], twoBack[j - 2] + 1);
            }
            best = std::min(best, row[j]);
        }
        if (best > limit) return limit + 1;
        std::swap(twoBack, previous);
        std::swap(previous, row);
    }
    return previous[m] > limit ? limit + 1 : previous[m];
}

struct VietnameseCollator::Impl {
    std::unique_ptr<icu::Collator> collator;
};

VietnameseCollator::VietnameseCollator() : m_impl(std::make_unique<Impl>()) {
    UErrorCode status = U_ZERO_ERROR;
    m_impl->collator.reset(icu::Collator::createInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status) || !m_impl->collator) {
        throw std::runtime_error(std::string("ICU collator for 'vi' unavailable: ") + u_errorName(status));
    }
}

VietnameseCollator::~VietnameseCollator() = default;

int VietnameseCollator::compare(std::string_view a, std::string_view b) const {
    UErrorCode status = U_ZERO_ERROR;
    const auto result =
        m_impl->collator->compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                                      icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
    if (U_FAILURE(status)) return a.compare(b);
    return result == UCOL_LESS ? -1 : result == UCOL_GREATER ? 1 : 0;
}

std::string VietnameseCollator::sortKey(std::string_view text) const {
    const auto s = toUnicodeString(text);
    std::string key(64, '\0');
    for (;;) {
        const int32_t needed = m_impl->collator->getSortKey(s, reinterpret_cast<uint8_t*>(key.data()),
                                                            static_cast<int32_t>(key.size()));
        if (needed <= static_cast<int32_t>(key.size())) {
            key.resize(static_cast<std::size_t>(needed > 0 ? needed - 1 : 0));  // drop the terminating zero
            return key;
        }
        key.resize(static_cast<std::size_t>(needed));
    }
}

}  // namespace motcua::queue
