// Draws UTF-8 text through a cache of rendered textures keyed by (text, font, size, colour), bounded
// by entry count and by pixel bytes, with least-recently-used eviction. Rendering a line with SDL_ttf costs
// milliseconds; copying its cached texture costs microseconds, which is what keeps the software renderer at
// 60 fps.
#pragma once

#include <cstdint>
#include <list>
#include <string>
#include <unordered_map>

#include "kiosk/ui/font_cache.h"
#include "kiosk/ui/sdl_handles.h"
#include "kiosk/ui/theme.h"

namespace motcua::ui {

struct TextCacheStats {
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t evictions = 0;
    std::size_t entries = 0;
    std::size_t bytes = 0;  // 4 bytes per cached pixel
    double hitRate() const {
        return hits + misses == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(hits + misses);
    }
};

// Holds the renderer and font cache by pointer: both must outlive it.
class TextRenderer {
  public:
    static constexpr std::size_t kDefaultCapacity = 512;
    // A full 1920x1080 screen of text is about 8 MB of glyph pixels; this keeps several screens.
    static constexpr std::size_t kDefaultMaxBytes = 48u << 20;

    TextRenderer(SDL_Renderer* renderer, FontCache& fonts, std::size_t capacity = kDefaultCapacity,
                 std::size_t maxBytes = kDefaultMaxBytes);
    TextRenderer(const TextRenderer&) = delete;
    TextRenderer& operator=(const TextRenderer&) = delete;

    // Draws text with its top-left corner at origin; returns its size. Empty text draws nothing.
    Size draw(std::string_view text, const TextStyle& style, Colour colour, Point origin);
    FontCache& fonts() noexcept { return m_fonts; }
    const TextCacheStats& stats() const noexcept { return m_stats; }
    void resetStats() noexcept;
    void clear();

  private:
    struct Entry {
        std::string key;
        SdlTexturePtr texture;
        Size size;
    };
    SDL_Renderer* m_renderer;
    FontCache& m_fonts;
    std::size_t m_capacity;
    std::size_t m_maxBytes;
    std::list<Entry> m_lru;  // most recent first
    std::unordered_map<std::string, std::list<Entry>::iterator> m_index;
    TextCacheStats m_stats;
};

}  // namespace motcua::ui
