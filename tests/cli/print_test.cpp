#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/cli/cli.h"
#include "printer/escpos_decoder.h"
#include "queue/clock.h"
#include "support/cli_run.h"
#include "support/local_listener.h"
#include "support/test_support.h"

using motcua::testing::readFile;
using motcua::testing::sourcePath;
using motcua::testing::TempDir;

namespace {
int run(const std::vector<std::string>& args, std::string* out = nullptr, std::string* err = nullptr) {
    // Inside the example office's issuing hours.
    motcua::queue::ManualClock clock(motcua::testing::kOfficeHoursMorning);
    const auto result = motcua::testing::runCli(args, &clock);
    if (out) *out = result.out;
    if (err) *err = result.err;
    return result.status;
}
}  // namespace

TEST_CASE("motcua print reprints an issued ticket; a printer failure keeps the ticket", "[cli][print]") {
    TempDir dir;
    const std::string db = (dir / "m.db").string();
    const std::string config = sourcePath("assets/office.toml").string();
    REQUIRE(run({"--db", db, "--config", config, "init"}) == 0);
    REQUIRE(run({"--db", db, "take", "CT"}) == 0);

    const std::string ticket = (dir / "ticket.bin").string();
    std::string out, err;
    REQUIRE(run({"--db", db, "--json", "print", "b1", "--to", "file:" + ticket}, &out, &err) == 0);
    CHECK(nlohmann::json::parse(out)["number"] == "B001");
    const std::string bytes = readFile(ticket);
    REQUIRE(bytes.size() > 1000);
    auto decoded = motcua::printer::decodeEscPos(bytes);
    REQUIRE(decoded);
    CHECK(decoded->cuts == 1);
    CHECK(decoded->picture.height() > 400);

    SECTION("a printer that refuses the connection: status 6, the ticket unchanged, staff see an event") {
        CHECK(run({"--db", db, "print", "B001", "--to", "tcp:127.0.0.1:1"}, &out, &err) == 6);
        CHECK_THAT(err, Catch::Contains("stays valid"));
        REQUIRE(run({"--db", db, "--json", "events"}, &out) == 0);
        const auto events = nlohmann::json::parse(out)["events"];
        CHECK(events.back()["kind"] == "print_failed");
        CHECK(events.back()["ticket"] == "B001");
        REQUIRE(run({"--db", db, "--json", "status"}, &out) == 0);
        CHECK(nlohmann::json::parse(out)["services"][1]["waiting"] == 1);
    }
    SECTION(
        "a printer that took the whole ticket and then reports paper end: status 6, it may have printed") {
        motcua::testing::LocalListener printer(motcua::testing::LocalListener::Behaviour::PaperEndAfter,
                                               2000);
        CHECK(run({"--db", db, "print", "B001", "--to", "tcp:127.0.0.1:" + std::to_string(printer.port())},
                  &out, &err) == 6);
        CHECK_THAT(err, Catch::Contains("may have printed") && Catch::Contains("look in the printer's slot"));
        REQUIRE(run({"--db", db, "--json", "events"}, &out) == 0);
        const auto events = nlohmann::json::parse(out)["events"];
        REQUIRE(events.size() >= 2);
        CHECK(events[events.size() - 2]["kind"] == "print_started");
        CHECK(events.back()["kind"] == "print_failed");
        CHECK(events.back()["detail"]["outcome"] == "unknown");
        CHECK(events.back()["detail"]["job"] == events[events.size() - 2]["detail"]["job"]);
    }
    SECTION("unknown numbers and bad printer URIs are bad input") {
        CHECK(run({"--db", db, "print", "B009", "--to", "file:" + ticket}) == 2);
        CHECK(run({"--db", db, "print", "9B", "--to", "file:" + ticket}) == 2);
        CHECK(run({"--db", db, "print", "B001", "--lang", "fr", "--to", "file:" + ticket}) == 2);
    }
}
