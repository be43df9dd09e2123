#include "printer/qr_code.h"

#include <qrencode.h>

#include <memory>
#include <string>

namespace motcua::printer {

namespace {
struct QrcodeDeleter {
    void operator()(QRcode* code) const noexcept { QRcode_free(code); }
};

QRecLevel toLibLevel(QrErrorCorrection level) {
    switch (level) {
        case QrErrorCorrection::Low:
            return QR_ECLEVEL_L;
        case QrErrorCorrection::Medium:
            return QR_ECLEVEL_M;
        case QrErrorCorrection::Quartile:
            return QR_ECLEVEL_Q;
        case QrErrorCorrection::High:
            return QR_ECLEVEL_H;
    }
    return QR_ECLEVEL_M;
}
}  // namespace

std::optional<QrMatrix> encodeQr(std::string_view payload, QrErrorCorrection level) {
    if (payload.empty()) return std::nullopt;
    // 8-bit mode with the exact bytes: QRcode_encodeString would stop at an embedded NUL.
    const std::string copy(payload);
    std::unique_ptr<QRcode, QrcodeDeleter> code(
        QRcode_encodeData(static_cast<int>(copy.size()), reinterpret_cast<const unsigned char*>(copy.data()),
                          0, toLibLevel(level)));
    if (!code) return std::nullopt;
    const int size = code->width;
    std::vector<bool> modules(static_cast<std::size_t>(size * size));
    for (int i = 0; i < size * size; ++i) modules[static_cast<std::size_t>(i)] = (code->data[i] & 1) != 0;
    return QrMatrix(size, std::move(modules));
}

void drawQr(Bitmap& target, const QrMatrix& qr, int x, int y, int moduleDots) noexcept {
    for (int my = 0; my < qr.size(); ++my) {
        for (int mx = 0; mx < qr.size(); ++mx) {
            if (qr.dark(mx, my))
                target.fillRect(x + mx * moduleDots, y + my * moduleDots, moduleDots, moduleDots);
        }
    }
}

}  // namespace motcua::printer
