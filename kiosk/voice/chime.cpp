#include "kiosk/voice/chime.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace motcua::voice {

Pcm makeChime(const ChimeSettings& settings) {
    if (settings.sampleRate <= 0) throw std::invalid_argument("chime: sample rate must be positive");
    if (settings.toneLength.count() <= 0) throw std::invalid_argument("chime: tone length must be positive");
    Pcm pcm{settings.sampleRate, {}};
    const auto toneSamples =
        static_cast<std::size_t>(settings.toneLength.count() * settings.sampleRate / 1000);
    const double attack = 0.010 * settings.sampleRate;
    const double decayRate = std::log(100.0) / static_cast<double>(toneSamples);  // -40 dB at the end
    const double volume = std::clamp(settings.volume, 0.0, 1.0);
    const double partial = 0.25;  // octave partial, relative to the fundamental
    for (double frequency : settings.tonesHz) {
        const double w = 2.0 * std::numbers::pi * frequency / settings.sampleRate;
        for (std::size_t i = 0; i < toneSamples; ++i) {
            const double t = static_cast<double>(i);
            double envelope = t < attack ? t / attack : std::exp(-decayRate * (t - attack));
            // The last 5 ms fade linearly to zero.
            const double tail = static_cast<double>(toneSamples - i) / (0.005 * settings.sampleRate);
            envelope *= std::min(1.0, tail);
            const double wave = (std::sin(w * t) + partial * std::sin(2.0 * w * t)) / (1.0 + partial);
            pcm.samples.push_back(static_cast<std::int16_t>(std::lround(32767.0 * volume * envelope * wave)));
        }
    }
    return pcm;
}

}  // namespace motcua::voice
