// The priority question shows, under each category, what it covers and the law it is taken from, as
// the office's config gives them (assets/office.toml); a category with no source shows no line.
#include <catch2/catch.hpp>

#include "kiosk_fixture.h"

using namespace motcua;
using motcua::testing::KioskFixture;

namespace {

// Every text on screen, in drawing order, joined by spaces (a wrapped line joins up again).
std::string screenText(kiosk::KioskProgram& program) {
    std::string out;
    for (const auto& t : program.app().visibleTexts()) out += t.text + " ";
    return out;
}

}  // namespace

TEST_CASE("Each priority choice says what the category covers and its legal basis, none invented",
          "[kiosk][take][priority]") {
    const ui::Size size = GENERATE(ui::Size{1080, 1920}, ui::Size{1920, 1080});
    const std::string mode = GENERATE(as<std::string>{}, "vi", "large", "en");
    CAPTURE(size.width, size.height, mode);
    KioskFixture f(size, "priority-" + mode);
    auto& program = f.start();

    std::string script = "tap 600 700\n";
    if (mode == "en")
        script +=
            "tap \"English\"\ntap \"Take a queue number\"\ntap \"Civil status\"\nexpect \"A Vietnamese\"\n";
    else {
        if (mode == "large") script += "tap \"Chữ lớn\"\n";
        // Large text in landscape: the choices scroll, and the first definition may reach below the fold.
        script += "tap \"Lấy số thứ tự\"\ntap \"Hộ tịch\"\n";
        script += mode == "large" ? "expect \"Không ưu tiên\"\n" : "expect \"Công dân Việt Nam\"\n";
    }
    script += "screenshot priority.png\n";
    const auto path = f.dir / "priority.txt";
    testing::writeFile(path, script);
    const auto outcome = program.runScript(path);
    INFO(ui::formatOutcome(outcome, script));
    REQUIRE(outcome.ok);

    const std::string shown = screenText(program);
    if (mode == "en") {
        CHECK_THAT(shown, Catch::Contains("A Vietnamese citizen aged 60 or over (Law on the Elderly 2009, "
                                          "Article 2)"));
        CHECK_THAT(shown, Catch::Contains("Law on Persons with Disabilities 2010"));
        CHECK_THAT(shown, Catch::Contains("Pregnant woman or parent with a small child"));
    } else {
        CHECK_THAT(shown,
                   Catch::Contains("Công dân Việt Nam từ đủ 60 tuổi trở lên (Luật Người cao tuổi 2009, "
                                   "Điều 2)"));
        // Large text scrolls: the first choices are enough there.
        if (mode == "vi") {
            CHECK_THAT(shown, Catch::Contains("Luật Người khuyết tật 2010, Điều 2"));
            // The category without a source in the config: its name, and nothing under it.
            CHECK_THAT(shown, Catch::Contains("Phụ nữ mang thai hoặc có con nhỏ Người có công"));
        }
    }
}
