// Reading the citizen's ID card from its QR text, the elderly priority from the birth date, and the
// office's key for citizen ids.
#include "queue/citizen_card.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "support/test_support.h"

using namespace motcua::queue;
using motcua::testing::TempDir;

namespace {

const CivilDate kToday{2026, 11, 30};
// A made-up citizen: born 12/03/1966, female (century-and-sex digit 1, birth-year digits 66).
const std::string kNumber = "001166012345";
const std::string kSeven =
    kNumber + "|012345678|Nguyễn Thị Thử|12031966|Nữ|Số 1 phố Thử, phường Ngô Quyền|15042021";
const std::string kSix = kNumber + "|Nguyễn Thị Thử|12031966|Nữ|Số 1 phố Thử, phường Ngô Quyền|15042021";

CardProblem problemOf(const std::string& text) {
    const auto r = readCitizenCard(text, kToday);
    REQUIRE_FALSE(r.ok());
    return r.problem;
}

}  // namespace

TEST_CASE("The 7-field layout gives the number and the birth date, nothing else", "[citizen][card]") {
    const auto r = readCitizenCard(kSeven, kToday);
    REQUIRE(r.ok());
    CHECK(r.card->number == kNumber);
    CHECK(r.card->birthDate == CivilDate{1966, 3, 12});
}

TEST_CASE("The 6-field layout without the old ID number reads the same", "[citizen][card]") {
    const auto r = readCitizenCard(kSix, kToday);
    REQUIRE(r.ok());
    CHECK(r.card->number == kNumber);
    CHECK(r.card->birthDate == CivilDate{1966, 3, 12});
}

TEST_CASE("Card text is read tolerantly", "[citizen][card]") {
    SECTION("an empty old ID number (a citizen who never had one)") {
        const auto r = readCitizenCard("001201012345||Trần Văn B|01012001|Nam|Hà Nội|02022022", kToday);
        REQUIRE(r.ok());
        CHECK(r.card->birthDate == CivilDate{2001, 1, 1});
    }
    SECTION("CR/LF, spaces around fields, a trailing bar") {
        CHECK(readCitizenCard(" " + kSeven + "\r\n", kToday).ok());
        CHECK(readCitizenCard(kSeven + "|", kToday).ok());
        CHECK(
            readCitizenCard("001166012345 | 012345678 |Nguyễn Thị Thử| 12031966 |Nữ|Hà Nội|15042021", kToday)
                .ok());
    }
    SECTION("a name and address garbled by a scanner on another keyboard layout") {
        CHECK(readCitizenCard(kNumber + "|012345678|Nguy?n Th? Th?|12031966|N?|S? 1 ph? Th?|15042021", kToday)
                  .ok());
    }
}

TEST_CASE("Malformed, truncated and inconsistent card text is refused", "[citizen][card]") {
    SECTION("empty") {
        CHECK(problemOf("  \r\n") == CardProblem::Empty);
    }
    SECTION("not a card's QR") {
        CHECK(problemOf("https://dichvucong.gov.vn") == CardProblem::NotCardLayout);
        CHECK(problemOf("000.00.06.G04.250701.0501") == CardProblem::NotCardLayout);
        CHECK(problemOf(kNumber + "|a|b|c") == CardProblem::NotCardLayout);
    }
    SECTION("truncated reads") {
        for (std::size_t cut : {12u, 25u, 40u, 58u, 70u, static_cast<unsigned>(kSeven.size() - 3)}) {
            CAPTURE(cut);
            CHECK_FALSE(readCitizenCard(kSeven.substr(0, cut), kToday).ok());
        }
        // Cut just before the issue date's last digit: a 7-digit date.
        CHECK(problemOf(kSeven.substr(0, kSeven.size() - 1)) == CardProblem::BadDate);
    }
    SECTION("a number with letters or the wrong length") {
        CHECK(problemOf("00116601234O|012345678|A|12031966|Nữ|B|15042021") == CardProblem::NumberNotDigits);
        CHECK(problemOf("00116601234|012345678|A|12031966|Nữ|B|15042021") == CardProblem::NumberWrongLength);
        CHECK(problemOf("0011660123456|012345678|A|12031966|Nữ|B|15042021") ==
              CardProblem::NumberWrongLength);
        CHECK(problemOf("|012345678|A|12031966|Nữ|B|15042021") == CardProblem::NumberWrongLength);
    }
    SECTION("an old ID number that is not one") {
        CHECK(problemOf(kNumber + "|01234x678|A|12031966|Nữ|B|15042021") == CardProblem::NotCardLayout);
        CHECK(problemOf(kNumber + "|0123|A|12031966|Nữ|B|15042021") == CardProblem::NotCardLayout);
    }
    SECTION("dates that are not real, or out of order") {
        CHECK(problemOf(kNumber + "|012345678|A|31021966|Nữ|B|15042021") == CardProblem::BadDate);
        CHECK(problemOf(kNumber + "|012345678|A|1966-03-12|Nữ|B|15042021") == CardProblem::BadDate);
        CHECK(problemOf(kNumber + "|012345678|A|12031966|Nữ|B|15041960") == CardProblem::BadDate);
        CHECK(problemOf("001326012345|012345678|A|01122026|Nữ|B|02122026") ==
              CardProblem::BadDate);  // born tomorrow
    }
    SECTION("a number whose century, sex or birth-year digits disagree with the card (the number's check)") {
        CHECK(problemOf("001167012345|012345678|A|12031966|Nữ|B|15042021") ==
              CardProblem::NumberDoesNotMatch);
        CHECK(problemOf("001366012345|012345678|A|12031966|Nữ|B|15042021") ==
              CardProblem::NumberDoesNotMatch);
        CHECK(problemOf("001066012345|012345678|A|12031966|Nữ|B|15042021") ==
              CardProblem::NumberDoesNotMatch);
        CHECK(problemOf("001166012345|012345678|A|12031966|Nam|B|15042021") ==
              CardProblem::NumberDoesNotMatch);
    }
}

TEST_CASE("A card read by a chip reader is checked as its QR would be", "[citizen][card]") {
    const auto ok = checkCitizenCard(CitizenCard{kNumber, {1966, 3, 12}}, kToday);
    REQUIRE(ok.ok());
    CHECK(ok.card->number == kNumber);
    CHECK(ok.card->birthDate == CivilDate{1966, 3, 12});
    const auto problem = [](const std::string& number, CivilDate birth) {
        const auto r = checkCitizenCard(CitizenCard{number, birth}, kToday);
        REQUIRE_FALSE(r.ok());
        return r.problem;
    };
    CHECK(problem("", {1966, 3, 12}) == CardProblem::NumberWrongLength);
    CHECK(problem("00116601234", {1966, 3, 12}) == CardProblem::NumberWrongLength);
    CHECK(problem("0011660123456", {1966, 3, 12}) == CardProblem::NumberWrongLength);
    CHECK(problem("00116601234X", {1966, 3, 12}) == CardProblem::NumberNotDigits);
    CHECK(problem(kNumber, {1966, 2, 30}) == CardProblem::BadDate);         // not a real date
    CHECK(problem("001226012345", {2026, 12, 1}) == CardProblem::BadDate);  // after today
    CHECK(problem(kNumber, {1967, 3, 12}) == CardProblem::NumberDoesNotMatch);
    CHECK(problem("001366012345", {1966, 3, 12}) == CardProblem::NumberDoesNotMatch);  // 2066 by its digits
}

TEST_CASE("Elderly priority from the birth date: from the 60th birthday, on the office's date",
          "[citizen][card]") {
    CHECK(isElderly({1966, 11, 30}, kToday));
    CHECK(isElderly({1966, 11, 29}, kToday));
    CHECK_FALSE(isElderly({1966, 12, 1}, kToday));
    CHECK(isElderly({1930, 1, 1}, kToday));
    CHECK_FALSE(isElderly({2001, 1, 1}, kToday));
    // Born 29/02/1964: 60 on 29/02/2024.
    CHECK(isElderly({1964, 2, 29}, {2024, 2, 29}));
    CHECK_FALSE(isElderly({1964, 2, 29}, {2024, 2, 28}));
    // Born 29/02/2040: 2100 has no 29 February, so 60 on 1 March.
    CHECK_FALSE(isElderly({2040, 2, 29}, {2100, 2, 28}));
    CHECK(isElderly({2040, 2, 29}, {2100, 3, 1}));
    CHECK(parseIsoDate("2026-11-30") == CivilDate{2026, 11, 30});
    CHECK_FALSE(parseIsoDate("2026-02-30"));
}

TEST_CASE("The office's key is created once, private, and gives stable ids that hide the number",
          "[citizen][key]") {
    TempDir dir;
    const auto path = dir.path() / "citizen.key";
    auto [key, created] = CitizenKey::loadOrCreate(path);
    CHECK(created);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0077 & ~0040) == 0);  // 0600, or 0640 with the motcua group
    CHECK((st.st_mode & 0007) == 0);

    const auto id = key.idOf(kNumber);
    CHECK(id.size() == 64);
    CHECK(id.find(kNumber) == std::string::npos);
    CHECK(key.idOf(kNumber) == id);
    CHECK(key.idOf("001166012346") != id);

    auto [again, createdAgain] = CitizenKey::loadOrCreate(path);
    CHECK_FALSE(createdAgain);
    CHECK(again.idOf(kNumber) == id);

    TempDir other;
    auto [otherKey, otherCreated] = CitizenKey::loadOrCreate(other.path() / "citizen.key");
    CHECK(otherKey.idOf(kNumber) != id);  // another office's key: ids do not match across offices

    SECTION("a key file others may read is refused") {
        REQUIRE(::chmod(path.c_str(), 0644) == 0);
        CHECK_THROWS_AS(CitizenKey::load(path), CitizenKeyError);
    }
    SECTION("a damaged or missing key file is refused") {
        std::ofstream(path, std::ios::trunc) << "not a key\n";
        CHECK_THROWS_AS(CitizenKey::load(path), CitizenKeyError);
        CHECK_THROWS_AS(CitizenKey::load(dir.path() / "none.key"), CitizenKeyError);
    }
}
