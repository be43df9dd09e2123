#include "local_listener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace motcua::testing {

namespace {
int bindLoopback(int& port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("bind failed");
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
    return fd;
}
}  // namespace

int unusedPort() {
    int port = 0;
    const int fd = bindLoopback(port);
    ::close(fd);
    return port;
}

LocalListener::LocalListener(Behaviour behaviour, std::size_t closeAfterBytes)
    : m_behaviour(behaviour), m_closeAfter(closeAfterBytes) {
    m_listenFd = bindLoopback(m_port);
    if (behaviour == Behaviour::NeverRead) {
        // A small receive buffer so a writer fills it quickly.
        const int small = 4096;
        ::setsockopt(m_listenFd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    }
    if (::listen(m_listenFd, 4) != 0) throw std::runtime_error("listen failed");
    if (::pipe(m_wakeFd) != 0) throw std::runtime_error("pipe failed");
    m_future = m_promise.get_future();
    m_thread = std::thread([this] { run(); });
}

LocalListener::~LocalListener() {
    const char stop = 's';
    [[maybe_unused]] auto n = ::write(m_wakeFd[1], &stop, 1);
    m_thread.join();
    ::close(m_listenFd);
    ::close(m_wakeFd[0]);
    ::close(m_wakeFd[1]);
}

std::string LocalListener::received(std::chrono::milliseconds timeout) {
    if (m_future.wait_for(timeout) != std::future_status::ready) return "<listener timed out>";
    return m_future.get();
}

void LocalListener::run() {
    std::string data;
    pollfd fds[2] = {{m_listenFd, POLLIN, 0}, {m_wakeFd[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) <= 0 || (fds[1].revents & POLLIN)) {
        m_promise.set_value(data);
        return;
    }
    const int conn = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
    if (conn < 0) {
        m_promise.set_value(data);
        return;
    }
    char buffer[65536];
    bool done = false;
    while (!done) {
        pollfd p[2] = {{conn, POLLIN, 0}, {m_wakeFd[0], POLLIN, 0}};
        if (m_behaviour == Behaviour::NeverRead) p[0].events = 0;
        if (::poll(p, 2, -1) <= 0 || (p[1].revents & POLLIN)) break;
        std::size_t want = sizeof buffer;
        if (m_behaviour == Behaviour::CloseAfter) want = std::min(want, m_closeAfter - data.size());
        const ssize_t n = ::recv(conn, buffer, want, 0);
        if (n <= 0) break;
        data.append(buffer, static_cast<std::size_t>(n));
        if (m_behaviour == Behaviour::CloseAfter && data.size() >= m_closeAfter) done = true;
        if (m_behaviour == Behaviour::AnswerStatus) {
            // Answer every complete DLE EOT n seen so far.
            for (std::size_t i = 0; i + 2 < data.size(); ++i) {
                if (data[i] == 0x10 && data[i + 1] == 0x04 && data[i + 2] >= 1 && data[i + 2] <= 4) {
                    const char reply = static_cast<char>(statusReplies[static_cast<int>(data[i + 2])]);
                    [[maybe_unused]] auto w = ::send(conn, &reply, 1, MSG_NOSIGNAL);
                    data[i] = 0x7F;  // answered
                }
            }
        }
    }
    ::close(conn);
    m_promise.set_value(data);
}

}  // namespace motcua::testing
