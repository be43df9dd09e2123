#include "kiosk/kiosk_app/kiosk_header.h"

#include <algorithm>

#include "kiosk/ui/icons.h"
#include "kiosk/ui/painter.h"

namespace motcua::kiosk {

namespace {
int padOf(const ui::Theme& theme) {
    return theme.spacing();
}
}  // namespace

KioskHeader::KioskHeader(std::string name, std::string unit, const ui::Image* logo)
    : m_name(std::move(name)), m_unit(std::move(unit)), m_logo(logo) {}

void KioskHeader::setTime(std::string clock, std::string date) {
    if (clock == m_clock && date == m_date) return;
    m_clock = std::move(clock);
    m_date = std::move(date);
    invalidateLayout();
}

std::vector<KioskHeader::Placed> KioskHeader::place(const ui::LayoutContext& context,
                                                    const ui::Rect& b) const {
    const ui::Theme& theme = context.theme;
    const int pad = padOf(theme);
    const ui::TextStyle big = theme.font(ui::FontRole::Button);
    const ui::TextStyle small = theme.font(ui::FontRole::Small);
    const int bigH = context.metrics.lineHeight(big);
    const int smallH = context.metrics.lineHeight(small);
    const int logo = bigH + smallH;
    // The clock and date at the right, as wide as they need; the name takes the rest.
    const int timeW =
        std::max(context.metrics.measure(m_clock, big).width, context.metrics.measure(m_date, small).width);
    const int nameX = b.x + pad + logo + pad;
    const int nameW = std::max(1, b.right() - pad - timeW - pad - nameX);
    std::vector<Placed> out;
    int y = b.y + pad;
    const auto name = ui::fitText(context.metrics, m_name, big, nameW, 0.7);
    const int nameH = context.metrics.lineHeight(name.style);
    for (const auto& line : name.lines) {
        out.push_back({line,
                       name.style,
                       {nameX, y, std::min(nameW, context.metrics.measure(line, name.style).width), nameH},
                       name.brokenWord,
                       0});
        y += nameH;
    }
    if (!m_unit.empty()) {
        const auto unit = ui::fitText(context.metrics, m_unit, small, nameW, 0.8);
        for (const auto& line : unit.lines) {
            out.push_back(
                {line,
                 unit.style,
                 {nameX, y, std::min(nameW, context.metrics.measure(line, unit.style).width), smallH},
                 unit.brokenWord,
                 1});
            y += smallH;
        }
    }
    const int right = b.right() - pad;
    const int clockW = context.metrics.measure(m_clock, big).width;
    const int dateW = context.metrics.measure(m_date, small).width;
    if (!m_clock.empty()) out.push_back({m_clock, big, {right - clockW, b.y + pad, clockW, bigH}, false, 2});
    if (!m_date.empty())
        out.push_back({m_date, small, {right - dateW, b.y + pad + bigH, dateW, smallH}, false, 3});
    return out;
}

ui::Size KioskHeader::measureContent(const ui::LayoutContext& context, ui::Size available) const {
    const auto placed = place(context, {0, 0, available.width, ui::Widget::kUnbounded});
    int bottom = 0;
    for (const auto& p : placed) bottom = std::max(bottom, p.rect.bottom());
    const int bigH = context.metrics.lineHeight(context.theme.font(ui::FontRole::Button));
    const int smallH = context.metrics.lineHeight(context.theme.font(ui::FontRole::Small));
    return {available.width, std::max(bottom, bigH + smallH + padOf(context.theme)) + padOf(context.theme)};
}

void KioskHeader::layoutChildren(const ui::LayoutContext& context) {
    m_placed = place(context, bounds());
    const int pad = padOf(context.theme);
    const int side = context.metrics.lineHeight(context.theme.font(ui::FontRole::Button)) +
                     context.metrics.lineHeight(context.theme.font(ui::FontRole::Small));
    m_logoRect = {bounds().x + pad, bounds().y + (bounds().height - side) / 2, side, side};
}

void KioskHeader::drawSelf(ui::Painter& painter) const {
    const ui::Palette& p = painter.theme().palette();
    painter.fillRect(bounds(), p.headerBand);
    painter.fillRect({bounds().x, bounds().bottom() - 3, bounds().width, 3}, p.border);
    if (m_logo && m_logo->width > 0) {
        // Letterboxed into the square, keeping its proportions.
        const double scale = std::min(static_cast<double>(m_logoRect.width) / m_logo->width,
                                      static_cast<double>(m_logoRect.height) / m_logo->height);
        const int w = static_cast<int>(m_logo->width * scale);
        const int h = static_cast<int>(m_logo->height * scale);
        painter.drawImage(*m_logo, {m_logoRect.x + (m_logoRect.width - w) / 2,
                                    m_logoRect.y + (m_logoRect.height - h) / 2, w, h});
    } else {
        painter.fillRoundedRect(m_logoRect, m_logoRect.width / 2, p.headerText);
        painter.drawIcon(ui::icons::kAccountBalance, m_logoRect.height * 2 / 3, p.headerBand, m_logoRect);
    }
    for (const auto& placed : m_placed)
        painter.drawText(placed.text, placed.style, p.headerText, {placed.rect.x, placed.rect.y});
}

void KioskHeader::collectOwnText(std::vector<ui::VisibleText>& out, const ui::Rect& clip) const {
    // Each text where it is drawn (the union of its lines), so texts never share a box.
    const std::string* texts[] = {&m_name, &m_unit, &m_clock, &m_date};
    for (int source = 0; source < 4; ++source) {
        if (texts[source]->empty()) continue;
        ui::Rect area;
        bool any = false;
        for (const auto& placed : m_placed) {
            if (placed.source != source) continue;
            if (!any) {
                area = placed.rect;
            } else {
                const int left = std::min(area.x, placed.rect.x);
                const int right = std::max(area.right(), placed.rect.right());
                area = {left, area.y, right - left, placed.rect.bottom() - area.y};
            }
            any = true;
        }
        if (any) out.push_back({*texts[source], area.intersected(clip), this});
    }
}

void KioskHeader::collectOwnLayout(std::vector<ui::LayoutItem>& out, const ui::Rect& clip,
                                   bool scrolled) const {
    for (const auto& placed : m_placed) addLine(out, clip, scrolled, placed.text, placed.rect, placed.broken);
}

}  // namespace motcua::kiosk
