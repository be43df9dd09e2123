// "usb:" (the first printer) or "usb:VID:PID": ESC/POS over USB bulk transfers through libusb.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "printer/transport.h"
#include "printer/usb_api.h"

namespace motcua::printer {

struct UsbId {
    std::uint16_t vendorId;
    std::uint16_t productId;
};

class UsbTransport : public Transport {
  public:
    // Bytes per bulk transfer: bounds each wait, and a stall costs at most this much resent.
    static constexpr int kChunkBytes = 4096;

    // Finds the device (by id, or the first with a printer-class interface), detaches usblp,
    // claims the interface. api is the seam (makeLibusbApi() for the real bus).
    static Result<std::unique_ptr<UsbTransport>> open(std::unique_ptr<UsbApi> api, std::optional<UsbId> id);
    UsbTransport(const UsbTransport&) = delete;
    UsbTransport& operator=(const UsbTransport&) = delete;
    ~UsbTransport() override;  // releases the interface; libusb re-attaches usblp

    Result<void> write(std::string_view bytes, std::chrono::milliseconds timeout) override;
    Result<std::string> read(std::size_t maxBytes, std::chrono::milliseconds timeout) override;
    bool canRead() const noexcept override { return m_interface.inEndpoint.has_value(); }
    std::string describe() const override;

  private:
    UsbTransport(std::unique_ptr<UsbApi> api, UsbDeviceInfo device, UsbPrinterInterface iface)
        : m_api(std::move(api)), m_device(std::move(device)), m_interface(iface) {}
    std::unique_ptr<UsbApi> m_api;
    UsbDeviceInfo m_device;
    UsbPrinterInterface m_interface;
};

// Devices with a printer-class interface (for `motcua printer list`); a failure when there is no
// USB bus to look at.
Result<std::vector<UsbDeviceInfo>> listUsbPrinters(UsbApi& api);

}  // namespace motcua::printer
