#include "queue/catalogue.h"

#include <catch2/catch.hpp>
#include <set>

#include "catalogue_support.h"
#include "queue/office_config.h"
#include "queue/sqlite.h"
#include "queue/store.h"

using namespace motcua::queue;
using motcua::testing::officeCatalogue;
using motcua::testing::sourcePath;
using motcua::testing::TempDir;

TEST_CASE("The certified-copy fee follows TT 226/2016", "[catalogue][fee]") {
    const auto parsed = parseFeeRule("page=2000; from_page=3; then=1000; max=200000");
    REQUIRE(parsed.rule);
    const FeeRule rule = *parsed.rule;
    const auto [pages, copies, expected] = GENERATE(table<int, int, std::int64_t>({
        {1, 1, 2000},
        {2, 1, 4000},
        {3, 1, 5000},
        {10, 1, 12000},
        {10, 3, 36000},
        {198, 1, 200000},
        {199, 1, 200000},
        {500, 2, 400000},
    }));
    CAPTURE(pages, copies);
    CHECK(feeFor(rule, pages, copies) == expected);
}

TEST_CASE("Fees are not computed without a rule or for nonsense counts", "[catalogue][fee]") {
    CHECK_FALSE(feeFor(FeeRule{}, 1, 1));
    const auto flat = *parseFeeRule("flat=50000").rule;
    CHECK(feeFor(flat, 1, 2) == 100000);
    CHECK_FALSE(feeFor(flat, 0, 1));
    CHECK_FALSE(feeFor(flat, 1, 0));
    CHECK_FALSE(feeFor(flat, -4, 1));
}

TEST_CASE("Fee rules round-trip through their text form and bad ones are explained", "[catalogue][fee]") {
    for (const char* text : {"", "flat=10000", "page=2000; from_page=3; then=1000; max=200000", "page=500"}) {
        CAPTURE(text);
        const auto parsed = parseFeeRule(text);
        REQUIRE(parsed.rule);
        CHECK(formatFeeRule(*parsed.rule) == text);
    }
    const auto [text, message] = GENERATE(table<std::string, std::string>({
        {"flat=abc", "'flat' needs a whole number"},
        {"flat=-5", "'flat' needs a whole number"},
        {"pages=2000", "unknown key 'pages'"},
        {"page=2000; from_page=3", "'from_page' and 'then' go together"},
        {"flat=1; page=2", "'flat' cannot be combined"},
        {"max=5", "a rule needs 'flat' or 'page'"},
        {"flat", "expected key=amount"},
        {"flat=1; flat=2", "given twice"},
    }));
    CAPTURE(text);
    const auto parsed = parseFeeRule(text);
    CHECK_FALSE(parsed.rule);
    CHECK_THAT(parsed.error, Catch::Contains(message));
}

TEST_CASE("National procedure codes are recognised", "[catalogue]") {
    Procedure p;
    p.code = "1.001193";
    CHECK(p.hasNationalCode());
    p.code = "HT-02";
    CHECK_FALSE(p.hasNationalCode());
    p.code = "1.00119";
    CHECK_FALSE(p.hasNationalCode());
}

TEST_CASE("Fields sort by display order, then in Vietnamese alphabetical order", "[catalogue][collation]") {
    std::vector<Field> fields;
    for (const char* name : {"Ươm", "Đất đai", "Ăn uống", "Dân số", "An ninh", "Yên", "Ô tô"}) {
        Field f;
        f.code = std::string("f") + std::to_string(fields.size());
        f.name = name;
        fields.push_back(f);
    }
    fields[5].sortOrder = -1;  // "Yên" first by display order
    const Catalogue catalogue(fields, {}, {});
    std::vector<std::string> names;
    for (const auto& f : catalogue.fields()) names.push_back(f.name);
    CHECK(names == std::vector<std::string>{"Yên", "An ninh", "Ăn uống", "Dân số", "Đất đai", "Ô tô", "Ươm"});
    names.clear();
    for (const auto* f : catalogue.fieldsByName()) names.push_back(f->name);
    CHECK(names == std::vector<std::string>{"An ninh", "Ăn uống", "Dân số", "Đất đai", "Ô tô", "Ươm", "Yên"});
}

TEST_CASE("The office catalogue covers the office's fields with sourced facts", "[catalogue][assets]") {
    const Catalogue catalogue = officeCatalogue();
    CHECK(catalogue.fields().size() >= 18);
    CHECK(catalogue.procedures().size() >= 168);  // issue 18: at least the 168 procedures the office reported
    for (const char* code :
         {"1.001193", "1.000894", "1.000656", "1.004873", "2.000815", "2.000884", "2.001263", "2.000950",
          "1.001612", "1.013978", "1.013831", "1.012784", "1.004222", "1.004194"}) {
        CAPTURE(code);
        CHECK(catalogue.procedure(code) != nullptr);
    }
    const Procedure* copy = catalogue.procedure("2.000815");
    REQUIRE(copy);
    CHECK(feeFor(copy->feeRule, 5, 2) == 2 * (2000 + 2000 + 3 * 1000));
    CHECK_THAT(copy->notes, Catch::Contains("15 giờ"));
    CHECK(copy->timeKind == TimeKind::SameDay);
    // Online and in-person fees differ in Hà Nội from 1 January 2026 (NQ 77/2025/NQ-HĐND).
    CHECK_THAT(copy->feeOnline, Catch::Contains("NQ 77/2025"));

    std::set<std::string> fieldsInUse;
    for (const auto& p : catalogue.procedures()) {
        CAPTURE(p.code);
        CHECK_FALSE(p.source.empty());
        CHECK(catalogue.field(p.fieldCode) != nullptr);
        fieldsInUse.insert(p.fieldCode);
    }
    // No field a citizen could open to find nothing in it.
    for (const auto& f : catalogue.fields()) {
        CAPTURE(f.code);
        CHECK(fieldsInUse.count(f.code) == 1);
    }
    // Identity cards, poor-household certification and electronic certified copies are there (the
    // audit's missing list), and the mediators' fee with its national code.
    for (const char* code : {"2.000200", "2.001195", "GN-01", "CT-13", "2.002080"}) {
        CAPTURE(code);
        CHECK(catalogue.procedure(code) != nullptr);
    }
    // Residence is the ward police's; its queue is the police counter at the service point.
    const Field* residence = catalogue.field("cu-tru");
    REQUIRE(residence);
    CHECK_THAT(residence->note, Catch::Contains("Công an phường"));
    CHECK(residence->serviceCode == "CA");

    // Every field is a queue of the example office, so a citizen can take a number from any page,
    // and every row says when it was last checked.
    const auto office = loadOfficeConfig(sourcePath("assets/office.toml"));
    std::set<std::string> services;
    for (const auto& s : office.services) services.insert(s.code);
    std::set<std::string> servedFields;
    for (const auto& f : catalogue.fields()) {
        CAPTURE(f.code);
        CHECK(services.count(f.serviceCode) == 1);
        servedFields.insert(f.serviceCode);
    }
    // ... and every queue of the example office serves a field of today's catalogue (the online-help
    // desk DVC apart), named without the fields removed in 2026 (building permits, commendations,
    // people with meritorious service) or the ministry merged away in 2025.
    for (const auto& s : office.services) {
        CAPTURE(s.code, s.name, s.nameEn);
        if (s.code != "DVC") CHECK(servedFields.count(s.code) == 1);
        for (const char* gone : {"Xây dựng", "xây dựng", "Thi đua", "khen thưởng", "có công", "Thương binh"})
            CHECK_THAT(s.name, !Catch::Contains(gone));
        for (const char* gone : {"construction", "commendation", "meritorious"})
            CHECK_THAT(s.nameEn, !Catch::Contains(gone));
    }
    for (const auto& counter : office.counters) {
        CAPTURE(counter.name);
        CHECK_THAT(counter.name, !Catch::Contains("xây dựng"));
    }
    for (const auto& p : catalogue.procedures()) {
        CAPTURE(p.code);
        CHECK(p.verifiedOn.size() == 10);
    }
}

TEST_CASE("A catalogue written to the database reads back the same", "[catalogue][store]") {
    TempDir dir;
    auto db = openStore(dir / "motcua.db", OpenPurpose::Initialise);
    const Catalogue catalogue = officeCatalogue();
    {
        Transaction tx(db);
        replaceCatalogue(db, catalogue);
        tx.commit();
    }
    const Catalogue loaded = loadCatalogue(db);
    CHECK(loaded == catalogue);
    CHECK(db.queryInt("SELECT count(*) FROM catalogue_procedures") ==
          static_cast<std::int64_t>(catalogue.procedures().size()));
}

TEST_CASE("An empty database has an empty catalogue", "[catalogue][store]") {
    TempDir dir;
    auto db = openStore(dir / "motcua.db", OpenPurpose::Initialise);
    const Catalogue loaded = loadCatalogue(db);
    CHECK(loaded.empty());
    CHECK(loaded.procedure("1.001193") == nullptr);
}
