#include "kiosk/ui/spinner.h"

#include <algorithm>
#include <cmath>

#include "kiosk/ui/painter.h"

namespace motcua::ui {

Size Spinner::measureContent(const LayoutContext& context, Size available) const {
    // As tall as a touch target: seen from a step back, not as big as the number.
    const int side = std::min({context.theme.minTouchPx(), available.width, available.height});
    return {std::max(side, 0), std::max(side, 0)};
}

void Spinner::onUpdate(std::chrono::milliseconds dt) {
    // Kept within a few turns so it never overflows however long it runs.
    m_elapsed = (m_elapsed + dt) % (kStep * kDots * 64);
}

void Spinner::drawSelf(Painter& painter) const {
    const Rect& b = bounds();
    const int side = std::min(b.width, b.height);
    if (side <= 0) return;
    const int dot = std::max(4, side / 5);
    const double radius = (side - dot) / 2.0;
    const double cx = b.x + b.width / 2.0;
    const double cy = b.y + b.height / 2.0;
    const auto& palette = painter.theme().palette();
    const int bright = brightDot();
    constexpr double kPi = 3.14159265358979323846;
    for (int i = 0; i < kDots; ++i) {
        const double angle = 2 * kPi * i / kDots - kPi / 2;  // dot 0 at the top, clockwise
        const int x = static_cast<int>(std::lround(cx + radius * std::cos(angle) - dot / 2.0));
        const int y = static_cast<int>(std::lround(cy + radius * std::sin(angle) - dot / 2.0));
        // The bright dot and the one behind it in the primary colour, the rest as borders.
        const bool lit = i == bright || i == (bright + kDots - 1) % kDots;
        painter.fillRoundedRect({x, y, dot, dot}, dot / 2, lit ? palette.primary : palette.border);
    }
}

}  // namespace motcua::ui
