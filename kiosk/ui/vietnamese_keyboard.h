// The on-screen keyboard for Vietnamese: a row of direct letter keys (ă â đ ê ô ơ ư) and a row of
// tone keys (sắc huyền hỏi ngã nặng) that change the word being typed, for people who do not know
// Telex; QWERTY letter rows; space, backspace, clear, and a Telex switch.
#pragma once

#include <string>

#include "kiosk/ui/widget.h"

namespace motcua::ui {

class Button;
class TextInput;

struct KeyboardLabels {
    std::string space = "Dấu cách";
    std::string backspace = "Xóa";
    std::string clear = "Xóa hết";
    std::string telexOn = "Telex: Bật";
    std::string telexOff = "Telex: Tắt";
    std::string toneNames[5] = {"sắc", "huyền", "hỏi", "ngã", "nặng"};
};

// Six rows (the letter keys, the tone keys, three QWERTY rows, then Telex, space and clear), or five
// for a landscape screen, where height is short: space beside the letter keys, Telex and clear beside
// the tone keys (whose row has two lines of text anyway). Four for a wide screen with the least
// height (1366x768 in large text), the keyboard across the whole width: the letter and tone keys in
// one row, clear, space, backspace and Telex at the ends of the three QWERTY rows.
enum class KeyboardShape { SixRows, FiveRows, FourRows };

class VietnameseKeyboard final : public Widget {
  public:
    // target must outlive the keyboard (typically both are owned by the same parent or screen).
    // keyHeight: every key this tall (px; 0: as its text needs), for a screen that has only so much
    // room (FourRows on a 768 px screen in large text).
    explicit VietnameseKeyboard(TextInput& target, KeyboardLabels labels = {},
                                KeyboardShape shape = KeyboardShape::SixRows, int keyHeight = 0);

    TextInput& target() noexcept { return m_target; }
    void setTelex(bool on);

  protected:
    void layoutChildren(const LayoutContext& context) override;
    Size measureContent(const LayoutContext& context, Size available) const override;
    void drawSelf(Painter& painter) const override;

  private:
    TextInput& m_target;
    KeyboardLabels m_labels;
    Button* m_telexKey = nullptr;
};

}  // namespace motcua::ui
