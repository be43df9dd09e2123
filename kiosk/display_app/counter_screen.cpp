#include "kiosk/display_app/counter_screen.h"

#include <algorithm>

#include "kiosk/ui/painter.h"
#include "kiosk/ui/rating_look.h"
#include "text/utf8.h"

namespace motcua::display {

namespace {

using ui::FontWeight;
using ui::Rect;

Rect band(const Rect& r, int from, int to) {
    return {r.x, r.y + r.height * from / 100, r.width, r.height * (to - from) / 100};
}

std::string utf8(char32_t c) {
    std::string out;
    text::appendUtf8(out, c);
    return out;
}

}  // namespace

Scene composeCounter(const CounterView& v, ui::Size size, ui::TextMetrics& m, const LobbyPalette& p) {
    Scene s;
    s.background = p.background;
    const int W = size.width;
    const int H = size.height;
    const int margin = std::max(8, H / 40);
    const int headerH = H * 16 / 100;
    s.fills.push_back({{0, 0, W, headerH}, p.band, 0});
    const std::string name = v.row ? v.row->name : "Quầy " + std::to_string(v.counter);
    const Rect header{margin, 0, W - 2 * margin, headerH};
    const bool staffLine = v.row && v.row->staffName && v.mode == CounterMode::Idle;
    placeText(s, m, name, FontWeight::Bold, headerH * 6 / 10, 16, staffLine ? band(header, 0, 66) : header,
              Align::Center, p.text);
    if (staffLine) {
        placeText(s, m, "Cán bộ: " + *v.row->staffName, FontWeight::Regular, headerH * 26 / 100, 14,
                  band(header, 66, 100), Align::Center, p.muted);
    }
    const Rect body{margin, headerH + margin, W - 2 * margin, H - headerH - 2 * margin};

    if (v.mode == CounterMode::Rating) {
        placeText(s, m, kRatingQuestion, FontWeight::Bold, body.height / 9, 16, band(body, 0, 16),
                  Align::Center, p.text);
        placeText(s, m, "Số " + v.ratingNumber + " – Mời ông/bà chọn mức độ hài lòng", FontWeight::Regular,
                  body.height / 16, 14, band(body, 16, 26), Align::Center, p.muted);
        const std::size_t n = v.levels.size();
        const int cols = n == 4 && W < H * 3 / 2 ? 2 : static_cast<int>(n);
        const int rowsCount = (static_cast<int>(n) + cols - 1) / cols;
        const Rect area = band(body, 30, 100);
        const int gap = margin;
        const int bw = (area.width - (cols - 1) * gap) / cols;
        const int bh = (area.height - (rowsCount - 1) * gap) / rowsCount;
        for (std::size_t i = 0; i < n; ++i) {
            const int c = static_cast<int>(i) % cols;
            const int r = static_cast<int>(i) / cols;
            const Rect button{area.x + c * (bw + gap), area.y + r * (bh + gap), bw, bh};
            // The kiosk's rating look: a face and a colour per level (kiosk/ui/rating_look.h).
            const auto look = ui::ratingLook(i, n, v.levels[i].satisfied);
            s.fills.push_back({button, look.fill, 24});
            s.buttons.push_back({button, static_cast<int>(i)});
            const Rect inner = button.inset(margin);
            const int face = std::min(inner.height * 55 / 100, inner.width / 2);
            placeText(s, m, utf8(look.face), FontWeight::Icon, face, face,
                      {inner.x, inner.y, inner.width, inner.height * 60 / 100}, Align::Center, look.text);
            // One size for every level's label: the size the longest one fits at.
            int labelPx = std::min(bh / 6, 64);
            for (const auto& level : v.levels)
                labelPx =
                    std::min(labelPx, std::max(16, fittingSize(m, level.nameVi, FontWeight::Bold, labelPx, 16,
                                                               {inner.width, inner.height * 40 / 100})));
            placeText(s, m, v.levels[i].nameVi, FontWeight::Bold, labelPx, labelPx,
                      {inner.x, inner.y + inner.height * 60 / 100, inner.width, inner.height * 40 / 100},
                      Align::Center, look.text);
        }
        return s;
    }
    if (v.mode == CounterMode::Thanks) {
        placeText(s, m, kThanks, FontWeight::Bold, body.height / 4, 16, band(body, 15, 55), Align::Center,
                  p.number);
        placeText(s, m, v.thanksDetail, FontWeight::Regular, body.height / 12, 14, band(body, 60, 80),
                  Align::Center, p.text);
        return s;
    }
    if (v.row && v.row->onBreak) {
        placeText(s, m, kPausedText, FontWeight::Bold, body.height / 3, 16, band(body, 10, 60), Align::Center,
                  p.text);
        placeText(s, m, v.row->breakReason, FontWeight::Regular, body.height / 10, 14, band(body, 65, 85),
                  Align::Center, p.muted);
        return s;
    }
    if (v.row && v.row->serving) {
        // Called: the citizen is invited; serving: they are at the counter.
        placeText(s, m, v.row->called ? "Mời công dân có số" : "Đang phục vụ số", FontWeight::Bold,
                  body.height / 9, 16, band(body, 0, 16), Align::Center, p.muted);
        const Rect numberArea = band(body, 18, 100);
        if (v.row->servingPriority) {
            const int w = std::min(numberArea.width, numberArea.height * 2);
            const Rect pill{numberArea.x + (numberArea.width - w) / 2, numberArea.y, w, numberArea.height};
            s.fills.push_back({pill, p.priority, 32});
            placeText(s, m, *v.row->serving, FontWeight::Bold, pill.height * 7 / 10, 16,
                      band(pill.inset(margin), 0, 76), Align::Center, p.onPriority);
            placeText(s, m, kPriorityMark, FontWeight::Bold, pill.height / 7, 14,
                      band(pill.inset(margin), 76, 100), Align::Center, p.onPriority);
        } else {
            placeText(s, m, *v.row->serving, FontWeight::Bold, numberArea.height * 85 / 100, 16, numberArea,
                      Align::Center, p.number);
        }
        return s;
    }
    placeText(s, m, "Xin mời công dân chờ gọi số", FontWeight::Bold, body.height / 9, 16, band(body, 35, 60),
              Align::Center, p.muted);
    return s;
}

CounterScreen::CounterScreen(QueueFeed& feed, int counter, const queue::Clock& clock)
    : m_feed(feed),
      m_counter(counter),
      m_clock(clock),
      m_levels(queue::ratingScale(feed.queue().rating().levels)) {}

void CounterScreen::enter(CounterMode mode) {
    m_mode = mode;
    m_modeSince = m_clock.now();
    m_stale = true;
    m_changed = true;
}

void CounterScreen::update(std::chrono::milliseconds) {
    m_changed = false;
    const FeedUpdate update = m_feed.poll();
    for (const auto& event : update.events) {
        if (event.kind == "finish" && event.counter == m_counter && !event.number.empty()) {
            // A later finish replaces an unanswered question: the citizen in front is the new one.
            m_ratingNumber = event.number;
            enter(CounterMode::Rating);
        } else if (event.kind == "rate" && m_mode == CounterMode::Rating && event.number == m_ratingNumber) {
            // Rated elsewhere (the kiosk) meanwhile: nothing left to ask.
            enter(CounterMode::Idle);
        }
    }
    const queue::TimeMs since = m_clock.now() - m_modeSince;
    if (m_mode == CounterMode::Rating &&
        since >= std::int64_t{m_feed.queue().rating().timeoutSeconds} * 1000) {
        enter(CounterMode::Idle);
    } else if (m_mode == CounterMode::Thanks && since >= kThanksFor.count()) {
        enter(CounterMode::Idle);
    }
    if (update.changed) {
        m_stale = true;
        m_changed = true;
    }
}

void CounterScreen::handleInput(const ui::InputEvent& event) {
    // Only while asking: the first tap changes the mode, so a second (even in the same frame) does nothing.
    if (event.type != ui::InputType::Tap || m_mode != CounterMode::Rating) return;
    if (const SceneButton* button = m_scene.buttonAt(event.position))
        rate(static_cast<std::size_t>(button->action));
}

void CounterScreen::rate(std::size_t level) {
    if (level >= m_levels.size()) return;
    const auto result = m_feed.queue().rate(m_ratingNumber, m_levels[level].code, "counter");
    if (result.ok()) {
        ++m_stored;
        m_thanksDetail = std::string("Ông/bà đã chọn: ") + m_levels[level].nameVi;
    } else if (result.outcome == queue::Outcome::NotAllowed) {
        m_thanksDetail = "Số " + m_ratingNumber + " đã được đánh giá.";
    } else {
        m_thanksDetail = "Chưa ghi nhận được đánh giá, xin báo cán bộ.";
    }
    enter(CounterMode::Thanks);
}

void CounterScreen::layout(const ui::LayoutContext& context, ui::Size size) {
    CounterView view;
    view.row = m_feed.state().counter(m_counter);
    view.counter = m_counter;
    view.mode = m_mode;
    view.ratingNumber = m_ratingNumber;
    view.levels = m_levels;
    view.thanksDetail = m_thanksDetail;
    m_scene = composeCounter(view, size, context.metrics);
    m_stale = false;
}

void CounterScreen::draw(ui::Painter& painter) const {
    m_scene.paint(painter);
}

void CounterScreen::collectVisibleText(std::vector<ui::VisibleText>& out, const ui::Rect& clip) const {
    m_scene.collectVisibleText(out, clip);
}

}  // namespace motcua::display
