#include "kiosk/ui/widget.h"

#include <algorithm>

#include "kiosk/ui/painter.h"

namespace motcua::ui {

void Widget::setVisible(bool visible) {
    if (m_visible == visible) return;
    m_visible = visible;
    invalidateLayout();
}

Size Widget::measure(const LayoutContext& context, Size available) const {
    if (!m_visible) return {};
    Size s = measureContent(context, available);
    if (m_fixedHeight > 0) s.height = m_fixedHeight;
    if (m_fixedWidth > 0) s.width = m_fixedWidth;
    s.height = std::max(s.height, m_minHeight);
    // Never wider than offered: a row of keys shrinks to the screen instead of pushing siblings out.
    if (available.width > 0) s.width = std::min(s.width, available.width);
    return s;
}

Size Widget::measureContent(const LayoutContext& context, Size available) const {
    Size s;
    for (const auto& child : m_children) {
        const Size c = child->measure(context, available);
        s.width = std::max(s.width, c.width);
        s.height = std::max(s.height, c.height);
    }
    return s;
}

int Widget::minimumHeight(const LayoutContext& context, int width) const {
    if (!m_visible) return 0;
    return measure(context, {width, kUnbounded}).height;
}

void Widget::layout(const LayoutContext& context, const Rect& bounds) {
    m_bounds = bounds;
    m_layoutDirty = false;
    layoutChildren(context);
}

void Widget::layoutChildren(const LayoutContext& context) {
    for (const auto& child : m_children) child->layout(context, m_bounds);
}

void Widget::translate(int dx, int dy) {
    m_bounds = m_bounds.translated(dx, dy);
    onTranslated(dx, dy);
    for (const auto& child : m_children) child->translate(dx, dy);
}

void Widget::clearChildren() {
    m_children.clear();
    invalidateLayout();
}

void Widget::adopt(std::unique_ptr<Widget> child) {
    child->m_parent = this;
    m_children.push_back(std::move(child));
    invalidateLayout();
}

void Widget::invalidateLayout() {
    for (Widget* w = this; w; w = w->m_parent) w->m_layoutDirty = true;
}

bool Widget::dispatch(const InputEvent& event) {
    if (!m_visible) return false;
    if (event.isPointer()) {
        if (!m_bounds.contains(event.start)) return false;
        if (childAreaContains(event.start)) {
            // Later children are drawn on top, so they get the event first.
            for (auto it = m_children.rbegin(); it != m_children.rend(); ++it)
                if ((*it)->dispatch(event)) return true;
        }
        return onInput(event);
    }
    for (const auto& child : m_children)
        if (child->dispatch(event)) return true;
    return onInput(event);
}

const Widget* Widget::hitTest(Point point) const {
    if (!m_visible || !m_bounds.contains(point)) return nullptr;
    if (childAreaContains(point)) {
        for (auto it = m_children.rbegin(); it != m_children.rend(); ++it)
            if (const Widget* hit = (*it)->hitTest(point)) return hit;
    }
    return this;
}

void Widget::update(std::chrono::milliseconds dt) {
    onUpdate(dt);
    for (const auto& child : m_children) child->update(dt);
}

void Widget::draw(Painter& painter) const {
    if (!m_visible || !m_bounds.intersects(painter.clip())) return;
    drawSelf(painter);
    drawChildren(painter);
}

void Widget::drawChildren(Painter& painter) const {
    for (const auto& child : m_children) child->draw(painter);
}

void Widget::collectVisibleText(std::vector<VisibleText>& out, const Rect& clip) const {
    if (!m_visible || !m_bounds.intersects(clip)) return;
    collectOwnText(out, clip);
    collectChildText(out, clip);
}

void Widget::collectLayout(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled) const {
    if (!m_visible) return;
    if (!m_bounds.intersects(clip)) {
        // Out of sight. A list's rows below the fold are what scrolling is for; but a control that no
        // scrolling brings into view (pushed off the window, or under a fixed footer) or one of a group
        // kept whole is still reported, so the layout check can say it cannot be seen.
        if (!scrolled || keptWhole()) collectHidden(out, scrolled);
        return;
    }
    collectOwnLayout(out, clip, scrolled);
    collectChildLayout(out, clip, scrolled);
}

void Widget::collectHidden(std::vector<LayoutItem>& out, bool scrolled) const {
    if (!m_visible) return;
    if (tappable()) {
        // The widget's own items as if it were on screen (for its label), then nothing of it visible.
        std::vector<LayoutItem> own;
        collectOwnLayout(own, m_bounds, scrolled);
        for (auto& item : own) {
            if (item.kind != LayoutItem::Kind::Tappable) continue;
            item.visible = {};
            out.push_back(std::move(item));
        }
    }
    for (const auto& child : m_children) child->collectHidden(out, scrolled);
}

bool Widget::keptWhole() const noexcept {
    for (const Widget* w = this; w; w = w->m_parent)
        if (w->m_keptWhole) return true;
    return false;
}

void Widget::collectChildLayout(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled) const {
    for (const auto& child : m_children) child->collectLayout(out, clip, scrolled);
}

void Widget::addLine(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled, std::string text,
                     const Rect& bounds, bool brokenWord, const Rect& box) const {
    if (text.empty() || !bounds.intersects(clip)) return;
    out.push_back({LayoutItem::Kind::Line, this, bounds, bounds.intersected(clip), scrolled, std::move(text),
                   brokenWord, box});
}

bool Widget::isWithin(const Widget* ancestor) const noexcept {
    for (const Widget* w = this; w; w = w->m_parent)
        if (w == ancestor) return true;
    return false;
}

void Widget::collectChildText(std::vector<VisibleText>& out, const Rect& clip) const {
    for (const auto& child : m_children) child->collectVisibleText(out, clip);
}

}  // namespace motcua::ui
