#include <SDL.h>
#include <SDL_ttf.h>

#include <catch2/catch.hpp>

#include "headless_fixture.h"
#include "kiosk/ui/painter.h"
#include "kiosk/ui/sdl_handles.h"
#include "kiosk/ui/text_renderer.h"
#include "kiosk/ui/vietnamese_keyboard.h"
#include "support/test_support.h"

using namespace motcua::ui;
using motcua::ui::testing::HeadlessUi;

TEST_CASE("SdlError keeps SDL's message from the moment it was thrown", "[ui][sdl]") {
    SDL_SetError("first failure");
    const SdlError error("SDL_CreateWindow");
    SDL_SetError("something later");
    CHECK(error.call() == "SDL_CreateWindow");
    CHECK(error.sdlMessage() == "first failure");
    CHECK(std::string(error.what()) == "SDL_CreateWindow failed: first failure");
}

TEST_CASE("TtfError names the call and keeps TTF's message", "[ui][sdl]") {
    SdlContext sdl({true});
    TtfContext ttf(sdl);
    motcua::fonts::TtfFontPtr font(TTF_OpenFont("/nonexistent/font.ttf", 20));
    REQUIRE_FALSE(font);
    const motcua::fonts::TtfError error("TTF_OpenFont");
    SDL_SetError("overwritten");
    CHECK_THAT(error.what(), Catch::StartsWith("TTF_OpenFont failed: "));
    CHECK_FALSE(error.ttfMessage().empty());
    CHECK(error.ttfMessage() != "overwritten");
    FontCache cache(ttf, FontSet{{"/nonexistent/font.ttf", "/nonexistent/font.ttf"}, {}});
    CHECK_THROWS_AS(cache.font({FontWeight::Regular, 20}), motcua::fonts::TtfError);
}

TEST_CASE("Only one SdlContext may exist at a time", "[ui][sdl]") {
    SdlContext sdl({true});
    CHECK_THROWS_AS(SdlContext({true}), std::logic_error);
}

TEST_CASE("The font cache measures Vietnamese text with the real font", "[ui][sdl][text]") {
    SdlContext sdl({true});
    TtfContext ttf(sdl);
    FontCache fonts(ttf, FontSet::locate());
    const TextStyle body{FontWeight::Regular, 32};
    const Size viet = fonts.measure("Việt Nam", body);
    CHECK(viet.width > 100);
    CHECK(fonts.lineHeight(body) >= 32);
    CHECK(fonts.measure("Ặ ặ Ỷ ỹ", body).width > 0);
    CHECK(fonts.measure("Việt Nam", {FontWeight::Bold, 32}).width >= viet.width);
    fonts.font(body);
    fonts.font(body);
    CHECK(fonts.openFontCount() == 2);
}

TEST_CASE("The font has a glyph for every key label and Vietnamese letter", "[ui][sdl][text]") {
    SdlContext sdl({true});
    TtfContext ttf(sdl);
    FontCache fonts(ttf, FontSet::locate());
    const KeyboardLabels labels;
    std::string all = labels.space + labels.backspace + labels.clear + labels.telexOn + labels.telexOff;
    for (const auto& t : labels.toneNames) all += t;
    all += "aáàảãạăắằẳẵặâấầẩẫậeéèẻẽẹêếềểễệiíìỉĩịoóòỏõọôốồổỗộơớờởỡợuúùủũụưứừửữựyýỳỷỹỵđ";
    all += "AÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬEÉÈẺẼẸÊẾỀỂỄỆIÍÌỈĨỊOÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢUÚÙỦŨỤƯỨỪỬỮỰYÝỲỶỸỴĐ";
    for (const auto weight : {FontWeight::Regular, FontWeight::Bold}) {
        CHECK(fonts.covers(all, {weight, 34}));
    }
    CHECK_FALSE(fonts.covers("⌫←", {FontWeight::Regular, 34}));  // why the backspace key just says "Xóa"
}

TEST_CASE("The text texture cache counts hits and evicts the least recently used", "[ui][sdl][text]") {
    HeadlessUi ui({400, 300});
    TextRenderer text(ui.renderer.get(), ui.fonts, 2);
    const TextStyle style{FontWeight::Regular, 28};
    const Colour black{0, 0, 0};
    text.draw("một", style, black, {0, 0});
    text.draw("hai", style, black, {0, 40});
    text.draw("một", style, black, {0, 80});   // hit, "một" now most recent
    text.draw("ba", style, black, {0, 120});   // evicts "hai"
    text.draw("một", style, black, {0, 160});  // still cached
    text.draw("hai", style, black, {0, 200});  // miss again
    CHECK(text.stats().hits == 2);
    CHECK(text.stats().misses == 4);
    CHECK(text.stats().evictions == 2);
    CHECK(text.stats().entries == 2);
    text.draw("một", style, {255, 0, 0}, {0, 0});  // another colour is another entry
    CHECK(text.stats().misses == 5);
}

TEST_CASE("The text texture cache also stays under its byte budget", "[ui][sdl][text]") {
    HeadlessUi ui({400, 300});
    const TextStyle style{FontWeight::Regular, 28};
    const Size one = ui.fonts.measure("Hộ tịch 1", style);
    const std::size_t lineBytes =
        static_cast<std::size_t>(one.width) * static_cast<std::size_t>(one.height) * 4;
    TextRenderer text(ui.renderer.get(), ui.fonts, 100, lineBytes * 3 + lineBytes / 2);
    for (int i = 1; i <= 6; ++i) text.draw("Hộ tịch " + std::to_string(i), style, {0, 0, 0}, {0, 0});
    CHECK(text.stats().entries == 3);
    CHECK(text.stats().bytes <= lineBytes * 3 + lineBytes / 2);
    CHECK(text.stats().evictions == 3);
}

TEST_CASE("Text drawn with the painter reaches the pixels and the clip holds", "[ui][sdl][text]") {
    HeadlessUi ui({400, 200});
    Theme theme;
    {
        Painter painter(ui.renderer.get(), ui.app.textRenderer(), theme);
        painter.clear({255, 255, 255});
        {
            ClipScope clip(painter, {0, 0, 200, 200});
            painter.fillRect({0, 0, 400, 100}, {200, 0, 0});
        }
        painter.drawText("Đống Đa", {FontWeight::Bold, 48}, {0, 0, 0}, {10, 120});
    }
    const Image image = ui.renderer.readPixels();
    CHECK(image.at(100, 50).r == 200);
    CHECK(image.at(300, 50).r == 255);  // outside the clip: still white
    CHECK(image.at(300, 50).g == 255);
    int dark = 0;
    for (int y = 120; y < 190; ++y)
        for (int x = 10; x < 250; ++x)
            if (image.at(x, y).r < 80) ++dark;
    CHECK(dark > 300);
    motcua::testing::TempDir dir;
    savePng(dir / "text.png", image);
    const Image back = loadPng(dir / "text.png");
    CHECK(back.rgba == image.rgba);
}
