#include "kiosk/ui/scan_detector.h"

namespace motcua::ui {

namespace {

int codePoints(const std::string& utf8) {
    int n = 0;
    for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace

void ScanDetector::reset() {
    m_line.clear();
    m_chars = 0;
    m_last = 0;
}

std::optional<std::string> ScanDetector::feed(const InputEvent& event) {
    if (event.type == InputType::Text) {
        // A pause longer than a scanner's: what came before was typed by a person; this may start a scan.
        if (m_chars > 0 && event.timestampMs - m_last > m_settings.maxKeyGapMs) reset();
        if (m_chars == 0) m_first = event.timestampMs;
        m_line += event.text;
        m_chars += codePoints(event.text);
        m_last = event.timestampMs;
        return std::nullopt;
    }
    if (event.type != InputType::Key) return std::nullopt;
    if (event.key != Key::Return) {
        reset();  // editing keys, arrows, Escape: a person
        return std::nullopt;
    }
    std::optional<std::string> line;
    if (m_chars >= m_settings.minLength && event.timestampMs - m_last <= m_settings.maxKeyGapMs) {
        line = std::move(m_line);
        m_lineStart = m_first;
    }
    reset();
    return line;
}

}  // namespace motcua::ui
