#include "kiosk/voice/announcement_text.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <stdexcept>

#include "text/icu_normalizers.h"
#include "text/utf8.h"

namespace motcua::voice {
namespace {

constexpr std::string_view kPauseChars = ",.;:!?";

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
    return s;
}

// Free text (template wording, names) as Text phrases split at punctuation, which becomes Pause.
void appendText(std::string_view text, std::vector<Phrase>& out) {
    std::size_t start = 0;
    auto flush = [&](std::size_t end) {
        std::string_view part = trim(text.substr(start, end - start));
        if (!part.empty()) out.push_back({Phrase::Kind::Text, std::string(part), clipSlug(part)});
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (kPauseChars.find(text[i]) == std::string_view::npos) continue;
        flush(i);
        // Two pauses in a row ("..", ", ,") say no more than one.
        if (out.empty() || out.back().kind != Phrase::Kind::Pause) {
            out.push_back({Phrase::Kind::Pause, std::string(1, text[i]), ""});
        }
        start = i + 1;
    }
    flush(text.size());
}

void appendWords(const std::vector<std::string>& words, std::vector<Phrase>& out) {
    for (const std::string& word : words) {
        const auto clip = numberWordClip(word);
        if (!clip) throw std::logic_error("no clip name for number word " + word);
        out.push_back({Phrase::Kind::Word, word, std::string(*clip)});
    }
}

}  // namespace

std::string AnnouncementText::sentence() const {
    std::string out;
    for (const Phrase& phrase : phrases) {
        if (!out.empty() && phrase.kind != Phrase::Kind::Pause) out += ' ';
        out += phrase.text;
    }
    return out;
}

std::string clipSlug(std::string_view utf8Text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString decomposed =
        text::nfdNormalizer().normalize(text::toUnicodeString(utf8Text), status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU normalize: ") + u_errorName(status));
    std::string slug;
    bool separator = false;
    for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
        UChar32 c = decomposed.char32At(i);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        if (c == 0x0110 || c == 0x0111) c = 'd';  // Đ đ have no decomposition
        c = u_tolower(c);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (separator && !slug.empty()) slug += '_';
            separator = false;
            slug += static_cast<char>(c);
        } else {
            separator = true;
        }
    }
    return slug;
}

std::vector<Phrase> readTicketNumber(std::string_view ticketNumber, const ReadingSettings& settings) {
    std::vector<Phrase> out;
    std::size_t i = 0;
    while (i < ticketNumber.size()) {
        const char c = ticketNumber[i];
        if (c >= '0' && c <= '9') {
            std::size_t end = i;
            while (end < ticketNumber.size() && ticketNumber[end] >= '0' && ticketNumber[end] <= '9') ++end;
            const std::string_view digits = ticketNumber.substr(i, end - i);
            if (settings.ticketNumber == NumberStyle::DigitByDigit) {
                appendWords(digitWords(digits), out);
            } else {
                // Ticket numbers have at most a few digits; a longer run would overflow, read it digit
                // by digit instead.
                if (digits.size() > 18) {
                    appendWords(digitWords(digits), out);
                } else {
                    appendWords(numberWords(std::stoull(std::string(digits)), settings.numbers), out);
                }
            }
            i = end;
            continue;
        }
        const std::size_t length =
            std::min(text::sequenceLength(static_cast<unsigned char>(c)), ticketNumber.size() - i);
        const std::string_view letter = ticketNumber.substr(i, length);
        if (const auto name = letterName(letter)) {
            out.push_back({Phrase::Kind::Word, std::string(*name), *letterClip(letter)});
        } else if (const std::string slug = clipSlug(letter); !slug.empty()) {
            // A letter without a Vietnamese name here (Ư, Ô, ...): let the synthesiser read it.
            out.push_back({Phrase::Kind::Text, std::string(letter), slug});
        }
        i += length;
    }
    return out;
}

AnnouncementTemplate::Parsed AnnouncementTemplate::parse(std::string_view text) {
    std::vector<Piece> pieces;
    std::string literal;
    bool inOptional = false;
    bool optionalHasPlaceholder = false;
    auto flushLiteral = [&] {
        if (!literal.empty()) pieces.push_back({Piece::Kind::Literal, std::move(literal)});
        literal.clear();
    };
    auto fail = [&](std::size_t position, std::string_view what) {
        return Parsed{std::nullopt, "announcement template, character " + std::to_string(position + 1) +
                                        ": " + std::string(what)};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '{') {
            const std::size_t close = text.find('}', i);
            if (close == std::string_view::npos) return fail(i, "'{' without a closing '}'");
            const std::string_view name = text.substr(i + 1, close - i - 1);
            Piece::Kind kind;
            if (name == "number")
                kind = Piece::Kind::Number;
            else if (name == "counter")
                kind = Piece::Kind::Counter;
            else if (name == "counter_name")
                kind = Piece::Kind::CounterName;
            else if (name == "field")
                kind = Piece::Kind::Field;
            else
                return fail(i, "unknown placeholder {" + std::string(name) +
                                   "} (known: {number}, {counter}, {counter_name}, {field})");
            flushLiteral();
            pieces.push_back({kind, ""});
            optionalHasPlaceholder = optionalHasPlaceholder || inOptional;
            i = close;
        } else if (c == '}') {
            return fail(i, "'}' without an opening '{'");
        } else if (c == '[') {
            if (inOptional) return fail(i, "'[' inside [...]: optional parts do not nest");
            flushLiteral();
            pieces.push_back({Piece::Kind::OptionalStart, ""});
            inOptional = true;
            optionalHasPlaceholder = false;
        } else if (c == ']') {
            if (!inOptional) return fail(i, "']' without an opening '['");
            if (!optionalHasPlaceholder) return fail(i, "[...] without a placeholder is never dropped");
            flushLiteral();
            pieces.push_back({Piece::Kind::OptionalEnd, ""});
            inOptional = false;
        } else {
            literal += c;
        }
    }
    if (inOptional) return fail(text.size(), "'[' without a closing ']'");
    flushLiteral();
    bool hasNumber = false;
    for (const Piece& piece : pieces) hasNumber = hasNumber || piece.kind == Piece::Kind::Number;
    if (!hasNumber) return fail(0, "the template must contain {number}");
    return Parsed{AnnouncementTemplate(std::string(text), std::move(pieces)), ""};
}

AnnouncementText AnnouncementTemplate::render(const TicketCall& call, const ReadingSettings& settings) const {
    auto hasValue = [&](Piece::Kind kind) {
        switch (kind) {
            case Piece::Kind::Number:
                return !trim(call.ticketNumber).empty();
            case Piece::Kind::Counter:
                return call.counterNumber.has_value() && *call.counterNumber >= 0;
            case Piece::Kind::CounterName:
                return !trim(call.counterName).empty();
            case Piece::Kind::Field:
                return !trim(call.fieldName).empty();
            default:
                return true;
        }
    };
    AnnouncementText out;
    for (std::size_t i = 0; i < m_pieces.size(); ++i) {
        const Piece& piece = m_pieces[i];
        switch (piece.kind) {
            case Piece::Kind::OptionalStart: {
                std::size_t end = i + 1;
                bool complete = true;
                for (; m_pieces[end].kind != Piece::Kind::OptionalEnd; ++end)
                    complete = complete && hasValue(m_pieces[end].kind);
                if (!complete) i = end;  // skip the whole group
                break;
            }
            case Piece::Kind::OptionalEnd:
                break;
            case Piece::Kind::Literal:
                appendText(piece.text, out.phrases);
                break;
            case Piece::Kind::Number: {
                auto words = readTicketNumber(call.ticketNumber, settings);
                out.phrases.insert(out.phrases.end(), words.begin(), words.end());
                break;
            }
            case Piece::Kind::Counter:
                if (hasValue(piece.kind)) {
                    appendWords(
                        numberWords(static_cast<std::uint64_t>(*call.counterNumber), settings.numbers),
                        out.phrases);
                }
                break;
            case Piece::Kind::CounterName:
                appendText(call.counterName, out.phrases);
                break;
            case Piece::Kind::Field:
                appendText(call.fieldName, out.phrases);
                break;
        }
    }
    // Punctuation at the very start says nothing; at the end it is kept (a final "." is a pause).
    while (!out.phrases.empty() && out.phrases.front().kind == Phrase::Kind::Pause)
        out.phrases.erase(out.phrases.begin());
    return out;
}

AnnouncementText composeAnnouncement(const TicketCall& call, const ReadingSettings& settings) {
    static const AnnouncementTemplate kTemplate =
        *AnnouncementTemplate::parse(AnnouncementTemplate::kDefault).value;
    return kTemplate.render(call, settings);
}

}  // namespace motcua::voice
