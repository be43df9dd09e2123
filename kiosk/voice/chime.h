// The chime before each call: a synthesised two-tone "ding-dong", so no sound file is needed.
#pragma once

#include <chrono>
#include <vector>

#include "kiosk/voice/pcm.h"

namespace motcua::voice {

struct ChimeSettings {
    std::vector<double> tonesHz{880.0, 660.0};  // played one after the other
    std::chrono::milliseconds toneLength{600};  // each tone, attack to end of its decay
    double volume = 0.5;                        // peak, 0..1 of full scale
    int sampleRate = 22050;
};

// Each tone: a sine with a quieter octave partial for a bell-like colour, a 10 ms attack and an
// exponential decay to about -40 dB, ending at zero so tones and what follows join without a click.
// Length: tonesHz.size() * toneLength exactly.
Pcm makeChime(const ChimeSettings& settings = {});

}  // namespace motcua::voice
