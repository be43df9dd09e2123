#include "kiosk/ui/vietnamese_keyboard.h"

#include "kiosk/ui/box.h"
#include "kiosk/ui/button.h"
#include "kiosk/ui/painter.h"
#include "kiosk/ui/text_input.h"
#include "text/utf8.h"

namespace motcua::ui {

using text::appendUtf8;

namespace {
constexpr std::u32string_view kLetterRows[] = {U"qwertyuiop", U"asdfghjkl", U"zxcvbnm"};
constexpr std::u32string_view kDiacriticLetters = U"ăâđêôơư";
// The tone keys show the tone on an a, with its name underneath.
constexpr std::u32string_view kToneSamples = U"áàảãạ";
constexpr Tone kTones[] = {Tone::Acute, Tone::Grave, Tone::Hook, Tone::Tilde, Tone::Dot};

std::string single(char32_t c) {
    std::string s;
    appendUtf8(s, c);
    return s;
}

std::unique_ptr<Box> row() {
    return std::make_unique<Box>(Axis::Horizontal, 0, 8);
}
}  // namespace

VietnameseKeyboard::VietnameseKeyboard(TextInput& target, KeyboardLabels labels, KeyboardShape shape)
    : m_target(target), m_labels(std::move(labels)) {
    setKeptWhole(true);  // every key in view at once (kiosk/ui/layout_check.h)
    const bool fiveRows = shape == KeyboardShape::FiveRows;
    auto& rows = add(std::make_unique<Box>(Axis::Vertical, 0, 10));

    auto& diacritics = rows.add(row());
    for (char32_t c : kDiacriticLetters)
        diacritics.add(std::make_unique<Button>(single(c), [this, c] { m_target.applyLetterKey(c); }), 2);
    if (fiveRows)
        diacritics.add(std::make_unique<Button>(m_labels.space, [this] { m_target.type(U' '); }), 5);

    auto& tones = rows.add(row());
    for (std::size_t i = 0; i < 5; ++i) {
        const Tone tone = kTones[i];
        auto& key = tones.add(
            std::make_unique<Button>(single(kToneSamples[i]), [this, tone] { m_target.applyToneKey(tone); }),
            3);
        key.setSecondary(m_labels.toneNames[i]);
    }

    for (std::size_t r = 0; r < 3; ++r) {
        auto& letters = rows.add(row());
        // Half-key indents, as on a physical keyboard, keep the columns people know.
        if (r == 1) letters.add(std::make_unique<Spacer>(), 1);
        if (r == 2) letters.add(std::make_unique<Spacer>(), 3);
        for (char32_t c : kLetterRows[r])
            letters.add(std::make_unique<Button>(single(c), [this, c] { m_target.type(c); }), 2);
        if (r == 1) letters.add(std::make_unique<Spacer>(), 1);
        if (r == 2)
            letters.add(std::make_unique<Button>(m_labels.backspace, [this] { m_target.backspace(); }), 3);
    }
    // Telex, (space,) clear: the last row (six rows), or beside the tone keys (five).
    Box* bottom = fiveRows ? &tones : &rows.add(row());
    m_telexKey =
        &bottom->add(std::make_unique<Button>(m_target.telex() ? m_labels.telexOn : m_labels.telexOff,
                                              [this] { setTelex(!m_target.telex()); }),
                     fiveRows ? 4 : 3);
    if (!fiveRows) bottom->add(std::make_unique<Button>(m_labels.space, [this] { m_target.type(U' '); }), 6);
    bottom->add(std::make_unique<Button>(m_labels.clear, [this] { m_target.clear(); }), fiveRows ? 4 : 3);
}

void VietnameseKeyboard::setTelex(bool on) {
    m_target.setTelex(on);
    m_telexKey->setLabel(on ? m_labels.telexOn : m_labels.telexOff);
    m_telexKey->setStyle(on ? ButtonStyle::Primary : ButtonStyle::Secondary);
}

Size VietnameseKeyboard::measureContent(const LayoutContext& context, Size available) const {
    return children().front()->measure(context, available);
}

void VietnameseKeyboard::layoutChildren(const LayoutContext& context) {
    children().front()->layout(context, bounds());
}

void VietnameseKeyboard::drawSelf(Painter&) const {}

}  // namespace motcua::ui
