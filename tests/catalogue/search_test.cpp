#include "queue/search.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "catalogue_support.h"

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
        {"hoà giải tranh chấp đất đai", "1.012812"},
        {"cấp đổi thẻ căn cước", "2.001195"},
        {"hộ kinh doanh", "1.001612"},
        {"đăng ký tạm trú", "1.004194"},
        {"sinh hoạt tôn giáo", "TG-02"},
        {"mai táng phí bảo trợ xã hội", "BTXH-02"},
        {"trợ cấp xã hội hằng tháng", "BTXH-01"},
        // Colloquial phrases (synonyms).
        {"sao y", "2.000815"},
        {"sao y bản chính", "2.000815"},
        {"xác nhận độc thân", "1.004873"},
        {"làm giấy khai sinh", "1.001193"},
        {"sổ đỏ", "1.013978"},
        {"hộ khẩu", "1.004222"},
        {"đổi tên cho con", "HT-10"},
        // Without accents.
        {"dang ky khai sinh", "1.001193"},
        {"xac nhan doc than", "1.004873"},
        {"chung thuc chu ky", "2.000884"},
        {"so do", "1.013978"},
        {"ho khau", "1.004222"},
        {"nuoi con nuoi", "2.001263"},
        {"dang ky ket hon", "1.000894"},
        {"cap doi the can cuoc", "2.001195"},
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
        {"cap doi the can cuocc", "2.001195"},
        {"tam tru dang ky", "1.004194"},
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
    // "OR" reads as Telex for "ỏ", so a name with "ở" may lead; birth registration stays near the top.
    const auto sqlish = index.search("khai sinh' OR '1'='1", 3);
    REQUIRE_FALSE(sqlish.empty());
    CHECK(std::any_of(sqlish.begin(), sqlish.end(),
                      [](const auto& hit) { return hit.procedureCode == "1.001193"; }));

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
    for (const auto& span : hit.spans)
        words.push_back(hit.matchedText.substr(span.begin, span.end - span.begin));
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
    const Catalogue catalogue(
        {field},
        {make("DOC", "Thủ tục một", "Giấy xác nhận cư trú"), make("SYN", "Thủ tục hai", "Tờ khai"),
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

namespace {

std::vector<std::string> topCodes(const std::string& query, std::size_t n) {
    std::vector<std::string> codes;
    for (const auto& hit : officeIndex().search(query, n)) codes.push_back(hit.procedureCode);
    return codes;
}

}  // namespace

TEST_CASE("Citizens' words for land, business, residence and foreign-element matters find them",
          "[search][office][synonyms]") {
    const auto [query, expected] = GENERATE(table<std::string, std::string>({
        {"tách thửa", "1.012784"},
        {"tach thua", "1.012784"},
        {"sang tên sổ đỏ", "1.013831"},
        {"sang ten so do", "1.013831"},
        {"sang tên", "1.013831"},
        {"sang ten", "1.013831"},
        {"mua bán đất", "1.013831"},
        {"mua ban dat", "1.013831"},
        {"thừa kế đất", "1.013831"},
        {"thua ke dat", "1.013831"},
        {"đăng ký kinh doanh", "1.001612"},
        {"dang ky kinh doanh", "1.001612"},
        {"mở quán", "1.001612"},
        {"mo quan", "1.001612"},
        {"mất sổ đỏ", "1.012786"},
        {"mat so do", "1.012786"},
        {"đổi sổ đỏ", "1.012783"},
        {"doi so do", "1.012783"},
        {"tranh chấp đất", "1.012812"},
        {"tranh chap dat", "1.012812"},
        {"lên thổ cư", "1.013949"},
        {"len tho cu", "1.013949"},
        {"giải chấp", "1.011443"},
        {"giai chap", "1.011443"},
        {"thế chấp sổ đỏ", "1.011441"},
        {"the chap so do", "1.011441"},
        {"nhập hộ khẩu", "1.004222"},
        {"nhap ho khau", "1.004222"},
        {"thuê trọ", "1.004194"},
        {"thue tro", "1.004194"},
        {"tạm vắng", "1.003677"},
        {"tam vang", "1.003677"},
        {"ly hôn ở nước ngoài", "HT-27"},
        {"ly hon o nuoc ngoai", "HT-27"},
        {"lấy chồng nước ngoài", "2.000806"},
        {"lay chong nuoc ngoai", "2.000806"},
        {"khai tử có yếu tố nước ngoài", "HT-24"},
        {"khai tu co yeu to nuoc ngoai", "HT-24"},
        {"mất giấy khai sinh", "HT-14"},
        {"mat giay khai sinh", "HT-14"},
        {"sửa ngày sinh", "HT-10"},
        {"sua ngay sinh", "HT-10"},
        {"trích lục khai sinh", "HT-13"},
        {"trich luc khai sinh", "HT-13"},
        {"giấy độc thân", "1.004873"},
        {"giay doc than", "1.004873"},
        {"hợp đồng mua bán nhà", "CT-04"},
        {"hop dong mua ban nha", "CT-04"},
        {"sổ đỏ ghi sai", "1.012790"},
        {"so do ghi sai", "1.012790"},
    }));
    CAPTURE(query);
    CHECK(firstCode(query) == expected);
}

TEST_CASE(
    "Citizens' words for household businesses, cooperatives, inheritance, mobile registration and children "
    "find them",
    "[search][office][synonyms]") {
    const auto [query, expected] = GENERATE(table<std::string, std::string>({
        {"tạm ngừng kinh doanh", "1.001570"},
        {"tam ngung kinh doanh", "1.001570"},
        {"đóng cửa hàng", "1.001266"},
        {"dong cua hang", "1.001266"},
        {"đổi chủ hộ kinh doanh", "2.000720"},
        {"doi chu ho kinh doanh", "2.000720"},
        {"mất giấy phép kinh doanh", "2.000575"},
        {"mat giay phep kinh doanh", "2.000575"},
        {"hợp tác xã", "1.005280"},
        {"hop tac xa", "1.005280"},
        {"giải thể hợp tác xã", "1.004982"},
        {"giai the hop tac xa", "1.004982"},
        {"từ chối thừa kế", "2.001016"},
        {"tu choi thua ke", "2.001016"},
        {"gia hạn tạm trú", "1.002755"},
        {"gia han tam tru", "1.002755"},
        {"hết hạn tạm trú", "1.002755"},
        {"het han tam tru", "1.002755"},
        {"khai sinh lưu động", "1.003583"},
        {"khai sinh luu dong", "1.003583"},
        {"con ngoài giá thú", "1.000689"},
        {"con ngoai gia thu", "1.000689"},
        {"chưa có giấy khai sinh", "1.004772"},
        {"chua co giay khai sinh", "1.004772"},
        {"đăng ký lại nuôi con nuôi", "2.001255"},
        {"dang ky lai nuoi con nuoi", "2.001255"},
        {"xâm hại trẻ em", "1.004946"},
        {"xam hai tre em", "1.004946"},
    }));
    CAPTURE(query);
    CHECK(firstCode(query) == expected);
}

TEST_CASE(
    "Citizens' words for residence papers, alcohol and tobacco licences, karaoke, internet games and school "
    "find them",
    "[search][office][synonyms]") {
    const auto [query, expected] = GENERATE(table<std::string, std::string>({
        {"tách khẩu", "1.010038"},
        {"tach khau", "1.010038"},
        {"xác nhận cư trú", "1.010041"},
        {"xac nhan cu tru", "1.010041"},
        {"khai báo lưu trú", "2.001159"},
        {"khai bao luu tru", "2.001159"},
        {"bán rượu", "LT-01"},
        {"ban ruou", "LT-01"},
        {"bán thuốc lá", "LT-07"},
        {"ban thuoc la", "LT-07"},
        {"mở quán karaoke", "VHTT-04"},
        {"mo quan karaoke", "VHTT-04"},
        {"quán net", "VHTT-06"},
        {"quan net", "VHTT-06"},
        {"chuyển trường", "GD-01"},
        {"chuyen truong", "GD-01"},
        {"miễn học phí", "GD-02"},
        {"mien hoc phi", "GD-02"},
        {"mở trường mầm non", "GD-03"},
        {"mo truong mam non", "GD-03"},
    }));
    CAPTURE(query);
    CHECK(firstCode(query) == expected);
}

TEST_CASE("Citizens' words for identity cards and poor households find them", "[search][office][synonyms]") {
    const auto [query, expected] = GENERATE(table<std::string, std::string>({
        {"làm căn cước", "2.000200"},
        {"lam can cuoc", "2.000200"},
        {"làm cccd", "2.000200"},
        {"lam cccd", "2.000200"},
        {"cccd", "2.000200"},
        {"CCCD", "2.000200"},
        {"căn cước công dân", "2.000200"},
        {"can cuoc cong dan", "2.000200"},
        {"thẻ căn cước", "2.000200"},
        {"the can cuoc", "2.000200"},
        {"căn cước gắn chíp", "2.000200"},
        {"can cuoc gan chip", "2.000200"},
        {"đổi căn cước", "2.001195"},
        {"doi can cuoc", "2.001195"},
        {"đổi cccd", "2.001195"},
        {"doi cccd", "2.001195"},
        {"hộ nghèo", "GN-01"},
        {"ho ngheo", "GN-01"},
        {"hộ cận nghèo", "GN-01"},
        {"ho can ngheo", "GN-01"},
        {"cận nghèo", "GN-01"},
        {"can ngheo", "GN-01"},
        {"xác nhận hộ nghèo", "GN-01"},
        {"xac nhan ho ngheo", "GN-01"},
        {"xác nhận hộ cận nghèo", "GN-01"},
        {"xac nhan ho can ngheo", "GN-01"},
        {"rà soát hộ nghèo", "GN-01"},
        {"ra soat ho ngheo", "GN-01"},
        {"sổ hộ nghèo", "GN-01"},
        {"so ho ngheo", "GN-01"},
        {"lamf caan cuwowcs", "2.000200"},
        {"ho ngheoo", "GN-01"},
    }));
    CAPTURE(query);
    CHECK(firstCode(query) == expected);
}

TEST_CASE("Citizens' words for electronic certified copies and the mediators' fee find them",
          "[search][office][synonyms]") {
    const auto [query, expected] = GENERATE(table<std::string, std::string>({
        {"chứng thực bản sao điện tử", "CT-13"},
        {"chung thuc ban sao dien tu", "CT-13"},
        {"bản sao điện tử", "CT-13"},
        {"ban sao dien tu", "CT-13"},
        {"chứng thực điện tử", "CT-13"},
        {"chung thuc dien tu", "CT-13"},
        {"sao y điện tử", "CT-13"},
        {"sao y dien tu", "CT-13"},
        {"sao y online", "CT-13"},
        {"chứng thực online", "CT-13"},
        {"sao y bản chính điện tử", "CT-13"},
        {"sao y ban chinh dien tu", "CT-13"},
        {"chuwngs thuwcj ddieenj tuwr", "CT-13"},
        {"ban sao dien tuu", "CT-13"},
        {"thù lao hòa giải viên", "2.002080"},
        {"thu lao hoa giai vien", "2.002080"},
        {"thanh toán thù lao hòa giải", "2.002080"},
        // The paper copy stays first for the words that do not say "electronic".
        {"sao y", "2.000815"},
        {"chứng thực bản sao", "2.000815"},
    }));
    CAPTURE(query);
    CHECK(firstCode(query) == expected);
}

TEST_CASE("'Làm căn cước' and 'hộ nghèo' lead to their own fields' procedures, not to land",
          "[search][office][synonyms]") {
    for (const char* query : {"làm căn cước", "lam can cuoc", "cccd", "căn cước"}) {
        CAPTURE(query);
        const auto hits = officeIndex().search(query, 2);
        REQUIRE(hits.size() == 2);
        for (const auto& hit : hits)
            CHECK((hit.procedureCode == "2.000200" || hit.procedureCode == "2.001195"));
    }
    const auto poor = officeIndex().search("hộ nghèo", 1);
    REQUIRE(poor.size() == 1);
    CHECK(poor.front().procedureCode == "GN-01");
}

TEST_CASE("'Sổ đỏ' reaches both the first certificate and the transfers", "[search][office][synonyms]") {
    for (const char* query : {"sổ đỏ", "so do", "sổ hồng", "so hong", "làm sổ đỏ"}) {
        CAPTURE(query);
        const auto codes = topCodes(query, 5);
        CHECK(std::find(codes.begin(), codes.end(), "1.013978") != codes.end());
        CHECK(std::find(codes.begin(), codes.end(), "1.013831") != codes.end());
    }
}

TEST_CASE("A residence hit says the ward police handle it", "[search][office][synonyms]") {
    const auto hits = officeIndex().search("tam tru", 3);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().procedureCode == "1.004194");
    const auto khau = officeIndex().search("hộ khẩu", 1);
    REQUIRE_FALSE(khau.empty());
    CHECK_THAT(khau.front().note, Catch::Contains("Công an phường"));
}
