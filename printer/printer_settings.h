// How a particular printer wants its tickets: paper width, QR and cut commands, optional text mode.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace motcua::printer {

enum class QrMode {
    Raster,  // QR drawn into the ticket bitmap (libqrencode): prints on every raster printer
    Native,  // GS ( k: the printer draws it; smaller stream, needs firmware support
};

// GS V m [n]. The default, function B partial cut with feed (66, 0), is the one clones accept most.
struct CutCommand {
    enum class Kind : std::uint8_t {
        None = 0xFF,       // no cut command (tear-off printers)
        Full = 0,          // GS V 0
        Partial = 1,       // GS V 1
        FeedFull = 65,     // GS V 65 n
        FeedPartial = 66,  // GS V 66 n
    };
    Kind kind = Kind::FeedPartial;
    std::uint8_t feed = 0;  // n, for the Feed* kinds
    bool operator==(const CutCommand&) const = default;
};

// Text mode sends the words as characters in a printer code page instead of a picture. Only for
// printers whose self-test proves the page prints Vietnamese; raster is the default.
enum class TextEncoding {
    None,    // raster (default)
    Tcvn3,   // TCVN 5712 VN3 ("ABC"): lower case page + upper case page (Epson 30 / 31)
    Cp1258,  // Windows-1258, toned letters as base letter + combining tone (Epson 52, ZJiang 27)
};

struct TextMode {
    TextEncoding encoding = TextEncoding::None;
    std::uint8_t codePage = 52;       // ESC t n for Cp1258, or the lower-case page for Tcvn3
    std::uint8_t upperCodePage = 31;  // ESC t n of the TCVN-3 upper-case page (Tcvn3 only)
    int columns = 0;                  // characters per line in font A; 0: width / 12
};

struct PrinterSettings {
    int widthDots = 576;  // printable width: 576 (80 mm, 203 dpi), 384 (58 mm), 512 (180 dpi), 640
    QrMode qrMode = QrMode::Raster;
    CutCommand cut;
    int feedBeforeCutDots = 24;  // ESC J before the cut, so the last line clears the head
    // Send bands whose dots come in 2x2 blocks (the big number, the QR) at half size with
    // GS v 0 m=3 (quadruple). Lossless; turn off for a printer that ignores m.
    bool scaledRaster = true;
    TextMode text;
    std::filesystem::path regularFont;  // empty: fontconfig "Noto Sans" regular
    std::filesystem::path boldFont;     // empty: fontconfig "Noto Sans" bold
};

// nullopt when usable, otherwise what is wrong (English, one line).
std::optional<std::string> validateSettings(const PrinterSettings& settings);

}  // namespace motcua::printer
