// Finding procedures from what a citizen types: without accents, with Telex leftovers, with a typo,
// half-typed, or in everyday words ("sao y", "sổ đỏ").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "queue/catalogue.h"

namespace motcua::queue {

// Where a hit was found, strongest first: a name match outranks a synonym match, which outranks a
// match on the field's name, which outranks one in the dossier documents.
enum class MatchSource { Name, Synonym, Field, Document };
std::string_view toString(MatchSource source);

// A matched word in a display text, as UTF-8 byte offsets [begin, end).
struct TextSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool operator==(const TextSpan&) const = default;
};

struct SearchHit {
    std::string procedureCode;
    double score = 0;
    MatchSource why = MatchSource::Name;
    std::string matchedText;          // the display text that matched best (name, phrase, field, document)
    std::vector<TextSpan> spans;      // the matched words in matchedText
    std::vector<TextSpan> nameSpans;  // the matched words in the procedure's name, for highlighting lists
    std::vector<std::string> matchedWords;  // the words of the catalogue that matched, as displayed
    std::string note;  // the synonym's note when a synonym matched (e.g. "Công an phường")
};

struct SearchOptions {
    // Queries are cut to this many words and bytes; the rest is ignored.
    std::size_t maxWords = 12;
    std::size_t maxBytes = 400;
    // The last word matches as a prefix unless the query ends with a space.
    bool prefixLastWord = true;
};

// An index over a catalogue, built once and then read-only: search() may run on several threads.
class SearchIndex {
  public:
    explicit SearchIndex(const Catalogue& catalogue, SearchOptions options = {});

    // Best first; ties in catalogue order. An empty, blank or unmatched query gives no hits.
    // The query must be valid UTF-8 (anything else gives no hits).
    std::vector<SearchHit> search(std::string_view query, std::size_t limit = 10) const;

    std::size_t procedureCount() const { return m_procedures.size(); }
    std::size_t termCount() const { return m_terms.size(); }

  private:
    struct Word {
        std::uint32_t term;
        std::uint32_t begin;
        std::uint32_t end;
        std::string toneKey;
        bool core;  // outside parentheses
    };
    struct Text {
        MatchSource kind;
        std::string display;
        std::vector<Word> words;
        std::string note;
        std::uint32_t coreWords;  // words outside parentheses, for the coverage bonus
    };
    struct Entry {
        std::string code;
        std::vector<Text> texts;  // texts[0] is the name
        int sortOrder = 0;
    };
    struct Posting {
        std::uint32_t procedure;
        std::uint16_t text;
        std::uint16_t word;
    };
    struct Term {
        std::string folded;
        std::vector<Posting> postings;
        std::uint32_t procedureCount = 0;
    };

    std::uint32_t termFor(const std::string& folded);
    void addText(std::uint32_t procedure, MatchSource kind, const std::string& display,
                 const std::string& note);

    SearchOptions m_options;
    std::vector<Entry> m_procedures;
    std::vector<Term> m_terms;
    std::unordered_map<std::string, std::uint32_t> m_termIndex;
    std::vector<std::uint32_t> m_termsBySpelling;  // term ids sorted by folded text, for prefixes
    std::vector<std::vector<std::uint32_t>> m_termsByLength;
};

}  // namespace motcua::queue
