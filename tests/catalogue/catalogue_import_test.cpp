#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "catalogue_support.h"
#include "queue/catalogue_files.h"
#include "queue/sqlite.h"
#include "queue/store.h"

using namespace motcua::queue;
using motcua::testing::officeCatalogue;
using motcua::testing::officeCatalogueFiles;
using motcua::testing::readFile;
using motcua::testing::runCli;
using motcua::testing::TempDir;
using motcua::testing::writeFile;

namespace {

const std::string kFieldsHeader = "code\tname\tname_en\tsort_order\tservice_code\tnote\tsource\tcertainty\n";
const std::string kFieldRow = "ho-tich\tHộ tịch\tCivil status\t1\tHT\t\tLuật Hộ tịch 2014\thigh\n";
const std::string kProceduresHeader =
    "code\tfield_code\tsort_order\tname\tsteps\tprocessing_time\ttime_kind\ttime_days\tfee\tfee_rule\t"
    "submission_modes\tsubmission_note\tportal_url\tnotes\tsource\tcertainty\tverified_on\n";

std::string procedureRow(const std::string& code, const std::string& field = "ho-tich") {
    return code + "\t" + field +
           "\t1\tĐăng ký khai sinh\tNộp tờ khai | Nhận giấy khai sinh\tNgay trong ngày\tsame_day\t\tMiễn lệ "
           "phí\t\t"
           "in_person,online_full\t\thttps://dichvucong.gov.vn\t\tLuật Hộ tịch 2014\thigh\t2025-11-01\n";
}

std::vector<CatalogueProblem> problemsOf(const std::vector<CatalogueFile>& files) {
    return readCatalogueFiles(files, Catalogue{}).problems;
}

std::vector<std::string> formatted(const std::vector<CatalogueProblem>& problems) {
    std::vector<std::string> out;
    for (const auto& p : problems) out.push_back(p.format());
    return out;
}

}  // namespace

TEST_CASE("A clean pair of files reads without problems", "[catalogue][import]") {
    const auto read = readCatalogueFiles({{"fields.tsv", kFieldsHeader + kFieldRow},
                                          {"procedures.tsv", kProceduresHeader + procedureRow("1.001193")}},
                                         Catalogue{});
    CHECK(read.problems.empty());
    REQUIRE(read.catalogue);
    const Procedure* p = read.catalogue->procedure("1.001193");
    REQUIRE(p);
    CHECK(p->steps == std::vector<std::string>{"Nộp tờ khai", "Nhận giấy khai sinh"});
    CHECK(p->submissionModes ==
          std::vector<SubmissionMode>{SubmissionMode::InPerson, SubmissionMode::OnlineFull});
}

TEST_CASE("Import problems are located by file, line and column", "[catalogue][import]") {
    SECTION("a missing column in the header") {
        std::string header = kProceduresHeader;
        header.replace(header.find("\tfee\t"), 4, "");
        const auto problems = formatted(problemsOf({{"procedures.tsv", header}}));
        const int end = static_cast<int>(header.size());  // ASCII; one past the last character
        CHECK(problems ==
              std::vector<std::string>{"procedures.tsv:1:" + std::to_string(end) + ": missing column 'fee'"});
    }
    SECTION("an extra column in the header") {
        const std::string header =
            "code\tname\tcolour\tname_en\tsort_order\tservice_code\tnote\tsource\tcertainty\n";
        const auto problems = formatted(problemsOf({{"fields.tsv", header}}));
        REQUIRE(problems.size() == 1);
        CHECK_THAT(problems[0],
                   Catch::StartsWith("fields.tsv:1:11: extra column 'colour' (the columns are: code, name"));
    }
    SECTION("a row with an extra cell") {
        const auto problems =
            formatted(problemsOf({{"fields.tsv", kFieldsHeader + "x\tX\t\t1\t\t\ts\thigh\tlate\n"}}));
        CHECK(problems == std::vector<std::string>{
                              "fields.tsv:2:17: extra column: the row has 9 cells, the header has 8"});
    }
    SECTION("a row with a missing cell") {
        const auto problems = formatted(problemsOf({{"fields.tsv", kFieldsHeader + "x\tX\t\t1\t\t\ts\n"}}));
        CHECK(problems ==
              std::vector<std::string>{
                  "fields.tsv:2:11: missing column 'certainty': the row has 7 cells, the header has 8"});
    }
    SECTION("a duplicate procedure code") {
        const auto problems = formatted(problemsOf(
            {{"fields.tsv", kFieldsHeader + kFieldRow},
             {"procedures.tsv", kProceduresHeader + procedureRow("1.001193") + procedureRow("1.001193")}}));
        CHECK(problems ==
              std::vector<std::string>{
                  "procedures.tsv:3:1: duplicate procedure code '1.001193' (first at procedures.tsv:2)"});
    }
    SECTION("a duplicate field code across two files") {
        const auto problems = formatted(problemsOf({{"fields.tsv", kFieldsHeader + kFieldRow},
                                                    {"fields-extra.tsv", kFieldsHeader + "\n" + kFieldRow}}));
        CHECK(problems ==
              std::vector<std::string>{
                  "fields-extra.tsv:3:1: duplicate field code 'ho-tich' (first at fields.tsv:2)"});
    }
    SECTION("a procedure in an unknown field") {
        const auto problems = formatted(
            problemsOf({{"fields.tsv", kFieldsHeader + kFieldRow},
                        {"procedures.tsv", kProceduresHeader + procedureRow("1.001193", "ho-tch")}}));
        CHECK(problems ==
              std::vector<std::string>{
                  "procedures.tsv:2:10: field_code: unknown field 'ho-tch' (not in the fields file)"});
    }
    SECTION("invalid UTF-8") {
        const auto problems =
            formatted(problemsOf({{"fields.tsv", kFieldsHeader + "x\tH\xE1\xBB\t\t1\t\t\ts\thigh\n"}}));
        CHECK(problems == std::vector<std::string>{"fields.tsv:2:4: invalid UTF-8 (save the file as UTF-8)"});
    }
    SECTION("text not in NFC is normalised with a warning") {
        // "Hộ" written as H + o + combining circumflex + combining dot below.
        const std::string decomposed =
            "Ho\xCC\x82\xCC\xA3 ti\xCC\xA3"
            "ch";
        const auto read = readCatalogueFiles(
            {{"fields.tsv", kFieldsHeader + "ht\t" + decomposed + "\t\t1\t\t\ts\thigh\n"}}, Catalogue{});
        CHECK(formatted(read.problems) ==
              std::vector<std::string>{
                  "fields.tsv:2:4: warning: name: text normalised to Unicode NFC (composed accents)"});
        REQUIRE(read.catalogue);
        CHECK(read.catalogue->field("ht")->name == "Hộ tịch");
    }
    SECTION("an over-long value") {
        const std::string code(33, 'a');
        const auto problems =
            formatted(problemsOf({{"fields.tsv", kFieldsHeader + code + "\tX\t\t1\t\t\ts\thigh\n"}}));
        CHECK(problems ==
              std::vector<std::string>{"fields.tsv:2:1: code: value is 33 characters long, at most 32"});
    }
    SECTION("an empty required value") {
        const auto problems =
            formatted(problemsOf({{"fields.tsv", kFieldsHeader + "x\t\t\t1\t\t\ts\thigh\n"}}));
        CHECK(
            problems ==
            std::vector<std::string>{
                "fields.tsv:2:3: name: required value is empty (write 'Đang cập nhật' if it is not known)"});
    }
    SECTION("a byte order mark is accepted with a warning") {
        const auto read =
            readCatalogueFiles({{"fields.tsv", "\xEF\xBB\xBF" + kFieldsHeader + kFieldRow}}, Catalogue{});
        CHECK(formatted(read.problems) ==
              std::vector<std::string>{"fields.tsv:1:1: warning: byte order mark removed (spreadsheets on "
                                       "Windows add one; it is not needed)"});
        REQUIRE(read.catalogue);
        CHECK(read.catalogue->field("ho-tich"));
    }
    SECTION("values that are not what the column takes") {
        const std::string row =
            "1.001193\tho-tich\tfirst\tX\t\tNgay\tsoon\t\tMiễn\tflat=x\tby_fax\t\tftp://"
            "x\t\ts\tsure\t2025-02-30\n";
        const auto problems = formatted(problemsOf(
            {{"fields.tsv", kFieldsHeader + kFieldRow}, {"procedures.tsv", kProceduresHeader + row}}));
        CHECK(problems ==
              std::vector<std::string>{
                  "procedures.tsv:2:18: sort_order: 'first' is not a whole number",
                  "procedures.tsv:2:32: time_kind: 'soon' is not unknown, same_day, working_days or days",
                  "procedures.tsv:2:43: fee_rule: 'flat' needs a whole number of đồng, 0 or more",
                  "procedures.tsv:2:50: submission_modes: 'by_fax' is not in_person, post, online_full or "
                  "online_partial",
                  "procedures.tsv:2:58: portal_url: 'ftp://x' is not an http(s) address",
                  "procedures.tsv:2:69: certainty: 'sure' is not high, medium or low",
                  "procedures.tsv:2:74: verified_on: '2025-02-30' is not a date YYYY-MM-DD",
              });
    }
    SECTION("working days without a number") {
        std::string row = procedureRow("1.001193");
        row.replace(row.find("same_day"), 8, "working_days");
        const auto problems = formatted(problemsOf(
            {{"fields.tsv", kFieldsHeader + kFieldRow}, {"procedures.tsv", kProceduresHeader + row}}));
        REQUIRE(problems.size() == 1);
        CHECK_THAT(problems[0],
                   Catch::StartsWith("procedures.tsv:2:101: time_days: '' is not a number of days"));
    }
    SECTION("a synonym pointing nowhere and a document of an unknown procedure") {
        const auto problems = formatted(problemsOf({
            {"fields.tsv", kFieldsHeader + kFieldRow},
            {"procedures.tsv", kProceduresHeader + procedureRow("1.001193")},
            {"documents.tsv", "procedure_code\tposition\tname\tform\tnote\n9.999999\t1\tTờ khai\t\t\n"},
            {"synonyms.tsv", "phrase\ttarget_kind\ttarget_code\tnote\nsao y\tprocedure\t2.000815\t\n"},
        }));
        CHECK(problems ==
              std::vector<std::string>{"documents.tsv:2:1: procedure_code: unknown procedure '9.999999'",
                                       "synonyms.tsv:2:17: target_code: unknown procedure '2.000815'"});
    }
    SECTION("a file that is not a catalogue table") {
        const auto problems = formatted(problemsOf({{"/tmp/office.tsv", kFieldsHeader}}));
        REQUIRE(problems.size() == 1);
        CHECK_THAT(problems[0], Catch::StartsWith("/tmp/office.tsv: not a catalogue file"));
    }
}

TEST_CASE("Every problem of a file is reported, not only the first", "[catalogue][import]") {
    const auto problems =
        problemsOf({{"fields.tsv", kFieldsHeader + "x\t\t\t1\t\t\ts\thigh\n" + "y\tY\t\t1\t\t\ts\tmaybe\n" +
                                       "z\tZ\t\t1\t\t\ts\n"}});
    CHECK(problems.size() == 3);
}

TEST_CASE("The office catalogue imports cleanly", "[catalogue][import][assets]") {
    TempDir dir;
    auto db = openStore(dir / "motcua.db", OpenPurpose::Initialise);
    const auto result = importCatalogue(db, motcua::testing::officeCatalogueInput(), false);
    CHECK(formatted(result.problems).empty());
    CHECK(result.applied);
    CHECK(loadCatalogue(db) == officeCatalogue());
}

TEST_CASE("A failed import changes nothing, and neither does a dry run", "[catalogue][import]") {
    TempDir dir;
    const auto dbPath = (dir / "motcua.db").string();
    { openStore(dbPath, OpenPurpose::Initialise); }
    std::vector<std::string> importArgs = {"--db", dbPath, "catalogue", "import"};
    for (const auto& p : officeCatalogueFiles()) importArgs.push_back(p.string());
    REQUIRE(runCli(importArgs).status == 0);
    auto db = openStore(dbPath, OpenPurpose::Use);
    const Catalogue before = loadCatalogue(db);

    SECTION("an import with one bad file") {
        writeFile(dir / "synonyms.tsv",
                  "phrase\ttarget_kind\ttarget_code\tnote\nsao y\tprocedure\t2.000815\t\n");
        writeFile(dir / "procedures.tsv", kProceduresHeader + procedureRow("1.001193", "nowhere"));
        const auto r = runCli({"--db", dbPath, "catalogue", "import", (dir / "synonyms.tsv").string(),
                               (dir / "procedures.tsv").string()});
        CHECK(r.status == 2);
        // The new procedures replace the old ones, so the synonym's procedure is gone as well.
        CHECK_THAT(r.err, Catch::Contains("procedures.tsv:2:10: field_code: unknown field 'nowhere'"));
        CHECK_THAT(r.err, Catch::Contains("synonyms.tsv:2:17: target_code: unknown procedure '2.000815'"));
        CHECK_THAT(r.err, Catch::Contains("import refused: 2 errors, nothing was changed"));
    }
    SECTION("a dry run of good files") {
        writeFile(dir / "synonyms.tsv",
                  "phrase\ttarget_kind\ttarget_code\tnote\nsao y\tprocedure\t2.000815\t\n");
        const auto r =
            runCli({"--db", dbPath, "catalogue", "import", "--dry-run", (dir / "synonyms.tsv").string()});
        CHECK(r.status == 0);
        CHECK_THAT(r.out, Catch::Contains("dry run"));
    }
    CHECK(loadCatalogue(db) == before);
}

TEST_CASE("Importing synonyms alone keeps the rest of the catalogue", "[catalogue][import]") {
    TempDir dir;
    auto db = openStore(dir / "motcua.db", OpenPurpose::Initialise);
    REQUIRE(importCatalogue(db, motcua::testing::officeCatalogueInput(), false).applied);
    const auto result = importCatalogue(
        db, {{"synonyms.tsv", "phrase\ttarget_kind\ttarget_code\tnote\nxin chữ ký\tprocedure\t2.000884\t\n"}},
        false);
    CHECK(result.problems.empty());
    const Catalogue after = loadCatalogue(db);
    CHECK(after.procedures() == officeCatalogue().procedures());
    REQUIRE(after.synonyms().size() == 1);
    CHECK(after.synonyms()[0].phrase == "xin chữ ký");
}

TEST_CASE("Export then import gives back the same catalogue", "[catalogue][import][export]") {
    TempDir dir;
    const auto first = (dir / "first.db").string();
    const auto second = (dir / "second.db").string();
    { openStore(first, OpenPurpose::Initialise); }
    { openStore(second, OpenPurpose::Initialise); }
    std::vector<std::string> importArgs = {"--db", first, "catalogue", "import"};
    for (const auto& p : officeCatalogueFiles()) importArgs.push_back(p.string());
    REQUIRE(runCli(importArgs).status == 0);

    const auto exported = runCli({"--db", first, "catalogue", "export", (dir / "out").string()});
    REQUIRE(exported.status == 0);
    std::vector<std::string> again = {"--db", second, "catalogue", "import"};
    for (const char* name :
         {"fields.tsv", "procedures.tsv", "documents.tsv", "legal_basis.tsv", "synonyms.tsv"}) {
        again.push_back((dir / "out" / name).string());
    }
    const auto reimported = runCli(again);
    CHECK(reimported.status == 0);
    CHECK(reimported.err.empty());

    auto a = openStore(first, OpenPurpose::Use);
    auto b = openStore(second, OpenPurpose::Use);
    CHECK(loadCatalogue(a) == loadCatalogue(b));
    REQUIRE(runCli({"--db", second, "catalogue", "export", (dir / "out2").string()}).status == 0);
    for (const char* name :
         {"fields.tsv", "procedures.tsv", "documents.tsv", "legal_basis.tsv", "synonyms.tsv"}) {
        CAPTURE(name);
        CHECK(readFile(dir / "out" / name) == readFile(dir / "out2" / name));
    }
}

TEST_CASE("Writing quotes a value that starts with a quote so it reads back", "[catalogue][export]") {
    Field f;
    f.code = "x";
    f.name = "\"Một cửa\" phường";
    f.certainty = Certainty::High;
    const Catalogue catalogue({f}, {}, {});
    const auto files = writeCatalogueFiles(catalogue);
    const auto read = readCatalogueFiles({{"fields.tsv", files.at("fields.tsv")}}, Catalogue{});
    REQUIRE(read.catalogue);
    CHECK(read.catalogue->field("x")->name == f.name);
}

TEST_CASE("Import warns about fields whose service the database does not have", "[catalogue][import]") {
    TempDir dir;
    auto db = openStore(dir / "motcua.db", OpenPurpose::Initialise);
    db.exec("INSERT INTO services (code, name, prefix) VALUES ('HT', 'Hộ tịch', 'A')");
    const auto result = importCatalogue(
        db, {{"fields.tsv", kFieldsHeader + kFieldRow + "ct\tChứng thực\t\t2\tCTX\t\ts\thigh\n"}}, false);
    CHECK(result.applied);
    CHECK(formatted(result.problems) ==
          std::vector<std::string>{
              "fields.tsv:3:18: warning: service_code: field 'ct' names service 'CTX', which this "
              "database does not have (tickets for it cannot be issued until the office config "
              "has it)"});
}

TEST_CASE("Catalogue commands report bad input and database problems with their exit status",
          "[catalogue][cli]") {
    TempDir dir;
    const auto dbPath = (dir / "motcua.db").string();
    SECTION("no database") {
        const auto r = runCli({"--db", dbPath, "catalogue", "fields"});
        CHECK(r.status == 5);
    }
    SECTION("a database with an empty catalogue") {
        { openStore(dbPath, OpenPurpose::Initialise); }
        CHECK(runCli({"--db", dbPath, "catalogue", "show", "1.001193"}).status == 2);
        CHECK(runCli({"--db", dbPath, "catalogue", "import", (dir / "missing.tsv").string()}).status == 2);
        const auto search = runCli({"--db", dbPath, "catalogue", "search", "khai sinh"});
        CHECK(search.status == 0);
        CHECK_THAT(search.out, Catch::Contains("catalogue is empty"));
    }
}

TEST_CASE("Catalogue commands print JSON with --json", "[catalogue][cli]") {
    TempDir dir;
    const auto dbPath = (dir / "motcua.db").string();
    { openStore(dbPath, OpenPurpose::Initialise); }
    std::vector<std::string> importArgs = {"--db", dbPath, "--json", "catalogue", "import"};
    for (const auto& p : officeCatalogueFiles()) importArgs.push_back(p.string());
    const auto imported = runCli(importArgs);
    REQUIRE(imported.status == 0);
    const auto importJson = nlohmann::json::parse(imported.out);
    CHECK(importJson["applied"] == true);
    CHECK(importJson["counts"]["procedures"].get<int>() >= 50);

    const auto fields = nlohmann::json::parse(runCli({"--db", dbPath, "--json", "catalogue", "fields"}).out);
    CHECK(fields["fields"][0]["code"] == "ho-tich");
    CHECK(fields["fields"][0]["name_en"] == "Civil status registration");

    const auto show =
        nlohmann::json::parse(runCli({"--db", dbPath, "--json", "catalogue", "show", "2.000815"}).out);
    CHECK(show["fee_rule"] == "page=2000; from_page=3; then=1000; max=200000");
    CHECK(show["national_code"] == true);
    CHECK(show["documents"].size() >= 1);

    const auto search =
        nlohmann::json::parse(runCli({"--db", dbPath, "--json", "catalogue", "search", "sao y"}).out);
    REQUIRE(search["hits"].size() >= 1);
    CHECK(search["hits"][0]["code"] == "2.000815");
    CHECK(search["hits"][0]["why"] == "synonym");
    CHECK(search["hits"][0]["matched_text"] == "sao y");
}
