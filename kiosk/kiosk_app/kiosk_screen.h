// The base of every kiosk screen: a widget screen built from the session's language (built again
// when the language changes), laid out for portrait or landscape, and watching for the supervisor's
// corner taps. Also the page frame most screens share: a title, the content, and a bar with
// "Quay lại" and "Trang chủ" at the bottom, where a thumb reaches and no corner tap lands.
#pragma once

#include <memory>
#include <string>

#include "kiosk/kiosk_app/kiosk_session.h"
#include "kiosk/kiosk_app/kiosk_text.h"
#include "kiosk/ui/box.h"
#include "kiosk/ui/button.h"
#include "kiosk/ui/label.h"
#include "kiosk/ui/screen.h"

namespace motcua::kiosk {

// The toolkit names every kiosk screen builds its pages from.
using ui::Axis;
using ui::Box;
using ui::Button;
using ui::ButtonStyle;
using ui::FontRole;
using ui::Label;
using ui::TextAlign;
using ui::TextColour;

class KioskScreen : public ui::WidgetScreen {
public:
    explicit KioskScreen(KioskSession& session) : m_session(session) {}

    void layout(const ui::LayoutContext& context, ui::Size size) override;
    void handleInput(const ui::InputEvent& event) override;
    void update(std::chrono::milliseconds dt) override;

protected:
    // Makes the widget tree (setRoot) in the session's language. Called before the first layout and
    // again after a language change; state a screen keeps across rebuilds lives in its members.
    virtual void build() = 0;
    // Adjusts the tree for the window's orientation before it is laid out.
    virtual void adapt(bool /*landscape*/) {}

    Language lang() const noexcept { return m_session.language(); }
    const char* t(const Phrase& phrase) const noexcept { return phrase.pick(lang()); }
    bool landscape() const noexcept { return m_landscape; }
    // Builds the tree again before the next layout. Widgets' handlers call this instead of build():
    // the tree must not be replaced while one of its widgets is handling a tap.
    void requestRebuild() noexcept { m_rebuild = true; }

    // A page: title (and an optional subtitle), the content with weight 1, and the navigation bar.
    // Returns the root; contentOut receives the content box's slot.
    std::unique_ptr<ui::Box> makePage(const std::string& title, std::unique_ptr<ui::Widget> content,
                                      bool withBack = true, const std::string& subtitle = {});

    KioskSession& m_session;

private:
    void ensureBuilt();
    std::uint64_t m_builtGeneration = ~std::uint64_t{0};
    bool m_landscape = true;
    bool m_rebuild = false;
};

}  // namespace motcua::kiosk
