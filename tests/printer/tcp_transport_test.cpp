#include <catch2/catch.hpp>

#include "printer/print_job.h"
#include "printer/printer_status.h"
#include "printer/printer_uri.h"
#include "printer/tcp_transport.h"
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
        REQUIRE((*t)->endJob().ok());
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
    }
}
