#include "kiosk/ui/painter.h"

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "kiosk/ui/image.h"
#include "text/utf8.h"

namespace motcua::ui {

using text::appendUtf8;

Painter::Painter(SDL_Renderer* renderer, TextRenderer& text, const Theme& theme)
    : m_renderer(renderer), m_text(text), m_theme(theme) {
    if (SDL_GetRendererOutputSize(m_renderer, &m_output.width, &m_output.height) != 0)
        throw SdlError("SDL_GetRendererOutputSize");
    SDL_RenderSetClipRect(m_renderer, nullptr);
}

Painter::~Painter() {
    SDL_RenderSetClipRect(m_renderer, nullptr);
}

void Painter::clear(Colour c) {
    SDL_SetRenderDrawColor(m_renderer, c.r, c.g, c.b, c.a);
    SDL_RenderClear(m_renderer);
}

void Painter::fillRect(const Rect& rect, Colour c) {
    if (rect.empty() || !rect.intersects(clip())) return;
    SDL_SetRenderDrawColor(m_renderer, c.r, c.g, c.b, c.a);
    const SDL_Rect r{rect.x, rect.y, rect.width, rect.height};
    SDL_RenderFillRect(m_renderer, &r);
}

void Painter::fillRoundedRect(const Rect& rect, int radius, Colour c) {
    if (rect.empty() || !rect.intersects(clip())) return;
    radius = std::clamp(radius, 0, std::min(rect.width, rect.height) / 2);
    if (radius < 2) {
        fillRect(rect, c);
        return;
    }
    // Centre cross as two rectangles, corners as triangle fans through SDL_RenderGeometry.
    fillRect({rect.x + radius, rect.y, rect.width - 2 * radius, rect.height}, c);
    fillRect({rect.x, rect.y + radius, radius, rect.height - 2 * radius}, c);
    fillRect({rect.right() - radius, rect.y + radius, radius, rect.height - 2 * radius}, c);

    constexpr int kSegments = 8;
    std::vector<SDL_Vertex> vertices;
    vertices.reserve(4 * kSegments * 3);
    const SDL_Color colour{c.r, c.g, c.b, c.a};
    const struct {
        float cx, cy, start;
    } corners[] = {
        {static_cast<float>(rect.x + radius), static_cast<float>(rect.y + radius), std::numbers::pi_v<float>},
        {static_cast<float>(rect.right() - radius), static_cast<float>(rect.y + radius),
         1.5f * std::numbers::pi_v<float>},
        {static_cast<float>(rect.right() - radius), static_cast<float>(rect.bottom() - radius), 0.0f},
        {static_cast<float>(rect.x + radius), static_cast<float>(rect.bottom() - radius),
         0.5f * std::numbers::pi_v<float>},
    };
    const auto r = static_cast<float>(radius);
    for (const auto& corner : corners) {
        for (int i = 0; i < kSegments; ++i) {
            const float a0 =
                corner.start + static_cast<float>(i) * (std::numbers::pi_v<float> / 2) / kSegments;
            const float a1 =
                corner.start + static_cast<float>(i + 1) * (std::numbers::pi_v<float> / 2) / kSegments;
            vertices.push_back({{corner.cx, corner.cy}, colour, {0, 0}});
            vertices.push_back(
                {{corner.cx + r * std::cos(a0), corner.cy + r * std::sin(a0)}, colour, {0, 0}});
            vertices.push_back(
                {{corner.cx + r * std::cos(a1), corner.cy + r * std::sin(a1)}, colour, {0, 0}});
        }
    }
    SDL_RenderGeometry(m_renderer, nullptr, vertices.data(), static_cast<int>(vertices.size()), nullptr, 0);
}

void Painter::strokeRect(const Rect& rect, Colour c, int t) {
    if (rect.empty()) return;
    fillRect({rect.x, rect.y, rect.width, t}, c);
    fillRect({rect.x, rect.bottom() - t, rect.width, t}, c);
    fillRect({rect.x, rect.y + t, t, rect.height - 2 * t}, c);
    fillRect({rect.right() - t, rect.y + t, t, rect.height - 2 * t}, c);
}

Size Painter::drawText(std::string_view text, const TextStyle& style, Colour colour, Point origin) {
    if (text.empty()) return {};
    // Cheap reject before touching the cache: a line is never taller than twice its pixel size.
    const Rect c = clip();
    if (origin.y > c.bottom() || origin.y + 2 * style.pixelSize < c.y || origin.x > c.right()) return {};
    return m_text.draw(text, style, colour, origin);
}

void Painter::drawImage(const Image& image, const Rect& dst) {
    if (image.width <= 0 || image.height <= 0 || dst.empty() || !dst.intersects(clip())) return;
    SdlTexturePtr texture(SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC,
                                            image.width, image.height));
    if (!texture) throw SdlError("SDL_CreateTexture");
    SDL_UpdateTexture(texture.get(), nullptr, image.rgba.data(), image.width * 4);
    SDL_SetTextureBlendMode(texture.get(), SDL_BLENDMODE_BLEND);
    const SDL_Rect r{dst.x, dst.y, dst.width, dst.height};
    SDL_RenderCopy(m_renderer, texture.get(), nullptr, &r);
}

void Painter::drawIcon(char32_t icon, int px, Colour colour, const Rect& box) {
    if (icon == 0 || px <= 0) return;
    std::string utf8;
    appendUtf8(utf8, icon);
    const TextStyle style{FontWeight::Icon, px};
    const Size size = m_text.fonts().measure(utf8, style);
    drawText(utf8, style, colour,
             {box.x + (box.width - size.width) / 2, box.y + (box.height - size.height) / 2});
}

void Painter::pushClip(const Rect& rect) {
    m_clips.push_back(rect.intersected(clip()));
    applyClip();
}

void Painter::popClip() {
    if (!m_clips.empty()) m_clips.pop_back();
    applyClip();
}

Rect Painter::clip() const {
    return m_clips.empty() ? Rect{0, 0, m_output.width, m_output.height} : m_clips.back();
}

void Painter::applyClip() {
    if (m_clips.empty()) {
        SDL_RenderSetClipRect(m_renderer, nullptr);
        return;
    }
    const Rect c = m_clips.back();
    const SDL_Rect r{c.x, c.y, std::max(0, c.width), std::max(0, c.height)};
    SDL_RenderSetClipRect(m_renderer, &r);
}

}  // namespace motcua::ui
