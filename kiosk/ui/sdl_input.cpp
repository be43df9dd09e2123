#include "kiosk/ui/sdl_input.h"

#include <SDL.h>

#include <cmath>

namespace motcua::ui {

namespace {

std::optional<Key> translateKey(SDL_Keycode code) {
    if (code >= SDLK_a && code <= SDLK_z) return static_cast<Key>(static_cast<int>(Key::A) + (code - SDLK_a));
    if (code >= SDLK_0 && code <= SDLK_9)
        return static_cast<Key>(static_cast<int>(Key::Digit0) + (code - SDLK_0));
    if (code >= SDLK_F1 && code <= SDLK_F12)
        return static_cast<Key>(static_cast<int>(Key::F1) + (code - SDLK_F1));
    switch (code) {
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
            return Key::Return;
        case SDLK_ESCAPE:
            return Key::Escape;
        case SDLK_BACKSPACE:
            return Key::Backspace;
        case SDLK_TAB:
            return Key::Tab;
        case SDLK_SPACE:
            return Key::Space;
        case SDLK_DELETE:
            return Key::Delete;
        case SDLK_HOME:
            return Key::Home;
        case SDLK_END:
            return Key::End;
        case SDLK_PAGEUP:
            return Key::PageUp;
        case SDLK_PAGEDOWN:
            return Key::PageDown;
        case SDLK_UP:
            return Key::Up;
        case SDLK_DOWN:
            return Key::Down;
        case SDLK_LEFT:
            return Key::Left;
        case SDLK_RIGHT:
            return Key::Right;
        default:
            return std::nullopt;
    }
}

Point fingerToPixels(float x, float y, Size window) {
    return {static_cast<int>(std::lround(x * static_cast<float>(window.width))),
            static_cast<int>(std::lround(y * static_cast<float>(window.height)))};
}

}  // namespace

std::optional<TranslatedInput> translateSdlEvent(const SDL_Event& event, Size windowSize) {
    switch (event.type) {
        case SDL_QUIT:
            return QuitRequest{};
        case SDL_WINDOWEVENT:
            if (event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) return WindowResized{};
            return std::nullopt;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            if (event.button.which == SDL_TOUCH_MOUSEID || event.button.button != SDL_BUTTON_LEFT)
                return std::nullopt;
            return RawPointer{event.type == SDL_MOUSEBUTTONDOWN ? PointerAction::Down : PointerAction::Up,
                              {event.button.x, event.button.y},
                              -1};
        case SDL_MOUSEMOTION:
            if (event.motion.which == SDL_TOUCH_MOUSEID) return std::nullopt;
            return RawPointer{PointerAction::Move, {event.motion.x, event.motion.y}, -1};
        case SDL_FINGERDOWN:
        case SDL_FINGERUP:
        case SDL_FINGERMOTION: {
            const PointerAction action = event.type == SDL_FINGERDOWN ? PointerAction::Down
                                         : event.type == SDL_FINGERUP ? PointerAction::Up
                                                                      : PointerAction::Move;
            return RawPointer{action, fingerToPixels(event.tfinger.x, event.tfinger.y, windowSize),
                              static_cast<long long>(event.tfinger.fingerId)};
        }
        case SDL_KEYDOWN: {
            const auto key = translateKey(event.key.keysym.sym);
            if (!key) return std::nullopt;
            auto press = InputEvent::keyPress(*key);
            press.timestampMs = event.key.timestamp;
            return press;
        }
        case SDL_TEXTINPUT: {
            auto text = InputEvent::textInput(event.text.text);
            text.timestampMs = event.text.timestamp;
            return text;
        }
        default:
            return std::nullopt;
    }
}

}  // namespace motcua::ui
