// Voice guidance for citizens who cannot see the screen (EN 301 549 5.1.3), in the display language.
//
// Turned on by the large "Hướng dẫn bằng giọng nói" switch on the welcome and home screens; off again
// at the end of the visit, with the volume back to normal. While on:
// - every screen is read aloud as it appears (a screen that changes reads only what is new, or its
//   own summary: the ticket reads number, service, counters, people ahead and wait);
// - touch works as on a phone's screen reader (TalkBack, VoiceOver), reduced to what a kiosk needs:
//     one tap        says what is under the finger and puts the focus there (nothing is pressed)
//     double tap     anywhere: says "Đã chọn: …" and presses the focused control
//     swipe right    the next item, read aloud; swipe left: the previous one
//     swipe up       repeats what was said last; swipe down: stops the speech
//   and any touch stops what is being said first;
// - the voice bar (Nhắc lại, Dừng, Âm lượng) sits on every page for whoever helps.
// Speech goes through voice::Speaker; with no speaker (no sound, tests of other things) the guide
// still keeps focus and its log.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kiosk/kiosk_app/kiosk_text.h"
#include "kiosk/ui/input.h"
#include "kiosk/ui/widget.h"

namespace motcua::ui {
class WidgetScreen;
}
namespace motcua::voice {
class Speaker;
}

namespace motcua::kiosk {

class VoiceGuide {
  public:
    // Double taps are two taps this close in time.
    static constexpr std::int64_t kDoubleTapMs = 450;
    // A swipe moves at least this far, mostly along one axis.
    static constexpr int kSwipePx = 80;
    static constexpr double kVolumeSteps[] = {1.0, 1.5, 2.0};

    // speaker: gives the speaker the first time the guide is turned on (null result or empty function:
    // no sound, the log only); the speaker it gives must outlive the guide.
    VoiceGuide(std::function<voice::Speaker*()> speaker, std::function<std::int64_t()> nowMs);

    bool on() const noexcept { return m_on; }
    void setOn(bool on, Language language);
    // The end of a visit: off, volume back to normal, silent.
    void reset();

    // Reads a screen that has just appeared (all of it), or changed (what is new, or its summary).
    void screenShown(const ui::WidgetScreen& screen, const std::string& summary, Language language);
    void screenChanged(const ui::WidgetScreen& screen, const std::string& summary, Language language);
    // Says something now (the idle warning's countdown, a ticket).
    void say(const std::string& text, Language language);

    // Takes the pointer events while on (see the file comment); true when the event was used.
    bool handle(const ui::InputEvent& event, ui::WidgetScreen& screen, Language language);

    void repeat();
    void stop();
    // The next volume step (wraps around); returns it.
    double louder();
    double volume() const noexcept { return kVolumeSteps[m_volumeStep]; }

    // What the guide asked to be said, in order (also when there is no speaker).
    const std::vector<std::string>& log() const noexcept { return m_log; }
    const std::string& focused() const noexcept { return m_focusText; }

  private:
    struct Item {
        const ui::Widget* owner = nullptr;
        std::string text;
        ui::Rect bounds;
        bool tappable = false;
    };
    std::vector<Item> itemsOf(const ui::WidgetScreen& screen) const;
    std::string describe(const Item& item, Language language) const;
    void focus(const Item& item, Language language);
    void activate(ui::WidgetScreen& screen, Language language);
    void move(ui::WidgetScreen& screen, int by, Language language);
    void speak(const std::string& text, Language language, bool replace);

    std::function<voice::Speaker*()> m_speakerSource;
    voice::Speaker* m_speaker = nullptr;
    std::function<std::int64_t()> m_now;
    bool m_on = false;
    std::size_t m_volumeStep = 0;
    std::vector<std::string> m_log;
    std::vector<std::string> m_lastTexts;  // of the screen as last read
    std::string m_lastSummary;             // the screen's own summary as last read ("" for none)
    std::string m_wholeText;               // when only a summary's addition was said: the whole, for repeat
    Language m_wholeLanguage = Language::Vi;
    std::string m_focusText;
    const ui::Widget* m_focusOwner = nullptr;
    ui::Rect m_focusBounds;
    std::int64_t m_lastTapMs = -1'000'000;
    bool m_dragging = false;
};

}  // namespace motcua::kiosk
