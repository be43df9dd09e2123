#include "kiosk/kiosk_app/result_card.h"

#include <algorithm>

#include "kiosk/ui/painter.h"
#include "kiosk/ui/text_wrap.h"
#include "printer/qr_code.h"

namespace motcua::kiosk {

ResultCard::ResultCard(std::string text, std::vector<queue::TextSpan> spans, std::string subtitle,
                       std::function<void()> onTap)
    : m_text(std::move(text)), m_subtitle(std::move(subtitle)), m_onTap(std::move(onTap)) {
    // Words are split at spaces; a word is highlighted when a matched span overlaps it.
    std::size_t pos = 0;
    while (pos < m_text.size()) {
        while (pos < m_text.size() && m_text[pos] == ' ') ++pos;
        if (pos >= m_text.size()) break;
        std::size_t end = m_text.find(' ', pos);
        if (end == std::string::npos) end = m_text.size();
        Word w;
        w.text = m_text.substr(pos, end - pos);
        for (const auto& s : spans) w.highlighted = w.highlighted || (s.begin < end && s.end > pos);
        m_words.push_back(std::move(w));
        pos = end;
    }
}

std::vector<std::string> ResultCard::highlightedWords() const {
    std::vector<std::string> out;
    for (const auto& w : m_words)
        if (w.highlighted) out.push_back(w.text);
    return out;
}

int ResultCard::padding(const ui::LayoutContext& context) const {
    return context.theme.spacing();
}

ResultCard::Flow ResultCard::flow(const ui::LayoutContext& context, int width) const {
    const ui::TextStyle style = context.theme.font(ui::FontRole::Button);
    const int pad = padding(context);
    const int lineHeight = context.metrics.lineHeight(style);
    const int space = context.metrics.measure(" ", style).width;
    const int inner = std::max(1, width - 2 * pad);
    Flow f;
    int x = 0, y = 0;
    for (const auto& w : m_words) {
        const int ww = context.metrics.measure(w.text, style).width;
        if (x > 0 && x + ww > inner) {
            x = 0;
            y += lineHeight;
        }
        f.places.push_back({pad + x, pad + y, std::min(ww, inner), lineHeight});
        x += ww + space;
    }
    f.height = y + lineHeight;
    return f;
}

ui::Size ResultCard::measureContent(const ui::LayoutContext& context, ui::Size available) const {
    const int width = available.width >= kUnbounded ? 1000 : available.width;
    const auto f = flow(context, width);
    const ui::TextStyle sub = context.theme.font(ui::FontRole::Body);
    const int pad = padding(context);
    const auto lines = m_subtitle.empty()
                           ? std::vector<std::string>{}
                           : ui::wrapText(context.metrics, m_subtitle, sub, std::max(1, width - 2 * pad));
    const int height = 2 * pad + f.height + static_cast<int>(lines.size()) * context.metrics.lineHeight(sub);
    return {width, std::max(height, context.theme.minTouchPx())};
}

void ResultCard::layoutChildren(const ui::LayoutContext& context) {
    m_style = context.theme.font(ui::FontRole::Button);
    m_subtitleStyle = context.theme.font(ui::FontRole::Body);
    m_padding = padding(context);
    const auto f = flow(context, bounds().width);
    for (std::size_t i = 0; i < m_words.size(); ++i) m_words[i].place = f.places[i];
    m_subtitleTop = m_padding + f.height;
    m_subtitleLineHeight = context.metrics.lineHeight(m_subtitleStyle);
    m_subtitleLines = m_subtitle.empty() ? std::vector<std::string>{}
                                         : ui::wrapText(context.metrics, m_subtitle, m_subtitleStyle,
                                                        std::max(1, bounds().width - 2 * m_padding));
}

bool ResultCard::onInput(const ui::InputEvent& event) {
    switch (event.type) {
        case ui::InputType::PointerDown:
            m_pressed = true;
            return false;
        case ui::InputType::PointerDrag:
        case ui::InputType::PointerUp:
            m_pressed = false;
            return false;
        case ui::InputType::Tap:
            if (bounds().contains(event.position) && m_onTap) m_onTap();
            return true;
        default:
            return false;
    }
}

void ResultCard::drawSelf(ui::Painter& painter) const {
    const ui::Palette& p = painter.theme().palette();
    const ui::Rect b = bounds();
    painter.fillRoundedRect(b, painter.theme().cornerRadius(), p.border);
    painter.fillRoundedRect(b.inset(2), painter.theme().cornerRadius(),
                            m_pressed ? p.secondaryPressed : p.surface);
    for (const auto& w : m_words) {
        const ui::Point at{b.x + w.place.x, b.y + w.place.y};
        if (w.highlighted) {
            // The highlight is light in both palettes: text on it is black in both.
            painter.fillRect({at.x - 4, at.y, w.place.width + 8, w.place.height}, p.highlight);
            painter.drawText(w.text, m_style, ui::Colour{0, 0, 0}, at);
        } else {
            painter.drawText(w.text, m_style, p.text, at);
        }
    }
    int y = b.y + m_subtitleTop;
    for (const auto& line : m_subtitleLines) {
        painter.drawText(line, m_subtitleStyle, p.mutedText, {b.x + m_padding, y});
        y += m_subtitleLineHeight;
    }
}

void ResultCard::collectOwnText(std::vector<ui::VisibleText>& out, const ui::Rect& clip) const {
    const ui::Rect visible = bounds().intersected(clip);
    if (visible.empty()) return;
    out.push_back({m_text, visible, this});
    if (!m_subtitle.empty()) out.push_back({m_subtitle, visible, this});
}

void ResultCard::collectOwnLayout(std::vector<ui::LayoutItem>& out, const ui::Rect& clip,
                                  bool scrolled) const {
    const ui::Rect b = bounds();
    out.push_back({ui::LayoutItem::Kind::Tappable, this, b, b.intersected(clip), scrolled, m_text, false});
    // Words are placed one by one, never split: each is a line of its own for the check.
    for (const auto& w : m_words) addLine(out, clip, scrolled, w.text, w.place.translated(b.x, b.y), false);
    for (std::size_t i = 0; i < m_subtitleLines.size(); ++i)
        addLine(out, clip, scrolled, m_subtitleLines[i],
                {b.x + m_padding, b.y + m_subtitleTop + static_cast<int>(i) * m_subtitleLineHeight,
                 b.width - 2 * m_padding, m_subtitleLineHeight},
                false);
}

QrView::QrView(const std::string& payload, int sidePx) : m_sidePx(sidePx) {
    const auto qr = printer::encodeQr(payload);
    if (!qr) return;
    m_size = qr->size();
    for (int y = 0; y < m_size; ++y) {
        int x = 0;
        while (x < m_size) {
            if (!qr->dark(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < m_size && qr->dark(x, y)) ++x;
            m_runs.push_back({y, start, x - start});
        }
    }
}

ui::Size QrView::measureContent(const ui::LayoutContext&, ui::Size) const {
    return {m_sidePx, m_sidePx};
}

void QrView::drawSelf(ui::Painter& painter) const {
    if (m_size == 0) return;
    const ui::Rect b = bounds();
    const int side = std::min({b.width, b.height, m_sidePx});
    const int total = m_size + 8;  // four modules of quiet zone on each side
    const int module = std::max(1, side / total);
    const int drawn = module * total;
    const ui::Rect square{b.x, b.y, drawn, drawn};
    // White paper and black modules in every palette: phones read dark-on-light.
    painter.fillRect(square, ui::Colour{255, 255, 255});
    const int ox = square.x + 4 * module, oy = square.y + 4 * module;
    for (const auto& r : m_runs)
        painter.fillRect({ox + r.column * module, oy + r.row * module, r.length * module, module},
                         ui::Colour{0, 0, 0});
}

}  // namespace motcua::kiosk
