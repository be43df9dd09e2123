#include "printer/escpos_decoder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>

#include "printer/qr_code.h"

namespace motcua::printer {

namespace {

// The longest picture decoded, about 12.5 m of paper at 8 dots/mm (a ticket is 10-20 cm). A stream
// asking for more is refused before it is allocated: a few kilobytes of feed commands would
// otherwise ask for gigabytes, and a longer stream would overflow the int row counter.
constexpr int kMaxPaperDots = 100'000;

std::string hexBytes(std::string_view bytes, std::size_t offset, std::size_t count) {
    std::string out;
    for (std::size_t i = offset; i < bytes.size() && i < offset + count; ++i) {
        if (!out.empty()) out += ' ';
        out += fmt::format("{:02X}", static_cast<unsigned char>(bytes[i]));
    }
    return out;
}

class Decoder {
  public:
    Decoder(std::string_view bytes, const DecodeOptions& options) : m_in(bytes), m_options(options) {}

    Expected<DecodedTicket, DecodeError> run() {
        if (m_options.paperWidthDots < 0 || m_options.paperWidthDots % 8 != 0 ||
            m_options.paperWidthDots > 2048) {
            return DecodeError{0, fmt::format("paper width {} dots is not a multiple of 8 up to 2048",
                                              m_options.paperWidthDots)};
        }
        if (m_in.empty()) return DecodeError{0, "offset 0: the stream is empty"};
        while (m_pos < m_in.size()) {
            const std::size_t start = m_pos;
            if (auto error = command())
                return DecodeError{start, fmt::format("offset {}: {}", start, *error)};
            ++m_result.commands;
        }
        if (m_result.commands > 0 && m_width == 0) {
            return DecodeError{m_in.size(),
                               fmt::format("offset {}: the stream ends without printing anything (no raster "
                                           "picture or QR code in it)",
                                           m_in.size())};
        }
        m_result.picture = std::move(m_canvas);
        return std::move(m_result);
    }

  private:
    std::size_t left() const { return m_in.size() - m_pos; }
    std::uint8_t at(std::size_t i) const { return static_cast<std::uint8_t>(m_in[i]); }

    // Takes n parameter bytes after a command of the given name, or says it is cut short.
    std::optional<std::string> need(std::size_t n, const char* name) {
        if (left() < n) {
            return fmt::format("{} is truncated: needs {} more byte(s), {} left", name, n, left());
        }
        return std::nullopt;
    }

    std::optional<std::string> command() {
        const std::uint8_t b = at(m_pos);
        if (b == 0x0A) {
            if (auto e = feed(m_options.lineSpacingDots)) return e;
            ++m_pos;
            return std::nullopt;
        }
        if (b == 0x1B) return escape();
        if (b == 0x1D) return groupSeparator();
        if (b == 0x1C) {
            if (auto e = need(2, "FS")) return e;
            if (at(m_pos + 1) != '.') return unknown(2);
            m_pos += 2;
            return std::nullopt;
        }
        if (b == 0x10) {
            if (auto e = need(3, "DLE")) return e;
            if (at(m_pos + 1) != 0x04 || at(m_pos + 2) < 1 || at(m_pos + 2) > 4) return unknown(3);
            m_pos += 3;  // DLE EOT n: a status request, prints nothing
            return std::nullopt;
        }
        if (b >= 0x20) {
            return fmt::format("character data {} (text mode): print-preview shows raster tickets only",
                               hexBytes(m_in, m_pos, 8));
        }
        return unknown(1);
    }

    std::string unknown(std::size_t n) const {
        return fmt::format("unknown or unsupported command {}", hexBytes(m_in, m_pos, n));
    }

    std::optional<std::string> escape() {
        if (auto e = need(2, "ESC")) return e;
        const std::uint8_t c = at(m_pos + 1);
        switch (c) {
            case '@':
                m_pos += 2;
                m_align = 0;
                return std::nullopt;
            case 'a': {
                if (auto e = need(3, "ESC a")) return e;
                const std::uint8_t n = at(m_pos + 2);
                if (n > 2 && (n < '0' || n > '2')) return fmt::format("ESC a with invalid alignment {}", n);
                m_align = n >= '0' ? n - '0' : n;
                m_pos += 3;
                return std::nullopt;
            }
            case 'J':
            case 'd':
            case 't':
            case 'E':
            case 'M': {
                if (auto e = need(3, "ESC command")) return e;
                const std::uint8_t n = at(m_pos + 2);
                if (c == 'J') {
                    if (auto e = feed(n)) return e;
                }
                if (c == 'd') {
                    if (auto e = feed(n * m_options.lineSpacingDots)) return e;
                }
                m_pos += 3;
                return std::nullopt;
            }
            default:
                return unknown(2);
        }
    }

    std::optional<std::string> groupSeparator() {
        if (auto e = need(2, "GS")) return e;
        const std::uint8_t c = at(m_pos + 1);
        switch (c) {
            case 'v':
                return rasterBand();
            case '(':
                return twoByteLengthCommand();
            case 'V': {
                if (auto e = need(3, "GS V")) return e;
                const std::uint8_t m = at(m_pos + 2);
                if (m == 0 || m == 1 || m == '0' || m == '1') {
                    m_pos += 3;
                } else if (m == 65 || m == 66) {
                    if (auto e = need(4, "GS V")) return e;
                    if (auto e = feed(at(m_pos + 3))) return e;
                    m_pos += 4;
                } else {
                    return fmt::format("GS V with unsupported cut function {}", m);
                }
                ++m_result.cuts;
                return std::nullopt;
            }
            case '!': {
                if (auto e = need(3, "GS !")) return e;
                m_pos += 3;
                return std::nullopt;
            }
            default:
                return unknown(2);
        }
    }

    std::optional<std::string> rasterBand() {
        if (auto e = need(8, "GS v 0 header")) return e;
        if (at(m_pos + 2) != '0') return unknown(3);
        const std::uint8_t m = at(m_pos + 3);
        const int mode = m >= '0' ? m - '0' : m;
        if (mode < 0 || mode > 3) return fmt::format("GS v 0 with invalid mode {}", m);
        const int xBytes = at(m_pos + 4) | (at(m_pos + 5) << 8);
        const int rows = at(m_pos + 6) | (at(m_pos + 7) << 8);
        if (xBytes < 1 || xBytes > 256 || rows < 1 || rows > 2303) {
            return fmt::format("GS v 0 with out-of-range size {} bytes x {} rows", xBytes, rows);
        }
        const std::size_t dataBytes = static_cast<std::size_t>(xBytes) * static_cast<std::size_t>(rows);
        if (left() < 8 + dataBytes) {
            return fmt::format("GS v 0 ({} x {}) is truncated: needs {} data bytes, {} left", xBytes, rows,
                               dataBytes, left() - 8);
        }
        const int scaleX = (mode & 1) ? 2 : 1;
        const int scaleY = (mode & 2) ? 2 : 1;
        const int dotsWide = xBytes * 8 * scaleX;
        if (m_width == 0) startPaper(m_options.paperWidthDots ? m_options.paperWidthDots : dotsWide);
        if (dotsWide > m_width) {
            return fmt::format("GS v 0 band is {} dots wide, wider than the {}-dot paper", dotsWide, m_width);
        }
        const int left0 = xOffset(dotsWide);
        const int top = m_y;
        if (auto e = tooLong(rows * scaleY)) return e;
        growTo(top + rows * scaleY);
        const std::size_t data = m_pos + 8;
        for (int y = 0; y < rows; ++y) {
            for (int xb = 0; xb < xBytes; ++xb) {
                const std::uint8_t byte = at(data + static_cast<std::size_t>(y * xBytes + xb));
                if (byte == 0) continue;
                for (int bit = 0; bit < 8; ++bit) {
                    if (byte & (0x80 >> bit)) {
                        m_canvas.fillRect(left0 + (xb * 8 + bit) * scaleX, top + y * scaleY, scaleX, scaleY);
                    }
                }
            }
        }
        m_y = top + rows * scaleY;
        m_pos += 8 + dataBytes;
        return std::nullopt;
    }

    // GS ( k (QR, cn 49) and nothing else of the GS ( family.
    std::optional<std::string> twoByteLengthCommand() {
        if (auto e = need(5, "GS (")) return e;
        const std::uint8_t fnGroup = at(m_pos + 2);
        if (fnGroup != 'k') return unknown(3);
        const std::size_t length = at(m_pos + 3) | (at(m_pos + 4) << 8);
        if (left() < 5 + length) {
            return fmt::format("GS ( k is truncated: needs {} byte(s) after the length, {} left", length,
                               left() - 5);
        }
        if (length < 2 || at(m_pos + 5) != '1')
            return fmt::format("GS ( k for a symbol other than QR (cn 49)");
        const std::uint8_t fn = at(m_pos + 6);
        const std::string_view params = m_in.substr(m_pos + 7, length - 2);
        switch (fn) {
            case 'A':
                break;  // model: this decoder draws model 2
            case 'C':
                if (params.empty() || params[0] < 1 || params[0] > 16)
                    return "GS ( k module size out of 1..16";
                m_qrModule = params[0];
                break;
            case 'E':
                if (params.empty() || params[0] < 48 || params[0] > 51)
                    return "GS ( k error correction out of 48..51";
                m_qrLevel = static_cast<QrErrorCorrection>(params[0] - 48);
                break;
            case 'P':
                if (params.empty() || params[0] != '0') return "GS ( k store with m other than 48";
                m_qrData = std::string(params.substr(1));
                break;
            case 'Q': {
                auto matrix = encodeQr(m_qrData, m_qrLevel);
                if (!matrix) return "GS ( k print with no stored QR data (or data too long)";
                const int side = matrix->size() * m_qrModule;
                if (m_width == 0)
                    startPaper(m_options.paperWidthDots ? m_options.paperWidthDots : (side + 7) / 8 * 8);
                if (side > m_width)
                    return fmt::format("QR code of {} dots is wider than the {}-dot paper", side, m_width);
                if (auto e = tooLong(side)) return e;
                growTo(m_y + side);
                drawQr(m_canvas, *matrix, xOffset(side), m_y, m_qrModule);
                m_y += side;
                break;
            }
            default:
                return fmt::format("GS ( k function {} is not supported", fn);
        }
        m_pos += 5 + length;
        return std::nullopt;
    }

    int xOffset(int dotsWide) const {
        if (m_align == 1) return (m_width - dotsWide) / 2;
        if (m_align == 2) return m_width - dotsWide;
        return 0;
    }

    void startPaper(int width) {
        m_width = width;
        m_canvas = Bitmap(width, m_y);
    }

    void growTo(int rows) {
        if (m_width != 0 && rows > m_canvas.height()) m_canvas.resizeHeight(rows);
    }

    // Refuses to make the picture more than kMaxPaperDots long.
    std::optional<std::string> tooLong(int moreDots) const {
        if (moreDots <= kMaxPaperDots - m_y) return std::nullopt;
        return fmt::format("the picture would be longer than {} dots (about 12.5 m of paper)", kMaxPaperDots);
    }

    std::optional<std::string> feed(int dots) {
        if (auto e = tooLong(dots)) return e;
        m_y += dots;
        growTo(m_y);
        return std::nullopt;
    }

    std::string_view m_in;
    DecodeOptions m_options;
    std::size_t m_pos = 0;
    int m_align = 0;
    int m_width = 0;
    int m_y = 0;
    int m_qrModule = 3;
    QrErrorCorrection m_qrLevel = QrErrorCorrection::Low;
    std::string m_qrData;
    Bitmap m_canvas;
    DecodedTicket m_result;
};

}  // namespace

Expected<DecodedTicket, DecodeError> decodeEscPos(std::string_view bytes, const DecodeOptions& options) {
    return Decoder(bytes, options).run();
}

}  // namespace motcua::printer
