// motcua-web served for real on 127.0.0.1 (a free port) from a thread of the test, on the store the
// suite runs against, with a plain HTTP client (Boost.Beast) and an event-stream reader. The web app
// owns its database connection; the test moves tickets through a connection of its own, as a
// console would.
#pragma once

#include <utility>
// clang-format off
#include <boost/asio.hpp>
#include <boost/beast.hpp>
// clang-format on
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "../queue/queue_fixture.h"
#include "kiosk/web/server.h"
#include "kiosk/web/web_app.h"
#include "queue/ticket_links.h"

namespace motcua::testing {

struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    std::string header(const std::string& name) const {
        const auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

inline std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// A socket that gives up reading after 30 s, so that a server that never answers fails the test
// instead of hanging the suite (not a timing assertion: the answer is expected at once).
inline boost::asio::ip::tcp::socket connectTo(boost::asio::io_context& io, unsigned short port) {
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    timeval tv{30, 0};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return socket;
}

inline HttpReply httpRequest(unsigned short port, const std::string& method, const std::string& target,
                             const std::string& body = {},
                             const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    namespace http = boost::beast::http;
    boost::asio::io_context io;
    auto socket = connectTo(io, port);
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || method == "POST") {
        req.set(http::field::content_type, "application/x-www-form-urlencoded");
        req.body() = body;
        req.prepare_payload();
    }
    http::write(socket, req);
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(10 * 1024 * 1024);
    parser.skip(method == "HEAD");
    http::read(socket, buffer, parser);
    HttpReply reply;
    reply.status = static_cast<int>(parser.get().result_int());
    for (const auto& f : parser.get()) {
        auto& slot = reply.headers[lower(std::string(f.name_string()))];
        slot += (slot.empty() ? "" : "\n") + std::string(f.value());
    }
    reply.body = parser.get().body();
    return reply;
}

inline HttpReply httpGet(unsigned short port, const std::string& target,
                         const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return httpRequest(port, "GET", target, {}, headers);
}

// Reads a text/event-stream response event by event.
class EventStreamReader {
  public:
    EventStreamReader(unsigned short port, const std::string& target) : m_socket(connectTo(m_io, port)) {
        const std::string request =
            "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
        boost::asio::write(m_socket, boost::asio::buffer(request));
        const auto end = readUntil("\r\n\r\n");
        head = m_data.substr(0, end);
        m_data.erase(0, end + 4);
    }
    // The data of the next event (comments and retry lines skipped).
    std::string next() {
        for (;;) {
            const auto end = readUntil("\n\n");
            std::string block = m_data.substr(0, end);
            m_data.erase(0, end + 2);
            std::string data;
            std::size_t at = 0;
            while (at < block.size()) {
                const auto nl = block.find('\n', at);
                const auto line = block.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
                if (line.starts_with("data: ")) data += line.substr(6);
                at = nl == std::string::npos ? block.size() : nl + 1;
            }
            if (!data.empty()) return data;
        }
    }
    std::string head;

  private:
    std::size_t readUntil(const std::string& end) {
        for (;;) {
            if (const auto at = m_data.find(end); at != std::string::npos) return at;
            char chunk[4096];
            boost::system::error_code ec;
            const auto n = m_socket.read_some(boost::asio::buffer(chunk), ec);
            if (ec) throw std::runtime_error("event stream: " + ec.message());
            m_data.append(chunk, n);
        }
    }
    boost::asio::io_context m_io;
    boost::asio::ip::tcp::socket m_socket;
    std::string m_data;
};

// The queue fixture's database served by motcua-web; staff moves go through `desk` (a connection of
// its own).
struct WebFixture {
    explicit WebFixture(const std::string& toml = kTestOfficeToml, web::WebOptions options = {})
        : q(toml),
          deskDb(queue::openStore(q.path, queue::OpenPurpose::Use)),
          desk(deskDb, q.clock),
          links(deskDb),
          app(q.db, q.clock, options),
          server(app, serverOptions()) {
        thread = std::thread([this] { server.run(); });
        port = server.port();
    }
    ~WebFixture() {
        server.stop();
        thread.join();
    }
    static web::ServerOptions serverOptions() {
        web::ServerOptions o;
        o.port = 0;
        o.pollInterval = std::chrono::milliseconds(20);
        return o;
    }
    // A ticket taken at the kiosk and its link (as printing it makes).
    std::pair<queue::IssuedTicket, queue::TicketLink> take(const std::string& service,
                                                           std::optional<std::string> priority = {}) {
        auto r = desk.take(service, priority);
        if (!r.ok()) throw std::runtime_error("take failed: " + r.message);
        return {*r.value, links.linkFor(r.value->ticket, q.clock.now())};
    }

    QueueFixture q;
    queue::Database deskDb;
    queue::QueueService desk;
    queue::TicketLinks links;
    web::WebApp app;
    web::WebServer server;
    std::thread thread;
    unsigned short port = 0;
};

// The whole Set-Cookie line for the cookie name, attributes included ("" when the reply sets none);
// the server's Set-Cookie headers are joined one per line.
inline std::string setCookieLine(const HttpReply& r, const std::string& name) {
    const std::string all = r.header("set-cookie");
    std::size_t at = 0;
    while (at < all.size()) {
        const auto nl = all.find('\n', at);
        const auto line = all.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
        if (line.starts_with(name + "=")) return line;
        at = nl == std::string::npos ? all.size() : nl + 1;
    }
    return {};
}

// The CSRF tag a page's form carries in its hidden "csrf" field ("" when it has none).
inline std::string hiddenCsrf(const std::string& page) {
    std::smatch m;
    if (!std::regex_search(page, m, std::regex("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\""))) return {};
    return m[1];
}

}  // namespace motcua::testing
