// "file:PATH": each job's bytes go to PATH, and a picture of what a printer would print to
// PATH.png (decoded from the bytes), for installers without a printer and for reviewing layouts.
#pragma once

#include <filesystem>

#include "printer/transport.h"

namespace motcua::printer {

class FileTransport : public Transport {
  public:
    explicit FileTransport(std::filesystem::path path) : m_path(std::move(path)) {}

    Result<void> write(std::string_view bytes, std::chrono::milliseconds timeout) override;
    Result<std::string> read(std::size_t maxBytes, std::chrono::milliseconds timeout) override;
    bool canRead() const noexcept override { return false; }
    // Replaces PATH (atomically) with this job, and PATH.png with its preview; a stream the
    // decoder refuses leaves no stale preview behind.
    Result<void> endJob(std::chrono::milliseconds timeout) override;
    std::string describe() const override { return "file:" + m_path.string(); }

    static std::filesystem::path previewPath(const std::filesystem::path& path);

  private:
    std::filesystem::path m_path;
    std::string m_job;
};

}  // namespace motcua::printer
