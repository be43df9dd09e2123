#include "kiosk/ui/screen_stack.h"

#include <stdexcept>

namespace motcua::ui {

void ScreenStack::push(std::unique_ptr<Screen> screen) {
    if (!screen) throw std::invalid_argument("ScreenStack::push: null screen");
    m_pending.push_back({Op::Push, std::move(screen)});
}

void ScreenStack::pop() {
    m_pending.push_back({Op::Pop, nullptr});
}

void ScreenStack::replace(std::unique_ptr<Screen> screen) {
    if (!screen) throw std::invalid_argument("ScreenStack::replace: null screen");
    m_pending.push_back({Op::Replace, std::move(screen)});
}

void ScreenStack::popToRoot() {
    m_pending.push_back({Op::PopToRoot, nullptr});
}

bool ScreenStack::applyPending() {
    if (m_pending.empty()) return false;
    bool changed = false;
    // Take the queue first: a destructor of a popped screen may itself queue something.
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto& p : pending) {
        switch (p.op) {
            case Op::Push:
                m_screens.push_back(std::move(p.screen));
                changed = true;
                break;
            case Op::Pop:
                if (!m_screens.empty()) {
                    m_screens.pop_back();
                    changed = true;
                }
                break;
            case Op::Replace:
                if (!m_screens.empty()) m_screens.pop_back();
                m_screens.push_back(std::move(p.screen));
                changed = true;
                break;
            case Op::PopToRoot:
                if (m_screens.size() > 1) {
                    m_screens.resize(1);
                    changed = true;
                }
                break;
        }
    }
    return changed;
}

}  // namespace motcua::ui
