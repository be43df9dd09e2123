#include "kiosk/kiosk_app/step_indicator.h"

#include <algorithm>

#include "kiosk/ui/painter.h"

namespace motcua::kiosk {

StepIndicator::StepIndicator(std::vector<std::string> steps, int current)
    : m_steps(std::move(steps)), m_current(current) {}

std::vector<StepIndicator::Step> StepIndicator::place(const ui::LayoutContext& context,
                                                      const ui::Rect& b) const {
    std::vector<Step> out;
    const int n = std::max<int>(1, static_cast<int>(m_steps.size()));
    const int gap = context.theme.spacing();
    const int cell = (b.width - (n - 1) * gap) / n;
    const ui::TextStyle style = context.theme.font(ui::FontRole::Body);
    const int lineH = context.metrics.lineHeight(style);
    const int mark = lineH;
    for (int i = 0; i < n && i < static_cast<int>(m_steps.size()); ++i) {
        Step s;
        const int x = b.x + i * (cell + gap);
        s.mark = {x, b.y, mark, mark};
        s.name = ui::fitText(context.metrics, m_steps[static_cast<std::size_t>(i)], style,
                             std::max(1, cell - mark - gap / 2), 0.75);
        const int h = context.metrics.lineHeight(s.name.style);
        int y = b.y;
        for (const auto& line : s.name.lines) {
            s.lines.push_back({x + mark + gap / 2, y, context.metrics.measure(line, s.name.style).width, h});
            y += h;
        }
        out.push_back(std::move(s));
    }
    return out;
}

ui::Size StepIndicator::measureContent(const ui::LayoutContext& context, ui::Size available) const {
    int bottom = 0;
    for (const auto& s : place(context, {0, 0, available.width, kUnbounded})) {
        bottom = std::max(bottom, s.mark.bottom());
        for (const auto& r : s.lines) bottom = std::max(bottom, r.bottom());
    }
    return {available.width, bottom};
}

void StepIndicator::layoutChildren(const ui::LayoutContext& context) {
    m_placed = place(context, bounds());
    m_numberStyle = {ui::FontWeight::Bold, context.theme.font(ui::FontRole::Small).pixelSize};
}

void StepIndicator::drawSelf(ui::Painter& painter) const {
    const ui::Palette& p = painter.theme().palette();
    for (std::size_t i = 0; i < m_placed.size(); ++i) {
        const auto& s = m_placed[i];
        const int number = static_cast<int>(i) + 1;
        const bool reached = number <= m_current;
        const bool now = number == m_current;
        painter.fillRoundedRect(s.mark, s.mark.width / 2, reached ? p.primary : p.border);
        if (!reached) painter.fillRoundedRect(s.mark.inset(3), s.mark.width / 2 - 3, p.background);
        const std::string digit = std::to_string(number);
        const ui::Size size = painter.metrics().measure(digit, m_numberStyle);
        painter.drawText(
            digit, m_numberStyle, reached ? p.primaryText : p.mutedText,
            {s.mark.x + (s.mark.width - size.width) / 2, s.mark.y + (s.mark.height - size.height) / 2});
        for (std::size_t l = 0; l < s.lines.size(); ++l)
            painter.drawText(s.name.lines[l], s.name.style, now ? p.primary : p.mutedText,
                             {s.lines[l].x, s.lines[l].y});
    }
}

void StepIndicator::collectOwnText(std::vector<ui::VisibleText>& out, const ui::Rect& clip) const {
    // Each step where it is drawn: its mark and its name.
    for (std::size_t i = 0; i < m_placed.size() && i < m_steps.size(); ++i) {
        const auto& s = m_placed[i];
        ui::Rect area = s.mark;
        for (const auto& r : s.lines) {
            const int right = std::max(area.right(), r.right());
            const int bottom = std::max(area.bottom(), r.bottom());
            area = {area.x, area.y, right - area.x, bottom - area.y};
        }
        out.push_back({m_steps[i], area.intersected(clip), this});
    }
}

void StepIndicator::collectOwnLayout(std::vector<ui::LayoutItem>& out, const ui::Rect& clip,
                                     bool scrolled) const {
    for (const auto& s : m_placed)
        for (std::size_t l = 0; l < s.lines.size(); ++l)
            addLine(out, clip, scrolled, s.name.lines[l], s.lines[l], s.name.brokenWord);
}

}  // namespace motcua::kiosk
