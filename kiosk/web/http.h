// The requests and responses of motcua-web as plain values, apart from the HTTP library (server.cpp
// speaks HTTP with Boost.Beast): the pages are functions of a Request, testable and fuzzable without
// a socket.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/html_escape.h"

namespace motcua::web {

// Limits that bound what one connection may make the server hold (server.cpp enforces them while
// reading; the handler may rely on them).
inline constexpr std::size_t kMaxHeaderBytes = 8 * 1024;
inline constexpr std::size_t kMaxBodyBytes = 4 * 1024;

enum class Lang { Vi, En };

struct Request {
    std::string method;  // "GET", "POST", ...
    std::string target;  // path and query as sent: "/t/abc?lang=en"
    std::string cookie;  // the Cookie header
    std::string contentType;
    std::string body;
    std::string address;  // the citizen's network address (the proxy's X-Real-IP when trusted)
};

struct Response {
    int status = 200;
    std::string contentType = "text/html; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // beyond the security headers
    // A live ticket's events follow (text/event-stream): the ticket, its language and first event.
    std::optional<std::int64_t> streamTicket;
    Lang streamLang = Lang::Vi;
};

// Percent-decoding ('+' is a space in forms); nullopt for a malformed escape or a NUL.
std::optional<std::string> urlDecode(std::string_view text);
// The value of key in a query string or form body ("a=1&b=2"), decoded; nullopt when absent or
// malformed. Only the first occurrence counts.
std::optional<std::string> formValue(std::string_view form, std::string_view key);
// The value of a cookie in a Cookie header.
std::optional<std::string> cookieValue(std::string_view header, std::string_view name);
// Text for HTML element content and attribute values (text/html_escape.h).
using text::htmlEscape;
// Splits "/t/abc?x=1" into "/t/abc" and "x=1".
std::pair<std::string_view, std::string_view> splitTarget(std::string_view target);

}  // namespace motcua::web
