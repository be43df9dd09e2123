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

// Refuses to start when the printer reports paper out, cover open, offline or a cutter error.
// When a write times out it asks again, so a paper end mid-job comes back as PaperOut.
// On success, the status read before printing (PaperNearEnd is worth showing to staff).
Result<PrinterState> printBytes(Transport& transport, std::string_view bytes, const PrintOptions& options = {});

}  // namespace motcua::printer
