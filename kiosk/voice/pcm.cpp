#include "kiosk/voice/pcm.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <stdexcept>

namespace motcua::voice {

std::chrono::milliseconds Pcm::duration() const noexcept {
    if (sampleRate <= 0) return std::chrono::milliseconds(0);
    return std::chrono::milliseconds(static_cast<std::int64_t>(samples.size()) * 1000 / sampleRate);
}

double Pcm::seconds() const noexcept {
    return sampleRate > 0 ? static_cast<double>(samples.size()) / sampleRate : 0.0;
}

Pcm silence(int sampleRate, std::chrono::milliseconds length) {
    if (sampleRate <= 0) throw std::invalid_argument("silence: sample rate must be positive");
    const auto count = std::max<std::int64_t>(0, length.count() * sampleRate / 1000);
    return Pcm{sampleRate, std::vector<std::int16_t>(static_cast<std::size_t>(count), 0)};
}

double rms(std::span<const std::int16_t> samples) noexcept {
    if (samples.empty()) return 0.0;
    double sum = 0.0;
    for (std::int16_t s : samples) {
        const double x = s / 32768.0;
        sum += x * x;
    }
    return std::sqrt(sum / static_cast<double>(samples.size()));
}

double rms(const Pcm& pcm) noexcept {
    return rms(pcm.samples);
}

int peak(std::span<const std::int16_t> samples) noexcept {
    int best = 0;
    for (std::int16_t s : samples) best = std::max(best, std::abs(static_cast<int>(s)));
    return best;
}

Pcm resample(const Pcm& pcm, int sampleRate) {
    if (sampleRate <= 0 || pcm.sampleRate <= 0)
        throw std::invalid_argument("resample: sample rate must be positive");
    if (pcm.sampleRate == sampleRate || pcm.samples.empty()) return Pcm{sampleRate, pcm.samples};
    const double step = static_cast<double>(pcm.sampleRate) / sampleRate;
    const auto count = static_cast<std::size_t>(static_cast<double>(pcm.samples.size()) / step);
    Pcm out{sampleRate, {}};
    out.samples.reserve(count);
    const std::size_t last = pcm.samples.size() - 1;
    for (std::size_t i = 0; i < count; ++i) {
        const double position = static_cast<double>(i) * step;
        const auto index = std::min(static_cast<std::size_t>(position), last);
        const double fraction = position - static_cast<double>(index);
        const double a = pcm.samples[index];
        const double b = pcm.samples[std::min(index + 1, last)];
        out.samples.push_back(static_cast<std::int16_t>(std::lround(a + (b - a) * fraction)));
    }
    return out;
}

void append(Pcm& to, const Pcm& tail) {
    if (tail.sampleRate == to.sampleRate) {
        to.samples.insert(to.samples.end(), tail.samples.begin(), tail.samples.end());
        return;
    }
    const Pcm converted = resample(tail, to.sampleRate);
    to.samples.insert(to.samples.end(), converted.samples.begin(), converted.samples.end());
}

Pcm trimSilence(const Pcm& pcm, int threshold, std::chrono::milliseconds margin) {
    const auto loud = [threshold](std::int16_t s) { return std::abs(static_cast<int>(s)) >= threshold; };
    const auto first = std::find_if(pcm.samples.begin(), pcm.samples.end(), loud);
    if (first == pcm.samples.end()) return Pcm{pcm.sampleRate, {}};
    const auto last = std::find_if(pcm.samples.rbegin(), pcm.samples.rend(), loud).base();
    const auto keep = static_cast<std::ptrdiff_t>(margin.count() * pcm.sampleRate / 1000);
    const auto begin = first - std::min(keep, first - pcm.samples.begin());
    const auto end = last + std::min(keep, pcm.samples.end() - last);
    return Pcm{pcm.sampleRate, std::vector<std::int16_t>(begin, end)};
}

double tonePower(std::span<const std::int16_t> samples, int sampleRate, double frequency) noexcept {
    if (samples.empty() || sampleRate <= 0) return 0.0;
    const double coefficient = 2.0 * std::cos(2.0 * std::numbers::pi * frequency / sampleRate);
    double s1 = 0.0;
    double s2 = 0.0;
    for (std::int16_t sample : samples) {
        const double s0 = sample / 32768.0 + coefficient * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    const double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    const double n = static_cast<double>(samples.size());
    return 2.0 * power / (n * n);
}

}  // namespace motcua::voice
