#include "fonts/ttf.h"

#include <SDL_ttf.h>

#include <catch2/catch.hpp>

#include "fonts/font_locator.h"

using namespace motcua::fonts;

TEST_CASE("openFont opens Noto Sans at a pixel size, and names the file it cannot open", "[font][ttf]") {
    TtfLibrary library;
    TtfLibrary second;  // SDL2_ttf counts its users: a ticket renderer beside the screens
    const auto set = FontSet::locate();
    const TtfFontPtr font = openFont(set.regular, 40);
    REQUIRE(font);
    int w = 0, h = 0;
    REQUIRE(TTF_SizeUTF8(font.get(), "Số thứ tự", &w, &h) == 0);
    CHECK(w > 100);
    CHECK(h >= 40);
    const SurfacePtr surface(TTF_RenderUTF8_Blended(font.get(), "Số", SDL_Color{0, 0, 0, 255}));
    CHECK(surface);

    try {
        openFont("/nonexistent/font.ttf", 20);
        FAIL("no exception");
    } catch (const TtfError& e) {
        CHECK(e.call() == "TTF_OpenFont(/nonexistent/font.ttf, 20)");
        CHECK_FALSE(e.ttfMessage().empty());
    }
}
