#include "printer/cups_transport.h"

#include <cups/cups.h>
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <string_view>
#include <thread>

namespace motcua::printer {

namespace {

struct DestsDeleter {
    int count;
    void operator()(cups_dest_t* dests) const noexcept { cupsFreeDests(count, dests); }
};
struct DestDeleter {
    void operator()(cups_dest_t* dest) const noexcept { cupsFreeDests(1, dest); }
};

// Maps the last libcups error; the message is read now, before another call replaces it.
Failure lastCupsFailure(const std::string& call, PrintError fallback) {
    const ipp_status_t status = cupsLastError();
    const std::string detail =
        fmt::format("{}: {} ({:#06x})", call, cupsLastErrorString(), static_cast<int>(status));
    switch (status) {
        case IPP_STATUS_ERROR_NOT_FOUND:
            return {PrintError::NoPrinterFound, detail};
        case IPP_STATUS_ERROR_FORBIDDEN:
        case IPP_STATUS_ERROR_NOT_AUTHORIZED:
        case IPP_STATUS_ERROR_CUPS_AUTHENTICATION_CANCELED:
            return {PrintError::PermissionDenied, detail};
        case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE:
            return {PrintError::ConnectionRefused, detail};
        case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:
        case IPP_STATUS_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED:
            return {PrintError::JobRejected, detail};
        default:
            return {fallback, detail};
    }
}

struct HttpDeleter {
    void operator()(http_t* http) const noexcept { httpClose(http); }
};
struct IppDeleter {
    void operator()(ipp_t* ipp) const noexcept { ippDelete(ipp); }
};
using IppResponse = std::unique_ptr<ipp_t, IppDeleter>;

std::string queueUri(const std::string& queue) {
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", ippPort(),
                     "/printers/%s", queue.c_str());
    return uri;
}

// Every value of a keyword attribute, comma separated ("" when absent).
std::string keywords(ipp_t* response, const char* name) {
    std::string out;
    if (ipp_attribute_t* attr = ippFindAttribute(response, name, IPP_TAG_KEYWORD)) {
        for (int i = 0; i < ippGetCount(attr); ++i) {
            if (const char* value = ippGetString(attr, i, nullptr))
                out += (out.empty() ? "" : ", ") + std::string(value);
        }
    }
    return out;
}

// Sends an IPP request about queue (cupsDoRequest takes ownership of it) and checks the status.
Result<IppResponse> doRequest(ipp_t* request, const std::string& queue, const char* what,
                              const std::vector<const char*>& attributes) {
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, queueUri(queue).c_str());
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                  static_cast<int>(attributes.size()), nullptr, attributes.data());
    IppResponse response(cupsDoRequest(CUPS_HTTP_DEFAULT, request, "/"));
    if (!response || cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
        return lastCupsFailure(fmt::format("{}({})", what, queue), PrintError::ConnectionRefused);
    }
    return response;
}

struct QueueState {
    ipp_pstate_t state = IPP_PSTATE_IDLE;
    bool accepting = true;
    std::string reasons;  // printer-state-reasons: "paused", ...
    std::string message;  // printer-state-message: the backend's last words, if any
};

Result<QueueState> queueState(const std::string& queue) {
    auto response = doRequest(
        ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES), queue, "Get-Printer-Attributes",
        {"printer-state", "printer-state-reasons", "printer-state-message", "printer-is-accepting-jobs"});
    if (!response) return response.error();
    ipp_t* r = response->get();
    QueueState out;
    if (ipp_attribute_t* a = ippFindAttribute(r, "printer-state", IPP_TAG_ENUM)) {
        out.state = static_cast<ipp_pstate_t>(ippGetInteger(a, 0));
    }
    if (ipp_attribute_t* a = ippFindAttribute(r, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN)) {
        out.accepting = ippGetBoolean(a, 0) != 0;
    }
    out.reasons = keywords(r, "printer-state-reasons");
    if (ipp_attribute_t* a = ippFindAttribute(r, "printer-state-message", IPP_TAG_TEXT)) {
        if (const char* m = ippGetString(a, 0, nullptr)) out.message = m;
    }
    return out;
}

// Why a queue in this state cannot print a ticket now, or nullopt.
std::optional<Failure> refusal(const QueueState& q) {
    const std::string why =
        fmt::format("printer-state-reasons {}{}{}", q.reasons.empty() ? "none" : q.reasons,
                    q.message.empty() ? "" : ", message: ", q.message);
    if (q.state == IPP_PSTATE_STOPPED) {
        return Failure{PrintError::Offline,
                       "the CUPS queue is stopped (cupsdisable, or a device error); " + why};
    }
    if (!q.accepting)
        return Failure{PrintError::JobRejected, "the CUPS queue rejects jobs (cupsreject); " + why};
    return std::nullopt;
}

struct JobState {
    ipp_jstate_t state = IPP_JSTATE_PENDING;
    std::string reasons;
};

Result<JobState> jobState(const std::string& queue, int id) {
    ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", id);
    auto response = doRequest(request, queue, "Get-Job-Attributes", {"job-state", "job-state-reasons"});
    if (!response) return response.error();
    JobState out;
    if (ipp_attribute_t* a = ippFindAttribute(response->get(), "job-state", IPP_TAG_ENUM)) {
        out.state = static_cast<ipp_jstate_t>(ippGetInteger(a, 0));
    }
    out.reasons = keywords(response->get(), "job-state-reasons");
    return out;
}

const char* jobStateName(ipp_jstate_t state) {
    switch (state) {
        case IPP_JSTATE_PENDING:
            return "pending";
        case IPP_JSTATE_HELD:
            return "held";
        case IPP_JSTATE_PROCESSING:
            return "processing";
        case IPP_JSTATE_STOPPED:
            return "stopped";
        case IPP_JSTATE_CANCELED:
            return "cancelled";
        case IPP_JSTATE_ABORTED:
            return "aborted";
        case IPP_JSTATE_COMPLETED:
            return "completed";
    }
    return "unknown";
}

Result<void> checkServer() {
    constexpr int kConnectTimeoutMs = 3000;
    std::unique_ptr<http_t, HttpDeleter> http(httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC,
                                                           cupsEncryption(), 1, kConnectTimeoutMs, nullptr));
    if (!http) {
        return Failure{
            PrintError::ConnectionRefused,
            fmt::format("no CUPS server answers at {} (is cupsd running? CUPS_SERVER set?)", cupsServer())};
    }
    return {};
}

}  // namespace

Result<std::unique_ptr<CupsTransport>> CupsTransport::open(const std::string& queue) {
    // Re-read CUPS_SERVER each time: libcups caches the server per thread on first use.
    cupsSetServer(nullptr);
    // cupsGetNamedDest says "not found" when no server answers too: look for the server first.
    if (auto reachable = checkServer(); !reachable) return reachable.error();
    std::unique_ptr<cups_dest_t, DestDeleter> dest(
        cupsGetNamedDest(CUPS_HTTP_DEFAULT, queue.c_str(), nullptr));
    if (!dest) {
        const ipp_status_t status = cupsLastError();
        if (status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || status == IPP_STATUS_ERROR_INTERNAL) {
            return Failure{PrintError::ConnectionRefused, fmt::format("no CUPS server answers at {}: {}",
                                                                      cupsServer(), cupsLastErrorString())};
        }
        return Failure{PrintError::NoPrinterFound, fmt::format("CUPS server {} has no queue '{}' ({})",
                                                               cupsServer(), queue, cupsLastErrorString())};
    }
    return std::unique_ptr<CupsTransport>(new CupsTransport(queue));
}

Result<void> CupsTransport::write(std::string_view bytes, std::chrono::milliseconds) {
    m_job.append(bytes);
    return {};
}

Result<std::string> CupsTransport::read(std::size_t, std::chrono::milliseconds) {
    return Failure{PrintError::IoError, "a CUPS queue cannot pass the printer's answers back"};
}

Result<void> CupsTransport::endJob(std::chrono::milliseconds timeout) {
    const std::string job = std::move(m_job);
    m_job.clear();
    if (job.empty()) return {};
    // A stopped queue (cupsdisable, or stopped by CUPS after a device error) takes jobs and holds
    // them: the ticket would come out whenever someone restarts it, long after the citizen left.
    auto queue = queueState(m_queue);
    if (!queue) return queue.error();
    if (auto refused = refusal(*queue)) return Failure{refused->error, refused->detail + "; nothing sent"};

    const int id = cupsCreateJob(CUPS_HTTP_DEFAULT, m_queue.c_str(), "motcua ticket", 0, nullptr);
    if (id == 0) return lastCupsFailure("cupsCreateJob(" + m_queue + ")", PrintError::JobRejected);
    if (cupsStartDocument(CUPS_HTTP_DEFAULT, m_queue.c_str(), id, "ticket.bin", CUPS_FORMAT_RAW, 1) !=
        HTTP_STATUS_CONTINUE) {
        auto failure = lastCupsFailure("cupsStartDocument", PrintError::JobRejected);
        cupsCancelJob2(CUPS_HTTP_DEFAULT, m_queue.c_str(), id, 0);
        return failure;
    }
    if (cupsWriteRequestData(CUPS_HTTP_DEFAULT, job.data(), job.size()) != HTTP_STATUS_CONTINUE) {
        auto failure = lastCupsFailure("cupsWriteRequestData", PrintError::ConnectionClosed);
        cupsFinishDocument(CUPS_HTTP_DEFAULT, m_queue.c_str());
        cupsCancelJob2(CUPS_HTTP_DEFAULT, m_queue.c_str(), id, 0);
        return failure;
    }
    if (cupsFinishDocument(CUPS_HTTP_DEFAULT, m_queue.c_str()) != IPP_STATUS_OK) {
        // The server may hold the whole document and be printing it already.
        auto failure = lastCupsFailure("cupsFinishDocument", PrintError::JobRejected);
        failure.reached = Reached::All;
        if (cupsCancelJob2(CUPS_HTTP_DEFAULT, m_queue.c_str(), id, 0) == IPP_STATUS_OK)
            failure.detail += fmt::format("; job {} cancelled", id);
        return failure;
    }
    m_lastJobId = id;
    return awaitJob(id, timeout);
}

// Whether the queue's backend says it has not reached the device yet: the "connecting-to-device"
// reason, or one of the messages CUPS's socket, ipp and usb backends give while they try to
// connect (in English: the job's language is the kiosk's, which runs in the C locale). Any other
// message, or a translated one, counts as "may have sent": the safe side. An empty message is
// neither: the backend has said nothing yet.
static bool stillConnecting(const QueueState& q) {
    if (q.reasons.find("connecting-to-device") != std::string::npos) return true;
    static constexpr std::string_view kConnecting[] = {
        "Connecting to printer.",
        "Unable to locate printer.",
        "The printer is in use.",
        "The printer is not responding.",
        "The printer may not exist or is unavailable at this time.",
        "The printer is unreachable at this time.",
        "The printer is not connected.",
        "Waiting for printer to become available.",
    };
    return std::find(std::begin(kConnecting), std::end(kConnecting), q.message) != std::end(kConnecting);
}

Result<void> CupsTransport::awaitJob(int id, std::chrono::milliseconds timeout) {
    using Clock = std::chrono::steady_clock;
    constexpr std::chrono::milliseconds kPollInterval{25};
    // Whether the backend may have sent bytes to the device: the job was seen processing while the
    // queue did not say the backend was still connecting (stillConnecting).
    bool maybeSent = false;
    bool seenProcessing = false;
    bool connectingSeen = false;  // the backend said it was connecting
    // Whatever stops the job from here on, cancel it: a held job that prints later would be a
    // second paper for a ticket the kiosk already reported as not printed (and may reprint).
    auto cancelled = [&](Failure failure) {
        if (cupsCancelJob2(CUPS_HTTP_DEFAULT, m_queue.c_str(), id, 0) != IPP_STATUS_OK) {
            failure.detail += fmt::format("; cancelling job {} failed: {}", id, cupsLastErrorString());
            failure.reached = Reached::All;  // it may still print
            return failure;
        }
        failure.detail += fmt::format("; job {} cancelled so that it cannot print later", id);
        // The backend may have connected since the last look: look once more. A backend that never
        // said it was connecting may have sent all along.
        if (!maybeSent && seenProcessing) {
            auto after = queueState(m_queue);
            if (!after || !connectingSeen || (!stillConnecting(*after) && !after->message.empty()))
                maybeSent = true;
        }
        failure.reached = maybeSent ? Reached::All : Reached::Nothing;
        if (maybeSent) failure.detail += " (the printer may have received it before)";
        return failure;
    };
    std::optional<ipp_jstate_t> seen;
    auto deadline = Clock::now() + timeout;
    for (;;) {
        auto job = jobState(m_queue, id);
        if (!job) return cancelled(job.error());
        switch (job->state) {
            case IPP_JSTATE_COMPLETED:
                return {};
            case IPP_JSTATE_CANCELED:
            case IPP_JSTATE_ABORTED:
                return Failure{
                    PrintError::JobRejected,
                    fmt::format("cups:{} job {} ended {} ({})", m_queue, id,
                                job->state == IPP_JSTATE_CANCELED ? "cancelled" : "aborted", job->reasons),
                    maybeSent ? Reached::All : Reached::Nothing};
            default:
                break;
        }
        if (job->state == IPP_JSTATE_PROCESSING) {
            seenProcessing = true;
            auto queue = queueState(m_queue);
            if (!queue) return cancelled(queue.error());
            if (stillConnecting(*queue))
                connectingSeen = true;
            else if (!queue->message.empty())
                maybeSent = true;
        } else {
            // Pending, held or stopped: the queue may have been stopped after the check above (a
            // queue that merely stopped accepting still prints what it has).
            auto queue = queueState(m_queue);
            if (!queue) return cancelled(queue.error());
            if (queue->state == IPP_PSTATE_STOPPED) return cancelled(*refusal(*queue));
        }
        if (job->state != seen) {
            seen = job->state;
            deadline = Clock::now() + timeout;  // pending -> processing is progress
        }
        if (Clock::now() >= deadline) {
            return cancelled(Failure{PrintError::Timeout,
                                     fmt::format("cups:{} job {} still {} after {} ms ({})", m_queue, id,
                                                 jobStateName(job->state), timeout.count(), job->reasons)});
        }
        std::this_thread::sleep_for(kPollInterval);
    }
}

Result<std::vector<CupsQueue>> listCupsQueues() {
    cupsSetServer(nullptr);
    if (auto reachable = checkServer(); !reachable) return reachable.error();
    cups_dest_t* dests = nullptr;
    const int count = cupsGetDests2(CUPS_HTTP_DEFAULT, &dests);
    std::unique_ptr<cups_dest_t, DestsDeleter> owned(dests, DestsDeleter{count});
    if (count == 0 && cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
        return lastCupsFailure(fmt::format("cupsGetDests2 (server {})", cupsServer()),
                               PrintError::ConnectionRefused);
    }
    std::vector<CupsQueue> queues;
    for (int i = 0; i < count; ++i) {
        if (dests[i].instance) continue;
        const char* uri = cupsGetOption("device-uri", dests[i].num_options, dests[i].options);
        queues.push_back({dests[i].name, uri ? uri : "", dests[i].is_default != 0});
    }
    return queues;
}

}  // namespace motcua::printer
