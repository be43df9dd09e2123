// Finding a TrueType font that covers Vietnamese, through fontconfig: the screens, the tickets and
// `motcua doctor` all look it up here, so a ticket prints in the face the kiosk shows.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace motcua::fonts {

enum class FontWeight { Regular, Bold };

// The file of the best match for family (default "Noto Sans") in the given weight that covers
// Vietnamese (lang=vi), or nullopt when fontconfig finds nothing that does.
std::optional<std::filesystem::path> findFont(const std::string& family = "Noto Sans",
                                              FontWeight weight = FontWeight::Regular);

// The font files for each weight; both cover Vietnamese.
struct FontSet {
    std::filesystem::path regular;
    std::filesystem::path bold;
    // family (default "Noto Sans", Debian's fonts-noto-core) through fontconfig; bold falls back to
    // regular. Throws std::runtime_error when no installed font covers Vietnamese.
    static FontSet locate(const std::string& family = "Noto Sans");
};

}  // namespace motcua::fonts
