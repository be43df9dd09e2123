#include "printer/cups_transport.h"

#include <cups/cups.h>

#include <fmt/format.h>

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
    const std::string detail = fmt::format("{}: {} ({:#06x})", call, cupsLastErrorString(), static_cast<int>(status));
    switch (status) {
        case IPP_STATUS_ERROR_NOT_FOUND: return {PrintError::NoPrinterFound, detail};
        case IPP_STATUS_ERROR_FORBIDDEN:
        case IPP_STATUS_ERROR_NOT_AUTHORIZED:
        case IPP_STATUS_ERROR_CUPS_AUTHENTICATION_CANCELED: return {PrintError::PermissionDenied, detail};
        case IPP_STATUS_ERROR_SERVICE_UNAVAILABLE: return {PrintError::ConnectionRefused, detail};
        case IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS:
        case IPP_STATUS_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED: return {PrintError::JobRejected, detail};
        default: return {fallback, detail};
    }
}

struct HttpDeleter {
    void operator()(http_t* http) const noexcept { httpClose(http); }
};

Result<void> checkServer() {
    constexpr int kConnectTimeoutMs = 3000;
    std::unique_ptr<http_t, HttpDeleter> http(httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC,
                                                           cupsEncryption(), 1, kConnectTimeoutMs, nullptr));
    if (!http) {
        return Failure{PrintError::ConnectionRefused,
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
    std::unique_ptr<cups_dest_t, DestDeleter> dest(cupsGetNamedDest(CUPS_HTTP_DEFAULT, queue.c_str(), nullptr));
    if (!dest) {
        const ipp_status_t status = cupsLastError();
        if (status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || status == IPP_STATUS_ERROR_INTERNAL) {
            return Failure{PrintError::ConnectionRefused,
                           fmt::format("no CUPS server answers at {}: {}", cupsServer(), cupsLastErrorString())};
        }
        return Failure{PrintError::NoPrinterFound,
                       fmt::format("CUPS server {} has no queue '{}' ({})", cupsServer(), queue, cupsLastErrorString())};
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

Result<void> CupsTransport::endJob(std::chrono::milliseconds) {
    const std::string job = std::move(m_job);
    m_job.clear();
    if (job.empty()) return {};
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
        return lastCupsFailure("cupsFinishDocument", PrintError::JobRejected);
    }
    m_lastJobId = id;
    return {};
}

Result<std::vector<CupsQueue>> listCupsQueues() {
    cupsSetServer(nullptr);
    if (auto reachable = checkServer(); !reachable) return reachable.error();
    cups_dest_t* dests = nullptr;
    const int count = cupsGetDests2(CUPS_HTTP_DEFAULT, &dests);
    std::unique_ptr<cups_dest_t, DestsDeleter> owned(dests, DestsDeleter{count});
    if (count == 0 && cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
        return lastCupsFailure(fmt::format("cupsGetDests2 (server {})", cupsServer()), PrintError::ConnectionRefused);
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
