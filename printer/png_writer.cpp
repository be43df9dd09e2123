#include "printer/png_writer.h"

#include <png.h>

#include <system_error>
#include <vector>

namespace motcua::printer {

void writePng(const Bitmap& bitmap, const std::filesystem::path& path) {
    if (bitmap.width() == 0 || bitmap.height() == 0)
        throw PngError("cannot write an empty picture to " + path.string());
    std::vector<png_byte> grey(static_cast<std::size_t>(bitmap.width()) *
                               static_cast<std::size_t>(bitmap.height()));
    for (int y = 0; y < bitmap.height(); ++y) {
        for (int x = 0; x < bitmap.width(); ++x) {
            grey[static_cast<std::size_t>(y * bitmap.width() + x)] = bitmap.get(x, y) ? 0 : 255;
        }
    }
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = static_cast<png_uint_32>(bitmap.width());
    image.height = static_cast<png_uint_32>(bitmap.height());
    image.format = PNG_FORMAT_GRAY;
    std::filesystem::path tmp = path;
    tmp += ".tmp";
    if (!png_image_write_to_file(&image, tmp.c_str(), 0, grey.data(), 0, nullptr)) {
        const std::string message = image.message;  // png_image_free clears it
        png_image_free(&image);
        throw PngError("png_image_write_to_file(" + tmp.string() + "): " + message);
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw PngError("rename to " + path.string() + ": " + ec.message());
    }
}

}  // namespace motcua::printer
