// The one place that turns SDL events into the UI's own input (STYLE 11).
#pragma once

#include <optional>
#include <variant>

#include "kiosk/ui/input.h"

union SDL_Event;

namespace motcua::ui {

struct QuitRequest {};
struct WindowResized {};

using TranslatedInput = std::variant<RawPointer, InputEvent, QuitRequest, WindowResized>;

// windowSize turns finger coordinates (normalised 0..1 by SDL) into pixels. Mouse events that SDL
// synthesised from a touch (which == SDL_TOUCH_MOUSEID) are dropped: the finger events carry the touch,
// so a tap is handled once. Only the left mouse button counts. nullopt for events the UI ignores.
std::optional<TranslatedInput> translateSdlEvent(const SDL_Event& event, Size windowSize);

}  // namespace motcua::ui
