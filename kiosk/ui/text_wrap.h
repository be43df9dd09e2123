// Word wrap by pixel width (text/word_wrap.h with the font's measure). Breaks at spaces (and at
// explicit '\n'); a word wider than the line is broken between code points so nothing is ever clipped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/text_metrics.h"

namespace motcua::ui {

std::vector<std::string> wrapText(TextMetrics& metrics, std::string_view text, const TextStyle& style,
                                  int maxWidth);

}  // namespace motcua::ui
