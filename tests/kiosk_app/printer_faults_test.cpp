// Printer faults end to end: the kiosk program (headless, driven by scripts/print_fault.txt) takes
// a number and prints it to a printer that fails in one way: paper out before the job, paper end
// during it, cover open, a network printer that hangs, a USB printer unplugged mid-job, a stopped
// CUPS queue. Each time the screen shows the number and that fault's message, the ticket stays
// valid and callable with a print_failed event naming the fault, and once the fault clears
// "In lại phiếu" (scripts/print_again.txt) prints a correct ticket for the same number: a `printed`
// event with reprint = true, no new ticket.
#include <catch2/catch.hpp>

#include "kiosk/frontend/ticket_printing.h"
#include "kiosk/kiosk_app/kiosk_text.h"
#include "kiosk/kiosk_app/rating_screen.h"
#include "kiosk/kiosk_app/take_number_screens.h"
#include "kiosk_fixture.h"
#include "printer/escpos_decoder.h"
#include "printer/print_error.h"
#include "queue/queue_service.h"
#include "support/cupsd_harness.h"
#include "support/fake_usb_printer.h"
#include "support/local_listener.h"

using namespace motcua;
using motcua::testing::KioskFixture;
using motcua::testing::LocalListener;
using printer::PrintError;

namespace {

// What reaches a printer that reports a fault before the job: DLE EOT 1, 2 and 4, and no ticket.
const std::string kStatusQuestionsOnly("\x10\x04\x01\x10\x04\x02\x10\x04\x04", 9);

constexpr PrintError kAllErrors[] = {
    PrintError::NotConfigured,
    PrintError::BadUri,
    PrintError::NoPrinterFound,
    PrintError::PermissionDenied,
    PrintError::Busy,
    PrintError::Timeout,
    PrintError::PaperOut,
    PrintError::CoverOpen,
    PrintError::Offline,
    PrintError::CutterError,
    PrintError::ConnectionRefused,
    PrintError::ConnectionClosed,
    PrintError::IoError,
    PrintError::JobRejected,
};

void requireOk(const ui::ScriptOutcome& outcome, const std::string& script) {
    INFO(ui::formatOutcome(outcome, script));
    REQUIRE(outcome.ok);
}

std::vector<std::string> visible(kiosk::KioskProgram& program) {
    std::vector<std::string> out;
    for (const auto& t : program.app().visibleTexts()) out.push_back(t.text);
    return out;
}

bool shows(kiosk::KioskProgram& program, const std::string& text) {
    const auto texts = visible(program);
    return std::find(texts.begin(), texts.end(), text) != texts.end();
}

std::string tcpUri(const LocalListener& printer) {
    return "tcp:127.0.0.1:" + std::to_string(printer.port());
}

// The ticket a reprint of number should produce: the kiosk's own rendering of it as it is now
// (drawn with another number when asNumber is given).
printer::Bitmap expectedTicket(queue::QueueService& q, const std::string& number, kiosk::Language language,
                               const std::string& asNumber = {}) {
    const auto issued = q.estimate(number);
    REQUIRE(issued);
    auto content = kiosk::ticketContent(*issued, q.office(), q.calendar(), language);
    if (!asNumber.empty()) content.number = asNumber;
    kiosk::TicketPrinter renderer("none", kiosk::printerSettings(q.office()));
    auto decoded = printer::decodeEscPos(renderer.encode(content));
    REQUIRE(decoded.ok());
    return decoded->picture;
}

// After the failed print: the number and exactly this fault's message on the screen, the button to
// print again, and in the database a valid waiting ticket with one print_failed event naming it.
void checkFailed(KioskFixture& f, PrintError error, kiosk::Language language = kiosk::Language::Vi) {
    auto& program = *f.program;
    CAPTURE(visible(program));
    CHECK(shows(program, "A001"));
    CHECK(shows(program, kiosk::printProblem(error, language)));
    for (PrintError other : kAllErrors) {
        if (other != error) CHECK_FALSE(shows(program, kiosk::printProblem(other, language)));
    }
    CHECK(shows(program, kiosk::words::kPrintAgain.pick(language)));

    auto db = f.openDb();
    queue::SystemClock clock;
    queue::QueueService q(db, clock);
    const auto ticket = q.findToday("A001");
    REQUIRE(ticket);
    CHECK(ticket->state == queue::TicketState::Waiting);
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets") == 1);
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'printed'") == 0);
    queue::Statement failed(
        db, "SELECT json_extract(detail, '$.error') FROM events WHERE kind = 'print_failed' ORDER BY id");
    REQUIRE(failed.step());
    CHECK(failed.getText(0) == std::string(printer::errorName(error)));
    // In the queue: the first of the tickets counter 1 would call.
    const auto waiting = q.waitingFor(1);
    REQUIRE_FALSE(waiting.empty());
    CHECK(waiting.front().number == "A001");
    const auto unprinted = q.unprintedToday();
    REQUIRE(unprinted.size() == 1);
    CHECK(unprinted.front().ticket.number == "A001");
}

// After the reprint: the screen says to take the ticket, the printer got a correct ticket for A001,
// one `printed` event with reprint = true, still one ticket, still waiting, and it can be called.
void checkReprinted(KioskFixture& f, const std::string& printerBytes,
                    kiosk::Language language = kiosk::Language::Vi) {
    auto& program = *f.program;
    CAPTURE(visible(program));
    CHECK(shows(program, "A001"));
    CHECK(shows(program, kiosk::words::kTakeTicket.pick(language)));
    CHECK_FALSE(shows(program, kiosk::words::kPrintAgain.pick(language)));
    CHECK_FALSE(shows(program, kiosk::words::kPrintFailed.pick(language)));

    auto db = f.openDb();
    queue::SystemClock clock;
    queue::QueueService q(db, clock);
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets") == 1);
    queue::Statement printed(
        db, "SELECT json_extract(detail, '$.reprint'), ticket_id FROM events WHERE kind = 'printed'");
    REQUIRE(printed.step());
    CHECK(printed.getInt(0) == 1);
    CHECK(printed.getInt(1) == q.findToday("A001")->id);
    CHECK_FALSE(printed.step());
    CHECK(q.unprintedToday().empty());

    // The printer's bytes are a whole ticket (status questions around it are skipped), and it is
    // A001's: the same picture as the kiosk's rendering of A001, not of another number.
    auto decoded = printer::decodeEscPos(printerBytes);
    INFO((decoded.ok() ? std::string() : decoded.error().message));
    REQUIRE(decoded.ok());
    CHECK(decoded->cuts == 1);
    CHECK(decoded->picture == expectedTicket(q, "A001", language));
    CHECK_FALSE(decoded->picture == expectedTicket(q, "A001", language, "A002"));

    const auto called = q.callNext(1);
    REQUIRE(called.ok());
    CHECK(called.value->ticket.number == "A001");
}

ui::Size orientation() {
    return GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
}

}  // namespace

TEST_CASE("Paper out before the job: nothing is sent, the ticket stays valid and prints again once refilled",
          "[kiosk][print][fault][paper]") {
    const ui::Size size = orientation();
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "fault-paper-out");
    LocalListener printer(LocalListener::Behaviour::AnswerStatus);
    printer.reportPaperEnd();
    f.start(tcpUri(printer));
    requireOk(f.run("print_fault.txt"), "print_fault.txt");
    checkFailed(f, PrintError::PaperOut);
    CHECK(shows(*f.program, "Máy in hết giấy: vui lòng báo cán bộ."));
    // Only the status questions reached the printer.
    CHECK(printer.connection(0) == kStatusQuestionsOnly);

    SECTION("printing again while the printer still has a fault shows the new fault") {
        printer.reportCoverOpen();  // refilled, but the cover is left open
        requireOk(f.run("print_again_fails.txt"), "print_again_fails.txt");
        CHECK(shows(*f.program, "Nắp máy in đang mở: vui lòng báo cán bộ."));
        CHECK_FALSE(shows(*f.program, "Máy in hết giấy: vui lòng báo cán bộ."));
        auto db = f.openDb();
        CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'print_failed'") == 2);
        CHECK(printer.connection(1) == kStatusQuestionsOnly);
        printer.reportReady();
        requireOk(f.run("print_again.txt"), "print_again.txt");
        checkReprinted(f, printer.connection(2));
    }
    SECTION("refilled, it prints") {
        printer.reportReady();
        requireOk(f.run("print_again.txt"), "print_again.txt");
        checkReprinted(f, printer.connection(1));
    }
}

TEST_CASE(
    "Paper end during the job: the printer stops reading, then reports paper out, and the ticket prints "
    "again",
    "[kiosk][print][fault][paper]") {
    const ui::Size size = orientation();
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "fault-paper-end-mid-job");
    LocalListener printer(LocalListener::Behaviour::PaperEndAfter, 2000);
    f.start(tcpUri(printer));
    requireOk(f.run("print_fault.txt"), "print_fault.txt");
    checkFailed(f, PrintError::PaperOut);
    CHECK(printer.connection(0).size() > 2000);  // part of the ticket had gone

    printer.reportReady();
    printer.setBehaviour(LocalListener::Behaviour::AnswerStatus);
    requireOk(f.run("print_again.txt"), "print_again.txt");
    checkReprinted(f, printer.connection(1));
}

TEST_CASE("Cover open: nothing is sent, and once closed the ticket prints again",
          "[kiosk][print][fault][cover]") {
    const ui::Size size = orientation();
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "fault-cover-open");
    LocalListener printer(LocalListener::Behaviour::AnswerStatus);
    printer.reportCoverOpen();
    f.start(tcpUri(printer));
    requireOk(f.run("print_fault.txt"), "print_fault.txt");
    checkFailed(f, PrintError::CoverOpen);
    CHECK(shows(*f.program, "Nắp máy in đang mở: vui lòng báo cán bộ."));
    CHECK(printer.connection(0) == kStatusQuestionsOnly);

    printer.reportReady();
    requireOk(f.run("print_again.txt"), "print_again.txt");
    checkReprinted(f, printer.connection(1));
}

TEST_CASE("Cover open, in English: the English message, and 'Print again' once closed",
          "[kiosk][print][fault][cover][english]") {
    const ui::Size size = orientation();
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "fault-cover-open-en");
    LocalListener printer(LocalListener::Behaviour::AnswerStatus);
    printer.reportCoverOpen();
    f.start(tcpUri(printer));
    requireOk(f.run("print_fault_en.txt"), "print_fault_en.txt");
    checkFailed(f, PrintError::CoverOpen, kiosk::Language::En);
    CHECK(shows(*f.program, "The printer cover is open: please tell the staff."));

    printer.reportReady();
    requireOk(f.run("print_again_en.txt"), "print_again_en.txt");
    checkReprinted(f, printer.connection(1), kiosk::Language::En);
}

TEST_CASE("Large text and high contrast: the failed ticket, its fault and 'In lại phiếu' fit the screen",
          "[kiosk][print][fault][large-text]") {
    const ui::Size size = orientation();
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "fault-large-text");
    LocalListener printer(LocalListener::Behaviour::AnswerStatus);
    printer.reportPaperEnd();
    auto& program = f.start(tcpUri(printer));
    requireOk(f.run("print_fault_large.txt"), "print_fault_large.txt");
    checkFailed(f, PrintError::PaperOut);
    CHECK(shows(program, "Xong"));
    // Inside the window with the margin a page keeps (texts are clipped to the window: one cut off
    // at the edge ends exactly there), and no text drawn over another.
    const auto texts = program.app().visibleTexts();
    for (std::size_t i = 0; i < texts.size(); ++i) {
        CAPTURE(texts[i].text);
        CHECK(texts[i].bounds.x > 0);
        CHECK(texts[i].bounds.right() < size.width);
        CHECK(texts[i].bounds.bottom() < size.height);
        for (std::size_t j = i + 1; j < texts.size(); ++j) {
            CAPTURE(texts[j].text);
            CHECK_FALSE(texts[i].bounds.intersects(texts[j].bounds));
        }
    }
    // The number was read aloud even though it did not print.
    CHECK(f.readAloud == std::vector<std::string>{"A001"});
}

TEST_CASE(
    "A network printer that accepts the connection and never reads: the kiosk waits a bounded time, "
    "then says the printer does not respond",
    "[kiosk][print][fault][hang]") {
    const ui::Size size = orientation();
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "fault-tcp-hang");
    LocalListener printer(LocalListener::Behaviour::NeverRead);
    f.start(tcpUri(printer));
    requireOk(f.run("print_fault.txt"), "print_fault.txt");
    checkFailed(f, PrintError::Timeout);
    CHECK(shows(*f.program, "Máy in không phản hồi: vui lòng báo cán bộ."));
    // How long the screen waited is in the log (not asserted: no timed assertions).
    std::string waited;
    for (const auto& line : f.log)
        if (line.find("ticket A001 not printed (") == 0) waited = line;
    CHECK_THAT(waited, Catch::Contains("took nothing for 5000 ms"));
    INFO(waited);

    printer.setBehaviour(LocalListener::Behaviour::AnswerStatus);
    requireOk(f.run("print_again.txt"), "print_again.txt");
    checkReprinted(f, printer.connection(1));
}

TEST_CASE("A USB printer unplugged mid-job: the ticket stays valid and prints again once plugged in",
          "[kiosk][print][fault][usb]") {
    const ui::Size size = orientation();
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "fault-usb-unplugged");
    testing::FakeUsbPrinter device;
    device.unplugAfter(3000);
    auto options = f.options("usb:");
    options.printerTransport.usbApi = device.factory();
    f.start(std::move(options));
    requireOk(f.run("print_fault.txt"), "print_fault.txt");
    checkFailed(f, PrintError::ConnectionClosed);
    CHECK(shows(*f.program, "Mất kết nối với máy in khi đang in: vui lòng báo cán bộ."));
    REQUIRE(device.sessions().size() == 1);
    CHECK(device.sessions()[0].size() == 3000);

    device.plugIn();
    requireOk(f.run("print_again.txt"), "print_again.txt");
    REQUIRE(device.sessions().size() == 2);
    checkReprinted(f, device.sessions()[1]);
}

TEST_CASE(
    "A stopped CUPS queue: the kiosk says the printer is paused, leaves no held job, and prints again "
    "once the queue is started",
    "[kiosk][print][fault][cups]") {
    const ui::Size size = orientation();
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "fault-cups-stopped");
    testing::Cupsd cupsd;
    LocalListener device(LocalListener::Behaviour::ReadAll);
    std::string output;
    REQUIRE(cupsd.lpadmin({"-p", "kiosk", "-E", "-v", "socket://127.0.0.1:" + std::to_string(device.port())},
                          output) == 0);
    REQUIRE(cupsd.tool("cupsdisable", {"kiosk"}, output) == 0);
    f.start("cups:kiosk");
    requireOk(f.run("print_fault.txt"), "print_fault.txt");
    checkFailed(f, PrintError::Offline);
    CHECK(shows(*f.program, "Máy in đang tạm dừng: vui lòng báo cán bộ."));
    // No job is held to come out later as a second paper.
    CHECK(cupsd.pendingJobs("kiosk").empty());

    REQUIRE(cupsd.tool("cupsenable", {"kiosk"}, output) == 0);
    requireOk(f.run("print_again.txt"), "print_again.txt");
    // The first job the printer ever got is the reprint.
    checkReprinted(f, device.received());
    CHECK(cupsd.pendingJobs("kiosk").empty());
}

TEST_CASE("Maintenance lists today's tickets whose print failed, and prints one again",
          "[kiosk][print][fault][admin]") {
    const ui::Size size = orientation();
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "maintenance-reprint");
    LocalListener printer(LocalListener::Behaviour::AnswerStatus);
    printer.reportPaperEnd();
    auto& program = f.start(tcpUri(printer));
    auto& services = program.services();
    std::vector<queue::IssuedTicket> issued;
    for (int i = 0; i < 2; ++i) {
        auto taken = services.take("HT", std::nullopt);
        REQUIRE(taken.issued);
        issued.push_back(*taken.issued);
        // A002 was taken in English: its reprint from maintenance is in English too.
        const auto language = i == 0 ? kiosk::Language::Vi : kiosk::Language::En;
        CHECK(services.print(issued.back(), language).error == PrintError::PaperOut);
    }
    printer.reportReady();
    REQUIRE(services.reprint(issued[0], kiosk::Language::Vi).printed);  // A001 at the kiosk's ticket screen
    REQUIRE(services.unprintedTickets().size() == 1);

    requireOk(f.run("maintenance_reprint.txt"), "maintenance_reprint.txt");
    auto* maintenance = dynamic_cast<kiosk::MaintenanceScreen*>(program.app().screens().top());
    REQUIRE(maintenance);
    CHECK(maintenance->unprinted().empty());
    auto db = f.openDb();
    queue::SystemClock clock;
    queue::QueueService q(db, clock);
    CHECK(q.unprintedToday().empty());
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets") == 2);
    CHECK(db.queryInt(
              "SELECT COUNT(*) FROM events WHERE kind = 'printed' AND json_extract(detail, '$.reprint')") ==
          2);
    // Connections: A001 and A002 (paper out: questions only), A001 again, the maintenance screen's
    // status checks, then A002 again: the last one with a ticket in it.
    std::string last;
    for (std::size_t i = 3; i < 8 && last.empty(); ++i) {
        const std::string bytes = printer.connection(i);
        if (bytes.find("\x1b@") != std::string::npos) last = bytes;
    }
    auto decoded = printer::decodeEscPos(last);
    REQUIRE(decoded.ok());
    CHECK(decoded->picture == expectedTicket(q, "A002", kiosk::Language::En));
}

TEST_CASE("Taps made while the printer held the screen do not press the buttons that appear afterwards",
          "[kiosk][print][fault][input]") {
    // An elderly citizen taps again while "Đang in phiếu số…" does not move. Those taps reach the
    // kiosk only after printing returns: they must not land on "In lại phiếu" and start another wait.
    KioskFixture f({1080, 1920}, "fault-stale-taps");
    LocalListener printer(LocalListener::Behaviour::AnswerStatus);
    printer.reportPaperEnd();
    auto& program = f.start(tcpUri(printer));
    program.session().showTicket("HT", std::nullopt);
    kiosk::TicketScreen* screen = nullptr;
    for (int i = 0; i < 10 && !(screen && screen->printReport()); ++i) {
        program.app().frame();
        screen = dynamic_cast<kiosk::TicketScreen*>(program.app().screens().top());
    }
    REQUIRE(screen);
    REQUIRE(screen->printReport());  // the frame that printed has just ended
    std::optional<ui::Point> button;
    for (const auto& t : program.app().visibleTexts())
        if (t.text == "In lại phiếu") button = t.bounds.center();
    REQUIRE(button);
    auto tap = [&] {
        program.app().injectPointer({ui::PointerAction::Down, *button, -1});
        program.app().injectPointer({ui::PointerAction::Up, *button, -1});
    };
    auto failures = [&] {
        return f.openDb().queryInt("SELECT COUNT(*) FROM events WHERE kind = 'print_failed'");
    };

    tap();  // queued during the print: delivered with the next frame, and dropped
    for (int i = 0; i < 5; ++i) program.app().frame();
    CHECK(failures() == 1);
    CHECK(screen->printReport()->error == PrintError::PaperOut);

    tap();  // a tap on the screen as it now is
    for (int i = 0; i < 5; ++i) program.app().frame();
    CHECK(failures() == 2);
}
