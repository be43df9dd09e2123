// The thin seam over the libusb calls the USB transport makes. LibusbApi is the real one; tests
// script a fake. Return codes are libusb's (UsbCode mirrors LIBUSB_SUCCESS, LIBUSB_ERROR_*), so the
// transport's handling of each code is what is tested. <libusb.h> stays out of this header.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace motcua::printer {

enum class UsbCode : int {
    Success = 0,
    Io = -1,
    InvalidParam = -2,
    Access = -3,
    NoDevice = -4,
    NotFound = -5,
    Busy = -6,
    Timeout = -7,
    Overflow = -8,
    Pipe = -9,  // endpoint stalled
    Interrupted = -10,
    NoMem = -11,
    NotSupported = -12,
    Other = -99,
};

std::string usbCodeName(UsbCode code);

// An interface that can take print data: class 7 (printer), or, for a device named by VID:PID,
// a vendor-specific interface with a bulk OUT endpoint. Endpoints come from the descriptors.
struct UsbPrinterInterface {
    int number = 0;
    int altSetting = 0;
    int interfaceClass = 7;
    std::uint8_t outEndpoint = 0;
    std::optional<std::uint8_t> inEndpoint;
    int maxPacketSize = 64;
};

struct UsbDeviceInfo {
    std::uint16_t vendorId = 0;
    std::uint16_t productId = 0;
    int bus = 0;
    int address = 0;
    std::vector<UsbPrinterInterface> interfaces;  // only interfaces with a bulk OUT endpoint
};

class UsbApi {
  public:
    virtual ~UsbApi() = default;
    // libusb_init + libusb_get_device_list + configuration descriptors.
    virtual UsbCode listDevices(std::vector<UsbDeviceInfo>& out) = 0;
    // Opens the device (bus, address) and keeps the handle until close().
    virtual UsbCode open(const UsbDeviceInfo& device) = 0;
    virtual UsbCode setAutoDetachKernelDriver(bool enable) = 0;
    virtual UsbCode kernelDriverActive(int interfaceNumber, bool& active) = 0;
    virtual UsbCode detachKernelDriver(int interfaceNumber) = 0;
    virtual UsbCode claimInterface(int interfaceNumber) = 0;
    virtual UsbCode setAltSetting(int interfaceNumber, int altSetting) = 0;
    // transferred is set even on Timeout: part of the data may have gone.
    virtual UsbCode bulkTransfer(std::uint8_t endpoint, std::uint8_t* data, int length, int& transferred,
                                 unsigned timeoutMs) = 0;
    virtual UsbCode clearHalt(std::uint8_t endpoint) = 0;
    virtual void releaseInterface(int interfaceNumber) = 0;
    virtual void close() = 0;
};

// The real libusb. Owns a libusb context for its lifetime; an open handle keeps it alive.
std::unique_ptr<UsbApi> makeLibusbApi();

}  // namespace motcua::printer
