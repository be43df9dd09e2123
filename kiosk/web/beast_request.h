// A request as Beast parsed it -> the plain Request the pages take (http.h). Shared by the server and
// the fuzz target, so both hand the pages exactly the same thing. Includes Beast: only for the .cpp
// files that speak HTTP.
#pragma once

#include <boost/beast/http.hpp>
#include <string>

#include "kiosk/web/http.h"

namespace motcua::web {

inline Request toRequest(const boost::beast::http::request<boost::beast::http::string_body>& msg,
                         std::string address) {
    namespace http = boost::beast::http;
    Request request;
    request.method = std::string(msg.method_string());
    request.target = std::string(msg.target());
    if (auto it = msg.find(http::field::cookie); it != msg.end()) request.cookie = std::string(it->value());
    if (auto it = msg.find(http::field::content_type); it != msg.end())
        request.contentType = std::string(it->value());
    request.body = msg.body();
    request.address = std::move(address);
    return request;
}

}  // namespace motcua::web
