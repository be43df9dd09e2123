// Containers that lay children out: Box (a vertical or horizontal stack with padding, spacing and
// weights) and Grid (equal columns).
#pragma once

#include <vector>

#include "kiosk/ui/widget.h"

namespace motcua::ui {

enum class Axis { Vertical, Horizontal };

class Box final : public Widget {
  public:
    // Padding and spacing in pixels; kThemed takes them from the theme (scaled with the text).
    static constexpr int kThemed = -1;

    explicit Box(Axis axis, int padding = 0, int spacing = kThemed);

    // Takes ownership. Weight 0: the child gets its measured size along the axis; weight > 0: it shares
    // what is left in proportion to its weight. Across the axis every child fills the box.
    template <typename T>
    T& add(std::unique_ptr<T> child, int weight = 0) {
        m_weights.push_back(weight < 0 ? 0 : weight);
        return Widget::add(std::move(child));
    }
    Axis axis() const noexcept { return m_axis; }
    // Changes the weight of a child already added (ignored for a widget that is not a child).
    void setWeight(const Widget& child, int weight);
    int minimumHeight(const LayoutContext& context, int width) const override;
    // Portrait/landscape: a screen flips its main box between stacking and side by side.
    void setAxis(Axis axis) {
        if (axis == m_axis) return;
        m_axis = axis;
        invalidateLayout();
    }

  protected:
    Size measureContent(const LayoutContext& context, Size available) const override;
    void layoutChildren(const LayoutContext& context) override;

  private:
    int padding(const LayoutContext& context) const;
    int spacing(const LayoutContext& context) const;
    int weight(std::size_t index) const;
    Axis m_axis;
    int m_padding;
    int m_spacing;
    std::vector<int> m_weights;
};

// Children in rows of `columns` equal-width cells; each row as tall as its tallest child.
// With setFewerColumnsOverWrapping, fewer columns (down to one) where a child would wrap its text in
// the narrower cells: short choices stay one line each when the window or the text size leaves little
// width.
class Grid final : public Widget {
  public:
    explicit Grid(int columns, int spacing = Box::kThemed);
    void setFewerColumnsOverWrapping(bool on) { m_fewerOverWrapping = on; }

  protected:
    Size measureContent(const LayoutContext& context, Size available) const override;
    void layoutChildren(const LayoutContext& context) override;

  private:
    int spacing(const LayoutContext& context) const;
    // The columns used at this width, and their cells' width.
    std::pair<int, int> columnsAt(const LayoutContext& context, int width) const;
    std::vector<int> rowHeights(const LayoutContext& context, int columns, int cellWidth) const;
    int m_columns;
    int m_spacing;
    bool m_fewerOverWrapping = false;
};

}  // namespace motcua::ui
