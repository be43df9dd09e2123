// Fuzz target: the ESC/POS decoder behind print-preview and the file printer's PNG. Refusals are
// values (DecodeError); a crash, UB, a leak, an exception or a runaway allocation is a bug. The
// first input byte picks the paper width option (0 = from the first band, or a real width, or one
// the decoder must refuse).
#include "printer/escpos_decoder.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    constexpr int kWidths[] = {0, 384, 512, 576, 640, 2048, 100, -8};
    motcua::printer::DecodeOptions options;
    options.paperWidthDots = kWidths[data[0] % std::size(kWidths)];
    const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto decoded = motcua::printer::decodeEscPos(bytes, options);
    if (decoded) {
        // What a printer prints is at most as wide as the paper that was asked for.
        if (options.paperWidthDots > 0 && decoded->picture.width() != options.paperWidthDots)
            __builtin_trap();
    } else if (decoded.error().offset > bytes.size()) {
        __builtin_trap();  // a refusal points inside the stream
    }
    return 0;
}
