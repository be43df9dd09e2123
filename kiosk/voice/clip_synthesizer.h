// Announcements assembled from clips an office recorded (assets/voice/README.md says how to record
// and name them). Clips win when every one the sentence needs is there; when any is missing the
// whole sentence comes from the fallback synthesiser (espeak-ng), never half and half.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/voice/speech_synthesizer.h"
#include "kiosk/voice/voice_log.h"

namespace motcua::voice {

// Clips by file stem ("so-1", "chu-a", "kinh_moi_cong_dan_co_so_thu_tu"), converted to mono 16-bit
// and trimmed of the silence around them.
class ClipLibrary {
  public:
    ClipLibrary() = default;

    // Every *.wav in `directory` (not its subfolders); the stem is lower-cased. A file that cannot
    // be read is logged and left out (so its announcement falls back to espeak-ng). A missing
    // directory is an empty library.
    static ClipLibrary load(const std::filesystem::path& directory, const LogSink& log);

    // Adds or replaces a clip, trimmed of the silence around it. False (and nothing added) when the
    // clip is silent throughout.
    bool add(const std::string& stem, const Pcm& clip);
    const Pcm* find(std::string_view stem) const;
    std::size_t size() const noexcept { return m_clips.size(); }
    bool empty() const noexcept { return m_clips.empty(); }
    // The rate announcements are assembled at: the highest rate among the clips.
    int sampleRate() const noexcept { return m_sampleRate; }
    const std::filesystem::path& directory() const noexcept { return m_directory; }

  private:
    std::map<std::string, Pcm, std::less<>> m_clips;
    int m_sampleRate = 22050;
    std::filesystem::path m_directory;
};

struct ClipSettings {
    std::chrono::milliseconds wordGap{40};     // between the words of a number or letters
    std::chrono::milliseconds phraseGap{120};  // before and after a phrase of wording or a name
    std::chrono::milliseconds pauseGap{300};   // for "," "." and the like
};

// What the clips can make of a sentence: the sound, or the stems that are missing.
struct ClipAssembly {
    std::optional<Pcm> pcm;
    std::vector<std::string> missing;  // stems, in sentence order, without duplicates
};

// Which clips a sentence needs and whether the library has them. A Text phrase is found as one clip
// named by its slug, or else as one clip per word of it.
ClipAssembly assembleFromClips(const AnnouncementText& text, const ClipLibrary& clips,
                               const ClipSettings& settings = {});

class ClipSynthesizer final : public SpeechSynthesizer {
  public:
    // `fallback` must outlive this. Logs (once per distinct set) which clips were missing when it
    // falls back.
    ClipSynthesizer(ClipLibrary clips, SpeechSynthesizer& fallback, LogSink log = stderrLog(),
                    ClipSettings settings = {});

    Pcm synthesize(const AnnouncementText& text) override;
    std::string describe() const override;
    const ClipLibrary& clips() const noexcept { return m_clips; }

  private:
    ClipLibrary m_clips;
    SpeechSynthesizer& m_fallback;
    LogSink m_log;
    ClipSettings m_settings;
    std::set<std::vector<std::string>> m_reported;
};

}  // namespace motcua::voice
