// A 1-bit image as thermal printers take it: row-major, 8 dots per byte, most significant bit is
// the leftmost dot, 1 is black. Width is always a multiple of 8, so rows never share a byte.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

namespace motcua::printer {

class Bitmap {
  public:
    Bitmap() = default;
    // Throws std::invalid_argument when width is not a positive multiple of 8 or height < 0.
    Bitmap(int width, int height);

    int width() const noexcept { return m_width; }
    int height() const noexcept { return m_height; }
    int stride() const noexcept { return m_width / 8; }  // bytes per row
    bool empty() const noexcept { return m_height == 0; }

    // Out-of-range coordinates read as white and are ignored on write, so drawing may overhang.
    bool get(int x, int y) const noexcept;
    void set(int x, int y, bool black = true) noexcept;
    void fillRect(int x, int y, int w, int h, bool black = true) noexcept;

    std::span<const std::uint8_t> row(int y) const noexcept;
    std::span<std::uint8_t> row(int y) noexcept;
    bool rowBlank(int y) const noexcept;

    // Grows (new rows white) or shrinks at the bottom.
    void resizeHeight(int height);
    // Copies src with its top-left corner at (x, y); black dots of src are OR-ed in.
    void blit(const Bitmap& src, int x, int y) noexcept;
    // Rows [y0, y1) as a new bitmap.
    Bitmap rows(int y0, int y1) const;
    long countBlack() const noexcept;

    const std::vector<std::uint8_t>& bytes() const noexcept { return m_bits; }
    bool operator==(const Bitmap&) const = default;

  private:
    int m_width = 0;
    int m_height = 0;
    std::vector<std::uint8_t> m_bits;
};

}  // namespace motcua::printer
