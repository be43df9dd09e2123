// The base of every kiosk screen: a widget screen built from the session's language (built again
// when the language changes), laid out for portrait or landscape, and watching for the supervisor's
// corner taps. Also the page frame every citizen screen shares, which cannot overlap at any size:
//
//   header   the office's logo and name, date and clock (KioskHeader)          fixed
//   title    the step indicator of the take-number flow, the title, a subtitle fixed (or scrolling)
//   middle   the content: fills the room left, scrolls (with a hint) when taller
//   footer   the pinned main action, then "Quay lại" and "Trang chủ" where a thumb reaches   fixed
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/kiosk_app/kiosk_session.h"
#include "kiosk/kiosk_app/kiosk_text.h"
#include "kiosk/ui/box.h"
#include "kiosk/ui/button.h"
#include "kiosk/ui/icons.h"
#include "kiosk/ui/label.h"
#include "kiosk/ui/screen.h"
#include "queue/issuing_hours.h"

namespace motcua::ui {
class ScrollView;
}

namespace motcua::kiosk {

// The toolkit names every kiosk screen builds its pages from.
using ui::Axis;
using ui::Box;
using ui::Button;
using ui::ButtonShape;
using ui::ButtonStyle;
using ui::FontRole;
using ui::Label;
using ui::TextAlign;
using ui::TextColour;

class KioskHeader;

// Numbers are not issued now: the calm notice card (as for a print failure or a lost server, never
// error red) with a clock pictogram and when they are issued again, in the language; withEnglish adds
// the English under the Vietnamese (the welcome page, before the citizen can switch).
std::unique_ptr<ui::Widget> closedCard(const queue::IssuingState& state, Language language, bool withEnglish);

// The keys in a grid of `columns`, each a button whose tap gives its label to onKey (the code
// keypads of the appointment and dossier screens).
std::unique_ptr<ui::Widget> keyPad(const std::vector<std::string>& keys, int columns,
                                   const std::function<void(const std::string&)>& onKey);

// What a page is made of (KioskScreen::makePage).
struct Page {
    std::string title;
    std::string subtitle;
    std::unique_ptr<ui::Widget> content;  // the middle
    std::unique_ptr<ui::Widget> pinned;  // always in view above the navigation (the main action); may be null
    bool withBack = true;
    bool withNavigation = true;
    bool titleScrolls = false;  // the title is the top of the middle and scrolls away with it
    bool middleScrolls = true;  // false: the content fills the middle and scrolls its own parts (search)
    int step = 0;               // 1..3: the take-number flow's step indicator
    // Landscape: the pinned main action goes at the right of "Quay lại" and "Trang chủ", in their row,
    // leaving the middle the height of a row more (a 768 px screen in large text).
    bool pinnedBesideNavigation = false;
    int pinnedWeight = 2;  // beside the navigation: its share of the row, theirs being 1 each
};

class KioskScreen : public ui::WidgetScreen {
  public:
    explicit KioskScreen(KioskSession& session) : m_session(session) {}

    void layout(const ui::LayoutContext& context, ui::Size size) override;
    void handleInput(const ui::InputEvent& event) override;
    void update(std::chrono::milliseconds dt) override;
    // Voice guidance reads the screen at its next layout.
    void onShow() override { m_shownPending = true; }
    // The ID card scanner's line, typed as keys from sinceMs (input timestamps) on, went into this
    // screen before it could be told from a person's typing: a screen that took typed text (the
    // search field) puts back what it had before. Nothing to do for the others.
    virtual void takeBackScanned(std::int64_t /*sinceMs*/) {}

  protected:
    // What voice guidance says for this screen instead of its texts ("" for the texts): the ticket's
    // number read letter by letter, its service, counters, people ahead and wait.
    virtual std::string spokenSummary() const { return {}; }
    // Makes the widget tree (setRoot) in the session's language. Called before the first layout and
    // again after a language change; state a screen keeps across rebuilds lives in its members.
    virtual void build() = 0;
    // Adjusts the tree for the window's orientation before it is laid out.
    virtual void adapt(bool /*landscape*/) {}

    Language lang() const noexcept { return m_session.language(); }
    const char* t(const Phrase& phrase) const noexcept { return phrase.pick(lang()); }
    bool landscape() const noexcept { return m_landscape; }
    // The window's size at the last layout (before the first: the landscape kiosk's 1920x1080).
    ui::Size windowSize() const noexcept { return m_windowSize; }
    // Builds the tree again before the next layout. Widgets' handlers call this instead of build():
    // the tree must not be replaced while one of its widgets is handling a tap.
    void requestRebuild() noexcept { m_rebuild = true; }

    // The page frame (see the file comment). Returns the root.
    std::unique_ptr<ui::Widget> makePage(Page page);
    std::unique_ptr<ui::Widget> makePage(const std::string& title, std::unique_ptr<ui::Widget> content,
                                         bool withBack = true, const std::string& subtitle = {});
    // A screen without the page frame still gets the header: root under it.
    std::unique_ptr<ui::Widget> withHeader(std::unique_ptr<ui::Widget> root);
    // The middle's scrolling view of the last makePage.
    ui::ScrollView* middle() const noexcept { return m_middle; }

    KioskSession& m_session;

  private:
    void ensureBuilt();
    void refreshClock();
    std::uint64_t m_builtGeneration = ~std::uint64_t{0};
    bool m_landscape = true;
    ui::Size m_windowSize{1920, 1080};
    bool m_rebuild = false;
    bool m_shownPending = false;
    bool m_changedPending = false;
    KioskHeader* m_header = nullptr;
    ui::ScrollView* m_middle = nullptr;
};

}  // namespace motcua::kiosk
