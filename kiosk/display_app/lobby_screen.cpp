#include "kiosk/display_app/lobby_screen.h"

#include <algorithm>

#include "kiosk/ui/painter.h"

namespace motcua::display {

namespace {

using ui::FontWeight;
using ui::Rect;

// The TV type scale at 1080 lines (scaled with the screen's height): read from 6 m, a line's capitals
// must be about 25 mm high on a 55" set.
struct TypeScale {
    int number;  // ticket numbers: at least 90 px
    int name;    // counter names, one size for all: at least 40 px
    int text;    // everything else (titles, waiting list, field lines, header, ticker): at least 36 px
    int latest;  // the number in "Mời công dân có số"
};

TypeScale scaleFor(int height) {
    auto at = [height](int px) { return std::max(12, px * height / 1080); };
    return {at(96), at(44), at(36), at(200)};
}

// A ticket number in its cell at the number size: yellow on the row, or white on the priority pill
// with the mark "Ưu tiên" under it (beside it when the cell is short).
void placeNumber(Scene& s, ui::TextMetrics& m, const std::string& number, bool priority, const Rect& cell,
                 const TypeScale& type, ui::Colour normal, const LobbyPalette& p) {
    const int numberH = m.lineHeight({FontWeight::Bold, type.number}) * 4 / 5;  // capitals and digits only
    if (!priority) {
        placeTicketNumber(s, m, number, type.number, type.number, cell, Align::Center, normal);
        return;
    }
    s.fills.push_back({cell, p.priority, std::max(4, cell.height / 8)});
    const int markH = m.lineHeight({FontWeight::Bold, type.text});
    if (cell.height >= numberH + markH) {
        const int top = cell.y + (cell.height - numberH - markH) / 2;
        placeTicketNumber(s, m, number, type.number, type.number, {cell.x, top, cell.width, numberH},
                          Align::Center, p.onPriority);
        placeText(s, m, kPriorityMark, FontWeight::Bold, type.text, type.text,
                  {cell.x, top + numberH, cell.width, markH}, Align::Center, p.onPriority);
        return;
    }
    const int numberW = m.measure(number, {FontWeight::Bold, type.number}).width + 16;
    placeTicketNumber(s, m, number, type.number, type.number, {cell.x, cell.y, numberW, cell.height},
                      Align::Center, p.onPriority);
    placeText(s, m, kPriorityMark, FontWeight::Bold, type.text, type.text,
              {cell.x + numberW, cell.y, cell.right() - cell.x - numberW, cell.height}, Align::Center,
              p.onPriority);
}

// Whether a counter's field line says more than its name.
bool fieldAddsToName(const CounterRow& row) {
    return !row.field.empty() && row.field != row.displayName &&
           row.field.find(row.displayName) == std::string::npos;
}

// Up to 8 counters: a row each in cols columns (on a landscape TV one up to 6, two above; one in
// portrait), number, short name (one size), the
// field line only when it adds something and there are 6 counters or fewer, and the number served.
void composeRows(Scene& s, const LobbyView& v, const Rect& table, int margin, ui::TextMetrics& m,
                 const TypeScale& type, const LobbyPalette& p, const CallEntry* latest, int cols) {
    const auto& counters = v.state.counters();
    const int n = static_cast<int>(counters.size());
    const int perCol = (n + cols - 1) / cols;
    const int gap = std::max(4, margin / 2);
    const int headH = m.lineHeight({FontWeight::Bold, type.text});
    const int colW = (table.width - (cols - 1) * margin) / cols;
    const int rowH = std::min((table.height - headH - gap * perCol) / perCol, table.height / 4);
    const int pad = std::max(4, rowH / 14);
    // The number served takes what it needs (a third of a single column, for balance); in two
    // columns every other pixel goes to the names, so that they keep their one size.
    const int numberW = m.measure("A000", {FontWeight::Bold, type.number}).width + 24;
    // A priority number has its mark beside it when the row is too short for it under the number.
    const int priorityW = numberW + m.measure(kPriorityMark, {FontWeight::Bold, type.text}).width + 24;
    const int servingW =
        cols == 1 ? std::max({numberW, colW * 34 / 100, std::min(priorityW, colW / 2)}) : numberW;
    int widestCounter = 0;
    for (const auto& row : counters)
        widestCounter = std::max(
            widestCounter, m.measure(std::to_string(row.number), {FontWeight::Bold, type.number}).width);
    const int badgeW = std::min({rowH - 2 * pad, colW / 6, std::max(widestCounter + 2 * pad, rowH * 2 / 5)});
    const bool fieldLines = n <= 6;

    for (int c = 0; c < cols; ++c) {
        const int x = table.x + c * (colW + margin);
        placeText(s, m, "Quầy", FontWeight::Bold, type.text, type.text,
                  {x, table.y, colW - servingW - gap, headH}, Align::Left, p.muted);
        placeText(s, m, "Số", FontWeight::Bold, type.text, type.text,
                  {x + colW - servingW, table.y, servingW, headH}, Align::Center, p.muted);
    }
    for (int i = 0; i < n; ++i) {
        const CounterRow& row = counters[static_cast<std::size_t>(i)];
        const int col = i / perCol;
        const int r = i % perCol;
        const Rect rect{table.x + col * (colW + margin), table.y + headH + gap + r * (rowH + gap), colW,
                        rowH};
        const bool isLatest = latest && latest->counter == row.number && row.serving == latest->number;
        const bool lit = isLatest && v.highlightOn;
        const ui::Colour fill = row.onBreak ? p.paused : lit ? p.highlight : (r % 2 == 0 ? p.rowA : p.rowB);
        const ui::Colour text = lit ? p.onHighlight : p.text;
        const ui::Colour muted = lit ? p.onHighlight : p.muted;
        s.fills.push_back({rect, fill, std::max(4, rowH / 10)});

        const Rect numCell{rect.x + pad, rect.y + pad, badgeW, rect.height - 2 * pad};
        s.fills.push_back({numCell, lit ? p.onHighlight : p.band, std::max(4, numCell.height / 8)});
        placeText(s, m, std::to_string(row.number), FontWeight::Bold, type.number, type.name,
                  numCell.inset(pad / 2), Align::Center, lit ? p.highlight : p.text);

        const Rect servCell{rect.right() - pad - servingW, rect.y + pad, servingW, rect.height - 2 * pad};
        const int nameX = numCell.right() + pad + pad / 2;
        const Rect nameArea{nameX, rect.y + pad, std::max(0, servCell.x - pad - nameX),
                            rect.height - 2 * pad};
        const int nameH = m.lineHeight({FontWeight::Bold, type.name});
        const int fieldH = m.lineHeight({FontWeight::Regular, type.text});
        const bool withField = fieldLines && fieldAddsToName(row) && nameArea.height >= nameH + fieldH;
        const int nameLines = std::max(1, (nameArea.height - (withField ? fieldH : 0)) / nameH);
        const Rect nameCell =
            withField ? Rect{nameArea.x, nameArea.y, nameArea.width, nameArea.height - fieldH} : nameArea;
        placeLines(s, m, row.displayName, FontWeight::Bold, type.name, type.name, nameCell, Align::Left, text,
                   std::min(3, nameLines));
        if (withField)
            placeText(s, m, row.field, FontWeight::Regular, type.text, type.text,
                      {nameArea.x, nameCell.bottom(), nameArea.width, fieldH}, Align::Left, muted);

        if (row.onBreak) {
            placeText(s, m, kPausedText, FontWeight::Bold, type.name, type.name, servCell, Align::Center,
                      p.text);
        } else if (row.serving) {
            placeNumber(s, m, *row.serving, row.servingPriority, servCell, type,
                        lit ? p.onHighlight : p.number, p);
        } else {
            placeText(s, m, "—", FontWeight::Bold, type.name, type.name, servCell, Align::Center, muted);
        }
    }
}

// Above 8 counters: simple tiles "counter → number" in cols columns (three on a landscape TV, two in
// portrait), nothing else to read.
void composeTiles(Scene& s, const LobbyView& v, const Rect& table, int margin, ui::TextMetrics& m,
                  const TypeScale& type, const LobbyPalette& p, const CallEntry* latest, int cols) {
    const auto& counters = v.state.counters();
    const int n = static_cast<int>(counters.size());
    const int rowsCount = (n + cols - 1) / cols;
    const int gap = std::max(6, margin / 2);
    const int headH = m.lineHeight({FontWeight::Bold, type.text});
    // An en dash: the TV font has no arrow (U+2192 was drawn as an empty box).
    placeText(s, m, "Quầy – Số", FontWeight::Bold, type.text, type.text,
              {table.x, table.y, table.width, headH}, Align::Left, p.muted);
    const int top = table.y + headH + gap;
    const int tileW = (table.width - (cols - 1) * gap) / cols;
    const int tileH = (table.bottom() - top - (rowsCount - 1) * gap) / rowsCount;
    for (int i = 0; i < n; ++i) {
        const CounterRow& row = counters[static_cast<std::size_t>(i)];
        const Rect tile{table.x + (i % cols) * (tileW + gap), top + (i / cols) * (tileH + gap), tileW, tileH};
        const bool lit =
            latest && latest->counter == row.number && row.serving == latest->number && v.highlightOn;
        s.fills.push_back({tile,
                           row.onBreak ? p.paused
                           : lit       ? p.highlight
                                       : p.rowA,
                           std::max(4, tileH / 10)});
        const int pad = std::max(4, tileH / 32);
        const int badgeW =
            m.measure(std::to_string(row.number), {FontWeight::Bold, type.name + 16}).width + 2 * pad;
        const Rect badge{tile.x + pad, tile.y + pad, std::max(badgeW, tileH / 2), tile.height - 2 * pad};
        s.fills.push_back({badge, lit ? p.onHighlight : p.band, std::max(4, badge.height / 8)});
        placeText(s, m, std::to_string(row.number), FontWeight::Bold, type.name + 16, type.name, badge,
                  Align::Center, lit ? p.highlight : p.text);
        const Rect rest{badge.right() + pad, tile.y + pad, tile.right() - pad - badge.right() - pad,
                        tile.height - 2 * pad};
        if (row.onBreak) {
            placeText(s, m, kPausedText, FontWeight::Bold, type.name, type.name, rest, Align::Center, p.text);
        } else if (row.serving) {
            placeNumber(s, m, *row.serving, row.servingPriority, rest, type, lit ? p.onHighlight : p.number,
                        p);
        } else {
            placeText(s, m, "—", FontWeight::Bold, type.name, type.name, rest, Align::Center,
                      lit ? p.onHighlight : p.muted);
        }
    }
}

void composePanel(Scene& s, const LobbyView& v, const Rect& panel, int margin, ui::TextMetrics& m,
                  const TypeScale& type, const LobbyPalette& p, const CallEntry* latest) {
    const auto& recent = v.state.recentCalls();
    // The call being made now: only while that counter still calls that number.
    // At least room for the number at three quarters of its size between its two lines (a short
    // panel under a portrait TV's counters).
    const int boxMin = 2 * m.lineHeight({FontWeight::Bold, type.text}) +
                       m.lineHeight({FontWeight::Bold, type.latest * 3 / 4}) + margin;
    const Rect box{panel.x, panel.y, panel.width,
                   std::min(panel.height, std::max(boxMin, panel.height * 40 / 100))};
    const bool lit = latest && v.highlightOn;
    s.fills.push_back({box, lit ? p.highlight : p.band, 18});
    const ui::Colour onBox = lit ? p.onHighlight : p.text;
    const Rect inner = box.inset(margin / 2);
    const int textH = m.lineHeight({FontWeight::Bold, type.text});
    if (!latest) {
        // Closed: not an invitation to take a number the kiosk will not give (the ticker says when).
        placeText(s, m, v.closed ? "Hết giờ nhận số" : "Xin mời lấy số thứ tự", FontWeight::Bold, type.name,
                  type.text, inner, Align::Center, onBox);
    } else {
        placeText(s, m, "Mời công dân có số", FontWeight::Bold, type.text, type.text,
                  {inner.x, inner.y, inner.width, textH}, Align::Center, onBox);
        const Rect whereCell{inner.x, inner.bottom() - textH, inner.width, textH};
        const Rect numberCell{inner.x, inner.y + textH, inner.width, whereCell.y - inner.y - textH};
        if (latest->priority) {
            const Rect pill = numberCell.inset(std::max(2, numberCell.height / 24));
            s.fills.push_back({pill, p.priority, std::max(4, pill.height / 6)});
            placeText(s, m, latest->number, FontWeight::Bold, type.latest, type.number, pill.inset(4),
                      Align::Center, p.onPriority);
        } else {
            placeText(s, m, latest->number, FontWeight::Bold, type.latest, type.number, numberCell,
                      Align::Center, lit ? p.onHighlight : p.number);
        }
        const std::string where = "đến quầy số " + std::to_string(latest->counter);
        placeText(s, m, latest->priority ? std::string(kPriorityMark) + " – " + where : where,
                  FontWeight::Bold, type.text, type.text, whereCell, Align::Center, onBox);
    }

    // The waiting list at the text size: "A · Hộ tịch  2 người" when every line fits, else the letters
    // alone ("A  2 người") in two columns; its room goes to "Vừa gọi" when not even one earlier call would
    // fit.
    const auto& services = v.state.services();
    const int lineH = m.lineHeight({FontWeight::Regular, type.text}) + 4;
    bool namesFit = !services.empty();
    for (const auto& service : services) {
        const std::string label = service.prefix + " · " + service.name;
        const std::string count = std::to_string(service.waiting) + " người";
        const int need = m.measure(label, {FontWeight::Regular, type.text}).width +
                         m.measure(count, {FontWeight::Bold, type.text}).width + 24;
        namesFit = namesFit && need <= panel.width;
    }
    const int serviceCount = static_cast<int>(services.size());
    const int recentTop = box.bottom() + margin;
    const int numberLine = m.lineHeight({FontWeight::Bold, type.number}) * 4 / 5 + 10;
    auto rowsFor = [&](int waiting) {
        const int recentBottom = panel.bottom() - (waiting > 0 ? waiting + margin : 0);
        return std::max(0, (recentBottom - recentTop - textH) / numberLine);
    };
    // Full names in one column when they fit, else the letters in two columns; an earlier call
    // matters more than the waiting counts: without room for one, no waiting list.
    int waitingColumns = 0;
    for (const int columns : {1, 2}) {
        if (serviceCount == 0 || (columns == 1 && !namesFit)) continue;
        const int rows = (serviceCount + columns - 1) / columns;
        if (rowsFor(textH + lineH * rows) >= 1) {
            waitingColumns = columns;
            break;
        }
    }
    const bool withNames = waitingColumns == 1;
    const int waitingRows = waitingColumns > 0 ? (serviceCount + waitingColumns - 1) / waitingColumns : 0;
    const int waitingH = waitingColumns > 0 ? textH + lineH * waitingRows : 0;
    const int recentRows = rowsFor(waitingH);
    // No heading without room for a call under it (a short panel under a portrait TV's counters).
    if (recentRows > 0)
        placeText(s, m, "Vừa gọi", FontWeight::Bold, type.text, type.text,
                  {panel.x, recentTop, panel.width, textH}, Align::Left, p.muted);
    int y = recentTop + textH;
    int shown = 0;
    const int recentBottom = panel.bottom() - (waitingH > 0 ? waitingH + margin : 0);
    for (const auto& call : recent) {
        if (shown >= recentRows) break;
        if (latest && call.number == latest->number && call.counter == latest->counter) continue;
        // A priority number has its mark under it: that row is a line taller.
        const int rowH = call.priority ? numberLine + textH : numberLine;
        if (y + rowH > recentBottom) break;
        const Rect line{panel.x, y, panel.width, rowH - 6};
        s.fills.push_back({line, (shown % 2) ? p.rowA : p.rowB, 8});
        const int counterW = m.measure("Quầy 00", {FontWeight::Bold, type.name}).width + 16;
        const Rect numberCell{line.x + 6, line.y + 2, line.width - counterW - 12, line.height - 4};
        placeNumber(s, m, call.number, call.priority, numberCell, type, p.number, p);
        placeText(s, m, "Quầy " + std::to_string(call.counter), FontWeight::Bold, type.name, type.name,
                  {line.right() - counterW - 6, line.y, counterW, line.height}, Align::Right, p.text);
        y += rowH;
        ++shown;
    }
    if (waitingH == 0) return;
    y = panel.bottom() - waitingH;
    placeText(s, m, "Đang chờ", FontWeight::Bold, type.text, type.text, {panel.x, y, panel.width, textH},
              Align::Left, p.muted);
    y += textH;
    const int columnW = (panel.width - (waitingColumns - 1) * margin) / waitingColumns;
    for (std::size_t i = 0; i < services.size(); ++i) {
        const auto& service = services[i];
        const int x = panel.x + static_cast<int>(i) / waitingRows * (columnW + margin);
        const int rowY = y + static_cast<int>(i) % waitingRows * lineH;
        const std::string count = std::to_string(service.waiting) + " người";
        const int countW = m.measure(count, {FontWeight::Bold, type.text}).width + 8;
        placeText(s, m, withNames ? service.prefix + " · " + service.name : service.prefix,
                  FontWeight::Regular, type.text, type.text, {x, rowY, columnW - countW - 8, lineH},
                  Align::Left, p.text);
        placeText(s, m, count, FontWeight::Bold, type.text, type.text,
                  {x + columnW - countW, rowY, countW, lineH}, Align::Right, p.number);
    }
}

}  // namespace

Scene composeLobby(const LobbyView& v, ui::Size size, ui::TextMetrics& m, const LobbyPalette& p) {
    Scene s;
    s.background = p.background;
    const int W = size.width;
    const int H = size.height;
    // A TV hung in portrait is read from as far as one in landscape: the scale follows the short side.
    const bool portrait = H > W;
    const int side = std::min(W, H);
    const TypeScale type = scaleFor(side);
    const int margin = std::max(8, side / 54);
    const int bigH = m.lineHeight({FontWeight::Bold, type.name + 8});
    const int textH = m.lineHeight({FontWeight::Regular, type.text});
    // The office's lines take two lines when one is not wide enough: under a portrait TV (half the
    // width), or a long sentence (when numbers are issued again) rather than lose its end.
    const int tickerLines =
        m.measure(v.ticker, {FontWeight::Regular, type.text}).width > W - 2 * margin ? 2 : 1;
    const int tickerH = tickerLines * textH + margin;
    const int clockW = m.measure("00:00", {FontWeight::Bold, type.name + 8}).width + margin;
    const int dateW = m.measure(v.date, {FontWeight::Regular, type.text}).width + margin;

    int headerH = bigH + margin;
    if (!portrait) {
        s.fills.push_back({{0, 0, W, headerH}, p.band, 0});
        const Rect nameCell{margin, margin / 2, W - clockW - dateW - 3 * margin, bigH};
        placeText(s, m, v.office.name, FontWeight::Bold, type.name + 8, type.name, nameCell, Align::Left,
                  p.text);
        placeText(s, m, v.date, FontWeight::Regular, type.text, type.text,
                  {W - clockW - dateW - margin, margin / 2, dateW, bigH}, Align::Right, p.muted);
        placeText(s, m, v.clock, FontWeight::Bold, type.name + 8, type.name,
                  {W - clockW - margin, margin / 2, clockW, bigH}, Align::Right, p.text);
    } else {
        // Portrait: the office's name has the whole width (two lines when it needs them), the date and
        // the clock a line of their own under it.
        const int nameW = W - 2 * margin;
        const int nameLines =
            m.measure(v.office.name, {FontWeight::Bold, type.name + 8}).width <= nameW ? 1 : 2;
        headerH = nameLines * bigH + bigH + margin;
        s.fills.push_back({{0, 0, W, headerH}, p.band, 0});
        placeLines(s, m, v.office.name, FontWeight::Bold, type.name + 8, type.name,
                   {margin, margin / 2, nameW, nameLines * bigH}, Align::Left, p.text, nameLines);
        const int lineY = margin / 2 + nameLines * bigH;
        placeText(s, m, v.date, FontWeight::Regular, type.text, type.text,
                  {margin, lineY, nameW - clockW - margin, bigH}, Align::Left, p.muted);
        placeText(s, m, v.clock, FontWeight::Bold, type.name + 8, type.name,
                  {W - clockW - margin, lineY, clockW, bigH}, Align::Right, p.text);
    }

    const Rect ticker{0, H - tickerH, W, tickerH};
    s.fills.push_back({ticker, p.band, 0});
    placeLines(s, m, v.ticker, FontWeight::Regular, type.text, type.text, ticker.inset(margin / 2),
               Align::Center, p.text, tickerLines);

    const CallEntry* latest = v.state.stillCalled();
    const int top = headerH + margin;
    const int bottom = H - tickerH - margin;
    const std::size_t n = v.state.counters().size();
    Rect table;
    Rect panel;
    if (!portrait) {
        const int tableW = W * (n > 6 ? 72 : 62) / 100;
        table = {margin, top, tableW - margin, bottom - top};
        panel = {tableW + margin, top, W - tableW - 2 * margin, bottom - top};
    } else {
        // Portrait: the counters above across the whole width (a row each up to 8, tiles in two columns
        // above), the call and the lists under them.
        const int units = static_cast<int>(n > 8 ? (n + 1) / 2 : n);
        const int unitH = (n > 8 ? type.number * 5 / 4 : type.number * 3 / 2) + margin / 2;
        const int headH = m.lineHeight({FontWeight::Bold, type.text}) + margin / 2;
        const int tableH = n > 0 ? std::min(headH + units * unitH, (bottom - top) * 78 / 100) : 0;
        table = {margin, top, W - 2 * margin, tableH};
        panel = {margin, top + tableH + (n > 0 ? margin : 0), W - 2 * margin,
                 bottom - top - tableH - (n > 0 ? margin : 0)};
    }
    if (n > 8)
        composeTiles(s, v, table, margin, m, type, p, latest, portrait ? 2 : 3);
    else if (n > 0)
        composeRows(s, v, table, margin, m, type, p, latest, portrait || n <= 6 ? 1 : 2);
    composePanel(s, v, panel, margin, m, type, p, latest);
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
    if (!m_ticker.empty())
        face.tickerIndex = static_cast<std::size_t>(now / kTickerPeriod.count()) % m_ticker.size();
    // Closed: when numbers are issued again, in Vietnamese and in English by turns (each in full).
    if (const auto issuing = m_feed.queue().issuingState(); !issuing.open)
        face.closed = (now / kTickerPeriod.count()) % 2 == 0 ? issuing.messageVi : issuing.messageEn;
    const queue::TimeMs since = now - m_latestAt;
    face.highlightOn =
        m_latestAt == 0 || since >= kBlinkFor.count() || since < 0 || (since / kBlinkPeriod.count()) % 2 == 0;
    return face;
}

void LobbyScreen::update(std::chrono::milliseconds dt) {
    m_changed = false;
    const FeedUpdate update = m_feed.poll();
    // Edited hours, calendar or office text (motcua init) show within a second, without a restart.
    m_sinceSettings += dt;
    if (m_sinceSettings >= std::chrono::seconds(1) && !m_feed.offline()) {
        m_sinceSettings = {};
        try {
            if (m_feed.queue().reloadSettings()) {
                m_office = OfficeInfo::from(m_feed.queue().office());
                m_ticker = m_office.tickerLines();
                m_stale = true;
                m_changed = true;
            }
        } catch (const queue::DatabaseError& e) {
            if (!e.isConnectionLost()) throw;  // the feed's next poll shows the lost server
        }
    }
    const queue::TimeMs now = m_clock.now();
    for (const CallEntry& call : update.calls) {
        m_latestAt = now;
        if (m_announcer) {
            const CounterRow* row = m_feed.state().counter(call.counter);
            m_announcer->announce(voice::TicketCall{call.number, call.counter,
                                                    row ? row->name : std::string(), call.serviceName});
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
    const LobbyView view{m_feed.state(),
                         m_office,
                         m_face.clock,
                         m_face.date,
                         !m_face.closed.empty() ? m_face.closed
                         : m_ticker.empty()     ? std::string()
                                                : m_ticker[m_face.tickerIndex],
                         m_face.highlightOn,
                         !m_face.closed.empty()};
    m_scene = composeLobby(view, size, context.metrics);
    m_stale = false;
}

void LobbyScreen::draw(ui::Painter& painter) const {
    m_scene.paint(painter);
}

void LobbyScreen::collectVisibleText(std::vector<ui::VisibleText>& out, const ui::Rect& clip) const {
    m_scene.collectVisibleText(out, clip);
}

}  // namespace motcua::display
