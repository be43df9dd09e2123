// The phone number a citizen may give on their ticket's live page, to be told by SMS (or the office's
// Zalo Official Account) when 3 numbers are left and when they are called (notifier.h).
//
// Personal data (Nghị định 13/2023/NĐ-CP): asked only where the office has a hook that sends
// notices, never required, used only for this ticket's two notices of the day; motcua-web keeps it
// in memory, never in the store or a log, and forgets it once the number is called or the day ends.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace motcua::web {

// A Vietnamese mobile number as typed: ten digits starting with 0, or +84 / 84 in place of the 0;
// spaces, dots, dashes and parentheses between digits are allowed. The number as ten digits
// ("0912345678"); nullopt for anything else (letters, too few or too many digits, a number
// starting 00).
std::optional<std::string> readPhoneNumber(std::string_view typed);

// The number as a page may show it back: all but its last three digits hidden ("••• ••• •678").
std::string maskedPhoneNumber(const std::string& number);

}  // namespace motcua::web
