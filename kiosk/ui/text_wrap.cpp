#include "kiosk/ui/text_wrap.h"

#include "kiosk/ui/utf8.h"

namespace motcua::ui {

namespace {

// Splits a word that alone is wider than maxWidth into pieces that fit (at least one code point each).
void breakLongWord(TextMetrics& metrics, const std::string& word, const TextStyle& style, int maxWidth,
                   std::vector<std::string>& lines, std::string& current) {
    const auto cps = decodeUtf8(word);
    std::string piece;
    for (char32_t c : cps) {
        std::string candidate = piece;
        appendUtf8(candidate, c);
        if (!piece.empty() && metrics.measure(candidate, style).width > maxWidth) {
            lines.push_back(piece);
            piece.clear();
            appendUtf8(piece, c);
        } else {
            piece = std::move(candidate);
        }
    }
    current = piece;
}

void wrapParagraph(TextMetrics& metrics, std::string_view paragraph, const TextStyle& style, int maxWidth,
                   std::vector<std::string>& lines) {
    std::string current;
    std::size_t pos = 0;
    bool any = false;
    while (pos <= paragraph.size()) {
        const auto space = paragraph.find(' ', pos);
        const auto end = space == std::string_view::npos ? paragraph.size() : space;
        const std::string word(paragraph.substr(pos, end - pos));
        pos = end + 1;
        if (word.empty()) {
            if (space == std::string_view::npos) break;
            continue;  // runs of spaces collapse
        }
        any = true;
        const std::string candidate = current.empty() ? word : current + " " + word;
        if (metrics.measure(candidate, style).width <= maxWidth) {
            current = candidate;
        } else {
            if (!current.empty()) lines.push_back(current);
            current.clear();
            if (metrics.measure(word, style).width <= maxWidth) {
                current = word;
            } else {
                breakLongWord(metrics, word, style, maxWidth, lines, current);
            }
        }
        if (space == std::string_view::npos) break;
    }
    if (!current.empty() || !any) lines.push_back(current);
}

}  // namespace

std::vector<std::string> wrapText(TextMetrics& metrics, std::string_view text, const TextStyle& style, int maxWidth) {
    std::vector<std::string> lines;
    if (maxWidth <= 0) maxWidth = 1;
    std::size_t pos = 0;
    while (true) {
        const auto nl = text.find('\n', pos);
        wrapParagraph(metrics, text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos), style,
                      maxWidth, lines);
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    return lines;
}

}  // namespace motcua::ui
