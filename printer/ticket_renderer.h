// Lays a ticket out into a 1-bit bitmap at the printer's width with SDL2_ttf (the fonts the
// screens use), without a window: only TTF_Init, drawing on memory surfaces.
#pragma once

#include <memory>
#include <stdexcept>

#include "fonts/ttf.h"  // fonts::TtfError, thrown when an SDL2_ttf call fails
#include "printer/bitmap.h"
#include "printer/printer_settings.h"
#include "printer/ticket_content.h"

namespace motcua::printer {

// The ticket cannot be laid out: unusable settings, no Vietnamese font, QR payload too long.
class RenderError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Keeps the fonts open between tickets (opening them costs more than drawing a ticket).
// Not thread-safe: one renderer per thread.
class TicketRenderer {
  public:
    explicit TicketRenderer(const PrinterSettings& settings);
    TicketRenderer(const TicketRenderer&) = delete;
    TicketRenderer& operator=(const TicketRenderer&) = delete;
    ~TicketRenderer();

    // Width is settings.widthDots. The QR code is drawn last, at the bottom, and only when
    // settings.qrMode is Raster; in Native mode the encoder appends GS ( k after this picture.
    Bitmap render(const TicketContent& content);

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// One-off convenience: opens the fonts, renders, closes them.
Bitmap renderTicket(const TicketContent& content, const PrinterSettings& settings);

// Dots per QR module for a QR of the given side (in modules) on this paper width: the QR takes
// about 40% of the width, modules are even (for the 2x2 raster scaling) and at most 16 (GS ( k).
int qrModuleDots(int qrModules, int widthDots) noexcept;

}  // namespace motcua::printer
