// The rules every screen's layout keeps, checked on what a screen reports (Widget::collectLayout):
// no two tappable areas overlap, every tappable area is at least the touch size and lies inside the
// window (or inside its scrolling viewport), every line of text lies inside the window and inside its
// own widget (a button's line inside its text room, beside the pictogram and chevron), is not drawn
// under a tappable area that is not its own, and never breaks inside a word; a tappable's line is never
// sliced by the edge of a scrolling view. A tappable cut by the edge of a scrolling view (under a fixed
// footer or header) is a list's row that scrolls into view, unless it belongs to a group kept whole
// (Widget::setKeptWhole: a keypad, the on-screen keyboard) or the view cannot scroll it into view; a
// tappable out of sight where no scrolling brings it back is reported too (Widget::collectLayout).
// Also what the script runner asks before `tap` and `expect`: is this text readable, what is on top.
#pragma once

#include <string>
#include <vector>

#include "kiosk/ui/geometry.h"
#include "kiosk/ui/widget.h"

namespace motcua::ui {

class Screen;

struct LayoutRules {
    Size window;
    int minTouchPx = 0;  // 0: no minimum
};

// Everything a person could see or tap on screen now, in drawing order (the screen, then over it
// the banner when it is up).
std::vector<LayoutItem> layoutItems(const Screen* screen, const Widget* overlay, Size window);

// One message per broken rule ("tappable \"Xóa\" (10,20 80x40) overlaps \"Tiếp tục\" ..."); empty when
// the layout keeps every rule.
std::vector<std::string> checkLayout(const std::vector<LayoutItem>& items, const LayoutRules& rules);

// The tappable drawn on top at point: the last one whose visible part contains it; null for none.
const LayoutItem* topTappableAt(const std::vector<LayoutItem>& items, Point point);

// Why owner's text cannot be read as it is ("" when it can): a line cut by the window or its viewport,
// or drawn under another widget's tappable area.
std::string unreadable(const std::vector<LayoutItem>& items, const Widget* owner);

// "\"Tiếp tục\" at 16,380 928x76".
std::string describe(const LayoutItem& item);

}  // namespace motcua::ui
