#include "queue/citizen_card.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "queue/file_access.h"
#include "queue/file_mode.h"
#include "text/ascii.h"

namespace motcua::queue {

using motcua::text::isDigits;

namespace {

int digitsValue(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

bool isLeap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysIn(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

// "ddmmyyyy", as the card's QR writes dates.
std::optional<CivilDate> parseCardDate(std::string_view s) {
    if (s.size() != 8 || !isDigits(s)) return std::nullopt;
    return civilDate(digitsValue(s.substr(4, 4)), digitsValue(s.substr(2, 2)), digitsValue(s.substr(0, 2)));
}

std::string_view trim(std::string_view s) {
    const auto space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> splitFields(std::string_view s) {
    auto fields = motcua::text::split(s, '|');
    for (auto& f : fields) f = trim(f);
    return fields;
}

// The personal identification number: 12 digits.
std::optional<CardProblem> numberProblem(std::string_view number) {
    if (number.empty()) return CardProblem::NumberWrongLength;
    if (!isDigits(number)) return CardProblem::NumberNotDigits;
    if (number.size() != 12) return CardProblem::NumberWrongLength;
    return std::nullopt;
}

CardReading refuse(CardProblem p) {
    return CardReading{std::nullopt, p};
}

}  // namespace

const char* toString(CardProblem problem) {
    switch (problem) {
        case CardProblem::Empty:
            return "empty";
        case CardProblem::NotCardLayout:
            return "not a card's QR layout";
        case CardProblem::NumberNotDigits:
            return "the ID number has characters that are not digits";
        case CardProblem::NumberWrongLength:
            return "the ID number is not 12 digits";
        case CardProblem::BadDate:
            return "a date is not a real ddmmyyyy date";
        case CardProblem::NumberDoesNotMatch:
            return "the ID number does not match the birth date";
    }
    return "?";
}

std::optional<CivilDate> civilDate(int y, int m, int d) {
    if (y < 1800 || y > 2999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return std::nullopt;
    return CivilDate{y, m, d};
}

std::optional<CivilDate> parseIsoDate(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    const auto y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
    if (!isDigits(y) || !isDigits(m) || !isDigits(d)) return std::nullopt;
    return civilDate(digitsValue(y), digitsValue(m), digitsValue(d));
}

// The layouts of the card's QR, as public sources give them:
//  - 7 fields: số CCCD | số CMND cũ (9 digits, empty when the citizen never had one) | họ và tên |
//    ngày sinh ddmmyyyy | giới tính | nơi thường trú | ngày cấp ddmmyyyy. The fields are listed in
//    Báo Bà Rịa - Vũng Tàu, 12/2022 ("Số CCCD, số CMND 9 số; họ và tên; ngày sinh; giới tính; nơi
//    thường trú; ngày cấp CCCD", baobariavungtau.com.vn/phap-luat/202212/...-968058/) and read in
//    this order by the public readers dangbaokhoa/identity-card (README) and others.
//  - 6 fields, without the old ID number: số | họ tên | ngày sinh | giới tính | địa chỉ | ngày cấp
//    (phalconsupply/phongkham docs/QR_SCANNER.md).
// The number (số định danh cá nhân, 12 digits): 3 digits of the province or country of birth
// registration, 1 digit of century and sex, 2 digits of the birth year, 6 random digits
// (Nghị định 137/2015/NĐ-CP Điều 13; Thông tư 59/2021/TT-BCA Điều 4). Century and sex: 0/1 born
// 1900-1999 (male/female), 2/3 born 2000-2099, 4/5 2100-2199, 6/7 2200-2299, 8/9 2300-2399 (as
// quoted by phunutoday.vn, "Số CCCD gắn chip chứa thông tin gì về chủ thẻ?"). The number has no
// check digit; the century and birth-year digits against the birth date are the check we can make.
// Not checked: the province codes (the list is not in our sources) and the QR of the 2024 căn cước
// card (Luật Căn cước 2023), whose layout no source we read gives.
CardReading readCitizenCard(std::string_view text, const CivilDate& today) {
    text = trim(text);
    if (text.empty()) return refuse(CardProblem::Empty);
    auto fields = splitFields(text);
    if (fields.size() == 8 && fields.back().empty()) fields.pop_back();  // a trailing '|'
    if (fields.size() != 6 && fields.size() != 7) return refuse(CardProblem::NotCardLayout);
    const bool withOldId = fields.size() == 7;
    const std::string_view number = fields[0];
    const std::size_t first = withOldId ? 2 : 1;  // the name
    const std::string_view name = fields[first], birth = fields[first + 1], sex = fields[first + 2],
                           issued = fields[first + 4];
    if (withOldId && !fields[1].empty() &&
        (!isDigits(fields[1]) || (fields[1].size() != 9 && fields[1].size() != 12)))
        return refuse(CardProblem::NotCardLayout);
    if (name.empty() || sex.empty()) return refuse(CardProblem::NotCardLayout);
    if (const auto problem = numberProblem(number)) return refuse(*problem);
    const auto birthDate = parseCardDate(birth);
    const auto issueDate = parseCardDate(issued);
    if (!birthDate || !issueDate || *birthDate > *issueDate) return refuse(CardProblem::BadDate);
    auto reading = checkCitizenCard(CitizenCard{std::string(number), *birthDate}, today);
    if (!reading.ok()) return reading;
    // Sex: even codes are male, odd female. Checked only when the field reads plainly (a scanner on
    // another keyboard layout may garble "Nữ").
    const int centuryAndSex = number[3] - '0';
    if ((sex == "Nam" && centuryAndSex % 2 != 0) || (sex == "Nữ" && centuryAndSex % 2 == 0))
        return refuse(CardProblem::NumberDoesNotMatch);
    return reading;
}

CardReading checkCitizenCard(const CitizenCard& card, const CivilDate& today) {
    const std::string_view number = card.number;
    if (const auto problem = numberProblem(number)) return refuse(*problem);
    if (!civilDate(card.birthDate.year, card.birthDate.month, card.birthDate.day) || card.birthDate > today)
        return refuse(CardProblem::BadDate);
    const int centuryAndSex = number[3] - '0';
    const int year = 1900 + 100 * (centuryAndSex / 2) + digitsValue(number.substr(4, 2));
    if (year != card.birthDate.year) return refuse(CardProblem::NumberDoesNotMatch);
    return CardReading{card, CardProblem::Empty};
}

bool isElderly(const CivilDate& birth, const CivilDate& today) {
    const int years = today.year - birth.year;
    if (years != kElderlyAge) return years > kElderlyAge;
    return std::pair(today.month, today.day) >= std::pair(birth.month, birth.day);
}

CitizenKey CitizenKey::load(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        throw CitizenKeyError(fmt::format("{}: citizen key file: {}", path.string(), std::strerror(errno)));
    if ((st.st_mode & 0007) != 0)
        throw CitizenKeyError(
            fmt::format("{}: citizen key file: others may read it (mode {:o}); run chmod o-rwx on it",
                        path.string(), st.st_mode & 07777));
    std::string text;
    try {
        text = readRegularFile(path, 256);
    } catch (const FileAccessError& e) {
        throw CitizenKeyError(fmt::format("{}: citizen key file: {}", path.string(), e.reason()));
    }
    const auto hex = trim(text);
    CitizenKey key;
    std::size_t length = 0;
    if (hex.size() != 64 ||
        sodium_hex2bin(key.m_key.data(), key.m_key.size(), hex.data(), hex.size(), nullptr, &length,
                       nullptr) != 0 ||
        length != key.m_key.size())
        throw CitizenKeyError(
            fmt::format("{}: citizen key file: not a key (64 hex digits expected)", path.string()));
    return key;
}

std::pair<CitizenKey, bool> CitizenKey::loadOrCreate(const std::filesystem::path& path) {
    if (sodium_init() < 0) throw CitizenKeyError("libsodium could not be initialised");
    bool created = false;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        std::array<unsigned char, 32> bytes{};
        randombytes_buf(bytes.data(), bytes.size());
        std::array<char, 65> hex{};
        sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
        sodium_memzero(bytes.data(), bytes.size());
        std::string line(hex.data());
        line += '\n';
        const bool written =
            ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
        ::close(fd);
        if (!written) {
            std::filesystem::remove(path);
            throw CitizenKeyError(fmt::format("{}: citizen key file: could not be written", path.string()));
        }
        restrictAccess(path, FileRole::Backup);  // 0640 with group motcua, else 0600
        created = true;
    } else if (errno != EEXIST) {
        throw CitizenKeyError(
            fmt::format("{}: citizen key file: cannot be created: {}", path.string(), std::strerror(errno)));
    }
    return {load(path), created};
}

std::string CitizenKey::idOf(std::string_view number) const {
    std::array<unsigned char, 32> out{};
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(number.data()),
                       number.size(), m_key.data(), m_key.size());
    std::array<char, 65> hex{};
    sodium_bin2hex(hex.data(), hex.size(), out.data(), out.size());
    return std::string(hex.data());
}

}  // namespace motcua::queue
