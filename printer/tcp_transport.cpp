#include "printer/tcp_transport.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <linux/sockios.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace motcua::printer {

namespace {

using Clock = std::chrono::steady_clock;

int remainingMs(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left < 0 ? 0 : static_cast<int>(left);
}

struct AddrinfoDeleter {
    void operator()(addrinfo* ai) const noexcept { freeaddrinfo(ai); }
};

PrintError errorForErrno(int err) {
    switch (err) {
        case ECONNREFUSED:
            return PrintError::ConnectionRefused;
        case ETIMEDOUT:
            return PrintError::Timeout;
        case EPIPE:
        case ECONNRESET:
        case ECONNABORTED:
            return PrintError::ConnectionClosed;
        case ENETUNREACH:
        case EHOSTUNREACH:
            return PrintError::NoPrinterFound;
        default:
            return PrintError::IoError;
    }
}

// One non-blocking connect to one address, bounded by deadline. Returns the socket or -errno.
int connectOne(const addrinfo* ai, Clock::time_point deadline) {
    const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
    if (fd < 0) return -errno;
    if (::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) return fd;
    if (errno != EINPROGRESS) {
        const int err = errno;
        ::close(fd);
        return -err;
    }
    pollfd p{fd, POLLOUT, 0};
    int ready;
    do {
        ready = ::poll(&p, 1, remainingMs(deadline));
    } while (ready < 0 && errno == EINTR);
    if (ready == 0) {
        ::close(fd);
        return -ETIMEDOUT;
    }
    int err = 0;
    socklen_t len = sizeof err;
    if (ready < 0 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
    if (err != 0) {
        ::close(fd);
        return -err;
    }
    return fd;
}

}  // namespace

Result<std::unique_ptr<TcpTransport>> TcpTransport::connect(const std::string& host, int port,
                                                            std::chrono::milliseconds connectTimeout) {
    const auto deadline = Clock::now() + connectTimeout;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
    if (rc != 0) {
        return Failure{PrintError::NoPrinterFound,
                       fmt::format("cannot resolve {}: {}", host, gai_strerror(rc))};
    }
    std::unique_ptr<addrinfo, AddrinfoDeleter> list(found);
    int lastError = ETIMEDOUT;
    for (const addrinfo* ai = list.get(); ai; ai = ai->ai_next) {
        const int fd = connectOne(ai, deadline);
        if (fd >= 0) {
            const int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            return std::unique_ptr<TcpTransport>(new TcpTransport(fd, host, port));
        }
        lastError = -fd;
        if (remainingMs(deadline) == 0) break;
    }
    return Failure{errorForErrno(lastError), fmt::format("connect to {}:{} (timeout {} ms): {}", host, port,
                                                         connectTimeout.count(), std::strerror(lastError))};
}

TcpTransport::~TcpTransport() {
    if (m_fd < 0) return;
    if (m_reset) {
        // Discard what is still queued (an RST instead of a FIN): see the class comment.
        const linger abort{1, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
    }
    ::close(m_fd);
}

std::string TcpTransport::describe() const {
    return fmt::format("tcp:{}:{}", m_host, m_port);
}

Result<void> TcpTransport::write(std::string_view bytes, std::chrono::milliseconds timeout) {
    std::size_t sent = 0;
    auto deadline = Clock::now() + timeout;
    while (sent < bytes.size()) {
        // MSG_NOSIGNAL: a printer that hangs up must give EPIPE, not kill the kiosk with SIGPIPE.
        const ssize_t n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
            deadline = Clock::now() + timeout;  // progress: the timeout counts from here
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            pollfd p{m_fd, POLLOUT, 0};
            const int ready = ::poll(&p, 1, remainingMs(deadline));
            if (ready == 0) {
                return failed(Failure{PrintError::Timeout,
                                      fmt::format("{}: no progress for {} ms, {} of {} bytes sent",
                                                  describe(), timeout.count(), sent, bytes.size())},
                              sent);
            }
            if (ready < 0 && errno != EINTR) {
                return failed(Failure{PrintError::IoError, fmt::format("poll: {}", std::strerror(errno))},
                              sent);
            }
            continue;
        }
        const int err = errno;
        return failed(Failure{errorForErrno(err) == PrintError::IoError ? PrintError::IoError
                                                                        : PrintError::ConnectionClosed,
                              fmt::format("{}: send failed after {} of {} bytes: {}", describe(), sent,
                                          bytes.size(), std::strerror(err))},
                      sent);
    }
    return {};
}

Failure TcpTransport::failed(Failure failure, std::size_t sent) {
    // The end of this write never left the machine, and the reset on close discards what the
    // printer has not taken: no whole ticket can come out of it.
    m_reset = true;
    failure.reached = sent == 0 ? Reached::Nothing : Reached::Part;
    return failure;
}

Result<void> TcpTransport::endJob(std::chrono::milliseconds timeout) {
    constexpr std::chrono::milliseconds kPollInterval{10};
    int before = -1;
    auto deadline = Clock::now() + timeout;
    for (;;) {
        // A reset empties the send queue: look for it before counting what is left.
        pollfd p{m_fd, 0, 0};
        if (::poll(&p, 1, 0) > 0 && (p.revents & (POLLERR | POLLHUP))) {
            int err = 0;
            socklen_t len = sizeof err;
            ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &err, &len);
            m_reset = true;
            // Bytes were still unacknowledged when last looked: the printer had not taken the end
            // of the job. Not looked yet: it may have taken all of it before the connection went.
            return Failure{PrintError::ConnectionClosed,
                           fmt::format("{}: connection lost at the end of the job{}{}", describe(),
                                       err ? ": " : "", err ? std::strerror(err) : ""),
                           before > 0 ? Reached::Part : Reached::All};
        }
        // SIOCOUTQ: bytes in the send queue, sent or not, that the printer has not acknowledged.
        int unacknowledged = 0;
        if (::ioctl(m_fd, SIOCOUTQ, &unacknowledged) != 0) {
            m_reset = true;
            return Failure{PrintError::IoError,
                           fmt::format("{}: ioctl(SIOCOUTQ): {}", describe(), std::strerror(errno)),
                           Reached::All};
        }
        if (unacknowledged == 0) return {};
        if (unacknowledged != before) {
            before = unacknowledged;
            deadline = Clock::now() + timeout;  // the printer took some: the timeout counts from here
        }
        if (Clock::now() >= deadline) {
            // The end of the job is among the bytes not taken; the reset on close discards them.
            m_reset = true;
            return Failure{
                PrintError::Timeout,
                fmt::format("{}: the printer took nothing for {} ms, {} bytes of the job not taken",
                            describe(), timeout.count(), unacknowledged),
                Reached::Part};
        }
        std::this_thread::sleep_for(kPollInterval);
    }
}

Result<std::string> TcpTransport::read(std::size_t maxBytes, std::chrono::milliseconds timeout) {
    pollfd p{m_fd, POLLIN, 0};
    int ready;
    do {
        ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
    } while (ready < 0 && errno == EINTR);
    if (ready == 0) return std::string();
    if (ready < 0) return Failure{PrintError::IoError, fmt::format("poll: {}", std::strerror(errno))};
    std::string buffer(maxBytes, '\0');
    const ssize_t n = ::recv(m_fd, buffer.data(), maxBytes, 0);
    if (n == 0)
        return Failure{PrintError::ConnectionClosed, describe() + ": the printer closed the connection"};
    if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) return std::string();
        const int err = errno;
        return Failure{errorForErrno(err), fmt::format("{}: recv: {}", describe(), std::strerror(err))};
    }
    buffer.resize(static_cast<std::size_t>(n));
    return buffer;
}

}  // namespace motcua::printer
