#include "kiosk/ui/text_wrap.h"

#include "text/word_wrap.h"

namespace motcua::ui {

using text::wrapWords;

std::vector<std::string> wrapText(TextMetrics& metrics, std::string_view text, const TextStyle& style,
                                  int maxWidth) {
    return wrapWords(text, maxWidth,
                     [&](std::string_view piece) { return metrics.measure(piece, style).width; });
}

}  // namespace motcua::ui
