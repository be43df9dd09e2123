#include "kiosk/web/contact.h"

namespace motcua::web {

std::optional<std::string> readPhoneNumber(std::string_view typed) {
    std::string digits;
    bool plus = false;
    for (std::size_t i = 0; i < typed.size(); ++i) {
        const char c = typed[i];
        if (c >= '0' && c <= '9') {
            digits += c;
        } else if (c == '+' && digits.empty() && !plus) {
            plus = true;
        } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') {
            return std::nullopt;
        }
        if (digits.size() > 16) return std::nullopt;
    }
    if (digits.starts_with("84") && digits.size() == 11) {
        digits.replace(0, 2, "0");
    } else if (digits.starts_with("840") && digits.size() == 12) {
        digits = digits.substr(2);  // "+84 0912…": the country code and the 0 both written
    } else if (plus) {
        return std::nullopt;  // +84 is the one country code taken
    }
    if (digits.size() != 10 || digits[0] != '0' || digits[1] == '0') return std::nullopt;
    return digits;
}

std::string maskedPhoneNumber(const std::string& number) {
    if (number.size() < 3) return "•••";
    std::string masked = "••• ••• •";
    masked += number.substr(number.size() - 3);
    return masked;
}

}  // namespace motcua::web
