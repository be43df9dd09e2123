// An RGBA8 image in memory (screenshots) and PNG files through libpng.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace motcua::ui {

struct Image {
    int width = 0;
    int height = 0;
    // Row-major, 4 bytes per pixel in the order R, G, B, A.
    std::vector<std::uint8_t> rgba;

    struct Pixel {
        std::uint8_t r, g, b, a;
    };
    Pixel at(int x, int y) const;
};

// Writes image as an 8-bit RGBA PNG, creating parent directories. Throws std::runtime_error on failure.
void savePng(const std::filesystem::path& path, const Image& image);
// Reads any PNG libpng can read, converted to RGBA8. Throws std::runtime_error on failure.
Image loadPng(const std::filesystem::path& path);

}  // namespace motcua::ui
