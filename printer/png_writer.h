// Writes a Bitmap as an 8-bit greyscale PNG (black dots black, paper white) through libpng.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

#include "printer/bitmap.h"

namespace motcua::printer {

// Thrown when libpng cannot write the file; carries libpng's message from the failed call.
class PngError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Writes to a temporary file beside path and renames it, so readers never see half a picture.
void writePng(const Bitmap& bitmap, const std::filesystem::path& path);

}  // namespace motcua::printer
