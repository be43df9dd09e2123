// Whether headphones are plugged into the kiosk, as the sound server reports it (issue 20, point 4:
// voice guidance turns itself on when they are). The kiosk asks once a frame; a watch never blocks.
//
// What counts as headphones is decided from the default sink (where sound goes now) by
// headphonesIn(), a pure function: its active port is a headphone or headset port and the server
// says something is plugged into it (a 3.5 mm jack with jack detection), or the sink is itself a
// headset or headphones (a USB or Bluetooth headset, whose sink exists only while it is connected).
// The real watch asks PulseAudio, or PipeWire through pipewire-pulse (pulse_headphone_watch.h).
#pragma once

#include <optional>
#include <string>

namespace motcua::voice {

enum class Headphones {
    Unknown,    // no sound server answers (or it went away): nothing can be said
    Unplugged,  // the server answered: sound goes to something other than headphones
    Plugged,
};

const char* toString(Headphones headphones) noexcept;

// A change the watch saw: the new state and, for the log, what it was decided from ("sink
// alsa_output.pci-0000_00_1f.3.analog-stereo, port analog-output-headphones", or why no server
// answered).
struct HeadphoneReport {
    Headphones state = Headphones::Unknown;
    std::string detail;
};

class HeadphoneWatch {
  public:
    virtual ~HeadphoneWatch() = default;
    // Asked once a frame on the UI thread; never blocks. The state when it differs from the one last
    // returned (the first call returns the first state known), else nullopt.
    virtual std::optional<HeadphoneReport> poll() = 0;
    // For the log: what is watched ("PulseAudio at the default server").
    virtual std::string describe() const = 0;
};

// A sink port's availability, as pa_port_available_t (PA_PORT_AVAILABLE_UNKNOWN, _NO, _YES).
enum class PortAvailable { Unknown = 0, No = 1, Yes = 2 };

// The port types that matter here, from pa_device_port_type_t (libpulse 14 and later; older servers
// and libraries report Unknown for every port).
enum class PortType { Unknown, Headphones, Headset, Other };

struct SinkPort {
    std::string name;  // "analog-output-headphones", "analog-output-speaker", "hdmi-output-0"
    PortAvailable available = PortAvailable::Unknown;
    PortType type = PortType::Unknown;
};

// The default sink as the server describes it.
struct SinkDescription {
    std::string name;                    // "alsa_output.pci-0000_00_1f.3.analog-stereo"
    std::optional<SinkPort> activePort;  // none: the sink has no ports (a null sink, a network sink)
    std::string formFactor;              // the sink's device.form_factor ("internal", "headset", ...)
};

// Headphones are where sound goes now:
// - the active port is a headphone or headset port (its type, or for a type the server does not
//   report, its name holds "headphone" or "headset") and the server says it is plugged
//   (PortAvailable::Yes: a jack's detection; Unknown is not enough, a machine without jack detection
//   reports it for every port);
// - or the sink is a headset or headphones (device.form_factor "headset" or "headphone": USB and
//   Bluetooth headsets, whose sink exists only while they are connected), unless its active port is
//   reported unplugged.
bool headphonesIn(const SinkDescription& sink);

}  // namespace motcua::voice
