#include "kiosk/ui/image.h"

#include <png.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

namespace motcua::ui {

Image::Pixel Image::at(int x, int y) const {
    const auto i =
        (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4;
    return {rgba.at(i), rgba.at(i + 1), rgba.at(i + 2), rgba.at(i + 3)};
}

namespace {
struct FileCloser {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

[[noreturn]] void pngError(png_structp, png_const_charp message) {
    throw std::runtime_error(message);
}
void pngWarning(png_structp, png_const_charp) {}
}  // namespace

void savePng(const std::filesystem::path& path, const Image& image) {
    if (image.width <= 0 || image.height <= 0 ||
        image.rgba.size() !=
            static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4)
        throw std::runtime_error("savePng: image has no pixels or a wrong buffer size");
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    FilePtr file(std::fopen(path.c_str(), "wb"));
    if (!file) throw std::runtime_error("savePng: cannot open " + path.string() + " for writing");

    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, pngError, pngWarning);
    if (!png) throw std::runtime_error("savePng: png_create_write_struct failed");
    png_infop info = png_create_info_struct(png);
    struct Guard {
        png_structp* png;
        png_infop* info;
        ~Guard() { png_destroy_write_struct(png, info); }
    } guard{&png, &info};
    if (!info) throw std::runtime_error("savePng: png_create_info_struct failed");

    try {
        png_init_io(png, file.get());
        png_set_IHDR(png, info, static_cast<png_uint_32>(image.width), static_cast<png_uint_32>(image.height),
                     8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                     PNG_FILTER_TYPE_DEFAULT);
        png_set_compression_level(png, 3);
        png_write_info(png, info);
        const auto stride = static_cast<std::size_t>(image.width) * 4;
        for (int y = 0; y < image.height; ++y)
            png_write_row(png, image.rgba.data() + static_cast<std::size_t>(y) * stride);
        png_write_end(png, nullptr);
    } catch (const std::runtime_error& e) {
        throw std::runtime_error("savePng " + path.string() + ": " + e.what());
    }
    if (std::fflush(file.get()) != 0)
        throw std::runtime_error("savePng: write to " + path.string() + " failed");
}

Image loadPng(const std::filesystem::path& path) {
    FilePtr file(std::fopen(path.c_str(), "rb"));
    if (!file) throw std::runtime_error("loadPng: cannot open " + path.string());
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, pngError, pngWarning);
    if (!png) throw std::runtime_error("loadPng: png_create_read_struct failed");
    png_infop info = png_create_info_struct(png);
    struct Guard {
        png_structp* png;
        png_infop* info;
        ~Guard() { png_destroy_read_struct(png, info, nullptr); }
    } guard{&png, &info};
    if (!info) throw std::runtime_error("loadPng: png_create_info_struct failed");

    Image image;
    try {
        png_init_io(png, file.get());
        png_read_info(png, info);
        png_set_expand(png);
        png_set_strip_16(png);
        png_set_gray_to_rgb(png);
        png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
        png_read_update_info(png, info);
        image.width = static_cast<int>(png_get_image_width(png, info));
        image.height = static_cast<int>(png_get_image_height(png, info));
        const auto stride = static_cast<std::size_t>(image.width) * 4;
        image.rgba.resize(stride * static_cast<std::size_t>(image.height));
        for (int y = 0; y < image.height; ++y)
            png_read_row(png, image.rgba.data() + static_cast<std::size_t>(y) * stride, nullptr);
        png_read_end(png, nullptr);
    } catch (const std::runtime_error& e) {
        throw std::runtime_error("loadPng " + path.string() + ": " + e.what());
    }
    return image;
}

}  // namespace motcua::ui
