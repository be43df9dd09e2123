#include "kiosk/ui/program_options.h"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>

#include "support/test_support.h"

using namespace motcua::ui;

namespace {
void parse(CLI::App& app, std::vector<std::string> args) {
    std::reverse(args.begin(), args.end());  // CLI11 takes them in reverse order
    app.parse(args);
}
}  // namespace

TEST_CASE("Sizes parse as WIDTHxHEIGHT", "[ui][options]") {
    CHECK(parseSize("1080x1920") == Size{1080, 1920});
    CHECK(parseSize("1920X1080") == Size{1920, 1080});
    CHECK_FALSE(parseSize("1920"));
    CHECK_FALSE(parseSize("x1080"));
    CHECK_FALSE(parseSize("1920x"));
    CHECK_FALSE(parseSize("-5x100"));
    CHECK_FALSE(parseSize("10x10"));
    CHECK_FALSE(parseSize("1920x1080px"));
}

TEST_CASE("The shared program options parse alongside a program's own", "[ui][options]") {
    motcua::testing::TempDir dir;
    const auto script = dir / "flow.txt";
    motcua::testing::writeFile(script, "quit\n");
    CLI::App app("test");
    ProgramOptions options;
    addProgramOptions(app, options, OptionSet{true, true});
    int counter = 0;
    app.add_option("--counter", counter);

    SECTION("everything given") {
        parse(app, {"--headless", "--size", "1080x1920", "--db", "/var/lib/motcua/motcua.db", "--config",
                    "office.toml", "--script", script.string(), "--printer", "file:/tmp/ticket.bin",
                    "--counter", "3", "--screenshots", "/tmp/shots"});
        CHECK(options.headless);
        CHECK(options.size == Size{1080, 1920});
        CHECK(options.db == std::filesystem::path("/var/lib/motcua/motcua.db"));
        CHECK(options.config == std::filesystem::path("office.toml"));
        CHECK(options.script == script);
        CHECK(options.printer == "file:/tmp/ticket.bin");
        CHECK(options.screenshots == std::filesystem::path("/tmp/shots"));
        CHECK(counter == 3);
        CHECK_FALSE(options.wantsFullscreen());
    }
    SECTION("defaults: a real display, fullscreen at native size") {
        parse(app, {});
        CHECK_FALSE(options.headless);
        CHECK(options.wantsFullscreen());
    }
    SECTION("a size on a real display is a window unless --fullscreen") {
        parse(app, {"--size", "1366x768"});
        CHECK_FALSE(options.wantsFullscreen());
    }
    SECTION("a bad size is refused with a clear message") {
        try {
            parse(app, {"--size", "big"});
            FAIL("accepted --size big");
        } catch (const CLI::ParseError& e) {
            CHECK_THAT(e.what(), Catch::Contains("WIDTHxHEIGHT"));
        }
    }
    SECTION("a missing script file is refused") {
        CHECK_THROWS_AS(parse(app, {"--script", (dir / "missing.txt").string()}), CLI::ParseError);
    }
}

TEST_CASE("A program that does not take --config or --printer refuses them instead of ignoring them",
          "[ui][options]") {
    CLI::App app("test");
    ProgramOptions options;
    addProgramOptions(app, options, OptionSet{});
    CHECK_THROWS_AS(parse(app, {"--printer", "usb:"}), CLI::ParseError);
    CLI::App again("test");
    addProgramOptions(again, options, OptionSet{});
    CHECK_THROWS_AS(parse(again, {"--config", "office.toml"}), CLI::ParseError);
    CHECK_FALSE(options.printer);
    CHECK_FALSE(options.config);
}
