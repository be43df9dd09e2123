// The dossier receipt's code (queue/dossier_code.h), as a scanner or a person gives it.
#include "queue/dossier_code.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using motcua::queue::DossierCodeProblem;
using motcua::queue::readDossierCode;

TEST_CASE("A dossier code is read alone, in any case, or from inside a scanned URL or line",
          "[queue][dossier]") {
    const std::string code = "000.00.06.G04.250701.0501";
    for (const std::string& text : std::vector<std::string>{
             code, "000.00.06.g04.250701.0501", "  000.00.06.G04.250701.0501\r\n",
             "https://dichvucong.hanoi.gov.vn/tra-cuu-ho-so?ma=000.00.06.G04.250701.0501&x=1",
             "Mã hồ sơ: 000.00.06.G04.250701.0501.", "000.00.06.G04.250701.0501 Ngày hẹn trả: 05/07/2025"}) {
        CAPTURE(text);
        const auto r = readDossierCode(text);
        REQUIRE(r.ok());
        CHECK(*r.code == code);
    }
    CHECK(readDossierCode("H26.22.10.250229.12").problem == DossierCodeProblem::BadDate);
    CHECK(*readDossierCode("H26.22.10.240229.12").code == "H26.22.10.240229.12");  // 2024 is a leap year
    CHECK(*readDossierCode("000.00.06.G04.251231.000001").code == "000.00.06.G04.251231.000001");
}

TEST_CASE("What is not a dossier code is refused with the reason", "[queue][dossier]") {
    struct Case {
        std::string text;
        DossierCodeProblem problem;
    };
    for (const auto& c : {
             Case{"", DossierCodeProblem::Empty},
             Case{"   \t", DossierCodeProblem::Empty},
             Case{"Xin chào", DossierCodeProblem::NotACode},
             Case{"ABCDE-FGHJK", DossierCodeProblem::NotACode},                // an appointment's code
             Case{"000.00.06.G04.2507010501", DossierCodeProblem::NotACode},   // a dot lost
             Case{"000.00.06.G04.25071.0501", DossierCodeProblem::NotACode},   // five-digit day
             Case{"06.250701.0501", DossierCodeProblem::NotACode},             // no agency groups
             Case{"000.00.06.G04.250701.", DossierCodeProblem::NotACode},      // no sequence
             Case{"000.00.06.G04.250701.05O1", DossierCodeProblem::NotACode},  // letter O in the sequence
             Case{"000.00.06.GGGGGGG.250701.0501", DossierCodeProblem::NotACode},
             Case{"000.00.06.G04.251301.0501", DossierCodeProblem::BadDate},  // month 13
             Case{"000.00.06.G04.250230.0501", DossierCodeProblem::BadDate},  // 30 February
             Case{"000.00.06.G04.250229.0501", DossierCodeProblem::BadDate},  // 2025 is not a leap year
             Case{std::string(600, 'A'), DossierCodeProblem::TooLong},
         }) {
        CAPTURE(c.text);
        const auto r = readDossierCode(c.text);
        CHECK_FALSE(r.ok());
        CHECK(r.problem == c.problem);
        CHECK(std::string(motcua::queue::toString(r.problem)).size() > 4);
    }
    // A code of 70 characters is no receipt's, even in the code's shape.
    CHECK_FALSE(readDossierCode(std::string("000.00.06.G04.") + std::string(50, '1') + ".250701.0501").ok());
}
