// What the voice says for a call: a template filled with the ticket number and counter, read the
// Vietnamese way, as a list of phrases that either espeak-ng reads as one sentence or the clip
// synthesiser assembles from recordings. Pure: no synthesiser, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/voice/number_reading.h"

namespace motcua::voice {

// How the digits of a ticket number are read: "A012" -> "a không một hai" or "a mười hai".
enum class NumberStyle { DigitByDigit, AsNumber };

struct ReadingSettings {
    NumberStyle ticketNumber = NumberStyle::DigitByDigit;
    NumberReading numbers{};  // for AsNumber and for the counter number
};

// One call to announce. Empty names and a missing counter leave their placeholders empty.
struct TicketCall {
    std::string ticketNumber{};          // "A012"
    std::optional<int> counterNumber{};  // 2
    std::string counterName{};           // "Tư pháp - Hộ tịch"
    std::string fieldName{};             // "Chứng thực"

    bool operator==(const TicketCall&) const = default;
};

struct Phrase {
    enum class Kind {
        Word,   // a number word or a letter name: its clip has a fixed name (see README)
        Text,   // template wording or a counter/field name: clip named by its slug, or one per word
        Pause,  // punctuation: "," or "." kept for espeak, silence between clips
    };
    Kind kind;
    std::string text;  // NFC Vietnamese as written in the template or produced by the reading
    std::string clip;  // file stem of the recorded clip; "" for Pause
    bool operator==(const Phrase&) const = default;
};

// The sentence as phrases, in order.
struct AnnouncementText {
    std::vector<Phrase> phrases;

    // The whole sentence for a speech synthesiser: phrases joined by single spaces, no space
    // before punctuation ("Kính mời ... a không một hai, đến quầy số hai").
    std::string sentence() const;
    bool empty() const noexcept { return phrases.empty(); }
};

// The file stem for a recorded phrase: lower case, Vietnamese marks removed, đ -> d, every run of
// other characters -> one "_" ("Kính mời công dân" -> "kinh_moi_cong_dan", "Quầy 2" -> "quay_2").
std::string clipSlug(std::string_view utf8Text);

// The words of a ticket number: letters by their Vietnamese names, digits per the style; other
// characters (a dash, a space) are skipped. Each word is its own Phrase::Kind::Word.
std::vector<Phrase> readTicketNumber(std::string_view ticketNumber, const ReadingSettings& settings);

// The wording of an announcement with placeholders:
//   {number}        the ticket number (per ReadingSettings)
//   {counter}       the counter number, read as a number
//   {counter_name}  the counter's name, as written
//   {field}         the field (lĩnh vực), as written
// Text in [square brackets] is dropped when a placeholder inside it has no value, so
// "đến quầy số {counter}[, {counter_name}]" reads without a dangling comma when the name is empty.
class AnnouncementTemplate {
  public:
    static constexpr std::string_view kDefault =
        "Kính mời công dân có số thứ tự {number}, đến quầy số {counter}";

    struct Parsed;
    // A template from the office configuration; a typo comes back as a message, not an exception.
    static Parsed parse(std::string_view text);

    AnnouncementText render(const TicketCall& call, const ReadingSettings& settings) const;
    const std::string& source() const noexcept { return m_source; }

  private:
    struct Piece {
        enum class Kind { Literal, Number, Counter, CounterName, Field, OptionalStart, OptionalEnd };
        Kind kind;
        std::string text;  // Literal only
    };
    AnnouncementTemplate(std::string source, std::vector<Piece> pieces)
        : m_source(std::move(source)), m_pieces(std::move(pieces)) {}

    std::string m_source;
    std::vector<Piece> m_pieces;
};

struct AnnouncementTemplate::Parsed {
    std::optional<AnnouncementTemplate> value;
    std::string error;  // English, names the position; empty when value is set
};

// The default template with default reading: what the lobby says when nothing is configured.
AnnouncementText composeAnnouncement(const TicketCall& call, const ReadingSettings& settings = {});

}  // namespace motcua::voice
