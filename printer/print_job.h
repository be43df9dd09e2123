// Sending a ticket: check the printer first where it can answer, send, end the job, and turn what
// went wrong into one PrintError the kiosk can show.
#pragma once

#include <chrono>
#include <string_view>

#include "printer/print_error.h"
#include "printer/printer_status.h"
#include "printer/transport.h"

namespace motcua::printer {

struct PrintOptions {
    std::chrono::milliseconds writeTimeout{5000};  // without progress
    bool checkStatus = true;
    StatusOptions status;
};

// Refuses to start when the printer reports paper out, cover open, offline or a cutter error
// (Reached::Nothing). Sends, then waits for the printer to take the job (Transport::endJob). When
// the write or that wait times out it asks again, so a paper end mid-job comes back as PaperOut;
// a printer that answered before is asked once more after the job, so one that took the whole
// ticket into its buffer and then reports a fault is a failure whose outcome is unknown
// (Reached::All: it may have printed, or print later). A failure's `reached` says how much of the
// job may have reached the printer, as the transport knows it (see printer/README.md).
// On success, the printer's latest state (PaperNearEnd is worth showing to staff).
Result<PrinterState> printBytes(Transport& transport, std::string_view bytes,
                                const PrintOptions& options = {});

}  // namespace motcua::printer
