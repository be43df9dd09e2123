// "cups:QUEUE": a raw job through libcups (the server from CUPS_SERVER / client.conf). The bytes
// are collected and submitted as one job at endJob(), so a failed ticket never half-prints, and
// endJob() succeeds only once CUPS reports the job completed: a stopped or rejecting queue is a
// failure, and a job that cannot finish is cancelled rather than left to print later.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "printer/transport.h"

namespace motcua::printer {

class CupsTransport : public Transport {
  public:
    // Fails with NoPrinterFound when the server does not know the queue, ConnectionRefused when
    // no server answers.
    static Result<std::unique_ptr<CupsTransport>> open(const std::string& queue);

    Result<void> write(std::string_view bytes, std::chrono::milliseconds timeout) override;
    Result<std::string> read(std::size_t maxBytes, std::chrono::milliseconds timeout) override;
    bool canRead() const noexcept override { return false; }
    // Checks the queue first (Get-Printer-Attributes): not accepting jobs is JobRejected, stopped is
    // Offline, and nothing is submitted. Then cupsCreateJob, cupsStartDocument(CUPS_FORMAT_RAW),
    // cupsWriteRequestData, cupsFinishDocument, and waits for the job to complete (polling
    // Get-Job-Attributes). A job that is cancelled or aborted is JobRejected; one held because the
    // queue stopped meanwhile is Offline; one that makes no progress (no change of state) for
    // timeout is Timeout. Those last two are cancelled first, so no duplicate prints later.
    Result<void> endJob(std::chrono::milliseconds timeout) override;
    std::string describe() const override { return "cups:" + m_queue; }
    int lastJobId() const noexcept { return m_lastJobId; }

  private:
    explicit CupsTransport(std::string queue) : m_queue(std::move(queue)) {}
    Result<void> awaitJob(int id, std::chrono::milliseconds timeout);
    std::string m_queue;
    std::string m_job;
    int m_lastJobId = 0;
};

struct CupsQueue {
    std::string name;
    std::string deviceUri;
    bool isDefault = false;
};

// The queues the CUPS server knows; a failure when no server answers.
Result<std::vector<CupsQueue>> listCupsQueues();

}  // namespace motcua::printer
