#include "printer/usb_transport.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace motcua::printer {

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kPrinterClass = 7;

std::string deviceName(const UsbDeviceInfo& d) {
    return fmt::format("usb:{:04x}:{:04x} (bus {} device {})", d.vendorId, d.productId, d.bus, d.address);
}

Failure usbFailure(UsbCode code, const std::string& what) {
    const std::string detail = fmt::format("{}: {}", what, usbCodeName(code));
    switch (code) {
        case UsbCode::Access:
            return {PrintError::PermissionDenied,
                    detail + fmt::format("; install {} (udevadm control --reload, re-plug) and add the kiosk "
                                         "user to group lp",
                                         kUdevRulePath)};
        case UsbCode::Busy:
            return {PrintError::Busy,
                    detail + "; remove the CUPS queue using this printer or stop the other program"};
        case UsbCode::NoDevice:
        case UsbCode::NotFound:
            return {PrintError::NoPrinterFound, detail};
        case UsbCode::Timeout:
            return {PrintError::Timeout, detail};
        default:
            return {PrintError::IoError, detail};
    }
}

const UsbPrinterInterface* choosePrinterInterface(const UsbDeviceInfo& d, bool allowVendorClass) {
    for (const auto& i : d.interfaces) {
        if (i.interfaceClass == kPrinterClass) return &i;
    }
    if (allowVendorClass && !d.interfaces.empty()) return &d.interfaces.front();
    return nullptr;
}

}  // namespace

Result<std::vector<UsbDeviceInfo>> listUsbPrinters(UsbApi& api) {
    std::vector<UsbDeviceInfo> all;
    if (auto rc = api.listDevices(all); rc != UsbCode::Success) {
        return Failure{PrintError::NoPrinterFound,
                       fmt::format("cannot enumerate USB devices: {}", usbCodeName(rc))};
    }
    std::vector<UsbDeviceInfo> printers;
    std::copy_if(all.begin(), all.end(), std::back_inserter(printers),
                 [](const UsbDeviceInfo& d) { return choosePrinterInterface(d, false) != nullptr; });
    return printers;
}

Result<std::unique_ptr<UsbTransport>> UsbTransport::open(std::unique_ptr<UsbApi> api,
                                                         std::optional<UsbId> id) {
    std::vector<UsbDeviceInfo> devices;
    if (auto rc = api->listDevices(devices); rc != UsbCode::Success) {
        return Failure{PrintError::NoPrinterFound,
                       fmt::format("no USB bus to search ({}): no printer found", usbCodeName(rc))};
    }
    const UsbDeviceInfo* device = nullptr;
    const UsbPrinterInterface* iface = nullptr;
    for (const auto& d : devices) {
        if (id && (d.vendorId != id->vendorId || d.productId != id->productId)) continue;
        // A device named by its id may be vendor-class with bulk endpoints (some clones are).
        if (const auto* i = choosePrinterInterface(d, id.has_value())) {
            device = &d;
            iface = i;
            break;
        }
    }
    if (!device) {
        return Failure{
            PrintError::NoPrinterFound,
            id ? fmt::format("no USB device {:04x}:{:04x} with a printer interface among {} devices",
                             id->vendorId, id->productId, devices.size())
               : fmt::format("no USB printer (interface class 7) among {} devices", devices.size())};
    }
    const std::string name = deviceName(*device);
    if (auto rc = api->open(*device); rc != UsbCode::Success) return usbFailure(rc, "open " + name);

    // Take the interface from usblp; libusb gives it back on release. Where auto-detach is not
    // supported, detach by hand.
    if (api->setAutoDetachKernelDriver(true) != UsbCode::Success) {
        bool active = false;
        if (api->kernelDriverActive(iface->number, active) == UsbCode::Success && active) {
            if (auto rc = api->detachKernelDriver(iface->number); rc != UsbCode::Success) {
                api->close();
                return usbFailure(rc, "detach the kernel driver from " + name);
            }
        }
    }
    if (auto rc = api->claimInterface(iface->number); rc != UsbCode::Success) {
        api->close();
        return usbFailure(rc, fmt::format("claim interface {} of {}", iface->number, name));
    }
    if (iface->altSetting != 0) {
        if (auto rc = api->setAltSetting(iface->number, iface->altSetting); rc != UsbCode::Success) {
            api->releaseInterface(iface->number);
            api->close();
            return usbFailure(rc, "select alternate setting on " + name);
        }
    }
    const UsbDeviceInfo chosen = *device;
    const UsbPrinterInterface chosenInterface = *iface;
    return std::unique_ptr<UsbTransport>(new UsbTransport(std::move(api), chosen, chosenInterface));
}

UsbTransport::~UsbTransport() {
    m_api->releaseInterface(m_interface.number);
    m_api->close();
}

std::string UsbTransport::describe() const {
    return deviceName(m_device);
}

Result<void> UsbTransport::write(std::string_view bytes, std::chrono::milliseconds timeout) {
    std::vector<std::uint8_t> buffer(bytes.begin(), bytes.end());
    std::size_t sent = 0;
    bool stalledOnce = false;
    auto lastProgress = Clock::now();
    while (sent < buffer.size()) {
        const auto waited =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - lastProgress);
        if (waited >= timeout) {
            // The printer refused the rest (a timed-out transfer reports what it moved).
            return Failure{PrintError::Timeout,
                           fmt::format("{}: no progress for {} ms, {} of {} bytes sent", describe(),
                                       timeout.count(), sent, buffer.size()),
                           sent == 0 ? Reached::Nothing : Reached::Part};
        }
        const int length = static_cast<int>(std::min<std::size_t>(kChunkBytes, buffer.size() - sent));
        // A transfer that fails without a completion (unplugged, I/O error) may still have reached
        // the device: when that chunk holds the end of the job, the whole job may have arrived.
        const bool lastChunk = sent + static_cast<std::size_t>(length) == buffer.size();
        int transferred = 0;
        const auto budget = static_cast<unsigned>(std::max<long long>(1, (timeout - waited).count()));
        const UsbCode rc =
            m_api->bulkTransfer(m_interface.outEndpoint, buffer.data() + sent, length, transferred, budget);
        // A timed-out or partial transfer may still have moved some bytes: count them and go on
        // from there, never resend them.
        if (transferred > 0) {
            sent += static_cast<std::size_t>(std::min(transferred, length));
            lastProgress = Clock::now();
            stalledOnce = false;
        }
        switch (rc) {
            case UsbCode::Success:
            case UsbCode::Timeout:
                continue;  // loop checks the no-progress budget
            case UsbCode::Pipe:
                // A stalled endpoint: clear the halt and retry once; twice in a row is a real fault.
                if (stalledOnce) {
                    return Failure{
                        PrintError::IoError,
                        fmt::format("{}: endpoint stalled again after clearing, {} of {} bytes sent",
                                    describe(), sent, buffer.size()),
                        sent == 0 ? Reached::Nothing : Reached::Part};
                }
                stalledOnce = true;
                if (auto clear = m_api->clearHalt(m_interface.outEndpoint); clear != UsbCode::Success) {
                    auto failure = usbFailure(clear, fmt::format("{}: clear halt after a stall", describe()));
                    failure.reached = sent == 0 ? Reached::Nothing : Reached::Part;
                    return failure;
                }
                continue;
            case UsbCode::NoDevice:
                return Failure{
                    PrintError::ConnectionClosed,
                    fmt::format("{}: unplugged after {} of {} bytes{}", describe(), sent, buffer.size(),
                                lastChunk ? " (during the last transfer: it may have arrived whole)" : ""),
                    lastChunk   ? Reached::All
                    : sent == 0 ? Reached::Nothing
                                : Reached::Part};
            case UsbCode::Interrupted:
                continue;
            default: {
                auto failure = usbFailure(
                    rc, fmt::format("{}: bulk write after {} of {} bytes", describe(), sent, buffer.size()));
                failure.reached = lastChunk ? Reached::All : sent == 0 ? Reached::Nothing : Reached::Part;
                return failure;
            }
        }
    }
    return {};
}

Result<std::string> UsbTransport::read(std::size_t maxBytes, std::chrono::milliseconds timeout) {
    if (!m_interface.inEndpoint) return Failure{PrintError::IoError, describe() + " has no IN endpoint"};
    // Bulk IN must ask for whole packets or the device may overflow the buffer.
    const std::size_t packet = static_cast<std::size_t>(std::max(1, m_interface.maxPacketSize));
    std::vector<std::uint8_t> buffer(std::max(packet, (maxBytes + packet - 1) / packet * packet));
    int transferred = 0;
    UsbCode rc =
        m_api->bulkTransfer(*m_interface.inEndpoint, buffer.data(), static_cast<int>(buffer.size()),
                            transferred, static_cast<unsigned>(std::max<long long>(1, timeout.count())));
    if (rc == UsbCode::Pipe) {
        m_api->clearHalt(*m_interface.inEndpoint);
        rc = m_api->bulkTransfer(*m_interface.inEndpoint, buffer.data(), static_cast<int>(buffer.size()),
                                 transferred, static_cast<unsigned>(std::max<long long>(1, timeout.count())));
    }
    if (rc != UsbCode::Success && rc != UsbCode::Timeout) {
        if (rc == UsbCode::NoDevice) return Failure{PrintError::ConnectionClosed, describe() + ": unplugged"};
        return usbFailure(rc, describe() + ": bulk read");
    }
    const auto n = std::min(static_cast<std::size_t>(std::max(0, transferred)), maxBytes);
    return std::string(reinterpret_cast<const char*>(buffer.data()), n);
}

}  // namespace motcua::printer
