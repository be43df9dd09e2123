#include "printer/print_job.h"

namespace motcua::printer {

Result<PrinterState> printBytes(Transport& transport, std::string_view bytes, const PrintOptions& options) {
    PrinterState before = PrinterState::NotReported;
    if (options.checkStatus) {
        auto status = queryStatus(transport, options.status);
        if (!status) return status.error();
        before = status->state;
        if (auto blocked = blockingError(before)) {
            return Failure{*blocked, transport.describe() + " reports " + std::string(stateName(before)) +
                                         " before printing; nothing sent"};
        }
    }
    // A printer that stops taking data (paper end, cover opened mid-job) makes the write or the wait
    // at the end time out; DLE EOT is answered in real time even then, so ask why (unless it did
    // not answer before either: a hung printer would only add another wait).
    auto explain = [&](const Failure& failure) -> Failure {
        if (failure.error != PrintError::Timeout || before == PrinterState::NotReported) return failure;
        if (auto after = queryStatus(transport, options.status); after) {
            if (auto blocked = blockingError(after->state)) {
                return Failure{
                    *blocked,
                    failure.detail + "; the printer reports " + std::string(stateName(after->state)),
                    failure.reached};
            }
        }
        return failure;
    };
    if (auto written = transport.write(bytes, options.writeTimeout); !written)
        return explain(written.error());
    if (auto ended = transport.endJob(options.writeTimeout); !ended) return explain(ended.error());
    if (before == PrinterState::NotReported) return before;  // it did not answer before: no use asking

    // The printer took the whole job into its buffer, but may have stopped at the paper end while
    // printing it. Whether the ticket came out is unknown: it may have printed in full just before
    // the fault, or stopped part way and print the rest (with the cut) once the paper is refilled,
    // so printing it again could give two. Reached::All says so; the caller tells staff rather than
    // print again by itself. (DLE EOT is answered on arrival, maybe before the buffered ticket is
    // printed: a fault after this question goes unnoticed.)
    auto after = queryStatus(transport, options.status);
    if (!after) return before;  // the job was taken; the printer went away afterwards
    if (auto blocked = blockingError(after->state)) {
        return Failure{
            *blocked,
            transport.describe() + " reports " + std::string(stateName(after->state)) +
                " after taking the whole job: it may have printed, or may print once the fault is cleared",
            Reached::All};
    }
    return after->state == PrinterState::NotReported ? before : after->state;
}

}  // namespace motcua::printer
