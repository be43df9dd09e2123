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
    if (auto written = transport.write(bytes, options.writeTimeout); !written) {
        Failure failure = written.error();
        if (failure.error == PrintError::Timeout && options.checkStatus) {
            // DLE EOT is answered in real time even while the printer refuses data.
            if (auto after = queryStatus(transport, options.status); after) {
                if (auto blocked = blockingError(after->state)) {
                    return Failure{*blocked, failure.detail + "; the printer reports " +
                                                 std::string(stateName(after->state))};
                }
            }
        }
        return failure;
    }
    if (auto ended = transport.endJob(); !ended) return ended.error();
    return before;
}

}  // namespace motcua::printer
