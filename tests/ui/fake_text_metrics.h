// A TextMetrics for layout tests without fonts: every code point is half the pixel size wide, lines
// are 1.25 pixel sizes apart.
#pragma once

#include "kiosk/ui/text_metrics.h"
#include "text/utf8.h"

namespace motcua::ui::testing {

class FakeTextMetrics final : public TextMetrics {
  public:
    Size measure(std::string_view text, const TextStyle& style) override {
        return {static_cast<int>(motcua::text::codePointCount(text)) * style.pixelSize / 2,
                lineHeight(style)};
    }
    int lineHeight(const TextStyle& style) override { return style.pixelSize * 5 / 4; }
};

}  // namespace motcua::ui::testing
