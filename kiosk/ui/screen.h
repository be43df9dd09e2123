// A screen: one full-window page of a program (welcome, home, a procedure, the ticket). Screens live on
// a ScreenStack; the App calls them in this order each frame: handleInput for each event, update,
// layout when needed, draw. draw() is const: drawing never changes what a screen shows.
#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include "kiosk/ui/geometry.h"
#include "kiosk/ui/input.h"
#include "kiosk/ui/widget.h"

namespace motcua::ui {

class Painter;

class Screen {
  public:
    Screen() = default;
    Screen(const Screen&) = delete;
    Screen& operator=(const Screen&) = delete;
    virtual ~Screen() = default;

    // Lays the screen out for a window of size; called when it becomes the top screen, when the
    // window, theme or text size changes, and whenever needsLayout() says so.
    virtual void layout(const LayoutContext& context, Size size) = 0;
    virtual bool needsLayout() const { return false; }
    virtual void handleInput(const InputEvent& event) = 0;
    virtual void update(std::chrono::milliseconds) {}
    // Asked after update() when the App draws on demand (AppOptions::onDemandTick): whether what draw()
    // shows changed during this frame's update (new data, an animation step). Input, stack, layout and
    // theme changes redraw anyway. The default, true, redraws every frame.
    virtual bool needsRedraw() const { return true; }
    virtual void draw(Painter& painter) const = 0;
    // The texts a person can see now (the script's `expect` and `tap "text"`).
    virtual void collectVisibleText(std::vector<VisibleText>&, const Rect&) const {}
    // The tappable areas and lines of text now (kiosk/ui/layout_check.h), in drawing order.
    virtual void collectLayout(std::vector<LayoutItem>&, const Rect&) const {}
    // Called when this screen becomes the top of the stack (after a push, or a pop above it).
    virtual void onShow() {}
    // Whether this screen shows the lost-server banner in a line of its own (a ConnectionBanner in a
    // place kept for it, so nothing moves); otherwise the App draws it over the top of the screen.
    virtual bool showsConnectionBanner() const { return false; }
};

// A screen made of a widget tree: input is dispatched to the tree, layout gives the root the whole
// window, draw fills the background and draws the tree.
class WidgetScreen : public Screen {
  public:
    WidgetScreen() = default;
    explicit WidgetScreen(std::unique_ptr<Widget> root) : m_root(std::move(root)) {}

    void setRoot(std::unique_ptr<Widget> root) { m_root = std::move(root); }
    Widget* root() const noexcept { return m_root.get(); }

    void layout(const LayoutContext& context, Size size) override;
    bool needsLayout() const override { return m_root && m_root->layoutDirty(); }
    void handleInput(const InputEvent& event) override;
    void update(std::chrono::milliseconds dt) override;
    void draw(Painter& painter) const override;
    void collectVisibleText(std::vector<VisibleText>& out, const Rect& clip) const override;
    void collectLayout(std::vector<LayoutItem>& out, const Rect& clip) const override;

  private:
    std::unique_ptr<Widget> m_root;
};

}  // namespace motcua::ui
