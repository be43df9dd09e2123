// One look for a satisfaction rating wherever it is asked (the kiosk and the counter tablet): a face
// and a colour per level of the office's scale, best first, each with white text at 4.5:1 or more.
#pragma once

#include <cstddef>

#include "kiosk/ui/theme.h"

namespace motcua::ui {

struct RatingLook {
    char32_t face;  // kiosk/ui/icons.h
    Colour fill;
    Colour text;
};

// index 0 is the best level of count; satisfied: whether the level counts as satisfied.
RatingLook ratingLook(std::size_t index, std::size_t count, bool satisfied);

}  // namespace motcua::ui
