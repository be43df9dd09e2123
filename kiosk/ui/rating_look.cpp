#include "kiosk/ui/rating_look.h"

#include "kiosk/ui/icons.h"

namespace motcua::ui {

RatingLook ratingLook(std::size_t index, std::size_t count, bool satisfied) {
    const Colour white{0xFF, 0xFF, 0xFF};
    if (index == 0) return {icons::kSentimentVerySatisfied, {0x1B, 0x6E, 0x35}, white};  // green, 6.4:1
    if (index + 1 >= count)
        return {icons::kSentimentVeryDissatisfied, {0xA4, 0x1E, 0x22}, white};      // red, 7.4:1
    if (satisfied) return {icons::kSentimentSatisfied, {0x1F, 0x5F, 0x8B}, white};  // blue, 6.8:1
    return {icons::kSentimentNeutral, {0x8A, 0x4B, 0x00}, white};                   // amber, 6.3:1
}

}  // namespace motcua::ui
