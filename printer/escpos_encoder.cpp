#include "printer/escpos_encoder.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "printer/code_page_text.h"
#include "printer/ticket_renderer.h"
#include "text/normalize.h"
#include "text/utf8.h"
#include "text/word_wrap.h"

namespace motcua::printer {

namespace {

constexpr std::uint8_t ESC = 0x1B, GS = 0x1D, FS = 0x1C, LF = 0x0A;
constexpr int kMaxRasterBytesPerRow = 256;
constexpr int kMaxRasterRowsPerCommand = 2303;

std::uint8_t lo(int v) {
    return static_cast<std::uint8_t>(v & 0xFF);
}
std::uint8_t hi(int v) {
    return static_cast<std::uint8_t>((v >> 8) & 0xFF);
}

std::uint8_t qrLevelByte(QrErrorCorrection level) {
    switch (level) {
        case QrErrorCorrection::Low:
            return 48;
        case QrErrorCorrection::Medium:
            return 49;
        case QrErrorCorrection::Quartile:
            return 50;
        case QrErrorCorrection::High:
            return 51;
    }
    return 49;
}

// True when every dot of the byte pair (bit 7 and 6, 5 and 4, ...) is doubled.
bool pairedBits(std::uint8_t b) {
    return ((b & 0xAA) >> 1) == (b & 0x55);
}

// Bits 7, 5, 3, 1 of b packed into a nibble.
std::uint8_t halveByte(std::uint8_t b) {
    return static_cast<std::uint8_t>(((b >> 4) & 0x8) | ((b >> 3) & 0x4) | ((b >> 2) & 0x2) |
                                     ((b >> 1) & 0x1));
}

}  // namespace

EscPosEncoder& EscPosEncoder::put(std::initializer_list<std::uint8_t> bytes) {
    for (auto b : bytes) m_bytes.push_back(static_cast<char>(b));
    return *this;
}

EscPosEncoder& EscPosEncoder::initialize() {
    return put({ESC, '@'});
}
EscPosEncoder& EscPosEncoder::cancelKanji() {
    return put({FS, '.'});
}
EscPosEncoder& EscPosEncoder::align(Align a) {
    return put({ESC, 'a', static_cast<std::uint8_t>(a)});
}
EscPosEncoder& EscPosEncoder::codePage(std::uint8_t page) {
    return put({ESC, 't', page});
}
EscPosEncoder& EscPosEncoder::bold(bool on) {
    return put({ESC, 'E', static_cast<std::uint8_t>(on ? 1 : 0)});
}
EscPosEncoder& EscPosEncoder::lineFeed() {
    return put({LF});
}

EscPosEncoder& EscPosEncoder::characterSize(int w, int h) {
    if (w < 1 || w > 8 || h < 1 || h > 8)
        throw std::invalid_argument("GS ! character size must be 1..8 times");
    return put({GS, '!', static_cast<std::uint8_t>(((w - 1) << 4) | (h - 1))});
}

EscPosEncoder& EscPosEncoder::feedDots(int dots) {
    while (dots > 0) {
        const int step = std::min(dots, 255);
        put({ESC, 'J', static_cast<std::uint8_t>(step)});
        dots -= step;
    }
    return *this;
}

EscPosEncoder& EscPosEncoder::cut(CutCommand c) {
    switch (c.kind) {
        case CutCommand::Kind::None:
            return *this;
        case CutCommand::Kind::Full:
        case CutCommand::Kind::Partial:
            return put({GS, 'V', static_cast<std::uint8_t>(c.kind)});
        case CutCommand::Kind::FeedFull:
        case CutCommand::Kind::FeedPartial:
            return put({GS, 'V', static_cast<std::uint8_t>(c.kind), c.feed});
    }
    return *this;
}

EscPosEncoder& EscPosEncoder::text(std::string_view codePageBytes) {
    m_bytes.append(codePageBytes);
    return *this;
}

EscPosEncoder& EscPosEncoder::rasterBand(const Bitmap& band, RasterScale scale) {
    if (band.stride() > kMaxRasterBytesPerRow || band.height() < 1 ||
        band.height() > kMaxRasterRowsPerCommand) {
        throw std::invalid_argument("GS v 0 band must be 1..256 bytes wide and 1..2303 rows high");
    }
    put({GS, 'v', '0', static_cast<std::uint8_t>(scale), lo(band.stride()), hi(band.stride()),
         lo(band.height()), hi(band.height())});
    const auto& data = band.bytes();
    m_bytes.append(reinterpret_cast<const char*>(data.data()), data.size());
    return *this;
}

void EscPosEncoder::rasterRun(const Bitmap& picture, int y0, int y1, bool scaled, bool fullWidth) {
    const int stride = picture.stride();
    int crop = 0;
    if (!fullWidth) {
        int left = stride, right = stride;
        for (int y = y0; y < y1; ++y) {
            const auto r = picture.row(y);
            int l = 0;
            while (l < stride && r[static_cast<std::size_t>(l)] == 0) ++l;
            int rr = 0;
            while (rr < stride && r[static_cast<std::size_t>(stride - 1 - rr)] == 0) ++rr;
            left = std::min(left, l);
            right = std::min(right, rr);
        }
        crop = std::min(left, right);
    }
    const int bytesWide = stride - 2 * crop;

    bool quad = scaled && (y1 - y0) % 2 == 0 && bytesWide % 2 == 0;
    for (int y = y0; quad && y < y1; y += 2) {
        const auto a =
            picture.row(y).subspan(static_cast<std::size_t>(crop), static_cast<std::size_t>(bytesWide));
        const auto b =
            picture.row(y + 1).subspan(static_cast<std::size_t>(crop), static_cast<std::size_t>(bytesWide));
        if (!std::equal(a.begin(), a.end(), b.begin()) || !std::all_of(a.begin(), a.end(), pairedBits))
            quad = false;
    }

    const int step = quad ? 2 : 1;
    const int rowsPerCommand = kMaxBandRows;  // rows on paper
    for (int start = y0; start < y1; start += rowsPerCommand) {
        const int end = std::min(y1, start + rowsPerCommand);
        if (quad) {
            Bitmap band(bytesWide / 2 * 8, (end - start) / 2);
            for (int y = start; y < end; y += step) {
                const auto src = picture.row(y);
                auto dst = band.row((y - start) / 2);
                for (int i = 0; i < bytesWide / 2; ++i) {
                    dst[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(
                        (halveByte(src[static_cast<std::size_t>(crop + 2 * i)]) << 4) |
                        halveByte(src[static_cast<std::size_t>(crop + 2 * i + 1)]));
                }
            }
            rasterBand(band, RasterScale::Quadruple);
        } else {
            Bitmap band(bytesWide * 8, end - start);
            for (int y = start; y < end; ++y) {
                const auto src = picture.row(y).subspan(static_cast<std::size_t>(crop),
                                                        static_cast<std::size_t>(bytesWide));
                std::copy(src.begin(), src.end(), band.row(y - start).begin());
            }
            rasterBand(band, RasterScale::Normal);
        }
    }
}

EscPosEncoder& EscPosEncoder::raster(const Bitmap& picture, bool scaled) {
    if (picture.height() == 0) return *this;
    if (picture.stride() > kMaxRasterBytesPerRow) throw std::invalid_argument("picture wider than 2048 dots");
    rasterRun(picture, 0, 1, false, true);
    int y = 1;
    while (y < picture.height()) {
        const bool blank = picture.rowBlank(y);
        int end = y + 1;
        while (end < picture.height() && picture.rowBlank(end) == blank) ++end;
        if (blank) {
            for (int start = y; start < end; start += kMaxBandRows) {
                const int rows = std::min(kMaxBandRows, end - start);
                if (scaled && rows % 2 == 0) {
                    rasterBand(Bitmap(8, rows / 2), RasterScale::DoubleHeight);
                } else {
                    rasterBand(Bitmap(8, rows));
                }
            }
        } else {
            rasterRun(picture, y, end, scaled, false);
        }
        y = end;
    }
    return *this;
}

EscPosEncoder& EscPosEncoder::nativeQr(std::string_view payload, int moduleDots, QrErrorCorrection level) {
    // fn 180 takes at most 7092 bytes after pL pH, 3 of which are cn fn m.
    if (payload.empty() || payload.size() > 7089)
        throw std::invalid_argument("GS ( k QR payload must be 1..7089 bytes");
    const auto module = static_cast<std::uint8_t>(std::clamp(moduleDots, 1, 16));
    put({GS, '(', 'k', 4, 0, '1', 'A', '2', 0});              // fn 165: model 2
    put({GS, '(', 'k', 3, 0, '1', 'C', module});              // fn 167: module size
    put({GS, '(', 'k', 3, 0, '1', 'E', qrLevelByte(level)});  // fn 169: error correction
    const int length = static_cast<int>(payload.size()) + 3;
    put({GS, '(', 'k', lo(length), hi(length), '1', 'P', '0'});  // fn 180: store
    m_bytes.append(payload);
    return put({GS, '(', 'k', 3, 0, '1', 'Q', '0'});  // fn 181: print
}

std::string encodeRasterTicket(const Bitmap& picture, std::string_view nativeQrPayload,
                               const PrinterSettings& s) {
    EscPosEncoder e;
    e.initialize().cancelKanji().align(Align::Centre);
    e.raster(picture, s.scaledRaster);
    if (!nativeQrPayload.empty()) {
        auto matrix = encodeQr(nativeQrPayload);
        e.nativeQr(nativeQrPayload, qrModuleDots(matrix ? matrix->size() : 33, s.widthDots));
    }
    e.feedDots(s.feedBeforeCutDots).cut(s.cut);
    return e.take();
}

namespace {

class TextTicketWriter {
  public:
    TextTicketWriter(EscPosEncoder& e, const PrinterSettings& s)
        : m_e(e),
          m_settings(s),
          m_columns(static_cast<std::size_t>(s.text.columns > 0 ? s.text.columns : s.widthDots / 12)) {
        m_page = s.text.codePage;
        m_e.codePage(m_page);
    }

    void line(const std::string& utf8, std::size_t columns = 0) {
        // The printer's own font gives every code point one column (a combining tone takes none:
        // NFC has none in Vietnamese).
        const auto lines = text::wrapWords(
            text::toNfc(utf8), static_cast<int>(columns ? columns : m_columns),
            [](std::string_view piece) { return static_cast<int>(text::codePointCount(piece)); },
            text::EmptyLines::Drop);
        for (const auto& l : lines) {
            m_e.text(encode(l));
            m_e.lineFeed();
        }
    }

    std::string encode(const std::string& utf8) {
        if (m_settings.text.encoding == TextEncoding::Tcvn3) {
            return encodeTcvn3(utf8, m_settings.text.codePage, m_settings.text.upperCodePage, m_page).bytes;
        }
        return encodeCp1258(utf8).bytes;
    }

    std::size_t columns() const { return m_columns; }

  private:
    EscPosEncoder& m_e;
    const PrinterSettings& m_settings;
    std::size_t m_columns;
    std::uint8_t m_page;
};

std::string encodeTextTicket(const TicketContent& c, const PrinterSettings& s) {
    EscPosEncoder e;
    e.initialize().cancelKanji().align(Align::Centre);
    TextTicketWriter w(e, s);
    auto caption = [&](const std::string& label, const std::string& value) {
        if (value.empty()) return;
        w.line(label.empty() ? value : label + ": " + value);
    };
    if (!c.officeName.empty()) {
        e.bold(true);
        w.line(c.officeName);
        e.bold(false);
        e.text(std::string(w.columns(), '-')).lineFeed();
    }
    if (!c.labels.number.empty()) w.line(c.labels.number);
    const int times = w.columns() >= 40 ? 4 : 3;
    e.characterSize(times, times).bold(true);
    w.line(c.number, w.columns() / static_cast<std::size_t>(times));
    e.characterSize(1, 1);
    if (!c.priority.empty()) {
        e.characterSize(2, 2);
        w.line(c.priority, w.columns() / 2);
        e.characterSize(1, 1);
    }
    if (!c.service.empty()) w.line(c.service);
    e.bold(false);
    caption(c.labels.counters, c.counters);
    e.text(std::string(w.columns(), '-')).lineFeed();
    if (c.peopleAhead) caption(c.labels.peopleAhead, std::to_string(*c.peopleAhead));
    caption(c.labels.estimatedWait, c.estimatedWait);
    caption(c.labels.issuedAt, c.issuedAt);
    if (!c.note.empty()) w.line(c.note);
    caption(c.labels.hotline, c.hotline);
    if (!c.qrPayload.empty()) {
        if (!c.labels.qrCaption.empty()) w.line(c.labels.qrCaption);
        auto matrix = encodeQr(c.qrPayload);
        if (!matrix)
            throw RenderError("QR payload of " + std::to_string(c.qrPayload.size()) + " bytes is too long");
        const int module = qrModuleDots(matrix->size(), s.widthDots);
        if (s.qrMode == QrMode::Native) {
            e.nativeQr(c.qrPayload, module);
        } else {
            const int side = matrix->size() * module;
            Bitmap picture(s.widthDots, side);
            drawQr(picture, *matrix, std::max(0, (s.widthDots - side) / 2 / 8 * 8), 0, module);
            e.raster(picture, s.scaledRaster);
        }
    }
    e.feedDots(s.feedBeforeCutDots).cut(s.cut);
    return e.take();
}

}  // namespace

std::string encodeTicket(TicketRenderer& renderer, const TicketContent& content,
                         const PrinterSettings& settings) {
    if (auto problem = validateSettings(settings)) throw RenderError(*problem);
    if (settings.text.encoding != TextEncoding::None) return encodeTextTicket(content, settings);
    const Bitmap picture = renderer.render(content);
    return encodeRasterTicket(picture, settings.qrMode == QrMode::Native ? content.qrPayload : std::string(),
                              settings);
}

std::string encodeTicket(const TicketContent& content, const PrinterSettings& settings) {
    if (settings.text.encoding != TextEncoding::None) {
        if (auto problem = validateSettings(settings)) throw RenderError(*problem);
        return encodeTextTicket(content, settings);
    }
    TicketRenderer renderer(settings);
    return encodeTicket(renderer, content, settings);
}

}  // namespace motcua::printer
