// "tcp:HOST:PORT": raw printing to a network printer (JetDirect / port 9100).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "printer/transport.h"

namespace motcua::printer {

class TcpTransport : public Transport {
  public:
    // Resolves host and connects without blocking past connectTimeout.
    static Result<std::unique_ptr<TcpTransport>> connect(const std::string& host, int port,
                                                         std::chrono::milliseconds connectTimeout);
    TcpTransport(const TcpTransport&) = delete;
    TcpTransport& operator=(const TcpTransport&) = delete;
    ~TcpTransport() override;

    Result<void> write(std::string_view bytes, std::chrono::milliseconds timeout) override;
    Result<std::string> read(std::size_t maxBytes, std::chrono::milliseconds timeout) override;
    bool canRead() const noexcept override { return true; }
    // The kernel takes megabytes into its send buffer whether or not the printer reads, so write()
    // alone says nothing: this waits until the printer has acknowledged every byte (the socket's
    // send queue is empty). A printer that stopped reading (paper end, hung) is a Timeout here.
    // Bytes the printer's own buffer took are acknowledged before they are printed.
    Result<void> endJob(std::chrono::milliseconds timeout) override;
    // After a failed write or endJob the connection is reset when closed (SO_LINGER 0), not closed
    // gracefully: the kernel would otherwise go on sending the rest of the job in the background,
    // and a printer that recovers would print a whole ticket the kiosk reported as not printed.
    std::string describe() const override;

  private:
    TcpTransport(int fd, std::string host, int port) : m_fd(fd), m_host(std::move(host)), m_port(port) {}
    // A write that stopped after sent of its bytes: marks the connection for a reset.
    Failure failed(Failure failure, std::size_t sent);
    int m_fd;
    bool m_reset = false;  // a job failed: reset the connection on close
    std::string m_host;
    int m_port;
};

}  // namespace motcua::printer
