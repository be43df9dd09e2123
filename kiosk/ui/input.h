// The UI's own input events. SDL events are translated into these in one place (sdl_input.h), the
// script driver produces the same ones, and screens and widgets only ever see these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/ui/geometry.h"

namespace motcua::ui {

enum class Key {
    Unknown,
    Return,
    Escape,
    Backspace,
    Tab,
    Space,
    Delete,
    Home,
    End,
    PageUp,
    PageDown,
    Up,
    Down,
    Left,
    Right,
    F1,
    F2,
    F3,
    F4,
    F5,
    F6,
    F7,
    F8,
    F9,
    F10,
    F11,
    F12,
    A,
    B,
    C,
    D,
    E,
    F,
    G,
    H,
    I,
    J,
    K,
    L,
    M,
    N,
    O,
    P,
    Q,
    R,
    S,
    T,
    U,
    V,
    W,
    X,
    Y,
    Z,
    Digit0,
    Digit1,
    Digit2,
    Digit3,
    Digit4,
    Digit5,
    Digit6,
    Digit7,
    Digit8,
    Digit9,
};

// "Return", "Escape", "F5", "a", "Z", "7" -> the key; case-insensitive names, single letters and digits.
std::optional<Key> keyFromName(std::string_view name);
std::string keyName(Key key);

// A pointer (finger or mouse) before gesture recognition, in window pixels.
enum class PointerAction { Down, Move, Up };
struct RawPointer {
    PointerAction action = PointerAction::Down;
    Point position;
    // Finger id, or -1 for the mouse. Only the first pointer down is followed; others are ignored.
    long long pointerId = -1;
};

enum class InputType {
    PointerDown,  // a finger or button went down at position
    PointerDrag,  // it moved beyond the tap slop; delta since the previous drag event, start = where it went
                  // down
    PointerUp,    // it was lifted; velocity (px/s) of the last movement, for momentum
    Tap,          // down and up within the slop: the "click"; sent after PointerUp
    Key,          // a key press (physical keyboard, or the script's `key`)
    Text,         // text typed (UTF-8), from the keyboard or the script's `type`
};

struct InputEvent {
    InputType type = InputType::Tap;
    Point position;        // pointer events: where the pointer is now
    Point start;           // pointer events: where it went down (routing point for the gesture)
    Point delta;           // PointerDrag
    double velocityX = 0;  // PointerUp, px per second
    double velocityY = 0;
    Key key = Key::Unknown;  // Key
    std::string text;        // Text
    // Key and Text: when the key went down, in ms (SDL's event timestamp; a script's clock). Only
    // differences between events mean something (ScanDetector).
    std::int64_t timestampMs = 0;

    bool isPointer() const noexcept { return type != InputType::Key && type != InputType::Text; }
    static InputEvent keyPress(Key k);
    static InputEvent textInput(std::string utf8);
    static InputEvent tap(Point p);
};

}  // namespace motcua::ui
