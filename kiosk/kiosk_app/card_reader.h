// A reader of the citizen's ID card other than the QR scanner: the chip (NFC) reader of the căn cước,
// for a later driver (issue 19). The QR scanner needs none of this: it types the card's QR like a
// keyboard and the kiosk reads the line (ScanDetector, queue::readCitizenCard).
//
// A chip reader (an ISO 14443 reader on PC/SC, as the police-run and Project 06 kiosks use) reads the
// card's data groups after the card's access control, on a thread of its own: reading takes seconds,
// and the kiosk must go on drawing. What it hands over is what the QR gives, checked the same way:
// the 12-digit number and the birth date, and nothing else (name, address and photo never leave the
// driver). From there the kiosk treats a chip reading exactly as a scanned QR: the keyed id only,
// the elderly priority from the birth date, the office's per-citizen limits
// (KioskServices::acceptCard, KioskSession::onCard).
//
// No driver ships yet; a program gives one to KioskOptions::cardReader. Tests put one behind this
// interface the way the printer tests put a fake USB printer behind "usb:" (the hardware's edge).
#pragma once

#include <optional>
#include <string>

#include "queue/citizen_card.h"

namespace motcua::kiosk {

class CardReader {
  public:
    virtual ~CardReader() = default;
    // Asked once a frame on the UI thread; never blocks. A card read (or a card that could not be
    // read: the reading's problem) since the last call, or nullopt when nothing happened. The
    // reading's card holds only the number and the birth date; its birth date is checked against
    // today by the kiosk, not by the reader.
    virtual std::optional<queue::CardReading> poll() = 0;
    // For the log: which reader this is ("ACS ACR1252U on PC/SC"). Never a card's data.
    virtual std::string describe() const = 0;
};

}  // namespace motcua::kiosk
