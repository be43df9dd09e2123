// "Nhận kết quả, bổ sung hồ sơ" at the kiosk (dossier_screen.h): the dossier receipt's code typed on
// the keypad or read by the scanner gives a number of a results or supplement service carrying the
// code; a wrong code says what to check and issues nothing; the services of new dossiers stay in
// the list and these do not; the screens keep the layout rules in every variant.
#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "kiosk/kiosk_app/dossier_screen.h"
#include "kiosk/ui/image.h"
#include "kiosk/ui/layout_check.h"
#include "kiosk_fixture.h"
#include "queue/queue_service.h"

using namespace motcua;
using motcua::testing::KioskFixture;

namespace {

// The example office with a results service (KQ) and a supplement service (BS), both at counter 1.
void withDossierServices(KioskFixture& f) {
    f.reconfigure([](queue::OfficeConfig& config) {
        queue::ServiceConfig results;
        results.code = "KQ";
        results.name = "Nhận kết quả";
        results.nameEn = "Collect a result";
        results.prefix = "K";
        results.kind = queue::ServiceKind::Results;
        queue::ServiceConfig supplement = results;
        supplement.code = "BS";
        supplement.name = "Bổ sung hồ sơ";
        supplement.nameEn = "Bring more papers";
        supplement.prefix = "S";
        supplement.kind = queue::ServiceKind::Supplement;
        config.services.push_back(results);
        config.services.push_back(supplement);
        config.counters.front().services.push_back("KQ");
        config.counters.front().services.push_back("BS");
    });
}

std::string issueDetail(queue::Database& db, const std::string& number) {
    queue::Statement st(db,
                        "SELECT e.detail FROM events e JOIN tickets t ON t.id = e.ticket_id WHERE e.kind = "
                        "'issue' AND t.number = ?");
    st.bind(1, number);
    return st.step() ? st.getText(0) : std::string();
}

void frames(kiosk::KioskProgram& program, int n = 3) {
    for (int i = 0; i < n; ++i) {
        program.manualClock()->advance(16);
        program.app().frame();
    }
}

}  // namespace

TEST_CASE("A dossier receipt's code at the kiosk gives a results or supplement number carrying it",
          "[kiosk][dossier]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "dossier", false);
    withDossierServices(f);
    f.start();
    const std::string script = GENERATE(std::string("dossier.txt"), std::string("dossier_en.txt"));
    const auto outcome = f.run(script);
    INFO(ui::formatOutcome(outcome, script));
    REQUIRE(outcome.ok);

    auto db = f.openDb();
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets") == 1);  // the wrong codes issued nothing
    if (script == "dossier.txt") {
        CHECK_THAT(issueDetail(db, "K001"),
                   Catch::Contains("\"dossier_code\":\"000.00.06.G04.250701.0501\""));
    } else {
        CHECK_THAT(issueDetail(db, "S001"),
                   Catch::Contains("\"dossier_code\":\"000.00.06.G04.250702.0007\""));
    }
    CHECK(f.program->app().screenErrors() == 0);
}

TEST_CASE(
    "The list of fields leaves out results and supplement services; an office without them has no "
    "dossier entry",
    "[kiosk][dossier]") {
    KioskFixture f(ui::Size{1080, 1920}, "dossier-list", false);
    SECTION("with them") {
        withDossierServices(f);
        auto& program = f.start();
        program.session().showServices();
        frames(program, 8);
        bool listed = false;
        for (const auto& t : program.app().visibleTexts())
            listed = listed || t.text == "Nhận kết quả" || t.text == "Bổ sung hồ sơ";
        CHECK_FALSE(listed);
        program.session().showHome();
        frames(program, 8);
        bool entry = false;
        for (const auto& t : program.app().visibleTexts())
            entry = entry || t.text == "Kết quả, bổ sung hồ sơ";
        CHECK(entry);
        // The number's screen: the dossier's code under the service, and no take-number steps (no
        // field was chosen from the list, no priority asked).
        program.session().showDossierTicket("KQ", "000.00.06.G04.250701.0501");
        frames(program, 4);  // "Đang in phiếu số…" drawn, then the take
        f.settle();
        bool code = false, steps = false;
        for (const auto& t : program.app().visibleTexts()) {
            code = code || t.text == "Mã hồ sơ: 000.00.06.G04.250701.0501";
            steps = steps || t.text == "Nhận phiếu" || t.text == "Chọn lĩnh vực";
        }
        CHECK(code);
        CHECK_FALSE(steps);
    }
    SECTION("without them") {
        auto& program = f.start();
        program.session().showHome();
        frames(program, 8);
        for (const auto& t : program.app().visibleTexts()) CHECK(t.text != "Kết quả, bổ sung hồ sơ");
    }
}

TEST_CASE("The dossier screens keep the layout rules in every variant", "[kiosk][dossier][layout]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080}, ui::Size{1366, 768});
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "dossier-layout", false);
    withDossierServices(f);
    auto& program = f.start();
    std::vector<std::string> problems;
    for (const bool large : {false, true}) {
        for (const bool english : {false, true}) {
            for (const char* scanned : {"", "000.00.06.G04.250230.0501", "000.00.06.G04.250701.0501"}) {
                auto& session = program.session();
                session.endVisit();
                frames(program);
                if (large) session.toggleLargeText();
                if (english) session.toggleLanguage();
                if (*scanned == '\0') {
                    // The home screen with its entry for results: every entry in view at once, but in
                    // large text on a 768 px screen (as kiosk_layout_test.cpp asks of home).
                    session.showHome();
                    frames(program, 8);
                    ui::savePng(f.shots / fmt::format("home-{}-{}.png", large ? "large" : "normal",
                                                      english ? "en" : "vi"),
                                program.app().screenshot());
                    if (!(large && size.height < 1000))
                        for (const auto& item :
                             ui::layoutItems(program.app().screens().top(), &program.app().banner(),
                                             program.app().size()))
                            if (item.kind == ui::LayoutItem::Kind::Tappable && item.visible != item.bounds)
                                problems.push_back(fmt::format(
                                    "{}x{} {} {} home: {} is not wholly in view", size.width, size.height,
                                    large ? "large" : "normal", english ? "en" : "vi", ui::describe(item)));
                }
                session.showDossier(scanned);
                frames(program, 8);
                const auto items = ui::layoutItems(program.app().screens().top(), &program.app().banner(),
                                                   program.app().size());
                for (const auto& problem :
                     ui::checkLayout(items, {program.app().size(), program.app().theme().minTouchPx()}))
                    problems.push_back(fmt::format("{}x{} {} {} '{}': {}", size.width, size.height,
                                                   large ? "large" : "normal", english ? "en" : "vi", scanned,
                                                   problem));
            }
        }
    }
    std::string all;
    for (std::size_t i = 0; i < problems.size() && i < 40; ++i) all += problems[i] + "\n";
    INFO(problems.size() << " problems:\n" << all);
    CHECK(problems.empty());
}
