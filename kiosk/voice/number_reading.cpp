#include "kiosk/voice/number_reading.h"

#include <array>
#include <stdexcept>
#include <utility>

namespace motcua::voice {
namespace {

constexpr std::array<std::string_view, 10> kDigits = {"không", "một", "hai", "ba",  "bốn",
                                                      "năm",   "sáu", "bảy", "tám", "chín"};

struct LetterEntry {
    std::string_view upper;
    std::string_view lower;
    std::string_view name;
    std::string_view clip;
};

// Names as taught in Vietnamese schools; F, J, W, Z are the usual readings of the foreign letters.
constexpr std::array<LetterEntry, 27> kLetters = {{
    {"A", "a", "a", "chu-a"},      {"B", "b", "bê", "chu-b"},    {"C", "c", "xê", "chu-c"},
    {"D", "d", "dê", "chu-d"},     {"Đ", "đ", "đê", "chu-dd"},   {"E", "e", "e", "chu-e"},
    {"F", "f", "ép", "chu-f"},     {"G", "g", "giê", "chu-g"},   {"H", "h", "hát", "chu-h"},
    {"I", "i", "i", "chu-i"},      {"J", "j", "gi", "chu-j"},    {"K", "k", "ca", "chu-k"},
    {"L", "l", "e lờ", "chu-l"},   {"M", "m", "em mờ", "chu-m"}, {"N", "n", "en nờ", "chu-n"},
    {"O", "o", "o", "chu-o"},      {"P", "p", "pê", "chu-p"},    {"Q", "q", "quy", "chu-q"},
    {"R", "r", "e rờ", "chu-r"},   {"S", "s", "ét xì", "chu-s"}, {"T", "t", "tê", "chu-t"},
    {"U", "u", "u", "chu-u"},      {"V", "v", "vê", "chu-v"},    {"W", "w", "vê kép", "chu-w"},
    {"X", "x", "ích xì", "chu-x"}, {"Y", "y", "i dài", "chu-y"}, {"Z", "z", "dét", "chu-z"},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kNumberWordClips = {{
    {"không", "so-0"},     {"một", "so-1"},     {"hai", "so-2"},       {"ba", "so-3"},
    {"bốn", "so-4"},       {"năm", "so-5"},     {"sáu", "so-6"},       {"bảy", "so-7"},
    {"tám", "so-8"},       {"chín", "so-9"},    {"mười", "so-muoi"},   {"mươi", "so-muoi-ngang"},
    {"mốt", "so-mot-sac"}, {"lăm", "so-lam"},   {"tư", "so-tu"},       {"linh", "so-linh"},
    {"lẻ", "so-le"},       {"trăm", "so-tram"}, {"nghìn", "so-nghin"}, {"ngàn", "so-ngan"},
    {"triệu", "so-trieu"}, {"tỷ", "so-ty"},
}};

void add(std::vector<std::string>& words, std::string_view word) {
    words.emplace_back(word);
}

// One group of three digits. `full`: a higher group was read before, so the hundreds and an empty
// tens place are spoken even when zero ("không trăm linh năm").
void readGroup(unsigned group, bool full, const NumberReading& reading, std::vector<std::string>& words) {
    const unsigned hundreds = group / 100;
    const unsigned tens = group / 10 % 10;
    const unsigned units = group % 10;
    const bool saidHundreds = hundreds > 0 || full;
    if (saidHundreds) {
        add(words, kDigits[hundreds]);
        add(words, "trăm");
    }
    if (tens == 0 && units == 0) return;
    if (tens == 0) {
        if (saidHundreds) add(words, reading.zeroTens == ZeroTensWord::Linh ? "linh" : "lẻ");
        add(words, kDigits[units]);
        return;
    }
    if (tens == 1) {
        add(words, "mười");
        if (units == 5)
            add(words, "lăm");
        else if (units != 0)
            add(words, kDigits[units]);
        return;
    }
    add(words, kDigits[tens]);
    add(words, "mươi");
    if (units == 0) return;
    if (units == 1)
        add(words, "mốt");
    else if (units == 4 && reading.fourAsTu)
        add(words, "tư");
    else if (units == 5)
        add(words, "lăm");
    else
        add(words, kDigits[units]);
}

}  // namespace

std::vector<std::string> numberWords(std::uint64_t n, const NumberReading& reading) {
    std::vector<std::string> words;
    if (n == 0) {
        add(words, kDigits[0]);
        return words;
    }
    std::vector<unsigned> groups;  // lowest first
    for (std::uint64_t rest = n; rest > 0; rest /= 1000) groups.push_back(static_cast<unsigned>(rest % 1000));
    const std::string_view thousand = reading.thousand == ThousandWord::Nghin ? "nghìn" : "ngàn";
    bool higherSaid = false;
    for (std::size_t i = groups.size(); i-- > 0;) {
        if (groups[i] == 0) continue;
        readGroup(groups[i], higherSaid, reading, words);
        higherSaid = true;
        // Scale words: 1 nghìn, 2 triệu, 3 tỷ, 4 nghìn tỷ, 5 triệu tỷ, 6 tỷ tỷ (uint64 ends there).
        switch (i) {
            case 0:
                break;
            case 1:
                add(words, thousand);
                break;
            case 2:
                add(words, "triệu");
                break;
            case 3:
                add(words, "tỷ");
                break;
            case 4:
                add(words, thousand);
                add(words, "tỷ");
                break;
            case 5:
                add(words, "triệu");
                add(words, "tỷ");
                break;
            case 6:
                add(words, "tỷ");
                add(words, "tỷ");
                break;
            default:
                throw std::logic_error("numberWords: more groups than a 64-bit number has");
        }
    }
    return words;
}

std::string readNumber(std::uint64_t n, const NumberReading& reading) {
    std::string out;
    for (const std::string& word : numberWords(n, reading)) {
        if (!out.empty()) out += ' ';
        out += word;
    }
    return out;
}

std::string_view digitWord(int digit) {
    if (digit < 0 || digit > 9) throw std::out_of_range("digitWord: not a digit");
    return kDigits[static_cast<std::size_t>(digit)];
}

std::vector<std::string> digitWords(std::string_view digits) {
    std::vector<std::string> words;
    for (char c : digits) {
        if (c >= '0' && c <= '9') add(words, kDigits[static_cast<std::size_t>(c - '0')]);
    }
    return words;
}

std::optional<std::string_view> letterName(std::string_view utf8Letter) {
    for (const LetterEntry& entry : kLetters) {
        if (utf8Letter == entry.upper || utf8Letter == entry.lower) return entry.name;
    }
    return std::nullopt;
}

std::optional<std::string> letterClip(std::string_view utf8Letter) {
    for (const LetterEntry& entry : kLetters) {
        if (utf8Letter == entry.upper || utf8Letter == entry.lower) return std::string(entry.clip);
    }
    return std::nullopt;
}

std::optional<std::string_view> numberWordClip(std::string_view word) {
    for (const auto& [text, clip] : kNumberWordClips) {
        if (word == text) return clip;
    }
    return std::nullopt;
}

}  // namespace motcua::voice
