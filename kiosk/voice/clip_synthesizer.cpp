#include "kiosk/voice/clip_synthesizer.h"

#include <algorithm>
#include <system_error>

#include "kiosk/voice/wav_file.h"

namespace motcua::voice {
namespace {

// Anything quieter than about -40 dBFS around a clip is room noise, not the word.
constexpr int kTrimThreshold = 330;
constexpr std::chrono::milliseconds kTrimMargin{15};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::vector<std::string> splitWords(std::string_view text) {
    std::vector<std::string> words;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = std::min(text.find(' ', at), text.size());
        if (end > at) {
            if (std::string slug = clipSlug(text.substr(at, end - at)); !slug.empty())
                words.push_back(std::move(slug));
        }
        at = end + 1;
    }
    return words;
}

}  // namespace

ClipLibrary ClipLibrary::load(const std::filesystem::path& directory, const LogSink& log) {
    ClipLibrary library;
    library.m_directory = directory;
    std::error_code ec;
    if (!std::filesystem::is_directory(directory, ec)) return library;
    for (std::filesystem::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
        const std::filesystem::path& path = it->path();
        if (!it->is_regular_file(ec) || lower(path.extension().string()) != ".wav") continue;
        try {
            if (!library.add(path.stem().string(), readWav(path)) && log) {
                log("voice clip left out: " + path.string() + " is silent");
            }
        } catch (const WavError& e) {
            if (log) log(std::string("voice clip left out: ") + e.what());
        }
    }
    if (ec && log) log("cannot list voice clips in " + directory.string() + ": " + ec.message());
    return library;
}

bool ClipLibrary::add(const std::string& stem, const Pcm& clip) {
    Pcm trimmed = trimSilence(clip, kTrimThreshold, kTrimMargin);
    if (trimmed.empty()) return false;
    if (m_clips.empty() || trimmed.sampleRate > m_sampleRate) m_sampleRate = trimmed.sampleRate;
    m_clips.insert_or_assign(lower(stem), std::move(trimmed));
    return true;
}

const Pcm* ClipLibrary::find(std::string_view stem) const {
    const auto it = m_clips.find(stem);
    return it == m_clips.end() ? nullptr : &it->second;
}

ClipAssembly assembleFromClips(const AnnouncementText& text, const ClipLibrary& clips,
                               const ClipSettings& settings) {
    // First the list of clips with the gap before each, then the sound, so a missing clip costs no
    // audio work.
    struct Step {
        const Pcm* clip;
        std::chrono::milliseconds gapBefore;
    };
    std::vector<Step> steps;
    ClipAssembly result;
    auto missing = [&](const std::string& stem) {
        if (std::find(result.missing.begin(), result.missing.end(), stem) == result.missing.end())
            result.missing.push_back(stem);
    };
    std::chrono::milliseconds gap{0};
    Phrase::Kind previous = Phrase::Kind::Pause;
    for (const Phrase& phrase : text.phrases) {
        switch (phrase.kind) {
            case Phrase::Kind::Pause:
                gap = std::max(gap, settings.pauseGap);
                break;
            case Phrase::Kind::Word:
                gap = std::max(gap, previous == Phrase::Kind::Word ? settings.wordGap : settings.phraseGap);
                if (const Pcm* clip = clips.find(phrase.clip))
                    steps.push_back({clip, gap});
                else
                    missing(phrase.clip);
                gap = std::chrono::milliseconds(0);
                break;
            case Phrase::Kind::Text: {
                gap = std::max(gap, settings.phraseGap);
                if (const Pcm* whole = clips.find(phrase.clip)) {
                    steps.push_back({whole, gap});
                } else {
                    std::vector<Step> words;
                    for (const std::string& word : splitWords(phrase.text)) {
                        const Pcm* clip = clips.find(word);
                        if (!clip) {
                            words.clear();
                            break;
                        }
                        words.push_back({clip, words.empty() ? gap : settings.wordGap});
                    }
                    if (words.empty()) missing(phrase.clip);
                    steps.insert(steps.end(), words.begin(), words.end());
                }
                gap = settings.phraseGap;
                break;
            }
        }
        previous = phrase.kind;
    }
    if (!result.missing.empty()) return result;
    Pcm pcm{clips.sampleRate(), {}};
    for (const Step& step : steps) {
        if (!pcm.empty()) append(pcm, silence(pcm.sampleRate, step.gapBefore));
        append(pcm, *step.clip);
    }
    result.pcm = std::move(pcm);
    return result;
}

ClipSynthesizer::ClipSynthesizer(ClipLibrary clips, SpeechSynthesizer& fallback, LogSink log,
                                 ClipSettings settings)
    : m_clips(std::move(clips)), m_fallback(fallback), m_log(std::move(log)), m_settings(settings) {}

Pcm ClipSynthesizer::synthesize(const AnnouncementText& text) {
    ClipAssembly assembly = assembleFromClips(text, m_clips, m_settings);
    if (assembly.pcm) return std::move(*assembly.pcm);
    if (m_log && !m_clips.empty() && m_reported.insert(assembly.missing).second) {
        std::string names;
        for (const std::string& stem : assembly.missing) names += (names.empty() ? "" : ", ") + stem + ".wav";
        m_log("voice clips missing in " + m_clips.directory().string() + " (" + names + "): using " +
              m_fallback.describe() + " for \"" + text.sentence() + "\"");
    }
    return m_fallback.synthesize(text);
}

std::string ClipSynthesizer::describe() const {
    return "recorded clips in " + m_clips.directory().string() + " (" + std::to_string(m_clips.size()) +
           "), else " + m_fallback.describe();
}

}  // namespace motcua::voice
