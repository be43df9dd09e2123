// The printer setting: one string that says where tickets go.
//   usb:                 the first USB printer (interface class 7)
//   usb:04b8:0e15        the USB device with this vendor:product id (hex)
//   cups:QUEUE           a raw job on a CUPS queue
//   tcp:HOST:PORT        raw TCP (port 9100 on most network printers); HOST may be [IPv6]
//   file:PATH            bytes to PATH, picture to PATH.png
//   none                 no printer: the kiosk shows the number on screen instead
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "printer/print_error.h"
#include "printer/transport.h"
#include "printer/usb_api.h"

namespace motcua::printer {

struct PrinterUri {
    enum class Kind { Usb, Cups, Tcp, File, None };
    Kind kind = Kind::None;
    std::uint16_t vendorId = 0;  // Usb with hasUsbId
    std::uint16_t productId = 0;
    bool hasUsbId = false;
    std::string name;  // Cups queue, Tcp host, File path
    int port = 0;      // Tcp
};

// BadUri with a message that shows the accepted forms.
Result<PrinterUri> parsePrinterUri(std::string_view uri);

inline constexpr std::chrono::milliseconds kConnectTimeout{3000};

struct TransportOptions {
    std::chrono::milliseconds connectTimeout = kConnectTimeout;
    // The libusb seam behind "usb:" URIs (a fake USB bus in tests); empty: the real one,
    // makeLibusbApi(). Called once per transport opened.
    std::function<std::unique_ptr<UsbApi>()> usbApi;
};

// The one call the rest of the program makes to reach the configured printer.
Result<std::unique_ptr<Transport>> openTransport(std::string_view uri, const TransportOptions& options);
inline Result<std::unique_ptr<Transport>> openTransport(
    std::string_view uri, std::chrono::milliseconds connectTimeout = kConnectTimeout) {
    return openTransport(uri, TransportOptions{connectTimeout, {}});
}

}  // namespace motcua::printer
