#include "kiosk/display_app/scene.h"

#include <algorithm>

#include "kiosk/ui/painter.h"
#include "kiosk/ui/text_wrap.h"
#include "text/utf8.h"

namespace motcua::display {

using text::popBackCodePoint;

namespace {

// Sizes are tried on a ladder (every 4 px, about 6% apart at display sizes), so the font cache opens a
// bounded number of sizes however the layout varies.
int nextSmaller(int px) {
    return px > 8 ? ((px - 1) / 4) * 4 : px - 1;
}

bool fits(ui::TextMetrics& metrics, std::string_view text, const ui::TextStyle& style, ui::Size space) {
    if (metrics.lineHeight(style) > space.height) return false;
    return metrics.measure(text, style).width <= space.width;
}

// Drops code points from the end until text + "…" fits (at least "…").
std::string ellipsize(ui::TextMetrics& metrics, std::string_view text, const ui::TextStyle& style,
                      int width) {
    std::string cut(text);
    while (!cut.empty()) {
        std::string candidate = cut + "…";
        if (metrics.measure(candidate, style).width <= width) return candidate;
        popBackCodePoint(cut);
    }
    return "…";
}

}  // namespace

int fittingSize(ui::TextMetrics& metrics, std::string_view text, ui::FontWeight weight, int maxPx, int minPx,
                ui::Size space) {
    for (int px = maxPx; px >= minPx; px = nextSmaller(px)) {
        if (fits(metrics, text, {weight, px}, space)) return px;
    }
    return 0;
}

ui::Rect placeText(Scene& scene, ui::TextMetrics& metrics, std::string_view text, ui::FontWeight weight,
                   int maxPx, int minPx, const ui::Rect& cell, Align align, ui::Colour colour) {
    if (text.empty() || cell.empty()) return {};
    int px = fittingSize(metrics, text, weight, maxPx, minPx, cell.size());
    std::string shown(text);
    if (px == 0) {
        px = minPx;
        // Even the smallest size is too tall: shrink to the cell's height so nothing spills over.
        while (px > 6 && metrics.lineHeight({weight, px}) > cell.height) px = nextSmaller(px);
        shown = ellipsize(metrics, text, {weight, px}, cell.width);
    }
    const ui::TextStyle style{weight, px};
    const ui::Size size = metrics.measure(shown, style);
    const int width = std::min(size.width, cell.width);
    const int height = std::min(metrics.lineHeight(style), cell.height);
    int x = cell.x;
    if (align == Align::Center) x = cell.x + (cell.width - width) / 2;
    if (align == Align::Right) x = cell.right() - width;
    const int y = cell.y + (cell.height - height) / 2;
    const ui::Rect bounds{x, y, width, height};
    scene.texts.push_back({std::move(shown), style, colour, bounds, cell});
    return bounds;
}

ui::Rect placeTicketNumber(Scene& scene, ui::TextMetrics& metrics, std::string_view number, int px, int minPx,
                           const ui::Rect& cell, Align align, ui::Colour colour) {
    const ui::TextStyle style{ui::FontWeight::Bold, px};
    const int line = metrics.lineHeight(style);
    const int glyphs = line * 4 / 5;
    const int width = metrics.measure(number, style).width;
    if (number.empty() || glyphs > cell.height || width > cell.width || line <= cell.height)
        return placeText(scene, metrics, number, ui::FontWeight::Bold, px, minPx, cell, align, colour);
    int x = cell.x;
    if (align == Align::Center) x = cell.x + (cell.width - width) / 2;
    if (align == Align::Right) x = cell.right() - width;
    // The line box is taller than the cell: the box is the cell, the glyphs centred in it.
    const ui::Rect bounds{x, cell.y, width, cell.height};
    scene.texts.push_back({std::string(number), style, colour, bounds, cell, -(line - cell.height) / 2});
    return bounds;
}

void placeLines(Scene& scene, ui::TextMetrics& metrics, std::string_view text, ui::FontWeight weight,
                int maxPx, int minPx, const ui::Rect& cell, Align align, ui::Colour colour, int maxLines) {
    if (text.empty() || cell.empty()) return;
    for (int px = maxPx; px >= minPx; px = nextSmaller(px)) {
        const ui::TextStyle style{weight, px};
        const int lineHeight = metrics.lineHeight(style);
        const auto lines = ui::wrapText(metrics, text, style, cell.width);
        const int count = static_cast<int>(lines.size());
        if (count == 0 || count > maxLines || count * lineHeight > cell.height) continue;
        const bool allFit = std::all_of(lines.begin(), lines.end(), [&](const std::string& line) {
            return metrics.measure(line, style).width <= cell.width;
        });
        if (!allFit) continue;
        int y = cell.y + (cell.height - count * lineHeight) / 2;
        for (const auto& line : lines) {
            placeText(scene, metrics, line, weight, px, px, {cell.x, y, cell.width, lineHeight}, align,
                      colour);
            y += lineHeight;
        }
        return;
    }
    placeText(scene, metrics, text, weight, minPx, minPx, cell, align, colour);
}

const SceneButton* Scene::buttonAt(ui::Point point) const {
    for (const SceneButton& button : buttons) {
        if (button.rect.contains(point)) return &button;
    }
    return nullptr;
}

void Scene::paint(ui::Painter& painter) const {
    painter.clear(background);
    for (const SceneFill& fill : fills) {
        if (fill.radius > 0)
            painter.fillRoundedRect(fill.rect, fill.radius, fill.colour);
        else
            painter.fillRect(fill.rect, fill.colour);
    }
    for (const SceneText& text : texts) {
        ui::ClipScope clip(painter, text.cell);
        painter.drawText(text.text, text.style, text.colour, {text.bounds.x, text.bounds.y + text.drawDy});
    }
}

void Scene::collectVisibleText(std::vector<ui::VisibleText>& out, const ui::Rect& clip) const {
    for (const SceneText& text : texts) {
        if (text.bounds.intersects(clip)) out.push_back({text.text, text.bounds});
    }
}

}  // namespace motcua::display
