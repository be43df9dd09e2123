// What can go wrong when printing, as values. Each has a one-line Vietnamese message for the kiosk
// screen and an English one for the log; Failure adds the detail of this occurrence (English).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "printer/expected.h"

namespace motcua::printer {

enum class PrintError {
    NotConfigured,     // printer URI "none"
    BadUri,            // the printer setting cannot be understood
    NoPrinterFound,    // no USB printer / no such CUPS queue / host not found
    PermissionDenied,  // USB device not accessible: the udev rule is missing
    Busy,              // another driver or program holds the printer
    Timeout,           // the printer stopped taking data
    PaperOut,
    CoverOpen,
    Offline,
    CutterError,
    ConnectionRefused,  // nothing listens at the address / the print server is down
    ConnectionClosed,   // the printer or server went away mid-job
    IoError,            // any other transport failure
    JobRejected,        // CUPS refused the job (keep last: errorFromName() walks up to it)
};

// The text shown on the kiosk: NFC Vietnamese, one line, tells the citizen what happens next.
std::string_view messageVi(PrintError error) noexcept;
// The text for logs and the CLI.
std::string_view messageEn(PrintError error) noexcept;
std::string_view errorName(PrintError error) noexcept;  // "paper-out"
// The other way (for a `print_failed` event read back); nullopt for a name this version lacks.
std::optional<PrintError> errorFromName(std::string_view name) noexcept;

// The udev rule that fixes PermissionDenied (shipped in assets/udev/).
inline constexpr std::string_view kUdevRulePath = "assets/udev/60-motcua-printer.rules";

// How much of a job may have reached the printer when printing it failed: what decides whether
// printing it again can put a second paper in the slot.
enum class Reached {
    Nothing,  // no byte of the job (only status questions): printing again is safe
    Part,     // some of it, never its end (the cut): at most a piece of a ticket, no whole one
    All,      // maybe all of it: a whole ticket may have come out, or may still come out once the
              // fault clears (a printer resumes what it buffered); the outcome is unknown
};
std::string_view reachedName(Reached reached) noexcept;  // "nothing", "part", "all"

struct Failure {
    PrintError error;
    std::string detail;  // English: which call, which device, how many bytes were sent
    Reached reached = Reached::Nothing;

    // "<English message>: <detail>"
    std::string describe() const;
};

template <class T>
using Result = Expected<T, Failure>;

}  // namespace motcua::printer
