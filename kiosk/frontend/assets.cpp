#include "kiosk/frontend/assets.h"

#include <system_error>

namespace motcua::kiosk {

std::filesystem::path assetsDirectory() {
    const std::filesystem::path installed(MOTCUA_SHARE_DIR);
    std::error_code ec;
    if (std::filesystem::is_directory(installed, ec)) return installed;
    return std::filesystem::path(MOTCUA_ASSETS_DIR);
}

}  // namespace motcua::kiosk
