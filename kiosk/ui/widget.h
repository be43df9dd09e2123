// The widget tree: each widget owns its children, knows its bounds in window pixels, lays itself out
// with a LayoutContext (text metrics + theme, no renderer), routes input to the deepest widget under
// the gesture, and draws itself without changing state.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/ui/geometry.h"
#include "kiosk/ui/input.h"
#include "kiosk/ui/text_metrics.h"
#include "kiosk/ui/theme.h"

namespace motcua::ui {

class Painter;
class Widget;

// What layout needs; both referenced objects outlive the call.
struct LayoutContext {
    TextMetrics& metrics;
    const Theme& theme;
};

// A piece of text as a person sees it now: the text and the part of the screen it covers, and the
// widget that shows it (null for texts of screens that are not widget trees).
struct VisibleText {
    std::string text;
    Rect bounds;
    const Widget* owner = nullptr;
};

// What the layout check and the script runner look at: each tappable area and each drawn line of
// text, in drawing order (later items are drawn over earlier ones).
struct LayoutItem {
    enum class Kind { Tappable, Line };
    Kind kind = Kind::Line;
    const Widget* owner = nullptr;
    Rect bounds;              // where it is drawn
    Rect visible;             // the part of bounds inside the clip (window, scroll viewport)
    bool scrolled = false;    // inside a scrolling viewport: may be partly scrolled out of view
    std::string text;         // Line: the line as drawn; Tappable: its label
    bool brokenWord = false;  // Line: the owner's text was broken inside a word to fit
    Rect box{};               // Line: where its owner lets it go (a button's text room); empty: the owner
};

class Widget {
  public:
    // Measuring without a limit on one axis (the content of a ScrollView).
    static constexpr int kUnbounded = 1 << 24;

    Widget() = default;
    Widget(const Widget&) = delete;
    Widget& operator=(const Widget&) = delete;
    virtual ~Widget() = default;

    const Rect& bounds() const noexcept { return m_bounds; }
    Widget* parent() const noexcept { return m_parent; }
    bool visible() const noexcept { return m_visible; }
    void setVisible(bool visible);

    // Size this widget wants given the space available (fixed sizes applied on top of measureContent).
    Size measure(const LayoutContext& context, Size available) const;
    // Places this widget at bounds and lays out its children.
    void layout(const LayoutContext& context, const Rect& bounds);
    // Moves this widget and all its descendants (scrolling), without a new layout.
    void translate(int dx, int dy);

    // A fixed height or width in pixels (0: as measured), and a minimum height.
    void setFixedHeight(int px) {
        m_fixedHeight = px;
        invalidateLayout();
    }
    void setFixedWidth(int px) {
        m_fixedWidth = px;
        invalidateLayout();
    }
    void setMinHeight(int px) {
        m_minHeight = px;
        invalidateLayout();
    }
    int fixedHeight() const noexcept { return m_fixedHeight; }
    int minHeightSetting() const noexcept { return m_minHeight; }

    // Takes ownership; returns the child for further set-up.
    template <typename T>
    T& add(std::unique_ptr<T> child) {
        T& ref = *child;
        adopt(std::move(child));
        return ref;
    }
    const std::vector<std::unique_ptr<Widget>>& children() const noexcept { return m_children; }
    // Destroys all children. Must not be called while dispatching an event to one of them.
    void clearChildren();

    // Delivers event to the deepest visible widget under the gesture's start point first, then to its
    // ancestors until one handles it; Key and Text events go through the whole tree in order.
    // Returns whether some widget handled it.
    bool dispatch(const InputEvent& event);
    // The deepest visible widget containing point (this, if no child does), or nullptr when outside.
    const Widget* hitTest(Point point) const;

    // Advances animations by dt (scroll momentum, banner timeouts); recurses into children.
    void update(std::chrono::milliseconds dt);
    void draw(Painter& painter) const;
    // Texts visible within clip, in tree order.
    void collectVisibleText(std::vector<VisibleText>& out, const Rect& clip) const;
    // Tappable areas and text lines within clip, in drawing order.
    void collectLayout(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled = false) const;
    // Whether a tap on this widget does something (buttons, cards); the layout check keeps these apart.
    virtual bool tappable() const { return false; }
    // The least height this widget can be given at width and still show everything: its measured
    // height, 0 for a scrolling view, the sum of its parts' for a box. A Box never gives a child less.
    virtual int minimumHeight(const LayoutContext& context, int width) const;
    // Whether this is ancestor or this itself.
    bool isWithin(const Widget* ancestor) const noexcept;
    // The controls of this widget are used together (a keypad, the on-screen keyboard, a question's
    // answers): each must be wholly in view at once, without scrolling. The layout check holds them to
    // it also inside a scrolling view, where other controls (a list's rows) may run on under its edge.
    void setKeptWhole(bool whole) noexcept { m_keptWhole = whole; }
    // Whether this widget or one around it is kept whole.
    bool keptWhole() const noexcept;

    // Set when something changed that needs a new layout (text, visibility, children); cleared by layout().
    bool layoutDirty() const noexcept { return m_layoutDirty; }

  protected:
    virtual Size measureContent(const LayoutContext& context, Size available) const;
    // Lay out children inside bounds(); the default gives each child the whole of bounds().
    virtual void layoutChildren(const LayoutContext& context);
    virtual bool onInput(const InputEvent&) { return false; }
    virtual void onUpdate(std::chrono::milliseconds) {}
    virtual void drawSelf(Painter&) const {}
    // Draws children; containers that clip override this.
    virtual void drawChildren(Painter& painter) const;
    virtual void collectOwnText(std::vector<VisibleText>&, const Rect&) const {}
    virtual void collectChildText(std::vector<VisibleText>& out, const Rect& clip) const;
    virtual void collectOwnLayout(std::vector<LayoutItem>&, const Rect&, bool) const {}
    virtual void collectChildLayout(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled) const;
    // Adds a Line item for a line of text drawn at bounds.
    // box: where the line must stay (a button's text room beside its pictogram and chevron); empty: the
    // whole widget.
    void addLine(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled, std::string text,
                 const Rect& bounds, bool brokenWord, const Rect& box = {}) const;
    virtual void onTranslated(int, int) {}

    void invalidateLayout();
    // Children that can currently be hit (a ScrollView limits them to its viewport).
    virtual bool childAreaContains(Point point) const { return m_bounds.contains(point); }

  private:
    void adopt(std::unique_ptr<Widget> child);
    // collectLayout for a widget wholly outside the clip: its tappable areas, with nothing visible.
    void collectHidden(std::vector<LayoutItem>& out, bool scrolled) const;
    Rect m_bounds;
    Widget* m_parent = nullptr;
    std::vector<std::unique_ptr<Widget>> m_children;
    bool m_visible = true;
    bool m_layoutDirty = true;
    int m_fixedHeight = 0;
    int m_fixedWidth = 0;
    int m_minHeight = 0;
    bool m_keptWhole = false;
};

// Takes up space and nothing else (with a weight in a Box, it pushes its siblings apart).
class Spacer final : public Widget {
  public:
    explicit Spacer(int height = 0) { setFixedHeight(height); }
};

}  // namespace motcua::ui
