// motcua-web's HTTP server: Boost.Beast over Boost.Asio, with C++20 coroutines.
//
// Why Beast/Asio (Debian 12's libboost1.74-dev): the load is 2,000 live pages held open at once plus
// 20 numbers taken a second, on a 2-core PC. A live page is a long-lived connection that mostly waits;
// with Asio one thread waits on all of them through epoll, and each costs a coroutine frame and a few
// kilobytes of buffers. cpp-httplib (Debian: 0.11) gives every connection a thread of its own (2,000
// threads and stacks for pages that do nothing), and libmicrohttpd would need its suspend/resume C API
// for every event stream. Beast is maintained with Boost, parses with limits we set (header and body
// size), and has a WebSocket client the browser test uses for Chromium's DevTools protocol.
//
// Threads: one I/O thread runs every connection; one store thread owns the database connection and
// runs WebApp (requests, and the change watcher's poll): the pages never wait for each other's
// sockets, and the database is used from one thread as it must be. Live pages use server-sent events
// rather than long polling: one response stays open per page and an update is one write on it, where
// long polling would cost a new request from every page after each change (2,000 requests at once
// when a number is called), and EventSource reconnects by itself after a network change.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "kiosk/web/web_app.h"

namespace motcua::web {

struct ServerOptions {
    std::string address = "127.0.0.1";
    unsigned short port = 8080;  // 0: any free port (tests)
    // Behind a reverse proxy on this host: a request from a loopback address names the citizen's
    // address in X-Real-IP (nginx: proxy_set_header X-Real-IP $remote_addr). Never trusted otherwise.
    bool trustProxy = false;
    std::chrono::milliseconds pollInterval{100};  // how often the store is asked whether it changed
    std::chrono::seconds heartbeat{25};           // an event stream's comment line keeps proxies open
    std::chrono::seconds idleTimeout{30};         // a connection that sends no whole request is closed
    std::size_t maxConnections = 10'000;          // beyond: closed at once
};

struct ServerStats {
    std::size_t connections = 0;
    std::size_t streams = 0;  // live pages following a ticket
};

class WebServer {
  public:
    // Binds the address (throws std::runtime_error naming it when it cannot).
    WebServer(WebApp& app, ServerOptions options);
    ~WebServer();
    WebServer(const WebServer&) = delete;
    WebServer& operator=(const WebServer&) = delete;

    unsigned short port() const;
    // Serves until stop() (from any thread, or a signal handler's thread).
    void run();
    void stop();
    ServerStats stats() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace motcua::web
