// What a procedure's page says (issue 18): every line of every procedure of the shipped catalogue is
// checked against that procedure's data and the office configuration, in both languages; unknown
// facts read "Đang cập nhật – xin hỏi cán bộ"; and the page of a procedure that knows almost nothing
// is rendered headless in both orientations.
#include "kiosk/kiosk_app/procedure_page.h"

#include <fmt/args.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "catalogue/catalogue_support.h"
#include "kiosk/kiosk_app/browse_screens.h"
#include "kiosk/ui/image.h"
#include "kiosk/ui/scroll_view.h"
#include "kiosk_fixture.h"
#include "queue/office_config.h"

using namespace motcua;
using kiosk::Language;
using kiosk::PageLine;
using kiosk::PageLineKind;

namespace {

kiosk::PageContext officeContext() {
    const auto config = queue::loadOfficeConfig(testing::sourcePath("assets/office.toml"));
    return {config.unit, config.onlinePortal};
}

// Every value a page of p may show: its own texts, the office's unit and portal, its check date.
std::set<std::string> valuesOf(const queue::Procedure& p, const kiosk::PageContext& context) {
    std::set<std::string> values = {
        p.name,      p.processingTime, p.fee,        p.feeOnline,          p.submissionNote,
        p.portalUrl, p.notes,          context.unit, context.onlinePortal, kiosk::dayMonthYear(p.verifiedOn)};
    for (const auto& s : p.steps) values.insert(s);
    for (const auto& d : p.documents) values.insert({d.name, d.form, d.note});
    for (const auto& l : p.legalBasis) values.insert({l.document, l.articles, l.note});
    values.erase("");
    return values;
}

// The phrase filled with values; empty when they do not fit its placeholders.
std::string fill(const kiosk::Phrase& phrase, Language language, const std::vector<std::string>& values) {
    fmt::dynamic_format_arg_store<fmt::format_context> args;
    for (const auto& v : values) args.push_back(v);
    try {
        return fmt::vformat(phrase.pick(language), args);
    } catch (const fmt::format_error&) {
        return {};
    }
}

bool hasLine(const std::vector<PageLine>& lines, const std::string& text) {
    return std::any_of(lines.begin(), lines.end(), [&](const PageLine& l) { return l.text == text; });
}

}  // namespace

TEST_CASE("No page of any procedure says a sentence its data does not hold", "[kiosk][page][assets]") {
    const auto catalogue = testing::officeCatalogue();
    const auto context = officeContext();
    const auto& known = kiosk::procedurePagePhrases();
    const std::string unknownVi = kiosk::words::kUnknownAsk.vi;
    std::size_t lines = 0;
    for (const Language language : {Language::Vi, Language::En}) {
        const std::string unknown = kiosk::words::kUnknownAsk.pick(language);
        for (const auto& p : catalogue.procedures()) {
            const auto values = valuesOf(p, context);
            for (const auto& line : kiosk::procedurePage(p, context, language)) {
                CAPTURE(p.code, line.text);
                ++lines;
                // Each value on the page is one of the procedure's own, verbatim.
                for (const auto& v : line.values) {
                    CAPTURE(v);
                    CHECK(values.count(v) == 1);
                }
                if (!line.phrase) {
                    // A line of data alone is exactly one value.
                    REQUIRE(line.values.size() == 1);
                    CHECK(line.text == line.values.front());
                    continue;
                }
                // A line with fixed words uses only the page's phrases, filled with its values or with
                // "Đang cập nhật – xin hỏi cán bộ".
                CHECK(std::find(known.begin(), known.end(), line.phrase) != known.end());
                const bool filled = line.text == fill(*line.phrase, language, line.values);
                const bool unknownFilled =
                    line.values.empty() && line.text == fill(*line.phrase, language, {unknown});
                CHECK((filled || unknownFilled));
            }
            // Never the old default fact, never a fixed unit name.
            const auto page = kiosk::procedurePage(p, context, language);
            CHECK_FALSE(hasLine(page, "Thủ tục này nộp trực tiếp tại Bộ phận Một cửa."));
            for (const auto& line : page) {
                CHECK(line.text.find("Bộ phận Một cửa") == std::string::npos);
                // A form line never says the word twice ("Mẫu: Mẫu CT01").
                CHECK(line.text.find("Mẫu: Mẫu") == std::string::npos);
                CHECK(line.text.find("Form: Form") == std::string::npos);
            }
        }
    }
    CHECK(lines > catalogue.procedures().size() * 10);
    CHECK(unknownVi == "Đang cập nhật – xin hỏi cán bộ");
}

TEST_CASE("A procedure that knows almost nothing says 'Đang cập nhật – xin hỏi cán bộ' and nothing invented",
          "[kiosk][page]") {
    queue::Procedure p;
    p.code = "X";
    p.fieldCode = "f";
    p.name = "Thủ tục chưa rõ";
    p.processingTime = "Đang cập nhật";
    p.fee = "Đang cập nhật";
    p.certainty = queue::Certainty::Low;
    p.verifiedOn = "2026-12-05";
    const kiosk::PageContext context{"Điểm Phục vụ hành chính công", "https://dichvucong.gov.vn"};
    const auto page = kiosk::procedurePage(p, context, Language::Vi);
    std::vector<std::string> texts;
    for (const auto& line : page) texts.push_back(line.text);
    CHECK(texts == std::vector<std::string>{
                       "Thông tin đang được xác minh – xin hỏi cán bộ trước khi nộp",
                       "Thông tin cập nhật ngày 05/12/2026",
                       "Trình tự thực hiện",
                       "Đang cập nhật – xin hỏi cán bộ",
                       "Hồ sơ cần chuẩn bị",
                       "Đang cập nhật – xin hỏi cán bộ",
                       "Thời hạn giải quyết",
                       "Đang cập nhật – xin hỏi cán bộ",
                       "Phí, lệ phí",
                       "Đang cập nhật – xin hỏi cán bộ",
                       "Căn cứ pháp lý",
                       "Đang cập nhật – xin hỏi cán bộ",
                       "Cách thức nộp hồ sơ",
                       "Đang cập nhật – xin hỏi cán bộ",
                   });
    const auto en = kiosk::procedurePage(p, context, Language::En);
    CHECK(en.front().text == "This information is being verified – please ask an officer before applying");
    CHECK(hasLine(en, "Being updated – please ask an officer"));
}

TEST_CASE("A form named by its decree shows once; an unknown form says so", "[kiosk][page]") {
    queue::Procedure p;
    p.code = "Z";
    p.name = "Tách hộ";
    p.processingTime = "05 ngày làm việc";
    p.fee = "10.000 đồng";
    p.documents = {{1, "Tờ khai thay đổi thông tin cư trú", "Mẫu CT01 (TT 53/2025/TT-BCA)", ""},
                   {2, "Tờ khai đăng ký khai sinh", "Đang cập nhật", ""}};
    const kiosk::PageContext context{"Trung tâm Phục vụ hành chính công", ""};
    const auto vi = kiosk::procedurePage(p, context, Language::Vi);
    CHECK(hasLine(vi, "Mẫu CT01 (TT 53/2025/TT-BCA)"));
    CHECK_FALSE(hasLine(vi, "Mẫu: Mẫu CT01 (TT 53/2025/TT-BCA)"));
    CHECK(hasLine(vi, "Mẫu: Đang cập nhật – xin hỏi cán bộ"));
    const auto en = kiosk::procedurePage(p, context, Language::En);
    CHECK(hasLine(en, "Form: Mẫu CT01 (TT 53/2025/TT-BCA)"));
    CHECK(hasLine(en, "Form: Being updated – please ask an officer"));
}

TEST_CASE("The page names the office's unit, shows both fees when online, and no badge once confirmed",
          "[kiosk][page]") {
    queue::Procedure p;
    p.code = "Y";
    p.name = "Thủ tục đủ thông tin";
    p.processingTime = "Trong ngày";
    p.fee = "10.000 đồng";
    p.feeOnline = "0 đồng";
    p.submissionModes = {queue::SubmissionMode::InPerson, queue::SubmissionMode::Post,
                         queue::SubmissionMode::OnlinePartial};
    p.certainty = queue::Certainty::High;
    p.verifiedOn = "2026-12-05";
    SECTION("with a unit") {
        const auto page = kiosk::procedurePage(
            p, {"Điểm Phục vụ hành chính công", "https://dichvucong.gov.vn"}, Language::Vi);
        CHECK_FALSE(std::any_of(page.begin(), page.end(),
                                [](const PageLine& l) { return l.kind == PageLineKind::Badge; }));
        CHECK(page.front().text == "Thông tin cập nhật ngày 05/12/2026");
        CHECK(hasLine(page, "Nộp trực tiếp tại Điểm Phục vụ hành chính công"));
        CHECK(hasLine(page, "Nộp qua dịch vụ bưu chính công ích"));
        CHECK(hasLine(page, "Nộp trực tuyến một phần"));
        CHECK(hasLine(page, "Nộp trực tiếp: 10.000 đồng"));
        CHECK(hasLine(page, "Nộp trực tuyến: 0 đồng"));
        CHECK(hasLine(page, "https://dichvucong.gov.vn"));
    }
    SECTION("without a unit in the configuration") {
        const auto page = kiosk::procedurePage(p, {"", ""}, Language::Vi);
        CHECK(hasLine(page, "Nộp trực tiếp"));
        CHECK_FALSE(hasLine(page, "https://dichvucong.gov.vn"));
    }
    SECTION("an online procedure whose online fee nobody knows yet") {
        p.feeOnline.clear();
        const auto page = kiosk::procedurePage(p, {"Điểm Phục vụ hành chính công", ""}, Language::Vi);
        CHECK(hasLine(page, "Nộp trực tuyến: Đang cập nhật – xin hỏi cán bộ"));
    }
    SECTION("an online-only procedure shows no in-person fee") {
        p.submissionModes = {queue::SubmissionMode::OnlineFull};
        const auto page = kiosk::procedurePage(p, {"Điểm Phục vụ hành chính công", ""}, Language::Vi);
        CHECK(hasLine(page, "Nộp trực tuyến: 0 đồng"));
        CHECK_FALSE(hasLine(page, "Nộp trực tiếp: 10.000 đồng"));
        CHECK_FALSE(hasLine(page, "Nộp trực tiếp tại Điểm Phục vụ hành chính công"));
    }
    SECTION("an in-person procedure shows one fee without the channel") {
        p.submissionModes = {queue::SubmissionMode::InPerson};
        const auto page = kiosk::procedurePage(p, {"Điểm Phục vụ hành chính công", ""}, Language::Vi);
        CHECK(hasLine(page, "10.000 đồng"));
        CHECK_FALSE(hasLine(page, "Nộp trực tuyến: 0 đồng"));
    }
}

TEST_CASE("The page of a procedure with unknown facts, on screen in both orientations",
          "[kiosk][page][screenshot]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    CAPTURE(size.width, size.height);
    testing::KioskFixture f(size, "unknown-facts");
    auto& program = f.start();
    // Only its name and code are known: the land procedure 1.012817.
    program.session().showProcedure("1.012817");
    program.app().frame();
    program.app().frame();
    REQUIRE(dynamic_cast<kiosk::ProcedureScreen*>(program.app().screens().top()));
    std::vector<std::string> shown;
    for (const auto& t : program.app().visibleTexts()) shown.push_back(t.text);
    const auto showing = [&](const std::string& text) {
        return std::any_of(shown.begin(), shown.end(),
                           [&](const std::string& s) { return s.find(text) != std::string::npos; });
    };
    CHECK(showing("Thông tin đang được xác minh"));
    CHECK(showing("Thông tin cập nhật ngày"));
    CHECK(showing("Đang cập nhật – xin hỏi cán bộ"));
    CHECK_FALSE(showing("Bộ phận Một cửa"));
    ui::savePng(f.shots / "1-unknown-facts.png", program.app().screenshot());
    program.session().toggleLanguage();
    program.app().frame();
    program.app().frame();
    ui::savePng(f.shots / "2-unknown-facts-en.png", program.app().screenshot());
    // A land transfer accepted at the ward's point: the office's unit, two fees.
    program.session().toggleLanguage();
    program.session().showProcedure("1.013831");
    program.app().frame();
    program.app().frame();
    ui::savePng(f.shots / "3-transfer.png", program.app().screenshot());
    // Splitting a household: the form line reads "Mẫu CT01 (TT 53/2025/TT-BCA)", once.
    const auto scrolledTo = [&](const std::string& code, int offset) {
        program.session().showProcedure(code);
        program.app().frame();
        auto* page = dynamic_cast<kiosk::ProcedureScreen*>(program.app().screens().top());
        REQUIRE(page);
        REQUIRE(page->scrollView());
        page->scrollView()->scrollTo(offset);
        program.app().frame();
        program.app().frame();
        shown.clear();
        for (const auto& t : program.app().visibleTexts()) shown.push_back(t.text);
    };
    scrolledTo("1.010038", 500);
    CHECK(showing("Mẫu CT01 (TT 53/2025/TT-BCA)"));
    CHECK_FALSE(showing("Mẫu: Mẫu"));
    ui::savePng(f.shots / "4-form.png", program.app().screenshot());
    // An identity card: where to go, from its own row; no "Nộp trực tiếp tại" the ward's unit.
    scrolledTo("2.000200", 0);
    ui::savePng(f.shots / "5-identity-card.png", program.app().screenshot());
    scrolledTo("2.000200", 100000);
    CHECK_FALSE(showing("Nộp trực tiếp tại"));
    ui::savePng(f.shots / "6-identity-card-end.png", program.app().screenshot());
    CHECK(std::filesystem::file_size(f.shots / "1-unknown-facts.png") > 10'000);
}
