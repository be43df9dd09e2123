// A TCP relay on 127.0.0.1 between programs and their PostgreSQL server, which a test can turn into a
// server that stops answering, without root: while it is open it passes bytes both ways; cut() resets
// every connection through it (as a server PC that died) and from then on accepts new connections and
// never answers them (a server whose address swallows everything: what a client sees of a pulled
// cable while it tries to reconnect). restore() resets the held connections and relays again.
// Header-only, on a thread of its own.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/local_listener.h"

namespace motcua::testing {

class TcpGate {
  public:
    // Relays to 127.0.0.1:serverPort.
    explicit TcpGate(int serverPort) : m_serverPort(serverPort) {
        m_listenFd = detail::bindLoopback(m_port);
        if (::listen(m_listenFd, 16) != 0) throw std::runtime_error("listen failed");
        if (::pipe2(m_wakeFd, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
        m_thread = std::thread([this] { run(); });
    }
    ~TcpGate() {
        m_stop = true;
        wake();
        m_thread.join();
        for (auto& p : m_pairs) {
            reset(p.client);
            reset(p.server);
        }
        for (int fd : m_held) reset(fd);
        ::close(m_listenFd);
        ::close(m_wakeFd[0]);
        ::close(m_wakeFd[1]);
    }
    TcpGate(const TcpGate&) = delete;
    TcpGate& operator=(const TcpGate&) = delete;

    // The port of a URL "postgresql://user@127.0.0.1:PORT/db".
    static int portOf(const std::string& url) {
        const auto colon = url.find(':', url.find('@'));
        return std::stoi(url.substr(colon + 1, url.find('/', colon) - colon - 1));
    }

    int port() const noexcept { return m_port; }
    // serverUrl ("postgresql://user@127.0.0.1:PORT/db") with this gate's port instead.
    std::string url(const std::string& serverUrl) const {
        const auto at = serverUrl.find('@');
        const auto colon = serverUrl.find(':', at);
        const auto slash = serverUrl.find('/', colon);
        return serverUrl.substr(0, colon + 1) + std::to_string(m_port) + serverUrl.substr(slash);
    }

    // Both return once the relay has reset the connections (nothing more passes through them).
    void cut() {
        m_cut = true;
        resetAll();
    }
    void restore() {
        m_cut = false;
        resetAll();
    }
    // Connections accepted while cut and not yet closed by the program (held, unanswered), now and
    // in all.
    std::size_t held() const noexcept { return m_heldNow.load(); }
    std::size_t heldInAll() const noexcept { return m_heldInAll.load(); }

  private:
    struct Pair {
        int client;
        int server;
    };

    static void reset(int fd) {
        linger l{1, 0};  // close with RST, as a host that lost the connection's state
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        ::close(fd);
    }
    void resetAll() {
        const int asked = ++m_resetsAsked;
        wake();
        while (m_resetsDone.load() < asked) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    void wake() {
        const char c = 'w';
        [[maybe_unused]] auto n = ::write(m_wakeFd[1], &c, 1);
    }

    int connectServer() const {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(static_cast<std::uint16_t>(m_serverPort));
        if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) return fd;
        if (fd >= 0) ::close(fd);
        return -1;
    }

    // Copies what one side has to the other; false when either side is done.
    static bool pass(int from, int to) {
        char buffer[65536];
        const ssize_t n = ::recv(from, buffer, sizeof buffer, 0);
        if (n <= 0) return false;
        for (ssize_t sent = 0; sent < n;) {
            const ssize_t w = ::send(to, buffer + sent, static_cast<std::size_t>(n - sent), MSG_NOSIGNAL);
            if (w <= 0) return false;
            sent += w;
        }
        return true;
    }

    void run() {
        while (!m_stop) {
            if (const int asked = m_resetsAsked.load(); asked != m_resetsDone.load()) {
                for (auto& p : m_pairs) {
                    reset(p.client);
                    reset(p.server);
                }
                m_pairs.clear();
                for (int fd : m_held) reset(fd);
                m_held.clear();
                m_heldNow = 0;
                m_resetsDone = asked;
            }
            std::vector<pollfd> fds{{m_listenFd, POLLIN, 0}, {m_wakeFd[0], POLLIN, 0}};
            for (const auto& p : m_pairs) {
                fds.push_back({p.client, POLLIN, 0});
                fds.push_back({p.server, POLLIN, 0});
            }
            for (int fd : m_held) fds.push_back({fd, POLLIN, 0});
            if (::poll(fds.data(), fds.size(), -1) < 0) continue;
            if (fds[1].revents & POLLIN) {
                char drain[64];
                [[maybe_unused]] auto n = ::read(m_wakeFd[0], drain, sizeof drain);
                continue;  // the sets may have changed
            }
            std::size_t i = 2;
            std::vector<Pair> pairs;
            for (const auto& p : m_pairs) {
                const bool ok =
                    (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)) || pass(p.client, p.server)) &&
                    (!(fds[i + 1].revents & (POLLIN | POLLHUP | POLLERR)) || pass(p.server, p.client));
                i += 2;
                if (ok) {
                    pairs.push_back(p);
                } else {
                    reset(p.client);
                    reset(p.server);
                }
            }
            m_pairs = std::move(pairs);
            std::vector<int> held;
            for (int fd : m_held) {
                bool open = true;
                if (fds[i++].revents & (POLLIN | POLLHUP | POLLERR)) {
                    char buffer[4096];  // what the program says is read and never answered
                    open = ::recv(fd, buffer, sizeof buffer, 0) > 0;
                }
                if (open)
                    held.push_back(fd);
                else
                    ::close(fd);
            }
            m_held = std::move(held);
            if (fds[0].revents & POLLIN) {
                const int client = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
                if (client >= 0) {
                    if (m_cut) {
                        m_held.push_back(client);
                        ++m_heldInAll;
                    } else if (const int server = connectServer(); server >= 0) {
                        m_pairs.push_back({client, server});
                    } else {
                        reset(client);
                    }
                }
            }
            m_heldNow = m_held.size();
        }
    }

    int m_serverPort;
    int m_port = 0;
    int m_listenFd = -1;
    int m_wakeFd[2] = {-1, -1};
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_cut{false};
    std::atomic<int> m_resetsAsked{0};
    std::atomic<int> m_resetsDone{0};
    std::atomic<std::size_t> m_heldNow{0};
    std::atomic<std::size_t> m_heldInAll{0};
    std::vector<Pair> m_pairs;  // the relay thread's own
    std::vector<int> m_held;
    std::thread m_thread;
};

}  // namespace motcua::testing
