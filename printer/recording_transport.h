// A transport for tests and dry runs: keeps every byte written, answers reads from a script, and
// can be told to fail.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "printer/transport.h"

namespace motcua::printer {

class RecordingTransport : public Transport {
  public:
    explicit RecordingTransport(bool canRead = true) : m_canRead(canRead) {}

    Result<void> write(std::string_view bytes, std::chrono::milliseconds timeout) override;
    Result<std::string> read(std::size_t maxBytes, std::chrono::milliseconds timeout) override;
    bool canRead() const noexcept override { return m_canRead; }
    Result<void> endJob(std::chrono::milliseconds timeout) override;
    std::string describe() const override { return "recording"; }

    // Queues what the next read() returns ("" = a read that times out with nothing).
    void scriptReply(std::string bytes) { m_replies.push_back(std::move(bytes)); }
    // Makes every following write() fail with this.
    void failWrites(std::optional<Failure> failure) { m_writeFailure = std::move(failure); }

    const std::string& written() const noexcept { return m_written; }         // everything, in order
    const std::vector<std::string>& jobs() const noexcept { return m_jobs; }  // per endJob()
    int reads() const noexcept { return m_reads; }

  private:
    bool m_canRead;
    std::string m_written;
    std::string m_currentJob;
    std::vector<std::string> m_jobs;
    std::deque<std::string> m_replies;
    std::optional<Failure> m_writeFailure;
    int m_reads = 0;
};

}  // namespace motcua::printer
