#include "printer/printer_uri.h"

#include <fmt/format.h>

#include <charconv>

#include "printer/cups_transport.h"
#include "printer/file_transport.h"
#include "printer/tcp_transport.h"
#include "printer/usb_transport.h"

namespace motcua::printer {

namespace {

constexpr std::string_view kForms = "usb:, usb:VID:PID (hex), cups:QUEUE, tcp:HOST:PORT, file:PATH or none";

Failure bad(std::string_view uri, std::string_view why) {
    return Failure{PrintError::BadUri, fmt::format("'{}': {}; expected {}", uri, why, kForms)};
}

bool parseHex16(std::string_view s, std::uint16_t& out) {
    if (s.empty() || s.size() > 4) return false;
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value, 16);
    if (ec != std::errc() || end != s.data() + s.size()) return false;
    out = static_cast<std::uint16_t>(value);
    return true;
}

}  // namespace

Result<PrinterUri> parsePrinterUri(std::string_view uri) {
    PrinterUri out;
    if (uri == "none") return out;
    const auto colon = uri.find(':');
    if (colon == std::string_view::npos) return bad(uri, "no scheme");
    const std::string_view scheme = uri.substr(0, colon);
    const std::string_view rest = uri.substr(colon + 1);
    if (scheme == "usb") {
        out.kind = PrinterUri::Kind::Usb;
        if (rest.empty()) return out;
        const auto sep = rest.find(':');
        if (sep == std::string_view::npos || !parseHex16(rest.substr(0, sep), out.vendorId) ||
            !parseHex16(rest.substr(sep + 1), out.productId)) {
            return bad(uri, "the USB id must be VID:PID in hex, like 04b8:0e15");
        }
        out.hasUsbId = true;
        return out;
    }
    if (scheme == "cups") {
        out.kind = PrinterUri::Kind::Cups;
        if (rest.empty() || rest.size() > 127 || rest.find_first_of("/#@ \t") != std::string_view::npos) {
            return bad(uri, "a CUPS queue name is 1..127 characters without '/', '#', '@' or spaces");
        }
        out.name = rest;
        return out;
    }
    if (scheme == "tcp") {
        out.kind = PrinterUri::Kind::Tcp;
        std::string_view host;
        std::string_view port;
        if (!rest.empty() && rest.front() == '[') {
            const auto close = rest.find(']');
            if (close == std::string_view::npos || close + 1 >= rest.size() || rest[close + 1] != ':') {
                return bad(uri, "an IPv6 host is written [ADDRESS]:PORT");
            }
            host = rest.substr(1, close - 1);
            port = rest.substr(close + 2);
        } else {
            const auto sep = rest.rfind(':');
            if (sep == std::string_view::npos) return bad(uri, "the port is missing (9100 on most printers)");
            host = rest.substr(0, sep);
            port = rest.substr(sep + 1);
        }
        int value = 0;
        const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (host.empty()) return bad(uri, "the host is missing");
        if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value < 1 ||
            value > 65535) {
            return bad(uri, "the port must be a number 1..65535");
        }
        out.name = host;
        out.port = value;
        return out;
    }
    if (scheme == "file") {
        out.kind = PrinterUri::Kind::File;
        if (rest.empty()) return bad(uri, "the file path is missing");
        out.name = rest;
        return out;
    }
    return bad(uri, fmt::format("unknown scheme '{}'", scheme));
}

Result<std::unique_ptr<Transport>> openTransport(std::string_view uri, const TransportOptions& options) {
    auto parsed = parsePrinterUri(uri);
    if (!parsed) return parsed.error();
    const PrinterUri& p = *parsed;
    switch (p.kind) {
        case PrinterUri::Kind::None:
            return Failure{PrintError::NotConfigured, "the printer setting is 'none'"};
        case PrinterUri::Kind::Usb: {
            std::optional<UsbId> id;
            if (p.hasUsbId) id = UsbId{p.vendorId, p.productId};
            auto usb = UsbTransport::open(options.usbApi ? options.usbApi() : makeLibusbApi(), id);
            if (!usb) return usb.error();
            return std::unique_ptr<Transport>(std::move(*usb));
        }
        case PrinterUri::Kind::Cups: {
            auto cups = CupsTransport::open(p.name);
            if (!cups) return cups.error();
            return std::unique_ptr<Transport>(std::move(*cups));
        }
        case PrinterUri::Kind::Tcp: {
            auto tcp = TcpTransport::connect(p.name, p.port, options.connectTimeout);
            if (!tcp) return tcp.error();
            return std::unique_ptr<Transport>(std::move(*tcp));
        }
        case PrinterUri::Kind::File: {
            const std::filesystem::path path(p.name);
            const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
            std::error_code ec;
            if (!std::filesystem::is_directory(dir, ec)) {
                return Failure{PrintError::NoPrinterFound,
                               fmt::format("directory {} does not exist", dir.string())};
            }
            return std::unique_ptr<Transport>(std::make_unique<FileTransport>(path));
        }
    }
    return Failure{PrintError::BadUri, std::string(uri)};
}

}  // namespace motcua::printer
