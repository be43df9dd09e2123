// UTF-8 text checks shared by everything that takes text from outside (CLI, config, catalogue).
#pragma once

#include <string>
#include <string_view>

namespace motcua::queue {

bool isValidUtf8(std::string_view text) noexcept;
// Unicode NFC; the input must be valid UTF-8.
std::string toNfc(std::string_view text);
bool isNfc(std::string_view text);
// Number of code points (valid UTF-8 assumed).
std::size_t codePointCount(std::string_view text) noexcept;

}  // namespace motcua::queue
