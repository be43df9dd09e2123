// <utility> first: Boost 1.74's asio/awaitable.hpp uses std::exchange without including it.
#include <utility>
// clang-format off
#include "kiosk/web/server.h"
// clang-format on

#include <fmt/format.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <iostream>
#include <thread>
#include <unordered_map>
#include <vector>

#include "kiosk/web/beast_request.h"

namespace motcua::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

namespace {

// One live page: the newest event not yet written (older ones are replaced: a page needs only the
// latest state, so a slow phone costs one event's memory, not a backlog).
struct Stream {
    explicit Stream(asio::any_io_executor ex, Lang l) : wake(ex), lang(l) {}
    asio::steady_timer wake;
    Lang lang;
    std::string pending;
};

bool isLoopback(const asio::ip::address& a) {
    return a.is_loopback() || (a.is_v6() && a.to_v6().is_v4_mapped() &&
                               asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6()).is_loopback());
}

std::string statusLine(int status) {
    return fmt::format("{} {}", status,
                       std::string(http::obsolete_reason(static_cast<http::status>(status))));
}

}  // namespace

struct WebServer::Impl {
    Impl(WebApp& a, ServerOptions o) : app(a), options(std::move(o)), acceptor(io) {
        headers = app.securityHeaders();
        boost::system::error_code ec;
        const auto address = asio::ip::make_address(options.address, ec);
        if (ec)
            throw std::runtime_error(fmt::format("motcua-web: '{}' is not an IP address", options.address));
        const tcp::endpoint endpoint(address, options.port);
        acceptor.open(endpoint.protocol(), ec);
        if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec) acceptor.bind(endpoint, ec);
        if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
        if (ec) {
            throw std::runtime_error(fmt::format("motcua-web: cannot listen on {}:{}: {}", options.address,
                                                 options.port, ec.message()));
        }
    }

    awaitable<void> acceptLoop() {
        for (;;) {
            boost::system::error_code ec;
            tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(use_awaitable, ec));
            if (stopping) co_return;
            if (ec) continue;  // e.g. too many open files: the next accept may succeed
            if (connections >= options.maxConnections) continue;  // closed as it goes out of scope
            asio::co_spawn(io, session(std::move(socket)), asio::detached);
        }
    }

    // Runs on the store thread (co_spawned there by onStore). A member coroutine with its argument by
    // value rather than a capturing lambda: GCC 12 destroys a coroutine lambda's captures twice.
    awaitable<Response> handleOnStore(Request request) {
        Response r;
        try {
            r = app.handle(request);
        } catch (const std::exception& e) {
            // The store is unreachable or refused: the citizen is asked to try again; the log names
            // the failure (never the request's token or form).
            std::cerr << "motcua-web: " << e.what() << "\n";
            r = Response{};
            r.status = 503;
            r.contentType = "text/plain; charset=utf-8";
            r.body = "Hệ thống đang bận, mời thử lại sau ít phút. / The system is busy, please try again.\n";
            r.headers.emplace_back("Retry-After", "10");
        }
        publish();
        co_return r;
    }

    awaitable<Response> onStore(Request request) {
        co_return co_await asio::co_spawn(store, handleOnStore(std::move(request)), use_awaitable);
    }

    // On the store thread: hands the changed live tickets to the I/O thread.
    void publish() {
        auto updates = app.takeUpdates();
        if (updates.empty()) return;
        asio::post(io, [this, updates = std::move(updates)] { fanOut(updates); });
    }

    // On the I/O thread.
    void fanOut(const std::vector<LiveUpdate>& updates) {
        for (const auto& u : updates) {
            const auto it = subscribers.find(u.ticketId);
            if (it == subscribers.end()) continue;
            for (const auto& weak : it->second) {
                if (auto s = weak.lock()) {
                    s->pending = s->lang == Lang::Vi ? u.eventVi : u.eventEn;
                    s->wake.cancel();
                }
            }
        }
    }

    awaitable<void> pollLoop() {
        asio::steady_timer timer(store);
        bool failing = false;
        while (!stopping) {
            timer.expires_after(options.pollInterval);
            boost::system::error_code ec;
            co_await timer.async_wait(asio::redirect_error(use_awaitable, ec));
            try {
                app.refresh();
                if (failing) std::cerr << "motcua-web: the store answers again\n";
                failing = false;
            } catch (const std::exception& e) {
                if (!failing) std::cerr << "motcua-web: cannot read the store: " << e.what() << "\n";
                failing = true;
            }
            publish();
        }
    }

    std::string clientAddress(const tcp::endpoint& peer, const http::request<http::string_body>& msg) const {
        if (options.trustProxy && isLoopback(peer.address())) {
            const auto it = msg.find("X-Real-IP");
            if (it != msg.end()) {
                boost::system::error_code ec;
                const auto a = asio::ip::make_address(std::string(it->value()), ec);
                if (!ec) return a.to_string();
            }
        }
        return peer.address().to_string();
    }

    awaitable<void> session(tcp::socket socket) {
        ++connections;
        struct Count {
            std::atomic<std::size_t>& n;
            ~Count() { --n; }
        } count{connections};
        boost::system::error_code ec;
        const auto peer = socket.remote_endpoint(ec);
        if (ec) co_return;
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer(kMaxHeaderBytes + kMaxBodyBytes);
        for (;;) {
            http::request_parser<http::string_body> parser;
            parser.header_limit(kMaxHeaderBytes);
            parser.body_limit(kMaxBodyBytes);
            stream.expires_after(options.idleTimeout);
            co_await http::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
            if (ec == http::error::header_limit || ec == http::error::body_limit ||
                ec == http::error::buffer_overflow) {
                co_await writePlain(stream, 413, "Yêu cầu quá lớn. / Request too large.\n");
                break;
            }
            if (ec) {
                // A malformed request (Beast's parser refused it) gets an answer; a closed or idle
                // connection does not.
                if (ec != http::error::end_of_stream && ec != http::error::partial_message &&
                    ec.category() == make_error_code(http::error::bad_target).category())
                    co_await writePlain(stream, 400, "Yêu cầu không hợp lệ. / Bad request.\n");
                break;
            }
            const auto& msg = parser.get();
            Request request = toRequest(msg, clientAddress(peer, msg));
            const bool keepAlive = msg.keep_alive();
            const unsigned version = msg.version();
            Response response = co_await onStore(std::move(request));
            if (stopping) break;
            if (response.streamTicket) {
                co_await streamEvents(stream, std::move(response));
                break;
            }
            http::response<http::string_body> out{static_cast<http::status>(response.status), version};
            if (!response.contentType.empty()) out.set(http::field::content_type, response.contentType);
            for (const auto& [k, v] : headers) out.set(k, v);
            for (const auto& [k, v] : response.headers) out.insert(k, v);
            out.body() = std::move(response.body);
            out.keep_alive(keepAlive);
            out.prepare_payload();
            stream.expires_after(std::chrono::seconds(10));
            co_await http::async_write(stream, out, asio::redirect_error(use_awaitable, ec));
            if (ec || !keepAlive) break;
        }
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    }

    awaitable<void> writePlain(beast::tcp_stream& stream, int status, const std::string& text) {
        http::response<http::string_body> out{static_cast<http::status>(status), 11};
        out.set(http::field::content_type, "text/plain; charset=utf-8");
        for (const auto& [k, v] : headers) out.set(k, v);
        out.body() = text;
        out.keep_alive(false);
        out.prepare_payload();
        boost::system::error_code ec;
        stream.expires_after(std::chrono::seconds(5));
        co_await http::async_write(stream, out, asio::redirect_error(use_awaitable, ec));
    }

    // The rest of the connection is one text/event-stream response, closed by either side.
    awaitable<void> streamEvents(beast::tcp_stream& stream, Response response) {
        auto s = std::make_shared<Stream>(io.get_executor(), response.streamLang);
        auto& list = subscribers[*response.streamTicket];
        list.push_back(s);
        ++streams;
        std::string out = "HTTP/1.1 " + statusLine(200) +
                          "\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n"
                          "X-Accel-Buffering: no\r\nConnection: close\r\n";
        for (const auto& [k, v] : headers) out += k + ": " + v + "\r\n";
        out += "\r\nretry: 5000\n\n" + response.body;
        boost::system::error_code ec;
        while (!stopping) {
            stream.expires_after(std::chrono::seconds(10));
            co_await asio::async_write(stream, asio::buffer(out), asio::redirect_error(use_awaitable, ec));
            if (ec) break;
            if (s->pending.empty()) {
                s->wake.expires_after(options.heartbeat);
                co_await s->wake.async_wait(asio::redirect_error(use_awaitable, ec));
            }
            out = s->pending.empty() ? std::string(":\n\n") : std::exchange(s->pending, {});
        }
        --streams;
        auto& now = subscribers[*response.streamTicket];
        std::erase_if(now, [&](const std::weak_ptr<Stream>& w) { return w.expired() || w.lock() == s; });
        if (now.empty()) subscribers.erase(*response.streamTicket);
    }

    WebApp& app;
    ServerOptions options;
    asio::io_context io{1};
    asio::io_context store{1};
    tcp::acceptor acceptor;
    std::vector<std::pair<std::string, std::string>> headers;
    std::unordered_map<std::int64_t, std::vector<std::weak_ptr<Stream>>> subscribers;  // I/O thread only
    std::atomic<std::size_t> connections{0};
    std::atomic<std::size_t> streams{0};
    std::atomic<bool> stopping{false};
};

WebServer::WebServer(WebApp& app, ServerOptions options)
    : m_impl(std::make_unique<Impl>(app, std::move(options))) {}

WebServer::~WebServer() = default;

unsigned short WebServer::port() const {
    return m_impl->acceptor.local_endpoint().port();
}

void WebServer::run() {
    auto& d = *m_impl;
    auto work = asio::make_work_guard(d.store);
    asio::co_spawn(d.store, d.pollLoop(), asio::detached);
    std::thread storeThread([&d] { d.store.run(); });
    asio::co_spawn(d.io, d.acceptLoop(), asio::detached);
    d.io.run();
    d.store.stop();
    storeThread.join();
}

void WebServer::stop() {
    auto& d = *m_impl;
    d.stopping = true;
    asio::post(d.io, [&d] {
        boost::system::error_code ec;
        d.acceptor.close(ec);
        d.io.stop();
    });
}

ServerStats WebServer::stats() const {
    return {m_impl->connections.load(), m_impl->streams.load()};
}

}  // namespace motcua::web
