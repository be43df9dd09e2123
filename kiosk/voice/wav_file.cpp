#include "kiosk/voice/wav_file.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

namespace motcua::voice {
namespace {

constexpr std::uint16_t kFormatPcm = 1;
constexpr std::uint16_t kFormatFloat = 3;
constexpr std::uint16_t kFormatExtensible = 0xFFFE;

std::uint32_t le32(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}

std::uint16_t le16(std::string_view b, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                      static_cast<unsigned char>(b[at + 1]) << 8);
}

void put32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>(v >> (8 * i) & 0xFF);
}

void put16(std::string& out, std::uint16_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>(v >> 8 & 0xFF);
}

// One sample of a frame as a value in -1 .. 1.
double sampleAt(std::string_view data, std::size_t at, std::uint16_t format, std::uint16_t bits) {
    if (format == kFormatFloat) {
        const std::uint32_t raw = le32(data, at);
        float f;
        std::memcpy(&f, &raw, sizeof f);
        return std::isfinite(f) ? static_cast<double>(f) : 0.0;
    }
    switch (bits) {
        case 8:
            return (static_cast<unsigned char>(data[at]) - 128) / 128.0;
        case 16:
            return static_cast<std::int16_t>(le16(data, at)) / 32768.0;
        case 24: {
            const std::uint32_t raw = static_cast<std::uint32_t>(le16(data, at)) |
                                      static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + 2]))
                                          << 16;
            const auto v = static_cast<std::int32_t>(raw << 8) >> 8;  // sign-extend 24 bits
            return v / 8388608.0;
        }
        default:
            return static_cast<std::int32_t>(le32(data, at)) / 2147483648.0;
    }
}

}  // namespace

Pcm decodeWav(std::string_view bytes, const std::string& name) {
    auto fail = [&](const std::string& what) { return WavError(name + ": " + what); };
    if (bytes.size() < 12 || bytes.substr(0, 4) != "RIFF" || bytes.substr(8, 4) != "WAVE") {
        throw fail("not a WAV file (no RIFF/WAVE header)");
    }
    std::uint16_t format = 0, channels = 0, bits = 0, blockAlign = 0;
    std::uint32_t rate = 0;
    bool haveFormat = false;
    std::string_view data;
    bool haveData = false;
    for (std::size_t at = 12; at + 8 <= bytes.size();) {
        const std::string_view id = bytes.substr(at, 4);
        const std::uint32_t size = le32(bytes, at + 4);
        const std::size_t body = at + 8;
        // A truncated last chunk (a recorder that stopped early) keeps what is there.
        const std::size_t available = std::min<std::size_t>(size, bytes.size() - body);
        if (id == "fmt ") {
            if (available < 16) throw fail("fmt chunk too short");
            format = le16(bytes, body);
            channels = le16(bytes, body + 2);
            rate = le32(bytes, body + 4);
            blockAlign = le16(bytes, body + 12);
            bits = le16(bytes, body + 14);
            if (format == kFormatExtensible) {
                if (available < 26) throw fail("extensible fmt chunk too short");
                format = le16(bytes, body + 24);  // first two bytes of the sub-format GUID
            }
            haveFormat = true;
        } else if (id == "data") {
            data = bytes.substr(body, available);
            haveData = true;
        }
        at = body + size + (size & 1);  // chunks are padded to even sizes
    }
    if (!haveFormat) throw fail("no fmt chunk");
    if (!haveData) throw fail("no data chunk");
    if (format != kFormatPcm && format != kFormatFloat) {
        throw fail("compressed WAV (format " + std::to_string(format) + "); save it as PCM");
    }
    const bool supportedBits =
        format == kFormatFloat ? bits == 32 : (bits == 8 || bits == 16 || bits == 24 || bits == 32);
    if (!supportedBits) throw fail(std::to_string(bits) + "-bit samples are not supported");
    if (channels == 0 || rate == 0 || rate > 384000) throw fail("bad channel count or sample rate");
    const std::size_t bytesPerSample = bits / 8u;
    if (blockAlign != channels * bytesPerSample) throw fail("block size does not match the format");
    Pcm pcm{static_cast<int>(rate), {}};
    const std::size_t frames = data.size() / blockAlign;
    pcm.samples.reserve(frames);
    for (std::size_t f = 0; f < frames; ++f) {
        double sum = 0.0;
        for (std::size_t c = 0; c < channels; ++c)
            sum += sampleAt(data, f * blockAlign + c * bytesPerSample, format, bits);
        const double mono = std::clamp(sum / channels, -1.0, 1.0);
        pcm.samples.push_back(
            static_cast<std::int16_t>(std::lround(std::clamp(mono * 32768.0, -32768.0, 32767.0))));
    }
    return pcm;
}

Pcm readWav(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw WavError(path.string() + ": cannot open: " + std::strerror(errno));
    // Read through the stream buffer (GCC 12 at -O3 warns of a null dereference inside
    // istreambuf_iterator, a false positive that -Werror would turn into a broken build).
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return decodeWav(bytes.str(), path.string());
}

std::string encodeWav(const Pcm& pcm) {
    const auto dataBytes = static_cast<std::uint32_t>(pcm.samples.size() * 2);
    std::string out;
    out.reserve(44 + dataBytes);
    out += "RIFF";
    put32(out, 36 + dataBytes);
    out += "WAVEfmt ";
    put32(out, 16);
    put16(out, kFormatPcm);
    put16(out, 1);  // mono
    put32(out, static_cast<std::uint32_t>(pcm.sampleRate));
    put32(out, static_cast<std::uint32_t>(pcm.sampleRate) * 2);
    put16(out, 2);
    put16(out, 16);
    out += "data";
    put32(out, dataBytes);
    for (std::int16_t s : pcm.samples) put16(out, static_cast<std::uint16_t>(s));
    return out;
}

void writeWav(const Pcm& pcm, const std::filesystem::path& path) {
    std::filesystem::path tmp = path;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        const std::string bytes = encodeWav(pcm);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) throw WavError(tmp.string() + ": cannot write: " + std::strerror(errno));
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw WavError(path.string() + ": cannot rename the written file: " + ec.message());
    }
}

}  // namespace motcua::voice
