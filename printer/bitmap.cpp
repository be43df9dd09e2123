#include "printer/bitmap.h"

#include <algorithm>
#include <bit>
#include <string>

namespace motcua::printer {

Bitmap::Bitmap(int width, int height) : m_width(width), m_height(height) {
    if (width <= 0 || width % 8 != 0) {
        throw std::invalid_argument("bitmap width must be a positive multiple of 8, not " +
                                    std::to_string(width));
    }
    if (height < 0) throw std::invalid_argument("bitmap height must not be negative");
    m_bits.assign(static_cast<std::size_t>(stride()) * static_cast<std::size_t>(height), 0);
}

bool Bitmap::get(int x, int y) const noexcept {
    if (x < 0 || y < 0 || x >= m_width || y >= m_height) return false;
    return (m_bits[static_cast<std::size_t>(y * stride() + x / 8)] >> (7 - x % 8)) & 1;
}

void Bitmap::set(int x, int y, bool black) noexcept {
    if (x < 0 || y < 0 || x >= m_width || y >= m_height) return;
    auto& byte = m_bits[static_cast<std::size_t>(y * stride() + x / 8)];
    const auto mask = static_cast<std::uint8_t>(0x80u >> (x % 8));
    byte = black ? static_cast<std::uint8_t>(byte | mask) : static_cast<std::uint8_t>(byte & ~mask);
}

void Bitmap::fillRect(int x, int y, int w, int h, bool black) noexcept {
    const int x0 = std::max(0, x), x1 = std::min(m_width, x + w);
    const int y0 = std::max(0, y), y1 = std::min(m_height, y + h);
    for (int yy = y0; yy < y1; ++yy) {
        for (int xx = x0; xx < x1; ++xx) set(xx, yy, black);
    }
}

std::span<const std::uint8_t> Bitmap::row(int y) const noexcept {
    return {m_bits.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(stride()),
            static_cast<std::size_t>(stride())};
}

std::span<std::uint8_t> Bitmap::row(int y) noexcept {
    return {m_bits.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(stride()),
            static_cast<std::size_t>(stride())};
}

bool Bitmap::rowBlank(int y) const noexcept {
    const auto r = row(y);
    return std::all_of(r.begin(), r.end(), [](std::uint8_t b) { return b == 0; });
}

void Bitmap::resizeHeight(int height) {
    if (height < 0) throw std::invalid_argument("bitmap height must not be negative");
    m_height = height;
    m_bits.resize(static_cast<std::size_t>(stride()) * static_cast<std::size_t>(height), 0);
}

void Bitmap::blit(const Bitmap& src, int x, int y) noexcept {
    if (x % 8 == 0 && x >= 0 && x + src.width() <= m_width) {
        // Byte-aligned fast path: the common case for whole bands and centred blocks.
        for (int sy = 0; sy < src.height(); ++sy) {
            if (y + sy < 0 || y + sy >= m_height) continue;
            auto d = row(y + sy).subspan(static_cast<std::size_t>(x / 8));
            const auto s = src.row(sy);
            for (std::size_t i = 0; i < s.size(); ++i) d[i] = static_cast<std::uint8_t>(d[i] | s[i]);
        }
        return;
    }
    for (int sy = 0; sy < src.height(); ++sy) {
        for (int sx = 0; sx < src.width(); ++sx) {
            if (src.get(sx, sy)) set(x + sx, y + sy);
        }
    }
}

Bitmap Bitmap::rows(int y0, int y1) const {
    y0 = std::clamp(y0, 0, m_height);
    y1 = std::clamp(y1, y0, m_height);
    Bitmap out(m_width, y1 - y0);
    std::copy(m_bits.begin() + static_cast<std::ptrdiff_t>(y0 * stride()),
              m_bits.begin() + static_cast<std::ptrdiff_t>(y1 * stride()), out.m_bits.begin());
    return out;
}

long Bitmap::countBlack() const noexcept {
    long n = 0;
    for (auto b : m_bits) n += std::popcount(b);
    return n;
}

}  // namespace motcua::printer
