// motcua_contact_sheet DIR OUT.png [THUMB_WIDTH]: every screenshot under DIR in one picture, so a
// reviewer sees all screens of a program at once. One row per folder under DIR (a variant: size,
// text size, language, contrast), one column per PNG in it (a screen), in name order; each row titled
// with its folder's name and each thumbnail with its file's name. Used by scripts/screens.sh.
#include <SDL.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "kiosk/ui/font_cache.h"
#include "kiosk/ui/image.h"
#include "kiosk/ui/painter.h"
#include "kiosk/ui/sdl_context.h"
#include "kiosk/ui/text_renderer.h"
#include "kiosk/ui/window.h"

namespace fs = std::filesystem;
using namespace motcua;

namespace {

struct Row {
    std::string title;
    std::vector<fs::path> shots;
};

std::vector<Row> rowsUnder(const fs::path& dir) {
    std::vector<Row> rows;
    std::vector<fs::path> folders;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_directory()) folders.push_back(e.path());
    folders.push_back(dir);
    std::sort(folders.begin(), folders.end());
    for (const auto& folder : folders) {
        Row row{fs::relative(folder, dir).string(), {}};
        for (const auto& e : fs::directory_iterator(folder))
            if (e.is_regular_file() && e.path().extension() == ".png") row.shots.push_back(e.path());
        std::sort(row.shots.begin(), row.shots.end());
        if (!row.shots.empty()) rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

int main(int argc, char** argv) try {
    if (argc < 3) {
        std::cerr << "usage: motcua_contact_sheet DIR OUT.png [THUMB_WIDTH]\n";
        return 2;
    }
    const fs::path dir = argv[1];
    const fs::path out = argv[2];
    const int thumbWidth = argc > 3 ? std::max(60, std::atoi(argv[3])) : 200;
    const auto rows = rowsUnder(dir);
    if (rows.empty()) {
        std::cerr << "no screenshots under " << dir << '\n';
        return 1;
    }
    std::size_t columns = 1;
    int thumbHeight = 0;
    for (const auto& row : rows) {
        columns = std::max(columns, row.shots.size());
        for (const auto& shot : row.shots) {
            const auto image = ui::loadPng(shot);
            thumbHeight = std::max(thumbHeight, image.height * thumbWidth / std::max(1, image.width));
        }
    }
    constexpr int kGap = 14;
    constexpr int kLabel = 22;
    constexpr int kRowTitle = 34;
    const int width = static_cast<int>(columns) * (thumbWidth + kGap) + kGap;
    const int height = 60 + static_cast<int>(rows.size()) * (kRowTitle + thumbHeight + kLabel + kGap);

    ui::SdlContext sdl({.headless = true});
    ui::TtfContext ttf(sdl);
    ui::Window window(sdl, ui::WindowOptions{"contact sheet", ui::Size{width, height}, false});
    ui::Renderer renderer(window);
    ui::FontCache fonts(ttf, ui::FontSet::locate());
    ui::TextRenderer text(renderer.get(), fonts);
    const ui::Theme theme;
    {
        ui::Painter painter(renderer.get(), text, theme);
        painter.clear({0xDD, 0xE1, 0xE6});
        painter.drawText(
            fs::absolute(dir).filename().string() + " — " + std::to_string(rows.size()) + " variants",
            {ui::FontWeight::Bold, 30}, {0x14, 0x1B, 0x24}, {kGap, 10});
        int y = 60;
        for (const auto& row : rows) {
            painter.drawText(row.title, {ui::FontWeight::Bold, 22}, {0x0B, 0x4F, 0x9C}, {kGap, y + 4});
            y += kRowTitle;
            int x = kGap;
            for (const auto& shot : row.shots) {
                const auto image = ui::loadPng(shot);
                const int h = image.height * thumbWidth / std::max(1, image.width);
                // SDL scales the full picture down (linear filtering where the renderer offers it).
                SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1");
                painter.drawImage(image, {x, y, thumbWidth, h});
                painter.strokeRect({x - 1, y - 1, thumbWidth + 2, h + 2}, {0x8A, 0x96, 0xA3}, 1);
                std::string name = shot.stem().string();
                painter.drawText(name, {ui::FontWeight::Regular, 16}, {0x14, 0x1B, 0x24},
                                 {x, y + thumbHeight + 2});
                x += thumbWidth + kGap;
            }
            y += thumbHeight + kLabel + kGap;
        }
    }
    ui::savePng(out, renderer.readPixels());
    std::cout << out.string() << ": " << rows.size() << " rows, " << width << "x" << height << '\n';
    return 0;
} catch (const std::exception& e) {
    std::cerr << "motcua_contact_sheet: " << e.what() << '\n';
    return 1;
}
