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
                return Failure{*blocked, failure.detail + "; the printer reports " + std::string(stateName(after->state))};
            }
        }
        return failure;
    };
    if (auto written = transport.write(bytes, options.writeTimeout); !written) return explain(written.error());
    if (auto ended = transport.endJob(options.writeTimeout); !ended) return explain(ended.error());
    if (before == PrinterState::NotReported) return before;  // it did not answer before: no use asking

    // The printer took the whole job into its buffer, but may have stopped at the paper end while
    // printing it: a printer that now reports a fault has probably not printed all of the ticket. A
    // ticket printed in full just before the paper ran out is then printed twice, which is harmless;
    // one that never came out is not. (DLE EOT is answered on arrival, maybe before the buffered
    // ticket is printed: a fault after this question goes unnoticed.)
    auto after = queryStatus(transport, options.status);
    if (!after) return before;  // the job was taken; the printer went away afterwards
    if (auto blocked = blockingError(after->state)) {
        return Failure{*blocked, transport.describe() + " reports " + std::string(stateName(after->state)) +
                                     " after taking the job: the ticket may be incomplete"};
    }
    return after->state == PrinterState::NotReported ? before : after->state;
}

}  // namespace motcua::printer
