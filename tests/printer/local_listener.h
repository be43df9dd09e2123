// A TCP listener on 127.0.0.1 with an ephemeral port, standing in for a network printer (and for
// the device behind a CUPS socket:// queue). Runs on its own thread.
#pragma once

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>

namespace motcua::testing {

class LocalListener {
public:
    enum class Behaviour {
        ReadAll,        // reads until the peer closes, keeps the bytes
        NeverRead,      // accepts and holds the connection without reading
        CloseAfter,     // reads closeAfterBytes, then closes (with unread data: a reset)
        AnswerStatus,   // answers each DLE EOT n with statusReplies[n]
    };
    explicit LocalListener(Behaviour behaviour, std::size_t closeAfterBytes = 0);
    ~LocalListener();
    LocalListener(const LocalListener&) = delete;
    LocalListener& operator=(const LocalListener&) = delete;

    int port() const { return m_port; }
    // The bytes of the first connection, once the peer closed it (ReadAll) or the listener did.
    std::string received(std::chrono::milliseconds timeout = std::chrono::seconds(20));
    unsigned char statusReplies[5] = {0, 0x16, 0x12, 0x12, 0x12};

private:
    void run();
    Behaviour m_behaviour;
    std::size_t m_closeAfter;
    int m_listenFd = -1;
    int m_wakeFd[2] = {-1, -1};
    int m_port = 0;
    std::promise<std::string> m_promise;
    std::future<std::string> m_future;
    std::thread m_thread;
};

// Port of a socket that was bound and closed at once: nothing listens there.
int unusedPort();

}  // namespace motcua::testing
