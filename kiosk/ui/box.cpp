#include "kiosk/ui/box.h"

#include <algorithm>

namespace motcua::ui {

Box::Box(Axis axis, int padding, int spacing) : m_axis(axis), m_padding(padding), m_spacing(spacing) {}

void Box::setWeight(const Widget& child, int weight) {
    for (std::size_t i = 0; i < children().size() && i < m_weights.size(); ++i) {
        if (children()[i].get() == &child && m_weights[i] != weight) {
            m_weights[i] = weight < 0 ? 0 : weight;
            invalidateLayout();
        }
    }
}

int Box::weight(std::size_t i) const {
    return i < m_weights.size() ? m_weights[i] : 0;
}

int Box::padding(const LayoutContext& context) const {
    return m_padding == kThemed ? context.theme.padding() : m_padding;
}
int Box::spacing(const LayoutContext& context) const {
    return m_spacing == kThemed ? context.theme.spacing() : m_spacing;
}

int Box::minimumHeight(const LayoutContext& context, int width) const {
    if (!visible()) return 0;
    const int pad = padding(context);
    const int gap = spacing(context);
    const int inner = std::max(0, width - 2 * pad);
    int total = 0;
    int shown = 0;
    for (std::size_t i = 0; i < children().size(); ++i) {
        const auto& child = children()[i];
        if (!child->visible()) continue;
        ++shown;
        if (m_axis == Axis::Vertical) {
            // Fixed children keep their measured height; weighted ones can go down to their minimum.
            total += weight(i) > 0 ? child->minimumHeight(context, inner)
                                   : child->measure(context, {inner, Widget::kUnbounded}).height;
        } else {
            total = std::max(total, child->minimumHeight(context, inner));
        }
    }
    if (m_axis == Axis::Vertical && shown > 1) total += (shown - 1) * gap;
    // A fixed or minimum height set on the box itself still counts.
    if (fixedHeight() > 0) return fixedHeight();
    return std::max(total + 2 * pad, minHeightSetting());
}

Size Box::measureContent(const LayoutContext& context, Size available) const {
    const int pad = padding(context);
    const int gap = spacing(context);
    const Size inner{std::max(0, available.width - 2 * pad), std::max(0, available.height - 2 * pad)};
    Size total;
    int shown = 0;
    for (std::size_t i = 0; i < children().size(); ++i) {
        const auto& child = children()[i];
        if (!child->visible()) continue;
        ++shown;
        if (m_axis == Axis::Vertical) {
            const Size c = child->measure(context, {inner.width, Widget::kUnbounded});
            total.height += c.height;
            total.width = std::max(total.width, c.width);
        } else {
            const Size c = child->measure(context, {inner.width, inner.height});
            total.width += c.width;
            total.height = std::max(total.height, c.height);
        }
    }
    const int gaps = shown > 1 ? (shown - 1) * gap : 0;
    if (m_axis == Axis::Vertical) {
        total.height += gaps;
    } else {
        total.width += gaps;
        // Weighted children are measured again at the width they will get, which decides wrapping.
        int fixed = gaps;
        int weights = 0;
        for (std::size_t i = 0; i < children().size(); ++i) {
            if (!children()[i]->visible()) continue;
            if (weight(i) == 0) fixed += children()[i]->measure(context, inner).width;
            weights += weight(i);
        }
        if (weights > 0) {
            const int rest = std::max(0, inner.width - fixed);
            for (std::size_t i = 0; i < children().size(); ++i) {
                if (!children()[i]->visible() || weight(i) == 0) continue;
                const int w = rest * weight(i) / weights;
                total.height =
                    std::max(total.height, children()[i]->measure(context, {w, inner.height}).height);
            }
        }
    }
    return {total.width + 2 * pad, total.height + 2 * pad};
}

void Box::layoutChildren(const LayoutContext& context) {
    const int pad = padding(context);
    const int gap = spacing(context);
    const Rect inner = bounds().inset(pad);
    const bool vertical = m_axis == Axis::Vertical;
    const int length = vertical ? inner.height : inner.width;

    std::vector<int> sizes(children().size(), 0);
    std::vector<int> floors(children().size(), 0);
    int used = 0;
    int weights = 0;
    int shown = 0;
    for (std::size_t i = 0; i < children().size(); ++i) {
        const auto& child = children()[i];
        if (!child->visible()) continue;
        ++shown;
        const Size c =
            child->measure(context, vertical ? Size{inner.width, Widget::kUnbounded} : inner.size());
        if (weight(i) > 0) {
            weights += weight(i);
            // Down the page a weighted child still gets the height its content needs: text and
            // buttons never shrink under each other (a too-tall page scrolls instead). Across, weights
            // share the whole width, so siblings come out the same size.
            if (vertical) {
                floors[i] = child->minimumHeight(context, inner.width);
                used += floors[i];
            }
            continue;
        }
        sizes[i] = vertical ? c.height : c.width;
        used += sizes[i];
    }
    used += shown > 1 ? (shown - 1) * gap : 0;
    const int rest = std::max(0, length - used);
    int given = 0;
    int seenWeight = 0;
    for (std::size_t i = 0; i < children().size(); ++i) {
        if (!children()[i]->visible() || weight(i) == 0) continue;
        // Cumulative rounding: the weighted children fill the rest exactly.
        seenWeight += weight(i);
        const int upTo = rest * seenWeight / weights;
        sizes[i] = floors[i] + upTo - given;
        given = upTo;
    }
    int cursor = vertical ? inner.y : inner.x;
    for (std::size_t i = 0; i < children().size(); ++i) {
        const auto& child = children()[i];
        if (!child->visible()) {
            child->layout(context, {inner.x, inner.y, 0, 0});
            continue;
        }
        const Rect r = vertical ? Rect{inner.x, cursor, inner.width, sizes[i]}
                                : Rect{cursor, inner.y, sizes[i], inner.height};
        child->layout(context, r);
        cursor += sizes[i] + gap;
    }
}

namespace {
// Wide enough for any one line a grid cell holds (a wider screen than any kiosk or console has).
constexpr int kUnwrappedWidth = 100'000;
}  // namespace

Grid::Grid(int columns, int spacing) : m_columns(std::max(1, columns)), m_spacing(spacing) {}

int Grid::spacing(const LayoutContext& context) const {
    return m_spacing == Box::kThemed ? context.theme.spacing() : m_spacing;
}

std::pair<int, int> Grid::columnsAt(const LayoutContext& context, int width) const {
    const int gap = spacing(context);
    const auto cellWidth = [&](int columns) { return std::max(0, (width - (columns - 1) * gap) / columns); };
    if (!m_fewerOverWrapping) return {m_columns, cellWidth(m_columns)};
    // A child wraps when it is taller in the cell than with all the width it could want.
    const auto wraps = [&](int cell) {
        for (const auto& child : children()) {
            if (!child->visible()) continue;
            if (child->measure(context, {cell, Widget::kUnbounded}).height >
                child->measure(context, {kUnwrappedWidth, Widget::kUnbounded}).height)
                return true;
        }
        return false;
    };
    int columns = m_columns;
    while (columns > 1 && wraps(cellWidth(columns))) --columns;
    return {columns, cellWidth(columns)};
}

std::vector<int> Grid::rowHeights(const LayoutContext& context, int columns, int cellWidth) const {
    std::vector<int> rows;
    int column = 0;
    for (const auto& child : children()) {
        if (!child->visible()) continue;
        if (column == 0) rows.push_back(0);
        rows.back() = std::max(rows.back(), child->measure(context, {cellWidth, Widget::kUnbounded}).height);
        column = (column + 1) % columns;
    }
    return rows;
}

Size Grid::measureContent(const LayoutContext& context, Size available) const {
    const int gap = spacing(context);
    const auto [columns, cellWidth] = columnsAt(context, available.width);
    const auto rows = rowHeights(context, columns, cellWidth);
    int height = 0;
    for (int h : rows) height += h;
    if (rows.size() > 1) height += static_cast<int>(rows.size() - 1) * gap;
    return {available.width, height};
}

void Grid::layoutChildren(const LayoutContext& context) {
    const int gap = spacing(context);
    const auto [columns, cellWidth] = columnsAt(context, bounds().width);
    const auto rows = rowHeights(context, columns, cellWidth);
    int column = 0;
    std::size_t row = 0;
    int y = bounds().y;
    for (const auto& child : children()) {
        if (!child->visible()) {
            child->layout(context, {bounds().x, bounds().y, 0, 0});
            continue;
        }
        child->layout(context, {bounds().x + column * (cellWidth + gap), y, cellWidth, rows[row]});
        if (++column == columns) {
            column = 0;
            y += rows[row] + gap;
            ++row;
        }
    }
}

}  // namespace motcua::ui
