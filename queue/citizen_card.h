// The citizen's ID card (căn cước / căn cước công dân, CCCD) as its QR code reads, and the keyed hash
// that is all motcua ever keeps of it.
//
// Personal data (Nghị định 13/2023/NĐ-CP): the card's QR carries the number, the old 9-digit ID
// number, name, birth date, sex, address and date of issue. The parser checks them and keeps only
// the number and the birth date, for as long as the kiosk needs them for one visit; the store only
// ever receives CitizenKey::idOf(number), a keyed hash that cannot be turned back into the number
// without the office's key file. Nothing here prints, logs or formats a card's fields.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace motcua::queue {

// A calendar date (proleptic Gregorian).
struct CivilDate {
    int year = 0;
    int month = 0;
    int day = 0;
    friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};
// The date, when it is a real one (years 1800-2999).
std::optional<CivilDate> civilDate(int year, int month, int day);
// "YYYY-MM-DD" (the business day) -> the date; nullopt when it is not a real date.
std::optional<CivilDate> parseIsoDate(std::string_view text);

// What the kiosk keeps of a scanned card during one visit (never stored, printed or logged).
struct CitizenCard {
    std::string number;  // the 12-digit personal identification number
    CivilDate birthDate;
};

enum class CardProblem {
    Empty,          // nothing but spaces
    NotCardLayout,  // not the fields of a card's QR (another QR, a cut-off read)
    NumberNotDigits,
    NumberWrongLength,
    BadDate,            // a date that is not ddmmyyyy, not a real date, or in the wrong order
    NumberDoesNotMatch  // the number's century/sex and birth-year digits disagree with the card's fields
};
const char* toString(CardProblem problem);

struct CardReading {
    std::optional<CitizenCard> card;
    CardProblem problem = CardProblem::Empty;  // when there is no card
    bool ok() const noexcept { return card.has_value(); }
};

// Reads the text of a card's QR (as a keyboard-wedge scanner types it, without the final Enter).
// Tolerant of spaces around fields, a trailing CR/LF or '|', and an unreadable name or address (a
// scanner set to another keyboard layout garbles Vietnamese letters): only the number and the dates
// are checked. Both layouts in use are read (see the .cpp for the sources). today: the office's date
// (a birth date after it is refused).
CardReading readCitizenCard(std::string_view text, const CivilDate& today);
// The checks readCitizenCard makes of the number and the birth date, for a card read another way (a
// chip reader, card_reader.h in the kiosk): 12 digits, a birth date not after today, and the number's
// century and birth-year digits agreeing with it. The card back when it passes, else the problem.
CardReading checkCitizenCard(const CitizenCard& card, const CivilDate& today);

// Người cao tuổi: a Vietnamese citizen "từ đủ 60 tuổi trở lên" (Luật Người cao tuổi 2009, Điều 2),
// on the office's date. Born on 29 February: 60 from 1 March of a year that has no 29 February.
inline constexpr int kElderlyAge = 60;
bool isElderly(const CivilDate& birthDate, const CivilDate& today);

// The key file could not be created or read, or is not safe to use. One line for the installer.
class CitizenKeyError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The office's secret key for citizen ids: 32 random bytes, hex in a file of its own (not in the
// database, so a copy of the database alone cannot be matched against ID numbers). Every kiosk of
// the office needs the same file. Created by `motcua init` with mode 0600 (0640 and group motcua
// when that group exists); a key file that others may read is refused.
class CitizenKey {
  public:
    // Reads the key at path; throws CitizenKeyError when it is missing, malformed or world-readable.
    static CitizenKey load(const std::filesystem::path& path);
    // Creates the key at path when there is none (never replaces one: every stored id depends on
    // it), then loads it. Returns the key and whether it was created now.
    static std::pair<CitizenKey, bool> loadOrCreate(const std::filesystem::path& path);

    // The citizen's id in the store: BLAKE2b (libsodium crypto_generichash, 32 bytes) of the
    // 12-digit number, keyed with the office's key; 64 hex digits.
    std::string idOf(std::string_view number) const;

  private:
    CitizenKey() = default;
    std::array<unsigned char, 32> m_key{};
};

}  // namespace motcua::queue
