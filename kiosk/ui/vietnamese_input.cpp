#include "kiosk/ui/vietnamese_input.h"

#include <array>
#include <optional>
#include <vector>

#include "text/normalize.h"
#include "text/utf8.h"

namespace motcua::ui {

using text::appendUtf8;
using text::decodeUtf8;
using text::encodeUtf8;
using text::toNfc;

namespace {

enum class Mark { None, Circumflex, Breve, Horn, Stroke };

struct VowelRow {
    char32_t base;
    Mark mark;
    std::u32string_view lower;  // by tone: none, sắc, huyền, hỏi, ngã, nặng
    std::u32string_view upper;
};

constexpr std::array<VowelRow, 12> kVowels{{
    {U'a', Mark::None, U"aáàảãạ", U"AÁÀẢÃẠ"},
    {U'a', Mark::Breve, U"ăắằẳẵặ", U"ĂẮẰẲẴẶ"},
    {U'a', Mark::Circumflex, U"âấầẩẫậ", U"ÂẤẦẨẪẬ"},
    {U'e', Mark::None, U"eéèẻẽẹ", U"EÉÈẺẼẸ"},
    {U'e', Mark::Circumflex, U"êếềểễệ", U"ÊẾỀỂỄỆ"},
    {U'i', Mark::None, U"iíìỉĩị", U"IÍÌỈĨỊ"},
    {U'o', Mark::None, U"oóòỏõọ", U"OÓÒỎÕỌ"},
    {U'o', Mark::Circumflex, U"ôốồổỗộ", U"ÔỐỒỔỖỘ"},
    {U'o', Mark::Horn, U"ơớờởỡợ", U"ƠỚỜỞỠỢ"},
    {U'u', Mark::None, U"uúùủũụ", U"UÚÙỦŨỤ"},
    {U'u', Mark::Horn, U"ưứừửữự", U"ƯỨỪỬỮỰ"},
    {U'y', Mark::None, U"yýỳỷỹỵ", U"YÝỲỶỸỴ"},
}};

struct Letter {
    char32_t base = 0;  // lower-case a..z
    Mark mark = Mark::None;
    bool upper = false;
    bool vowel = false;
};

struct Word {
    std::vector<Letter> letters;
    Tone tone = Tone::None;
};

bool isAsciiLetter(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}
char32_t asciiLower(char32_t c) {
    return (c >= U'A' && c <= U'Z') ? c + 32 : c;
}
bool isVowelBase(char32_t c) {
    return c == U'a' || c == U'e' || c == U'i' || c == U'o' || c == U'u' || c == U'y';
}

std::optional<Letter> decodeLetter(char32_t c, Tone& tone) {
    for (const auto& row : kVowels) {
        for (std::size_t t = 0; t < 6; ++t) {
            if (row.lower[t] == c || row.upper[t] == c) {
                if (t != 0) tone = static_cast<Tone>(t);
                return Letter{row.base, row.mark, row.upper[t] == c, true};
            }
        }
    }
    if (c == U'đ' || c == U'Đ') return Letter{U'd', Mark::Stroke, c == U'Đ', false};
    if (isAsciiLetter(c)) return Letter{asciiLower(c), Mark::None, c != asciiLower(c), false};
    return std::nullopt;
}

// nullopt when the text is not made of Vietnamese letters only.
std::optional<Word> parseWord(std::u32string_view text) {
    Word word;
    for (char32_t c : text) {
        auto letter = decodeLetter(c, word.tone);
        if (!letter) return std::nullopt;
        word.letters.push_back(*letter);
    }
    return word;
}

struct Group {
    std::size_t begin = 0;
    std::size_t end = 0;  // one past
    bool empty() const { return begin == end; }
    std::size_t size() const { return end - begin; }
};

// The vowel group of the syllable: the last run of vowels, without the u of "qu" or the i of "gi"
// when another vowel follows.
Group vowelGroup(const Word& word) {
    const auto& l = word.letters;
    Group g;
    std::size_t i = l.size();
    while (i > 0 && !l[i - 1].vowel) --i;
    g.end = i;
    while (i > 0 && l[i - 1].vowel) --i;
    g.begin = i;
    if (g.size() > 1 && g.begin == 1) {
        const char32_t onset = l[0].base;
        const Letter& first = l[1];
        if ((onset == U'q' && first.base == U'u' && first.mark == Mark::None) ||
            (onset == U'g' && first.base == U'i'))
            ++g.begin;
    }
    return g;
}

std::optional<std::size_t> tonePosition(const Word& word, ToneStyle style) {
    const Group g = vowelGroup(word);
    if (g.empty()) return std::nullopt;
    const auto& l = word.letters;
    std::optional<std::size_t> marked;
    for (std::size_t i = g.begin; i < g.end; ++i)
        if (l[i].mark != Mark::None) marked = i;
    if (marked) return marked;
    if (g.size() == 1) return g.begin;
    if (g.end < l.size()) return g.end - 1;  // a final consonant follows
    if (g.size() >= 3) return g.begin + 1;
    const char32_t a = l[g.begin].base;
    const char32_t b = l[g.begin + 1].base;
    const bool newStylePair = (a == U'o' && (b == U'a' || b == U'e')) || (a == U'u' && b == U'y');
    if (newStylePair && style == ToneStyle::New) return g.begin + 1;
    return g.begin;
}

std::u32string render(const Word& word, ToneStyle style) {
    std::u32string out;
    const auto at = word.tone == Tone::None ? std::nullopt : tonePosition(word, style);
    for (std::size_t i = 0; i < word.letters.size(); ++i) {
        const Letter& letter = word.letters[i];
        if (letter.vowel) {
            const std::size_t t = (at && *at == i) ? static_cast<std::size_t>(word.tone) : 0;
            for (const auto& row : kVowels) {
                if (row.base == letter.base && row.mark == letter.mark) {
                    out.push_back(letter.upper ? row.upper[t] : row.lower[t]);
                    break;
                }
            }
        } else if (letter.mark == Mark::Stroke) {
            out.push_back(letter.upper ? U'Đ' : U'đ');
        } else {
            out.push_back(letter.upper ? letter.base - 32 : letter.base);
        }
    }
    return out;
}

// The text split at the start of its last word.
struct Split {
    std::u32string head;
    std::u32string last;
};

Split splitLastWord(std::string_view text) {
    const std::u32string all = decodeUtf8(toNfc(text));
    std::size_t start = all.size();
    while (start > 0 && all[start - 1] != U' ' && all[start - 1] != U'\n' && all[start - 1] != U'\t') --start;
    return {all.substr(0, start), all.substr(start)};
}

std::string join(const Split& split, const std::u32string& word) {
    return encodeUtf8(split.head + word);
}

std::string appendRaw(std::string_view text, char32_t key) {
    std::string out = toNfc(text);
    appendUtf8(out, key);
    return toNfc(out);
}

Letter asciiLetter(char32_t key) {
    return Letter{asciiLower(key), Mark::None, key != asciiLower(key), isVowelBase(asciiLower(key))};
}

// Index of the last vowel with this base inside the group.
std::optional<std::size_t> lastInGroup(const Word& word, const Group& g, char32_t base) {
    for (std::size_t i = g.end; i > g.begin; --i)
        if (word.letters[i - 1].base == base) return i - 1;
    return std::nullopt;
}

}  // namespace

std::string applyTone(std::string_view text, Tone tone, ToneStyle style) {
    const Split split = splitLastWord(text);
    auto word = parseWord(split.last);
    if (!word || vowelGroup(*word).empty()) return encodeUtf8(split.head + split.last);
    word->tone = word->tone == tone ? Tone::None : tone;
    return join(split, render(*word, style));
}

std::string applyLetterKey(std::string_view text, char32_t letter, ToneStyle style) {
    Tone ignored = Tone::None;
    const auto wanted = decodeLetter(letter, ignored);
    if (!wanted) return appendRaw(text, letter);
    const Split split = splitLastWord(text);
    auto word = parseWord(split.last);
    if (word && !word->letters.empty()) {
        if (wanted->mark == Mark::Stroke) {
            Letter& first = word->letters.front();
            if (first.base == U'd') {
                first.mark = Mark::Stroke;
                return join(split, render(*word, style));
            }
        } else if (wanted->vowel) {
            const Group g = vowelGroup(*word);
            if (auto i = lastInGroup(*word, g, wanted->base)) {
                word->letters[*i].mark = wanted->mark;
                return join(split, render(*word, style));
            }
        }
        word->letters.push_back(*wanted);
        return join(split, render(*word, style));
    }
    return appendRaw(text, letter);
}

std::string telexType(std::string_view text, char32_t key, ToneStyle style) {
    if (!isAsciiLetter(key)) return appendRaw(text, key);
    const Split split = splitLastWord(text);
    auto parsed = parseWord(split.last);
    if (!parsed) return appendRaw(text, key);
    Word word = std::move(*parsed);
    const char32_t k = asciiLower(key);
    const Group g = vowelGroup(word);
    auto typed = [&] {
        word.letters.push_back(asciiLetter(key));
        return join(split, render(word, style));
    };

    switch (k) {
        case U's':
        case U'f':
        case U'r':
        case U'x':
        case U'j': {
            if (g.empty()) return typed();
            const Tone tone = k == U's'   ? Tone::Acute
                              : k == U'f' ? Tone::Grave
                              : k == U'r' ? Tone::Hook
                              : k == U'x' ? Tone::Tilde
                                          : Tone::Dot;
            if (word.tone == tone) {
                word.tone = Tone::None;
                return typed();
            }
            word.tone = tone;
            return join(split, render(word, style));
        }
        case U'z':
            if (word.tone == Tone::None) return typed();
            word.tone = Tone::None;
            return join(split, render(word, style));
        case U'a':
        case U'e':
        case U'o': {
            const auto i = lastInGroup(word, g, k);
            if (!i) return typed();
            Letter& v = word.letters[*i];
            if (v.mark == Mark::Circumflex) {
                v.mark = Mark::None;
                return typed();
            }
            v.mark = Mark::Circumflex;
            return join(split, render(word, style));
        }
        case U'w': {
            if (g.empty()) {
                // A lone w is ư.
                word.letters.push_back(Letter{U'u', Mark::Horn, key == U'W', true});
                return join(split, render(word, style));
            }
            auto& l = word.letters;
            // uo -> ươ (huong -> hương); uu -> ưu.
            for (std::size_t i = g.begin; i + 1 < g.end; ++i) {
                if (l[i].base == U'u' && (l[i + 1].base == U'o' || l[i + 1].base == U'u')) {
                    const bool both = l[i + 1].base == U'o';
                    if (l[i].mark == Mark::Horn && (!both || l[i + 1].mark == Mark::Horn)) {
                        l[i].mark = Mark::None;
                        if (both) l[i + 1].mark = Mark::None;
                        return typed();
                    }
                    l[i].mark = Mark::Horn;
                    if (both) l[i + 1].mark = Mark::Horn;
                    return join(split, render(word, style));
                }
            }
            for (std::size_t i = g.end; i > g.begin; --i) {
                Letter& v = l[i - 1];
                if (v.base != U'a' && v.base != U'o' && v.base != U'u') continue;
                const Mark target = v.base == U'a' ? Mark::Breve : Mark::Horn;
                if (v.mark == target) {
                    v.mark = Mark::None;
                    return typed();
                }
                v.mark = target;
                return join(split, render(word, style));
            }
            return typed();
        }
        case U'd': {
            if (word.letters.empty() || word.letters.front().base != U'd') return typed();
            Letter& d = word.letters.front();
            if (d.mark == Mark::Stroke) {
                d.mark = Mark::None;
                return typed();
            }
            d.mark = Mark::Stroke;
            return join(split, render(word, style));
        }
        default:
            return typed();
    }
}

std::string telexCompose(std::string_view keys, ToneStyle style) {
    std::string text;
    for (char32_t c : decodeUtf8(keys)) text = telexType(text, c, style);
    return text;
}

Tone toneOfLastWord(std::string_view text) {
    const Split split = splitLastWord(text);
    const auto word = parseWord(split.last);
    return word ? word->tone : Tone::None;
}

}  // namespace motcua::ui
