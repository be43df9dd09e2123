#include "printer/usb_transport.h"

#include <catch2/catch.hpp>
#include <deque>
#include <thread>

#include "printer/escpos_decoder.h"
#include "printer/escpos_encoder.h"
#include "printer/print_job.h"
#include "printer/printer_uri.h"
#include "printer/sample_ticket.h"
#include "support/fake_usb_printer.h"

using namespace motcua::printer;
using namespace std::chrono_literals;

namespace {

// A scripted libusb: devices to list, results for each call, and a log of the calls made.
struct FakeUsb : UsbApi {
    struct Transfer {
        UsbCode code;
        int transferred;  // -1: all asked
    };
    std::vector<UsbDeviceInfo> devices;
    UsbCode listCode = UsbCode::Success;
    UsbCode openCode = UsbCode::Success;
    UsbCode autoDetachCode = UsbCode::Success;
    bool kernelActive = false;
    UsbCode claimCode = UsbCode::Success;
    std::deque<Transfer> outTransfers;  // default when empty: success, all
    std::deque<std::string> inReplies;
    std::string written;
    std::vector<std::string>* log;

    explicit FakeUsb(std::vector<std::string>* callLog) : log(callLog) {}
    UsbCode listDevices(std::vector<UsbDeviceInfo>& out) override {
        log->push_back("list");
        out = devices;
        return listCode;
    }
    UsbCode open(const UsbDeviceInfo& d) override {
        log->push_back("open " + std::to_string(d.bus) + ":" + std::to_string(d.address));
        return openCode;
    }
    UsbCode setAutoDetachKernelDriver(bool) override {
        log->push_back("autodetach");
        return autoDetachCode;
    }
    UsbCode kernelDriverActive(int, bool& active) override {
        active = kernelActive;
        return UsbCode::Success;
    }
    UsbCode detachKernelDriver(int i) override {
        log->push_back("detach " + std::to_string(i));
        return UsbCode::Success;
    }
    UsbCode claimInterface(int i) override {
        log->push_back("claim " + std::to_string(i));
        return claimCode;
    }
    UsbCode setAltSetting(int i, int a) override {
        log->push_back("alt " + std::to_string(i) + "/" + std::to_string(a));
        return UsbCode::Success;
    }
    UsbCode bulkTransfer(std::uint8_t ep, std::uint8_t* data, int length, int& transferred,
                         unsigned) override {
        if (ep & 0x80) {
            log->push_back("in");
            transferred = 0;
            if (inReplies.empty()) return UsbCode::Timeout;
            std::string r = inReplies.front();
            inReplies.pop_front();
            std::copy(r.begin(), r.end(), data);
            transferred = static_cast<int>(r.size());
            return UsbCode::Success;
        }
        log->push_back("out " + std::to_string(ep) + " " + std::to_string(length));
        Transfer t{UsbCode::Success, -1};
        if (!outTransfers.empty()) {
            t = outTransfers.front();
            outTransfers.pop_front();
        }
        transferred = t.transferred < 0 ? length : std::min(t.transferred, length);
        written.append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(transferred));
        if (t.code == UsbCode::Timeout)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));  // time passes
        return t.code;
    }
    UsbCode clearHalt(std::uint8_t ep) override {
        log->push_back("clear " + std::to_string(ep));
        return UsbCode::Success;
    }
    void releaseInterface(int i) override { log->push_back("release " + std::to_string(i)); }
    void close() override { log->push_back("close"); }
};

UsbDeviceInfo printer(std::uint16_t vid, std::uint16_t pid, int address, int ifaceClass = 7) {
    UsbDeviceInfo d;
    d.vendorId = vid;
    d.productId = pid;
    d.bus = 1;
    d.address = address;
    UsbPrinterInterface i;
    i.number = 0;
    i.interfaceClass = ifaceClass;
    i.outEndpoint = 0x02;
    i.inEndpoint = 0x81;
    d.interfaces.push_back(i);
    return d;
}

}  // namespace

TEST_CASE("USB: the first printer-class interface is opened, claimed and written", "[usb]") {
    std::vector<std::string> log;
    auto fake = std::make_unique<FakeUsb>(&log);
    UsbDeviceInfo keyboard = printer(0x046d, 0xc31c, 2, 3);  // HID: not a printer
    fake->devices = {keyboard, printer(0x04b8, 0x0e15, 5)};
    FakeUsb* raw = fake.get();
    {
        auto t = UsbTransport::open(std::move(fake), std::nullopt);
        REQUIRE(t.ok());
        CHECK((*t)->describe() == "usb:04b8:0e15 (bus 1 device 5)");
        CHECK((*t)->canRead());
        const std::string job(10000, 'x');
        REQUIRE((*t)->write(job, 1s).ok());
        CHECK(raw->written == job);
    }
    const std::vector<std::string> expected{"list",       "open 1:5",   "autodetach", "claim 0", "out 2 4096",
                                            "out 2 4096", "out 2 1808", "release 0",  "close"};
    CHECK(log == expected);
}

TEST_CASE("USB: VID:PID picks that device, even a vendor-class one", "[usb]") {
    std::vector<std::string> log;
    auto fake = std::make_unique<FakeUsb>(&log);
    fake->devices = {printer(0x04b8, 0x0e15, 5), printer(0x0416, 0x5011, 6, 0xFF)};
    auto t = UsbTransport::open(std::move(fake), UsbId{0x0416, 0x5011});
    REQUIRE(t.ok());
    CHECK((*t)->describe() == "usb:0416:5011 (bus 1 device 6)");
}

TEST_CASE("USB: opening failures become print errors naming the fix", "[usb]") {
    std::vector<std::string> log;
    auto fake = std::make_unique<FakeUsb>(&log);
    fake->devices = {printer(0x04b8, 0x0e15, 5)};
    SECTION("no such id") {
        auto t = UsbTransport::open(std::move(fake), UsbId{0x1234, 0x5678});
        REQUIRE_FALSE(t.ok());
        CHECK(t.error().error == PrintError::NoPrinterFound);
        CHECK_THAT(t.error().detail, Catch::Contains("1234:5678"));
    }
    SECTION("no printer at all") {
        fake->devices.clear();
        auto t = UsbTransport::open(std::move(fake), std::nullopt);
        REQUIRE_FALSE(t.ok());
        CHECK(t.error().error == PrintError::NoPrinterFound);
    }
    SECTION("no access: the udev rule") {
        fake->openCode = UsbCode::Access;
        auto t = UsbTransport::open(std::move(fake), std::nullopt);
        REQUIRE_FALSE(t.ok());
        CHECK(t.error().error == PrintError::PermissionDenied);
        CHECK_THAT(t.error().detail, Catch::Contains("assets/udev/60-motcua-printer.rules"));
        CHECK_THAT(std::string(messageEn(PrintError::PermissionDenied)),
                   Catch::Contains("60-motcua-printer.rules"));
    }
    SECTION("claimed by someone else") {
        fake->claimCode = UsbCode::Busy;
        auto t = UsbTransport::open(std::move(fake), std::nullopt);
        REQUIRE_FALSE(t.ok());
        CHECK(t.error().error == PrintError::Busy);
        CHECK(log.back() == "close");
    }
    SECTION("auto-detach unsupported: the kernel driver is detached by hand") {
        fake->autoDetachCode = UsbCode::NotSupported;
        fake->kernelActive = true;
        auto t = UsbTransport::open(std::move(fake), std::nullopt);
        REQUIRE(t.ok());
        CHECK(std::find(log.begin(), log.end(), "detach 0") != log.end());
    }
}

TEST_CASE("USB: partial and timed-out transfers continue where they stopped", "[usb]") {
    std::vector<std::string> log;
    auto fake = std::make_unique<FakeUsb>(&log);
    fake->devices = {printer(0x04b8, 0x0e15, 5)};
    fake->outTransfers = {
        {UsbCode::Success, 1000}, {UsbCode::Timeout, 500}, {UsbCode::Timeout, 0}, {UsbCode::Success, -1}};
    FakeUsb* raw = fake.get();
    auto t = UsbTransport::open(std::move(fake), std::nullopt);
    REQUIRE(t.ok());
    std::string job(3000, '\0');
    for (std::size_t i = 0; i < job.size(); ++i) job[i] = static_cast<char>(i % 256);
    REQUIRE((*t)->write(job, 1s).ok());
    CHECK(raw->written == job);  // nothing sent twice, nothing skipped
    CHECK(std::count_if(log.begin(), log.end(),
                        [](const std::string& s) { return s.rfind("out", 0) == 0; }) == 4);
}

TEST_CASE("USB: a stall is cleared once and retried, a second stall is an error", "[usb]") {
    std::vector<std::string> log;
    auto fake = std::make_unique<FakeUsb>(&log);
    fake->devices = {printer(0x04b8, 0x0e15, 5)};
    FakeUsb* raw = fake.get();
    auto t = UsbTransport::open(std::move(fake), std::nullopt);
    REQUIRE(t.ok());
    SECTION("once") {
        raw->outTransfers = {{UsbCode::Pipe, 0}};
        REQUIRE((*t)->write("abc", 1s).ok());
        CHECK(raw->written == "abc");
        CHECK(std::find(log.begin(), log.end(), "clear 2") != log.end());
    }
    SECTION("twice") {
        raw->outTransfers = {{UsbCode::Pipe, 0}, {UsbCode::Pipe, 0}};
        auto r = (*t)->write("abc", 1s);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().error == PrintError::IoError);
    }
}

TEST_CASE("USB: a printer taking nothing times out, an unplugged one ends the job", "[usb]") {
    std::vector<std::string> log;
    auto fake = std::make_unique<FakeUsb>(&log);
    fake->devices = {printer(0x04b8, 0x0e15, 5)};
    FakeUsb* raw = fake.get();
    auto t = UsbTransport::open(std::move(fake), std::nullopt);
    REQUIRE(t.ok());
    SECTION("timeout") {
        for (int i = 0; i < 100000; ++i) raw->outTransfers.push_back({UsbCode::Timeout, 0});
        auto r = (*t)->write("abc", 30ms);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().error == PrintError::Timeout);
        CHECK_THAT(r.error().detail, Catch::Contains("0 of 3 bytes"));
    }
    SECTION("unplugged") {
        raw->outTransfers = {{UsbCode::NoDevice, 0}};
        auto r = (*t)->write("abc", 1s);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().error == PrintError::ConnectionClosed);
    }
    SECTION("reads: a timeout is an empty answer") {
        raw->inReplies = {std::string("\x12", 1)};
        auto first = (*t)->read(1, 10ms);
        REQUIRE(first.ok());
        CHECK(*first == "\x12");
        auto second = (*t)->read(1, 10ms);
        REQUIRE(second.ok());
        CHECK(second->empty());
    }
}

TEST_CASE("USB: a real enumeration with no printer attached says no printer found", "[usb][real]") {
    // CI machines have no USB printer (often no USB bus at all): libusb itself is asked.
    auto t = openTransport("usb:");
    REQUIRE_FALSE(t.ok());
    CAPTURE(t.error().describe());
    CHECK(t.error().error == PrintError::NoPrinterFound);
    auto api = makeLibusbApi();
    auto list = listUsbPrinters(*api);
    if (list.ok()) CHECK(list->empty());
}

TEST_CASE("USB through the seam: unplugged mid-job, then plugged in again, the ticket prints whole",
          "[usb][fault]") {
    motcua::testing::FakeUsbPrinter device;
    TransportOptions options;
    options.usbApi = device.factory();
    const std::string ticket = encodeTicket(sampleTicket(), PrinterSettings{});
    device.unplugAfter(2000);
    {
        auto t = openTransport("usb:04b8:0e15", options);
        REQUIRE(t.ok());
        auto printed = printBytes(**t, ticket);
        REQUIRE_FALSE(printed.ok());
        CAPTURE(printed.error().describe());
        CHECK(printed.error().error == PrintError::ConnectionClosed);
        CHECK_THAT(printed.error().detail, Catch::Contains("unplugged"));
    }
    CHECK(device.sessions().at(0).size() == 2000);
    // Unplugged, there is no printer to open.
    auto none = openTransport("usb:", options);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().error == PrintError::NoPrinterFound);

    device.plugIn();
    {
        auto t = openTransport("usb:", options);
        REQUIRE(t.ok());
        auto printed = printBytes(**t, ticket);
        REQUIRE(printed.ok());
        CHECK(*printed == PrinterState::Ready);
    }
    // The questions before and after, and the whole ticket between them.
    const std::string& session = device.sessions().at(1);
    CHECK(session.find(ticket) == 9);
    auto decoded = decodeEscPos(session);
    REQUIRE(decoded.ok());
    CHECK(decoded->picture == decodeEscPos(ticket)->picture);
    CHECK(decoded->cuts == 1);
}

TEST_CASE("USB: a printer that stops taking data mid-job and reports paper end is 'paper out'",
          "[usb][fault][status]") {
    motcua::testing::FakeUsbPrinter device;
    TransportOptions options;
    options.usbApi = device.factory();
    device.stopTakingAfter(5000);
    auto t = openTransport("usb:", options);
    REQUIRE(t.ok());
    PrintOptions print;
    print.writeTimeout = 100ms;
    auto printed = printBytes(**t, encodeTicket(sampleTicket(), PrinterSettings{}), print);
    REQUIRE_FALSE(printed.ok());
    CAPTURE(printed.error().describe());
    CHECK(printed.error().error == PrintError::PaperOut);
    CHECK_THAT(printed.error().detail, Catch::Contains("no progress"));
}

TEST_CASE("USB: how much of a failed job may have reached the printer", "[usb][fault][reached]") {
    motcua::testing::FakeUsbPrinter device;
    TransportOptions options;
    options.usbApi = device.factory();
    const std::string ticket = encodeTicket(sampleTicket(), PrinterSettings{});
    REQUIRE(ticket.size() > 3 * UsbTransport::kChunkBytes);
    const std::size_t questions = 9;  // DLE EOT 1, 2, 4 before the ticket
    auto print = [&] {
        auto t = openTransport("usb:", options);
        REQUIRE(t.ok());
        PrintOptions po;
        po.writeTimeout = 100ms;
        return printBytes(**t, ticket, po);
    };
    SECTION("unplugged in an early transfer: the end (the cut) never went, printing again is safe") {
        device.unplugAfter(questions + 5000);
        auto printed = print();
        REQUIRE_FALSE(printed.ok());
        CHECK(printed.error().error == PrintError::ConnectionClosed);
        CHECK(printed.error().reached == Reached::Part);
    }
    SECTION("unplugged during the last transfer: the whole ticket may have arrived, the outcome is unknown") {
        device.unplugAfter(questions + ticket.size() - 10);
        auto printed = print();
        REQUIRE_FALSE(printed.ok());
        CAPTURE(printed.error().describe());
        CHECK(printed.error().error == PrintError::ConnectionClosed);
        CHECK(printed.error().reached == Reached::All);
        CHECK_THAT(printed.error().detail, Catch::Contains("last transfer"));
    }
    SECTION("stops taking data part way: a timeout with part of it sent") {
        device.stopTakingAfter(questions + 5000);
        auto printed = print();
        REQUIRE_FALSE(printed.ok());
        CHECK(printed.error().reached == Reached::Part);
    }
    SECTION("takes it all, then reports paper end: it may have printed, or print once refilled") {
        device.paperEndsAfter(questions + 5000);
        auto printed = print();
        REQUIRE_FALSE(printed.ok());
        CHECK(printed.error().error == PrintError::PaperOut);
        CHECK(printed.error().reached == Reached::All);
        CHECK(device.sessions().back().find(ticket) == questions);
    }
    SECTION("paper out before the job: nothing of it was sent") {
        device.setReplies(0x1E, 0x32, 0x12, 0x72);
        auto printed = print();
        REQUIRE_FALSE(printed.ok());
        CHECK(printed.error().reached == Reached::Nothing);
        CHECK(device.sessions().back().size() == questions);
    }
    SECTION("no printer at all: nothing was sent") {
        device.unplug();
        auto t = openTransport("usb:", options);
        REQUIRE_FALSE(t.ok());
        CHECK(t.error().error == PrintError::NoPrinterFound);
        CHECK(t.error().reached == Reached::Nothing);
    }
}
