// Tells a keyboard-wedge scanner from a person at a keyboard. A USB 2D scanner reading a QR types the
// whole line as key presses within milliseconds and ends it with Enter; a person types a few keys a
// second. From the input events' timestamps: a line is a scan when it has at least minLength
// characters, each arrived within maxKeyGapMs of the one before, and Enter followed as quickly.
// Anything slower is a person typing, and is left alone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/ui/input.h"

namespace motcua::ui {

struct ScanDetectorSettings {
    int maxKeyGapMs = 30;
    int minLength = 40;  // characters (code points)
};

class ScanDetector {
  public:
    explicit ScanDetector(ScanDetectorSettings settings = {}) : m_settings(settings) {}

    // Looks at one input event (pointer events are ignored). Returns the scanned line (UTF-8, without
    // the Enter) when this event is the Enter that ends a scan.
    std::optional<std::string> feed(const InputEvent& event);
    // Forgets a line in progress.
    void reset();
    // The input timestamp of the first character of the last line feed() returned.
    std::int64_t lastLineStartMs() const noexcept { return m_lineStart; }

  private:
    ScanDetectorSettings m_settings;
    std::string m_line;
    int m_chars = 0;
    std::int64_t m_last = 0;
    std::int64_t m_first = 0;      // of the line in progress
    std::int64_t m_lineStart = 0;  // of the last line returned
};

}  // namespace motcua::ui
