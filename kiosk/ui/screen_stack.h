// The screens of a program as a stack of unique_ptr<Screen>. push/pop/replace/popToRoot are queued
// and applied by the App between frames, so a screen may close or replace itself from its own
// handler: it stays alive until its handler has returned.
#pragma once

#include <memory>
#include <vector>

#include "kiosk/ui/screen.h"

namespace motcua::ui {

class ScreenStack {
  public:
    ScreenStack() = default;
    ScreenStack(const ScreenStack&) = delete;
    ScreenStack& operator=(const ScreenStack&) = delete;

    void push(std::unique_ptr<Screen> screen);
    // Popping the last screen empties the stack, which ends the App's run().
    void pop();
    void replace(std::unique_ptr<Screen> screen);
    // Back to the bottom screen (the program's home).
    void popToRoot();

    // Applies the queued operations in order; returns whether the top screen changed. Screens that
    // were popped are destroyed here.
    bool applyPending();
    bool hasPending() const noexcept { return !m_pending.empty(); }

    Screen* top() const noexcept { return m_screens.empty() ? nullptr : m_screens.back().get(); }
    Screen* root() const noexcept { return m_screens.empty() ? nullptr : m_screens.front().get(); }
    std::size_t size() const noexcept { return m_screens.size(); }
    bool empty() const noexcept { return m_screens.empty(); }

  private:
    enum class Op { Push, Pop, Replace, PopToRoot };
    struct Pending {
        Op op;
        std::unique_ptr<Screen> screen;
    };
    std::vector<std::unique_ptr<Screen>> m_screens;
    std::vector<Pending> m_pending;
};

}  // namespace motcua::ui
