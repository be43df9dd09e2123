#include <libusb.h>

#include <span>

#include "printer/usb_api.h"

namespace motcua::printer {

static_assert(static_cast<int>(UsbCode::Access) == LIBUSB_ERROR_ACCESS);
static_assert(static_cast<int>(UsbCode::Busy) == LIBUSB_ERROR_BUSY);
static_assert(static_cast<int>(UsbCode::Timeout) == LIBUSB_ERROR_TIMEOUT);
static_assert(static_cast<int>(UsbCode::Pipe) == LIBUSB_ERROR_PIPE);
static_assert(static_cast<int>(UsbCode::NoDevice) == LIBUSB_ERROR_NO_DEVICE);
static_assert(static_cast<int>(UsbCode::NotSupported) == LIBUSB_ERROR_NOT_SUPPORTED);
static_assert(static_cast<int>(UsbCode::Other) == LIBUSB_ERROR_OTHER);

std::string usbCodeName(UsbCode code) {
    return libusb_error_name(static_cast<int>(code));
}

namespace {

UsbCode toCode(int rc) {
    return rc >= 0 ? UsbCode::Success : static_cast<UsbCode>(rc);
}

struct ContextDeleter {
    void operator()(libusb_context* c) const noexcept { libusb_exit(c); }
};
struct HandleDeleter {
    void operator()(libusb_device_handle* h) const noexcept { libusb_close(h); }
};
struct ConfigDeleter {
    void operator()(libusb_config_descriptor* c) const noexcept { libusb_free_config_descriptor(c); }
};
struct DeviceListDeleter {
    void operator()(libusb_device** list) const noexcept { libusb_free_device_list(list, 1); }
};

std::vector<UsbPrinterInterface> printerInterfaces(libusb_device* device) {
    std::vector<UsbPrinterInterface> found;
    libusb_config_descriptor* raw = nullptr;
    if (libusb_get_active_config_descriptor(device, &raw) != 0 &&
        libusb_get_config_descriptor(device, 0, &raw) != 0) {
        return found;
    }
    std::unique_ptr<libusb_config_descriptor, ConfigDeleter> config(raw);
    for (int i = 0; i < config->bNumInterfaces; ++i) {
        const libusb_interface& iface = config->interface[i];
        for (int a = 0; a < iface.num_altsetting; ++a) {
            const libusb_interface_descriptor& alt = iface.altsetting[a];
            UsbPrinterInterface p;
            p.number = alt.bInterfaceNumber;
            p.altSetting = alt.bAlternateSetting;
            p.interfaceClass = alt.bInterfaceClass;
            for (int e = 0; e < alt.bNumEndpoints; ++e) {
                const libusb_endpoint_descriptor& ep = alt.endpoint[e];
                if ((ep.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_BULK) continue;
                if ((ep.bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN) {
                    if (!p.inEndpoint) p.inEndpoint = ep.bEndpointAddress;
                } else if (p.outEndpoint == 0) {
                    p.outEndpoint = ep.bEndpointAddress;
                    p.maxPacketSize = ep.wMaxPacketSize;
                }
            }
            if (p.outEndpoint != 0) found.push_back(p);
        }
    }
    return found;
}

class LibusbApi : public UsbApi {
  public:
    UsbCode listDevices(std::vector<UsbDeviceInfo>& out) override {
        Devices found;
        if (auto rc = devices(found); rc != UsbCode::Success) return rc;
        for (libusb_device* d : found.all) {
            libusb_device_descriptor desc{};
            if (libusb_get_device_descriptor(d, &desc) != 0) continue;
            UsbDeviceInfo info;
            info.vendorId = desc.idVendor;
            info.productId = desc.idProduct;
            info.bus = libusb_get_bus_number(d);
            info.address = libusb_get_device_address(d);
            info.interfaces = printerInterfaces(d);
            out.push_back(std::move(info));
        }
        return UsbCode::Success;
    }

    UsbCode open(const UsbDeviceInfo& device) override {
        Devices found;
        if (auto rc = devices(found); rc != UsbCode::Success) return rc;
        for (libusb_device* d : found.all) {
            if (libusb_get_bus_number(d) != device.bus || libusb_get_device_address(d) != device.address)
                continue;
            libusb_device_handle* handle = nullptr;
            const int rc = libusb_open(d, &handle);
            if (rc != 0) return toCode(rc);
            m_handle.reset(handle);
            return UsbCode::Success;
        }
        return UsbCode::NoDevice;
    }

    UsbCode setAutoDetachKernelDriver(bool enable) override {
        return toCode(libusb_set_auto_detach_kernel_driver(m_handle.get(), enable ? 1 : 0));
    }
    UsbCode kernelDriverActive(int iface, bool& active) override {
        const int rc = libusb_kernel_driver_active(m_handle.get(), iface);
        active = rc == 1;
        return toCode(rc);
    }
    UsbCode detachKernelDriver(int iface) override {
        return toCode(libusb_detach_kernel_driver(m_handle.get(), iface));
    }
    UsbCode claimInterface(int iface) override {
        return toCode(libusb_claim_interface(m_handle.get(), iface));
    }
    UsbCode setAltSetting(int iface, int alt) override {
        return toCode(libusb_set_interface_alt_setting(m_handle.get(), iface, alt));
    }
    UsbCode bulkTransfer(std::uint8_t endpoint, std::uint8_t* data, int length, int& transferred,
                         unsigned timeoutMs) override {
        transferred = 0;
        return toCode(libusb_bulk_transfer(m_handle.get(), endpoint, data, length, &transferred, timeoutMs));
    }
    UsbCode clearHalt(std::uint8_t endpoint) override {
        return toCode(libusb_clear_halt(m_handle.get(), endpoint));
    }
    void releaseInterface(int iface) override {
        if (m_handle) libusb_release_interface(m_handle.get(), iface);
    }
    void close() override { m_handle.reset(); }

    ~LibusbApi() override { m_handle.reset(); }  // the handle goes before the context

  private:
    UsbCode ensureContext() {
        if (m_context) return UsbCode::Success;
        libusb_context* context = nullptr;
        const int rc = libusb_init(&context);
        if (rc != 0) return toCode(rc);
        m_context.reset(context);
        return UsbCode::Success;
    }

    // The devices on the buses now; the list (and its references) is freed with `out`.
    struct Devices {
        std::unique_ptr<libusb_device*, DeviceListDeleter> list;
        std::span<libusb_device*> all;
    };
    UsbCode devices(Devices& out) {
        if (auto rc = ensureContext(); rc != UsbCode::Success) return rc;
        libusb_device** raw = nullptr;
        const ssize_t n = libusb_get_device_list(m_context.get(), &raw);
        if (n < 0) return toCode(static_cast<int>(n));
        out.list.reset(raw);
        out.all = {raw, static_cast<std::size_t>(n)};
        return UsbCode::Success;
    }

    std::unique_ptr<libusb_context, ContextDeleter> m_context;
    std::unique_ptr<libusb_device_handle, HandleDeleter> m_handle;
};

}  // namespace

std::unique_ptr<UsbApi> makeLibusbApi() {
    return std::make_unique<LibusbApi>();
}

}  // namespace motcua::printer
