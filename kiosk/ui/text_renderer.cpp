#include "kiosk/ui/text_renderer.h"

#include <SDL.h>
#include <SDL_ttf.h>

namespace motcua::ui {

TextRenderer::TextRenderer(SDL_Renderer* renderer, FontCache& fonts, std::size_t capacity,
                           std::size_t maxBytes)
    : m_renderer(renderer), m_fonts(fonts), m_capacity(capacity == 0 ? 1 : capacity), m_maxBytes(maxBytes) {}

namespace {
std::size_t bytesOf(Size s) {
    return static_cast<std::size_t>(s.width) * static_cast<std::size_t>(s.height) * 4;
}
}  // namespace

void TextRenderer::resetStats() noexcept {
    m_stats.hits = m_stats.misses = m_stats.evictions = 0;
}

void TextRenderer::clear() {
    m_index.clear();
    m_lru.clear();
    m_stats.entries = 0;
    m_stats.bytes = 0;
}

Size TextRenderer::draw(std::string_view text, const TextStyle& style, Colour colour, Point origin) {
    if (text.empty()) return {};
    std::string key;
    key.reserve(text.size() + 16);
    key.push_back(style.weight == FontWeight::Bold ? 'B' : style.weight == FontWeight::Icon ? 'I' : 'R');
    key += std::to_string(style.pixelSize);
    key.push_back(':');
    key.push_back(static_cast<char>(colour.r));
    key.push_back(static_cast<char>(colour.g));
    key.push_back(static_cast<char>(colour.b));
    key.push_back(static_cast<char>(colour.a));
    key.append(text);

    auto found = m_index.find(key);
    if (found != m_index.end()) {
        ++m_stats.hits;
        m_lru.splice(m_lru.begin(), m_lru, found->second);
    } else {
        ++m_stats.misses;
        const std::string copy(text);
        const SDL_Color c{colour.r, colour.g, colour.b, colour.a};
        fonts::SurfacePtr surface(TTF_RenderUTF8_Blended(m_fonts.font(style), copy.c_str(), c));
        if (!surface) throw fonts::TtfError("TTF_RenderUTF8_Blended");
        SdlTexturePtr texture(SDL_CreateTextureFromSurface(m_renderer, surface.get()));
        if (!texture) throw SdlError("SDL_CreateTextureFromSurface");
        SDL_SetTextureBlendMode(texture.get(), SDL_BLENDMODE_BLEND);
        m_lru.push_front(Entry{key, std::move(texture), Size{surface->w, surface->h}});
        m_index.emplace(std::move(key), m_lru.begin());
        m_stats.bytes += bytesOf(m_lru.front().size);
        // The entry just drawn always stays, even when it alone is over the byte budget.
        while (m_lru.size() > 1 && (m_lru.size() > m_capacity || m_stats.bytes > m_maxBytes)) {
            m_stats.bytes -= bytesOf(m_lru.back().size);
            m_index.erase(m_lru.back().key);
            m_lru.pop_back();
            ++m_stats.evictions;
        }
        found = m_index.find(m_lru.front().key);
    }
    m_stats.entries = m_lru.size();
    const Entry& entry = *found->second;
    const SDL_Rect dst{origin.x, origin.y, entry.size.width, entry.size.height};
    if (SDL_RenderCopy(m_renderer, entry.texture.get(), nullptr, &dst) != 0) throw SdlError("SDL_RenderCopy");
    return entry.size;
}

}  // namespace motcua::ui
