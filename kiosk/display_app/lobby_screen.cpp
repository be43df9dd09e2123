#include "kiosk/display_app/lobby_screen.h"

#include <algorithm>
#include <cctype>

#include "kiosk/ui/painter.h"

namespace motcua::display {

namespace {

using ui::FontWeight;
using ui::Rect;

constexpr int kMinText = 14;

Rect rows(const Rect& r, int from, int to, int of) {
    const int y0 = r.y + r.height * from / of;
    const int y1 = r.y + r.height * to / of;
    return {r.x, y0, r.width, y1 - y0};
}

// A number in its cell: yellow on the row, or white on an orange pill with the priority mark under it.
void placeNumber(Scene& s, ui::TextMetrics& m, const std::string& number, bool priority, const Rect& cell, int maxPx,
                 ui::Colour normal, const LobbyPalette& p) {
    if (!priority) {
        placeText(s, m, number, FontWeight::Bold, maxPx, kMinText, cell, Align::Center, normal);
        return;
    }
    s.fills.push_back({cell, p.priority, std::max(4, cell.height / 6)});
    const Rect inner = cell.inset(std::max(2, cell.height / 20));
    if (cell.height < 120) {
        // A short cell (recent calls, 12 counters): the mark beside the number rather than under it.
        const Rect numberPart{inner.x, inner.y, inner.width * 62 / 100, inner.height};
        placeText(s, m, number, FontWeight::Bold, maxPx, kMinText, numberPart, Align::Center, p.onPriority);
        placeText(s, m, kPriorityMark, FontWeight::Bold, inner.height / 2, 10,
                  {numberPart.right(), inner.y, inner.right() - numberPart.right(), inner.height}, Align::Center,
                  p.onPriority);
        return;
    }
    placeText(s, m, number, FontWeight::Bold, maxPx, kMinText, rows(inner, 0, 70, 100), Align::Center, p.onPriority);
    placeText(s, m, kPriorityMark, FontWeight::Bold, maxPx / 3, 10, rows(inner, 70, 100, 100), Align::Center,
              p.onPriority);
}

// "Quầy 4 – Đất đai" -> "Đất đai" when the number box already says 4 (the full name otherwise).
std::string withoutCounterPrefix(const std::string& name, int number) {
    const std::string prefix = "Quầy " + std::to_string(number);
    if (name.rfind(prefix, 0) != 0) return name;
    std::size_t i = prefix.size();
    if (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i]))) return name;  // "Quầy 12" for 1
    for (const std::string sep : {" – ", " - ", ": ", " "}) {
        if (name.compare(i, sep.size(), sep) == 0) {
            i += sep.size();
            break;
        }
    }
    return i >= name.size() ? name : name.substr(i);
}

void composeCounters(Scene& s, const LobbyView& v, const Rect& table, int margin, ui::TextMetrics& m,
                     const LobbyPalette& p) {
    const auto& counters = v.state.counters();
    const int n = static_cast<int>(counters.size());
    if (n == 0) return;
    const int cols = n > 6 ? 2 : 1;
    const int perCol = (n + cols - 1) / cols;
    const int gap = std::max(4, margin / 2);
    const int headH = std::max(28, table.height / 17);
    const int colW = (table.width - (cols - 1) * margin) / cols;
    const int rowH = std::min((table.height - headH - gap * perCol) / perCol, table.height / 4);
    const int servingW = colW * (cols == 1 ? 34 : 36) / 100;
    const auto* latest = v.state.recentCalls().empty() ? nullptr : &v.state.recentCalls().front();

    for (int c = 0; c < cols; ++c) {
        const int x = table.x + c * (colW + margin);
        const Rect head{x, table.y, colW, headH};
        placeText(s, m, "Quầy", FontWeight::Bold, headH * 7 / 10, kMinText, {x, head.y, colW - servingW - gap, headH},
                  Align::Left, p.muted);
        placeText(s, m, "Đang phục vụ", FontWeight::Bold, headH * 7 / 10, kMinText,
                  {x + colW - servingW, head.y, servingW, headH}, Align::Center, p.muted);
    }
    for (int i = 0; i < n; ++i) {
        const CounterRow& row = counters[static_cast<std::size_t>(i)];
        const int col = i / perCol;
        const int r = i % perCol;
        const Rect rect{table.x + col * (colW + margin), table.y + headH + gap + r * (rowH + gap), colW, rowH};
        const bool isLatest = latest && latest->counter == row.number && row.serving == latest->number;
        const bool lit = isLatest && v.highlightOn;
        const ui::Colour fill = row.onBreak ? p.paused : lit ? p.highlight : (r % 2 == 0 ? p.rowA : p.rowB);
        const ui::Colour text = lit ? p.onHighlight : p.text;
        const ui::Colour muted = lit ? p.onHighlight : p.muted;
        s.fills.push_back({rect, fill, std::max(4, rowH / 10)});

        const int pad = std::max(4, rowH / 12);
        const Rect numCell{rect.x + pad, rect.y + pad, std::min(rowH - 2 * pad, colW / 6), rect.height - 2 * pad};
        s.fills.push_back({numCell, lit ? p.onHighlight : p.band, std::max(4, numCell.height / 8)});
        placeText(s, m, std::to_string(row.number), FontWeight::Bold, numCell.height * 8 / 10, kMinText,
                  numCell.inset(pad / 2), Align::Center, lit ? p.highlight : p.text);

        const Rect servCell{rect.right() - pad - servingW, rect.y + pad, servingW, rect.height - 2 * pad};
        const int nameX = numCell.right() + pad * 2;
        const Rect nameArea{nameX, rect.y + pad, std::max(0, servCell.x - pad - nameX), rect.height - 2 * pad};
        // Two columns leave the names narrow: they may take two lines each.
        const int lines = cols == 1 ? 1 : 2;
        placeLines(s, m, withoutCounterPrefix(row.name, row.number), FontWeight::Bold, nameArea.height * 42 / 100,
                   kMinText, rows(nameArea, 0, 56, 100), Align::Left, text, lines);
        placeLines(s, m, row.field, FontWeight::Regular, nameArea.height * 30 / 100, kMinText,
                   rows(nameArea, 56, 100, 100), Align::Left, muted, lines);

        if (row.onBreak) {
            placeText(s, m, kPausedText, FontWeight::Bold, servCell.height * 45 / 100, kMinText, servCell, Align::Center,
                      p.text);
        } else if (row.serving) {
            placeNumber(s, m, *row.serving, row.servingPriority, servCell, servCell.height * 9 / 10,
                        lit ? p.onHighlight : p.number, p);
        } else {
            placeText(s, m, "—", FontWeight::Bold, servCell.height / 2, kMinText, servCell, Align::Center, muted);
        }
    }
}

void composePanel(Scene& s, const LobbyView& v, const Rect& panel, int margin, ui::TextMetrics& m,
                  const LobbyPalette& p) {
    const auto& recent = v.state.recentCalls();
    // The latest call.
    const Rect box{panel.x, panel.y, panel.width, panel.height * 42 / 100};
    const bool lit = !recent.empty() && v.highlightOn;
    s.fills.push_back({box, lit ? p.highlight : p.band, 18});
    const ui::Colour onBox = lit ? p.onHighlight : p.text;
    const Rect inner = box.inset(margin);
    if (recent.empty()) {
        placeText(s, m, "Xin mời lấy số thứ tự", FontWeight::Bold, inner.height / 5, kMinText, inner, Align::Center,
                  onBox);
    } else {
        const CallEntry& call = recent.front();
        placeText(s, m, "Mời công dân có số", FontWeight::Bold, inner.height / 7, kMinText, rows(inner, 0, 18, 100),
                  Align::Center, onBox);
        const Rect numberCell = rows(inner, 20, 78, 100);
        if (call.priority) {
            // Priority: the number on an orange pill, and the mark in words on the line below.
            const Rect pill = numberCell.inset(std::max(2, numberCell.height / 24));
            s.fills.push_back({pill, p.priority, std::max(4, pill.height / 6)});
            placeText(s, m, call.number, FontWeight::Bold, pill.height, kMinText, pill.inset(4), Align::Center,
                      p.onPriority);
        } else {
            placeText(s, m, call.number, FontWeight::Bold, numberCell.height, kMinText, numberCell, Align::Center,
                      lit ? p.onHighlight : p.number);
        }
        const std::string where = "đến quầy số " + std::to_string(call.counter);
        placeText(s, m, call.priority ? std::string(kPriorityMark) + " – " + where : where, FontWeight::Bold,
                  inner.height / 6, kMinText, rows(inner, 80, 100, 100), Align::Center, onBox);
    }

    // The calls before it.
    const int titleH = std::max(24, panel.height / 18);
    int y = box.bottom() + margin;
    const int recentH = panel.height * 27 / 100;
    placeText(s, m, "Vừa gọi", FontWeight::Bold, titleH * 8 / 10, kMinText, {panel.x, y, panel.width, titleH},
              Align::Left, p.muted);
    y += titleH;
    const int lineH = std::max(28, (recentH - titleH) / 3);
    const int fitRows = std::max(0, (recentH - titleH) / lineH);
    for (int i = 1; i <= fitRows && i < static_cast<int>(recent.size()); ++i) {
        const CallEntry& call = recent[static_cast<std::size_t>(i)];
        const Rect line{panel.x, y, panel.width, lineH - 4};
        s.fills.push_back({line, (i % 2) ? p.rowA : p.rowB, 8});
        const Rect numberCell{line.x + 8, line.y + 2, line.width * 55 / 100, line.height - 4};
        placeNumber(s, m, call.number, call.priority, numberCell, numberCell.height, p.number, p);
        placeText(s, m, "Quầy " + std::to_string(call.counter), FontWeight::Bold, line.height * 7 / 10, kMinText,
                  {numberCell.right() + 16, line.y, line.right() - numberCell.right() - 28, line.height}, Align::Right,
                  p.text);
        y += lineH;
    }

    // Waiting per service.
    y = box.bottom() + margin + recentH + margin;
    placeText(s, m, "Đang chờ", FontWeight::Bold, titleH * 8 / 10, kMinText, {panel.x, y, panel.width, titleH},
              Align::Left, p.muted);
    y += titleH;
    const auto& services = v.state.services();
    if (services.empty()) return;
    const int left = panel.bottom() - y;
    const int serviceH = std::min(std::max(16, left / static_cast<int>(services.size())), titleH * 3 / 2);
    for (const auto& service : services) {
        if (y + serviceH > panel.bottom()) break;
        const Rect line{panel.x, y, panel.width, serviceH};
        const int countW = line.width * 30 / 100;
        placeText(s, m, service.prefix + " · " + service.name, FontWeight::Regular, serviceH * 7 / 10, 12,
                  {line.x, line.y, line.width - countW - 12, line.height}, Align::Left, p.text);
        std::string count = std::to_string(service.waiting) + " người";
        if (service.priorityWaiting > 0) count += " (" + std::to_string(service.priorityWaiting) + " ưu tiên)";
        placeText(s, m, count, FontWeight::Bold, serviceH * 7 / 10, 12, {line.right() - countW, line.y, countW, line.height},
                  Align::Right, p.number);
        y += serviceH;
    }
}

}  // namespace

Scene composeLobby(const LobbyView& v, ui::Size size, ui::TextMetrics& m, const LobbyPalette& p) {
    Scene s;
    s.background = p.background;
    const int W = size.width;
    const int H = size.height;
    const int margin = std::max(8, H / 54);
    const int headerH = H * 11 / 100;
    const int tickerH = H * 8 / 100;

    s.fills.push_back({{0, 0, W, headerH}, p.band, 0});
    const int clockW = W * 28 / 100;
    const Rect nameCell{margin, margin / 2, W - clockW - 3 * margin, headerH * 58 / 100 - margin / 2};
    const Rect unitCell{margin, nameCell.bottom(), nameCell.width, headerH - nameCell.bottom() - margin / 2};
    placeText(s, m, v.office.name, FontWeight::Bold, nameCell.height, kMinText, nameCell, Align::Left, p.text);
    placeText(s, m, v.office.unit, FontWeight::Regular, unitCell.height, kMinText, unitCell, Align::Left, p.muted);
    placeText(s, m, v.clock, FontWeight::Bold, nameCell.height * 12 / 10, kMinText,
              {W - clockW - margin, 0, clockW, nameCell.bottom()}, Align::Right, p.text);
    placeText(s, m, v.date, FontWeight::Regular, unitCell.height, kMinText,
              {W - clockW - margin, unitCell.y, clockW, unitCell.height}, Align::Right, p.muted);

    const Rect ticker{0, H - tickerH, W, tickerH};
    s.fills.push_back({ticker, p.band, 0});
    placeText(s, m, v.ticker, FontWeight::Regular, tickerH * 55 / 100, kMinText, ticker.inset(margin / 2), Align::Center,
              p.text);

    const int top = headerH + margin;
    const int bottom = H - tickerH - margin;
    const int tableW = W * (v.state.counters().size() > 6 ? 69 : 63) / 100;
    composeCounters(s, v, {margin, top, tableW - margin, bottom - top}, margin, m, p);
    composePanel(s, v, {tableW + margin, top, W - tableW - 2 * margin, bottom - top}, margin, m, p);
    return s;
}

LobbyScreen::LobbyScreen(QueueFeed& feed, const queue::Clock& clock, voice::Announcer* announcer)
    : m_feed(feed),
      m_clock(clock),
      m_announcer(announcer),
      m_office(OfficeInfo::from(feed.queue().office())),
      m_ticker(m_office.tickerLines()) {
    m_face = faceAt(m_clock.now());
}

LobbyScreen::Face LobbyScreen::faceAt(queue::TimeMs now) const {
    Face face;
    const auto& calendar = m_feed.queue().calendar();
    face.clock = calendar.clockText(now);
    face.date = vietnameseDate(calendar, now);
    if (!m_ticker.empty()) face.tickerIndex = static_cast<std::size_t>(now / kTickerPeriod.count()) % m_ticker.size();
    const queue::TimeMs since = now - m_latestAt;
    face.highlightOn = m_latestAt == 0 || since >= kBlinkFor.count() || since < 0 || (since / kBlinkPeriod.count()) % 2 == 0;
    return face;
}

void LobbyScreen::update(std::chrono::milliseconds) {
    m_changed = false;
    const FeedUpdate update = m_feed.poll();
    const queue::TimeMs now = m_clock.now();
    for (const CallEntry& call : update.calls) {
        m_latestAt = now;
        if (m_announcer) {
            const CounterRow* row = m_feed.state().counter(call.counter);
            m_announcer->announce(voice::TicketCall{call.number, call.counter, row ? row->name : std::string(),
                                                    call.serviceName});
        }
        ++m_announced;
    }
    const Face face = faceAt(now);
    if (update.changed || face != m_face) {
        m_face = face;
        m_stale = true;
        m_changed = true;
    }
}

void LobbyScreen::layout(const ui::LayoutContext& context, ui::Size size) {
    const LobbyView view{m_feed.state(), m_office, m_face.clock, m_face.date,
                         m_ticker.empty() ? std::string() : m_ticker[m_face.tickerIndex], m_face.highlightOn};
    m_scene = composeLobby(view, size, context.metrics);
    m_stale = false;
}

void LobbyScreen::draw(ui::Painter& painter) const { m_scene.paint(painter); }

void LobbyScreen::collectVisibleText(std::vector<ui::VisibleText>& out, const ui::Rect& clip) const {
    m_scene.collectVisibleText(out, clip);
}

}  // namespace motcua::display
