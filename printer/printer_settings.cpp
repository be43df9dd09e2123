#include "printer/printer_settings.h"

#include <fmt/format.h>

namespace motcua::printer {

namespace {
constexpr int kMinWidthDots = 128;
constexpr int kMaxWidthDots = 2048;  // GS v 0 takes at most 256 bytes per row
}  // namespace

std::optional<std::string> validateSettings(const PrinterSettings& s) {
    if (s.widthDots < kMinWidthDots || s.widthDots > kMaxWidthDots || s.widthDots % 8 != 0) {
        return fmt::format(
            "printer width {} dots: must be a multiple of 8 between {} and {} (576 for 80 mm, "
            "384 for 58 mm)",
            s.widthDots, kMinWidthDots, kMaxWidthDots);
    }
    if (s.feedBeforeCutDots < 0 || s.feedBeforeCutDots > 1000) {
        return fmt::format("feed before cut {} dots: must be between 0 and 1000", s.feedBeforeCutDots);
    }
    if (s.text.columns < 0 || s.text.columns > 200) {
        return fmt::format("text mode columns {}: must be between 0 (automatic) and 200", s.text.columns);
    }
    return std::nullopt;
}

}  // namespace motcua::printer
