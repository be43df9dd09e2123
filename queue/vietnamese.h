// Vietnamese text helpers: search folding, tone placement, Telex input, collation.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::queue {

// Where the tone mark goes on the open syllables oa, oe, uy: New puts it on the second vowel
// ("hoà", "thuỷ"), Old on the first ("hòa", "thủy"). Every other syllable has one placement.
enum class ToneStyle { New, Old };

// Folds text for matching: NFD, combining marks removed, đ/Đ -> d, case folded. Two spellings that
// differ only in diacritics, tone placement or case fold to the same string. The input must be
// valid UTF-8; letters outside Latin are case folded and kept.
std::string foldForSearch(std::string_view text);

// A word of a text: its folded form and where it is in the original text (UTF-8 byte offsets).
// A word is a maximal run of letters and digits.
struct FoldedWord {
    std::string folded;
    std::string toneKey;  // lower case NFC with tone placement made New: tells "bán" from "bạn"
    std::size_t begin = 0;
    std::size_t end = 0;
};
std::vector<FoldedWord> splitWords(std::string_view text);

// Lower case NFC with the tone mark of oa/oe/uy syllables moved to the given style; other text is
// unchanged. Valid UTF-8 required.
std::string normaliseTonePlacement(std::string_view text, ToneStyle style = ToneStyle::New);

// One key of Telex on the word being typed, returning the new word (NFC):
// aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, w ư, uow ươ, dd đ; s f r x j tones sắc huyền hỏi ngã nặng,
// z removes the tone. Repeating a modifier or tone key undoes it and types the letter
// ("aaa" -> "aa", "ass" -> "as"). The tone is re-placed after every key, so it may be typed
// anywhere after the vowels ("tieengs" = "tieesng" = "tiếng"). Keys other than ASCII letters are
// appended as they are. current must be valid UTF-8.
std::string applyTelex(std::string_view current, char key, ToneStyle style = ToneStyle::New);

// The word a Telex typist meant by an ASCII word ("chuwngs" -> "chứng"), or the word unchanged
// when Telex makes nothing of it. Words that are not plain ASCII letters come back unchanged.
std::string decodeTelex(std::string_view word, ToneStyle style = ToneStyle::New);

// Damerau-Levenshtein (optimal string alignment) distance between two byte strings, or limit + 1
// when it exceeds limit. Meant for folded (ASCII) words.
std::size_t editDistance(std::string_view a, std::string_view b, std::size_t limit);

// Vietnamese alphabetical order (a ă â b c d đ e ê ...) from ICU's "vi" collator. Not thread-safe:
// give each thread its own.
class VietnameseCollator {
  public:
    VietnameseCollator();
    ~VietnameseCollator();
    VietnameseCollator(const VietnameseCollator&) = delete;
    VietnameseCollator& operator=(const VietnameseCollator&) = delete;

    // Negative, zero or positive as a sorts before, with or after b.
    int compare(std::string_view a, std::string_view b) const;
    bool less(std::string_view a, std::string_view b) const { return compare(a, b) < 0; }
    // A byte string whose memcmp order is the collation order.
    std::string sortKey(std::string_view text) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace motcua::queue
