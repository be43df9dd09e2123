#include "kiosk/kiosk_app/voice_guide.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

#include "kiosk/ui/screen.h"
#include "kiosk/voice/speaker.h"

namespace motcua::kiosk {

namespace {
voice::SpeechLanguage speechOf(Language language) {
    return language == Language::En ? voice::SpeechLanguage::English : voice::SpeechLanguage::Vietnamese;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += ". ";
        out += p;
    }
    return out;
}
}  // namespace

VoiceGuide::VoiceGuide(std::function<voice::Speaker*()> speaker, std::function<std::int64_t()> nowMs)
    : m_speakerSource(std::move(speaker)), m_now(std::move(nowMs)) {}

void VoiceGuide::setOn(bool on, Language language) {
    if (on == m_on) return;
    // The voices start on first use (espeak-ng takes a moment; the first frame must not wait).
    if (on && !m_speaker && m_speakerSource) m_speaker = m_speakerSource();
    if (!on) speak(words::kVoiceTurnedOff.pick(language), language, true);
    m_on = on;
    m_focusOwner = nullptr;
    m_focusText.clear();
    if (on) speak(words::kVoiceHowTo.pick(language), language, true);
}

void VoiceGuide::reset() {
    m_on = false;
    m_volumeStep = 0;
    m_focusOwner = nullptr;
    m_focusText.clear();
    m_lastTexts.clear();
    if (m_speaker) {
        m_speaker->stop();
        m_speaker->setVolume(volume());
    }
}

void VoiceGuide::speak(const std::string& text, Language language, bool replace) {
    if (text.empty()) return;
    m_wholeText.clear();
    m_log.push_back(text);
    if (!m_speaker) return;
    if (replace)
        m_speaker->say(text, speechOf(language));
    else
        m_speaker->queue(text, speechOf(language));
}

void VoiceGuide::say(const std::string& text, Language language) {
    if (m_on) speak(text, language, true);
}

std::vector<VoiceGuide::Item> VoiceGuide::itemsOf(const ui::WidgetScreen& screen) const {
    std::vector<Item> items;
    if (!screen.root()) return items;
    std::vector<ui::VisibleText> texts;
    screen.collectVisibleText(texts, screen.root()->bounds());
    for (const auto& t : texts) {
        if (t.bounds.empty() || t.text.empty()) continue;
        if (!items.empty() && t.owner && items.back().owner == t.owner) {
            items.back().text += ", " + t.text;
            continue;
        }
        items.push_back(
            {t.owner, t.text, t.owner ? t.owner->bounds() : t.bounds, t.owner && t.owner->tappable()});
    }
    return items;
}

std::string VoiceGuide::describe(const Item& item, Language language) const {
    return item.tappable ? item.text + ", " + words::kVoiceButton.pick(language) : item.text;
}

void VoiceGuide::screenShown(const ui::WidgetScreen& screen, const std::string& summary, Language language) {
    std::vector<std::string> texts;
    for (const auto& item : itemsOf(screen)) texts.push_back(item.text);
    m_lastTexts = texts;
    m_lastSummary = summary;
    m_focusOwner = nullptr;
    m_focusText.clear();
    if (m_on) speak(summary.empty() ? joined(texts) : summary, language, false);
}

void VoiceGuide::screenChanged(const ui::WidgetScreen& screen, const std::string& summary,
                               Language language) {
    std::vector<std::string> texts;
    std::vector<std::string> fresh;
    for (const auto& item : itemsOf(screen)) {
        if (std::find(m_lastTexts.begin(), m_lastTexts.end(), item.text) == m_lastTexts.end())
            fresh.push_back(item.text);
        texts.push_back(item.text);
    }
    m_lastTexts = texts;
    const std::string before = std::exchange(m_lastSummary, summary);
    if (!m_on || fresh.empty()) return;
    // A summary that grew (the ticket, then "take your ticket from the slot" once printed) says only
    // what was added: the citizen has just heard the rest.
    if (!summary.empty() && !before.empty() && summary.size() > before.size() &&
        summary.compare(0, before.size(), before) == 0) {
        std::string added = summary.substr(before.size());
        added.erase(0, added.find_first_not_of(". "));
        if (!added.empty()) speak(added, language, false);
        m_wholeText = summary;  // "repeat" reads the whole screen again, not only the addition
        m_wholeLanguage = language;
        return;
    }
    speak(summary.empty() ? joined(fresh) : summary, language, false);
}

void VoiceGuide::focus(const Item& item, Language language) {
    m_focusOwner = item.owner;
    m_focusText = item.text;
    m_focusBounds = item.bounds;
    speak(describe(item, language), language, true);
}

void VoiceGuide::activate(ui::WidgetScreen& screen, Language language) {
    const auto items = itemsOf(screen);
    // The focused item as the screen is now (matched by widget, else by its words).
    auto it = std::find_if(items.begin(), items.end(), [&](const Item& i) {
        return m_focusOwner && i.owner == m_focusOwner && i.text == m_focusText;
    });
    if (it == items.end())
        it = std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.text == m_focusText; });
    if (m_focusText.empty() || it == items.end()) {
        speak(words::kVoiceNothingFocused.pick(language), language, true);
        return;
    }
    if (!it->tappable) {
        speak(it->text, language, true);
        return;
    }
    // Said before it acts: the citizen hears what they chose.
    speak(kiosk::say(words::kVoiceChosen, language, it->text), language, true);
    const ui::Point centre = it->bounds.center();
    if (screen.root()) screen.root()->dispatch(ui::InputEvent::tap(centre));
}

void VoiceGuide::move(ui::WidgetScreen& screen, int by, Language language) {
    const auto items = itemsOf(screen);
    if (items.empty()) return;
    auto it = std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.text == m_focusText; });
    long index = it == items.end() ? (by > 0 ? -1 : 0) : it - items.begin();
    index = (index + by + static_cast<long>(items.size())) % static_cast<long>(items.size());
    focus(items[static_cast<std::size_t>(index)], language);
}

bool VoiceGuide::handle(const ui::InputEvent& event, ui::WidgetScreen& screen, Language language) {
    if (!m_on || !event.isPointer()) return false;
    switch (event.type) {
        case ui::InputType::PointerDown:
            // Any touch first silences what is being said.
            if (m_speaker) m_speaker->stop();
            m_dragging = false;
            return true;
        case ui::InputType::PointerDrag:
            m_dragging = true;
            return true;
        case ui::InputType::PointerUp: {
            if (!m_dragging) return true;
            m_dragging = false;
            const int dx = event.position.x - event.start.x;
            const int dy = event.position.y - event.start.y;
            if (std::abs(dx) >= kSwipePx && std::abs(dx) > 2 * std::abs(dy))
                move(screen, dx > 0 ? 1 : -1, language);
            else if (std::abs(dy) >= kSwipePx && std::abs(dy) > 2 * std::abs(dx))
                dy < 0 ? repeat() : stop();
            return true;
        }
        case ui::InputType::Tap: {
            const std::int64_t now = m_now();
            if (now - m_lastTapMs <= kDoubleTapMs) {
                m_lastTapMs = -1'000'000;
                activate(screen, language);
                return true;
            }
            m_lastTapMs = now;
            const auto items = itemsOf(screen);
            const Item* best = nullptr;
            for (const auto& item : items) {
                if (!item.bounds.contains(event.position)) continue;
                const long area = static_cast<long>(item.bounds.width) * item.bounds.height;
                if (!best || area < static_cast<long>(best->bounds.width) * best->bounds.height) best = &item;
            }
            if (best) focus(*best, language);
            return true;
        }
        default:
            return false;
    }
}

void VoiceGuide::repeat() {
    if (!m_wholeText.empty()) {
        const std::string whole = m_wholeText;
        const Language language = m_wholeLanguage;
        speak(whole, language, true);
        m_wholeText = whole;
        m_wholeLanguage = language;
        return;
    }
    if (m_speaker) m_speaker->repeat();
    if (!m_log.empty()) m_log.push_back(m_log.back());
}

void VoiceGuide::stop() {
    if (m_speaker) m_speaker->stop();
}

double VoiceGuide::louder() {
    m_volumeStep = (m_volumeStep + 1) % std::size(kVolumeSteps);
    if (m_speaker) m_speaker->setVolume(volume());
    return volume();
}

}  // namespace motcua::kiosk
