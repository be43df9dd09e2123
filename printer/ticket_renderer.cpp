#include "printer/ticket_renderer.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "fonts/font_locator.h"
#include "fonts/ttf.h"
#include "printer/qr_code.h"
#include "text/normalize.h"
#include "text/word_wrap.h"

namespace motcua::printer {

namespace {

using fonts::TtfError;

constexpr int kReferenceWidth = 576;  // sizes below are for 80 mm paper and scale with the width
constexpr int kNumberReferenceSize = 100;
constexpr int kHintBelowPixels = 20;
constexpr int kMinTextPixels = 16;  // smaller text is not readable on a 58 mm ticket

std::filesystem::path resolveFont(const std::filesystem::path& configured, fonts::FontWeight weight) {
    if (!configured.empty()) return configured;
    auto found = fonts::findFont("Noto Sans", weight);
    if (!found) {
        throw RenderError(std::string("no font covering Vietnamese found through fontconfig (") +
                          (weight == fonts::FontWeight::Bold ? "bold" : "regular") +
                          "); install fonts-noto-core or set the font path in the printer settings");
    }
    return *found;
}

fonts::TtfFontPtr openFont(const std::filesystem::path& path, int pixels) {
    // SDL2_ttf assumes 72 dpi, so the point size is the em size in dots.
    fonts::TtfFontPtr font = fonts::openFont(path, pixels);
    // Unhinted outlines are ~3x faster to rasterise (FreeType's bytecode interpreter dominated the
    // profile) and threshold well at body sizes; small text keeps light hinting so thin strokes
    // stay on the dot grid.
    TTF_SetFontHinting(font.get(), pixels < kHintBelowPixels ? TTF_HINTING_LIGHT : TTF_HINTING_NONE);
    return font;
}

}  // namespace

int qrModuleDots(int qrModules, int widthDots) noexcept {
    if (qrModules <= 0) return 2;
    int module = static_cast<int>(widthDots * 0.40) / qrModules;
    module -= module % 2;
    return std::clamp(module, 2, 16);
}

struct TicketRenderer::Impl {
    fonts::TtfLibrary library;
    PrinterSettings settings;
    double scale = 1.0;
    int margin = 16;
    fonts::TtfFontPtr office, label, number, numberReference, service, priority, body, bodyBold, small;
    int numberSize = 0;

    // The picture being laid out, and the row where the next block goes.
    Bitmap canvas;
    int y = 0;

    explicit Impl(const PrinterSettings& s) : settings(s) {
        if (auto problem = validateSettings(s)) throw RenderError(*problem);
        scale = static_cast<double>(s.widthDots) / kReferenceWidth;
        margin = std::max(8, px(16));
        const auto regularPath = resolveFont(s.regularFont, fonts::FontWeight::Regular);
        const auto boldPath = resolveFont(s.boldFont, fonts::FontWeight::Bold);
        office = openFont(boldPath, textPx(25));
        label = openFont(regularPath, textPx(24));
        number = openFont(boldPath, kNumberReferenceSize);
        numberSize = kNumberReferenceSize;
        numberReference = openFont(boldPath, kNumberReferenceSize);  // measuring only, never resized
        service = openFont(boldPath, textPx(29));
        priority = openFont(boldPath, textPx(28));
        body = openFont(regularPath, textPx(24));
        bodyBold = openFont(boldPath, textPx(24));
        small = openFont(regularPath, textPx(21));
    }

    int px(double referenceDots) const {
        return std::max(1, static_cast<int>(std::lround(referenceDots * scale)));
    }
    int textPx(double referenceDots) const { return std::max(kMinTextPixels, px(referenceDots)); }
    int width() const { return settings.widthDots; }

    void ensureRows(int rows) {
        if (rows > canvas.height()) canvas.resizeHeight(rows);
    }

    int textWidth(TTF_Font* font, const std::string& text) const {
        int w = 0, h = 0;
        if (TTF_SizeUTF8(font, text.c_str(), &w, &h) != 0) throw TtfError("TTF_SizeUTF8");
        return w;
    }

    // Renders text into a white-paper 1-bit picture exactly as wide as the text (rounded up to 8)
    // and as tall as the font's height. Coverage of at least half a dot becomes black.
    Bitmap renderText(TTF_Font* font, const std::string& text) const {
        const SDL_Color ink{0, 0, 0, 255};
        const SDL_Color paper{255, 255, 255, 255};
        fonts::SurfacePtr surface(TTF_RenderUTF8_Shaded(font, text.c_str(), ink, paper));
        if (!surface) throw TtfError("TTF_RenderUTF8_Shaded");
        // An 8-bit surface whose pixel values index a palette running from paper (0) to ink (255).
        Bitmap out((surface->w + 7) / 8 * 8, surface->h);
        const auto* pixels = static_cast<const std::uint8_t*>(surface->pixels);
        for (int yy = 0; yy < surface->h; ++yy) {
            const std::uint8_t* line = pixels + static_cast<std::ptrdiff_t>(yy) * surface->pitch;
            for (int xx = 0; xx < surface->w; ++xx) {
                if (line[xx] >= 128) out.set(xx, yy);
            }
        }
        return out;
    }

    // Word wrap to maxWidth dots (text/word_wrap.h); a field never prints a blank line.
    std::vector<std::string> wrap(TTF_Font* font, const std::string& words, int maxWidth) const {
        return text::wrapWords(
            words, maxWidth, [&](std::string_view piece) { return textWidth(font, std::string(piece)); },
            text::EmptyLines::Drop);
    }

    void gap(double referenceDots) { y += px(referenceDots); }

    void placeCentred(const Bitmap& piece, int top) {
        ensureRows(top + piece.height());
        canvas.blit(piece, std::max(0, (width() - piece.width()) / 2 / 8 * 8), top);
    }

    void centredLines(TTF_Font* font, const std::string& text) {
        for (const auto& line : wrap(font, text, width() - 2 * margin)) {
            placeCentred(renderText(font, line), y);
            y += TTF_FontLineSkip(font);
        }
    }

    // "caption: value", the value in bold, centred; on two lines when it does not fit on one.
    void captionLine(const std::string& caption, const std::string& value) {
        if (value.empty()) return;
        if (caption.empty()) {
            centredLines(bodyBold.get(), value);
            return;
        }
        const std::string head = caption + ": ";
        const int headWidth = textWidth(body.get(), head);
        const int valueWidth = textWidth(bodyBold.get(), value);
        if (headWidth + valueWidth <= width() - 2 * margin) {
            const Bitmap headPicture = renderText(body.get(), head);
            const Bitmap valuePicture = renderText(bodyBold.get(), value);
            const int left = (width() - headWidth - valueWidth) / 2;
            ensureRows(y + std::max(headPicture.height(), valuePicture.height()));
            canvas.blit(headPicture, left, y);
            canvas.blit(valuePicture, left + headWidth, y);
            y += TTF_FontLineSkip(body.get());
            return;
        }
        centredLines(body.get(), caption + ":");
        centredLines(bodyBold.get(), value);
    }

    void rule(int thickness, bool dotted) {
        ensureRows(y + thickness);
        for (int x = margin; x < width() - margin; ++x) {
            if (!dotted || (x / 4) % 2 == 0) canvas.fillRect(x, y, 1, thickness);
        }
        y += thickness;
    }

    // The number: drawn at half resolution and doubled, so every dot is a 2x2 block the encoder
    // can send at a quarter of the size (GS v 0 m=3) with nothing lost.
    void bigNumber(const std::string& text) {
        if (text.empty()) return;
        const int maxHalfWidth = (width() - 2 * margin) / 2;
        // Noto Sans digits and capitals are about 0.714 em tall; aim for digits 30% of the width.
        const double targetHalfEm = width() * 0.30 / 0.714 / 2.0;
        // Measured on a font that keeps one size, so the size chosen depends only on the text.
        const int measured = textWidth(numberReference.get(), text);
        const double fitHalfEm =
            measured > 0 ? kNumberReferenceSize * static_cast<double>(maxHalfWidth) / measured : targetHalfEm;
        int size = std::max(8, static_cast<int>(std::floor(std::min(targetHalfEm, fitHalfEm))));
        for (;;) {
            if (size != numberSize) {
                if (TTF_SetFontSize(number.get(), size) != 0) throw TtfError("TTF_SetFontSize");
                numberSize = size;
            }
            // Hinting is not linear in size: shrink until it really fits.
            if (size <= 8 || textWidth(number.get(), text) <= maxHalfWidth) break;
            --size;
        }
        const Bitmap half = renderText(number.get(), text);
        int top = 0, bottom = half.height();
        while (top < bottom && half.rowBlank(top)) ++top;
        while (bottom > top && half.rowBlank(bottom - 1)) --bottom;
        const int halfWidth = half.width();
        const int left = std::max(0, (width() - 2 * halfWidth) / 2 / 8 * 8);
        ensureRows(y + 2 * (bottom - top));
        for (int hy = top; hy < bottom; ++hy) {
            for (int hx = 0; hx < halfWidth; ++hx) {
                if (half.get(hx, hy)) canvas.fillRect(left + 2 * hx, y + 2 * (hy - top), 2, 2);
            }
        }
        y += 2 * (bottom - top);
    }

    // White text on a black bar, so a priority ticket is told apart at a glance.
    void invertedBar(const std::string& text) {
        if (text.empty()) return;
        const int pad = px(10);
        for (const auto& line : wrap(priority.get(), text, width() - 2 * margin - 2 * pad)) {
            const Bitmap picture = renderText(priority.get(), line);
            const int textW = textWidth(priority.get(), line);
            const int barW = std::min(width() - 2 * margin, textW + 3 * pad);
            const int barLeft = (width() - barW) / 2;
            const int barH = picture.height() + pad / 2;
            ensureRows(y + barH);
            canvas.fillRect(barLeft, y, barW, barH);
            const int textLeft = (width() - textW) / 2;
            for (int py = 0; py < picture.height(); ++py) {
                for (int pxl = 0; pxl < picture.width(); ++pxl) {
                    if (picture.get(pxl, py)) canvas.set(textLeft + pxl, y + pad / 4 + py, false);
                }
            }
            y += barH;
        }
    }

    // The note between two heavy rules: it is the rule people are most likely to miss. (A full
    // frame would make every note row as wide as the paper and cost ~1 KB more per ticket.)
    void ruledNote(const std::string& text) {
        if (text.empty()) return;
        rule(2, false);
        gap(8);
        for (const auto& line : wrap(small.get(), text, width() - 2 * margin)) {
            placeCentred(renderText(small.get(), line), y);
            y += TTF_FontLineSkip(small.get());
        }
        gap(6);
        rule(2, false);
    }

    void qr(const std::string& payload) {
        auto matrix = encodeQr(payload);
        if (!matrix)
            throw RenderError("QR payload of " + std::to_string(payload.size()) +
                              " bytes is too long for a QR code");
        const int module = qrModuleDots(matrix->size(), width());
        const int side = matrix->size() * module;
        // Even left edge and even height keep the QR in 2x2 blocks for the scaled raster.
        const int left = std::max(0, (width() - side) / 2 / 8 * 8);
        ensureRows(y + side);
        drawQr(canvas, *matrix, left, y, module);
        y += side;
    }

    Bitmap render(const TicketContent& raw) {
        canvas = Bitmap(width(), 0);
        y = px(8);
        auto n = [](const std::string& s) { return text::toNfc(s); };

        if (!raw.officeName.empty()) {
            centredLines(office.get(), n(raw.officeName));
            gap(6);
            rule(2, false);
            gap(14);
        }
        if (!raw.labels.number.empty()) {
            centredLines(label.get(), n(raw.labels.number));
            gap(10);
        }
        bigNumber(n(raw.number));
        gap(18);
        if (!raw.priority.empty()) {
            invertedBar(n(raw.priority));
            gap(12);
        }
        if (!raw.service.empty()) {
            centredLines(service.get(), n(raw.service));
            gap(4);
        }
        captionLine(n(raw.labels.counters), n(raw.counters));
        gap(10);
        rule(1, true);
        gap(12);
        if (raw.peopleAhead) captionLine(n(raw.labels.peopleAhead), std::to_string(*raw.peopleAhead));
        captionLine(n(raw.labels.estimatedWait), n(raw.estimatedWait));
        captionLine(n(raw.labels.issuedAt), n(raw.issuedAt));
        gap(12);
        if (!raw.note.empty()) {
            ruledNote(n(raw.note));
            gap(12);
        }
        captionLine(n(raw.labels.hotline), n(raw.hotline));
        if (!raw.qrPayload.empty() && settings.qrMode == QrMode::Raster) {
            gap(14);
            if (!raw.labels.qrCaption.empty()) {
                centredLines(small.get(), n(raw.labels.qrCaption));
                gap(6);
            }
            qr(raw.qrPayload);
            if (!raw.qrCode.empty()) {
                gap(6);
                centredLines(bodyBold.get(), n(raw.qrCode));
            }
        } else if (!raw.qrPayload.empty() && (!raw.labels.qrCaption.empty() || !raw.qrCode.empty())) {
            // Native mode: the printer draws the QR right after this picture (the code goes above it).
            gap(14);
            if (!raw.labels.qrCaption.empty()) centredLines(small.get(), n(raw.labels.qrCaption));
            if (!raw.qrCode.empty()) centredLines(bodyBold.get(), n(raw.qrCode));
        }
        gap(8);
        ensureRows(y);
        canvas.resizeHeight(y);
        return std::move(canvas);
    }
};

TicketRenderer::TicketRenderer(const PrinterSettings& settings) : m_impl(std::make_unique<Impl>(settings)) {}
TicketRenderer::~TicketRenderer() = default;

Bitmap TicketRenderer::render(const TicketContent& content) {
    return m_impl->render(content);
}

Bitmap renderTicket(const TicketContent& content, const PrinterSettings& settings) {
    TicketRenderer renderer(settings);
    return renderer.render(content);
}

}  // namespace motcua::printer
