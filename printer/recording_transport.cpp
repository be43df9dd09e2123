#include "printer/recording_transport.h"

namespace motcua::printer {

Result<void> RecordingTransport::write(std::string_view bytes, std::chrono::milliseconds) {
    if (m_writeFailure) return *m_writeFailure;
    m_written.append(bytes);
    m_currentJob.append(bytes);
    return {};
}

Result<std::string> RecordingTransport::read(std::size_t maxBytes, std::chrono::milliseconds) {
    ++m_reads;
    if (!m_canRead) return Failure{PrintError::IoError, "the recording transport was made unable to read"};
    if (m_replies.empty()) return std::string();
    std::string reply = std::move(m_replies.front());
    m_replies.pop_front();
    if (reply.size() > maxBytes) {
        m_replies.push_front(reply.substr(maxBytes));
        reply.resize(maxBytes);
    }
    return reply;
}

Result<void> RecordingTransport::endJob(std::chrono::milliseconds) {
    m_jobs.push_back(std::move(m_currentJob));
    m_currentJob.clear();
    return {};
}

}  // namespace motcua::printer
