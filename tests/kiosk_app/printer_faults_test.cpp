// Printer faults end to end: the kiosk program (headless, driven by scripts/print_fault.txt) takes
// a number and prints it to a printer that fails in one way: paper out before the job, cover open,
// a network printer that hangs, a USB printer unplugged mid-job or missing, a stopped CUPS queue.
// Each time the screen shows the number and that fault's message, the ticket stays valid and
// callable with a print_failed event naming the fault, and once the fault clears "In lại phiếu"
// (scripts/print_again.txt) prints a correct ticket for the same number: a `printed` event with
// reprint = true, no new ticket. A printer that took the whole ticket and then failed may have
// printed it: the screen says so ("có thể đã in"), nothing prints it again by itself, and staff
// reprint it from maintenance once they know it did not come out. Printing runs on the printer
// thread: the kiosk keeps drawing and answering taps while a printer hangs.
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <iostream>
#include <thread>

#include "kiosk/frontend/ticket_printing.h"
#include "kiosk/kiosk_app/kiosk_text.h"
#include "kiosk/kiosk_app/rating_screen.h"
#include "kiosk/kiosk_app/take_number_screens.h"
#include "kiosk/ui/image.h"
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

// The bytes of the n-th print attempt (0: the first) on a network printer. Connection 0 is the
// kiosk's look at the printer when it starts (status questions only).
std::string ticketConnection(LocalListener& printer, std::size_t n) {
    return printer.connection(n + 1);
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
        db,
        "SELECT json_extract(detail, '$.error'), json_extract(detail, '$.outcome'), "
        "json_extract(detail, '$.job') FROM events WHERE kind = 'print_failed' ORDER BY id");
    REQUIRE(failed.step());
    CHECK(failed.getText(0) == std::string(printer::errorName(error)));
    CHECK(failed.getText(1) == "not_printed");
    // Recorded before it was sent, with the same job.
    queue::Statement started(db,
                             "SELECT json_extract(detail, '$.job') FROM events WHERE kind = 'print_started'");
    REQUIRE(started.step());
    CHECK(started.getText(0) == failed.getText(2));
    // In the queue: the first of the tickets counter 1 would call.
    const auto waiting = q.waitingFor(1);
    REQUIRE_FALSE(waiting.empty());
    CHECK(waiting.front().number == "A001");
    const auto unprinted = q.unprintedToday();
    REQUIRE(unprinted.size() == 1);
    CHECK(unprinted.front().ticket.number == "A001");
    CHECK(unprinted.front().last == queue::UnprintedTicket::Last::NotPrinted);
}

// After a print that may have printed: the number, "có thể đã in" and no "In lại phiếu" on the
// screen; a print_failed with outcome "unknown" naming the fault; in the maintenance list as such.
void checkMaybePrinted(KioskFixture& f, PrintError error, kiosk::Language language = kiosk::Language::Vi) {
    auto& program = *f.program;
    CAPTURE(visible(program));
    CHECK(shows(program, "A001"));
    CHECK(shows(program, kiosk::words::kMaybePrinted.pick(language)));
    CHECK(shows(program, kiosk::words::kMaybePrintedNext.pick(language)));
    CHECK_FALSE(shows(program, kiosk::words::kPrintAgain.pick(language)));
    CHECK_FALSE(shows(program, kiosk::words::kPrintFailed.pick(language)));
    CHECK(shows(program, kiosk::words::kDone.pick(language)));

    auto db = f.openDb();
    queue::SystemClock clock;
    queue::QueueService q(db, clock);
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets") == 1);
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'printed'") == 0);
    queue::Statement failed(db,
                            "SELECT json_extract(detail, '$.error'), json_extract(detail, '$.outcome'), "
                            "json_extract(detail, '$.reached') FROM events WHERE kind = 'print_failed'");
    REQUIRE(failed.step());
    CHECK(failed.getText(0) == std::string(printer::errorName(error)));
    CHECK(failed.getText(1) == "unknown");
    CHECK(failed.getText(2) == "all");
    CHECK_FALSE(failed.step());
    const auto unprinted = q.unprintedToday();
    REQUIRE(unprinted.size() == 1);
    CHECK(unprinted.front().last == queue::UnprintedTicket::Last::MaybePrinted);
}

// Staff looked in the slot, found nothing, and print it again from maintenance.
void reprintFromMaintenance(KioskFixture& f, const std::string& script = "maintenance_maybe_printed.txt") {
    requireOk(f.run(script), script);
}

// After the reprint: the screen says to take the ticket, the printer got a correct ticket for A001,
// one `printed` event with reprint = true, still one ticket, still waiting, and it can be called.
void checkReprinted(KioskFixture& f, const std::string& printerBytes,
                    kiosk::Language language = kiosk::Language::Vi, bool onTicketScreen = true) {
    auto& program = *f.program;
    CAPTURE(visible(program));
    if (onTicketScreen) {
        CHECK(shows(program, "A001"));
        CHECK(shows(program, kiosk::words::kTakeTicket.pick(language)));
        CHECK_FALSE(shows(program, kiosk::words::kPrintAgain.pick(language)));
        CHECK_FALSE(shows(program, kiosk::words::kPrintFailed.pick(language)));
    }

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
    CHECK(ticketConnection(printer, 0) == kStatusQuestionsOnly);

    SECTION("printing again while the printer still has a fault shows the new fault") {
        printer.reportCoverOpen();  // refilled, but the cover is left open
        requireOk(f.run("print_again_fails.txt"), "print_again_fails.txt");
        CHECK(shows(*f.program, "Nắp máy in đang mở: vui lòng báo cán bộ."));
        CHECK_FALSE(shows(*f.program, "Máy in hết giấy: vui lòng báo cán bộ."));
        auto db = f.openDb();
        CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'print_failed'") == 2);
        CHECK(ticketConnection(printer, 1) == kStatusQuestionsOnly);
        printer.reportReady();
        requireOk(f.run("print_again.txt"), "print_again.txt");
        checkReprinted(f, ticketConnection(printer, 2));
    }
    SECTION("refilled, it prints") {
        printer.reportReady();
        requireOk(f.run("print_again.txt"), "print_again.txt");
        checkReprinted(f, ticketConnection(printer, 1));
    }
}

TEST_CASE(
    "Paper end after the printer took the whole ticket: the kiosk says it may have printed, never prints it "
    "again by itself, and staff print it from maintenance",
    "[kiosk][print][fault][paper][unknown][tcp]") {
    // The printer stops reading at the paper end, then takes the rest into its buffer and reports
    // paper out: the ticket may be half printed, or print in full once refilled.
    const ui::Size size = orientation();
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "fault-paper-end-after-job");
    LocalListener printer(LocalListener::Behaviour::PaperEndAfter, 2000);
    f.start(tcpUri(printer));
    requireOk(f.run("print_fault_maybe.txt"), "print_fault_maybe.txt");
    checkMaybePrinted(f, PrintError::PaperOut);
    CHECK(ticketConnection(printer, 0).size() > 2000);  // the whole ticket went
    // The citizen's screen offers no second print; the next citizen's ticket is not affected.
    printer.reportReady();
    printer.setBehaviour(LocalListener::Behaviour::AnswerStatus);
    reprintFromMaintenance(f);
    // After the maintenance screen's status check.
    checkReprinted(f, ticketConnection(printer, 2), kiosk::Language::Vi, false);
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
    CHECK(ticketConnection(printer, 0) == kStatusQuestionsOnly);

    printer.reportReady();
    requireOk(f.run("print_again.txt"), "print_again.txt");
    checkReprinted(f, ticketConnection(printer, 1));
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
    checkReprinted(f, ticketConnection(printer, 1), kiosk::Language::En);
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
    // How long the printer took is in the log (not asserted: no timed assertions).
    std::string waited;
    for (const auto& line : f.log)
        if (line.find("ticket A001 not printed (") == 0) waited = line;
    CHECK_THAT(waited, Catch::Contains("took nothing for 5000 ms"));
    INFO(waited);

    printer.setBehaviour(LocalListener::Behaviour::AnswerStatus);
    requireOk(f.run("print_again.txt"), "print_again.txt");
    checkReprinted(f, ticketConnection(printer, 1));
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
    // The kiosk's look at the printer when it started, then the ticket, cut off at 3000 bytes in all.
    REQUIRE(device.sessions().size() == 2);
    CHECK(device.sessions()[0].size() + device.sessions()[1].size() == 3000);

    device.plugIn();
    requireOk(f.run("print_again.txt"), "print_again.txt");
    REQUIRE(device.sessions().size() == 3);
    checkReprinted(f, device.sessions()[2]);
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
    REQUIRE(services.reprint(issued[0], kiosk::Language::Vi).printed());  // A001 at the kiosk's ticket screen
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
    // Connections: the kiosk's check at start, A001 and A002 (paper out: questions only), A001 again,
    // the maintenance screen's status check, then A002 again: the last one with a ticket in it.
    std::string last;
    for (std::size_t i = 4; i < 9 && last.empty(); ++i) {
        const std::string bytes = printer.connection(i);
        if (bytes.find("\x1b@") != std::string::npos) last = bytes;
    }
    auto decoded = printer::decodeEscPos(last);
    REQUIRE(decoded.ok());
    CHECK(decoded->picture == expectedTicket(q, "A002", kiosk::Language::En));
}

TEST_CASE(
    "A printer that hangs for 5 s: the kiosk keeps drawing, shows the number at once and answers 'Xong' "
    "while "
    "the printer finishes",
    "[kiosk][print][hang][frames]") {
    // Frames at the kiosk's own pace (16 ms of wall time and of its clock each) while the printer
    // thread waits 5 s for a printer that accepts the connection and never reads.
    const ui::Size size = orientation();
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "hang-frames");
    LocalListener printer(LocalListener::Behaviour::NeverRead);
    auto& program = f.start(tcpUri(printer));
    auto& app = program.app();
    program.session().showTicket("HT", std::nullopt);

    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    std::vector<double> frameMs;
    std::optional<Clock::time_point> tapped, answered;
    bool sawSpinner = false;
    const std::uint64_t framesBefore = app.framesDrawn();
    std::uint64_t framesWhilePrinting = 0;
    while (Clock::now() - start < std::chrono::seconds(20)) {
        const auto frameStart = Clock::now();
        program.manualClock()->advance(ui::ScriptRunner::kFrameMs);
        const auto before = app.framesDrawn();
        app.frame();
        frameMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - frameStart).count());
        const bool busy = app.backgroundBusy();
        if (busy) framesWhilePrinting += app.framesDrawn() - before;
        const auto elapsed = Clock::now() - start;
        auto* ticket = dynamic_cast<kiosk::TicketScreen*>(app.screens().top());
        if (!sawSpinner && ticket && ticket->printing() && elapsed > std::chrono::milliseconds(500)) {
            // Half a second into the hang: the number, the spinner's words and "Xong", nothing else.
            sawSpinner = true;
            CAPTURE(visible(program));
            CHECK(shows(program, "A001"));
            CHECK(shows(program, kiosk::words::kPrinting.vi));
            CHECK(shows(program, kiosk::words::kDone.vi));
            CHECK_FALSE(shows(program, kiosk::words::kPrintAgain.vi));
            ui::savePng(f.shots / "1-printing-hung.png", app.screenshot());
        }
        if (!tapped && sawSpinner && elapsed > std::chrono::milliseconds(2500)) {
            // The citizen does not wait for the paper.
            REQUIRE(busy);
            std::optional<ui::Point> done;
            for (const auto& t : app.visibleTexts())
                if (t.text == kiosk::words::kDone.vi) done = t.bounds.center();
            REQUIRE(done);
            app.injectPointer({ui::PointerAction::Down, *done, -1});
            app.injectPointer({ui::PointerAction::Up, *done, -1});
            tapped = Clock::now();
        }
        if (tapped && !answered && !ticket) {
            answered = Clock::now();
            CHECK(busy);  // back at the welcome screen while the printer still works
            CHECK(shows(program, "Chạm vào màn hình để bắt đầu"));
            ui::savePng(f.shots / "2-welcome-while-printing.png", app.screenshot());
        }
        if (!busy && answered) break;
        std::this_thread::sleep_until(frameStart + std::chrono::milliseconds(ui::ScriptRunner::kFrameMs));
    }
    REQUIRE(sawSpinner);
    REQUIRE(tapped);
    REQUIRE(answered);
    CHECK_FALSE(app.backgroundBusy());
    // Frames went on during the hang (the old kiosk drew none while it waited for the printer).
    CHECK(framesWhilePrinting >= 10);

    std::sort(frameMs.begin(), frameMs.end());
    const auto pct = [&](double p) { return frameMs[static_cast<std::size_t>(p * (frameMs.size() - 1))]; };
    std::cout
        << fmt::format(
               "hung printer ({}x{}): {} frames in {:.1f} s, {} while printing; frame time p50 {:.1f} ms, "
               "p99 {:.1f} ms, max {:.1f} ms; tap on Xong answered in {:.0f} ms\n",
               size.width, size.height, app.framesDrawn() - framesBefore,
               std::chrono::duration<double>(Clock::now() - start).count(), framesWhilePrinting, pct(0.5),
               pct(0.99), frameMs.back(),
               std::chrono::duration<double, std::milli>(*answered - *tapped).count())
        << std::flush;

    // The print ended after the citizen left, and was recorded all the same.
    auto db = f.openDb();
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'print_failed' AND "
                      "json_extract(detail, '$.error') = 'timeout' AND json_extract(detail, '$.outcome') = "
                      "'not_printed'") == 1);
    CHECK(db.queryInt("SELECT COUNT(*) FROM tickets WHERE state = 'waiting'") == 1);
}

TEST_CASE(
    "At most one print per ticket is on its way: a second one for the same ticket is refused until the "
    "first has ended",
    "[kiosk][print][once]") {
    KioskFixture f({1080, 1920}, "one-job-per-ticket");
    LocalListener printer(LocalListener::Behaviour::AnswerStatus);
    auto& program = f.start(tcpUri(printer));
    auto& services = program.services();
    auto first = services.take("HT", std::nullopt);
    auto second = services.take("HT", std::nullopt);
    REQUIRE(first.issued);
    REQUIRE(second.issued);
    const auto job = services.startPrint(*first.issued, kiosk::Language::Vi);
    REQUIRE(job);
    CHECK(services.printing(first.issued->ticket.id));
    // Refused, whatever the printer thread is doing: the ticket stays "printing" until its outcome
    // has been taken in on this thread.
    CHECK_FALSE(services.startPrint(*first.issued, kiosk::Language::Vi));
    CHECK_FALSE(services.startReprint(*first.issued, kiosk::Language::Vi));
    // Another ticket prints meanwhile.
    REQUIRE(services.startPrint(*second.issued, kiosk::Language::Vi));
    f.settle();
    const auto report = services.printOutcome(*job);
    REQUIRE(report);
    CHECK(report->printed());
    CHECK_FALSE(services.printOutcome(*job));  // handed out once
    CHECK_FALSE(services.printing(first.issued->ticket.id));
    // Once it has ended, it may be printed again.
    CHECK(services.reprint(*first.issued, kiosk::Language::Vi).printed());

    auto db = f.openDb();
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'print_started'") == 3);
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'printed'") == 3);
    int tickets = 0;
    for (std::size_t i = 0; i < 4; ++i)
        if (printer.connection(i).find("\x1b@") != std::string::npos) ++tickets;
    CHECK(tickets == 3);
}

TEST_CASE(
    "No USB printer when the kiosk starts: staff are alerted, the citizen is told, nothing goes to a file, "
    "and "
    "the printer is found once plugged in",
    "[kiosk][print][fault][usb][absent]") {
    const ui::Size size = orientation();
    CAPTURE(size.width, size.height);
    KioskFixture f(size, "usb-absent");
    testing::FakeUsbPrinter device;
    device.unplug();
    auto options = f.options("usb:");
    options.printerTransport.usbApi = device.factory();
    f.start(std::move(options));
    requireOk(f.run("print_fault.txt"), "print_fault.txt");
    checkFailed(f, PrintError::NoPrinterFound);
    CHECK(shows(*f.program, "Không tìm thấy máy in: vui lòng báo cán bộ."));
    CHECK(shows(*f.program, kiosk::words::kPrintFailed.vi));
    {
        // The consoles heard of it at start, before any citizen came.
        auto db = f.openDb();
        queue::Statement problem(
            db,
            "SELECT json_extract(detail, '$.error'), json_extract(detail, '$.printer'), id < "
            "(SELECT MIN(id) FROM events WHERE kind = 'issue') FROM events WHERE kind = "
            "'printer_problem'");
        REQUIRE(problem.step());
        CHECK(problem.getText(0) == "no-printer-found");
        CHECK(problem.getText(1) == "usb:");
        CHECK(problem.getInt(2) == 1);
        CHECK_FALSE(problem.step());
    }
    // Nothing was written anywhere in place of the paper.
    for (const auto& entry : std::filesystem::directory_iterator(f.dir.path())) {
        CAPTURE(entry.path());
        CHECK(entry.path().extension() != ".bin");
    }
    CHECK(device.opens() == 0);

    device.plugIn();
    requireOk(f.run("print_again.txt"), "print_again.txt");
    REQUIRE(device.sessions().size() == 1);
    checkReprinted(f, device.sessions()[0]);
    CHECK_FALSE(f.program->services().printerProblem());
}

TEST_CASE("A USB printer that takes the whole ticket and then reports paper end: it may have printed",
          "[kiosk][print][fault][usb][unknown]") {
    KioskFixture f({1080, 1920}, "usb-maybe-printed");
    testing::FakeUsbPrinter device;
    // Past the start-up check and the questions before the ticket, inside the ticket.
    device.paperEndsAfter(3000);
    auto options = f.options("usb:");
    options.printerTransport.usbApi = device.factory();
    f.start(std::move(options));
    requireOk(f.run("print_fault_maybe.txt"), "print_fault_maybe.txt");
    checkMaybePrinted(f, PrintError::PaperOut);
    REQUIRE(device.sessions().size() == 2);
    CHECK(device.sessions()[1].find("\x1d\x56") != std::string::npos);  // the cut went too

    device.clearFault();
    reprintFromMaintenance(f);
    REQUIRE(device.sessions().size() == 4);  // maintenance's status check, then the reprint
    checkReprinted(f, device.sessions()[3], kiosk::Language::Vi, false);
}

TEST_CASE(
    "A CUPS queue whose printer hangs after taking the job: the job is cancelled, and the kiosk says it may "
    "have printed",
    "[kiosk][print][fault][cups][unknown]") {
    KioskFixture f({1920, 1080}, "cups-maybe-printed");
    testing::Cupsd cupsd;
    LocalListener device(LocalListener::Behaviour::NeverRead);
    std::string output;
    REQUIRE(cupsd.lpadmin({"-p", "kiosk", "-E", "-v", "socket://127.0.0.1:" + std::to_string(device.port())},
                          output) == 0);
    f.start("cups:kiosk");
    requireOk(f.run("print_fault_maybe.txt"), "print_fault_maybe.txt");
    checkMaybePrinted(f, PrintError::Timeout);
    CHECK(cupsd.pendingJobs("kiosk").empty());  // cancelled: it cannot come out later
}

TEST_CASE(
    "A kiosk killed while printing: when it starts again the ticket is 'có thể đã in' for staff and is not "
    "printed again by itself",
    "[kiosk][print][unknown][interrupted]") {
    KioskFixture f({1080, 1920}, "interrupted-print");
    // A process of this host that has ended: the kiosk that was killed.
    const pid_t dead = ::fork();
    if (dead == 0) ::_exit(0);
    REQUIRE(dead > 0);
    ::waitpid(dead, nullptr, 0);
    const auto host = kiosk::PrintingProcess::current().host;
    {
        auto db = f.openDb();
        queue::SystemClock clock;
        queue::QueueService q(db, clock);
        const auto a1 = q.take("HT");
        const auto a2 = q.take("HT");
        REQUIRE(a1.ok());
        REQUIRE(a2.ok());
        q.recordDeviceEvent(
            "print_started", a1.value->ticket.id,
            {{"job", "old:1"}, {"printer", "usb:"}, {"host", host}, {"pid", dead}, {"language", "vi"}});
        // Another kiosk on this host that is still running (this test's parent) is left alone.
        q.recordDeviceEvent("print_started", a2.value->ticket.id,
                            {{"job", "other:1"}, {"printer", "usb:"}, {"host", host}, {"pid", ::getppid()}});
    }
    LocalListener printer(LocalListener::Behaviour::AnswerStatus);
    f.start(tcpUri(printer));
    requireOk(f.run("maintenance_interrupted.txt"), "maintenance_interrupted.txt");

    auto db = f.openDb();
    queue::Statement failed(
        db,
        "SELECT ticket_id, json_extract(detail, '$.error'), json_extract(detail, '$.outcome'), "
        "json_extract(detail, '$.job') FROM events WHERE kind = 'print_failed'");
    REQUIRE(failed.step());
    CHECK(failed.getText(1) == "interrupted");
    CHECK(failed.getText(2) == "unknown");
    CHECK(failed.getText(3) == "old:1");
    CHECK_FALSE(failed.step());
    CHECK(db.queryInt("SELECT COUNT(*) FROM events WHERE kind = 'printed'") == 0);
    // The printer got the start-up check and the maintenance screen's, no ticket.
    for (std::size_t i = 0; i < printer.connectionsEnded(); ++i)
        CHECK(printer.connection(i).find("\x1b@") == std::string::npos);
}
