// QR codes through libqrencode, drawn as dots for the raster path and re-drawn by the decoder for
// native (GS ( k) streams.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "printer/bitmap.h"

namespace motcua::printer {

enum class QrErrorCorrection { Low, Medium, Quartile, High };

class QrMatrix {
  public:
    QrMatrix(int size, std::vector<bool> modules) : m_size(size), m_modules(std::move(modules)) {}
    int size() const noexcept { return m_size; }  // modules per side, without quiet zone
    bool dark(int x, int y) const noexcept { return m_modules[static_cast<std::size_t>(y * m_size + x)]; }

  private:
    int m_size;
    std::vector<bool> m_modules;
};

// nullopt when the payload is empty or too long for any QR version at that level.
std::optional<QrMatrix> encodeQr(std::string_view payload,
                                 QrErrorCorrection level = QrErrorCorrection::Medium);

// Draws the modules (no quiet zone) with the top-left at (x, y), moduleDots per module side.
void drawQr(Bitmap& target, const QrMatrix& qr, int x, int y, int moduleDots) noexcept;

}  // namespace motcua::printer
