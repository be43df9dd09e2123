// The login screen's PIN field: its placeholder is whole inside the field at every size an office has
// (it was cut at 1024x768 in large text), in the body size or smaller but never below the small text,
// and the layout check sees a placeholder wider than its field.
#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "console_fixture.h"
#include "kiosk/console_app/pin_field.h"
#include "kiosk/ui/layout_check.h"

using namespace motcua;
using namespace motcua::testing;

namespace {

const ui::LayoutItem* pinLine(const std::vector<ui::LayoutItem>& items) {
    for (const auto& item : items)
        if (item.kind == ui::LayoutItem::Kind::Line && dynamic_cast<const console::PinField*>(item.owner))
            return &item;
    return nullptr;
}

}  // namespace

TEST_CASE("The PIN field's placeholder is whole inside the field at every size, in large text too",
          "[console][layout][login]") {
    const auto shown = GENERATE(Catch::Generators::from_range(consoleVariants()));
    const ui::Size size = shown.size;
    const ui::TextSize text = shown.text;
    CAPTURE(shown.name());
    const ui::Theme theme(ui::Contrast::Normal, text);
    ConsoleOffice office{{"lan", "246813"}};
    HeadlessConsole c(office, 1, size, theme);
    const auto items = ui::layoutItems(c.ui.app.screens().top(), &c.ui.app.banner(), c.ui.app.size());
    const ui::LayoutItem* line = pinLine(items);
    REQUIRE(line);
    CHECK(line->text == "Mã PIN: 4–8 chữ số");
    const ui::Rect field = line->owner->bounds();
    CHECK(line->bounds.x >= field.x);
    CHECK(line->bounds.right() <= field.right());
    CHECK(line->bounds.y >= field.y);
    CHECK(line->bounds.bottom() <= field.bottom());
    // Drawn no smaller than the small text: its line is at least as tall as a small line.
    CHECK(line->bounds.height >= c.ui.app.theme().font(ui::FontRole::Small).pixelSize);
    CHECK(ui::checkLayout(items, {c.ui.app.size(), 0}) == std::vector<std::string>{});
}

TEST_CASE("The layout check finds a PIN placeholder wider than its field", "[console][layout][login]") {
    ConsoleOffice office{{"lan", "246813"}};
    HeadlessConsole c(office, 1, {1024, 768}, ui::Theme(ui::Contrast::Normal, ui::TextSize::Large));
    auto items = ui::layoutItems(c.ui.app.screens().top(), &c.ui.app.banner(), c.ui.app.size());
    const ui::LayoutItem* line = pinLine(items);
    REQUIRE(line);
    // The old placeholder's width at the body size ran past the right edge of the field.
    for (auto& item : items)
        if (&item == line) {
            item.bounds.width = item.owner->bounds().width;
            item.visible = item.bounds.intersected({0, 0, 1024, 768});
        }
    bool spills = false;
    for (const auto& p : ui::checkLayout(items, {c.ui.app.size(), 0}))
        spills = spills || p.find("spills out of its widget") != std::string::npos;
    CHECK(spills);
}
