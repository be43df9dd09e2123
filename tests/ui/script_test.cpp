#include "kiosk/ui/script.h"

#include <catch2/catch.hpp>

using namespace motcua::ui;

TEST_CASE("Script lines parse into commands", "[ui][script]") {
    struct Case {
        const char* line;
        ScriptCommand expected;
    };
    auto make = [](ScriptCommandType type) {
        ScriptCommand c;
        c.type = type;
        c.line = 7;
        return c;
    };
    ScriptCommand tapAt = make(ScriptCommandType::TapAt);
    tapAt.point = {540, 960};
    ScriptCommand tapText = make(ScriptCommandType::TapText);
    tapText.text = "Lấy số";
    ScriptCommand drag = make(ScriptCommandType::Drag);
    drag.point = {500, 1500};
    drag.to = {500, 300};
    ScriptCommand type = make(ScriptCommandType::Type);
    type.text = "đăng ký \"kết hôn\"";
    ScriptCommand typeSlowly = make(ScriptCommandType::Type);
    typeSlowly.text = "0011";
    typeSlowly.milliseconds = 120;
    ScriptCommand keyReturn = make(ScriptCommandType::Key);
    keyReturn.key = Key::Return;
    ScriptCommand keyF12 = make(ScriptCommandType::Key);
    keyF12.key = Key::F12;
    ScriptCommand keyLetter = make(ScriptCommandType::Key);
    keyLetter.key = Key::Q;
    ScriptCommand wait = make(ScriptCommandType::Wait);
    wait.milliseconds = 30000;
    ScriptCommand sleep = make(ScriptCommandType::Sleep);
    sleep.milliseconds = 250;
    ScriptCommand expect = make(ScriptCommandType::Expect);
    expect.text = "Mời ông/bà # ngồi chờ";
    ScriptCommand shot = make(ScriptCommandType::Screenshot);
    shot.text = "screens/home.png";
    ScriptCommand quit = make(ScriptCommandType::Quit);

    const auto c = GENERATE_COPY(values<Case>({
        {"tap 540 960", tapAt},
        {"  tap\t540   960   # the middle", tapAt},
        {"tap \"Lấy số\"", tapText},
        {"drag 500 1500 500 300", drag},
        {R"(type "đăng ký \"kết hôn\"")", type},
        {"type \"0011\" 120", typeSlowly},
        {"key Return", keyReturn},
        {"key enter", keyReturn},
        {"key F12", keyF12},
        {"key q", keyLetter},
        {"wait 30000", wait},
        {"sleep 250", sleep},
        {"expect \"Mời ông/bà # ngồi chờ\"", expect},
        {"screenshot screens/home.png", shot},
        {"quit", quit},
    }));
    CAPTURE(c.line);
    std::string error;
    const auto parsed = parseScriptLine(c.line, 7, error);
    INFO(error);
    REQUIRE(parsed);
    CHECK(*parsed == c.expected);
}

TEST_CASE("Decomposed text in a script is normalised to NFC", "[ui][script]") {
    std::string error;
    const auto parsed = parseScriptLine("expect \"vie\xCC\x82\xCC\xA3t\"", 1, error);
    REQUIRE(parsed);
    CHECK(parsed->text == "việt");
}

TEST_CASE("Blank lines and comments are skipped and line numbers kept", "[ui][script]") {
    const auto result = parseScript("# a comment\n\n   \ntap 1 2\r\n  # another\nquit\n");
    REQUIRE(result.ok());
    REQUIRE(result.commands.size() == 2);
    CHECK(result.commands[0].line == 4);
    CHECK(result.commands[0].point == Point{1, 2});
    CHECK(result.commands[1].line == 6);
    CHECK(result.commands[1].type == ScriptCommandType::Quit);
}

TEST_CASE("Malformed script lines are rejected with their line number and a clear message", "[ui][script]") {
    struct Case {
        const char* line;
        const char* messagePart;
    };
    const auto c = GENERATE(values<Case>({
        {"tapp 1 2", "unknown command \"tapp\""},
        {"tap", "expected tap X Y or tap \"text\""},
        {"tap 1", "tap takes text in double quotes"},
        {"tap 1 2 3", "expected tap X Y"},
        {"tap -1 5", "X must be at least 0"},
        {"tap 10 abc", "Y must be a whole number, not \"abc\""},
        {"tap 1.5 2", "X must be a whole number"},
        {"tap \"unclosed", "unterminated string"},
        {"tap \"\"", "tap text is empty"},
        {"tap \"a\"b", "text right after a closing quote"},
        {"type hello", "type takes text in double quotes"},
        {"type \"bad \\n escape\"", "unknown escape \\n"},
        {"type \"\xC3\x28\"", "not valid UTF-8"},
        {"type \"a\" 0", "MS must be at least 1"},
        {"type \"a\" 1 2", "expected type \"text\" [MS]"},
        {"drag 1 2 3", "expected drag X1 Y1 X2 Y2 (4 arguments, got 3)"},
        {"key", "expected key NAME"},
        {"key Enterr", "unknown key \"Enterr\""},
        {"key F13", "unknown key \"F13\""},
        {"wait", "expected wait MS"},
        {"wait soon", "MS must be a whole number"},
        {"wait -5", "MS must be at least 0"},
        {"sleep", "expected sleep MS"},
        {"sleep 1s", "MS must be a whole number, not \"1s\""},
        {"sleep 3600001", "sleep is at most 3600000 ms (one hour), not 3600001"},
        {"expect", "expected expect \"text\""},
        {"expect Lấy", "expect takes text in double quotes"},
        {"screenshot", "expected screenshot PATH.png"},
        {"screenshot shot.jpg", "must end in .png"},
        {"quit now", "expected quit (0 arguments, got 1)"},
        {"\"tap\" 1 2", "must start with a command"},
    }));
    CAPTURE(c.line);
    const std::string source = std::string("# header\ntap 1 1\n") + c.line + "\nquit\n";
    const auto result = parseScript(source);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error->line == 3);
    CHECK_THAT(result.error->message, Catch::Contains(c.messagePart));
    CHECK(result.commands.empty());
}

TEST_CASE("describe writes a command back as a script line", "[ui][script]") {
    const auto result =
        parseScript("tap \"Xin \\\"chào\\\"\"\ndrag 1 2 3 4\nkey F5\nwait 250\nscreenshot a.png\nsleep 40\n");
    REQUIRE(result.ok());
    CHECK(describe(result.commands[0]) == "tap \"Xin \\\"chào\\\"\"");
    CHECK(describe(result.commands[1]) == "drag 1 2 3 4");
    CHECK(describe(result.commands[2]) == "key F5");
    CHECK(describe(result.commands[3]) == "wait 250");
    CHECK(describe(result.commands[4]) == "screenshot a.png");
    CHECK(describe(result.commands[5]) == "sleep 40");
}
