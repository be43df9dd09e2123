#include <catch2/catch.hpp>

#include <string>

#include "catalogue_support.h"
#include "queue/search.h"

using namespace motcua::queue;
using motcua::testing::officeCatalogue;

namespace {

const SearchIndex& officeIndex() {
    static const Catalogue catalogue = officeCatalogue();
    static const SearchIndex index(catalogue);
    return index;
}

std::string firstCode(const std::string& query) {
    const auto hits = officeIndex().search(query, 5);
    return hits.empty() ? std::string("(none)") : hits.front().procedureCode;
}

}  // namespace

TEST_CASE("Citizen queries find the procedure they mean first", "[search][office]") {
    const auto [query, expected] = GENERATE(table<std::string, std::string>({
        // With accents.
        {"đăng ký khai sinh", "1.001193"},
        {"khai sinh", "1.001193"},
        {"đăng ký kết hôn", "1.000894"},
        {"kết hôn", "1.000894"},
        {"khai tử", "1.000656"},
        {"chứng thực bản sao", "2.000815"},
        {"chứng thực chữ ký", "2.000884"},
        {"xác nhận tình trạng hôn nhân", "1.004873"},
        {"nuôi con nuôi", "2.001263"},
        {"đăng ký lại khai sinh", "HT-14"},
        {"kết hôn với người nước ngoài", "2.000806"},
        {"cải chính hộ tịch", "HT-10"},
        {"trích lục hộ tịch", "HT-13"},
        {"giám hộ đương nhiên", "HT-08"},
        {"chấm dứt giám hộ", "HT-09"},
        {"di chúc", "CT-07"},
        {"hòa giải viên", "HG-01"},
        {"hoà giải tranh chấp đất đai", "DD-01"},
        {"giấy phép xây dựng", "XD-01"},
        {"hộ kinh doanh", "1.001612"},
        {"đăng ký tạm trú", "CA-02"},
        {"sinh hoạt tôn giáo", "TG-02"},
        {"mai táng phí bảo trợ xã hội", "BTXH-02"},
        {"trợ cấp xã hội hằng tháng", "BTXH-01"},
        // Colloquial phrases (synonyms).
        {"sao y", "2.000815"},
        {"sao y bản chính", "2.000815"},
        {"xác nhận độc thân", "1.004873"},
        {"làm giấy khai sinh", "1.001193"},
        {"sổ đỏ", "DD-02"},
        {"hộ khẩu", "CA-01"},
        {"đổi tên cho con", "HT-10"},
        // Without accents.
        {"dang ky khai sinh", "1.001193"},
        {"xac nhan doc than", "1.004873"},
        {"chung thuc chu ky", "2.000884"},
        {"so do", "DD-02"},
        {"ho khau", "CA-01"},
        {"nuoi con nuoi", "2.001263"},
        {"dang ky ket hon", "1.000894"},
        {"giay phep xay dung", "XD-01"},
        {"hoa giai vien", "HG-01"},
        // Telex leftovers.
        {"chuwngs thuwcj banr sao", "2.000815"},
        {"ddawng kys khai sinh", "1.001193"},
        {"kettj hoon", "1.000894"},
        {"khai tuwr", "1.000656"},
        {"xacs nhaanj ddoocj thaan", "1.004873"},
        // One typo: a missing, extra, swapped or wrong letter.
        {"dang ky khai sinhh", "1.001193"},
        {"dang ky khia sinh", "1.001193"},
        {"chung thucc chu ky", "2.000884"},
        {"chung thuc chux kys", "2.000884"},
        {"chng thuc ban sao", "2.000815"},
        {"nuoi con nuio", "2.001263"},
        {"giay phep xay dungg", "XD-01"},
        {"tam tru dang ky", "CA-02"},
        // Typed half-way: the last word is a prefix.
        {"khai s", "1.001193"},
        {"chứng thực bản s", "2.000815"},
        {"nuôi con n", "2.001263"},
        // Case and tone placement.
        {"ĐĂNG KÝ KHAI SINH", "1.001193"},
        {"Hoà Giải Viên", "HG-01"},
    }));
    CAPTURE(query);
    CHECK(firstCode(query) == expected);
}

TEST_CASE("Odd queries return cleanly", "[search][office]") {
    const auto& index = officeIndex();
    CHECK(index.search("").empty());
    CHECK(index.search("   \t  ").empty());
    CHECK(index.search("!!! ... ???").empty());
    CHECK(index.search("khai sinh", 0).empty());
    CHECK(index.search("\xC3\x28 invalid").empty());
    const auto sql = index.search("'; DROP TABLE catalogue_procedures; --");
    CHECK(sql.size() <= 10);
    const auto sqlish = index.search("khai sinh' OR '1'='1");
    REQUIRE_FALSE(sqlish.empty());
    CHECK(sqlish.front().procedureCode == "1.001193");

    std::string longQuery;
    for (int i = 0; i < 2000; ++i) longQuery += "khai sinh ";
    const auto longHits = index.search(longQuery, 3);
    CHECK(longHits.size() <= 3);
    std::string longAccented;
    for (int i = 0; i < 500; ++i) longAccented += "đăng ký ";
    CHECK_NOTHROW(index.search(longAccented));
    CHECK(index.search("zzzzqqq xxyyww").empty());
}

TEST_CASE("Hits say which words matched, as spans of the displayed text", "[search][office]") {
    const auto hits = officeIndex().search("dang ky khai sinh", 1);
    REQUIRE(hits.size() == 1);
    const auto& hit = hits.front();
    CHECK(hit.why == MatchSource::Name);
    CHECK(hit.matchedText == "Đăng ký khai sinh");
    std::vector<std::string> words;
    for (const auto& span : hit.spans) words.push_back(hit.matchedText.substr(span.begin, span.end - span.begin));
    CHECK(words == std::vector<std::string>{"Đăng", "ký", "khai", "sinh"});
    CHECK(hit.matchedWords == words);
    CHECK(hit.nameSpans == hit.spans);
}

TEST_CASE("A synonym hit carries its note and highlights the phrase", "[search][office]") {
    const auto hits = officeIndex().search("ho khau", 3);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().why == MatchSource::Synonym);
    CHECK(hits.front().matchedText == "hộ khẩu");
    CHECK_THAT(hits.front().note, Catch::Contains("Công an phường"));
    REQUIRE(hits.front().spans.size() == 2);
}

TEST_CASE("Name matches rank above synonyms, synonyms above fields and documents", "[search][ranking]") {
    Field field{"f", "Lĩnh vực thử", "", 1, "", "", "s", Certainty::High};
    const auto make = [](std::string code, std::string name, std::string document) {
        Procedure p;
        p.code = std::move(code);
        p.fieldCode = "f";
        p.sortOrder = 1;
        p.name = std::move(name);
        p.documents.push_back({1, std::move(document), "", ""});
        return p;
    };
    const Catalogue catalogue({field},
                              {make("DOC", "Thủ tục một", "Giấy xác nhận cư trú"),
                               make("SYN", "Thủ tục hai", "Tờ khai"),
                               make("NAME", "Xác nhận cư trú", "Tờ khai")},
                              {{"xác nhận cư trú", SynonymTarget::Procedure, "SYN", ""}});
    const SearchIndex index(catalogue);
    const auto hits = index.search("xac nhan cu tru");
    REQUIRE(hits.size() == 3);
    CHECK(hits[0].procedureCode == "NAME");
    CHECK(hits[0].why == MatchSource::Name);
    CHECK(hits[1].procedureCode == "SYN");
    CHECK(hits[1].why == MatchSource::Synonym);
    CHECK(hits[2].procedureCode == "DOC");
    CHECK(hits[2].why == MatchSource::Document);
    CHECK(hits[0].score > hits[1].score);
    CHECK(hits[1].score > hits[2].score);
}

TEST_CASE("Typing the right accents beats the same letters with other accents", "[search][ranking]") {
    Field field{"f", "Thử", "", 1, "", "", "s", Certainty::High};
    Procedure ban;
    ban.code = "BAN";
    ban.fieldCode = "f";
    ban.name = "Giấy bán hàng";
    Procedure bạn = ban;
    bạn.code = "BAN2";
    bạn.name = "Giấy bạn hàng";
    const SearchIndex index(Catalogue({field}, {ban, bạn}, {}));
    CHECK(index.search("bạn hàng").front().procedureCode == "BAN2");
    CHECK(index.search("bán hàng").front().procedureCode == "BAN");
}

TEST_CASE("A query ending in a space does not match the last word as a prefix", "[search]") {
    Field field{"f", "Thử", "", 1, "", "", "s", Certainty::High};
    Procedure p;
    p.code = "P";
    p.fieldCode = "f";
    p.name = "Khai sinh";
    const SearchIndex index(Catalogue({field}, {p}, {}));
    CHECK(index.search("kha").size() == 1);
    CHECK(index.search("kha ").empty());
}
