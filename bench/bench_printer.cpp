// Ticket printing figures: render + encode time, bytes per ticket against the raw bitmap, and how
// long a USB 1.1 full-speed link takes to carry them compared with the time the paper takes.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "bench/bench_results.h"
#include "bench/bench_stats.h"
#include "printer/escpos_encoder.h"
#include "printer/sample_ticket.h"
#include "printer/ticket_renderer.h"

namespace pr = motcua::printer;

using motcua::bench::percentile;

namespace {

constexpr int kRuns = 200;
constexpr double kUsbBytesPerSecond = 1.0e6;  // full speed 12 Mbit/s nominal, ~1 MB/s for bulk
constexpr double kPrintMmPerSecond = 200.0;   // a typical thermal printer

struct Row {
    std::string name;
    double p50, p99;
    std::size_t bytes, raw;
    int heightDots;
    int widthDots;
};

Row measure(const std::string& name, const pr::TicketContent& ticket, pr::PrinterSettings settings) {
    pr::TicketRenderer renderer(settings);
    std::vector<double> ms;
    std::string bytes;
    pr::Bitmap picture;
    for (int i = 0; i < kRuns; ++i) {
        const auto start = std::chrono::steady_clock::now();
        picture = renderer.render(ticket);
        bytes = pr::encodeRasterTicket(picture, settings.qrMode == pr::QrMode::Native ? ticket.qrPayload : "",
                                       settings);
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    return {name,
            percentile(ms, 0.5),
            percentile(ms, 0.99),
            bytes.size(),
            static_cast<std::size_t>(picture.stride()) * static_cast<std::size_t>(picture.height()),
            picture.height(),
            settings.widthDots};
}

}  // namespace

int main() {
    const pr::TicketContent full = pr::sampleTicket();
    pr::TicketContent typical = full;  // no priority, a short service name, no note
    typical.priority.clear();
    typical.service = "Đăng ký khai sinh";
    typical.note.clear();

    std::vector<Row> rows;
    for (int width : {576, 384}) {
        pr::PrinterSettings s;
        s.widthDots = width;
        rows.push_back(measure(fmt::format("full sample, {} dots, raster QR", width), full, s));
        rows.push_back(measure(fmt::format("typical, {} dots, raster QR", width), typical, s));
        pr::PrinterSettings unscaled = s;
        unscaled.scaledRaster = false;
        rows.push_back(measure(fmt::format("full sample, {} dots, no 2x2 scaling", width), full, unscaled));
        pr::PrinterSettings native = s;
        native.qrMode = pr::QrMode::Native;
        rows.push_back(measure(fmt::format("full sample, {} dots, native QR", width), full, native));
    }

    // Opening the fonts once per ticket (what renderTicket() does) instead of keeping a renderer.
    std::vector<double> cold;
    for (int i = 0; i < 20; ++i) {
        const auto start = std::chrono::steady_clock::now();
        (void)pr::encodeTicket(full, pr::PrinterSettings{});
        cold.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }

    fmt::print("Ticket render + encode, {} runs each (target p50 <= 10 ms; <= 24 KB at 80 mm with QR)\n\n",
               kRuns);
    fmt::print("{:<40} {:>8} {:>8} {:>9} {:>9} {:>6} {:>8} {:>9} {:>9}\n", "case", "p50 ms", "p99 ms",
               "bytes", "raw bmp", "ratio", "paper mm", "USB ms", "print ms");
    for (const auto& r : rows) {
        const double paperMm = r.heightDots / 8.0;  // 203 dpi: 8 dots per mm
        const double usbMs = static_cast<double>(r.bytes) / kUsbBytesPerSecond * 1000.0;
        const double printMs = paperMm / kPrintMmPerSecond * 1000.0;
        fmt::print("{:<40} {:>8.2f} {:>8.2f} {:>9} {:>9} {:>6.2f} {:>8.1f} {:>9.1f} {:>9.0f}\n", r.name,
                   r.p50, r.p99, r.bytes, r.raw, static_cast<double>(r.bytes) / static_cast<double>(r.raw),
                   paperMm, usbMs, printMs);
    }
    fmt::print("\nencodeTicket() opening the fonts each time (20 runs): p50 {:.2f} ms, p99 {:.2f} ms\n",
               percentile(cold, 0.5), percentile(cold, 0.99));
    fmt::print(
        "USB at {:.0f} MB/s practical full-speed bulk; print time at {:.0f} mm/s; 1 KB = 1024 bytes: 24 KB = "
        "24576 bytes\n",
        kUsbBytesPerSecond / 1e6, kPrintMmPerSecond);

    // For the summary: the default ticket's time, the slowest case against the time target, and the
    // bytes of every case (the 80 mm ones against 24 KB) against the raw bitmap.
    using motcua::bench::Baseline;
    using motcua::bench::Target;
    const motcua::bench::BenchResults results("bench_printer");
    results.add(rows.front().name + ": render+encode p50", rows.front().p50, "ms", Target::atMost(10));
    const auto slowest =
        std::max_element(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.p50 < b.p50; });
    results.add("slowest case (" + slowest->name + "): p50", slowest->p50, "ms", Target::atMost(10));
    for (const auto& r : rows) {
        results.add(r.name + ": bytes", static_cast<double>(r.bytes), "bytes",
                    r.widthDots == 576 ? Target::atMost(24576) : Target{},
                    Baseline{"raw bitmap", static_cast<double>(r.raw)});
    }
    return 0;
}
