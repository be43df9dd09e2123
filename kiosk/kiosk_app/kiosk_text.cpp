#include "kiosk/kiosk_app/kiosk_text.h"

namespace motcua::kiosk {

std::string groupThousands(std::int64_t value) {
    const bool negative = value < 0;
    std::string digits = std::to_string(negative ? -value : value);
    std::string out;
    const int n = static_cast<int>(digits.size());
    for (int i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += '.';
        out += digits[static_cast<std::size_t>(i)];
    }
    return negative ? "-" + out : out;
}

std::string formatDong(std::int64_t amount) { return groupThousands(amount) + " đ"; }

}  // namespace motcua::kiosk
