// The kiosk's main flows, driven by the scripts in scripts/ in both orientations, checked against
// the database, the printer's bytes and what is on the screen.
#include <SDL.h>

#include <catch2/catch.hpp>

#include "kiosk/kiosk_app/browse_screens.h"
#include "kiosk/kiosk_app/search_screen.h"
#include "kiosk/kiosk_app/take_number_screens.h"
#include "kiosk/ui/layout_check.h"
#include "kiosk/ui/scroll_view.h"
#include "kiosk/ui/text_input.h"
#include "kiosk_fixture.h"
#include "printer/escpos_decoder.h"
#include "queue/queue_service.h"
#include "queue/staff_service.h"
#include "support/damaged_database.h"

using namespace motcua;
using motcua::testing::KioskFixture;

namespace {

void requireOk(const ui::ScriptOutcome& outcome, const std::string& script) {
    INFO(ui::formatOutcome(outcome, script));
    REQUIRE(outcome.ok);
}

std::int64_t count(queue::Database& db, const std::string& sql) {
    return db.queryInt(sql);
}

}  // namespace

TEST_CASE("A citizen takes a number and the ticket is printed and stored", "[kiosk][take][print]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "take-number");
    f.start();
    requireOk(f.run("take_number.txt"), "take_number.txt");

    // The database has the ticket, waiting, and a printed event for it.
    auto db = f.openDb();
    queue::SystemClock clock;
    queue::QueueService q(db, clock);
    const auto ticket = q.findToday("A001");
    REQUIRE(ticket);
    CHECK(ticket->state == queue::TicketState::Waiting);
    CHECK(ticket->serviceCode == "HT");
    CHECK(count(db, "SELECT COUNT(*) FROM tickets") == 1);
    CHECK(count(db, "SELECT COUNT(*) FROM events WHERE kind = 'printed'") == 1);
    CHECK(count(db, "SELECT COUNT(*) FROM events WHERE kind = 'print_failed'") == 0);

    // The bytes handed to the printer decode to a ticket picture with a cut.
    const std::string bytes = testing::readFile(f.printerPath);
    REQUIRE(bytes.size() > 1000);
    const auto decoded = printer::decodeEscPos(bytes);
    REQUIRE(decoded);
    CHECK(decoded->cuts == 1);
    CHECK(decoded->picture.height() > 300);
    // Back at the welcome screen, nothing was read aloud (normal text).
    CHECK(f.readAloud.empty());
    for (const char* shot :
         {"1-welcome.png", "2-home.png", "3-services.png", "4-confirm.png", "5-ticket.png"})
        CHECK(std::filesystem::file_size(f.shots / shot) > 10'000);
}

TEST_CASE("A printer that cannot print leaves a valid ticket, its number on screen and an event for staff",
          "[kiosk][take][print][failure]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "print-failure");
    f.start("tcp:127.0.0.1:1");  // connection refused
    requireOk(f.run("print_failure.txt"), "print_failure.txt");

    auto db = f.openDb();
    queue::SystemClock clock;
    queue::QueueService q(db, clock);
    const auto ticket = q.findToday("B001");
    REQUIRE(ticket);
    CHECK(ticket->state == queue::TicketState::Waiting);
    CHECK(ticket->priority == std::optional<std::string>("cao_tuoi"));
    CHECK(count(db, "SELECT COUNT(*) FROM events WHERE kind = 'print_failed'") == 1);
    CHECK(count(db, "SELECT COUNT(*) FROM events WHERE kind = 'printed'") == 0);
    CHECK_FALSE(std::filesystem::exists(f.printerPath));
}

TEST_CASE("Tapping confirm twice issues one ticket", "[kiosk][take][double-tap]") {
    KioskFixture f({1920, 1080}, "double-tap");
    auto& program = f.start();
    SECTION("two taps through the script, one after the other") {
        requireOk(f.run("double_tap.txt"), "double_tap.txt");
    }
    SECTION("two taps delivered in the same frame") {
        program.session().showConfirm("HT");
        program.app().frame();
        program.app().frame();
        std::optional<ui::Point> at;
        for (const auto& t : program.app().visibleTexts())
            if (t.text == "Xác nhận lấy số") at = t.bounds.center();
        REQUIRE(at);
        for (int i = 0; i < 2; ++i) {
            program.app().injectPointer({ui::PointerAction::Down, *at, -1});
            program.app().injectPointer({ui::PointerAction::Up, *at, -1});
        }
        for (int i = 0; i < 5; ++i) program.app().frame();
        f.settle();  // the printer thread's answer
        bool shown = false;
        for (const auto& t : program.app().visibleTexts()) shown = shown || t.text == "A001";
        CHECK(shown);
    }
    auto db = f.openDb();
    CHECK(count(db, "SELECT COUNT(*) FROM tickets") == 1);
    CHECK(count(db, "SELECT COUNT(*) FROM events WHERE kind = 'printed'") == 1);
}

TEST_CASE("Browsing to the certified-copy procedure and working out the fee", "[kiosk][browse][fee]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "browse-fee");
    f.start();
    requireOk(f.run("browse_fee.txt"), "browse_fee.txt");
    auto db = f.openDb();
    CHECK(
        count(db,
              "SELECT COUNT(*) FROM tickets t JOIN services s ON s.id = t.service_id WHERE s.code = 'CT'") ==
        1);
}

TEST_CASE("The procedure page shows the QR code to the portal and scrolls with momentum",
          "[kiosk][browse][qr]") {
    KioskFixture f({1920, 1080}, "procedure-page");
    auto& program = f.start();
    program.session().showProcedure("2.000815");
    program.app().frame();
    program.app().frame();
    auto* page = dynamic_cast<kiosk::ProcedureScreen*>(program.app().screens().top());
    REQUIRE(page);
    REQUIRE(page->scrollView());
    CHECK(page->scrollView()->maxOffset() > 0);
    CHECK(page->amountText() == "2.000 đ");
    page->scrollView()->fling(3000);
    for (int i = 0; i < 120; ++i) {
        program.manualClock()->advance(16);
        program.app().frame();
    }
    CHECK(page->scrollView()->offset() > 300);
    CHECK(page->scrollView()->velocity() == 0);
}

TEST_CASE("Searching without accents finds the procedure and highlights the matched words",
          "[kiosk][search]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "search");
    auto& program = f.start();
    requireOk(f.run("search.txt"), "search.txt");
    // Now on the procedure page; one step back is the search with its results.
    program.session().back();
    program.app().frame();
    auto* search = dynamic_cast<kiosk::SearchScreen*>(program.app().screens().top());
    REQUIRE(search);
    CHECK(search->query() == "khái sinh");
    REQUIRE_FALSE(search->hits().empty());
    CHECK(search->hits().front().procedureCode == "1.001193");
    CHECK_FALSE(search->hits().front().nameSpans.empty());
}

TEST_CASE(
    "In large text the keys can be put away to read the results, and a tap on the field brings them back",
    "[kiosk][search]") {
    const ui::Size size = GENERATE(ui::Size{1366, 768}, ui::Size{1080, 1920});
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "search-keys");
    auto& program = f.start();
    program.session().toggleLargeText();
    program.session().showSearch();
    const auto frames = [&] {
        for (int i = 0; i < 3; ++i) {
            program.manualClock()->advance(16);
            program.app().frame();
        }
    };
    frames();
    program.app().inject(ui::InputEvent::textInput("khai sinh"));
    frames();
    auto* search = dynamic_cast<kiosk::SearchScreen*>(program.app().screens().top());
    REQUIRE(search);
    const auto runText = [&](const std::string& name, const std::string& script) {
        testing::writeFile(f.dir / name, script);
        return program.runScript(f.dir / name);
    };
    requireOk(runText("hide.txt",
                      "tap \"Ẩn bàn phím\"\nwait 50\nexpect \"Hiện bàn phím\"\n"
                      "expect \"Đăng ký khai sinh\"\n"),
              "hide");
    CHECK(search->keyboardHidden());
    // The field: the text input showing what was typed.
    std::optional<ui::Rect> field;
    for (const auto& item : ui::layoutItems(search, &program.app().banner(), program.app().size()))
        if (dynamic_cast<const ui::TextInput*>(item.owner) && item.kind == ui::LayoutItem::Kind::Line &&
            item.text == "khai sinh")
            field = item.owner->bounds();
    REQUIRE(field);
    program.app().inject(ui::InputEvent::tap({field->x + field->width / 2, field->y + field->height / 2}));
    frames();
    CHECK_FALSE(search->keyboardHidden());
    requireOk(runText("shown.txt", "expect \"Ẩn bàn phím\"\n"), "shown");
    CHECK(search->query() == "khai sinh");  // the tap typed nothing and kept the text
}

TEST_CASE("Idle for the configured time goes back to welcome with input, language and text size reset",
          "[kiosk][idle]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "idle");
    auto& program = f.start();
    requireOk(f.run("idle_reset.txt"), "idle_reset.txt");
    CHECK(program.session().language() == kiosk::Language::Vi);
    CHECK_FALSE(program.session().largeText());
    CHECK(program.app().theme().textSize() == ui::TextSize::Normal);
}

TEST_CASE("Large text and high contrast, and the number is read aloud after printing",
          "[kiosk][large-text]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "large-text");
    auto& program = f.start();
    requireOk(f.run("large_text.txt"), "large_text.txt");
    CHECK(program.app().theme().textSize() == ui::TextSize::Large);
    CHECK(program.app().theme().contrast() == ui::Contrast::High);
    CHECK(f.readAloud == std::vector<std::string>{"A001"});
    // Every visible text lies inside the window: nothing pushed off the screen by the larger text.
    for (const auto& t : program.app().visibleTexts()) {
        CAPTURE(t.text);
        CHECK(t.bounds.x >= 0);
        CHECK(t.bounds.right() <= size.width);
        CHECK(t.bounds.bottom() <= size.height);
    }
}

TEST_CASE("Rating a finished ticket at the kiosk, once", "[kiosk][rating]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "rating");
    {
        auto db = f.openDb();
        queue::SystemClock clock;
        queue::QueueService q(db, clock);
        REQUIRE(q.take("HT").ok());
        REQUIRE(q.take("HT").ok());
        REQUIRE(q.callNext(1).ok());
        REQUIRE(q.start(1).ok());
        REQUIRE(q.finish(1).ok());
    }
    f.start();
    requireOk(f.run("rating.txt"), "rating.txt");
    auto db = f.openDb();
    CHECK(count(db, "SELECT COUNT(*) FROM events WHERE kind = 'rate'") == 1);
    queue::Statement st(db,
                        "SELECT json_extract(detail, '$.level'), json_extract(detail, '$.source') FROM "
                        "events WHERE kind = 'rate'");
    REQUIRE(st.step());
    CHECK(st.getText(0) == queue::ratingScale(3).front().code);
    CHECK(st.getText(1) == "kiosk");
}

TEST_CASE("Only a supervisor's PIN opens maintenance, and only maintenance ends the kiosk",
          "[kiosk][admin]") {
    KioskFixture f({1080, 1920}, "admin");
    auto& program = f.start();
    // A close request (Alt+F4, the window manager) is ignored.
    SDL_Event quit{};
    quit.type = SDL_QUIT;
    SDL_PushEvent(&quit);
    program.app().pumpSdlEvents();
    program.app().frame();
    CHECK(program.app().running());
    requireOk(f.run("admin.txt"), "admin.txt");
    program.app().frame();
    CHECK_FALSE(program.app().running());
    // The test print went to the printer.
    const auto decoded = printer::decodeEscPos(testing::readFile(f.printerPath));
    REQUIRE(decoded);
    CHECK(decoded->cuts == 1);
}

TEST_CASE("Five wrong PINs lock the maintenance screen", "[kiosk][admin]") {
    KioskFixture f({1920, 1080}, "admin-lock");
    auto& program = f.start();
    auto& services = program.services();
    for (int i = 0; i < 4; ++i)
        CHECK(services.checkSupervisor("truongbophan", "0000").status == kiosk::SupervisorCheck::WrongPin);
    CHECK(services.checkSupervisor("truongbophan", "0000").status == kiosk::SupervisorCheck::Locked);
    // Locked: even the right PIN waits.
    CHECK(services.checkSupervisor("truongbophan", testing::kSupervisorPin).status ==
          kiosk::SupervisorCheck::Locked);
    // The lockout is StaffService's, the same as at a console's login, and in the event log.
    CHECK(program.database().queryInt("SELECT COUNT(*) FROM events WHERE kind = 'login_locked'") == 1);
    program.manualClock()->advanceMinutes(queue::StaffPolicy{}.lockMinutes - 1);
    CHECK(services.checkSupervisor("truongbophan", testing::kSupervisorPin).status ==
          kiosk::SupervisorCheck::Locked);
    program.manualClock()->advanceMinutes(2);
    CHECK(services.checkSupervisor("truongbophan", testing::kSupervisorPin).status ==
          kiosk::SupervisorCheck::Ok);
    // An officer is never let in.
    CHECK(services.checkSupervisor("canbo1", testing::kSupervisorPin).status ==
          kiosk::SupervisorCheck::NotAllowed);
}

TEST_CASE("Without a catalogue the kiosk still issues numbers", "[kiosk][degrade]") {
    KioskFixture f({1080, 1920}, "no-catalogue", false);
    f.start();
    requireOk(f.run("empty_catalogue.txt"), "empty_catalogue.txt");
}

TEST_CASE("A script command that fails ends the program non-zero at its line", "[kiosk][script]") {
    KioskFixture f({1920, 1080}, "failing-script");
    auto options = f.options();
    options.program.script = testing::sourcePath("tests/kiosk_app/scripts/failing.txt");
    CHECK(kiosk::runKiosk(options) == static_cast<int>(shell::ExitStatus::Failed));
    options.program.script = testing::sourcePath("tests/kiosk_app/scripts/take_number.txt");
    CHECK(kiosk::runKiosk(options) == 0);
}

TEST_CASE("A database that is not motcua's is refused with its own exit status", "[kiosk][degrade]") {
    motcua::testing::TempDir dir;
    motcua::testing::writeFile(dir / "not.db", "this is not a database");
    kiosk::KioskOptions options;
    options.program.headless = true;
    options.program.db = dir / "not.db";
    options.log = [](const std::string&) {};
    CHECK(kiosk::runKiosk(options) == static_cast<int>(shell::ExitStatus::Database));
}

TEST_CASE("A damaged database is refused at start-up, before anything is written", "[kiosk][degrade]") {
    KioskFixture f({1080, 1920}, "damaged");
    testing::damageTablePage(f.dbPath, "services");
    const std::string before = testing::readFile(f.dbPath);
    auto options = f.options();
    options.program.script = testing::sourcePath("tests/kiosk_app/scripts/take_number.txt");
    CHECK(kiosk::runKiosk(options) == static_cast<int>(shell::ExitStatus::Database));
    REQUIRE_FALSE(f.log.empty());
    CHECK_THAT(f.log.back(), Catch::Contains("damaged") && Catch::Contains("motcua restore"));
    CHECK(testing::readFile(f.dbPath) == before);
}
