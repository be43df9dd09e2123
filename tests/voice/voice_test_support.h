// Helpers for the voice tests: tones to build recognisable clips, and checks on PCM.
#pragma once

#include <cmath>
#include <numbers>

#include "kiosk/voice/pcm.h"

namespace motcua::voice::testing {

// A sine of `hz` at half scale, `ms` long.
inline Pcm tone(double hz, int ms, int rate = 22050, double amplitude = 0.5) {
    Pcm pcm{rate, {}};
    const auto n = static_cast<std::size_t>(ms * rate / 1000);
    for (std::size_t i = 0; i < n; ++i) {
        pcm.samples.push_back(static_cast<std::int16_t>(std::lround(
            32767.0 * amplitude * std::sin(2.0 * std::numbers::pi * hz * static_cast<double>(i) / rate))));
    }
    return pcm;
}

// The frequency among `candidates` with the most power in `pcm`.
inline double dominant(std::span<const std::int16_t> samples, int rate,
                       std::initializer_list<double> candidates) {
    double best = 0.0;
    double bestPower = -1.0;
    for (double hz : candidates) {
        const double p = tonePower(samples, rate, hz);
        if (p > bestPower) {
            bestPower = p;
            best = hz;
        }
    }
    return best;
}

inline bool allZero(const Pcm& pcm) {
    for (std::int16_t s : pcm.samples) {
        if (s != 0) return false;
    }
    return true;
}

}  // namespace motcua::voice::testing
