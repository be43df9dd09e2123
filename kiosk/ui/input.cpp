#include "kiosk/ui/input.h"

#include <array>
#include <cctype>
#include <utility>

namespace motcua::ui {

namespace {
constexpr std::array<std::pair<std::string_view, Key>, 26> kNamedKeys{{
    {"return", Key::Return},
    {"enter", Key::Return},
    {"escape", Key::Escape},
    {"esc", Key::Escape},
    {"backspace", Key::Backspace},
    {"tab", Key::Tab},
    {"space", Key::Space},
    {"delete", Key::Delete},
    {"home", Key::Home},
    {"end", Key::End},
    {"pageup", Key::PageUp},
    {"pagedown", Key::PageDown},
    {"up", Key::Up},
    {"down", Key::Down},
    {"left", Key::Left},
    {"right", Key::Right},
    {"f1", Key::F1},
    {"f2", Key::F2},
    {"f3", Key::F3},
    {"f4", Key::F4},
    {"f5", Key::F5},
    {"f6", Key::F6},
    {"f7", Key::F7},
    {"f8", Key::F8},
    {"f9", Key::F9},
    {"f10", Key::F10},
}};

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}
}  // namespace

std::optional<Key> keyFromName(std::string_view name) {
    if (name.size() == 1) {
        const auto c = static_cast<unsigned char>(name[0]);
        if (std::isalpha(c)) return static_cast<Key>(static_cast<int>(Key::A) + (std::tolower(c) - 'a'));
        if (std::isdigit(c)) return static_cast<Key>(static_cast<int>(Key::Digit0) + (c - '0'));
        return std::nullopt;
    }
    const std::string n = lower(name);
    if (n == "f11") return Key::F11;
    if (n == "f12") return Key::F12;
    for (const auto& [keyName, key] : kNamedKeys)
        if (keyName == n) return key;
    return std::nullopt;
}

std::string keyName(Key key) {
    const int k = static_cast<int>(key);
    if (key >= Key::A && key <= Key::Z)
        return std::string(1, static_cast<char>('a' + (k - static_cast<int>(Key::A))));
    if (key >= Key::Digit0 && key <= Key::Digit9)
        return std::string(1, static_cast<char>('0' + (k - static_cast<int>(Key::Digit0))));
    if (key >= Key::F1 && key <= Key::F12) {
        // Appended, not "F" + std::to_string(…): GCC 12 at -O3 reports a false -Wrestrict on that.
        std::string name = "F";
        name += std::to_string(k - static_cast<int>(Key::F1) + 1);
        return name;
    }
    switch (key) {
        case Key::Return:
            return "Return";
        case Key::Escape:
            return "Escape";
        case Key::Backspace:
            return "Backspace";
        case Key::Tab:
            return "Tab";
        case Key::Space:
            return "Space";
        case Key::Delete:
            return "Delete";
        case Key::Home:
            return "Home";
        case Key::End:
            return "End";
        case Key::PageUp:
            return "PageUp";
        case Key::PageDown:
            return "PageDown";
        case Key::Up:
            return "Up";
        case Key::Down:
            return "Down";
        case Key::Left:
            return "Left";
        case Key::Right:
            return "Right";
        default:
            return "Unknown";
    }
}

InputEvent InputEvent::keyPress(Key k) {
    InputEvent e;
    e.type = InputType::Key;
    e.key = k;
    return e;
}

InputEvent InputEvent::textInput(std::string utf8) {
    InputEvent e;
    e.type = InputType::Text;
    e.text = std::move(utf8);
    return e;
}

InputEvent InputEvent::tap(Point p) {
    InputEvent e;
    e.type = InputType::Tap;
    e.position = p;
    e.start = p;
    return e;
}

}  // namespace motcua::ui
