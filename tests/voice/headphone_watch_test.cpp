// The headphone watch (issue 20, point 4): the decision from the default sink, with port data as
// PulseAudio 16 and PipeWire report it, and the libpulse watch against a real, private PulseAudio
// server started here (its own socket and runtime folder; null sinks stand for the sound cards).
#include <pulse/pulseaudio.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "kiosk/voice/pulse_headphone_watch.h"
#include "shell/child_process.h"
#include "support/test_support.h"

using namespace motcua::voice;
using motcua::testing::runShell;
using motcua::testing::shellQuote;

namespace {

SinkDescription sink(std::string name, std::optional<SinkPort> port, std::string formFactor = "internal") {
    return SinkDescription{std::move(name), std::move(port), std::move(formFactor)};
}

constexpr const char* kLaptop = "alsa_output.pci-0000_00_1f.3.analog-stereo";
constexpr const char* kUsbHeadset = "alsa_output.usb-Logitech_Logitech_USB_Headset-00.analog-stereo";

}  // namespace

TEST_CASE("Headphones: a built-in card's jack, as PulseAudio and PipeWire report it", "[voice][headphones]") {
    // A laptop or kiosk PC with Intel HDA: the speaker (or line out) until a plug is detected in the
    // headphone jack, then PulseAudio switches to the headphone port, which is then "available".
    CHECK(headphonesIn(
        sink(kLaptop, SinkPort{"analog-output-headphones", PortAvailable::Yes, PortType::Headphones})));
    CHECK_FALSE(headphonesIn(
        sink(kLaptop, SinkPort{"analog-output-speaker", PortAvailable::Unknown, PortType::Other})));
    CHECK_FALSE(
        headphonesIn(sink(kLaptop, SinkPort{"analog-output-lineout", PortAvailable::Yes, PortType::Other})));
    // Chosen by hand while nothing is plugged in: sound goes nowhere, not to headphones.
    CHECK_FALSE(headphonesIn(
        sink(kLaptop, SinkPort{"analog-output-headphones", PortAvailable::No, PortType::Headphones})));
    // A card without jack detection reports every port "availability unknown": nothing says a plug.
    CHECK_FALSE(headphonesIn(
        sink(kLaptop, SinkPort{"analog-output-headphones", PortAvailable::Unknown, PortType::Headphones})));
    // A headset (headphones with a microphone) in a combined jack.
    CHECK(headphonesIn(
        sink(kLaptop, SinkPort{"analog-output-headset", PortAvailable::Yes, PortType::Headset})));
    // PipeWire on a UCM card (newer laptops): the port is named after the UCM device.
    CHECK(headphonesIn(
        sink("alsa_output.pci-0000_00_1f.3-platform-skl_hda_dsp_generic.HiFi__hw_sofhdadsp__sink",
             SinkPort{"[Out] Headphones", PortAvailable::Yes, PortType::Headphones})));
    CHECK_FALSE(headphonesIn(
        sink("alsa_output.pci-0000_00_1f.3-platform-skl_hda_dsp_generic.HiFi__hw_sofhdadsp__sink",
             SinkPort{"[Out] Speaker", PortAvailable::Unknown, PortType::Other})));
}

TEST_CASE("Headphones: a server without port types (libpulse before 14) is read by the port's name",
          "[voice][headphones]") {
    CHECK(headphonesIn(
        sink(kLaptop, SinkPort{"analog-output-headphones", PortAvailable::Yes, PortType::Unknown})));
    CHECK(headphonesIn(sink(kLaptop, SinkPort{"[Out] Headset", PortAvailable::Yes, PortType::Unknown})));
    CHECK_FALSE(headphonesIn(
        sink(kLaptop, SinkPort{"analog-output-speaker", PortAvailable::Yes, PortType::Unknown})));
    CHECK_FALSE(headphonesIn(
        sink(kLaptop, SinkPort{"analog-output-headphones", PortAvailable::No, PortType::Unknown})));
}

TEST_CASE("Headphones: HDMI, USB and Bluetooth sinks, and sinks without ports", "[voice][headphones]") {
    // The screen's speakers over HDMI: plugged, but not headphones.
    CHECK_FALSE(headphonesIn(sink("alsa_output.pci-0000_00_1f.3.hdmi-stereo",
                                  SinkPort{"hdmi-output-0", PortAvailable::Yes, PortType::Other})));
    // A USB headset: one generic port with no jack detection; the sink exists only while it is
    // connected, and udev says it is a headset.
    CHECK(headphonesIn(
        sink(kUsbHeadset, SinkPort{"analog-output", PortAvailable::Unknown, PortType::Other}, "headset")));
    CHECK(headphonesIn(sink(kUsbHeadset, SinkPort{"analog-output", PortAvailable::Unknown, PortType::Unknown},
                            "headphone")));
    CHECK_FALSE(headphonesIn(
        sink(kUsbHeadset, SinkPort{"analog-output", PortAvailable::No, PortType::Other}, "headset")));
    // USB desk speakers: the same port, another form factor.
    CHECK_FALSE(
        headphonesIn(sink("alsa_output.usb-C-Media_Electronics_Inc._USB_Audio_Device-00.analog-stereo",
                          SinkPort{"analog-output", PortAvailable::Unknown, PortType::Other}, "speaker")));
    // Bluetooth headphones (A2DP).
    CHECK(headphonesIn(sink("bluez_sink.9C_19_C2_11_22_33.a2dp_sink",
                            SinkPort{"headphone-output", PortAvailable::Yes, PortType::Headphones},
                            "headphone")));
    // A null sink (no sound card), a network sink: no ports.
    CHECK_FALSE(headphonesIn(sink("auto_null", std::nullopt, "")));
    CHECK_FALSE(headphonesIn(
        sink("tunnel.office-pc.local.alsa_output.pci-0000_00_1b.0.analog-stereo", std::nullopt, "")));
}

TEST_CASE("Headphones: libpulse's sink description is read as the decision takes it", "[voice][headphones]") {
    pa_sink_port_info speaker{};
    speaker.name = "analog-output-speaker";
    speaker.available = PA_PORT_AVAILABLE_UNKNOWN;
    speaker.type = PA_DEVICE_PORT_TYPE_SPEAKER;
    pa_sink_port_info phones{};
    phones.name = "analog-output-headphones";
    phones.available = PA_PORT_AVAILABLE_YES;
    phones.type = PA_DEVICE_PORT_TYPE_HEADPHONES;
    pa_sink_port_info* ports[] = {&speaker, &phones, nullptr};
    pa_proplist* props = pa_proplist_new();
    pa_proplist_sets(props, PA_PROP_DEVICE_FORM_FACTOR, "internal");

    pa_sink_info info{};
    info.name = kLaptop;
    info.proplist = props;
    info.n_ports = 2;
    info.ports = ports;
    info.active_port = &phones;
    auto read = describeSink(info);
    CHECK(read.name == kLaptop);
    REQUIRE(read.activePort);
    CHECK(read.activePort->name == "analog-output-headphones");
    CHECK(read.activePort->available == PortAvailable::Yes);
    CHECK(read.activePort->type == PortType::Headphones);
    CHECK(read.formFactor == "internal");
    CHECK(headphonesIn(read));

    info.active_port = &speaker;
    read = describeSink(info);
    CHECK(read.activePort->type == PortType::Other);
    CHECK(read.activePort->available == PortAvailable::Unknown);
    CHECK_FALSE(headphonesIn(read));

    phones.available = PA_PORT_AVAILABLE_NO;
    info.active_port = &phones;
    CHECK(describeSink(info).activePort->available == PortAvailable::No);

    info.active_port = nullptr;
    info.ports = nullptr;
    info.n_ports = 0;
    info.proplist = nullptr;
    read = describeSink(info);
    CHECK_FALSE(read.activePort);
    CHECK(read.formFactor.empty());
    pa_proplist_free(props);
}

namespace {

using Clock = std::chrono::steady_clock;

// A PulseAudio server of the test's own: its socket in a temporary folder, its runtime and state
// folders there too, no default script (null sinks only), never idle-exiting. As root (CI) it warns
// that it is not meant to run as root and runs; the test's client is the same user.
class PulseServer {
  public:
    PulseServer() {
        motcua::testing::writeFile(
            m_dir / "server.pa",
            "load-module module-native-protocol-unix auth-anonymous=1 socket=" + (m_dir / "native").string() +
                "\nload-module module-null-sink sink_name=motcua_speakers "
                "sink_properties=device.description=Speakers\n");
        start();
    }
    std::string server() const { return "unix:" + (m_dir / "native").string(); }

    void start() {
        m_process.reset();
        std::filesystem::remove(m_dir / "native");
        m_process.emplace(
            std::vector<std::string>{"pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1",
                                     "--use-pid-file=no", "--disable-shm=yes", "--log-target=stderr", "-F",
                                     (m_dir / "server.pa").string()},
            m_dir / "pulseaudio.log",
            motcua::testing::ChildProcess::Environment{{"HOME", m_dir.path().string()},
                                                       {"XDG_RUNTIME_DIR", m_dir.path().string()},
                                                       {"PULSE_RUNTIME_PATH", (m_dir / "runtime").string()},
                                                       {"PULSE_STATE_PATH", (m_dir / "state").string()}});
        // Up when pactl gets an answer (60 s at most: a loaded CI machine).
        const auto deadline = Clock::now() + std::chrono::seconds(60);
        for (;;) {
            if (runShell(pactl("info")).status == 0) return;
            INFO(m_process->output());
            REQUIRE(m_process->running());
            REQUIRE(Clock::now() < deadline);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    void kill() { m_process.reset(); }

    // pactl against this server.
    std::string pactl(const std::string& args) const {
        return "PULSE_SERVER=" + shellQuote(server()) + " pactl " + args + " 2>&1";
    }
    // Its output (a loaded module's index).
    std::string run(const std::string& args) const {
        const auto r = runShell(pactl(args));
        INFO(args << ": " << r.out);
        REQUIRE(r.status == 0);
        return r.out.substr(0, r.out.find('\n'));
    }

  private:
    motcua::testing::TempDir m_dir;
    std::optional<motcua::testing::ChildProcess> m_process;
};

// The next report of the watch (polled as the kiosk does, once a "frame"); fails after 60 s.
HeadphoneReport nextReport(HeadphoneWatch& watch) {
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    for (;;) {
        if (auto report = watch.poll()) return *report;
        REQUIRE(Clock::now() < deadline);
        std::this_thread::sleep_for(std::chrono::milliseconds(16));
    }
}

}  // namespace

TEST_CASE("The libpulse watch follows a real PulseAudio server's default sink",
          "[voice][headphones][pulse]") {
    PulseServer server;
    PulseWatchOptions options;
    options.server = server.server();
    options.retry = std::chrono::milliseconds(100);
    auto watch = makePulseHeadphoneWatch(options);
    CHECK(watch->describe() == "PulseAudio or PipeWire at " + server.server());

    // A null sink has no ports and is no headset.
    auto report = nextReport(*watch);
    CHECK(report.state == Headphones::Unplugged);
    CHECK(report.detail == "sink motcua_speakers");
    CHECK_FALSE(watch->poll());  // said once

    // A USB headset is connected: its sink appears (a null sink that says it is a headset); sound
    // goes there once it is the default sink.
    const auto headset = server.run(
        "load-module module-null-sink sink_name=motcua_headset sink_properties=device.form_factor=headset");
    server.run("set-default-sink motcua_headset");
    report = nextReport(*watch);
    CHECK(report.state == Headphones::Plugged);
    CHECK(report.detail == "sink motcua_headset, form factor headset");
    // Back to the speakers by hand, then to the headset again.
    server.run("set-default-sink motcua_speakers");
    CHECK(nextReport(*watch).state == Headphones::Unplugged);
    server.run("set-default-sink motcua_headset");
    CHECK(nextReport(*watch).state == Headphones::Plugged);
    // The headset is pulled out: its sink goes, the server falls back to the speakers.
    server.run("unload-module " + headset);
    report = nextReport(*watch);
    CHECK(report.state == Headphones::Unplugged);
    CHECK(report.detail == "sink motcua_speakers");

    // The server dies: unknown, once.
    server.kill();
    report = nextReport(*watch);
    CHECK(report.state == Headphones::Unknown);
    CHECK_THAT(report.detail, Catch::StartsWith("no sound server answers"));
    // It comes back (the watch tries every 100 ms here): found again.
    server.start();
    report = nextReport(*watch);
    CHECK(report.state == Headphones::Unplugged);
    CHECK(report.detail == "sink motcua_speakers");
}

TEST_CASE("Without a sound server the watch says unknown once and stays quiet",
          "[voice][headphones][pulse]") {
    motcua::testing::TempDir dir;
    PulseWatchOptions options;
    options.server = "unix:" + (dir / "no-server").string();
    options.retry = std::chrono::milliseconds(20);
    auto watch = makePulseHeadphoneWatch(options);
    const auto report = nextReport(*watch);
    CHECK(report.state == Headphones::Unknown);
    CHECK_THAT(report.detail, Catch::StartsWith("no sound server answers: "));
    // Tries again meanwhile (every 20 ms here), and says nothing more.
    for (int frame = 0; frame < 20; ++frame) {
        CHECK_FALSE(watch->poll());
        std::this_thread::sleep_for(std::chrono::milliseconds(16));
    }
}
