// Where motcua's own files are (voice clips, the example office, the catalogue, the udev rule).
#pragma once

#include <filesystem>

namespace motcua::kiosk {

// The installed share/motcua when it exists, else (a program run from a build tree) the source
// tree's assets/. Never the current directory: a program started from anywhere finds the same files.
std::filesystem::path assetsDirectory();

}  // namespace motcua::kiosk
