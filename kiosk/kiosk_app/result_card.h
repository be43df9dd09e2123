// A search result the citizen taps: the procedure's name with the words that matched the query on a
// highlight background, and a smaller line under it (the field). Wraps at word boundaries; nothing is
// clipped.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "kiosk/ui/widget.h"
#include "queue/search.h"

namespace motcua::kiosk {

class ResultCard final : public ui::Widget {
  public:
    // spans: byte ranges of text to highlight (from queue::SearchHit::nameSpans).
    ResultCard(std::string text, std::vector<queue::TextSpan> spans, std::string subtitle,
               std::function<void()> onTap);

    const std::string& text() const noexcept { return m_text; }
    // The words drawn highlighted, in order (for tests).
    std::vector<std::string> highlightedWords() const;
    bool tappable() const override { return true; }

  protected:
    ui::Size measureContent(const ui::LayoutContext& context, ui::Size available) const override;
    void layoutChildren(const ui::LayoutContext& context) override;
    bool onInput(const ui::InputEvent& event) override;
    void drawSelf(ui::Painter& painter) const override;
    void collectOwnText(std::vector<ui::VisibleText>& out, const ui::Rect& clip) const override;
    void collectOwnLayout(std::vector<ui::LayoutItem>& out, const ui::Rect& clip,
                          bool scrolled) const override;

  private:
    struct Word {
        std::string text;
        bool highlighted = false;
        ui::Rect place;  // relative to the card's top-left, from layout
    };
    struct Flow {
        std::vector<ui::Rect> places;
        int height = 0;
    };
    Flow flow(const ui::LayoutContext& context, int width) const;
    int padding(const ui::LayoutContext& context) const;

    std::string m_text;
    std::string m_subtitle;
    std::function<void()> m_onTap;
    std::vector<Word> m_words;
    std::vector<std::string> m_subtitleLines;
    ui::TextStyle m_style;
    ui::TextStyle m_subtitleStyle;
    int m_subtitleTop = 0;
    int m_subtitleLineHeight = 0;
    int m_padding = 0;
    bool m_pressed = false;
};

// A QR code drawn from its modules as filled rectangles (one per run of dark modules in a row), with
// the four-module quiet zone, scaled to whole pixels per module.
class QrView final : public ui::Widget {
  public:
    // payload: the address to open; an empty or too long payload draws nothing.
    QrView(const std::string& payload, int sidePx);
    bool valid() const noexcept { return m_size > 0; }
    int modules() const noexcept { return m_size; }

  protected:
    ui::Size measureContent(const ui::LayoutContext& context, ui::Size available) const override;
    void drawSelf(ui::Painter& painter) const override;

  private:
    int m_size = 0;
    int m_sidePx;
    // Runs of dark modules: row, first column, length.
    struct Run {
        int row, column, length;
    };
    std::vector<Run> m_runs;
};

}  // namespace motcua::kiosk
