#include "printer/file_transport.h"

#include <fstream>
#include <system_error>

#include "printer/escpos_decoder.h"
#include "printer/png_writer.h"

namespace motcua::printer {

std::filesystem::path FileTransport::previewPath(const std::filesystem::path& path) {
    std::filesystem::path preview = path;
    preview += ".png";
    return preview;
}

Result<void> FileTransport::write(std::string_view bytes, std::chrono::milliseconds) {
    m_job.append(bytes);
    return {};
}

Result<std::string> FileTransport::read(std::size_t, std::chrono::milliseconds) {
    return Failure{PrintError::IoError, "a file printer cannot answer"};
}

Result<void> FileTransport::endJob(std::chrono::milliseconds) {
    const std::string job = std::move(m_job);
    m_job.clear();
    std::filesystem::path tmp = m_path;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(job.data(), static_cast<std::streamsize>(job.size()));
        out.close();
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(tmp, ignored);
            const auto error =
                std::filesystem::exists(m_path.parent_path().empty() ? "." : m_path.parent_path())
                    ? PrintError::IoError
                    : PrintError::NoPrinterFound;
            return Failure{error, "cannot write " + tmp.string()};
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, m_path, ec);
    if (ec) return Failure{PrintError::IoError, "rename to " + m_path.string() + ": " + ec.message()};

    const auto preview = previewPath(m_path);
    auto decoded = decodeEscPos(job);
    if (!decoded) {
        std::filesystem::remove(preview, ec);
        return {};  // text-mode streams have no preview; the bytes are what matters
    }
    try {
        writePng(decoded->picture, preview);
    } catch (const PngError& e) {
        return Failure{PrintError::IoError, std::string(e.what()) + " (the ticket's bytes were written)",
                       Reached::All};
    }
    return {};
}

}  // namespace motcua::printer
