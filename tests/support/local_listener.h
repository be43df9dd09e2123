// A TCP listener on 127.0.0.1 with an ephemeral port, standing in for a network printer (and for
// the device behind a CUPS socket:// queue). Runs on its own thread and serves one connection at a
// time, as a printer on port 9100 does, keeping each connection's bytes as they came. Header-only:
// the printer and kiosk suites both use it.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace motcua::testing {

namespace detail {
inline int bindLoopback(int& port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
        throw std::runtime_error("bind failed");
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
    return fd;
}
}  // namespace detail

// Port of a socket that was bound and closed at once: nothing listens there.
inline int unusedPort() {
    int port = 0;
    const int fd = detail::bindLoopback(port);
    ::close(fd);
    return port;
}

class LocalListener {
  public:
    enum class Behaviour {
        ReadAll,        // reads until the peer closes, keeps the bytes
        NeverRead,      // accepts and holds the connection without reading (a hung printer); a new
                        // connection replaces it
        CloseAfter,     // reads `bytes` bytes, then closes (with unread data: a reset)
        AnswerStatus,   // reads everything, answers each DLE EOT n with statusReplies[n]
        PaperEndAfter,  // AnswerStatus until `bytes` bytes have come; then the paper ends: it reports
                        // paper end from then on (statusReplies), stops reading for kStall, and
                        // reads (without printing) the rest
        HangThenRead,   // reads nothing for kHang (a printer that hangs, then recovers), then reads
                        // until the peer closes or resets the connection
    };
    static constexpr std::chrono::milliseconds kStall{300};
    static constexpr std::chrono::milliseconds kHang{1500};

    // The answers of a printer that is ready (DLE EOT 1, 2, 3, 4 at indexes 1..4).
    static constexpr unsigned char kReady[5] = {0, 0x16, 0x12, 0x12, 0x12};

    explicit LocalListener(Behaviour behaviour, std::size_t bytes = 0)
        : m_behaviour(behaviour), m_bytes(bytes) {
        m_listenFd = detail::bindLoopback(m_port);
        // A small receive buffer so a writer that is not read from fills it quickly (set before
        // listen(): accepted sockets inherit it).
        const int small = 4096;
        ::setsockopt(m_listenFd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
        if (::listen(m_listenFd, 4) != 0) throw std::runtime_error("listen failed");
        if (::pipe2(m_wakeFd, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
        m_thread = std::thread([this] { run(); });
    }
    ~LocalListener() {
        const char stop = 's';
        [[maybe_unused]] auto n = ::write(m_wakeFd[1], &stop, 1);
        m_thread.join();
        ::close(m_listenFd);
        ::close(m_wakeFd[0]);
        ::close(m_wakeFd[1]);
    }
    LocalListener(const LocalListener&) = delete;
    LocalListener& operator=(const LocalListener&) = delete;

    int port() const { return m_port; }

    // The bytes of the first connection, once the peer closed it (ReadAll) or the listener did.
    std::string received(std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
        return connection(0, timeout);
    }
    // The bytes of connection index (0: the first), once it has ended; "<listener timed out>" when
    // it does not end within timeout.
    std::string connection(std::size_t index, std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
        std::unique_lock lock(m_mutex);
        if (!m_changed.wait_for(lock, timeout, [&] { return m_connections.size() > index; }))
            return "<listener timed out>";
        return m_connections[index];
    }
    // Connections that have ended so far.
    std::size_t connectionsEnded() {
        std::lock_guard lock(m_mutex);
        return m_connections.size();
    }
    // How the connections accepted from now on behave (the fault cleared: AnswerStatus).
    void setBehaviour(Behaviour behaviour, std::size_t bytes = 0) {
        std::lock_guard lock(m_mutex);
        m_behaviour = behaviour;
        m_bytes = bytes;
    }

    void reportReady() { setReplies(kReady[1], kReady[2], kReady[3], kReady[4]); }
    // Offline, "printing stopped due to paper end", paper end sensor.
    void reportPaperEnd() { setReplies(0x1E, 0x32, 0x12, 0x72); }
    // Offline, cover open.
    void reportCoverOpen() { setReplies(0x1E, 0x16, 0x12, 0x12); }
    void setReplies(unsigned char n1, unsigned char n2, unsigned char n3, unsigned char n4) {
        statusReplies[1] = n1;
        statusReplies[2] = n2;
        statusReplies[3] = n3;
        statusReplies[4] = n4;
    }
    // The answer to DLE EOT n (n = 1..4); may be changed while a connection is open.
    std::atomic<unsigned char> statusReplies[5] = {0, 0x16, 0x12, 0x12, 0x12};

  private:
    void run() {
        for (;;) {
            pollfd fds[2] = {{m_listenFd, POLLIN, 0}, {m_wakeFd[0], POLLIN, 0}};
            if (::poll(fds, 2, -1) <= 0 || (fds[1].revents & POLLIN)) return;
            const int conn = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
            if (conn < 0) return;
            Behaviour behaviour;
            std::size_t bytes;
            {
                std::lock_guard lock(m_mutex);
                behaviour = m_behaviour;
                bytes = m_bytes;
            }
            std::string data;
            const bool stop = serve(conn, behaviour, bytes, data);
            ::close(conn);
            {
                std::lock_guard lock(m_mutex);
                m_connections.push_back(std::move(data));
            }
            m_changed.notify_all();
            if (stop) return;
        }
    }

    // Serves one connection; true when the listener is being destroyed.
    bool serve(int conn, Behaviour behaviour, std::size_t bytes, std::string& data) {
        char buffer[65536];
        std::size_t scanned = 0;  // DLE EOT questions before this offset are answered
        bool paperEnded = false;
        if (behaviour == Behaviour::HangThenRead) {
            pollfd wake{m_wakeFd[0], POLLIN, 0};
            if (::poll(&wake, 1, static_cast<int>(kHang.count())) > 0) return true;
        }
        for (;;) {
            const bool reading = behaviour != Behaviour::NeverRead;
            pollfd p[3] = {{conn, static_cast<short>(reading ? POLLIN : 0), 0},
                           {m_wakeFd[0], POLLIN, 0},
                           {m_listenFd, static_cast<short>(reading ? 0 : POLLIN), 0}};
            if (::poll(p, 3, -1) <= 0 || (p[1].revents & POLLIN)) return true;
            if (p[2].revents & POLLIN) return false;  // a hung connection makes way for a new one
            std::size_t want = sizeof buffer;
            if (behaviour == Behaviour::CloseAfter) want = std::min(want, bytes - data.size());
            const ssize_t n = ::recv(conn, buffer, want, 0);
            if (n <= 0) return false;
            data.append(buffer, static_cast<std::size_t>(n));
            if (behaviour == Behaviour::CloseAfter && data.size() >= bytes) return false;
            if (behaviour == Behaviour::AnswerStatus || behaviour == Behaviour::PaperEndAfter) {
                // Answers every complete DLE EOT n up to the paper end (later ones after the stall).
                const std::size_t end = behaviour == Behaviour::PaperEndAfter && !paperEnded
                                            ? std::min(data.size(), bytes)
                                            : data.size();
                answer(conn, data, scanned, end);
                if (behaviour == Behaviour::PaperEndAfter && !paperEnded && data.size() >= bytes) {
                    paperEnded = true;
                    reportPaperEnd();
                    pollfd wake{m_wakeFd[0], POLLIN, 0};
                    if (::poll(&wake, 1, static_cast<int>(kStall.count())) > 0) return true;
                    answer(conn, data, scanned, data.size());
                }
            }
        }
    }

    void answer(int conn, const std::string& data, std::size_t& scanned, std::size_t end) {
        for (; scanned + 2 < end; ++scanned) {
            if (data[scanned] == 0x10 && data[scanned + 1] == 0x04 && data[scanned + 2] >= 1 &&
                data[scanned + 2] <= 4) {
                const char reply =
                    static_cast<char>(statusReplies[static_cast<int>(data[scanned + 2])].load());
                [[maybe_unused]] auto w = ::send(conn, &reply, 1, MSG_NOSIGNAL);
                scanned += 2;
            }
        }
    }

    int m_listenFd = -1;
    int m_wakeFd[2] = {-1, -1};
    int m_port = 0;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    Behaviour m_behaviour;
    std::size_t m_bytes;
    std::vector<std::string> m_connections;
    std::thread m_thread;
};

}  // namespace motcua::testing
