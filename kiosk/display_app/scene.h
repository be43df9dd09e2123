// A screen's picture as data: filled rectangles and placed texts, composed from the display's state
// by a pure function and painted by a const draw(). Because the composition is data, tests check it
// directly (nothing overlaps, every text fits its cell) and hit-testing needs no renderer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/geometry.h"
#include "kiosk/ui/text_metrics.h"
#include "kiosk/ui/theme.h"
#include "kiosk/ui/widget.h"

namespace motcua::ui {
class Painter;
}

namespace motcua::display {

enum class Align { Left, Center, Right };

struct SceneFill {
    ui::Rect rect;
    ui::Colour colour;
    int radius = 0;
};

struct SceneText {
    std::string text;
    ui::TextStyle style;
    ui::Colour colour;
    ui::Rect bounds;  // where the text is drawn: its measured width and line height
    ui::Rect cell;    // the space it was given; bounds lies inside it
    int drawDy = 0;   // drawn this far below bounds.y (a tight ticket number: its line box overhangs)
};

// A touch target (the counter display's rating buttons); `action` is the screen's own code.
struct SceneButton {
    ui::Rect rect;
    int action = 0;
};

struct Scene {
    ui::Colour background;
    std::vector<SceneFill> fills;
    std::vector<SceneText> texts;
    std::vector<SceneButton> buttons;

    // The button under point, or nullptr.
    const SceneButton* buttonAt(ui::Point point) const;
    void paint(ui::Painter& painter) const;
    void collectVisibleText(std::vector<ui::VisibleText>& out, const ui::Rect& clip) const;
};

// Places one line of text in cell at the largest size from maxPx down to minPx (in steps) whose
// width and line height fit; below minPx the text is cut with "…" at minPx. Vertically centred.
// Returns the placed text's bounds. An empty text places nothing.
ui::Rect placeText(Scene& scene, ui::TextMetrics& metrics, std::string_view text, ui::FontWeight weight,
                   int maxPx, int minPx, const ui::Rect& cell, Align align, ui::Colour colour);

// A ticket number ("A012", "B105": capitals and digits, no accents or descenders) at exactly px, in a
// cell at least as tall as its glyphs (4/5 of the font's line height) rather than its whole line box;
// centred. Below that it is placed like placeText (made smaller, cut as a last resort).
ui::Rect placeTicketNumber(Scene& scene, ui::TextMetrics& metrics, std::string_view number, int px, int minPx,
                           const ui::Rect& cell, Align align, ui::Colour colour);

// Like placeText, but the text may wrap onto up to maxLines lines (stacked, centred as a block) before
// it is made smaller; falls back to placeText's cut at minPx.
void placeLines(Scene& scene, ui::TextMetrics& metrics, std::string_view text, ui::FontWeight weight,
                int maxPx, int minPx, const ui::Rect& cell, Align align, ui::Colour colour, int maxLines);

// The pixel size placeText would choose (0 when even minPx does not fit).
int fittingSize(ui::TextMetrics& metrics, std::string_view text, ui::FontWeight weight, int maxPx, int minPx,
                ui::Size space);

}  // namespace motcua::display
