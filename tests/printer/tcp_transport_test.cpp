#include "printer/tcp_transport.h"

#include <catch2/catch.hpp>

#include "printer/print_job.h"
#include "printer/printer_status.h"
#include "printer/printer_uri.h"
#include "support/local_listener.h"

using namespace motcua::printer;
using motcua::testing::LocalListener;
using namespace std::chrono_literals;

namespace {
std::string pattern(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131) % 251);
    return s;
}
}  // namespace

TEST_CASE("a TCP printer receives every byte", "[tcp]") {
    LocalListener printer(LocalListener::Behaviour::ReadAll);
    const std::string job = pattern(300000);
    {
        auto t = openTransport("tcp:127.0.0.1:" + std::to_string(printer.port()));
        REQUIRE(t.ok());
        CHECK((*t)->describe() == "tcp:127.0.0.1:" + std::to_string(printer.port()));
        REQUIRE((*t)->write(job, 2s).ok());
        REQUIRE((*t)->endJob(2s).ok());
    }  // closing the connection ends the job for the printer
    CHECK(printer.received() == job);
}

TEST_CASE("a TCP printer that stops reading times out with the bytes sent so far", "[tcp]") {
    LocalListener printer(LocalListener::Behaviour::NeverRead);
    auto t = TcpTransport::connect("127.0.0.1", printer.port(), 1s);
    REQUIRE(t.ok());
    const auto result = (*t)->write(pattern(64 << 20), 200ms);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().error == PrintError::Timeout);
    CHECK_THAT(result.error().detail, Catch::Contains("bytes sent"));
    CHECK(result.error().reached == Reached::Part);  // the end of the job never left
}

TEST_CASE("a TCP printer that closes mid-job gives 'connection closed'", "[tcp]") {
    LocalListener printer(LocalListener::Behaviour::CloseAfter, 1000);
    auto t = TcpTransport::connect("127.0.0.1", printer.port(), 1s);
    REQUIRE(t.ok());
    const std::string job = pattern(8 << 20);
    auto result = (*t)->write(job, 2s);
    if (result.ok()) result = (*t)->write(job, 2s);  // the kernel may buffer the first part
    REQUIRE_FALSE(result.ok());
    CAPTURE(result.error().describe());
    CHECK(result.error().error == PrintError::ConnectionClosed);
    CHECK(result.error().reached == Reached::Part);
    CHECK(printer.received().size() == 1000);
}

TEST_CASE("nothing listening is 'connection refused'", "[tcp]") {
    auto t = openTransport("tcp:127.0.0.1:" + std::to_string(motcua::testing::unusedPort()));
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().error == PrintError::ConnectionRefused);
}

TEST_CASE("an unknown host is 'no printer found'", "[tcp]") {
    auto t = openTransport("tcp:no-such-printer.invalid:9100", 500ms);
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().error == PrintError::NoPrinterFound);
}

TEST_CASE("a TCP printer answers DLE EOT and paper out stops the job before any byte", "[tcp][status]") {
    LocalListener printer(LocalListener::Behaviour::AnswerStatus);
    SECTION("ready") {
        auto t = TcpTransport::connect("127.0.0.1", printer.port(), 1s);
        REQUIRE(t.ok());
        auto status = queryStatus(**t);
        REQUIRE(status.ok());
        CHECK(status->state == PrinterState::Ready);
        CHECK(status->replies == std::string("\x16\x12\x12", 3));
    }
    SECTION("paper out") {
        printer.statusReplies[4] = 0x72;
        auto t = TcpTransport::connect("127.0.0.1", printer.port(), 1s);
        REQUIRE(t.ok());
        auto printed = printBytes(**t, "ticket");
        REQUIRE_FALSE(printed.ok());
        CHECK(printed.error().error == PrintError::PaperOut);
        CHECK(printed.error().reached == Reached::Nothing);
    }
}

TEST_CASE("a TCP printer that takes nothing: the job is not done until the printer has taken it",
          "[tcp][fault]") {
    // The kernel buffers megabytes for a peer that never reads, so the write itself succeeds.
    LocalListener printer(LocalListener::Behaviour::NeverRead);
    auto t = TcpTransport::connect("127.0.0.1", printer.port(), 1s);
    REQUIRE(t.ok());
    const std::string job = pattern(64 << 10);
    REQUIRE((*t)->write(job, 1s).ok());
    const auto ended = (*t)->endJob(200ms);
    REQUIRE_FALSE(ended.ok());
    CHECK(ended.error().error == PrintError::Timeout);
    CHECK_THAT(ended.error().detail, Catch::Contains("not taken"));
    CHECK(ended.error().reached == Reached::Part);
}

TEST_CASE("a failed TCP job is reset, not closed: a printer that recovers never gets the rest of it",
          "[tcp][fault][reached]") {
    // The printer hangs (reads nothing) while the job sits in the kernel's buffers, then recovers
    // and reads. A graceful close would let the kernel deliver the whole ticket then, long after the
    // kiosk said it was not printed; the reset discards what the printer had not taken.
    LocalListener printer(LocalListener::Behaviour::HangThenRead);
    const std::string job = pattern(64 << 10);
    {
        auto t = TcpTransport::connect("127.0.0.1", printer.port(), 1s);
        REQUIRE(t.ok());
        REQUIRE((*t)->write(job, 1s).ok());
        const auto ended = (*t)->endJob(200ms);
        REQUIRE_FALSE(ended.ok());
        CHECK(ended.error().reached == Reached::Part);
    }
    const std::string received = printer.received();
    CHECK(received.size() < job.size());
    CHECK(job.compare(0, received.size(), received) == 0);
}

TEST_CASE("a hung TCP printer (accepts, never reads, never answers) is a timeout, not a printed ticket",
          "[tcp][fault]") {
    LocalListener printer(LocalListener::Behaviour::NeverRead);
    auto t = TcpTransport::connect("127.0.0.1", printer.port(), 1s);
    REQUIRE(t.ok());
    PrintOptions options;
    options.writeTimeout = 200ms;
    auto printed = printBytes(**t, pattern(64 << 10), options);
    REQUIRE_FALSE(printed.ok());
    CAPTURE(printed.error().describe());
    CHECK(printed.error().error == PrintError::Timeout);
}

TEST_CASE(
    "a TCP printer whose paper ends mid-job reports paper out after taking the job: the outcome is unknown",
    "[tcp][fault][status][reached]") {
    // It stops reading part way, then reads the rest without printing it and reports paper end:
    // the question after the job tells.
    LocalListener printer(LocalListener::Behaviour::PaperEndAfter, 2000);
    {
        auto t = TcpTransport::connect("127.0.0.1", printer.port(), 1s);
        REQUIRE(t.ok());
        auto printed = printBytes(**t, pattern(20000));
        REQUIRE_FALSE(printed.ok());
        CAPTURE(printed.error().describe());
        CHECK(printed.error().error == PrintError::PaperOut);
        // It took the whole job before saying so: it may have printed, or print once refilled.
        CHECK(printed.error().reached == Reached::All);
    }
    CHECK(printer.received().size() > 20000);  // the ticket and the questions around it
}

TEST_CASE("a TCP printer with its cover open gets the status questions and nothing else",
          "[tcp][fault][status]") {
    LocalListener printer(LocalListener::Behaviour::AnswerStatus);
    printer.reportCoverOpen();
    {
        auto t = TcpTransport::connect("127.0.0.1", printer.port(), 1s);
        REQUIRE(t.ok());
        auto printed = printBytes(**t, "\x1b@ticket");
        REQUIRE_FALSE(printed.ok());
        CHECK(printed.error().error == PrintError::CoverOpen);
    }
    CHECK(printer.received() == std::string("\x10\x04\x01\x10\x04\x02\x10\x04\x04", 9));
    SECTION("closed again, the next connection prints") {
        printer.reportReady();
        {
            auto t = TcpTransport::connect("127.0.0.1", printer.port(), 1s);
            REQUIRE(t.ok());
            REQUIRE(printBytes(**t, "\x1b@ticket").ok());
        }
        CHECK(printer.connection(1).find("\x1b@ticket") != std::string::npos);
    }
}
