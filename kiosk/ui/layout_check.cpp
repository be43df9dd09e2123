#include "kiosk/ui/layout_check.h"

#include <fmt/format.h>

#include "kiosk/ui/screen.h"
#include "kiosk/ui/scroll_view.h"

namespace motcua::ui {

namespace {

bool inside(const Rect& inner, const Rect& outer) {
    return inner.x >= outer.x && inner.y >= outer.y && inner.right() <= outer.right() &&
           inner.bottom() <= outer.bottom();
}

// a and b belong together: one is (inside) the other.
bool related(const LayoutItem& a, const LayoutItem& b) {
    if (!a.owner || !b.owner) return false;
    return a.owner->isWithin(b.owner) || b.owner->isWithin(a.owner);
}

// Later tappable areas covering the visible part of item, other than its own.
const LayoutItem* coveredBy(const std::vector<LayoutItem>& items, std::size_t index) {
    const LayoutItem& item = items[index];
    for (std::size_t j = index + 1; j < items.size(); ++j) {
        const LayoutItem& other = items[j];
        if (other.kind != LayoutItem::Kind::Tappable || related(item, other)) continue;
        if (other.visible.intersects(item.visible)) return &other;
    }
    return nullptr;
}

// Whether the scrolling view around item can bring its cut part into view: cut at the bottom with
// more below, or at the top of a view scrolled down.
bool scrollsIntoView(const LayoutItem& item) {
    for (const Widget* w = item.owner; w; w = w->parent()) {
        const auto* view = dynamic_cast<const ScrollView*>(w);
        if (!view) continue;
        const bool cutBelow = item.visible.bottom() < item.bounds.bottom();
        const bool cutAbove = item.visible.y > item.bounds.y;
        return (!cutBelow || view->moreBelow()) && (!cutAbove || view->offset() > 0);
    }
    return false;
}

}  // namespace

std::string describe(const LayoutItem& item) {
    return fmt::format("\"{}\" at {},{} {}x{}", item.text, item.bounds.x, item.bounds.y, item.bounds.width,
                       item.bounds.height);
}

std::vector<LayoutItem> layoutItems(const Screen* screen, const Widget* overlay, Size window) {
    std::vector<LayoutItem> items;
    const Rect all{0, 0, window.width, window.height};
    if (screen) screen->collectLayout(items, all);
    if (overlay) overlay->collectLayout(items, all);
    return items;
}

std::vector<std::string> checkLayout(const std::vector<LayoutItem>& items, const LayoutRules& rules) {
    std::vector<std::string> problems;
    const Rect window{0, 0, rules.window.width, rules.window.height};
    for (std::size_t i = 0; i < items.size(); ++i) {
        const LayoutItem& item = items[i];
        const bool tappable = item.kind == LayoutItem::Kind::Tappable;
        const char* what = tappable ? "tappable" : "text line";
        // Inside the window; a scrolled item only needs its visible part there (the rest scrolls).
        if (!inside(item.scrolled ? item.visible : item.bounds, window))
            problems.push_back(fmt::format("{} {} is not inside the {}x{} window", what, describe(item),
                                           window.width, window.height));
        else if (!item.scrolled && item.visible != item.bounds)
            problems.push_back(fmt::format("{} {} is cut off", what, describe(item)));
        if (tappable && item.scrolled && item.visible != item.bounds) {
            // Cut by the edge of its scrolling view (under a fixed footer or header). A list's rows run
            // on under the edge and scroll into view; a key of a keypad must be there without
            // scrolling, and nothing may be cut where no scrolling brings it into view.
            if (item.owner && item.owner->keptWhole())
                problems.push_back(fmt::format(
                    "tappable {} of a group kept whole (a keypad) is cut by the edge of its scrolling view",
                    describe(item)));
            else if (!scrollsIntoView(item))
                problems.push_back(
                    fmt::format("tappable {} is cut by the edge of a view that cannot scroll it into view",
                                describe(item)));
        }
        if (tappable) {
            if (rules.minTouchPx > 0 &&
                (item.bounds.width < rules.minTouchPx || item.bounds.height < rules.minTouchPx))
                problems.push_back(
                    fmt::format("tappable {} is smaller than {} px", describe(item), rules.minTouchPx));
            for (std::size_t j = i + 1; j < items.size(); ++j) {
                const LayoutItem& other = items[j];
                if (other.kind == LayoutItem::Kind::Tappable && !related(item, other) &&
                    other.visible.intersects(item.visible))
                    problems.push_back(
                        fmt::format("tappable {} overlaps tappable {}", describe(item), describe(other)));
            }
            continue;
        }
        if (item.brokenWord) problems.push_back(fmt::format("text line {} breaks a word", describe(item)));
        if (item.owner && !item.box.empty()) {
            // A button's line keeps to the room beside its pictogram and chevron (a pixel of rounding
            // from centring allowed).
            const Rect& b = item.box;
            if (!inside(item.bounds, {b.x - 1, b.y - 1, b.width + 2, b.height + 2}))
                problems.push_back(
                    fmt::format("text line {} does not fit the text room {},{} {}x{} of its widget",
                                describe(item), b.x, b.y, b.width, b.height));
        } else if (item.owner && !inside(item.bounds, item.owner->bounds())) {
            problems.push_back(fmt::format("text line {} spills out of its widget", describe(item)));
        }
        // A tappable's line sliced by the edge of a scrolling view that cannot scroll it into view:
        // half a label that no scrolling reveals (the home screen's tiles cut by the reading aids). A
        // line cut where the view scrolls on (its "more below" mark shows) is the ordinary end of a
        // list.
        if (item.scrolled && item.owner && item.owner->tappable() && !item.visible.empty() &&
            item.visible != item.bounds && !scrollsIntoView(item))
            problems.push_back(
                fmt::format("text line {} is cut by the edge of its scrolling view", describe(item)));
        if (const LayoutItem* cover = coveredBy(items, i))
            problems.push_back(
                fmt::format("text line {} is under tappable {}", describe(item), describe(*cover)));
        for (std::size_t j = i + 1; j < items.size(); ++j) {
            const LayoutItem& other = items[j];
            if (other.kind == LayoutItem::Kind::Line && other.owner != item.owner && !related(item, other) &&
                other.visible.intersects(item.visible))
                problems.push_back(
                    fmt::format("text line {} overlaps text line {}", describe(item), describe(other)));
        }
    }
    return problems;
}

const LayoutItem* topTappableAt(const std::vector<LayoutItem>& items, Point point) {
    for (auto it = items.rbegin(); it != items.rend(); ++it)
        if (it->kind == LayoutItem::Kind::Tappable && it->visible.contains(point)) return &*it;
    return nullptr;
}

std::string unreadable(const std::vector<LayoutItem>& items, const Widget* owner) {
    bool any = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const LayoutItem& item = items[i];
        if (item.kind != LayoutItem::Kind::Line || item.owner != owner) continue;
        any = true;
        if (item.visible != item.bounds) return fmt::format("its line {} is cut off", describe(item));
        if (const LayoutItem* cover = coveredBy(items, i))
            return fmt::format("its line {} is under {}", describe(item), describe(*cover));
    }
    return any ? std::string() : std::string("none of its lines is on screen");
}

}  // namespace motcua::ui
