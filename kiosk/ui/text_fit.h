// Lines of text for a width, the way Vietnamese is read: a line breaks only between syllables (at
// spaces; a Vietnamese syllable is never split), a proper name ("Ngô Quyền", "Hà Nội") stays on one
// line when it fits there, and a syllable too wide for the line makes the text smaller (down to a
// floor) before anything would break inside it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/text_metrics.h"

namespace motcua::ui {

struct FittedText {
    TextStyle style;                 // the style used (smaller than asked when a syllable did not fit)
    std::vector<std::string> lines;  // a proper name's inner spaces are no-break spaces (drawn as spaces)
    bool brokenWord = false;         // even at the floor a syllable had to be split
};

// minScale: the smallest size tried, as a fraction of style.pixelSize.
FittedText fitText(TextMetrics& metrics, std::string_view text, TextStyle style, int width,
                   double minScale = 0.6);

// Whether lines (from any wrapping of text) split a word of text across two lines. Spaces and no-break
// spaces both separate words.
bool breaksWord(std::string_view text, const std::vector<std::string>& lines);

// text with the spaces inside runs of capitalised words ("Ngô Quyền") made no-break spaces.
std::string keepNamesTogether(std::string_view text);

}  // namespace motcua::ui
