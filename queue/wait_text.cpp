#include "queue/wait_text.h"

#include <fmt/format.h>

namespace motcua::queue {

std::string expectedWaitText(int seconds, bool vi) {
    if (seconds <= 0) return vi ? "Sắp đến lượt" : "Almost your turn";
    const int minutes = (seconds + 59) / 60;
    if (minutes < 60)
        return vi ? fmt::format("Khoảng {} phút", minutes) : fmt::format("About {} min", minutes);
    const int hours = minutes / 60, rest = minutes % 60;
    if (rest == 0) return vi ? fmt::format("Khoảng {} giờ", hours) : fmt::format("About {} h", hours);
    return vi ? fmt::format("Khoảng {} giờ {} phút", hours, rest)
              : fmt::format("About {} h {} min", hours, rest);
}

}  // namespace motcua::queue
