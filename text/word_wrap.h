// Greedy word wrap, whatever the unit of width: pixels of a screen font, dots of a ticket font, or
// columns of a printer's built-in font. Lines break at spaces (a run of spaces is one break) and at
// '\n'; a dash (en, em, or a lone hyphen) never begins a line: the word before it goes down with it
// (when the line holds more than that word); a word wider than a whole line is broken between code
// points, at least one per line, so nothing is ever cut off. An empty text, or an empty paragraph
// between two '\n', is one empty line unless the caller drops empty lines (a ticket prints no blank
// line inside a field).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::text {

// The width of a piece of text in the caller's unit; must not shrink when the text grows.
using WidthOf = std::function<int(std::string_view)>;

enum class EmptyLines { Keep, Drop };

std::vector<std::string> wrapWords(std::string_view text, int maxWidth, const WidthOf& widthOf,
                                   EmptyLines empty = EmptyLines::Keep);

}  // namespace motcua::text
