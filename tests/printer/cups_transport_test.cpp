#include <catch2/catch.hpp>

#include "printer/cups_transport.h"
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
    const int rc = cupsd.lpadmin({"-p", "kiosk", "-E", "-v", "socket://127.0.0.1:" + std::to_string(device.port())},
                                 output);
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
