#include "kiosk/ui/vietnamese_keyboard.h"

#include <functional>

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

VietnameseKeyboard::VietnameseKeyboard(TextInput& target, KeyboardLabels labels, KeyboardShape shape,
                                       int keyHeight)
    : m_target(target), m_labels(std::move(labels)) {
    setKeptWhole(true);  // every key in view at once (kiosk/ui/layout_check.h)
    const bool fiveRows = shape == KeyboardShape::FiveRows, fourRows = shape == KeyboardShape::FourRows;
    auto& rows = add(std::make_unique<Box>(Axis::Vertical, 0, fourRows ? 2 : 10));
    const auto key = [keyHeight](Box& into, std::string label, std::function<void()> onTap, int weight,
                                 int height = 0) -> Button& {
        auto& button = into.add(std::make_unique<Button>(std::move(label), std::move(onTap)), weight);
        if (keyHeight > 0) button.setFixedHeight(height > 0 ? height : keyHeight);
        return button;
    };
    // The tone keys have their name under the letter: their row (and, in four rows, the letter keys
    // beside them) taller.
    const int firstRowHeight = keyHeight * 5 / 3;

    auto& diacritics = rows.add(row());
    for (char32_t c : kDiacriticLetters)
        key(
            diacritics, single(c), [this, c] { m_target.applyLetterKey(c); }, 2,
            fourRows ? firstRowHeight : 0);
    if (fiveRows)
        key(
            diacritics, m_labels.space, [this] { m_target.type(U' '); }, 5);

    auto& tones = fourRows ? diacritics : rows.add(row());
    for (std::size_t i = 0; i < 5; ++i) {
        const Tone tone = kTones[i];
        key(
            tones, single(kToneSamples[i]), [this, tone] { m_target.applyToneKey(tone); }, fourRows ? 2 : 3,
            firstRowHeight)
            .setSecondary(m_labels.toneNames[i]);
    }

    Box* letterRows[3] = {};
    for (std::size_t r = 0; r < 3; ++r) {
        auto& letters = rows.add(row());
        letterRows[r] = &letters;
        // Half-key indents, as on a physical keyboard, keep the columns people know.
        if (r == 1) letters.add(std::make_unique<Spacer>(), 1);
        if (r == 2) letters.add(std::make_unique<Spacer>(), 3);
        for (char32_t c : kLetterRows[r])
            key(
                letters, single(c), [this, c] { m_target.type(c); }, 2);
        if (r == 1 && !fourRows) letters.add(std::make_unique<Spacer>(), 1);
        if (r == 2)
            key(
                letters, m_labels.backspace, [this] { m_target.backspace(); }, 3);
    }
    const auto telexKey = [this, &key](Box& into, int weight) {
        m_telexKey = &key(
            into, m_target.telex() ? m_labels.telexOn : m_labels.telexOff,
            [this] { setTelex(!m_target.telex()); }, weight);
    };
    if (fourRows) {
        // Clear after p, space after l, Telex after backspace: the three rows' keys in line.
        key(
            *letterRows[0], m_labels.clear, [this] { m_target.clear(); }, 6);
        key(
            *letterRows[1], m_labels.space, [this] { m_target.type(U' '); }, 7);
        telexKey(*letterRows[2], 6);
        return;
    }
    // Telex, (space,) clear: the last row (six rows), or beside the tone keys (five).
    Box* bottom = fiveRows ? &tones : &rows.add(row());
    telexKey(*bottom, fiveRows ? 4 : 3);
    if (!fiveRows)
        key(
            *bottom, m_labels.space, [this] { m_target.type(U' '); }, 6);
    key(
        *bottom, m_labels.clear, [this] { m_target.clear(); }, fiveRows ? 4 : 3);
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
