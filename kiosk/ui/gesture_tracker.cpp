#include "kiosk/ui/gesture_tracker.h"

#include <cmath>

namespace motcua::ui {

namespace {
// Velocity is measured over the last part of the movement only, so a finger that stops before lifting
// does not fling.
constexpr std::int64_t kVelocityWindowMs = 100;
}  // namespace

void GestureTracker::reset() noexcept {
    m_down = false;
    m_dragging = false;
    m_samples.clear();
}

std::vector<InputEvent> GestureTracker::feed(const RawPointer& pointer, std::int64_t nowMs) {
    std::vector<InputEvent> out;
    InputEvent e;
    e.position = pointer.position;
    switch (pointer.action) {
        case PointerAction::Down:
            if (m_down) break;  // a second finger: ignored while the first is down
            m_down = true;
            m_dragging = false;
            m_pointerId = pointer.pointerId;
            m_start = m_last = pointer.position;
            m_samples.assign(1, Sample{pointer.position, nowMs});
            e.type = InputType::PointerDown;
            e.start = m_start;
            out.push_back(e);
            break;
        case PointerAction::Move: {
            if (!m_down || pointer.pointerId != m_pointerId) break;
            m_samples.push_back({pointer.position, nowMs});
            while (m_samples.size() > 2 && nowMs - m_samples.front().timeMs > kVelocityWindowMs)
                m_samples.pop_front();
            if (!m_dragging) {
                const int dx = pointer.position.x - m_start.x;
                const int dy = pointer.position.y - m_start.y;
                if (dx * dx + dy * dy <= m_slop * m_slop) break;
                m_dragging = true;
            }
            e.type = InputType::PointerDrag;
            e.start = m_start;
            e.delta = {pointer.position.x - m_last.x, pointer.position.y - m_last.y};
            m_last = pointer.position;
            out.push_back(e);
            break;
        }
        case PointerAction::Up: {
            if (!m_down || pointer.pointerId != m_pointerId) break;
            if (pointer.position != m_last) {
                // A lift away from the last reported move counts as movement too.
                auto more = feed(RawPointer{PointerAction::Move, pointer.position, pointer.pointerId}, nowMs);
                out.insert(out.end(), more.begin(), more.end());
            }
            e.type = InputType::PointerUp;
            e.start = m_start;
            if (m_dragging && m_samples.size() >= 2) {
                while (m_samples.size() > 2 && nowMs - m_samples.front().timeMs > kVelocityWindowMs)
                    m_samples.pop_front();
                const Sample& first = m_samples.front();
                const double dt = static_cast<double>(nowMs - first.timeMs) / 1000.0;
                if (dt > 0) {
                    e.velocityX = (pointer.position.x - first.position.x) / dt;
                    e.velocityY = (pointer.position.y - first.position.y) / dt;
                }
            }
            out.push_back(e);
            if (!m_dragging) {
                InputEvent tap = InputEvent::tap(pointer.position);
                tap.start = m_start;
                out.push_back(tap);
            }
            reset();
            break;
        }
    }
    return out;
}

}  // namespace motcua::ui
