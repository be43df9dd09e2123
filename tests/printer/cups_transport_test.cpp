#include "printer/cups_transport.h"

#include <catch2/catch.hpp>

#include "printer/escpos_encoder.h"
#include "printer/print_job.h"
#include "printer/printer_uri.h"
#include "printer/sample_ticket.h"
#include "support/cupsd_harness.h"
#include "support/local_listener.h"

using namespace motcua::printer;
using motcua::testing::Cupsd;
using motcua::testing::LocalListener;

TEST_CASE("a ticket sent to a raw CUPS queue reaches the device byte for byte", "[cups][real]") {
    Cupsd cupsd;
    LocalListener device(LocalListener::Behaviour::ReadAll);
    std::string output;
    // No -m: a raw queue without a PPD (CUPS 2.4 accepts it without the "-m raw" deprecation note).
    const int rc = cupsd.lpadmin(
        {"-p", "kiosk", "-E", "-v", "socket://127.0.0.1:" + std::to_string(device.port())}, output);
    INFO(output << cupsd.errorLog());
    REQUIRE(rc == 0);

    const std::string ticket = encodeTicket(sampleTicket(), PrinterSettings{});
    auto transport = openTransport("cups:kiosk");
    REQUIRE(transport.ok());
    CHECK((*transport)->describe() == "cups:kiosk");
    CHECK_FALSE((*transport)->canRead());
    auto printed = printBytes(**transport, ticket);
    INFO((printed ? std::string() : printed.error().describe()) << cupsd.errorLog());
    REQUIRE(printed.ok());
    CHECK(*printed == PrinterState::NotReported);

    const std::string received = device.received();
    CHECK(received.size() == ticket.size());
    CHECK(received == ticket);

    auto queues = listCupsQueues();
    REQUIRE(queues.ok());
    REQUIRE(queues->size() == 1);
    CHECK(queues->front().name == "kiosk");
    CHECK(queues->front().deviceUri.find("socket://127.0.0.1:") == 0);
}

TEST_CASE("a CUPS queue the server does not know is 'no printer found'", "[cups][real]") {
    Cupsd cupsd;
    auto transport = openTransport("cups:missing_queue");
    REQUIRE_FALSE(transport.ok());
    CHECK(transport.error().error == PrintError::NoPrinterFound);
    CHECK_THAT(transport.error().detail, Catch::Contains("missing_queue"));
}

TEST_CASE("no CUPS server listening is 'connection refused'", "[cups]") {
    motcua::testing::TempDir dir;
    ::setenv("CUPS_SERVER", (dir / "no-such.sock").c_str(), 1);
    auto transport = openTransport("cups:kiosk");
    ::unsetenv("CUPS_SERVER");
    REQUIRE_FALSE(transport.ok());
    CAPTURE(transport.error().describe());
    CHECK(transport.error().error == PrintError::ConnectionRefused);
}

namespace {
// A raw queue "kiosk" on the cupsd, printing to a socket:// device on port.
void addQueue(Cupsd& cupsd, int port) {
    std::string output;
    const int rc =
        cupsd.lpadmin({"-p", "kiosk", "-E", "-v", "socket://127.0.0.1:" + std::to_string(port)}, output);
    INFO(output << cupsd.errorLog());
    REQUIRE(rc == 0);
}

void run(Cupsd& cupsd, const std::string& tool, const std::vector<std::string>& args) {
    std::string output;
    const int rc = cupsd.tool(tool, args, output);
    INFO(tool << ": " << output);
    REQUIRE(rc == 0);
}
}  // namespace

TEST_CASE("a stopped CUPS queue is 'offline': nothing is submitted, so nothing prints when it restarts",
          "[cups][real][fault]") {
    // A stopped queue (cupsdisable) still accepts jobs and holds them: the kiosk would say "printed"
    // and the ticket would come out whenever someone restarted the queue.
    Cupsd cupsd;
    LocalListener device(LocalListener::Behaviour::ReadAll);
    addQueue(cupsd, device.port());
    run(cupsd, "cupsdisable", {"kiosk"});

    const std::string first = encodeTicket(sampleTicket(), PrinterSettings{});
    auto transport = openTransport("cups:kiosk");
    REQUIRE(transport.ok());
    auto printed = printBytes(**transport, first);
    REQUIRE_FALSE(printed.ok());
    CAPTURE(printed.error().describe());
    CHECK(printed.error().error == PrintError::Offline);
    CHECK_THAT(printed.error().detail, Catch::Contains("paused"));
    CHECK(messageVi(printed.error().error) == "Máy in đang tạm dừng: vui lòng báo cán bộ.");
    CHECK(printed.error().reached == Reached::Nothing);
    CHECK(cupsd.pendingJobs("kiosk").empty());

    // Started again, the next ticket is the first thing the printer gets.
    run(cupsd, "cupsenable", {"kiosk"});
    PrinterSettings narrow;
    narrow.widthDots = 384;
    const std::string second = encodeTicket(sampleTicket(), narrow);
    auto again = openTransport("cups:kiosk");
    REQUIRE(again.ok());
    auto reprinted = printBytes(**again, second);
    INFO((reprinted ? std::string() : reprinted.error().describe()) << cupsd.errorLog());
    REQUIRE(reprinted.ok());
    CHECK(device.received() == second);
}

TEST_CASE("a CUPS queue that rejects jobs is 'job rejected' before anything is sent", "[cups][real][fault]") {
    Cupsd cupsd;
    LocalListener device(LocalListener::Behaviour::ReadAll);
    addQueue(cupsd, device.port());
    run(cupsd, "cupsreject", {"kiosk"});
    auto transport = openTransport("cups:kiosk");
    REQUIRE(transport.ok());
    auto printed = printBytes(**transport, encodeTicket(sampleTicket(), PrinterSettings{}));
    REQUIRE_FALSE(printed.ok());
    CAPTURE(printed.error().describe());
    CHECK(printed.error().error == PrintError::JobRejected);
    CHECK(cupsd.pendingJobs("kiosk").empty());
}

TEST_CASE("a CUPS job that cannot reach its printer is cancelled after the timeout, not left to print later",
          "[cups][real][fault]") {
    // Nothing listens at the device's address: the socket backend keeps retrying.
    Cupsd cupsd;
    addQueue(cupsd, motcua::testing::unusedPort());
    auto transport = openTransport("cups:kiosk");
    REQUIRE(transport.ok());
    PrintOptions options;
    options.writeTimeout = std::chrono::milliseconds(1500);
    auto printed = printBytes(**transport, encodeTicket(sampleTicket(), PrinterSettings{}), options);
    REQUIRE_FALSE(printed.ok());
    CAPTURE(printed.error().describe(), cupsd.errorLog());
    // Either it is still trying (timeout) or CUPS stopped the queue after the device error.
    CHECK((printed.error().error == PrintError::Timeout || printed.error().error == PrintError::Offline));
    CHECK_THAT(printed.error().detail, Catch::Contains("cancelled"));
    // The backend never reached the device ("connecting-to-device" all along): nothing was sent.
    CHECK(printed.error().reached == Reached::Nothing);
    CHECK(cupsd.pendingJobs("kiosk").empty());
}

TEST_CASE(
    "a CUPS job whose printer took it and hung is cancelled, and may have printed: the outcome is unknown",
    "[cups][real][fault][reached]") {
    // The device accepts the connection and never reads: the backend has handed it the ticket (into
    // the network's buffers) and waits. Cancelling stops CUPS, but what is on its way may still print.
    Cupsd cupsd;
    LocalListener device(LocalListener::Behaviour::NeverRead);
    addQueue(cupsd, device.port());
    auto transport = openTransport("cups:kiosk");
    REQUIRE(transport.ok());
    PrintOptions options;
    options.writeTimeout = std::chrono::milliseconds(1500);
    auto printed = printBytes(**transport, encodeTicket(sampleTicket(), PrinterSettings{}), options);
    REQUIRE_FALSE(printed.ok());
    CAPTURE(printed.error().describe(), cupsd.errorLog());
    CHECK(printed.error().error == PrintError::Timeout);
    CHECK(printed.error().reached == Reached::All);
    CHECK_THAT(printed.error().detail, Catch::Contains("may have received it"));
    CHECK(cupsd.pendingJobs("kiosk").empty());
}
