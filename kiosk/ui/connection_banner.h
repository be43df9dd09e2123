// The one banner every screen shows while its program cannot reach the database server (several PCs
// sharing a PostgreSQL store: the server restarted, a cable pulled): "Mất kết nối máy chủ – đang kết
// nối lại…". The program keeps trying by itself; the banner goes when the connection is back.
//
// The App draws it across the top of the window (App::watchServer) over whatever screen is up; a
// screen that keeps a line of its own for messages (the staff console, whose buttons must never move)
// says so (Screen::showsConnectionBanner) and puts a ConnectionBanner in that line instead. Either way
// the words, the colours and the pictogram are these.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/widget.h"

namespace motcua::ui {

inline constexpr std::string_view kConnectionLostVi = "Mất kết nối máy chủ – đang kết nối lại…";
inline constexpr std::string_view kConnectionLostEn = "Connection to the server lost – reconnecting…";

class ConnectionBanner final : public Widget {
  public:
    // english: the program shows English now (the kiosk's language button). role: the text size
    // (Heading across a window; Small in the console's one-line notice row).
    // overlay: drawn over a screen (the App's), so it takes every touch on it and the layout check sees
    // what lies under it as covered.
    explicit ConnectionBanner(bool english = false, FontRole role = FontRole::Heading, bool overlay = false);
    bool tappable() const override { return m_overlay; }

    void setEnglish(bool english);
    bool english() const noexcept { return m_english; }
    const std::string& message() const noexcept { return m_message; }

  protected:
    Size measureContent(const LayoutContext& context, Size available) const override;
    void layoutChildren(const LayoutContext& context) override;
    bool onInput(const InputEvent& event) override;
    void drawSelf(Painter& painter) const override;
    void collectOwnText(std::vector<VisibleText>& out, const Rect& clip) const override;
    void collectOwnLayout(std::vector<LayoutItem>& out, const Rect& clip, bool scrolled) const override;

  private:
    int iconPx(const LayoutContext& context) const;
    Rect textArea() const;

    bool m_english = false;
    bool m_overlay = false;
    FontRole m_role;
    std::string m_message;
    TextStyle m_style;
    int m_lineHeight = 0;
    int m_iconPx = 0;
    int m_pad = 0;
    std::vector<std::string> m_lines;
    std::vector<int> m_lineWidths;
};

}  // namespace motcua::ui
