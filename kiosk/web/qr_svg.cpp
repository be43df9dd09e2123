#include "kiosk/web/qr_svg.h"

#include <fmt/format.h>
#include <qrencode.h>

#include <memory>

#include "kiosk/web/http.h"

namespace motcua::web {

namespace {
struct QrcodeDeleter {
    void operator()(QRcode* code) const noexcept { QRcode_free(code); }
};
constexpr int kQuiet = 4;
}  // namespace

std::string qrSvg(std::string_view payload, std::string_view label) {
    if (payload.empty()) return {};
    const std::string copy(payload);
    std::unique_ptr<QRcode, QrcodeDeleter> code(QRcode_encodeData(
        static_cast<int>(copy.size()), reinterpret_cast<const unsigned char*>(copy.data()), 0, QR_ECLEVEL_M));
    if (!code) return {};
    const int size = code->width;
    std::string path;
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x) {
            if ((code->data[y * size + x] & 1) == 0) continue;
            // A run of dark modules on the row is one rectangle.
            int run = 1;
            while (x + run < size && (code->data[y * size + x + run] & 1) != 0) ++run;
            path += fmt::format("M{} {}h{}v1h-{}z", x + kQuiet, y + kQuiet, run, run);
            x += run - 1;
        }
    }
    const int full = size + 2 * kQuiet;
    return fmt::format(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" role=\"img\" "
        "aria-label=\"{1}\" shape-rendering=\"crispEdges\"><rect width=\"{0}\" height=\"{0}\" fill=\"#fff\"/>"
        "<path fill=\"#000\" d=\"{2}\"/></svg>",
        full, htmlEscape(std::string(label)), path);
}

}  // namespace motcua::web
