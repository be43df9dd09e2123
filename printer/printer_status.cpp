#include "printer/printer_status.h"

#include <optional>

namespace motcua::printer {

namespace {

// Every DLE EOT answer has the pattern 0xx1xx10.
bool validReply(std::uint8_t b) {
    return (b & 0x93) == 0x12;
}

constexpr std::uint8_t kOffline = 0x08;          // n = 1
constexpr std::uint8_t kCoverOpen = 0x04;        // n = 2
constexpr std::uint8_t kStoppedPaperEnd = 0x20;  // n = 2
constexpr std::uint8_t kErrorOccurred = 0x40;    // n = 2
constexpr std::uint8_t kCutterError = 0x08;      // n = 3
constexpr std::uint8_t kNearEnd = 0x0C;          // n = 4
constexpr std::uint8_t kPaperEnd = 0x60;         // n = 4

}  // namespace

std::string_view stateName(PrinterState state) noexcept {
    switch (state) {
        case PrinterState::Ready:
            return "ready";
        case PrinterState::PaperNearEnd:
            return "paper-near-end";
        case PrinterState::PaperOut:
            return "paper-out";
        case PrinterState::CoverOpen:
            return "cover-open";
        case PrinterState::Offline:
            return "offline";
        case PrinterState::CutterError:
            return "cutter-error";
        case PrinterState::NotReported:
            return "not-reported";
    }
    return "not-reported";
}

std::string_view stateMessageVi(PrinterState state) noexcept {
    switch (state) {
        case PrinterState::Ready:
            return "Máy in sẵn sàng.";
        case PrinterState::PaperNearEnd:
            return "Máy in sắp hết giấy.";
        case PrinterState::PaperOut:
            return messageVi(PrintError::PaperOut);
        case PrinterState::CoverOpen:
            return messageVi(PrintError::CoverOpen);
        case PrinterState::Offline:
            return messageVi(PrintError::Offline);
        case PrinterState::CutterError:
            return messageVi(PrintError::CutterError);
        case PrinterState::NotReported:
            return "Máy in không báo trạng thái.";
    }
    return "";
}

std::optional<PrintError> blockingError(PrinterState state) noexcept {
    switch (state) {
        case PrinterState::PaperOut:
            return PrintError::PaperOut;
        case PrinterState::CoverOpen:
            return PrintError::CoverOpen;
        case PrinterState::Offline:
            return PrintError::Offline;
        case PrinterState::CutterError:
            return PrintError::CutterError;
        default:
            return std::nullopt;
    }
}

PrinterState interpretStatus(std::uint8_t n1, std::uint8_t n2, std::uint8_t n3, std::uint8_t n4) noexcept {
    if ((n4 & kPaperEnd) == kPaperEnd || (n2 & kStoppedPaperEnd)) return PrinterState::PaperOut;
    if (n2 & kCoverOpen) return PrinterState::CoverOpen;
    if ((n2 & kErrorOccurred) && (n3 & kCutterError)) return PrinterState::CutterError;
    if ((n1 & kOffline) || (n2 & kErrorOccurred)) return PrinterState::Offline;
    if ((n4 & kNearEnd) == kNearEnd) return PrinterState::PaperNearEnd;
    return PrinterState::Ready;
}

Result<PrinterStatus> queryStatus(Transport& transport, const StatusOptions& options) {
    PrinterStatus status;
    if (!transport.canRead()) return status;

    // Answers to earlier questions (or ASB bytes) would be taken for this one's: drop them.
    for (int i = 0; i < options.maxDrainReads; ++i) {
        auto stale = transport.read(64, options.drainTimeout);
        if (!stale) return stale.error();
        if (stale->empty()) break;
    }

    auto ask = [&](std::uint8_t n) -> Result<std::optional<std::uint8_t>> {
        const char question[3] = {0x10, 0x04, static_cast<char>(n)};
        if (auto w = transport.write(std::string_view(question, 3), options.replyTimeout); !w)
            return w.error();
        auto reply = transport.read(1, options.replyTimeout);
        if (!reply) return reply.error();
        if (reply->empty()) return std::optional<std::uint8_t>();
        const auto byte = static_cast<std::uint8_t>((*reply)[0]);
        status.replies.push_back(static_cast<char>(byte));
        if (!validReply(byte)) return std::optional<std::uint8_t>();
        return std::optional<std::uint8_t>(byte);
    };

    std::uint8_t answers[5] = {0, 0, 0, 0, 0};
    for (std::uint8_t n : {1, 2, 4}) {
        auto answer = ask(n);
        if (!answer) return answer.error();
        if (!answer->has_value()) {
            status.state = PrinterState::NotReported;  // silent or garbled: no guess
            return status;
        }
        answers[n] = **answer;
    }
    if (answers[2] & kErrorOccurred) {
        auto answer = ask(3);
        if (!answer) return answer.error();
        if (answer->has_value()) answers[3] = **answer;
    }
    status.state = interpretStatus(answers[1], answers[2], answers[3], answers[4]);
    return status;
}

}  // namespace motcua::printer
