#include "kiosk/ui/text_fit.h"

#include <algorithm>
#include <cmath>

#include "kiosk/ui/text_wrap.h"
#include "text/utf8.h"

namespace motcua::ui {

using text::decodeUtf8;

namespace {

constexpr std::string_view kNoBreakSpace = "\u00A0";

bool isUpper(char32_t c) {
    if (c >= U'A' && c <= U'Z') return true;
    if (c >= 0xC0 && c <= 0xDD && c != 0xD7) return true;  // À..Ý
    if (c == 0x102 || c == 0x110 || c == 0x128 || c == 0x168 || c == 0x1A0 || c == 0x1AF)
        return true;                                    // Ă Đ Ĩ Ũ Ơ Ư
    if (c >= 0x1EA0 && c <= 0x1EF9) return c % 2 == 0;  // Ạ..Ỹ: capitals at even code points
    return false;
}

bool startsUpper(std::string_view word) {
    const auto cps = decodeUtf8(word.substr(0, std::min<std::size_t>(word.size(), 4)));
    return !cps.empty() && isUpper(cps.front());
}

// A proper-name word: capitalised, not all capitals ("UBND" is an acronym, not part of a name).
bool nameWord(std::string_view word) {
    if (!startsUpper(word)) return false;
    const auto cps = decodeUtf8(word);
    return std::any_of(cps.begin() + 1, cps.end(), [](char32_t c) { return !isUpper(c); });
}

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == ' ' || text[i] == '\n') {
            if (!current.empty()) out.push_back(std::move(current));
            current.clear();
            ++i;
        } else if (text.substr(i, kNoBreakSpace.size()) == kNoBreakSpace) {
            if (!current.empty()) out.push_back(std::move(current));
            current.clear();
            i += kNoBreakSpace.size();
        } else {
            current.push_back(text[i++]);
        }
    }
    if (!current.empty()) out.push_back(std::move(current));
    return out;
}

bool linesFit(TextMetrics& metrics, const std::vector<std::string>& lines, const TextStyle& style,
              int width) {
    return std::all_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return metrics.measure(l, style).width <= width; });
}

}  // namespace

std::string keepNamesTogether(std::string_view text) {
    std::string out;
    std::size_t pos = 0;
    std::string_view previous;
    while (pos <= text.size()) {
        const auto space = text.find(' ', pos);
        const auto end = space == std::string_view::npos ? text.size() : space;
        const std::string_view word = text.substr(pos, end - pos);
        if (pos > 0)
            out += (!previous.empty() && !word.empty() && nameWord(previous) && nameWord(word))
                       ? kNoBreakSpace
                       : " ";
        out += word;
        previous = word;
        if (space == std::string_view::npos) break;
        pos = end + 1;
    }
    return out;
}

bool breaksWord(std::string_view text, const std::vector<std::string>& lines) {
    std::vector<std::string> fromLines;
    for (const auto& line : lines)
        for (auto& w : words(line)) fromLines.push_back(std::move(w));
    return fromLines != words(text);
}

FittedText fitText(TextMetrics& metrics, std::string_view text, TextStyle style, int width, double minScale) {
    width = std::max(1, width);
    const std::string bound = keepNamesTogether(text);
    const int floor = std::max(6, static_cast<int>(std::lround(style.pixelSize * minScale)));
    FittedText fitted;
    for (int px = style.pixelSize;; px = std::max(floor, px * 9 / 10)) {
        const TextStyle s{style.weight, px};
        // A name kept together where it fits on a line, else the words alone.
        auto lines = wrapText(metrics, bound, s, width);
        if (!linesFit(metrics, lines, s, width) || breaksWord(text, lines))
            lines = wrapText(metrics, text, s, width);
        fitted = {s, std::move(lines), false};
        fitted.brokenWord = breaksWord(text, fitted.lines);
        if (!fitted.brokenWord || px == floor) return fitted;
    }
}

}  // namespace motcua::ui
