#include "text/word_wrap.h"

#include "text/utf8.h"

namespace motcua::text {

namespace {

// Splits a word that alone is wider than maxWidth into pieces that fit (at least one code point
// each); the last piece is left in current, where the next word may join it.
void breakLongWord(const std::string& word, int maxWidth, const WidthOf& widthOf,
                   std::vector<std::string>& lines, std::string& current) {
    std::string piece;
    for (std::size_t i = 0; i < word.size();) {
        const std::size_t next =
            std::min(word.size(), i + sequenceLength(static_cast<unsigned char>(word[i])));
        std::string candidate = piece + word.substr(i, next - i);
        if (!piece.empty() && widthOf(candidate) > maxWidth) {
            lines.push_back(piece);
            piece = word.substr(i, next - i);
        } else {
            piece = std::move(candidate);
        }
        i = next;
    }
    current = piece;
}

// A dash that must not begin a line: an en or em dash, or a hyphen standing alone as one ("Hộ tịch –
// Chứng thực", "Quầy 1 - Hộ tịch").
bool isDash(const std::string& word) {
    return word == "-" || word.starts_with("\u2013") || word.starts_with("\u2014");
}

void wrapParagraph(std::string_view paragraph, int maxWidth, const WidthOf& widthOf,
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
        std::string candidate = current;
        if (!candidate.empty()) candidate += ' ';
        candidate += word;
        if (widthOf(candidate) <= maxWidth) {
            current = std::move(candidate);
        } else if (const auto lastSpace = current.rfind(' ');
                   isDash(word) && lastSpace != std::string::npos &&
                   widthOf(current.substr(lastSpace + 1) + ' ' + word) <= maxWidth) {
            // A dash does not begin a line: the word before it goes down with it.
            lines.push_back(current.substr(0, lastSpace));
            current = current.substr(lastSpace + 1) + ' ' + word;
        } else {
            if (!current.empty()) lines.push_back(current);
            current.clear();
            if (widthOf(word) <= maxWidth) {
                current = word;
            } else {
                breakLongWord(word, maxWidth, widthOf, lines, current);
            }
        }
        if (space == std::string_view::npos) break;
    }
    if (!current.empty() || !any) lines.push_back(current);
}

}  // namespace

std::vector<std::string> wrapWords(std::string_view text, int maxWidth, const WidthOf& widthOf,
                                   EmptyLines empty) {
    std::vector<std::string> lines;
    if (maxWidth <= 0) maxWidth = 1;
    std::size_t pos = 0;
    while (true) {
        const auto nl = text.find('\n', pos);
        wrapParagraph(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos),
                      maxWidth, widthOf, lines);
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    if (empty == EmptyLines::Drop) std::erase(lines, std::string());
    return lines;
}

}  // namespace motcua::text
