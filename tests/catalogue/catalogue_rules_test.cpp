// The rules that keep researchers' working notes away from citizens (issue 18): citizen text and
// staff notes apart, certainty and note agreeing, a check date on every procedure, and the shipped
// catalogue obeying all of it.
#include <catch2/catch.hpp>
#include <set>

#include "catalogue_support.h"
#include "queue/catalogue_files.h"
#include "text/normalize.h"
#include "text/utf8.h"

using namespace motcua::queue;
using motcua::testing::officeCatalogue;
using motcua::text::codePointCount;
using motcua::text::isNfc;

namespace {

const std::string kFieldsHeader = "code\tname\tname_en\tsort_order\tservice_code\tnote\tsource\tcertainty\n";
const std::string kFieldRow = "ho-tich\tHộ tịch\tCivil status\t1\tHT\t\tLuật Hộ tịch 2014\thigh\n";
const std::string kHeader =
    "code\tfield_code\tsort_order\tname\tlevel\tsteps\tprocessing_time\ttime_kind\ttime_days\tfee\tfee_"
    "online\t"
    "fee_rule\tsubmission_modes\tsubmission_note\tportal_url\tnotes\tsource\tcertainty\tverified_on\tstaff_"
    "note\n";

// One procedure row; each argument replaces that column's value.
struct Row {
    std::string name = "Đăng ký khai sinh";
    std::string level = "commune";
    std::string time = "Ngay trong ngày";
    std::string fee = "Miễn lệ phí";
    std::string feeOnline = "";
    std::string modes = "in_person";
    std::string notes = "";
    std::string source = "Luật Hộ tịch 2014";
    std::string certainty = "high";
    std::string verifiedOn = "2026-12-05";
    std::string staffNote = "";

    std::string text() const {
        return "1.001193\tho-tich\t1\t" + name + "\t" + level + "\t\t" + time + "\tsame_day\t\t" + fee +
               "\t" + feeOnline + "\t\t" + modes + "\t\t\t" + notes + "\t" + source + "\t" + certainty +
               "\t" + verifiedOn + "\t" + staffNote + "\n";
    }
};

std::vector<std::string> problems(const std::vector<CatalogueFile>& files) {
    std::vector<std::string> out;
    for (const auto& p : readCatalogueFiles(files, Catalogue{}).problems) out.push_back(p.format());
    return out;
}

std::vector<std::string> problemsOfRow(const Row& row) {
    return problems({{"fields.tsv", kFieldsHeader + kFieldRow}, {"procedures.tsv", kHeader + row.text()}});
}

// The 1-based column (in characters) where needle starts in line.
std::string columnIn(const std::string& line, const std::string& needle) {
    return std::to_string(codePointCount(std::string_view(line).substr(0, line.find(needle))) + 1);
}

int columnOf(const Row& row, const std::string& text) {
    return std::stoi(columnIn(row.text(), text));
}

}  // namespace

TEST_CASE("Working notes are found in text: bracketed keys and researchers' phrases, any case",
          "[catalogue][notes]") {
    const auto [text, marker, offset] = GENERATE(table<std::string, std::string, std::size_t>({
        {"Ngay trong ngày [S30]", "[S30]", 16},
        {"Miễn lệ phí (cần xác minh)", "cần xác minh", 13},
        {"Cần xác minh với Hà Nội", "Cần xác minh", 0},
        {"05 ngày làm việc – theo hiểu biết", "theo hiểu biết", 19},
        {"Chưa trích được thời hạn", "Chưa trích được", 0},
        {"Thông tin chưa được kiểm chứng; cán bộ cần đối chiếu", "cán bộ cần", 32},
        {"TODO: thời hạn", "TODO", 0},
        {"Độ tin cậy thấp", "Độ tin cậy", 0},
    }));
    CAPTURE(text);
    const auto found = findWorkingNote(text);
    REQUIRE(found);
    CHECK(found->marker == marker);
    CHECK(found->offset == offset);
}

TEST_CASE("Ordinary citizen text is not taken for a working note", "[catalogue][notes]") {
    for (const char* text : {"Ngay sau khi nhận đủ giấy tờ; nếu phải xác minh: không quá 05 ngày làm việc",
                             "Bản sao có chứng thực [nếu có]", "Mẫu số 18 (NĐ 151/2025/NĐ-CP)",
                             "Giấy tờ [bản chính]", "Đang cập nhật", ""}) {
        CAPTURE(text);
        CHECK_FALSE(findWorkingNote(text));
    }
}

TEST_CASE("Import refuses citizen text that reads like a working note, at its file, line and column",
          "[catalogue][import][notes]") {
    SECTION("a bracketed source key in the notes") {
        Row row;
        row.notes = "Từ 1/7/2025 UBND cấp xã thực hiện [S30]";
        CHECK(problemsOfRow(row) ==
              std::vector<std::string>{
                  "procedures.tsv:2:" + std::to_string(columnOf(row, "[S30]")) +
                  ": notes: '[S30]' reads like a working note; citizens see this column (put notes "
                  "for the maintainers in staff_note)"});
    }
    SECTION("'cần xác minh' in the processing time") {
        Row row;
        row.time = "03 ngày làm việc – cần xác minh";
        const auto found = problemsOfRow(row);
        REQUIRE(found.size() == 1);
        CHECK(found[0].rfind("procedures.tsv:2:" + std::to_string(columnOf(row, "cần xác minh")) +
                                 ": processing_time: 'cần xác minh' reads like a working note",
                             0) == 0);
    }
    SECTION("the refused row's documents are not reported again as belonging to an unknown procedure") {
        Row row;
        row.time = "03 ngày làm việc – cần xác minh";
        const auto found = problems({
            {"fields.tsv", kFieldsHeader + kFieldRow},
            {"procedures.tsv", kHeader + row.text()},
            {"documents.tsv", "procedure_code\tposition\tname\tform\tnote\n1.001193\t1\tTờ khai\t\t\n"},
        });
        REQUIRE(found.size() == 1);
        CHECK_THAT(found[0], Catch::Contains("processing_time: 'cần xác minh'"));
    }
    SECTION("'theo hiểu biết' in the online fee") {
        Row row;
        row.feeOnline = "0 đồng (theo hiểu biết)";
        row.modes = "in_person,online_full";
        const auto found = problemsOfRow(row);
        REQUIRE(found.size() == 1);
        CHECK_THAT(found[0],
                   Catch::StartsWith("procedures.tsv:2:" + std::to_string(columnOf(row, "theo hiểu biết")) +
                                     ": fee_online: 'theo hiểu biết'"));
    }
    SECTION("a note in a dossier document, a legal basis, a field and a synonym") {
        const std::string field =
            "chung-thuc\tChứng thực\tCertification\t2\tHT\tDanh mục chưa kiểm chứng\ts\tlow\n";
        const std::string document = "1.001193\t1\tTờ khai\t\tcần đối chiếu mẫu\n";
        const std::string legal = "1.001193\t1\tLuật Hộ tịch\t\t2014\t\tTODO\n";
        const std::string synonym = "khai sinh\tprocedure\t1.001193\t[A1] xem lại\n";
        const auto found = problems({
            {"fields.tsv", kFieldsHeader + kFieldRow + field},
            {"procedures.tsv", kHeader + Row{}.text()},
            {"documents.tsv", "procedure_code\tposition\tname\tform\tnote\n" + document},
            {"legal_basis.tsv",
             "procedure_code\tposition\tdocument\tarticles\tissued_on\teffective_on\tnote\n" + legal},
            {"synonyms.tsv", "phrase\ttarget_kind\ttarget_code\tnote\n" + synonym},
        });
        const std::string tail =
            "' reads like a working note; citizens see this column (put notes for the maintainers in source)";
        CHECK(found ==
              std::vector<std::string>{
                  "fields.tsv:3:" + columnIn(field, "chưa kiểm chứng") + ": note: 'chưa kiểm chứng" + tail,
                  "documents.tsv:2:" + columnIn(document, "cần đối chiếu") + ": note: 'cần đối chiếu" + tail,
                  "legal_basis.tsv:2:" + columnIn(legal, "TODO") + ": note: 'TODO" + tail,
                  "synonyms.tsv:2:" + columnIn(synonym, "[A1]") + ": note: '[A1]" + tail,
              });
    }
    SECTION("the same words in the staff note and the source are fine") {
        Row row;
        row.certainty = "low";
        row.source = "Kiến thức chung [S30]";
        row.staffNote = "Cần xác minh thời hạn; theo hiểu biết là 05 ngày";
        CHECK(problemsOfRow(row).empty());
    }
}

TEST_CASE("Import refuses a row whose certainty and note disagree", "[catalogue][import][notes]") {
    SECTION("medium, but the note says the confidence is low") {
        Row row;
        row.certainty = "medium";
        row.staffNote = "Nguồn: trang tổng hợp; độ tin cậy thấp";
        CHECK(problemsOfRow(row) ==
              std::vector<std::string>{
                  "procedures.tsv:2:" + std::to_string(columnOf(row, "độ tin cậy thấp")) +
                  ": certainty: the row says 'medium' but staff_note says 'độ tin cậy thấp' (low); "
                  "make them agree"});
    }
    SECTION("high, but the source is general knowledge") {
        Row row;
        row.source = "Kiến thức chung";
        const auto found = problemsOfRow(row);
        REQUIRE(found.size() == 1);
        CHECK_THAT(
            found[0],
            Catch::EndsWith("certainty: the row says 'high' but source says 'kiến thức chung' (low); make "
                            "them agree"));
    }
    SECTION("high, but the note says the facts still need checking") {
        Row row;
        row.staffNote = "Thời hạn cần xác minh";
        const auto found = problemsOfRow(row);
        REQUIRE(found.size() == 1);
        CHECK_THAT(found[0],
                   Catch::EndsWith("but staff_note says 'cần xác minh' (at most medium); make them agree"));
    }
    SECTION("a field whose source says unverified while it claims high") {
        const std::string field = "x\tX\t\t1\t\t\tchưa kiểm chứng\thigh\n";
        const auto found = problems({{"fields.tsv", kFieldsHeader + field}});
        REQUIRE(found.size() == 1);
        CHECK_THAT(found[0], Catch::StartsWith("fields.tsv:2:" + columnIn(field, "chưa") +
                                               ": certainty: the row says 'high' but source says"));
    }
    SECTION("agreeing rows pass") {
        Row low;
        low.certainty = "low";
        low.staffNote = "độ tin cậy thấp";
        Row medium;
        medium.certainty = "medium";
        medium.staffNote = "cần xác minh trên Cổng DVC Hà Nội";
        Row high;
        high.staffNote = "Đọc nguyên văn, độ tin cậy cao";
        for (const Row& row : {low, medium, high}) CHECK(problemsOfRow(row).empty());
    }
}

TEST_CASE("Every procedure needs the date its facts were last checked", "[catalogue][import][notes]") {
    Row row;
    row.verifiedOn = "";
    const auto found = problemsOfRow(row);
    REQUIRE(found.size() == 1);
    CHECK_THAT(found[0], Catch::EndsWith(
                             "verified_on: required: the date (YYYY-MM-DD) this row was last checked against "
                             "its source"));
}

TEST_CASE("Files without the columns added later still read, as empty values", "[catalogue][import]") {
    const std::string oldHeader =
        "code\tfield_code\tsort_order\tname\tsteps\tprocessing_time\ttime_kind\ttime_days\tfee\tfee_rule\t"
        "submission_modes\tsubmission_note\tportal_url\tnotes\tsource\tcertainty\tverified_on\n";
    const std::string row =
        "1.001193\tho-tich\t1\tĐăng ký khai "
        "sinh\t\tNgay\tsame_day\t\tMiễn\t\tin_person\t\t\t\ts\thigh\t2026-12-05\n";
    const auto read = readCatalogueFiles(
        {{"fields.tsv", kFieldsHeader + kFieldRow}, {"procedures.tsv", oldHeader + row}}, Catalogue{});
    REQUIRE(read.catalogue);
    const Procedure* p = read.catalogue->procedure("1.001193");
    REQUIRE(p);
    CHECK(p->level == ProcedureLevel::Unknown);
    CHECK(p->feeOnline.empty());
    CHECK(p->staffNote.empty());
}

TEST_CASE("The level, the online fee and the staff note read and write back", "[catalogue][import][export]") {
    Row row;
    row.level = "province";
    row.feeOnline = "0 đồng khi nộp trực tuyến";
    row.modes = "in_person,online_full";
    row.certainty = "medium";
    row.staffNote = "Cần xác minh trên Cổng DVC Hà Nội";
    const auto read = readCatalogueFiles(
        {{"fields.tsv", kFieldsHeader + kFieldRow}, {"procedures.tsv", kHeader + row.text()}}, Catalogue{});
    REQUIRE(read.catalogue);
    const Procedure* p = read.catalogue->procedure("1.001193");
    REQUIRE(p);
    CHECK(p->level == ProcedureLevel::Province);
    CHECK(p->feeOnline == "0 đồng khi nộp trực tuyến");
    CHECK(p->staffNote == "Cần xác minh trên Cổng DVC Hà Nội");
    std::vector<CatalogueFile> again;
    for (const auto& [name, bytes] : writeCatalogueFiles(*read.catalogue)) again.push_back({name, bytes});
    const auto reread = readCatalogueFiles(again, Catalogue{});
    REQUIRE(reread.catalogue);
    CHECK(*reread.catalogue == *read.catalogue);
    SECTION("a level that is not one of the three") {
        Row bad;
        bad.level = "district";
        const auto found = problemsOfRow(bad);
        REQUIRE(found.size() == 1);
        CHECK_THAT(found[0],
                   Catch::Contains("level: 'district' is not commune, province, ministry or empty"));
    }
}

TEST_CASE("Import refuses an online fee for a procedure the row says cannot be done online",
          "[catalogue][import]") {
    Row row;
    row.feeOnline = "0 đồng khi nộp trực tuyến";
    SECTION("in person and by post only") {
        row.modes = "in_person,post";
        const auto found = problemsOfRow(row);
        REQUIRE(found.size() == 1);
        CHECK(found[0] ==
              "procedures.tsv:2:" + std::to_string(columnOf(row, "0 đồng")) +
                  ": fee_online: given, but submission_modes 'in_person,post' has no online_full or "
                  "online_partial; add the online mode or leave fee_online empty");
    }
    SECTION("online, fully or partly, takes an online fee") {
        for (const char* modes : {"online_full", "in_person,online_partial"}) {
            row.modes = modes;
            CAPTURE(modes);
            CHECK(problemsOfRow(row).empty());
        }
    }
    SECTION("modes not known yet: the online fee may be known already") {
        row.modes = "";
        CHECK(problemsOfRow(row).empty());
    }
    SECTION("no online fee: any modes") {
        row.feeOnline = "";
        row.modes = "in_person,post";
        CHECK(problemsOfRow(row).empty());
    }
}

TEST_CASE("Import refuses a form cell that starts with a label the kiosk adds itself",
          "[catalogue][import]") {
    const auto withForm = [](const std::string& form) {
        Row row;
        return problems(
            {{"fields.tsv", kFieldsHeader + kFieldRow},
             {"procedures.tsv", kHeader + row.text()},
             {"documents.tsv",
              "procedure_code\tposition\tname\tform\tnote\n1.001193\t1\tTờ khai\t" + form + "\t\n"}});
    };
    const auto found = withForm("Mẫu: Mẫu CT01");
    REQUIRE(found.size() == 1);
    CHECK(found[0] ==
          "documents.tsv:2:" + columnIn("1.001193\t1\tTờ khai\tMẫu: Mẫu CT01\t", "Mẫu:") +
              ": form: 'Mẫu: Mẫu CT01' starts with a label; write the form's name only (\"Mẫu CT01 "
              "(TT 53/2025/TT-BCA)\"): the kiosk adds \"Mẫu:\" where it needs one");
    CHECK(withForm("Form: CT01").size() == 1);
    for (const char* fine :
         {"Mẫu CT01 (TT 53/2025/TT-BCA)", "Mẫu số 01 (QĐ 24/2021/QĐ-TTg)", "Đang cập nhật", ""}) {
        CAPTURE(fine);
        CHECK(withForm(fine).empty());
    }
}

TEST_CASE("Every text of the shipped catalogue is NFC and citizens' text carries no working note",
          "[catalogue][assets][notes]") {
    const Catalogue catalogue = officeCatalogue();
    const auto citizen = [](const std::string& where, const std::string& text) {
        CAPTURE(where, text);
        CHECK(isNfc(text));
        CHECK_FALSE(findWorkingNote(text));
        // The unit is the office's configuration, never written into the catalogue.
        CHECK(text.find("Bộ phận Một cửa") == std::string::npos);
    };
    for (const auto& f : catalogue.fields()) {
        for (const auto* text : {&f.name, &f.nameEn, &f.note}) citizen(f.code, *text);
        CHECK(isNfc(f.source));
    }
    std::size_t documents = 0;
    for (const auto& p : catalogue.procedures()) {
        for (const auto* text :
             {&p.name, &p.processingTime, &p.fee, &p.feeOnline, &p.submissionNote, &p.notes}) {
            citizen(p.code, *text);
        }
        for (const auto& s : p.steps) citizen(p.code, s);
        for (const auto& d : p.documents) {
            for (const auto* text : {&d.name, &d.form, &d.note}) citizen(p.code, *text);
            ++documents;
        }
        for (const auto& l : p.legalBasis) {
            for (const auto* text : {&l.document, &l.articles, &l.note}) citizen(p.code, *text);
        }
        CHECK(isNfc(p.source));
        CHECK(isNfc(p.staffNote));
    }
    for (const auto& s : catalogue.synonyms()) {
        citizen(s.phrase, s.phrase);
        citizen(s.phrase, s.note);
    }
    CHECK(documents > 0);
}

TEST_CASE("Every procedure of the shipped catalogue names its source and the date it was checked",
          "[catalogue][assets]") {
    const Catalogue catalogue = officeCatalogue();
    std::set<std::string> fieldsWithProcedures;
    for (const auto& p : catalogue.procedures()) {
        CAPTURE(p.code);
        CHECK(p.source.size() > 10);
        CHECK(p.verifiedOn.size() == 10);
        fieldsWithProcedures.insert(p.fieldCode);
        // A fee that a rule computes is a fee the row states.
        if (p.feeRule.kind != FeeRule::Kind::None) CHECK_FALSE(isUnknown(p.fee));
        // General knowledge never supports a stated time or fee.
        if (p.source.find("kiến thức chung") != std::string::npos) {
            CHECK(p.certainty == Certainty::Low);
            CHECK(isUnknown(p.processingTime));
            CHECK(isUnknown(p.fee));
            CHECK(p.timeKind == TimeKind::Unknown);
        }
    }
    // No field is shown without a procedure in it.
    for (const auto& f : catalogue.fields()) {
        CAPTURE(f.code);
        CHECK(fieldsWithProcedures.count(f.code) == 1);
    }
    // The fields the audit found missing or thin are there.
    for (const char* code : {"dat-dai", "ho-kinh-doanh", "bao-tro-xa-hoi", "cu-tru"}) {
        CAPTURE(code);
        CHECK(catalogue.proceduresOf(code).size() >= 1);
    }
    CHECK(catalogue.proceduresOf("dat-dai").size() >= 20);
}
