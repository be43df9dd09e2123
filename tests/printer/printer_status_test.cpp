#include "printer/printer_status.h"

#include <catch2/catch.hpp>

#include "printer/escpos_decoder.h"
#include "printer/escpos_encoder.h"
#include "printer/file_transport.h"
#include "printer/print_job.h"
#include "printer/recording_transport.h"
#include "printer/sample_ticket.h"
#include "support/test_support.h"

using namespace motcua::printer;

namespace {
void scriptStatus(RecordingTransport& t, std::uint8_t n1, std::uint8_t n2, std::uint8_t n4, int n3 = -1) {
    t.scriptReply(std::string(1, static_cast<char>(n1)));
    t.scriptReply(std::string(1, static_cast<char>(n2)));
    t.scriptReply(std::string(1, static_cast<char>(n4)));
    if (n3 >= 0) t.scriptReply(std::string(1, static_cast<char>(n3)));
}
}  // namespace

TEST_CASE("DLE EOT answers map to printer states", "[status]") {
    struct Row {
        std::uint8_t n1, n2, n3, n4;
        PrinterState state;
    };
    const auto row = GENERATE(values<Row>({
        {0x12, 0x12, 0x12, 0x12, PrinterState::Ready},
        {0x16, 0x12, 0x12, 0x12, PrinterState::Ready},  // drawer pin only (node-escpos#288)
        {0x12, 0x12, 0x12, 0x1E, PrinterState::PaperNearEnd},
        {0x1A, 0x72, 0x12, 0x7E, PrinterState::PaperOut},
        {0x1A, 0x32, 0x12, 0x12, PrinterState::PaperOut},
        {0x1A, 0x16, 0x12, 0x12, PrinterState::CoverOpen},
        {0x1A, 0x52, 0x1A, 0x12, PrinterState::CutterError},
        {0x1A, 0x52, 0x12, 0x12, PrinterState::Offline},
        {0x1A, 0x12, 0x12, 0x12, PrinterState::Offline},
    }));
    CAPTURE(row.n1, row.n2, row.n3, row.n4);
    CHECK(interpretStatus(row.n1, row.n2, row.n3, row.n4) == row.state);
}

TEST_CASE("status drains stale input, asks 1, 2, 4 and reads one byte each", "[status]") {
    RecordingTransport t;
    t.scriptReply("\x12\x12 stale");
    t.scriptReply("");  // drained
    scriptStatus(t, 0x12, 0x12, 0x1E);
    auto status = queryStatus(t);
    REQUIRE(status.ok());
    CHECK(status->state == PrinterState::PaperNearEnd);
    CHECK(t.written() == std::string("\x10\x04\x01\x10\x04\x02\x10\x04\x04", 9));
}

TEST_CASE("a cutter error is confirmed with DLE EOT 3", "[status]") {
    RecordingTransport t;
    t.scriptReply("");
    scriptStatus(t, 0x1A, 0x52, 0x12, 0x1A);
    auto status = queryStatus(t);
    REQUIRE(status.ok());
    CHECK(status->state == PrinterState::CutterError);
    CHECK(t.written().substr(9) == std::string("\x10\x04\x03", 3));
}

TEST_CASE("silent, garbled or unreadable printers are 'not reported'", "[status]") {
    SECTION("silent") {
        RecordingTransport t;
        auto status = queryStatus(t);
        REQUIRE(status.ok());
        CHECK(status->state == PrinterState::NotReported);
    }
    SECTION("garbled") {
        RecordingTransport t;
        t.scriptReply("");
        t.scriptReply("\xFF");
        auto status = queryStatus(t);
        REQUIRE(status.ok());
        CHECK(status->state == PrinterState::NotReported);
    }
    SECTION("cannot read") {
        RecordingTransport t(false);
        auto status = queryStatus(t);
        REQUIRE(status.ok());
        CHECK(status->state == PrinterState::NotReported);
        CHECK(t.written().empty());  // nothing sent to a printer that cannot answer
    }
}

TEST_CASE("printBytes refuses to start on paper out, and sends nothing", "[status][print]") {
    RecordingTransport t;
    t.scriptReply("");
    scriptStatus(t, 0x1A, 0x72, 0x7E);
    auto printed = printBytes(t, "ticket bytes");
    REQUIRE_FALSE(printed.ok());
    CHECK(printed.error().error == PrintError::PaperOut);
    CHECK(printed.error().reached == Reached::Nothing);
    CHECK(t.written().find("ticket bytes") == std::string::npos);
    CHECK(t.jobs().empty());
}

TEST_CASE("a write that times out because the paper ran out is reported as paper out", "[status][print]") {
    // Ready before; the ticket write then makes no progress; asked again, the printer reports paper end.
    struct TimeoutAfterStatus : RecordingTransport {
        Result<void> write(std::string_view bytes, std::chrono::milliseconds timeout) override {
            if (bytes.size() > 3) return Failure{PrintError::Timeout, "no progress"};
            return RecordingTransport::write(bytes, timeout);
        }
    } slow;
    slow.scriptReply("");
    scriptStatus(slow, 0x12, 0x12, 0x12);
    slow.scriptReply("");
    scriptStatus(slow, 0x1A, 0x72, 0x7E);
    auto result = printBytes(slow, "ticket bytes");
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().error == PrintError::PaperOut);
    CHECK_THAT(result.error().detail, Catch::Contains("no progress"));
}

TEST_CASE(
    "a printer that reports a fault after taking the whole job may have printed it: the outcome is unknown",
    "[status][print][reached]") {
    // The printer buffered every byte, then stopped at the paper end while printing them: the
    // ticket may be half out, or come out whole once refilled.
    RecordingTransport t;
    t.scriptReply("");
    scriptStatus(t, 0x16, 0x12, 0x12);
    t.scriptReply("");
    scriptStatus(t, 0x1E, 0x32, 0x72);
    auto printed = printBytes(t, "ticket");
    REQUIRE_FALSE(printed.ok());
    CHECK(printed.error().error == PrintError::PaperOut);
    CHECK_THAT(printed.error().detail, Catch::Contains("after taking the whole job"));
    CHECK(printed.error().reached == Reached::All);
    CHECK(t.jobs().size() == 1);
}

TEST_CASE("a printer that did not answer before the job is not asked again after it", "[status][print]") {
    RecordingTransport t;
    auto printed = printBytes(t, "ticket");
    REQUIRE(printed.ok());
    CHECK(*printed == PrinterState::NotReported);
    // The stale-answer read and the one question before the job; nothing after it.
    CHECK(t.reads() == 2);
    CHECK(t.written() == std::string("\x10\x04\x01ticket", 9));
}

TEST_CASE("a wait at the end of the job that times out is explained by the printer's state",
          "[status][print]") {
    struct NeverTaken : RecordingTransport {
        Result<void> endJob(std::chrono::milliseconds timeout) override {
            RecordingTransport::endJob(timeout);
            return Failure{PrintError::Timeout, "40 bytes of the job not taken", Reached::Part};
        }
    };
    SECTION("cover opened mid-job") {
        NeverTaken t;
        t.scriptReply("");
        scriptStatus(t, 0x16, 0x12, 0x12);
        t.scriptReply("");
        scriptStatus(t, 0x1E, 0x16, 0x12);
        auto printed = printBytes(t, "ticket");
        REQUIRE_FALSE(printed.ok());
        CHECK(printed.error().error == PrintError::CoverOpen);
        CHECK_THAT(printed.error().detail, Catch::Contains("not taken"));
        CHECK(printed.error().reached == Reached::Part);  // as the transport said
    }
    SECTION("no answer: it stays a timeout") {
        NeverTaken t;
        t.scriptReply("");
        scriptStatus(t, 0x16, 0x12, 0x12);
        auto printed = printBytes(t, "ticket");
        REQUIRE_FALSE(printed.ok());
        CHECK(printed.error().error == PrintError::Timeout);
    }
}

TEST_CASE("a successful print ends the job and returns the state seen before", "[print]") {
    RecordingTransport t;
    t.scriptReply("");
    scriptStatus(t, 0x12, 0x12, 0x1E);
    auto printed = printBytes(t, "ticket");
    REQUIRE(printed.ok());
    CHECK(*printed == PrinterState::PaperNearEnd);
    REQUIRE(t.jobs().size() == 1);
    // The status questions went first on the same connection, then the ticket.
    CHECK(t.jobs()[0] == std::string("\x10\x04\x01\x10\x04\x02\x10\x04\x04ticket", 15));
}

TEST_CASE("the file transport writes the bytes and a PNG preview beside them", "[file][print]") {
    motcua::testing::TempDir dir;
    const std::string ticket = encodeTicket(sampleTicket(), PrinterSettings{});
    FileTransport file(dir / "ticket.bin");
    auto printed = printBytes(file, ticket);
    REQUIRE(printed.ok());
    CHECK(*printed == PrinterState::NotReported);
    CHECK(motcua::testing::readFile(dir / "ticket.bin") == ticket);
    CHECK(motcua::testing::readFile(dir / "ticket.bin.png").substr(1, 3) == "PNG");
    SECTION("a text-mode job leaves no stale preview") {
        PrinterSettings text;
        text.text.encoding = TextEncoding::Tcvn3;
        text.text.codePage = 30;
        REQUIRE(printBytes(file, encodeTicket(sampleTicket(), text)).ok());
        CHECK_FALSE(std::filesystem::exists(dir / "ticket.bin.png"));
    }
}

TEST_CASE("a file printer either wrote the whole ticket or nothing: its outcome is never unknown",
          "[file][print][reached]") {
    // The bytes go to a temporary file renamed over the target: a failure leaves the target as it was.
    motcua::testing::TempDir dir;
    std::filesystem::create_directories(dir / "gone");
    FileTransport file(dir / "gone" / "ticket.bin");
    std::filesystem::remove_all(dir / "gone");
    auto printed = printBytes(file, encodeTicket(sampleTicket(), PrinterSettings{}));
    REQUIRE_FALSE(printed.ok());
    CHECK(printed.error().reached == Reached::Nothing);
    CHECK_FALSE(std::filesystem::exists(dir / "gone" / "ticket.bin"));
}
