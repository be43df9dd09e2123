// Reads back the ESC/POS streams this library writes (raster tickets) into the picture a printer
// would print: for print-preview, the file transport's PNG, and round-trip tests. Anything else
// (unknown commands, text-mode characters, truncated commands) is refused with the offset.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "printer/bitmap.h"
#include "printer/expected.h"

namespace motcua::printer {

struct DecodedTicket {
    Bitmap picture;  // paper width; feeds included as white rows
    int cuts = 0;
    int commands = 0;
};

struct DecodeError {
    std::size_t offset;
    std::string message;  // English, names the offset: "offset 1234: unknown command 1B 72"
};

struct DecodeOptions {
    // Paper width in dots; 0: the width of the first raster band (this library's streams start
    // with a full-width row).
    int paperWidthDots = 0;
    int lineSpacingDots = 30;  // LF and ESC d on a fresh line: the common default spacing
};

Expected<DecodedTicket, DecodeError> decodeEscPos(std::string_view bytes, const DecodeOptions& options = {});

}  // namespace motcua::printer
