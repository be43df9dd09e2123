// ESC/POS command bytes. Each method appends one command (or one group of raster bands) and
// returns the encoder, so a stream reads as the sequence it is.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "printer/bitmap.h"
#include "printer/printer_settings.h"
#include "printer/qr_code.h"
#include "printer/ticket_content.h"

namespace motcua::printer {

enum class Align : std::uint8_t { Left = 0, Centre = 1, Right = 2 };

// GS v 0 m: how the printer scales the dots it receives.
enum class RasterScale : std::uint8_t { Normal = 0, DoubleWidth = 1, DoubleHeight = 2, Quadruple = 3 };

// Rows per GS v 0 command, counted on paper: bounds every USB write and suits slow clones.
constexpr int kMaxBandRows = 256;

class EscPosEncoder {
  public:
    EscPosEncoder& initialize();                 // ESC @
    EscPosEncoder& cancelKanji();                // FS . (clones may start in GB18030 double-byte mode)
    EscPosEncoder& align(Align align);           // ESC a n; also positions GS v 0 pictures
    EscPosEncoder& codePage(std::uint8_t page);  // ESC t n
    EscPosEncoder& bold(bool on);                // ESC E n
    EscPosEncoder& characterSize(int widthTimes, int heightTimes);  // GS ! n, each 1..8
    EscPosEncoder& lineFeed();                                      // LF
    EscPosEncoder& feedDots(int dots);                              // ESC J n, repeated for more than 255
    EscPosEncoder& cut(CutCommand cut);                             // GS V m [n]
    EscPosEncoder& text(std::string_view codePageBytes);            // already encoded for the selected page

    // One GS v 0 command carrying band exactly as given (at most 256 bytes wide, 1..2303 rows).
    EscPosEncoder& rasterBand(const Bitmap& band, RasterScale scale = RasterScale::Normal);

    // A whole picture as raster, meant to be sent with centre alignment:
    //  - runs of blank rows become 1-byte-wide blank bands (exact on every printer, unlike ESC J
    //    whose unit differs between models);
    //  - other runs are cropped by the same number of blank bytes on both sides, so centring puts
    //    them back where they were;
    //  - with scaled, runs made of 2x2 blocks go at half size with m=3 (Quadruple), losslessly;
    //  - every command covers at most kMaxBandRows rows of paper.
    // The first row is always sent at full width so the stream says how wide the paper is.
    EscPosEncoder& raster(const Bitmap& picture, bool scaled);

    // GS ( k: model 2, module size (1..16 dots), error correction, store, print.
    EscPosEncoder& nativeQr(std::string_view payload, int moduleDots,
                            QrErrorCorrection level = QrErrorCorrection::Medium);

    const std::string& bytes() const noexcept { return m_bytes; }
    std::string take() noexcept { return std::move(m_bytes); }

  private:
    EscPosEncoder& put(std::initializer_list<std::uint8_t> bytes);
    void rasterRun(const Bitmap& picture, int y0, int y1, bool scaled, bool fullWidth);
    std::string m_bytes;
};

class TicketRenderer;

// The whole ticket: ESC @, FS ., centre, the rendered picture (raster), the QR (raster inside the
// picture, or GS ( k after it), feed, cut. In text mode (settings.text.encoding != None) the words
// go as code page text and only the QR is a picture. Throws RenderError on unusable settings.
std::string encodeTicket(TicketRenderer& renderer, const TicketContent& content,
                         const PrinterSettings& settings);
std::string encodeTicket(const TicketContent& content, const PrinterSettings& settings);

// The raster ticket stream for a picture already rendered (what encodeTicket sends in raster mode).
std::string encodeRasterTicket(const Bitmap& picture, std::string_view nativeQrPayload,
                               const PrinterSettings& settings);

}  // namespace motcua::printer
