// Sound as the voice library passes it around: 16-bit signed mono samples at a given rate.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <vector>

namespace motcua::voice {

struct Pcm {
    int sampleRate = 22050;
    std::vector<std::int16_t> samples;

    bool empty() const noexcept { return samples.empty(); }
    std::chrono::milliseconds duration() const noexcept;  // rounded down
    double seconds() const noexcept;
    bool operator==(const Pcm&) const = default;
};

// `length` of digital silence.
Pcm silence(int sampleRate, std::chrono::milliseconds length);

// Root mean square of the samples, 0.0 (silence) .. 1.0 (full-scale square wave).
double rms(std::span<const std::int16_t> samples) noexcept;
double rms(const Pcm& pcm) noexcept;
// Largest absolute sample, 0 .. 32768.
int peak(std::span<const std::int16_t> samples) noexcept;

// Linear-interpolation resampling; good enough for speech and chimes, which have little energy
// near the Nyquist frequency. Returns the input unchanged when the rate already matches.
Pcm resample(const Pcm& pcm, int sampleRate);

// Appends `tail`, resampled to `to`'s rate if needed.
void append(Pcm& to, const Pcm& tail);

// Removes leading and trailing samples quieter than `threshold` (absolute), keeping `margin` of
// them on each side so a word's soft start and end are not clipped.
Pcm trimSilence(const Pcm& pcm, int threshold, std::chrono::milliseconds margin);

// The relative power of `frequency` in `samples` (Goertzel), normalised so a full-scale sine at
// that frequency gives about 0.5 and silence 0. Used to check chimes and clips.
double tonePower(std::span<const std::int16_t> samples, int sampleRate, double frequency) noexcept;

}  // namespace motcua::voice
