// The one interface every printer connection implements (USB, CUPS, TCP 9100, file, recording).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "printer/print_error.h"

namespace motcua::printer {

class Transport {
  public:
    virtual ~Transport() = default;

    // Sends all bytes. timeout bounds the time without progress (a slow printer that keeps taking
    // data is not timed out); a failure says how many bytes went through.
    virtual Result<void> write(std::string_view bytes, std::chrono::milliseconds timeout) = 0;

    // Whatever the printer sent back, at most maxBytes, waiting up to timeout: "" when nothing came.
    // Only meaningful when canRead().
    virtual Result<std::string> read(std::size_t maxBytes, std::chrono::milliseconds timeout) = 0;

    // Whether the printer can answer (DLE EOT status). CUPS and file transports cannot.
    virtual bool canRead() const noexcept = 0;

    // Ends a job and waits until the printer has taken it: CUPS submits the document and waits for
    // the server to finish it, TCP waits until the printer has acknowledged every byte, the file
    // transport writes its files. timeout bounds the time without progress, as for write(). Bytes
    // written since the last endJob() belong to one job.
    virtual Result<void> endJob(std::chrono::milliseconds /*timeout*/) { return {}; }

    // For logs and the CLI: "usb:04b8:0e15 (bus 1 device 4)", "tcp:10.0.0.5:9100".
    virtual std::string describe() const = 0;
};

}  // namespace motcua::printer
