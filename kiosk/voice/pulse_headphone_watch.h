// The headphone watch on the sound server: PulseAudio, or PipeWire through pipewire-pulse (both
// speak the libpulse protocol). A thread of libpulse's own (pa_threaded_mainloop) keeps a connection,
// subscribes to sink and server events (a port's availability changes with a jack's plug, a USB
// headset's sink comes and goes, the default sink changes) and after each asks for the default sink
// (@DEFAULT_SINK@); the decision is headphonesIn(). Nothing is asked in between: the thread sleeps
// until the server says something changed.
//
// Without a server (none running, or the kiosk's user cannot reach it) the watch reports Unknown
// once and tries again every `retry`, quietly; a server that goes away is reported Unknown the same
// way and found again when it comes back. The server is never started for the kiosk (no autospawn).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "kiosk/voice/headphone_watch.h"

struct pa_sink_info;

namespace motcua::voice {

struct PulseWatchOptions {
    // The server to ask ("unix:/run/user/1000/pulse/native"); empty: libpulse's default (PULSE_SERVER,
    // the user's runtime directory, client.conf).
    std::string server;
    // How long after a failed or lost connection the next attempt is made.
    std::chrono::milliseconds retry{10'000};
};

std::unique_ptr<HeadphoneWatch> makePulseHeadphoneWatch(PulseWatchOptions options = {});

// What libpulse reports of a sink, as headphonesIn() takes it (the port type from libpulse 14 on).
SinkDescription describeSink(const pa_sink_info& info);

}  // namespace motcua::voice
