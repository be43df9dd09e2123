// WAV files: reading the clips an office records (any common PCM layout, converted to 16-bit mono)
// and writing announcements for `motcua-say --out`.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "kiosk/voice/pcm.h"

namespace motcua::voice {

// A file that is not a WAV this reader understands, or cannot be read or written. The message
// names the file and what is wrong with it.
class WavError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Reads RIFF/WAVE with integer PCM of 8, 16, 24 or 32 bits or IEEE float of 32 bits, any number of
// channels (mixed down to mono), any sample rate (kept).
Pcm readWav(const std::filesystem::path& path);
Pcm decodeWav(std::string_view bytes, const std::string& nameForErrors);

// 16-bit mono PCM WAV. Written to a temporary file and renamed, so a reader never sees half a file.
void writeWav(const Pcm& pcm, const std::filesystem::path& path);
std::string encodeWav(const Pcm& pcm);

}  // namespace motcua::voice
