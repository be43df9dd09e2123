#include "queue/search.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "queue/vietnamese.h"
#include "text/ascii.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace motcua::queue {

using text::isValidUtf8;
using text::toNfc;
using text::truncateUtf8;

namespace {

// How much a match counts, by where it was found.
double weightOf(MatchSource kind) {
    switch (kind) {
        case MatchSource::Name:
            return 1.0;
        case MatchSource::Synonym:
            return 0.85;
        case MatchSource::Field:
            return 0.6;
        case MatchSource::Document:
            return 0.45;
    }
    return 0;
}

// How much a word match counts, by how close it is.
constexpr double kExact = 1.0;
constexpr double kOtherAccents = 0.95;  // same letters, the citizen typed different accents
constexpr double kTypo = 0.75;
constexpr double kPrefixBase = 0.55;  // plus up to kPrefixSpan for the share of the word typed
constexpr double kPrefixSpan = 0.4;
constexpr std::size_t kMinTypoLength = 4;

constexpr double kCoverageBonus = 0.03;    // times the share of the name's words matched exactly
constexpr double kContiguityBonus = 0.12;  // times the share of the query matched as one run, in order
// The query is a whole name or phrase, word for word ("giải chấp", "đổi sổ đỏ"): the citizen used
// the very words the office recorded for the procedure, which outweighs the same words scattered
// over a long legal name ("Hòa giải tranh chấp đất đai").
constexpr double kWholePhraseBonus = 0.2;  // times the weight of the text's kind
// The office lists the common procedures of a field first: kOrderPrior / sort order, so that an
// ambiguous query ("chứng thực") leads with the procedure most citizens come for.
constexpr double kOrderPrior = 0.06;
constexpr double kMinScore = 0.15;
constexpr double kMinShareOfTop = 0.3;

bool isAscii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

struct QueryWord {
    std::string original;
    std::string toneKey;
    bool accented = false;
    std::vector<std::pair<std::uint32_t, double>> candidates;  // term, quality; sorted by term
    double weight = 0;

    double qualityOf(std::uint32_t term) const {
        const auto it = std::lower_bound(candidates.begin(), candidates.end(), term,
                                         [](const auto& c, std::uint32_t t) { return c.first < t; });
        return it != candidates.end() && it->first == term ? it->second : 0.0;
    }
};

void offer(std::vector<std::pair<std::uint32_t, double>>& candidates, std::uint32_t term, double quality) {
    for (auto& c : candidates) {
        if (c.first == term) {
            c.second = std::max(c.second, quality);
            return;
        }
    }
    candidates.emplace_back(term, quality);
}

}  // namespace

std::string_view toString(MatchSource source) {
    switch (source) {
        case MatchSource::Name:
            return "name";
        case MatchSource::Synonym:
            return "synonym";
        case MatchSource::Field:
            return "field";
        case MatchSource::Document:
            return "document";
    }
    return "";
}

SearchIndex::SearchIndex(const Catalogue& catalogue, SearchOptions options) : m_options(options) {
    m_procedures.reserve(catalogue.procedures().size());
    for (const auto& p : catalogue.procedures()) {
        const auto index = static_cast<std::uint32_t>(m_procedures.size());
        m_procedures.push_back({p.code, {}, p.sortOrder});
        addText(index, MatchSource::Name, p.name, "");
        for (const auto& s : catalogue.synonyms()) {
            const bool mine = s.targetKind == SynonymTarget::Procedure ? s.targetCode == p.code
                                                                       : s.targetCode == p.fieldCode;
            if (mine) addText(index, MatchSource::Synonym, s.phrase, s.note);
        }
        if (const Field* f = catalogue.field(p.fieldCode))
            addText(index, MatchSource::Field, f->name, f->note);
        for (const auto& d : p.documents) {
            addText(index, MatchSource::Document, d.name, "");
            if (!d.form.empty() && d.form != kBeingUpdated) addText(index, MatchSource::Document, d.form, "");
        }
    }
    for (auto& term : m_terms) {
        std::uint32_t last = std::numeric_limits<std::uint32_t>::max();
        for (const auto& posting : term.postings) {
            if (posting.procedure != last) ++term.procedureCount;
            last = posting.procedure;
        }
    }
    m_termsBySpelling.resize(m_terms.size());
    for (std::uint32_t i = 0; i < m_terms.size(); ++i) m_termsBySpelling[i] = i;
    std::sort(m_termsBySpelling.begin(), m_termsBySpelling.end(),
              [&](std::uint32_t a, std::uint32_t b) { return m_terms[a].folded < m_terms[b].folded; });
    for (std::uint32_t i = 0; i < m_terms.size(); ++i) {
        const auto length = m_terms[i].folded.size();
        if (m_termsByLength.size() <= length) m_termsByLength.resize(length + 1);
        m_termsByLength[length].push_back(i);
    }
}

std::uint32_t SearchIndex::termFor(const std::string& folded) {
    const auto [it, fresh] = m_termIndex.emplace(folded, static_cast<std::uint32_t>(m_terms.size()));
    if (fresh) m_terms.push_back({folded, {}, 0});
    return it->second;
}

void SearchIndex::addText(std::uint32_t procedure, MatchSource kind, const std::string& display,
                          const std::string& note) {
    Entry& entry = m_procedures[procedure];
    if (entry.texts.size() >= std::numeric_limits<std::uint16_t>::max()) return;
    Text text{kind, display, {}, note, 0};
    int depth = 0;
    std::size_t scanned = 0;
    for (auto& w : splitWords(display)) {
        for (; scanned < w.begin; ++scanned) {
            if (display[scanned] == '(') ++depth;
            if (display[scanned] == ')' && depth > 0) --depth;
        }
        // The article and paragraph numbers in a dossier document's name ("khoản 1 Điều 148") are
        // no words a citizen searches by; left in, one typed digit would outweigh a whole name.
        if (kind == MatchSource::Document && text::isDigits(w.folded)) continue;
        const bool core = depth == 0;
        if (core) ++text.coreWords;
        if (text.words.size() >= std::numeric_limits<std::uint16_t>::max()) break;
        const auto term = termFor(w.folded);
        m_terms[term].postings.push_back({procedure, static_cast<std::uint16_t>(entry.texts.size()),
                                          static_cast<std::uint16_t>(text.words.size())});
        text.words.push_back({term, static_cast<std::uint32_t>(w.begin), static_cast<std::uint32_t>(w.end),
                              std::move(w.toneKey), core});
    }
    entry.texts.push_back(std::move(text));
}

std::vector<SearchHit> SearchIndex::search(std::string_view query, std::size_t limit) const {
    std::vector<SearchHit> hits;
    if (limit == 0 || query.empty() || !isValidUtf8(query)) return hits;
    query = truncateUtf8(query, m_options.maxBytes);
    const std::string nfc = toNfc(query);
    auto words = splitWords(nfc);
    if (words.empty()) return hits;
    const bool truncated = words.size() > m_options.maxWords;
    if (truncated) words.resize(m_options.maxWords);
    const bool prefixLast = m_options.prefixLastWord && !truncated && words.back().end == nfc.size();

    const double procedureTotal = static_cast<double>(std::max<std::size_t>(m_procedures.size(), 1));
    const auto idf = [&](std::uint32_t term) {
        return std::log(1.0 + procedureTotal / std::max<std::uint32_t>(m_terms[term].procedureCount, 1));
    };

    std::vector<QueryWord> query_;
    std::vector<std::string> seen;  // a word typed twice counts once ("khai sinh' OR '1'='1")
    for (std::size_t qi = 0; qi < words.size(); ++qi) {
        const auto& w = words[qi];
        if (std::find(seen.begin(), seen.end(), w.folded) != seen.end()) continue;
        seen.push_back(w.folded);
        QueryWord q;
        q.original = nfc.substr(w.begin, w.end - w.begin);
        q.toneKey = w.toneKey;
        q.accented = !isAscii(q.original);
        std::vector<std::string> readings = {w.folded};
        if (!q.accented) {
            const std::string telex = foldForSearch(decodeTelex(q.original));
            if (telex != w.folded) readings.push_back(telex);
        }
        const bool prefix = prefixLast && qi + 1 == words.size();
        for (const auto& reading : readings) {
            if (const auto it = m_termIndex.find(reading); it != m_termIndex.end())
                offer(q.candidates, it->second, kExact);
            if (prefix) {
                auto it = std::lower_bound(
                    m_termsBySpelling.begin(), m_termsBySpelling.end(), reading,
                    [&](std::uint32_t t, const std::string& r) { return m_terms[t].folded < r; });
                for (; it != m_termsBySpelling.end(); ++it) {
                    const auto& folded = m_terms[*it].folded;
                    if (folded.compare(0, reading.size(), reading) != 0) break;
                    if (folded.size() == reading.size()) continue;
                    offer(q.candidates, *it,
                          kPrefixBase + kPrefixSpan * static_cast<double>(reading.size()) /
                                            static_cast<double>(folded.size()));
                }
            }
            if (reading.size() >= kMinTypoLength) {
                for (std::size_t length = reading.size() - 1; length <= reading.size() + 1; ++length) {
                    if (length >= m_termsByLength.size()) break;
                    for (const auto t : m_termsByLength[length]) {
                        if (m_terms[t].folded != reading &&
                            editDistance(reading, m_terms[t].folded, 1) <= 1) {
                            offer(q.candidates, t, kTypo);
                        }
                    }
                }
            }
        }
        std::sort(q.candidates.begin(), q.candidates.end());
        for (const auto& [term, quality] : q.candidates) q.weight = std::max(q.weight, quality * idf(term));
        query_.push_back(std::move(q));
    }

    double totalWeight = 0;
    for (const auto& q : query_) totalWeight += q.weight;
    if (totalWeight <= 0) return hits;

    // best[p * Q + q]: the best weighted quality of query word q in procedure p, and where it was.
    const std::size_t Q = query_.size();
    std::vector<float> best(m_procedures.size() * Q, 0.0f);
    std::vector<std::uint32_t> bestAt(m_procedures.size() * Q, 0);
    std::vector<std::uint32_t> touched;
    std::vector<bool> isTouched(m_procedures.size(), false);
    for (std::size_t qi = 0; qi < Q; ++qi) {
        const QueryWord& q = query_[qi];
        for (const auto& [term, quality] : q.candidates) {
            for (const Posting& posting : m_terms[term].postings) {
                const Text& text = m_procedures[posting.procedure].texts[posting.text];
                double value = quality * weightOf(text.kind);
                if (quality == kExact && q.accented && text.words[posting.word].toneKey != q.toneKey) {
                    value *= kOtherAccents;
                }
                float& slot = best[posting.procedure * Q + qi];
                if (value > slot) {
                    slot = static_cast<float>(value);
                    bestAt[posting.procedure * Q + qi] = (std::uint32_t{posting.text} << 16) | posting.word;
                }
                if (!isTouched[posting.procedure]) {
                    isTouched[posting.procedure] = true;
                    touched.push_back(posting.procedure);
                }
            }
        }
    }

    struct Scored {
        std::uint32_t procedure;
        double score;
        std::uint16_t text;  // the text that contributed most
    };
    std::vector<Scored> scored;
    scored.reserve(touched.size());
    for (const auto p : touched) {
        double sum = 0;
        std::vector<std::pair<std::uint16_t, double>> byText;
        for (std::size_t qi = 0; qi < Q; ++qi) {
            const double value = best[p * Q + qi];
            if (value <= 0) continue;
            const double contribution = query_[qi].weight * value;
            sum += contribution;
            const auto text = static_cast<std::uint16_t>(bestAt[p * Q + qi] >> 16);
            const auto it =
                std::find_if(byText.begin(), byText.end(), [&](const auto& b) { return b.first == text; });
            if (it == byText.end()) {
                byText.emplace_back(text, contribution);
            } else {
                it->second += contribution;
            }
        }
        double score = sum / totalWeight;
        const Entry& entry = m_procedures[p];
        // Name coverage: a name the query covers more of is the likelier one ("khai sinh" is
        // "Đăng ký khai sinh" before "Đăng ký lại khai sinh").
        const Text& name = entry.texts.front();
        std::uint32_t covered = 0;
        for (const Word& w : name.words) {
            if (!w.core) continue;
            for (const auto& q : query_) {
                if (q.qualityOf(w.term) >= kOtherAccents) {
                    ++covered;
                    break;
                }
            }
        }
        score += kOrderPrior / std::max(entry.sortOrder, 1);
        if (name.coreWords > 0) {
            score += kCoverageBonus * std::min(1.0, static_cast<double>(covered) / name.coreWords);
        }
        // Contiguity: the query's words in a row, in order, in a name or a phrase.
        if (Q >= 2) {
            std::size_t longest = 1;
            double whole = 0;
            for (const auto& [textIndex, contribution] : byText) {
                const Text& text = entry.texts[textIndex];
                if (text.kind != MatchSource::Name && text.kind != MatchSource::Synonym) continue;
                for (std::size_t start = 0; start < text.words.size(); ++start) {
                    for (std::size_t qi = 0; qi < Q; ++qi) {
                        std::size_t run = 0;
                        while (qi + run < Q && start + run < text.words.size() &&
                               query_[qi + run].qualityOf(text.words[start + run].term) > 0) {
                            ++run;
                        }
                        longest = std::max(longest, run);
                    }
                }
            }
            // Any name or phrase of the procedure, not only the texts that held a word's best match.
            for (const Text& text : entry.texts) {
                if (text.kind != MatchSource::Name && text.kind != MatchSource::Synonym) continue;
                if (text.words.size() != Q) continue;
                std::size_t qi = 0;
                while (qi < Q && query_[qi].qualityOf(text.words[qi].term) > 0) ++qi;
                if (qi == Q) whole = std::max(whole, weightOf(text.kind));
            }
            score += kContiguityBonus * weightOf(entry.texts[byText.front().first].kind) *
                     static_cast<double>(longest - 1) / static_cast<double>(Q - 1);
            score += kWholePhraseBonus * whole;
        }
        const auto top = std::max_element(byText.begin(), byText.end(), [](const auto& a, const auto& b) {
            if (a.second != b.second) return a.second < b.second;
            return a.first > b.first;  // equal contributions: the earlier (stronger) text
        });
        scored.push_back({p, score, top->first});
    }
    if (scored.empty()) return hits;
    std::sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.procedure < b.procedure;
    });
    const double floor = std::max(kMinScore, kMinShareOfTop * scored.front().score);

    for (const auto& s : scored) {
        if (hits.size() >= limit || s.score < floor) break;
        const Entry& entry = m_procedures[s.procedure];
        SearchHit hit;
        hit.procedureCode = entry.code;
        hit.score = s.score;
        // The text that explains the hit best: the most query weight matched, strongest kind first.
        std::size_t bestText = s.text;
        double bestValue = -1;
        for (std::size_t t = 0; t < entry.texts.size(); ++t) {
            const Text& candidate = entry.texts[t];
            double value = 0;
            for (const auto& q : query_) {
                double quality = 0;
                for (const Word& w : candidate.words) quality = std::max(quality, q.qualityOf(w.term));
                value += q.weight * quality;
            }
            value *= weightOf(candidate.kind);
            // Equal value: the shorter text, which the query covers more of ("hộ khẩu" before
            // "chuyển hộ khẩu").
            if (value > bestValue + 1e-9 ||
                (value > bestValue - 1e-9 && candidate.words.size() < entry.texts[bestText].words.size())) {
                bestValue = value;
                bestText = t;
            }
        }
        const Text& text = entry.texts[bestText];
        hit.why = text.kind;
        hit.matchedText = text.display;
        hit.note = text.note;
        const auto spansOf = [&](const Text& t, std::vector<TextSpan>& spans, bool collectWords) {
            for (const Word& w : t.words) {
                for (const auto& q : query_) {
                    if (q.qualityOf(w.term) > 0) {
                        spans.push_back({w.begin, w.end});
                        if (collectWords)
                            hit.matchedWords.push_back(t.display.substr(w.begin, w.end - w.begin));
                        break;
                    }
                }
            }
        };
        spansOf(text, hit.spans, true);
        spansOf(entry.texts.front(), hit.nameSpans, false);
        if (hit.note.empty()) {
            // A note of any synonym or field that matched (the ward police for residence).
            for (std::size_t qi = 0; qi < Q && hit.note.empty(); ++qi) {
                if (best[s.procedure * Q + qi] <= 0) continue;
                const Text& t = entry.texts[bestAt[s.procedure * Q + qi] >> 16];
                if (t.kind == MatchSource::Synonym) hit.note = t.note;
            }
        }
        hits.push_back(std::move(hit));
    }
    return hits;
}

}  // namespace motcua::queue
