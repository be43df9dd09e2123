// Finds a TrueType font that covers Vietnamese, through fontconfig. Used by the ticket renderer and
// by the screens, so the ticket prints in the same face the kiosk shows.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace motcua::printer {

enum class FontWeight { Regular, Bold };

// The file of the best match for family (default "Noto Sans") in the given weight that covers
// Vietnamese (lang=vi), or nullopt when fontconfig finds nothing that does.
std::optional<std::filesystem::path> findFont(const std::string& family = "Noto Sans",
                                              FontWeight weight = FontWeight::Regular);

}  // namespace motcua::printer
