// Numbers and letters read the Vietnamese way, as words for the voice ("1012" -> "một nghìn không
// trăm mười hai", "A" -> "a", "B" -> "bê"). Pure functions: no synthesiser, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::voice {

// The word for an empty tens place after a hundred: "một trăm linh năm" (northern, default) or
// "một trăm lẻ năm" (southern).
enum class ZeroTensWord { Linh, Le };
// "nghìn" (northern, default) or "ngàn" (southern).
enum class ThousandWord { Nghin, Ngan };

struct NumberReading {
    ZeroTensWord zeroTens = ZeroTensWord::Linh;
    ThousandWord thousand = ThousandWord::Nghin;
    // A final 4 after "mươi" read "tư" ("hai mươi tư") rather than "bốn" ("hai mươi bốn").
    bool fourAsTu = true;
};

// The words of a number, lowest unit "không" for 0. Groups of three digits are read with nghìn,
// triệu, tỷ (and nghìn tỷ, triệu tỷ, tỷ tỷ above); a group after a higher non-zero group is read in
// full ("một nghìn không trăm linh một"); an all-zero group is skipped ("một triệu không trăm linh năm").
// Rules: mười (10-19) / mươi (20-99), mốt for a final 1 after mươi, lăm for a final 5 after mười or
// mươi, linh/lẻ for an empty tens place after trăm, tư (optional) for a final 4 after mươi.
std::vector<std::string> numberWords(std::uint64_t n, const NumberReading& reading = {});
// The same words joined by single spaces.
std::string readNumber(std::uint64_t n, const NumberReading& reading = {});

// "không" .. "chín"; digit must be 0..9.
std::string_view digitWord(int digit);
// One word per ASCII digit of `digits` ("012" -> không, một, hai); other characters are skipped.
std::vector<std::string> digitWords(std::string_view digits);

// The Vietnamese name of a letter as it is read in a ticket number: A -> "a", B -> "bê", C -> "xê",
// D -> "dê", Đ -> "đê", F -> "ép", L -> "e lờ", Y -> "i dài", ... Takes one UTF-8 letter, either case
// (ASCII A-Z, Đ/đ); nullopt for anything else.
std::optional<std::string_view> letterName(std::string_view utf8Letter);
// The file name stem of a recorded letter clip: "chu-a" .. "chu-z", "chu-dd" for Đ (see
// assets/voice/README.md). The fixed vocabulary has hyphens, which clipSlug() never produces, so an
// office's own wording can never take a letter's or number's clip. nullopt when letterName() has no
// name for it.
std::optional<std::string> letterClip(std::string_view utf8Letter);
// The clip stem of a word that numberWords()/digitWords() produce ("một" -> "so-1", "mươi" ->
// "so-muoi-ngang", "mốt" -> "so-mot-sac", ...); nullopt for any other word.
std::optional<std::string_view> numberWordClip(std::string_view word);

}  // namespace motcua::voice
