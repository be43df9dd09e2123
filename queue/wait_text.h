// The expected wait in a citizen's words, the same on the printed ticket, the kiosk and the phone.
#pragma once

#include <string>

namespace motcua::queue {

// "Khoảng 15 phút" / "About 15 min"; "Sắp đến lượt" / "Almost your turn" when nothing is ahead.
// Minutes are rounded up.
std::string expectedWaitText(int seconds, bool vietnamese);

}  // namespace motcua::queue
