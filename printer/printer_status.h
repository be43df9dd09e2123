// The printer's real-time status through DLE EOT, for the transports that can read.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "printer/print_error.h"
#include "printer/transport.h"

namespace motcua::printer {

enum class PrinterState {
    Ready,
    PaperNearEnd,  // still prints: the kiosk warns staff
    PaperOut,
    CoverOpen,
    Offline,
    CutterError,
    NotReported,  // the transport cannot read, or the printer did not answer
};

std::string_view stateName(PrinterState state) noexcept;  // "paper-out"
std::string_view stateMessageVi(PrinterState state) noexcept;
// The failure that stops printing in this state, or nullopt (Ready, PaperNearEnd, NotReported).
std::optional<PrintError> blockingError(PrinterState state) noexcept;

struct PrinterStatus {
    PrinterState state = PrinterState::NotReported;
    std::string replies;  // the raw DLE EOT answers (1, 2, 4 and 3 when asked), for logs
};

struct StatusOptions {
    std::chrono::milliseconds replyTimeout{300};  // per DLE EOT question
    std::chrono::milliseconds drainTimeout{20};   // per read while emptying stale answers
    int maxDrainReads = 16;
};

// Empties stale input, then asks DLE EOT 1, 2, 4 (and 3 when an error is flagged). A transport
// that cannot read, or a printer that does not answer, gives NotReported. Write failures are
// failures (the printer is not reachable).
Result<PrinterStatus> queryStatus(Transport& transport, const StatusOptions& options = {});

// Interprets the answers (exposed for tests): n1..n4 as returned by DLE EOT 1..4; n3 may be 0
// when not asked.
PrinterState interpretStatus(std::uint8_t n1, std::uint8_t n2, std::uint8_t n3, std::uint8_t n4) noexcept;

}  // namespace motcua::printer
