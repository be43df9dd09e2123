// A USB receipt printer behind the UsbApi seam, for tests that print through "usb:" without a USB
// bus: one device (04b8:0e15, printer class, OUT 0x01, IN 0x82) that keeps what each session
// (open .. close) wrote, answers DLE EOT from statusReplies, and can be unplugged part way through
// a job, stop taking data, and be plugged back in. Every UsbApi made by api() talks to the same
// printer (the kiosk opens one transport per ticket). Used from one thread at a time, like the
// transports: the kiosk's printer thread, and the test while the kiosk's printer is idle.
// Header-only.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "printer/usb_api.h"

namespace motcua::testing {

class FakeUsbPrinter {
  public:
    static constexpr std::uint8_t kOut = 0x01;
    static constexpr std::uint8_t kIn = 0x82;

    // A UsbApi for one transport. The printer must outlive it.
    std::unique_ptr<printer::UsbApi> api() { return std::make_unique<Api>(*this); }
    // For printer::TransportOptions::usbApi and the kiosk's options.
    std::function<std::unique_ptr<printer::UsbApi>()> factory() {
        return [this] { return api(); };
    }

    // The cable comes out after this many more bytes have been taken (status questions count).
    void unplugAfter(std::size_t bytes) { m_unplugAfter = bytes; }
    // The printer stops taking data after this many more bytes (paper end, offline) and reports
    // paper end; DLE EOT questions are still answered, as real-time commands are.
    void stopTakingAfter(std::size_t bytes) { m_stopAfter = bytes; }
    // The paper ends once this many more bytes have been taken, but the printer goes on taking data
    // into its buffer (as a printer with a large buffer does): a DLE EOT asked after that reports
    // paper end. The ticket may or may not have come out.
    void paperEndsAfter(std::size_t bytes) { m_paperEndAfter = bytes; }
    void plugIn() {
        m_pluggedIn = true;
        m_unplugAfter.reset();
    }
    void unplug() { m_pluggedIn = false; }
    bool pluggedIn() const { return m_pluggedIn; }
    // Takes data again and reports ready.
    void clearFault() {
        m_stopAfter.reset();
        m_paperEndAfter.reset();
        m_stopped = false;
        setReplies(0x16, 0x12, 0x12, 0x12);
    }
    void setReplies(unsigned char n1, unsigned char n2, unsigned char n3, unsigned char n4) {
        statusReplies[1] = n1;
        statusReplies[2] = n2;
        statusReplies[3] = n3;
        statusReplies[4] = n4;
    }

    // What each session wrote, in order (status questions included).
    const std::vector<std::string>& sessions() const { return m_sessions; }
    int opens() const { return m_opens; }

    unsigned char statusReplies[5] = {0, 0x16, 0x12, 0x12, 0x12};

  private:
    using Code = printer::UsbCode;

    class Api : public printer::UsbApi {
      public:
        explicit Api(FakeUsbPrinter& p) : m_p(p) {}
        Code listDevices(std::vector<printer::UsbDeviceInfo>& out) override {
            out.clear();
            if (m_p.m_pluggedIn) out.push_back(device());
            return Code::Success;
        }
        Code open(const printer::UsbDeviceInfo&) override {
            if (!m_p.m_pluggedIn) return Code::NoDevice;
            ++m_p.m_opens;
            m_p.m_sessions.emplace_back();
            m_p.m_replies.clear();
            m_open = true;
            return Code::Success;
        }
        Code setAutoDetachKernelDriver(bool) override { return Code::Success; }
        Code kernelDriverActive(int, bool& active) override {
            active = false;
            return Code::Success;
        }
        Code detachKernelDriver(int) override { return Code::Success; }
        Code claimInterface(int) override { return m_p.m_pluggedIn ? Code::Success : Code::NoDevice; }
        Code setAltSetting(int, int) override { return Code::Success; }
        Code bulkTransfer(std::uint8_t endpoint, std::uint8_t* data, int length, int& transferred,
                          unsigned timeoutMs) override {
            transferred = 0;
            if (!m_p.m_pluggedIn || !m_open) return Code::NoDevice;
            if (endpoint == kIn) {
                if (m_p.m_replies.empty()) return Code::Timeout;
                data[0] = m_p.m_replies.front();
                m_p.m_replies.pop_front();
                transferred = 1;
                return Code::Success;
            }
            const bool question =
                length == 3 && data[0] == 0x10 && data[1] == 0x04 && data[2] >= 1 && data[2] <= 4;
            if (m_p.m_stopped && !question) {
                // Nothing is taken; a real transfer would wait its whole timeout.
                std::this_thread::sleep_for(std::chrono::milliseconds(std::min(timeoutMs, 20u)));
                return Code::Timeout;
            }
            std::size_t take = static_cast<std::size_t>(length);
            if (m_p.m_unplugAfter) take = std::min(take, *m_p.m_unplugAfter);
            if (m_p.m_stopAfter && !question) take = std::min(take, *m_p.m_stopAfter);
            m_p.m_sessions.back().append(reinterpret_cast<const char*>(data), take);
            transferred = static_cast<int>(take);
            if (m_p.m_unplugAfter) {
                *m_p.m_unplugAfter -= take;
                if (*m_p.m_unplugAfter == 0 && take < static_cast<std::size_t>(length)) {
                    m_p.m_pluggedIn = false;
                    return Code::NoDevice;
                }
            }
            if (m_p.m_stopAfter && !question) {
                *m_p.m_stopAfter -= take;
                if (*m_p.m_stopAfter == 0 && take < static_cast<std::size_t>(length)) {
                    m_p.m_stopped = true;
                    m_p.setReplies(0x1E, 0x32, 0x12, 0x72);
                    return Code::Timeout;
                }
            }
            if (m_p.m_paperEndAfter) {
                *m_p.m_paperEndAfter -= std::min(*m_p.m_paperEndAfter, take);
                if (*m_p.m_paperEndAfter == 0) {
                    m_p.m_paperEndAfter.reset();
                    m_p.setReplies(0x1E, 0x32, 0x12, 0x72);
                }
            }
            if (question) m_p.m_replies.push_back(m_p.statusReplies[data[2]]);
            return Code::Success;
        }
        Code clearHalt(std::uint8_t) override { return Code::Success; }
        void releaseInterface(int) override {}
        void close() override { m_open = false; }

      private:
        static printer::UsbDeviceInfo device() {
            printer::UsbDeviceInfo d;
            d.vendorId = 0x04b8;
            d.productId = 0x0e15;
            d.bus = 1;
            d.address = 4;
            printer::UsbPrinterInterface i;
            i.outEndpoint = kOut;
            i.inEndpoint = kIn;
            d.interfaces.push_back(i);
            return d;
        }
        FakeUsbPrinter& m_p;
        bool m_open = false;
    };

    bool m_pluggedIn = true;
    bool m_stopped = false;
    std::optional<std::size_t> m_unplugAfter;
    std::optional<std::size_t> m_stopAfter;
    std::optional<std::size_t> m_paperEndAfter;
    std::vector<std::string> m_sessions;
    std::deque<unsigned char> m_replies;
    int m_opens = 0;
};

}  // namespace motcua::testing
