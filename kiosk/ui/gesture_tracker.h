// Turns raw pointer movements into PointerDown / PointerDrag / PointerUp / Tap events. Pure logic with
// times passed in, so taps, drags and fling velocities are tested without SDL or a wall clock.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "kiosk/ui/input.h"

namespace motcua::ui {

class GestureTracker {
  public:
    // Movement (pixels) below which a down+up is still a tap: about 4 mm at 96 dpi, generous for
    // unsteady fingers.
    static constexpr int kDefaultSlop = 16;

    explicit GestureTracker(int slop = kDefaultSlop) : m_slop(slop) {}

    // Events produced by this raw pointer at time nowMs (any monotonic milliseconds).
    std::vector<InputEvent> feed(const RawPointer& pointer, std::int64_t nowMs);
    bool pointerDown() const noexcept { return m_down; }
    // Forget a gesture in progress (e.g. the screen under it was replaced).
    void reset() noexcept;

  private:
    struct Sample {
        Point position;
        std::int64_t timeMs;
    };
    int m_slop;
    bool m_down = false;
    bool m_dragging = false;
    long long m_pointerId = -1;
    Point m_start;
    Point m_last;
    std::deque<Sample> m_samples;
};

}  // namespace motcua::ui
